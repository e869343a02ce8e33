// Party screening through the public API: the `screen` operator, party list
// files, and what decisions report (docs/screening.md).
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "interdict/json.h"
#include "interdict/rule_set.h"
#include "tests/testing/policies.h"

namespace interdict {
namespace {

using ::testing::HasSubstr;
using testing::MustCompile;

const char kPolicy[] = R"({
  "policy": "screening", "version": "1", "title": "t",
  "sources": {"s": {"citation": "Test list"}},
  "lists": {"blocked": {"type": "party", "threshold": 0.9, "items": [
    {"id": "e1", "name": "TIKHONOV, Andrei Gennadyevich", "aliases": ["TIKHONOV, Andrey"]},
    {"id": "e2", "name": "Rosneft Trading SA"}
  ]}},
  "rules": [{"id": "blocked", "effect": "deny", "actions": ["sale"],
    "when": {"any": [{"buyer.name": {"screen": "@blocked"}},
                     {"product.embedded_vendors": {"present": true, "screen": "@blocked"}}]},
    "reason": "blocked party", "source": "s"}]
})";

class ScreeningTest : public ::testing::Test {
 protected:
  void SetUp() override { rules_ = MustCompile(kPolicy); }

  Transaction Sale(const std::string& buyer) {
    Transaction txn = rules_->NewTransaction();
    txn.set_id("t").set_action("sale").set_time("2026-01-01T00:00:00Z");
    if (!buyer.empty()) txn.buyer().set_name(buyer);
    return txn;
  }

  std::shared_ptr<const RuleSet> rules_;
  EvalState state_;
};

TEST_F(ScreeningTest, ExactDeniesNearReviewsOtherwiseAllows) {
  Transaction exact = Sale("Andrey Tikhonov");
  absl::StatusOr<Decision> d = rules_->Decide(exact, state_);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->verdict(), Verdict::kDeny);
  std::vector<Screening> s = d->screenings(d->matches()[0]);
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].field, "buyer.name");
  EXPECT_EQ(s[0].list, "@blocked");
  EXPECT_EQ(s[0].query, "Andrey Tikhonov");
  EXPECT_EQ(s[0].normalized, "andrey tikhonov");
  ASSERT_FALSE(s[0].matches.empty());
  EXPECT_EQ(s[0].matches[0].entry, "e1");
  EXPECT_EQ(s[0].matches[0].matched_alias, "TIKHONOV, Andrey");
  EXPECT_TRUE(s[0].matches[0].exact);

  Transaction near = Sale("Andrei Tikhonov");
  d = rules_->Decide(near, state_);
  EXPECT_EQ(d->verdict(), Verdict::kReview);
  ASSERT_EQ(d->matches().size(), 1u);
  EXPECT_TRUE(d->matches()[0].undecided);
  std::vector<UnknownField> unknown = d->unknown_fields(d->matches()[0]);
  ASSERT_EQ(unknown.size(), 1u);
  EXPECT_EQ(unknown[0].path, "buyer.name");
  EXPECT_TRUE(unknown[0].near_match);
  EXPECT_FALSE(unknown[0].invalid);
  s = d->screenings(d->matches()[0]);
  ASSERT_EQ(s.size(), 1u);
  EXPECT_FALSE(s[0].matches[0].exact);
  EXPECT_GT(s[0].matches[0].score, 0.9);

  Transaction clean = Sale("Jane Doe");
  EXPECT_EQ(rules_->Decide(clean, state_)->verdict(), Verdict::kAllow);

  // Missing or invalid names fail closed, and are not near matches.
  Transaction missing = Sale("");
  d = rules_->Decide(missing, state_);
  EXPECT_EQ(d->verdict(), Verdict::kReview);
  EXPECT_FALSE(d->unknown_fields(d->matches()[0])[0].near_match);
  Transaction legal_form_only = Sale("LLC");
  d = rules_->Decide(legal_form_only, state_);
  EXPECT_EQ(d->verdict(), Verdict::kReview);
  EXPECT_TRUE(d->unknown_fields(d->matches()[0])[0].invalid);
}

TEST_F(ScreeningTest, ListFieldsScreenEveryElement) {
  Transaction txn = Sale("Jane Doe");
  txn.product().add_embedded_vendor("Contoso").add_embedded_vendor("ROSNEFT TRADING");
  EXPECT_EQ(rules_->Decide(txn, state_)->verdict(), Verdict::kDeny);
  Transaction near = Sale("Jane Doe");
  near.product().add_embedded_vendor("Rosnieft Trading");
  absl::StatusOr<Decision> d = rules_->Decide(near, state_);
  EXPECT_EQ(d->verdict(), Verdict::kReview);
  EXPECT_TRUE(d->unknown_fields(d->matches()[0])[0].near_match);
}

TEST_F(ScreeningTest, JsonAndExplainReportTheMatch) {
  Transaction near = Sale("Andrei Tikhonov");
  absl::StatusOr<Decision> d = rules_->Decide(near, state_);
  std::string json = DecisionToJson(*d, *rules_);
  EXPECT_THAT(json, HasSubstr(R"("unknown_fields":[{"field":"buyer.name","state":"near_match"}])"));
  EXPECT_THAT(json, HasSubstr(R"("reason":"cannot decide: buyer.name \"Andrei Tikhonov\" is a near match (0.)"));
  EXPECT_THAT(json, HasSubstr(R"("screening":[{"field":"buyer.name","list":"@blocked","query":"Andrei Tikhonov","normalized":"andrei tikhonov","matches":[{"entry":"e1","name":"TIKHONOV, Andrei Gennadyevich","matched_alias":"TIKHONOV, Andrey","score":0.971,"kind":"fuzzy"}]}])"));
  Transaction exact = Sale("Tikhonov Andrey");
  d = rules_->Decide(exact, state_);
  EXPECT_THAT(DecisionToJson(*d, *rules_), HasSubstr(R"("score":1.0,"kind":"exact")"));
  absl::StatusOr<Explanation> e = rules_->Explain(near);
  ASSERT_TRUE(e.ok());
  EXPECT_THAT(e->ToText(), HasSubstr("buyer.name screen \"@blocked\" => unknown   [\"Andrei Tikhonov\" (near 0.971: TIKHONOV, Andrei Gennadyevich, alias \"TIKHONOV, Andrey\", entry e1)]"));
  ASSERT_EQ(e->matches.size(), 1u);
  EXPECT_EQ(e->matches[0].screenings.size(), 1u);
  EXPECT_THAT(ExplanationToJson(*e, near, *rules_), HasSubstr(R"("screening":[)"));
}

class ListFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / absl::StrCat("interdict_list_file_", getpid());
    std::filesystem::create_directories(dir_ / "lists");
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Write(const std::string& name, const std::string& text) {
    std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }
  std::filesystem::path dir_;
};

std::string PolicyUsing(const std::string& list_decl) {
  return absl::StrReplaceAll(R"({
  "policy": "files", "version": "1", "title": "t", "sources": {"s": {"citation": "c"}},
  "lists": {"l": LIST},
  "rules": [{"id": "r", "effect": "deny", "actions": ["sale"],
    "when": {"buyer.name": {"screen": "@l"}}, "reason": "x", "source": "s"}]
})",
                             {{"LIST", list_decl}});
}

TEST_F(ListFileTest, RelativeToThePolicyAndSharedBetweenPolicies) {
  Write("lists/l.json", R"({"list": "l", "threshold": 0.95, "entries": [
    {"id": "1", "name": "ACME TRADING CO", "type": "entity", "programs": ["SDGT"]}]})");
  std::string policy = Write("p.json", PolicyUsing(R"({"type": "party", "file": "lists/l.json"})"));
  absl::StatusOr<CompileResult> r = RuleSet::CompileFiles({policy});
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_TRUE(r->ok()) << FormatIssues(r->issues);
  EvalState state;
  Transaction txn = r->rule_set->NewTransaction();
  txn.set_action("sale").set_time("2026-01-01T00:00:00Z");
  txn.buyer().set_name("Acme Trading");
  absl::StatusOr<Decision> d = r->rule_set->Decide(txn, state);
  EXPECT_EQ(d->verdict(), Verdict::kDeny);
  EXPECT_EQ(d->screenings(d->matches()[0])[0].matches[0].programs, std::vector<std::string>{"SDGT"});
  // The list's threshold (0.95) applies: this near match scores under it.
  txn.buyer().set_name("Acme Trading Bros");
  EXPECT_EQ(r->rule_set->Decide(txn, state)->verdict(), Verdict::kAllow);
  // A policy may override it.
  std::string lower = Write("q.json", absl::StrReplaceAll(PolicyUsing(R"({"type": "party", "file": "lists/l.json", "threshold": 0.5})"),
                                                          {{"\"files\"", "\"files2\""}}));
  r = RuleSet::CompileFiles({lower});
  ASSERT_TRUE(r.ok() && r->ok());
  EXPECT_EQ(r->rule_set->Decide(txn, state)->verdict(), Verdict::kReview);
}

TEST_F(ListFileTest, ProblemsInTheListFileNameItsPosition) {
  Write("lists/bad.json", "{\"list\": \"l\", \"entries\": [\n  {\"id\": \"1\", \"name\": \"A\", \"countries\": [\"USA\"]}\n]}");
  std::string policy = Write("p.json", PolicyUsing(R"({"type": "party", "file": "lists/bad.json"})"));
  absl::StatusOr<CompileResult> r = RuleSet::CompileFiles({policy});
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_FALSE(r->ok());
  ASSERT_FALSE(r->issues.empty());
  const Issue& issue = r->issues[0];
  EXPECT_THAT(issue.position.file, HasSubstr("lists/bad.json"));
  EXPECT_EQ(issue.position.line, 2);
  EXPECT_EQ(issue.position.column, 42);
  EXPECT_EQ(issue.code, "invalid-country");
}

TEST_F(ListFileTest, ListFilesHaveTheSourceSizeLimit) {
  std::string entries;
  for (int i = 0; i < 100; ++i) {
    absl::StrAppend(&entries, i ? "," : "", R"({"id": ")", i, R"(", "name": "Party Number )", i, R"("})");
  }
  Write("lists/big.json", absl::StrCat(R"({"list": "big", "entries": [)", entries, "]}"));
  std::string policy = Write("p.json", PolicyUsing(R"({"type": "party", "file": "lists/big.json"})"));
  CompileOptions options;
  options.max_source_bytes = 2000;  // the policy fits, the list does not
  absl::StatusOr<CompileResult> r = RuleSet::CompileFiles({policy}, options);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_FALSE(r->ok());
  ASSERT_FALSE(r->issues.empty());
  EXPECT_EQ(r->issues[0].code, "list-file");
  EXPECT_THAT(r->issues[0].message, HasSubstr("the limit is 2000"));
}

TEST_F(ListFileTest, PublishedFormatImportedOnLoad) {
  Write("sdn.csv", "uid,name,type,programs,alternate_names\r\n"
                   "45815,\"TIKHONOV, Andrei Gennadyevich\",individual,RUSSIA-EO14024,\"TIKHONOV, Andrey\"\r\n");
  std::string policy = Write("p.json", PolicyUsing(R"({"type": "party", "file": "sdn.csv", "format": "ofac-sdn"})"));
  absl::StatusOr<CompileResult> r = RuleSet::CompileFiles({policy});
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_TRUE(r->ok()) << FormatIssues(r->issues);
  EvalState state;
  Transaction txn = r->rule_set->NewTransaction();
  txn.set_action("sale").set_time("2026-01-01T00:00:00Z");
  txn.buyer().set_name("Тихонов Андрей");
  EXPECT_EQ(r->rule_set->Decide(txn, state)->verdict(), Verdict::kDeny);
}

}  // namespace
}  // namespace interdict
