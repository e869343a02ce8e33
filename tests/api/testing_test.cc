// The gMock matchers of include/interdict/testing.h must fail when they
// should, with a message that says why.
#include "interdict/testing.h"

#include "gmock/gmock.h"
#include "gtest/gtest-spi.h"
#include "gtest/gtest.h"
#include "tests/testing/policies.h"

namespace interdict {
namespace {

using ::testing::Not;
using testing::IsAllowed;
using testing::IsDenied;
using testing::IsReviewed;

template <typename M, typename T>
std::string Explain(const M& matcher, const T& value) {
  ::testing::StringMatchResultListener listener;
  ::testing::Matcher<const T&>(matcher).MatchAndExplain(value, &listener);
  return listener.str();
}

class MatchersTest : public ::testing::Test {
 protected:
  void SetUp() override {
    rules_ = testing::MustCompile(testing::PolicyWithRules(
        testing::Rule("r", "deny", R"({"buyer.country": "US"})") + "," +
        testing::Rule("q", "review", R"({"buyer.type": "consumer"})")));
    txn_ = std::make_unique<Transaction>(rules_->NewTransaction());
    txn_->set_action("sale");
    txn_->buyer().set_country("US");
  }
  std::shared_ptr<const RuleSet> rules_;
  std::unique_ptr<Transaction> txn_;
  EvalState state_;
};

TEST_F(MatchersTest, MatchAndMismatch) {
  absl::StatusOr<Decision> d = rules_->Decide(*txn_, state_);
  EXPECT_THAT(d, IsDenied().ByRule("p/r").ByRule("q").NamingUnknown("buyer.type"));
  EXPECT_THAT(d, Not(IsAllowed()));
  EXPECT_THAT(d, Not(IsDenied().NotByRule("r")));
  EXPECT_THAT(d, Not(IsDenied().ByRule("nope")));
  EXPECT_THAT(d, Not(IsDenied().NamingUnknown("buyer.country")));
  EXPECT_THAT(*d, IsDenied());
  EXPECT_THAT(*rules_->Explain(*txn_), IsDenied().ByRule("r"));
  EXPECT_THAT(Explain(IsReviewed().ByRule("zzz"), d),
              ::testing::HasSubstr("the verdict is deny; zzz did not match"));
}

TEST_F(MatchersTest, ErrorStatusNeverMatches) {
  absl::StatusOr<Decision> error = absl::FailedPreconditionError("wrong schema");
  EXPECT_THAT(error, Not(IsAllowed()));
  EXPECT_THAT(Explain(IsAllowed(), error), ::testing::HasSubstr("which is an error"));
}

TEST_F(MatchersTest, PolicyTestFileFailuresAreReported) {
  EXPECT_EQ(testing::ExpectPolicyTestFile(std::string(INTERDICT_SOURCE_DIR) +
                                          "/rules/us/entity-list-kaspersky.test.json"),
            0);
  // A file whose cases fail: each failure is reported, and counted.
  ::testing::TestPartResultArray results;
  int failed = 0;
  {
    ::testing::ScopedFakeTestPartResultReporter reporter(
        ::testing::ScopedFakeTestPartResultReporter::INTERCEPT_ONLY_CURRENT_THREAD, &results);
    failed = testing::ExpectPolicyTestFile(std::string(INTERDICT_SOURCE_DIR) +
                                           "/tests/testdata/suite/failing.test.json");
  }
  EXPECT_EQ(failed, 2);
  ASSERT_EQ(results.size(), 2);
  EXPECT_THAT(results.GetTestPartResult(0).message(), ::testing::HasSubstr("wrong verdict\nexpected deny, got allow"));
  EXPECT_THAT(results.GetTestPartResult(1).message(),
              ::testing::HasSubstr("expected rule federal to match"));
  // The trace of the rules involved comes with the failure.
  EXPECT_THAT(results.GetTestPartResult(1).message(), ::testing::HasSubstr("rule small/federal: false"));
}

}  // namespace
}  // namespace interdict
