#include "interdict/transaction.h"

#include <cmath>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "lib/api/access.h"
#include "lib/common/iso3166.h"
#include "lib/common/schema.h"
#include "lib/common/time_util.h"
#include "lib/eval/value.h"
#include "lib/matching/normalizer.h"

namespace interdict {
namespace internal {
namespace {

void SetInvalid(absl::string_view text, Value* v) {
  v->state = ValueState::kInvalid;
  v->text.assign(text.data(), text.size());
}

void SetScalarFromText(const Schema& schema, FieldType type, absl::string_view text, Value* v) {
  v->text.assign(text.data(), text.size());
  v->key.clear();
  v->state = ValueState::kValid;
  switch (type) {
    case FieldType::kString:
      return;
    case FieldType::kName:
      NormalizeNameKey(text, &v->key);
      if (v->key.empty()) v->state = ValueState::kInvalid;
      return;
    case FieldType::kAction:
      v->i = schema.ActionIndex(text);
      if (v->i < 0) v->state = ValueState::kInvalid;
      return;
    case FieldType::kPartyType:
      v->i = PartyTypeIndex(text);
      if (v->i < 0) v->state = ValueState::kInvalid;
      return;
    case FieldType::kCountry:
      v->i = CountryIndex(text);
      if (v->i < 0) v->state = ValueState::kInvalid;
      return;
    case FieldType::kRegion:
      v->i = RegionIndex(text);
      if (v->i < 0) v->state = ValueState::kInvalid;
      return;
    case FieldType::kDate: {
      absl::StatusOr<int64_t> d = ParseDateOrInstantDate(text);
      if (d.ok()) {
        v->i = *d;
      } else {
        v->state = ValueState::kInvalid;
      }
      return;
    }
    case FieldType::kInstant: {
      absl::StatusOr<int64_t> t = ParseRfc3339(text);
      if (t.ok()) {
        v->i = *t;
      } else {
        v->state = ValueState::kInvalid;
      }
      return;
    }
    case FieldType::kNumber:
      if (!absl::SimpleAtod(text, &v->d) || !std::isfinite(v->d)) v->state = ValueState::kInvalid;
      return;
    case FieldType::kBool:
      if (text == "true") {
        v->i = 1;
      } else if (text == "false") {
        v->i = 0;
      } else {
        v->state = ValueState::kInvalid;
      }
      return;
  }
}

bool Blank(absl::string_view text) { return absl::StripAsciiWhitespace(text).empty(); }

}  // namespace

void ClearValue(Value* v) {
  v->state = ValueState::kAbsent;
  v->text.clear();
  v->key.clear();
  v->item_count = 0;
}

void SetValueFromText(const Schema& schema, const FieldInfo& field, absl::string_view text,
                      Value* v) {
  if (Blank(text)) {
    ClearValue(v);
    return;
  }
  if (field.is_list) {
    ClearValue(v);
    AppendListItem(schema, field, text, v);
    return;
  }
  SetScalarFromText(schema, field.type, text, v);
}

void AppendListItem(const Schema& schema, const FieldInfo& field, absl::string_view text,
                    Value* v) {
  if (v->state != ValueState::kValid) {
    v->state = ValueState::kValid;
    v->item_count = 0;
  }
  if (v->item_count == v->items.size()) v->items.emplace_back();
  Value& item = v->items[v->item_count++];
  if (Blank(text)) {
    SetInvalid(text, &item);
    return;
  }
  SetScalarFromText(schema, field.type, text, &item);
}

void SetValueNumber(const FieldInfo& field, double d, Value* v) {
  v->text = absl::StrCat(d);
  if (field.type != FieldType::kNumber || !std::isfinite(d)) {
    v->state = ValueState::kInvalid;
    return;
  }
  v->state = ValueState::kValid;
  v->d = d;
}

void SetValueBool(const FieldInfo& field, bool b, Value* v) {
  v->text = b ? "true" : "false";
  if (field.type != FieldType::kBool) {
    v->state = ValueState::kInvalid;
    return;
  }
  v->state = ValueState::kValid;
  v->i = b ? 1 : 0;
}

}  // namespace internal

using internal::FieldInfo;
using internal::TxnData;
using internal::Value;

Transaction::Transaction(std::shared_ptr<const internal::Schema> schema)
    : data_(std::make_unique<TxnData>(std::move(schema))) {}
Transaction::Transaction(const Transaction& other)
    : data_(std::make_unique<TxnData>(*other.data_)) {}
Transaction& Transaction::operator=(const Transaction& other) {
  if (this != &other) *data_ = *other.data_;
  return *this;
}
Transaction::Transaction(Transaction&& other) noexcept = default;
Transaction& Transaction::operator=(Transaction&& other) noexcept = default;
Transaction::~Transaction() = default;

void Transaction::Clear() {
  for (Value& v : data_->values) internal::ClearValue(&v);
}

namespace {
void SetSlot(TxnData& d, uint16_t slot, absl::string_view text) {
  internal::SetValueFromText(*d.schema, d.schema->field(slot), text, &d.values[slot]);
}
}  // namespace

Transaction& Transaction::set_id(absl::string_view id) {
  SetSlot(*data_, internal::kSlotId, id);
  return *this;
}
Transaction& Transaction::set_action(absl::string_view action) {
  SetSlot(*data_, internal::kSlotAction, action);
  return *this;
}
Transaction& Transaction::set_time(absl::Time time) {
  Value& v = data_->values[internal::kSlotTime];
  v.text = absl::FormatTime(absl::RFC3339_full, time, absl::UTCTimeZone());
  int64_t ns = absl::ToUnixNanos(time);
  bool in_range = absl::FromUnixNanos(ns) == time;
  v.state = in_range ? internal::ValueState::kValid : internal::ValueState::kInvalid;
  v.i = ns;
  return *this;
}
Transaction& Transaction::set_time(absl::string_view rfc3339) {
  SetSlot(*data_, internal::kSlotTime, rfc3339);
  return *this;
}

#define INTERDICT_PARTY_SETTER(method, field)                              \
  PartyRef& PartyRef::method(absl::string_view text) {                     \
    SetSlot(*txn_->data_, internal::PartySlot(role_, internal::field), text); \
    return *this;                                                          \
  }
INTERDICT_PARTY_SETTER(set_name, kPartyName)
INTERDICT_PARTY_SETTER(set_type, kPartyType)
INTERDICT_PARTY_SETTER(set_country, kPartyCountry)
INTERDICT_PARTY_SETTER(set_region, kPartyRegion)
INTERDICT_PARTY_SETTER(set_nationality, kPartyNationality)
INTERDICT_PARTY_SETTER(set_incorporated_in, kPartyIncorporatedIn)
INTERDICT_PARTY_SETTER(set_customer_since, kPartyCustomerSince)
#undef INTERDICT_PARTY_SETTER

PartyRef& PartyRef::set_customer_since(absl::CivilDay date) {
  Value& v = txn_->data_->values[internal::PartySlot(role_, internal::kPartyCustomerSince)];
  v.state = internal::ValueState::kValid;
  v.i = date - absl::CivilDay(1970, 1, 1);
  v.text = internal::FormatDate(v.i);
  return *this;
}

ProductRef& ProductRef::set_vendor(absl::string_view text) {
  SetSlot(*txn_->data_, internal::kSlotProductVendor, text);
  return *this;
}
ProductRef& ProductRef::set_name(absl::string_view text) {
  SetSlot(*txn_->data_, internal::kSlotProductName, text);
  return *this;
}
ProductRef& ProductRef::set_category(absl::string_view text) {
  SetSlot(*txn_->data_, internal::kSlotProductCategory, text);
  return *this;
}
ProductRef& ProductRef::set_version(absl::string_view text) {
  SetSlot(*txn_->data_, internal::kSlotProductVersion, text);
  return *this;
}
ProductRef& ProductRef::set_embedded_vendors(absl::Span<const absl::string_view> vendors) {
  TxnData& d = *txn_->data_;
  Value& v = d.values[internal::kSlotProductEmbeddedVendors];
  internal::ClearValue(&v);
  v.state = internal::ValueState::kValid;
  for (absl::string_view vendor : vendors) add_embedded_vendor(vendor);
  return *this;
}
ProductRef& ProductRef::add_embedded_vendor(absl::string_view vendor) {
  TxnData& d = *txn_->data_;
  uint16_t slot = internal::kSlotProductEmbeddedVendors;
  internal::AppendListItem(*d.schema, d.schema->field(slot), vendor, &d.values[slot]);
  return *this;
}

namespace {
const FieldInfo* Attribute(const TxnData& d, absl::string_view name) {
  return d.schema->Find(absl::StrCat("attributes.", name));
}
}  // namespace

bool Transaction::set_attribute(absl::string_view name, double value) {
  const FieldInfo* f = Attribute(*data_, name);
  if (f == nullptr) return false;
  internal::SetValueNumber(*f, value, &data_->values[f->slot]);
  return true;
}
bool Transaction::set_attribute(absl::string_view name, bool value) {
  const FieldInfo* f = Attribute(*data_, name);
  if (f == nullptr) return false;
  internal::SetValueBool(*f, value, &data_->values[f->slot]);
  return true;
}
bool Transaction::set_attribute(absl::string_view name, absl::string_view text) {
  const FieldInfo* f = Attribute(*data_, name);
  if (f == nullptr) return false;
  Value& v = data_->values[f->slot];
  if (f->type == internal::FieldType::kNumber || f->type == internal::FieldType::kBool) {
    // A number or boolean attribute given as text is the wrong kind.
    v.state = internal::ValueState::kInvalid;
    v.text.assign(text.data(), text.size());
    return true;
  }
  internal::SetValueFromText(*data_->schema, *f, text, &v);
  return true;
}

absl::Status Transaction::SetField(absl::string_view path, absl::string_view text) {
  const FieldInfo* f = data_->schema->Find(path);
  if (f == nullptr) return absl::NotFoundError(absl::StrCat("no field \"", path, "\""));
  internal::SetValueFromText(*data_->schema, *f, text, &data_->values[f->slot]);
  return absl::OkStatus();
}

absl::Status Transaction::ClearField(absl::string_view path) {
  const FieldInfo* f = data_->schema->Find(path);
  if (f == nullptr) return absl::NotFoundError(absl::StrCat("no field \"", path, "\""));
  internal::ClearValue(&data_->values[f->slot]);
  return absl::OkStatus();
}

std::string Transaction::GetText(absl::string_view path) const {
  const FieldInfo* f = data_->schema->Find(path);
  if (f == nullptr) return "";
  const Value& v = data_->values[f->slot];
  if (v.state == internal::ValueState::kAbsent) return "";
  if (!f->is_list) return v.text;
  std::string out;
  for (uint32_t i = 0; i < v.item_count; ++i) {
    if (i > 0) out += ", ";
    out += v.items[i].text;
  }
  return out;
}

const std::string& Transaction::id() const { return data_->values[internal::kSlotId].text; }

}  // namespace interdict
