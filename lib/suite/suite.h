// Policy test files ("suites"): named cases next to a policy, each a
// transaction and the decision it must get. Format: docs/testing.md.
//
//   {"tests": "kaspersky-2024",
//    "policies": ["kaspersky-2024.json"],        // optional; default: <stem>.json
//    "defaults": {"action": "sale", ...},        // merged under every case
//    "cases": [{"name": "...", "transaction": {...}, "expect": "deny",
//               "rules": ["updates"], "not_rules": [...],
//               "unknown_fields": ["buyer.country"]}]}
#ifndef INTERDICT_LIB_SUITE_SUITE_H_
#define INTERDICT_LIB_SUITE_SUITE_H_

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "interdict/issue.h"
#include "interdict/rule_set.h"

namespace interdict::internal {

struct SuiteCase {
  std::string name;
  int line = 0;                // where the case starts in the test file
  std::string transaction;     // the merged transaction document, as JSON text
  Verdict expect = Verdict::kAllow;
  std::vector<std::string> rules;           // must all match (full ids)
  std::vector<std::string> not_rules;       // must not match (full ids)
  std::vector<std::string> unknown_fields;  // must be named by undecided matches
};

struct Suite {
  std::string file;
  std::string tests;                  // the "tests" label
  std::vector<std::string> policies;  // resolved paths
  std::vector<SuiteCase> cases;
};

// Parses a test file. Mistakes in it come back as issues (with positions),
// and then `suite` is unusable.
struct SuiteLoad {
  Suite suite;
  std::vector<Issue> issues;
  bool ok() const;
};
absl::StatusOr<SuiteLoad> LoadSuite(const std::string& path);

// True if `path` names a test file (*.test.json).
bool IsSuiteFile(const std::string& path);
// Every *.test.json under the given files and directories, sorted.
std::vector<std::string> FindSuiteFiles(const std::vector<std::string>& paths);

struct CaseOutcome {
  bool passed = false;
  std::string failure;      // what differed, one line per difference
  std::string explanation;  // on failure: the trace of the rules involved
  Verdict actual = Verdict::kAllow;
  std::vector<std::string> actual_rules;
  std::optional<Explanation> trace;  // when asked for, or on failure
};

// Decides one case against `rules`. Resolves short rule ids ("updates")
// against the rule set. With `keep_trace`, keeps the Explanation (for
// coverage) even when the case passes.
CaseOutcome RunCase(const RuleSet& rules, const SuiteCase& c, bool keep_trace = false);

// "updates" -> "kaspersky-2024/updates" when exactly one rule ends so.
std::string ResolveRuleId(const RuleSet& rules, const std::string& id);

// The trace of `e` limited to the rules in `ids` (all rules if empty).
std::string TraceText(const Explanation& e, const std::vector<std::string>& ids);

// Which rules and which conditions test cases reached, and with which
// results (docs/testing.md, "Coverage").
class Coverage {
 public:
  // Declares the rules of a rule set, so that rules no case reaches show.
  void AddRules(const RuleSet& rules);
  // Records one case's trace.
  void Add(const Explanation& e);
  // The report: per rule, how many cases reached it and with which results,
  // and per condition whether it was true, false and unknown at least once.
  std::string Report() const;
  int rules_total() const { return static_cast<int>(rules_.size()); }
  int rules_reached() const;

 private:
  struct Condition {
    std::string label;  // indented "part: text"
    bool seen[3] = {false, false, false};  // indexed by Truth
  };
  struct RuleCoverage {
    std::string id, where;
    int reached = 0;
    int results[3] = {0, 0, 0};  // indexed by Truth
    std::vector<std::string> order;  // condition keys in trace order
    std::map<std::string, Condition> conditions;
  };
  std::vector<std::string> order_;  // rule ids, first declared first
  std::map<std::string, RuleCoverage> rules_;
};

}  // namespace interdict::internal

#endif  // INTERDICT_LIB_SUITE_SUITE_H_
