// Checker: PolicyAsts to a CheckedRuleSet. Resolves field paths, list
// references, actions and sources; types every operand against its field;
// validates country and region codes, dates, zones, windows and patterns;
// rejects duplicate ids. Collects every issue it finds.
#ifndef INTERDICT_LIB_CHECK_CHECKER_H_
#define INTERDICT_LIB_CHECK_CHECKER_H_

#include <map>
#include <memory>
#include <string>

#include "lib/check/checked.h"
#include "lib/common/diagnostics.h"
#include "lib/parse/ast.h"

namespace interdict::internal {

struct CheckOptions {
  int max_list_entries = 1000000;      // entries (or aliases) in one list
  int max_regex_program_size = 5000;   // RE2::ProgramSize() of one pattern
};

// Use: Declare() every policy, then Check() every policy, then Finish().
// Policies should come sorted by id: their rules keep that order.
class Checker {
 public:
  explicit Checker(const CheckOptions& options);
  ~Checker();

  // Pass 1: adds the policy's actions and attributes to the shared schema.
  void Declare(const PolicyAst& policy, Diagnostics& diag);
  // Pass 2: checks the policy's sources, lists and rules.
  void Check(const PolicyAst& policy, Diagnostics& diag);
  CheckedRuleSet Finish();

 private:
  class PolicyChecker;

  CheckOptions options_;
  CheckedRuleSet out_;
  std::map<std::string, std::string> policy_files_;  // policy id -> file
};

}  // namespace interdict::internal

#endif  // INTERDICT_LIB_CHECK_CHECKER_H_
