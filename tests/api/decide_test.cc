// Black-box tests of the public API (include/interdict only).
#include <filesystem>
#include <fstream>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "interdict/json.h"
#include "interdict/rule_set.h"
#include "tests/testing/policies.h"
#include "tests/testing/status_matchers.h"

namespace interdict {
namespace {

using ::testing::HasSubstr;
using testing::MustCompile;
using testing::PolicyWithRules;
using testing::Rule;
using testing::StatusIs;

const std::string kRulesDir = std::string(INTERDICT_SOURCE_DIR) + "/rules/us";

TEST(DecideTest, ShippedRulesDecideTheMotivatingCase) {
  ASSERT_OK_AND_ASSIGN(std::shared_ptr<const RuleSet> rules,
                       RuleSet::CompileFilesOrError({kRulesDir}));
  EXPECT_EQ(rules->policies().size(), 6u);
  Transaction txn = rules->NewTransaction();
  txn.set_id("t-1").set_action("update").set_time("2024-09-29T00:00:00-04:00");
  txn.product().set_vendor("AO Kaspersky Lab").set_name("Kaspersky Standard").set_category("antivirus");
  txn.buyer().set_name("Jane Doe").set_type("consumer").set_country("US").set_nationality("US")
      .set_customer_since("2023-05-01");
  EvalState state;
  ASSERT_OK_AND_ASSIGN(Decision d, rules->Decide(txn, state));
  EXPECT_EQ(d.verdict(), Verdict::kDeny);
  ASSERT_EQ(d.matches().size(), 1u);
  const RuleInfo& rule = *d.matches()[0].rule;
  EXPECT_EQ(rule.id, "kaspersky-2024/updates");
  EXPECT_EQ(rule.policy_id, "kaspersky-2024");
  EXPECT_THAT(rule.citation, HasSubstr("BIS press release"));
  EXPECT_THAT(rule.position.file, HasSubstr("kaspersky-2024.json"));
  EXPECT_GT(rule.position.line, 0);
  // One second earlier: allowed.
  txn.set_time("2024-09-28T23:59:59-04:00");
  ASSERT_OK_AND_ASSIGN(d, rules->Decide(txn, state));
  EXPECT_EQ(d.verdict(), Verdict::kAllow);
  EXPECT_TRUE(d.matches().empty());
}

TEST(DecideTest, TransactionOfAnotherSchemaIsFailedPrecondition) {
  auto a = MustCompile(PolicyWithRules(Rule("r", "deny", "")));
  auto b = MustCompile(R"({"policy": "b", "version": "1", "title": "t", "sources": {"s": {"citation": "c"}},
      "rules": [{"id": "r", "effect": "deny", "actions": ["sale"], "reason": "x", "source": "s"}]})");
  Transaction txn = b->NewTransaction();
  EvalState state;
  EXPECT_THAT(a->Decide(txn, state), StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("built for")));
  EXPECT_THAT(a->Explain(txn), StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("built for")));
  // A recompiled rule set with the same schema accepts it (reloads).
  auto a2 = MustCompile(PolicyWithRules(Rule("r", "review", "")));
  Transaction t2 = a->NewTransaction();
  t2.set_action("sale");
  ASSERT_OK_AND_ASSIGN(Decision d, a2->Decide(t2, state));
  EXPECT_EQ(d.verdict(), Verdict::kReview);
}

TEST(DecideTest, OneStateAcrossRuleSets) {
  auto a = MustCompile(PolicyWithRules(Rule("r", "deny", "")));
  auto b = MustCompile(PolicyWithRules(Rule("r", "review", "") + "," + Rule("s2", "deny", "")));
  EvalState state;
  Transaction txn = a->NewTransaction();
  txn.set_action("sale");
  for (int i = 0; i < 3; ++i) {
    ASSERT_OK_AND_ASSIGN(Decision da, a->Decide(txn, state));
    EXPECT_EQ(da.matches().size(), 1u);
    ASSERT_OK_AND_ASSIGN(Decision db, b->Decide(txn, state));
    EXPECT_EQ(db.matches().size(), 2u);
  }
}

TEST(DecideTest, ExplainTracesEveryConditionWithValues) {
  auto rules = MustCompile(PolicyWithRules(Rule(
      "r", "deny", R"({"product.vendor": {"in": "@vendors"}, "any": [{"buyer.country": {"in": "@us"}}, {"buyer.type": "consumer"}]})",
      R"("effective": {"from": "2024-07-20"}, "unless": {"product.category": "threat-intelligence"})")));
  Transaction txn = rules->NewTransaction();
  txn.set_action("sale").set_time("2024-08-01T00:00:00Z");
  txn.product().set_vendor("KASPERSKY LAB, A.O.").set_category("antivirus");
  txn.buyer().set_country("US");
  ASSERT_OK_AND_ASSIGN(Explanation e, rules->Explain(txn));
  EXPECT_EQ(e.verdict, Verdict::kDeny);
  ASSERT_EQ(e.rules.size(), 1u);
  const RuleTrace& rt = e.rules[0];
  EXPECT_EQ(rt.result, Truth::kTrue);
  std::vector<std::string> lines;
  for (const ConditionTrace& c : rt.conditions) {
    lines.push_back(c.part + "|" + std::to_string(c.depth) + "|" + c.text + "|" + TruthName(c.result) +
                    "|" + c.value);
  }
  EXPECT_THAT(lines, ::testing::ElementsAre(
      "window|0|time in [2024-07-20T04:00:00Z, +inf)|true|\"2024-08-01T00:00:00Z\" = 2024-08-01T00:00:00Z",
      "when|0|all|true|",
      "when|1|product.vendor in \"@vendors\"|true|\"KASPERSKY LAB, A.O.\" (= AO Kaspersky Lab)",
      "when|1|any|true|",
      // Explain evaluates every condition, also those Decide short-circuits:
      "when|2|buyer.country in \"@us\"|true|\"US\"",
      "when|2|buyer.type eq \"consumer\"|unknown|missing",
      "unless|0|product.category eq \"threat-intelligence\"|false|\"antivirus\"",
      "unless|0|not (unless)|true|"));
  EXPECT_THAT(e.ToText(), HasSubstr("rule p/r: true -> deny"));
}

TEST(DecideTest, CompileFilesSkipsNonPoliciesInDirectoriesOnly) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / "interdict_api_test_dir";
  fs::remove_all(dir);
  fs::create_directories(dir / "sub");
  std::ofstream(dir / "sub" / "p.json") << PolicyWithRules(Rule("r", "deny", ""));
  std::ofstream(dir / "p.test.json") << R"({"tests": "p", "cases": []})";
  std::ofstream(dir / "list.json") << R"({"list": "names", "items": []})";
  std::ofstream(dir / "README.md") << "not json";
  ASSERT_OK_AND_ASSIGN(CompileResult r, RuleSet::CompileFiles({dir.string()}));
  EXPECT_TRUE(r.ok()) << FormatIssues(r.issues);
  EXPECT_EQ(r.rule_set->policies().size(), 1u);
  // Named explicitly, a non-policy is an issue.
  ASSERT_OK_AND_ASSIGN(r, RuleSet::CompileFiles({(dir / "list.json").string()}));
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.issues[0].code, "not-a-policy");
  // A broken JSON file in a directory is an issue, not skipped.
  std::ofstream(dir / "broken.json") << "{\"policy\": ";
  ASSERT_OK_AND_ASSIGN(r, RuleSet::CompileFiles({dir.string()}));
  EXPECT_FALSE(r.ok());
  // "rules" without "policy" is a likely typo, not a non-policy.
  fs::remove(dir / "broken.json");
  std::ofstream(dir / "typo.json") << R"({"polcy": "x", "rules": []})";
  ASSERT_OK_AND_ASSIGN(r, RuleSet::CompileFiles({dir.string()}));
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.issues[0].code, "missing-key");
  EXPECT_THAT(RuleSet::CompileFiles({(dir / "absent.json").string()}),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("absent.json")));
  fs::remove_all(dir);
}

TEST(DecideTest, DeclaredActionsAndAttributesAcrossPolicies) {
  auto rules_result = RuleSet::Compile(
      {PolicySource{"a.json", PolicyWithRules(Rule("r", "deny", R"({"attributes.price": {"gt": 5}})"))},
       PolicySource{"b.json", R"({"policy": "b", "version": "1", "title": "t",
          "attributes": {"price": "string"}, "sources": {"s": {"citation": "c"}}, "rules": []})"}});
  ASSERT_TRUE(rules_result.ok());
  ASSERT_FALSE(rules_result->ok());
  EXPECT_EQ(rules_result->issues[0].code, "attribute-conflict");
}

}  // namespace
}  // namespace interdict
