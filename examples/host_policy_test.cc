// How a host application tests its policies with interdict::testing
// (include/interdict/testing.h): gMock matchers on decisions, and a policy
// test file run inside a GoogleTest.
//
//   build/bin/host_policy_test
#include "gtest/gtest.h"
#include "interdict/rule_set.h"
#include "interdict/testing.h"

namespace {

using interdict::testing::IsAllowed;
using interdict::testing::IsDenied;
using interdict::testing::IsReviewed;

class KasperskyPolicyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto compiled = interdict::RuleSet::CompileFilesOrError({"rules/us/kaspersky-2024.json"});
    ASSERT_TRUE(compiled.ok()) << compiled.status();
    rules_ = *compiled;
  }
  // A license held since 2023 by a U.S. consumer, asking for an update.
  interdict::Transaction Update(const char* time) {
    interdict::Transaction txn = rules_->NewTransaction();
    txn.set_action("update").set_time(time);
    txn.product().set_vendor("AO Kaspersky Lab").set_category("antivirus");
    txn.buyer().set_type("consumer").set_country("US").set_customer_since("2023-05-01");
    return txn;
  }
  std::shared_ptr<const interdict::RuleSet> rules_;
  interdict::EvalState state_;
};

TEST_F(KasperskyPolicyTest, UpdatesStopAtTheCutoff) {
  EXPECT_THAT(rules_->Decide(Update("2024-09-28T23:59:59-04:00"), state_), IsAllowed());
  EXPECT_THAT(rules_->Decide(Update("2024-09-29T00:00:00-04:00"), state_),
              IsDenied().ByRule("kaspersky-2024/updates").NotByRule("federal-use"));
}

TEST_F(KasperskyPolicyTest, MissingCountryIsReviewNotAllow) {
  interdict::Transaction txn = Update("2024-10-01T00:00:00Z");
  ASSERT_TRUE(txn.ClearField("buyer.country").ok());
  EXPECT_THAT(rules_->Decide(txn, state_), IsReviewed().ByRule("updates").NamingUnknown("buyer.country"));
  // Explanations match too.
  EXPECT_THAT(*rules_->Explain(txn), IsReviewed());
}

TEST_F(KasperskyPolicyTest, ShippedTestFilePasses) {
  EXPECT_EQ(interdict::testing::ExpectPolicyTestFile("rules/us/kaspersky-2024.test.json"), 0);
}

}  // namespace
