#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "interdict/rule_set.h"
#include "tests/testing/policies.h"
#include "tests/testing/status_matchers.h"

namespace interdict {
namespace {

using testing::MustCompile;
using testing::PolicyWithRules;
using testing::Rule;

class TransactionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    rules_ = MustCompile(PolicyWithRules(
        Rule("country", "deny", R"({"buyer.country": "US"})") + "," +
        Rule("price", "deny", R"({"attributes.price": {"gt": 100}})") + "," +
        Rule("since", "deny", R"({"buyer.customer_since": {"lt": "2024-07-20"}})")));
  }
  // The effect of rule `id`: "deny", "review" or "-".
  std::string Effect(const Transaction& txn, const std::string& id) {
    EvalState state;
    absl::StatusOr<Decision> d = rules_->Decide(txn, state);
    EXPECT_TRUE(d.ok());
    for (const Match& m : d->matches()) {
      if (m.rule->id == "p/" + id) return VerdictName(m.effect);
    }
    return "-";
  }
  std::shared_ptr<const RuleSet> rules_;
};

TEST_F(TransactionTest, ValidInvalidAbsentAndEmpty) {
  Transaction txn = rules_->NewTransaction();
  txn.set_action("sale");
  EXPECT_EQ(Effect(txn, "country"), "review");  // absent
  txn.buyer().set_country("US");
  EXPECT_EQ(Effect(txn, "country"), "deny");
  txn.buyer().set_country("us");
  EXPECT_EQ(Effect(txn, "country"), "deny");  // codes in either case
  txn.buyer().set_country("USA");
  EXPECT_EQ(Effect(txn, "country"), "review");  // invalid
  txn.buyer().set_country("  ");
  EXPECT_EQ(Effect(txn, "country"), "review");  // blank = absent
  txn.buyer().set_country("DE");
  EXPECT_EQ(Effect(txn, "country"), "-");
  EXPECT_EQ(txn.GetText("buyer.country"), "DE");
}

TEST_F(TransactionTest, AttributesByDeclaredType) {
  Transaction txn = rules_->NewTransaction();
  txn.set_action("sale");
  EXPECT_TRUE(txn.set_attribute("price", 150.0));
  EXPECT_EQ(Effect(txn, "price"), "deny");
  EXPECT_TRUE(txn.set_attribute("price", "150"));  // text for a number: wrong kind
  EXPECT_EQ(Effect(txn, "price"), "review");
  EXPECT_TRUE(txn.set_attribute("price", true));
  EXPECT_EQ(Effect(txn, "price"), "review");
  EXPECT_TRUE(txn.set_attribute("price", std::numeric_limits<double>::quiet_NaN()));
  EXPECT_EQ(Effect(txn, "price"), "review");
  EXPECT_FALSE(txn.set_attribute("colour", "red"));  // not declared: ignored
  EXPECT_TRUE(txn.SetField("attributes.price", "99.5").ok());
  EXPECT_EQ(Effect(txn, "price"), "-");
  EXPECT_EQ(txn.SetField("attributes.colour", "red").code(), absl::StatusCode::kNotFound);
  EXPECT_TRUE(txn.ClearField("attributes.price").ok());
  EXPECT_EQ(Effect(txn, "price"), "review");
}

TEST_F(TransactionTest, DatesFromTextAndCivilDays) {
  Transaction txn = rules_->NewTransaction();
  txn.set_action("sale");
  txn.buyer().set_customer_since(absl::CivilDay(2024, 7, 19));
  EXPECT_EQ(Effect(txn, "since"), "deny");
  txn.buyer().set_customer_since("2024-07-20");
  EXPECT_EQ(Effect(txn, "since"), "-");
  txn.buyer().set_customer_since("2024-07-19T23:30:00-04:00");  // its own date
  EXPECT_EQ(Effect(txn, "since"), "deny");
  txn.buyer().set_customer_since("July 19");
  EXPECT_EQ(Effect(txn, "since"), "review");
}

TEST_F(TransactionTest, TimeFromAbslTime) {
  Transaction txn = rules_->NewTransaction();
  txn.set_time(absl::FromUnixSeconds(1727582400));
  EXPECT_EQ(txn.GetText("time"), "2024-09-29T04:00:00+00:00");
  txn.set_time(absl::InfiniteFuture());
  EXPECT_EQ(Effect(txn, "country"), "review");
}

TEST_F(TransactionTest, ClearCopyAndMove) {
  Transaction txn = rules_->NewTransaction();
  txn.set_id("x").set_action("sale");
  txn.buyer().set_country("US");
  txn.product().add_embedded_vendor("A").add_embedded_vendor("B");
  EXPECT_EQ(txn.GetText("product.embedded_vendors"), "A, B");
  Transaction copy = txn;
  txn.Clear();
  EXPECT_EQ(txn.id(), "");
  EXPECT_EQ(txn.GetText("product.embedded_vendors"), "");
  EXPECT_EQ(copy.id(), "x");
  EXPECT_EQ(Effect(copy, "country"), "deny");
  Transaction moved = std::move(copy);
  EXPECT_EQ(Effect(moved, "country"), "deny");
  txn = moved;
  EXPECT_EQ(Effect(txn, "country"), "deny");
  EXPECT_EQ(txn.SetField("buyer.colour", "x").code(), absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace interdict
