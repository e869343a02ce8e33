// GoogleTest helpers for host applications that test their policies like
// code (CMake target interdict::testing; needs GoogleTest).
//
//   EXPECT_THAT(rules->Decide(txn, state), IsDenied().ByRule("kaspersky-2024/updates"));
//   EXPECT_THAT(rules->Decide(other, state), IsReviewed().NamingUnknown("buyer.country"));
//   EXPECT_EQ(ExpectPolicyTestFile("rules/us/kaspersky-2024.test.json"), 0);
#ifndef INTERDICT_INCLUDE_INTERDICT_TESTING_H_
#define INTERDICT_INCLUDE_INTERDICT_TESTING_H_

#include <memory>
#include <ostream>
#include <string>
#include <type_traits>
#include <vector>

#include "absl/status/statusor.h"
#include "gmock/gmock.h"
#include "interdict/rule_set.h"

namespace interdict::testing {

template <typename T>
class DecisionMatcherImpl;

// Matches a Decision, an absl::StatusOr<Decision> (which must be OK) or an
// Explanation with the given verdict and, optionally, conditions on its
// matches. Rule ids are full ("kaspersky-2024/updates") or the part after
// the slash when that is unambiguous ("updates").
class DecisionMatcher {
 public:
  explicit DecisionMatcher(Verdict verdict) : verdict_(verdict) {}

  // The rule must be among the matches.
  DecisionMatcher ByRule(std::string rule_id) const;
  // The rule must not be among the matches.
  DecisionMatcher NotByRule(std::string rule_id) const;
  // An undecided match must name the field as missing or invalid.
  DecisionMatcher NamingUnknown(std::string field) const;

  template <typename T>
  operator ::testing::Matcher<T>() const;  // NOLINT: implicit, as gMock matchers are

 private:
  template <typename T>
  friend class DecisionMatcherImpl;
  struct Observed {
    Verdict verdict = Verdict::kAllow;
    std::vector<std::string> rules;
    std::vector<std::string> unknown_fields;
  };
  bool Check(const Observed& observed, ::testing::MatchResultListener* listener) const;
  void Describe(std::ostream* os) const;
  static Observed Observe(const Decision& d);
  static Observed Observe(const Explanation& e);

  Verdict verdict_;
  std::vector<std::string> rules_, not_rules_, unknown_fields_;
};

template <typename T>
class DecisionMatcherImpl : public ::testing::MatcherInterface<T> {
 public:
  explicit DecisionMatcherImpl(DecisionMatcher m) : m_(std::move(m)) {}
  bool MatchAndExplain(T arg, ::testing::MatchResultListener* listener) const override {
    using Arg = std::decay_t<T>;
    if constexpr (std::is_same_v<Arg, absl::StatusOr<Decision>>) {
      if (!arg.ok()) {
        *listener << "which is an error: " << arg.status();
        return false;
      }
      return m_.Check(DecisionMatcher::Observe(*arg), listener);
    } else {
      return m_.Check(DecisionMatcher::Observe(arg), listener);
    }
  }
  void DescribeTo(std::ostream* os) const override { m_.Describe(os); }
  void DescribeNegationTo(std::ostream* os) const override {
    *os << "not (";
    m_.Describe(os);
    *os << ")";
  }

 private:
  DecisionMatcher m_;
};

template <typename T>
DecisionMatcher::operator ::testing::Matcher<T>() const {
  return ::testing::MakeMatcher(new DecisionMatcherImpl<T>(*this));
}

DecisionMatcher IsDenied();
DecisionMatcher IsReviewed();
DecisionMatcher IsAllowed();

// Runs every case of a policy test file (docs/testing.md) inside the
// current test: one failure, with the trace, per failing case. Returns the
// number of failing cases (a file that cannot be loaded counts as one).
int ExpectPolicyTestFile(const std::string& path);

// Registers every case of the policy test files found under `paths` as its
// own test, suite "<file name>". Call before RUN_ALL_TESTS(). Returns the
// number of files.
int RegisterPolicyTests(const std::vector<std::string>& paths);

}  // namespace interdict::testing

#endif  // INTERDICT_INCLUDE_INTERDICT_TESTING_H_
