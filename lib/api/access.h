// Internal access to the private parts of the public API classes, for the
// facade implementation (lib/api) only.
#ifndef INTERDICT_LIB_API_ACCESS_H_
#define INTERDICT_LIB_API_ACCESS_H_

#include <memory>

#include "interdict/rule_set.h"
#include "interdict/transaction.h"
#include "lib/eval/program.h"
#include "lib/eval/value.h"

namespace interdict {

struct TransactionAccess {
  static const internal::TxnData& Data(const Transaction& t) { return *t.data_; }
  static internal::TxnData& Data(Transaction& t) { return *t.data_; }
  static Transaction Make(std::shared_ptr<const internal::Schema> schema) {
    return Transaction(std::move(schema));
  }
};

struct RuleSetAccess {
  static const internal::Program& Program(const RuleSet& r) { return *r.program_; }
  static std::shared_ptr<RuleSet> Make(std::shared_ptr<const internal::Program> program,
                                       std::vector<PolicyInfo> policies, std::string hash) {
    std::shared_ptr<RuleSet> r(new RuleSet());
    r->program_ = std::move(program);
    r->policies_ = std::move(policies);
    r->hash_ = std::move(hash);
    for (const RuleInfo& rule : r->program_->rules) r->match_json_.push_back(DecidedMatchJson(rule));
    return r;
  }
  static const std::string& DecidedMatch(const RuleSet& r, size_t rule) { return r.match_json_[rule]; }
  // The JSON of a match that holds, which only depends on the rule
  // (json_io.cc), so that writing decisions is mostly string appends.
  static std::string DecidedMatchJson(const RuleInfo& rule);
};

namespace internal {

// Stores `text` into `v` as a value of `field`'s type: valid if it
// validates, else invalid (text kept). Empty text unsets the field.
void SetValueFromText(const Schema& schema, const FieldInfo& field, absl::string_view text,
                      Value* v);
void SetValueNumber(const FieldInfo& field, double d, Value* v);
void SetValueBool(const FieldInfo& field, bool b, Value* v);
void ClearValue(Value* v);
// Appends one element to a list field's value.
void AppendListItem(const Schema& schema, const FieldInfo& field, absl::string_view text, Value* v);

}  // namespace internal
}  // namespace interdict

#endif  // INTERDICT_LIB_API_ACCESS_H_
