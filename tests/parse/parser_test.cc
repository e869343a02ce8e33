#include "lib/parse/parser.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace interdict::internal {
namespace {

std::optional<PolicyAst> Parse(const std::string& text, std::vector<Issue>* issues) {
  static std::vector<std::unique_ptr<Source>> sources;  // outlive the ASTs' positions
  sources.push_back(std::make_unique<Source>("p.json", text));
  Diagnostics diag(*sources.back(), issues);
  return ParsePolicyText(diag);
}

const char kPolicy[] = R"({
  "policy": "p", "version": "1", "title": "t",
  "sources": {"s": {"citation": "c"}},
  "conditions": {
    "us": {"buyer.country": ["US", "PR"]},
    "both": {"ref": "us", "buyer.type": "consumer"}
  },
  "rules": [{
    "id": "r", "effect": "deny", "actions": ["sale"],
    "when": {"ref": "both", "any": [{"product.vendor": "X"}, {"not": {"time": {"lt": "2024-01-01", "ge": "2023-01-01"}}}]},
    "reason": "x", "source": {"ref": "s", "section": "§2"}
  }]
})";

TEST(ParserTest, ShorthandsRefsAndFlattening) {
  std::vector<Issue> issues;
  std::optional<PolicyAst> ast = Parse(kPolicy, &issues);
  ASSERT_TRUE(ast.has_value()) << FormatIssues(issues);
  ASSERT_EQ(ast->rules.size(), 1u);
  const RuleAst& rule = ast->rules[0];
  EXPECT_EQ(rule.source.ref.value, "s");
  EXPECT_EQ(rule.source.section, "§2");
  ASSERT_TRUE(rule.when.has_value());
  // when = all(ref both, any(...)); both = all(us, buyer.type eq consumer)
  const CondAst& when = *rule.when;
  EXPECT_EQ(when.kind, CondAst::Kind::kAll);
  ASSERT_EQ(when.children.size(), 2u);
  const CondAst& both = when.children[0];
  EXPECT_EQ(both.kind, CondAst::Kind::kAll);
  EXPECT_EQ(both.pos.pointer, "/conditions/both");
  ASSERT_EQ(both.children.size(), 2u);
  const CondAst& us = both.children[0];
  EXPECT_EQ(us.kind, CondAst::Kind::kTest);  // a single test is not wrapped
  EXPECT_EQ(us.test.op.value, "in");          // array shorthand
  EXPECT_EQ(us.test.field.pos.pointer, "/conditions/us/buyer.country");
  EXPECT_EQ(both.children[1].test.op.value, "eq");  // scalar shorthand
  const CondAst& any = when.children[1];
  EXPECT_EQ(any.kind, CondAst::Kind::kAny);
  ASSERT_EQ(any.children.size(), 2u);
  const CondAst& neg = any.children[1];
  EXPECT_EQ(neg.kind, CondAst::Kind::kNot);
  // Two operators on one field: an all of two tests.
  EXPECT_EQ(neg.children[0].kind, CondAst::Kind::kAll);
  EXPECT_EQ(neg.children[0].children.size(), 2u);
}

TEST(ParserTest, UnusedConditionIsAWarning) {
  std::vector<Issue> issues;
  std::string text = kPolicy;
  text.replace(text.find("\"conditions\": {"), 15, "\"conditions\": {\"spare\": {\"id\": \"x\"},");
  std::optional<PolicyAst> ast = Parse(text, &issues);
  ASSERT_TRUE(ast.has_value()) << FormatIssues(issues);
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0].code, "unused-condition");
  EXPECT_EQ(issues[0].severity, Severity::kWarning);
}

TEST(ParserTest, BrokenNamedConditionIsReportedOnce) {
  std::vector<Issue> issues;
  std::string text = R"({"policy": "p", "version": "1", "title": "t", "sources": {"s": {"citation": "c"}},
    "conditions": {"bad": {"buyer.country": {"eqq": "US"}}},
    "rules": [
      {"id": "a", "effect": "deny", "actions": ["sale"], "when": {"ref": "bad"}, "reason": "x", "source": "s"},
      {"id": "b", "effect": "deny", "actions": ["sale"], "when": {"ref": "bad"}, "reason": "x", "source": "s"}]})";
  EXPECT_FALSE(Parse(text, &issues).has_value());
  ASSERT_EQ(issues.size(), 1u) << FormatIssues(issues);
  EXPECT_EQ(issues[0].position.json_pointer, "/conditions/bad/buyer.country/eqq");
}

TEST(ParserTest, Identifiers) {
  EXPECT_TRUE(IsIdentifier("kaspersky-2024"));
  EXPECT_TRUE(IsIdentifier("a.b_c-1"));
  EXPECT_FALSE(IsIdentifier("Kaspersky"));
  EXPECT_FALSE(IsIdentifier("-x"));
  EXPECT_FALSE(IsIdentifier(""));
  EXPECT_FALSE(IsIdentifier("a/b"));
  EXPECT_FALSE(IsIdentifier(std::string(65, 'a')));
}

}  // namespace
}  // namespace interdict::internal
