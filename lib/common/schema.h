// Schema: the transaction fields a rule can read, each with a type and a
// slot number. The fixed fields are those of PRODUCT.md; host-defined
// attributes ("attributes.price") are declared by policies and get slots
// after the fixed ones. A rule set has one Schema, shared with every
// Transaction built for it.
#ifndef INTERDICT_LIB_COMMON_SCHEMA_H_
#define INTERDICT_LIB_COMMON_SCHEMA_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace interdict::internal {

enum class FieldType : uint8_t {
  kString,     // text compared exactly
  kName,       // a party or vendor name, compared after normalisation
  kAction,     // one of the rule set's actions
  kPartyType,  // consumer, business, federal-government, government
  kCountry,    // ISO 3166-1 alpha-2
  kRegion,     // ISO 3166-2
  kDate,       // YYYY-MM-DD
  kInstant,    // RFC 3339 with offset
  kNumber,
  kBool,
};

const char* FieldTypeName(FieldType type);
// Parses an attribute type name ("string", "number", ...); false if unknown.
bool ParseAttributeType(absl::string_view name, FieldType* type);
const std::vector<std::string>& AttributeTypeNames();

// Fixed slots.
enum FixedSlot : uint16_t {
  kSlotId = 0,
  kSlotAction,
  kSlotTime,
  kSlotProductVendor,
  kSlotProductName,
  kSlotProductCategory,
  kSlotProductVersion,
  kSlotProductEmbeddedVendors,
  kSlotPartyBase,  // then kPartyFieldCount slots per party role
};

enum PartyField : uint16_t {
  kPartyName = 0,
  kPartyType,
  kPartyCountry,
  kPartyRegion,
  kPartyNationality,
  kPartyIncorporatedIn,
  kPartyCustomerSince,
  kPartyFieldCount,
};

inline constexpr int kPartyRoleCount = 4;  // buyer, seller, reseller, end_user
inline constexpr uint16_t kFixedSlotCount = kSlotPartyBase + kPartyRoleCount * kPartyFieldCount;

inline constexpr uint16_t PartySlot(int role, PartyField field) {
  return static_cast<uint16_t>(kSlotPartyBase + role * kPartyFieldCount + field);
}

const char* PartyRoleName(int role);  // "buyer", "seller", "reseller", "end_user"
const char* PartyFieldName(PartyField field);

// Party types, in their numbering.
const std::vector<std::string>& PartyTypeNames();
int PartyTypeIndex(absl::string_view name);  // -1 if unknown

// Built-in actions: sale, update, resale, licensing (numbers 0 to 3).
const std::vector<std::string>& BuiltinActions();
inline constexpr int kMaxActions = 64;

struct FieldInfo {
  std::string path;  // "buyer.country", "attributes.price"
  FieldType type = FieldType::kString;
  bool is_list = false;  // product.embedded_vendors
  uint16_t slot = 0;
};

// Thread-compatible while being built; immutable and thread-safe once shared.
class Schema {
 public:
  Schema();

  // Declares an attribute. Redeclaring with the same type is a no-op;
  // another type is FailedPrecondition.
  absl::Status AddAttribute(absl::string_view name, FieldType type);
  // Declares an action; returns its number. ResourceExhausted past kMaxActions.
  absl::Status AddAction(absl::string_view name);

  // The field at `path` ("buyer.country", "attributes.price"), or null.
  const FieldInfo* Find(absl::string_view path) const;
  const FieldInfo& field(uint16_t slot) const { return fields_[slot]; }
  uint16_t slot_count() const { return static_cast<uint16_t>(fields_.size()); }
  // Every field path, for "did you mean".
  std::vector<std::string> Paths() const;

  int ActionIndex(absl::string_view name) const;  // -1 if unknown
  const std::vector<std::string>& actions() const { return actions_; }

  // Identifies the slot layout and action numbering: two schemas with equal
  // fingerprints accept the same transactions.
  const std::string& fingerprint() const { return fingerprint_; }

 private:
  void AddField(std::string path, FieldType type, bool is_list);
  void UpdateFingerprint();

  std::vector<FieldInfo> fields_;
  absl::flat_hash_map<std::string, uint16_t> by_path_;
  std::vector<std::string> actions_;
  std::string fingerprint_;
};

}  // namespace interdict::internal

#endif  // INTERDICT_LIB_COMMON_SCHEMA_H_
