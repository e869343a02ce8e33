#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "interdict/rule_set.h"
#include "lib/api/access.h"
#include "lib/eval/program.h"
#include "tests/testing/golden.h"
#include "tests/testing/policies.h"

namespace interdict {
namespace {

using ::testing::HasSubstr;

std::shared_ptr<const RuleSet> Small() {
  return testing::MustCompile(testing::ReadTestData("compile/small.json"));
}

TEST(CompilerTest, DumpIsGolden) {
  auto rules = Small();
  ASSERT_NE(rules, nullptr);
  testing::ExpectGolden("compile/small.golden", rules->Dump());
}

TEST(CompilerTest, RulesAreIndexedByAction) {
  auto rules = Small();
  const internal::Program& p = RuleSetAccess::Program(*rules);
  const std::vector<std::string>& actions = rules->actions();
  ASSERT_EQ(p.entry_rules.size(), actions.size() + 1);
  auto index = [&](const std::string& a) {
    return std::find(actions.begin(), actions.end(), a) - actions.begin();
  };
  EXPECT_EQ(p.entry_rules[index("sale")], (std::vector<uint32_t>{1}));
  EXPECT_EQ(p.entry_rules[index("update")], (std::vector<uint32_t>{0, 1}));
  EXPECT_TRUE(p.entry_rules[index("resale")].empty());
  EXPECT_EQ(p.entry_rules.back(), (std::vector<uint32_t>{0, 1}));  // unknown action: all
  // Each rule ends in its own kRule, in both codes.
  for (const internal::Code* code : {&p.fast, &p.traced}) {
    int rule_insts = 0;
    for (const internal::Step& st : code->steps) {
      rule_insts += st.inst.op == internal::Op::kRule || st.inst.op == internal::Op::kRuleMatch;
    }
    // sale: 1, update: 2, unknown: 2 (fast code: a branch block and a frame block each)
    EXPECT_EQ(rule_insts, (code == &p.fast ? 2 : 1) * (1 + 2) + 2);
  }
}

TEST(CompilerTest, HashIsStableAndTracksContent) {
  auto a = Small();
  auto b = Small();
  EXPECT_EQ(a->hash(), b->hash());
  EXPECT_THAT(a->hash(), ::testing::StartsWith("sha256:"));
  EXPECT_EQ(a->hash().size(), 7u + 64u);
  std::string text = testing::ReadTestData("compile/small.json");
  // Whitespace and comments do not change the hash...
  auto c = testing::MustCompile("// note\n" + text + "\n\n");
  EXPECT_EQ(a->hash(), c->hash());
  // ...but a list entry, a reason or a date does.
  for (auto [from, to] : std::vector<std::pair<std::string, std::string>>{
           {"\"PR\"", "\"GU\""}, {"No updates.", "No updates!"}, {"2024-09-29", "2024-09-30"},
           {"\"version\": \"1\"", "\"version\": \"2\""}}) {
    std::string changed = text;
    changed.replace(changed.find(from), from.size(), to);
    auto d = testing::MustCompile(changed);
    EXPECT_NE(a->hash(), d->hash()) << from << " -> " << to;
  }
}

TEST(CompilerTest, BudgetOnInstructions) {
  CompileOptions options;
  options.max_instructions = 10;
  absl::StatusOr<CompileResult> r = RuleSet::Compile(
      {PolicySource{"small.json", testing::ReadTestData("compile/small.json")}}, options);
  EXPECT_EQ(r.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_THAT(r.status().message(), HasSubstr("instructions"));
}

}  // namespace
}  // namespace interdict
