// Loading policies: files and directories to checked rules, and checked
// rules to a RuleSet. RuleSet::Compile* are these two steps; the analyses
// (lib/analysis) use the checked rules themselves.
#ifndef INTERDICT_LIB_API_LOADER_H_
#define INTERDICT_LIB_API_LOADER_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "interdict/rule_set.h"
#include "lib/check/checked.h"

namespace interdict::internal {

struct CheckedLoad {
  std::vector<Issue> issues;             // errors and warnings, in file order
  std::optional<CheckedRuleSet> checked;  // absent if any issue is an error
};

// As RuleSet::CompileFiles / Compile, up to the checked rules.
absl::StatusOr<CheckedLoad> LoadAndCheckFiles(absl::Span<const std::string> paths,
                                              const CompileOptions& options);
absl::StatusOr<CheckedLoad> LoadAndCheckSources(absl::Span<const PolicySource> sources,
                                                const CompileOptions& options);

// Compiles checked rules. ResourceExhausted past a budget of `options`.
absl::StatusOr<std::shared_ptr<const RuleSet>> BuildRuleSet(const CheckedRuleSet& checked,
                                                            const CompileOptions& options);

}  // namespace interdict::internal

#endif  // INTERDICT_LIB_API_LOADER_H_
