// JSON forms of transactions and decisions, as `interdict eval` reads and
// writes them (docs/cli.md).
#ifndef INTERDICT_INCLUDE_INTERDICT_JSON_H_
#define INTERDICT_INCLUDE_INTERDICT_JSON_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "interdict/export.h"
#include "interdict/rule_set.h"

namespace interdict {

// Reads one transaction document (PRODUCT.md) into `txn`, which is cleared
// first. InvalidArgument if the text cannot be read as a transaction: not
// JSON, a value of the wrong JSON type, an unknown key. The message says
// where ("column 17: ...", "buyer.country: ..."). Values of the right JSON
// type that do not validate ("USA") are not errors; they make the field
// invalid. `null` is the same as leaving the key out. Attributes that no
// policy declares are ignored.
INTERDICT_EXPORT absl::Status ParseTransactionJson(absl::string_view json, Transaction* txn);

// {"id", "decision", "matches": [{"rule", "effect", "reason", "source", ...}], "policy_hash"}
INTERDICT_EXPORT std::string DecisionToJson(const Decision& decision, const RuleSet& rules);

// As DecisionToJson, plus "trace": [{"rule", "result", "conditions": [...]}].
INTERDICT_EXPORT std::string ExplanationToJson(const Explanation& explanation,
                                               const Transaction& txn, const RuleSet& rules);

}  // namespace interdict

#endif  // INTERDICT_INCLUDE_INTERDICT_JSON_H_
