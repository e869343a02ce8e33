// Compiler: a CheckedRuleSet to a Program (lib/eval/program.h). Builds the
// matchers (bitmaps for countries and regions, hash sets for strings and
// normalised names, RE2 sets for patterns), turns windows into integer
// instants, and lays out one code sequence per action so that a transaction
// runs only the rules that cover its action.
#ifndef INTERDICT_LIB_COMPILE_COMPILER_H_
#define INTERDICT_LIB_COMPILE_COMPILER_H_

#include <memory>

#include "absl/status/statusor.h"
#include "lib/check/checked.h"
#include "lib/eval/program.h"

namespace interdict::internal {

struct CompileBudget {
  size_t max_instructions = size_t{1} << 24;
  int max_regex_program_size = 5000;
};

// ResourceExhausted when the program would exceed the budget.
absl::StatusOr<std::unique_ptr<Program>> CompileProgram(const CheckedRuleSet& rules,
                                                       const CompileBudget& budget = {});

}  // namespace interdict::internal

#endif  // INTERDICT_LIB_COMPILE_COMPILER_H_
