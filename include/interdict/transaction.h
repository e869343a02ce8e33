// Transaction: the facts of one sale, update, resale or licensing, built by
// the host and handed to RuleSet::Decide. Fields are those of PRODUCT.md
// ("The transaction document"); see docs/transactions.md.
//
// Every setter validates and normalises its value once, here, so that
// Decide does no parsing: country codes become numbers, instants integers,
// names their normalised keys. A value that does not validate ("USA" as a
// country, "yesterday" as a time) is kept as *invalid*: rules that read it
// evaluate to unknown and fail closed (review). An empty string is the same
// as not setting the field.
//
// A Transaction is built for one RuleSet's schema (its actions and declared
// attributes): create it with RuleSet::NewTransaction(). It may be used with
// any RuleSet whose schema is the same (e.g. a reloaded version of the same
// policies). Thread-compatible: build it on one thread; Decide may read it
// from many. Clear() keeps the memory, so a reused Transaction does not
// allocate once warm (unless names need Unicode transliteration).
#ifndef INTERDICT_INCLUDE_INTERDICT_TRANSACTION_H_
#define INTERDICT_INCLUDE_INTERDICT_TRANSACTION_H_

#include <cstdint>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "absl/types/span.h"
#include "interdict/export.h"

namespace interdict {

namespace internal {
struct TxnData;
class Schema;
}  // namespace internal

enum class PartyRole { kBuyer = 0, kSeller, kReseller, kEndUser };

class Transaction;

// Setters of one party of a Transaction. A view; valid while the
// Transaction lives.
class INTERDICT_EXPORT PartyRef {
 public:
  PartyRef& set_name(absl::string_view name);
  // consumer, business, federal-government or government.
  PartyRef& set_type(absl::string_view type);
  // ISO 3166-1 alpha-2, either case.
  PartyRef& set_country(absl::string_view code);
  // ISO 3166-2, e.g. "UA-43".
  PartyRef& set_region(absl::string_view code);
  PartyRef& set_nationality(absl::string_view code);
  PartyRef& set_incorporated_in(absl::string_view code);
  // YYYY-MM-DD, or an RFC 3339 instant whose date (as written) is taken.
  PartyRef& set_customer_since(absl::string_view date);
  PartyRef& set_customer_since(absl::CivilDay date);

 private:
  friend class Transaction;
  PartyRef(Transaction* txn, int role) : txn_(txn), role_(role) {}
  Transaction* txn_;
  int role_;
};

class INTERDICT_EXPORT ProductRef {
 public:
  ProductRef& set_vendor(absl::string_view vendor);
  ProductRef& set_name(absl::string_view name);
  ProductRef& set_category(absl::string_view category);
  ProductRef& set_version(absl::string_view version);
  // Makers of components inside a white-label or OEM product. Setting an
  // empty span records "no embedded vendors", which differs from not knowing.
  ProductRef& set_embedded_vendors(absl::Span<const absl::string_view> vendors);
  ProductRef& add_embedded_vendor(absl::string_view vendor);

 private:
  friend class Transaction;
  explicit ProductRef(Transaction* txn) : txn_(txn) {}
  Transaction* txn_;
};

class INTERDICT_EXPORT Transaction {
 public:
  Transaction(const Transaction& other);
  Transaction& operator=(const Transaction& other);
  Transaction(Transaction&& other) noexcept;
  Transaction& operator=(Transaction&& other) noexcept;
  ~Transaction();

  // Unsets every field; keeps allocated memory.
  void Clear();

  Transaction& set_id(absl::string_view id);
  // One of the rule set's actions; any other text is kept as invalid.
  Transaction& set_action(absl::string_view action);
  Transaction& set_time(absl::Time time);
  // RFC 3339 with an offset, e.g. "2024-09-29T00:00:00-04:00".
  Transaction& set_time(absl::string_view rfc3339);

  ProductRef product() { return ProductRef(this); }
  PartyRef party(PartyRole role) { return PartyRef(this, static_cast<int>(role)); }
  PartyRef buyer() { return party(PartyRole::kBuyer); }
  PartyRef seller() { return party(PartyRole::kSeller); }
  PartyRef reseller() { return party(PartyRole::kReseller); }
  PartyRef end_user() { return party(PartyRole::kEndUser); }

  // Host-defined attributes, declared by a policy's "attributes". Returns
  // false (and stores nothing) if no policy of the rule set declares `name`.
  // A value of the wrong kind for the declared type is kept as invalid.
  bool set_attribute(absl::string_view name, double value);
  bool set_attribute(absl::string_view name, bool value);
  bool set_attribute(absl::string_view name, absl::string_view text);
  bool set_attribute(absl::string_view name, const char* text) {
    return set_attribute(name, absl::string_view(text));
  }

  // Any field by its path ("buyer.country", "attributes.price"), from text,
  // validated as the field's type. NotFound if there is no such field.
  absl::Status SetField(absl::string_view path, absl::string_view text);
  // Unsets one field. NotFound if there is no such field.
  absl::Status ClearField(absl::string_view path);

  // The text of a field as set ("" if unset), for display.
  std::string GetText(absl::string_view path) const;
  const std::string& id() const;

 private:
  friend class RuleSet;
  friend class PartyRef;
  friend class ProductRef;
  friend class Decision;
  friend struct TransactionAccess;
  explicit Transaction(std::shared_ptr<const internal::Schema> schema);

  std::unique_ptr<internal::TxnData> data_;
};

}  // namespace interdict

#endif  // INTERDICT_INCLUDE_INTERDICT_TRANSACTION_H_
