#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/analysis/analyzer.h"
#include "lib/api/loader.h"

namespace interdict::internal {
namespace {

using ::testing::UnorderedElementsAre;

std::vector<std::string> LintFile(const std::string& path) {
  absl::StatusOr<CheckedLoad> load = LoadAndCheckFiles({path}, CompileOptions());
  EXPECT_TRUE(load.ok() && load->checked) << (load.ok() ? FormatIssues(load->issues) : "");
  absl::StatusOr<std::vector<Issue>> issues = Lint(*load->checked);
  EXPECT_TRUE(issues.ok());
  std::vector<std::string> out;
  for (const Issue& i : *issues) {
    EXPECT_EQ(i.severity, Severity::kWarning);
    EXPECT_GT(i.position.line, 0);
    out.push_back(i.code + " " + i.position.json_pointer);
  }
  return out;
}

TEST(LintTest, FindsEveryPlantedProblem) {
  EXPECT_THAT(LintFile(std::string(INTERDICT_SOURCE_DIR) + "/tests/testdata/lint/dead_rules.json"),
              UnorderedElementsAre("lint-never-matches /rules/0", "lint-never-matches /rules/1",
                                   "lint-dead-action /rules/2", "lint-never-matches /rules/3",
                                   "lint-idle-exemption /rules/4/unless/buyer.country",
                                   "lint-shadowed /rules/6"));
}

TEST(LintTest, ShippedPoliciesAreClean) {
  EXPECT_THAT(LintFile(std::string(INTERDICT_SOURCE_DIR) + "/rules/us"), ::testing::IsEmpty());
}

}  // namespace
}  // namespace interdict::internal
