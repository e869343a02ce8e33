// Registers every case of every shipped policy test file (rules/**/*.test.json)
// as one GoogleTest, as cel-cpp's conformance suite does. `interdict test
// rules/` runs the same cases from the command line.
#include <cctype>
#include <filesystem>
#include <map>
#include <memory>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "gtest/gtest.h"
#include "interdict/rule_set.h"
#include "lib/suite/suite.h"

namespace interdict {
namespace {

using internal::Suite;
using internal::SuiteCase;

std::string TestName(const std::string& s) {
  std::string out;
  for (char c : s) out.push_back(std::isalnum(static_cast<unsigned char>(c)) ? c : '_');
  return out;
}

class RuleCaseTest : public ::testing::Test {
 public:
  RuleCaseTest(std::shared_ptr<const RuleSet> rules, SuiteCase c, std::string file)
      : rules_(std::move(rules)), case_(std::move(c)), file_(std::move(file)) {}
  void TestBody() override {
    ASSERT_NE(rules_, nullptr) << "the policies of " << file_ << " do not compile";
    internal::CaseOutcome out = internal::RunCase(*rules_, case_);
    EXPECT_TRUE(out.passed) << file_ << ":" << case_.line << ": " << case_.name << "\n"
                            << out.failure << "\n"
                            << out.explanation;
  }

 private:
  std::shared_ptr<const RuleSet> rules_;
  SuiteCase case_;
  std::string file_;
};

int RegisterSuites() {
  std::vector<std::string> files =
      internal::FindSuiteFiles({std::string(INTERDICT_SOURCE_DIR) + "/rules"});
  for (const std::string& file : files) {
    absl::StatusOr<internal::SuiteLoad> load = internal::LoadSuite(file);
    std::string suite_name = TestName(std::filesystem::path(file).filename().string());
    if (!load.ok() || !load->ok()) {
      std::string why = load.ok() ? FormatIssues(load->issues) : load.status().ToString();
      ::testing::RegisterTest(suite_name.c_str(), "LoadsWithoutErrors", nullptr, nullptr,
                              __FILE__, __LINE__, [why]() -> ::testing::Test* {
                                struct Failing : ::testing::Test {
                                  std::string why;
                                  void TestBody() override { FAIL() << why; }
                                };
                                auto* t = new Failing();
                                t->why = why;
                                return t;
                              });
      continue;
    }
    absl::StatusOr<std::shared_ptr<const RuleSet>> rules =
        RuleSet::CompileFilesOrError(load->suite.policies);
    std::shared_ptr<const RuleSet> shared = rules.ok() ? *rules : nullptr;
    for (const SuiteCase& c : load->suite.cases) {
      ::testing::RegisterTest(suite_name.c_str(), TestName(c.name).c_str(), nullptr, nullptr,
                              file.c_str(), c.line, [shared, c, file]() -> ::testing::Test* {
                                return new RuleCaseTest(shared, c, file);
                              });
    }
  }
  return static_cast<int>(files.size());
}

const int kSuites = RegisterSuites();

TEST(RuleSuites, EveryShippedPolicyHasATestFile) {
  EXPECT_GE(kSuites, 3);
  for (const char* policy : {"kaspersky-2024", "entity-list-kaspersky", "ofac-embargoes"}) {
    std::string path = absl::StrCat(INTERDICT_SOURCE_DIR, "/rules/us/", policy, ".test.json");
    EXPECT_TRUE(std::filesystem::exists(path)) << path;
  }
}

}  // namespace
}  // namespace interdict
