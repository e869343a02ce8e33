// Analyzer: rules as decision diagrams over the value classes of a Domain,
// one per action; and the two analyses built on them: the exact difference
// between two versions of a policy set (`interdict diff`) and lint
// (`interdict check --lint`). docs/analysis.md describes both.
#ifndef INTERDICT_LIB_ANALYSIS_ANALYZER_H_
#define INTERDICT_LIB_ANALYSIS_ANALYZER_H_

#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "interdict/issue.h"
#include "interdict/rule_set.h"
#include "lib/analysis/domain.h"
#include "lib/analysis/mdd.h"
#include "lib/check/checked.h"
#include "nlohmann/json.hpp"

namespace interdict::internal {

class Analyzer {
 public:
  explicit Analyzer(const Domain& domain);

  // The truth (terminals kFalse/kTrue/kUnknown) of rule `r` of `rs` for a
  // transaction whose action is `action` ("" for a missing action).
  int RuleTruth(const CheckedRuleSet& rs, size_t r, const std::string& action);
  // The same without the exemption: action, window and `when`.
  int RuleBase(const CheckedRuleSet& rs, size_t r, const std::string& action);
  // The exemption alone (kFalse if the rule has none).
  int Exemption(const CheckedRuleSet& rs, size_t r, const std::string& action);

  Mdd& mdd() { return mdd_; }
  const Domain& domain() const { return domain_; }

 private:
  int Cond(const CheckedRuleSet& rs, const CheckedCond& c, const std::string& action);
  int Test(const CheckedRuleSet& rs, const CheckedTest& t, const std::string& action);
  int Window(const CheckedRuleSet& rs, const CheckedRule& rule);
  int ActionPart(const CheckedRuleSet& rs, const CheckedRule& rule, const std::string& action);
  // A transaction of rs's schema holding class c of variable v (cached).
  const Transaction& ClassTxn(const CheckedRuleSet& rs, int v, int c);

  const Domain& domain_;
  Mdd mdd_;
  std::map<std::tuple<const CheckedRuleSet*, int, int>, std::unique_ptr<Transaction>> txns_;
  std::map<std::tuple<const CheckedRuleSet*, size_t, std::string, int>, int> memo_;
};

// ---- diff ----

// A set of transactions on which the two versions decide differently: the
// constraints on the fields that matter (others: any value), and a witness.
struct DiffRegion {
  std::string action;  // "" for a missing action
  // What changes, the same for every transaction of the region:
  // "kaspersky-2024/updates: deny -> none", per rule.
  std::vector<std::string> changes;
  std::vector<std::pair<std::string, std::string>> constraints;  // path, classes
  std::vector<std::pair<int, std::vector<int>>> classes;  // the same: variable, class indices
  nlohmann::json witness;  // a transaction document in the region
  std::string old_decision, new_decision;  // as `interdict eval` writes them
  std::vector<std::string> rules;  // matches (rule:effect) that differ on the witness
};

struct DiffResult {
  std::shared_ptr<const Domain> domain;  // what DiffRegion::classes index
  std::vector<DiffRegion> regions;
  bool truncated = false;                 // more regions than were listed
  std::vector<std::string> approximate;   // fields tested with patterns
  std::vector<std::string> problems;      // witnesses that failed to differ (a bug)
};

struct DiffOptions {
  size_t max_regions = 1000;
  // Also regions where a field the change depends on is missing or invalid
  // (where rules fail closed to review). Off, the analysis covers valid
  // values only, and says so.
  bool with_missing = false;
};

// Every region where `old_rules` and `new_rules` (checked and compiled
// forms of two versions) decide differently: a different verdict, or a
// different set of matched rules and effects.
absl::StatusOr<DiffResult> DiffExact(const CheckedRuleSet& old_checked, const RuleSet& old_rules,
                                     const CheckedRuleSet& new_checked, const RuleSet& new_rules,
                                     const DiffOptions& options = {});

// ---- lint ----

// Rules that can never fire or only be undecided, per action; exemptions
// that exempt nothing; rules wholly shadowed by an earlier rule with the
// same effect. As warnings with the rule's position.
absl::StatusOr<std::vector<Issue>> Lint(const CheckedRuleSet& rules);

}  // namespace interdict::internal

#endif  // INTERDICT_LIB_ANALYSIS_ANALYZER_H_
