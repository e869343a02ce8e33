#include "interdict/testing.h"

#include <algorithm>
#include <cctype>
#include <filesystem>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gtest/gtest.h"
#include "lib/suite/suite.h"

namespace interdict::testing {

DecisionMatcher IsDenied() { return DecisionMatcher(Verdict::kDeny); }
DecisionMatcher IsReviewed() { return DecisionMatcher(Verdict::kReview); }
DecisionMatcher IsAllowed() { return DecisionMatcher(Verdict::kAllow); }

DecisionMatcher DecisionMatcher::ByRule(std::string rule_id) const {
  DecisionMatcher m = *this;
  m.rules_.push_back(std::move(rule_id));
  return m;
}

DecisionMatcher DecisionMatcher::NotByRule(std::string rule_id) const {
  DecisionMatcher m = *this;
  m.not_rules_.push_back(std::move(rule_id));
  return m;
}

DecisionMatcher DecisionMatcher::NamingUnknown(std::string field) const {
  DecisionMatcher m = *this;
  m.unknown_fields_.push_back(std::move(field));
  return m;
}

DecisionMatcher::Observed DecisionMatcher::Observe(const Decision& d) {
  Observed o;
  o.verdict = d.verdict();
  for (const Match& m : d.matches()) {
    o.rules.push_back(m.rule->id);
    for (const UnknownField& f : d.unknown_fields(m)) o.unknown_fields.push_back(f.path);
  }
  return o;
}

DecisionMatcher::Observed DecisionMatcher::Observe(const Explanation& e) {
  Observed o;
  o.verdict = e.verdict;
  for (const OwnedMatch& m : e.matches) {
    o.rules.push_back(m.rule->id);
    for (const UnknownField& f : m.unknown_fields) o.unknown_fields.push_back(f.path);
  }
  return o;
}

namespace {
// A full id matches itself; "updates" matches any "<policy>/updates".
bool SameRule(const std::string& observed, const std::string& wanted) {
  return observed == wanted ||
         (wanted.find('/') == std::string::npos && absl::EndsWith(observed, "/" + wanted));
}
bool Has(const std::vector<std::string>& observed, const std::string& wanted) {
  return std::any_of(observed.begin(), observed.end(),
                     [&](const std::string& o) { return SameRule(o, wanted); });
}
}  // namespace

bool DecisionMatcher::Check(const Observed& o, ::testing::MatchResultListener* listener) const {
  std::vector<std::string> problems;
  if (o.verdict != verdict_) problems.push_back(absl::StrCat("the verdict is ", VerdictName(o.verdict)));
  for (const std::string& r : rules_) {
    if (!Has(o.rules, r)) problems.push_back(absl::StrCat(r, " did not match"));
  }
  for (const std::string& r : not_rules_) {
    if (Has(o.rules, r)) problems.push_back(absl::StrCat(r, " matched"));
  }
  for (const std::string& f : unknown_fields_) {
    if (std::find(o.unknown_fields.begin(), o.unknown_fields.end(), f) == o.unknown_fields.end()) {
      problems.push_back(absl::StrCat(f, " is not named unknown"));
    }
  }
  *listener << "whose verdict is " << VerdictName(o.verdict) << " with matches ["
            << absl::StrJoin(o.rules, ", ") << "]";
  if (!problems.empty()) *listener << ": " << absl::StrJoin(problems, "; ");
  return problems.empty();
}

void DecisionMatcher::Describe(std::ostream* os) const {
  *os << "is a decision to " << VerdictName(verdict_);
  if (!rules_.empty()) *os << " by " << absl::StrJoin(rules_, ", ");
  if (!not_rules_.empty()) *os << ", not by " << absl::StrJoin(not_rules_, ", ");
  if (!unknown_fields_.empty()) *os << ", naming " << absl::StrJoin(unknown_fields_, ", ") << " unknown";
}

namespace {

struct LoadedSuite {
  internal::Suite suite;
  std::shared_ptr<const RuleSet> rules;
  std::string error;
};

LoadedSuite Load(const std::string& path) {
  LoadedSuite out;
  absl::StatusOr<internal::SuiteLoad> load = internal::LoadSuite(path);
  if (!load.ok()) {
    out.error = std::string(load.status().message());
    return out;
  }
  if (!load->ok()) {
    out.error = FormatIssues(load->issues);
    return out;
  }
  out.suite = std::move(load->suite);
  absl::StatusOr<std::shared_ptr<const RuleSet>> rules =
      RuleSet::CompileFilesOrError(out.suite.policies);
  if (!rules.ok()) {
    out.error = std::string(rules.status().message());
    return out;
  }
  out.rules = *rules;
  return out;
}

std::string Report(const std::string& file, const internal::SuiteCase& c,
                   const internal::CaseOutcome& out) {
  return absl::StrCat(file, ":", c.line, ": ", c.name, "\n", out.failure, "\n", out.explanation);
}

class PolicyCaseTest : public ::testing::Test {
 public:
  PolicyCaseTest(std::shared_ptr<const RuleSet> rules, internal::SuiteCase c, std::string file)
      : rules_(std::move(rules)), case_(std::move(c)), file_(std::move(file)) {}
  void TestBody() override {
    internal::CaseOutcome out = internal::RunCase(*rules_, case_);
    EXPECT_TRUE(out.passed) << Report(file_, case_, out);
  }

 private:
  std::shared_ptr<const RuleSet> rules_;
  internal::SuiteCase case_;
  std::string file_;
};

class FailingTest : public ::testing::Test {
 public:
  explicit FailingTest(std::string why) : why_(std::move(why)) {}
  void TestBody() override { FAIL() << why_; }

 private:
  std::string why_;
};

std::string TestName(const std::string& s) {
  std::string out;
  for (char c : s) out.push_back(std::isalnum(static_cast<unsigned char>(c)) ? c : '_');
  return out;
}

}  // namespace

int ExpectPolicyTestFile(const std::string& path) {
  LoadedSuite loaded = Load(path);
  if (!loaded.error.empty()) {
    ADD_FAILURE() << path << ": " << loaded.error;
    return 1;
  }
  int failed = 0;
  for (const internal::SuiteCase& c : loaded.suite.cases) {
    internal::CaseOutcome out = internal::RunCase(*loaded.rules, c);
    if (!out.passed) {
      ++failed;
      ADD_FAILURE() << Report(path, c, out);
    }
  }
  return failed;
}

int RegisterPolicyTests(const std::vector<std::string>& paths) {
  std::vector<std::string> files = internal::FindSuiteFiles(paths);
  for (const std::string& file : files) {
    std::string suite_name = TestName(std::filesystem::path(file).filename().string());
    LoadedSuite loaded = Load(file);
    if (!loaded.error.empty()) {
      std::string why = file + ": " + loaded.error;
      ::testing::RegisterTest(suite_name.c_str(), "Loads", nullptr, nullptr, file.c_str(), 1,
                              [why]() -> ::testing::Test* { return new FailingTest(why); });
      continue;
    }
    for (const internal::SuiteCase& c : loaded.suite.cases) {
      std::shared_ptr<const RuleSet> rules = loaded.rules;
      ::testing::RegisterTest(suite_name.c_str(), TestName(c.name).c_str(), nullptr, nullptr,
                              file.c_str(), c.line, [rules, c, file]() -> ::testing::Test* {
                                return new PolicyCaseTest(rules, c, file);
                              });
    }
  }
  return static_cast<int>(files.size());
}

}  // namespace interdict::testing
