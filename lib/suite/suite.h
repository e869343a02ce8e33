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

#include <memory>
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
  std::string explanation;  // the Explain trace, on failure
  Verdict actual = Verdict::kAllow;
  std::vector<std::string> actual_rules;
};

// Decides one case against `rules`. Resolves short rule ids ("updates")
// against the suite's policies.
CaseOutcome RunCase(const RuleSet& rules, const SuiteCase& c);

}  // namespace interdict::internal

#endif  // INTERDICT_LIB_SUITE_SUITE_H_
