#include "lib/common/schema.h"

#include <algorithm>

#include "absl/strings/str_cat.h"

namespace interdict::internal {

const char* FieldTypeName(FieldType type) {
  switch (type) {
    case FieldType::kString: return "string";
    case FieldType::kName: return "name";
    case FieldType::kAction: return "action";
    case FieldType::kPartyType: return "party type";
    case FieldType::kCountry: return "country";
    case FieldType::kRegion: return "region";
    case FieldType::kDate: return "date";
    case FieldType::kInstant: return "instant";
    case FieldType::kNumber: return "number";
    case FieldType::kBool: return "boolean";
  }
  return "?";
}

const std::vector<std::string>& AttributeTypeNames() {
  static const auto* names = new std::vector<std::string>{
      "string", "name", "number", "boolean", "date", "instant", "country", "region"};
  return *names;
}

bool ParseAttributeType(absl::string_view name, FieldType* type) {
  static const std::pair<const char*, FieldType> kTypes[] = {
      {"string", FieldType::kString},   {"name", FieldType::kName},
      {"number", FieldType::kNumber},   {"boolean", FieldType::kBool},
      {"date", FieldType::kDate},       {"instant", FieldType::kInstant},
      {"country", FieldType::kCountry}, {"region", FieldType::kRegion}};
  for (const auto& [n, t] : kTypes) {
    if (name == n) {
      *type = t;
      return true;
    }
  }
  return false;
}

const char* PartyRoleName(int role) {
  static const char* const kNames[] = {"buyer", "seller", "reseller", "end_user"};
  return role >= 0 && role < kPartyRoleCount ? kNames[role] : "?";
}

const char* PartyFieldName(PartyField field) {
  static const char* const kNames[] = {"name",        "type",            "country",       "region",
                                       "nationality", "incorporated_in", "customer_since"};
  return field < kPartyFieldCount ? kNames[field] : "?";
}

const std::vector<std::string>& PartyTypeNames() {
  static const auto* names =
      new std::vector<std::string>{"consumer", "business", "federal-government", "government"};
  return *names;
}

int PartyTypeIndex(absl::string_view name) {
  const auto& names = PartyTypeNames();
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i] == name) return static_cast<int>(i);
  }
  return -1;
}

const std::vector<std::string>& BuiltinActions() {
  static const auto* names = new std::vector<std::string>{"sale", "update", "resale", "licensing"};
  return *names;
}

Schema::Schema() {
  AddField("id", FieldType::kString, false);
  AddField("action", FieldType::kAction, false);
  AddField("time", FieldType::kInstant, false);
  AddField("product.vendor", FieldType::kName, false);
  AddField("product.name", FieldType::kString, false);
  AddField("product.category", FieldType::kString, false);
  AddField("product.version", FieldType::kString, false);
  AddField("product.embedded_vendors", FieldType::kName, true);
  static const FieldType kPartyTypes[kPartyFieldCount] = {
      FieldType::kName,    FieldType::kPartyType, FieldType::kCountry, FieldType::kRegion,
      FieldType::kCountry, FieldType::kCountry,   FieldType::kDate};
  for (int role = 0; role < kPartyRoleCount; ++role) {
    for (int f = 0; f < kPartyFieldCount; ++f) {
      AddField(absl::StrCat(PartyRoleName(role), ".", PartyFieldName(static_cast<PartyField>(f))),
               kPartyTypes[f], false);
    }
  }
  actions_ = BuiltinActions();
  UpdateFingerprint();
}

void Schema::AddField(std::string path, FieldType type, bool is_list) {
  uint16_t slot = static_cast<uint16_t>(fields_.size());
  by_path_[path] = slot;
  fields_.push_back(FieldInfo{std::move(path), type, is_list, slot});
}

absl::Status Schema::AddAttribute(absl::string_view name, FieldType type) {
  std::string path = absl::StrCat("attributes.", name);
  if (const FieldInfo* existing = Find(path)) {
    if (existing->type == type) return absl::OkStatus();
    return absl::FailedPreconditionError(
        absl::StrCat("attribute \"", name, "\" is declared as ", FieldTypeName(type),
                     " here but as ", FieldTypeName(existing->type), " by another policy"));
  }
  if (fields_.size() >= 0xFFFF) return absl::ResourceExhaustedError("too many attributes");
  AddField(std::move(path), type, false);
  UpdateFingerprint();
  return absl::OkStatus();
}

absl::Status Schema::AddAction(absl::string_view name) {
  if (ActionIndex(name) >= 0) return absl::OkStatus();
  if (actions_.size() >= kMaxActions) {
    return absl::ResourceExhaustedError(
        absl::StrCat("more than ", kMaxActions, " actions in one rule set"));
  }
  actions_.emplace_back(name);
  UpdateFingerprint();
  return absl::OkStatus();
}

const FieldInfo* Schema::Find(absl::string_view path) const {
  auto it = by_path_.find(path);
  return it == by_path_.end() ? nullptr : &fields_[it->second];
}

std::vector<std::string> Schema::Paths() const {
  std::vector<std::string> paths;
  for (const FieldInfo& f : fields_) paths.push_back(f.path);
  return paths;
}

int Schema::ActionIndex(absl::string_view name) const {
  for (size_t i = 0; i < actions_.size(); ++i) {
    if (actions_[i] == name) return static_cast<int>(i);
  }
  return -1;
}

void Schema::UpdateFingerprint() {
  fingerprint_.clear();
  for (size_t i = kFixedSlotCount; i < fields_.size(); ++i) {
    absl::StrAppend(&fingerprint_, fields_[i].path, ":", FieldTypeName(fields_[i].type), ";");
  }
  absl::StrAppend(&fingerprint_, "|");
  for (const std::string& a : actions_) absl::StrAppend(&fingerprint_, a, ";");
}

}  // namespace interdict::internal
