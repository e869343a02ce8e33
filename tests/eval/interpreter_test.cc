// The semantics of PRODUCT.md, exactly: three-valued logic, windows to the
// second, exemptions, verdict order, deterministic match order, list fields.
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "interdict/json.h"
#include "interdict/rule_set.h"
#include "tests/testing/policies.h"

namespace interdict {
namespace {

using ::testing::ElementsAre;
using testing::MustCompile;
using testing::PolicyWithRules;
using testing::Rule;

struct Outcome {
  Verdict verdict;
  std::vector<std::string> rules;     // "id:effect" per match
  std::vector<std::string> unknowns;  // every unknown field of every match
};

Outcome Decide(const RuleSet& rules, const std::string& txn_json) {
  Transaction txn = rules.NewTransaction();
  absl::Status s = ParseTransactionJson(txn_json, &txn);
  EXPECT_TRUE(s.ok()) << s;
  EvalState state;
  absl::StatusOr<Decision> d = rules.Decide(txn, state);
  EXPECT_TRUE(d.ok()) << d.status();
  Outcome out{d->verdict(), {}, {}};
  for (const Match& m : d->matches()) {
    out.rules.push_back(m.rule->id.substr(2) + ":" + VerdictName(m.effect));
    for (const UnknownField& f : d->unknown_fields(m)) {
      out.unknowns.push_back(f.path + (f.invalid ? "(invalid)" : "(missing)"));
    }
  }
  // Explain must agree with Decide.
  absl::StatusOr<Explanation> e = rules.Explain(txn);
  EXPECT_TRUE(e.ok());
  EXPECT_EQ(e->verdict, out.verdict);
  EXPECT_EQ(e->matches.size(), out.rules.size());
  return out;
}

class ThreeValuedTest : public ::testing::Test {
 protected:
  void SetUp() override {
    rules_ = MustCompile(PolicyWithRules(
        Rule("all", "deny", R"({"buyer.country": "US", "buyer.type": "consumer"})") + "," +
        Rule("any", "deny", R"({"any": [{"seller.country": "US"}, {"seller.incorporated_in": "US"}]})") + "," +
        Rule("not", "review", R"({"not": {"end_user.country": {"in": ["US", "CA"]}}})")));
  }
  std::shared_ptr<const RuleSet> rules_;
};

TEST_F(ThreeValuedTest, AllIsFalseIfAnyPartIsFalseEvenWithUnknowns) {
  Outcome o = Decide(*rules_, R"({"action": "sale", "buyer": {"country": "DE"},
      "seller": {"country": "DE", "incorporated_in": "DE"}, "end_user": {"country": "US"}})");
  EXPECT_EQ(o.verdict, Verdict::kAllow);
  EXPECT_TRUE(o.rules.empty());
}

TEST_F(ThreeValuedTest, AllIsUnknownIfNoPartIsFalseAndSomeAreUnknown) {
  Outcome o = Decide(*rules_, R"({"action": "sale", "buyer": {"country": "US"},
      "seller": {"country": "DE", "incorporated_in": "DE"}, "end_user": {"country": "US"}})");
  EXPECT_EQ(o.verdict, Verdict::kReview);
  EXPECT_THAT(o.rules, ElementsAre("all:review"));
  EXPECT_THAT(o.unknowns, ElementsAre("buyer.type(missing)"));
}

TEST_F(ThreeValuedTest, AnyIsTrueIfAnyPartIsTrueEvenWithUnknowns) {
  Outcome o = Decide(*rules_, R"({"action": "sale", "buyer": {"country": "DE", "type": "consumer"},
      "seller": {"incorporated_in": "US"}, "end_user": {"country": "CA"}})");
  EXPECT_THAT(o.rules, ElementsAre("any:deny"));
  EXPECT_TRUE(o.unknowns.empty());
}

TEST_F(ThreeValuedTest, AnyIsUnknownIfNoneTrueAndSomeUnknown) {
  Outcome o = Decide(*rules_, R"({"action": "sale", "buyer": {"country": "DE", "type": "consumer"},
      "seller": {"country": "USA", "incorporated_in": "DE"}, "end_user": {"country": "CA"}})");
  EXPECT_THAT(o.rules, ElementsAre("any:review"));
  EXPECT_THAT(o.unknowns, ElementsAre("seller.country(invalid)"));
}

TEST_F(ThreeValuedTest, NotKeepsUnknown) {
  Outcome o = Decide(*rules_, R"({"action": "sale", "buyer": {"country": "DE", "type": "consumer"},
      "seller": {"country": "DE", "incorporated_in": "DE"}})");
  EXPECT_THAT(o.rules, ElementsAre("not:review"));
  EXPECT_THAT(o.unknowns, ElementsAre("end_user.country(missing)"));
  o = Decide(*rules_, R"({"action": "sale", "buyer": {"country": "DE", "type": "consumer"},
      "seller": {"country": "DE", "incorporated_in": "DE"}, "end_user": {"country": "MX"}})");
  EXPECT_THAT(o.rules, ElementsAre("not:review"));
  EXPECT_TRUE(o.unknowns.empty());
}

TEST_F(ThreeValuedTest, MaskedUnknownsAreNotNamed) {
  // all(any(unknown, true), unknown): only the second unknown mattered.
  auto rules = MustCompile(PolicyWithRules(Rule(
      "r", "deny",
      R"({"all": [{"any": [{"buyer.country": "US"}, {"buyer.type": "consumer"}]}, {"seller.country": "US"}]})")));
  Outcome o = Decide(*rules, R"({"action": "sale", "buyer": {"type": "consumer"}})");
  EXPECT_THAT(o.rules, ElementsAre("r:review"));
  EXPECT_THAT(o.unknowns, ElementsAre("seller.country(missing)"));
}

TEST_F(ThreeValuedTest, VerdictOrderAndMatchOrder) {
  Outcome o = Decide(*rules_, R"({"action": "sale", "buyer": {"country": "US", "type": "consumer"},
      "seller": {"country": "US"}, "end_user": {"country": "MX"}})");
  EXPECT_EQ(o.verdict, Verdict::kDeny);
  EXPECT_THAT(o.rules, ElementsAre("all:deny", "any:deny", "not:review"));
}

class WindowTest : public ::testing::Test {
 protected:
  void SetUp() override {
    rules_ = MustCompile(PolicyWithRules(
        Rule("w", "deny", "", R"("effective": {"from": "2024-07-20", "until": "2024-09-29T00:00:00-04:00"})") +
        "," + Rule("open-end", "review", "", R"("effective": {"from": "2024-09-29T04:00:00Z"})")));
  }
  Outcome At(const std::string& time) {
    return Decide(*rules_, "{\"action\": \"sale\", \"time\": \"" + time + "\"}");
  }
  std::shared_ptr<const RuleSet> rules_;
};

TEST_F(WindowTest, HalfOpenToTheSecondAcrossZones) {
  EXPECT_EQ(At("2024-07-19T23:59:59-04:00").verdict, Verdict::kAllow);
  EXPECT_EQ(At("2024-07-20T00:00:00-04:00").verdict, Verdict::kDeny);  // from: inclusive
  EXPECT_EQ(At("2024-07-20T04:00:00Z").verdict, Verdict::kDeny);
  EXPECT_EQ(At("2024-07-20T13:29:59+09:30").verdict, Verdict::kAllow);  // = 03:59:59Z
  EXPECT_EQ(At("2024-09-28T23:59:59-04:00").verdict, Verdict::kDeny);
  EXPECT_EQ(At("2024-09-28T23:59:59.999999999-04:00").verdict, Verdict::kDeny);
  EXPECT_THAT(At("2024-09-29T00:00:00-04:00").rules, ElementsAre("open-end:review"));  // until: exclusive
  EXPECT_THAT(At("2024-09-29T05:00:00+01:00").rules, ElementsAre("open-end:review"));
}

TEST_F(WindowTest, MissingOrInvalidTimeIsUnknown) {
  Outcome o = Decide(*rules_, R"({"action": "sale"})");
  EXPECT_THAT(o.rules, ElementsAre("w:review", "open-end:review"));
  EXPECT_THAT(o.unknowns, ElementsAre("time(missing)", "time(missing)"));
  o = At("2024-09-29 04:00");
  EXPECT_THAT(o.unknowns, ElementsAre("time(invalid)", "time(invalid)"));
}

TEST(ExemptionTest, UnlessCarvesOutOnlyItsOwnRule) {
  auto rules = MustCompile(PolicyWithRules(
      Rule("broad", "deny", R"({"product.vendor": {"in": "@vendors"}})",
           R"("unless": {"product.category": "threat-intelligence"})") +
      "," + Rule("narrow", "deny", R"({"product.vendor": {"in": "@vendors"}})")));
  Outcome o = Decide(*rules, R"({"action": "sale", "product": {"vendor": "AO Kaspersky Lab",
      "category": "threat-intelligence"}})");
  EXPECT_EQ(o.verdict, Verdict::kDeny);  // the carve-out does not turn "narrow" into allow
  EXPECT_THAT(o.rules, ElementsAre("narrow:deny"));
  o = Decide(*rules, R"({"action": "sale", "product": {"vendor": "AO Kaspersky Lab"}})");
  EXPECT_THAT(o.rules, ElementsAre("broad:review", "narrow:deny"));
  EXPECT_THAT(o.unknowns, ElementsAre("product.category(missing)"));
}

TEST(ActionTest, RulesApplyToTheirActionsOnly) {
  auto rules = MustCompile(PolicyWithRules(
      R"({"id": "upd", "effect": "deny", "actions": ["update"], "reason": "r", "source": "s"},
         {"id": "int", "effect": "deny", "actions": ["integration"], "reason": "r", "source": "s"})"));
  EXPECT_THAT(Decide(*rules, R"({"action": "update"})").rules, ElementsAre("upd:deny"));
  EXPECT_THAT(Decide(*rules, R"({"action": "integration"})").rules, ElementsAre("int:deny"));
  EXPECT_TRUE(Decide(*rules, R"({"action": "sale"})").rules.empty());
  Outcome o = Decide(*rules, R"({"action": "lease"})");
  EXPECT_THAT(o.rules, ElementsAre("upd:review", "int:review"));
  EXPECT_THAT(o.unknowns, ElementsAre("action(invalid)", "action(invalid)"));
  o = Decide(*rules, R"({})");
  EXPECT_THAT(o.unknowns, ElementsAre("action(missing)", "action(missing)"));
}

TEST(ListFieldTest, AnyElementSemantics) {
  auto rules = MustCompile(PolicyWithRules(
      Rule("embedded", "deny", R"({"product.embedded_vendors": {"in": "@vendors"}})") + "," +
      Rule("none", "review", R"({"not": {"product.embedded_vendors": {"matches": "^Bit"}}})")));
  auto run = [&](const std::string& list) {
    return Decide(*rules, "{\"action\": \"sale\", \"product\": {\"embedded_vendors\": " + list + "}}");
  };
  EXPECT_THAT(run(R"(["Bitdefender", "Kaspersky Lab ZAO"])").rules, ElementsAre("embedded:deny"));
  EXPECT_THAT(run(R"(["Bitdefender"])").rules, ElementsAre());
  EXPECT_THAT(run(R"([])").rules, ElementsAre("none:review"));  // empty: no element passes
  Outcome o = run(R"(["Bitdefender", "LLC"])");  // an invalid element, no match
  EXPECT_THAT(o.rules, ElementsAre("embedded:review"));
  EXPECT_THAT(o.unknowns, ElementsAre("product.embedded_vendors(invalid)"));
  EXPECT_THAT(run(R"(["LLC", "AO Kaspersky Lab"])").rules,
              ElementsAre("embedded:deny", "none:review"));
  o = Decide(*rules, R"({"action": "sale"})");
  EXPECT_THAT(o.rules, ElementsAre("embedded:review", "none:review"));
}

TEST(OperatorTest, EveryOperatorAndType) {
  auto rules = MustCompile(PolicyWithRules(
      Rule("num", "deny", R"({"attributes.price": {"ge": 10, "lt": 100}})") + "," +
      Rule("numset", "deny", R"({"attributes.price": [0, 1.5]})") + "," +
      Rule("bool", "deny", R"({"attributes.no_cost": true})") + "," +
      Rule("date", "deny", R"({"attributes.signed": {"le": "2024-07-19"}})") + "," +
      Rule("region", "deny", R"({"buyer.region": {"in": "@crimea"}})") + "," +
      Rule("pattern", "deny", R"({"product.name": {"matches": "@pats"}})") + "," +
      Rule("string", "deny", R"({"product.category": {"in": "@cats"}})") + "," +
      Rule("ptype", "deny", R"({"buyer.type": ["government", "federal-government"]})") + "," +
      Rule("absent", "deny", R"({"product.version": {"present": false}})")));
  // The effect of rule `id` on the transaction: "deny", "review" or "-".
  auto effect = [&](const std::string& id, const std::string& json) -> std::string {
    for (const std::string& r : Decide(*rules, json).rules) {
      if (r.rfind(id + ":", 0) == 0) return r.substr(id.size() + 1);
    }
    return "-";
  };
  auto txn = [](const std::string& more) { return R"({"action": "sale", )" + more + "}"; };
  EXPECT_EQ(effect("num", txn(R"("attributes": {"price": 10})")), "deny");
  EXPECT_EQ(effect("num", txn(R"("attributes": {"price": 9.99})")), "-");
  EXPECT_EQ(effect("num", txn(R"("attributes": {"price": 100})")), "-");
  EXPECT_EQ(effect("num", txn(R"("attributes": {})")), "review");
  EXPECT_EQ(effect("numset", txn(R"("attributes": {"price": 1.5})")), "deny");
  EXPECT_EQ(effect("numset", txn(R"("attributes": {"price": 1.25})")), "-");
  EXPECT_EQ(effect("bool", txn(R"("attributes": {"no_cost": true})")), "deny");
  EXPECT_EQ(effect("bool", txn(R"("attributes": {"no_cost": false})")), "-");
  EXPECT_EQ(effect("date", txn(R"("attributes": {"signed": "2024-07-19"})")), "deny");
  EXPECT_EQ(effect("date", txn(R"("attributes": {"signed": "2024-07-20"})")), "-");
  EXPECT_EQ(effect("date", txn(R"("attributes": {"signed": "2024-07-32"})")), "review");
  EXPECT_EQ(effect("region", txn(R"("buyer": {"region": "ua-40"})")), "deny");
  EXPECT_EQ(effect("region", txn(R"("buyer": {"region": "UA-30"})")), "-");
  EXPECT_EQ(effect("region", txn(R"("buyer": {"region": "Crimea"})")), "review");
  EXPECT_EQ(effect("pattern", txn(R"("product": {"name": "Kaspersky Plus"})")), "deny");
  EXPECT_EQ(effect("pattern", txn(R"("product": {"name": "Антивирус Касперского"})")), "deny");
  EXPECT_EQ(effect("pattern", txn(R"("product": {"name": "The Kaspersky"})")), "-");
  EXPECT_EQ(effect("string", txn(R"("product": {"category": "firewall"})")), "deny");
  EXPECT_EQ(effect("string", txn(R"("product": {"category": "Firewall"})")), "-");  // exact
  EXPECT_EQ(effect("ptype", txn(R"("buyer": {"type": "government"})")), "deny");
  EXPECT_EQ(effect("ptype", txn(R"("buyer": {"type": "consumer"})")), "-");
  EXPECT_EQ(effect("ptype", txn(R"("buyer": {"type": "person"})")), "review");
  EXPECT_EQ(effect("absent", txn(R"("id": "x")")), "deny");
  EXPECT_EQ(effect("absent", txn(R"("product": {"version": "1"})")), "-");
}

}  // namespace
}  // namespace interdict
