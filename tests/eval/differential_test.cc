// Differential test (RE2's tester.h, hyperscan's hscollider): seeded random
// policies and transactions run through the compiled Program (RuleSet::Decide
// and Explain) and through the reference evaluator, which walks the checked
// rules directly. Verdicts, matched rules, effects and unknown fields must
// agree exactly.
#include <random>
#include <set>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gtest/gtest.h"
#include "interdict/json.h"
#include "interdict/rule_set.h"
#include "lib/api/access.h"
#include "lib/check/checker.h"
#include "lib/eval/eval_state.h"
#include "lib/eval/reference_evaluator.h"
#include "lib/parse/parser.h"

namespace interdict {
namespace {

using internal::CheckedRuleSet;

class Generator {
 public:
  // `big`: 40 to 80 rules, most requiring one of a few vendors or countries,
  // which makes the compiler build rule indexes.
  explicit Generator(uint32_t seed, bool big = false) : rng_(seed), big_(big) {}

  int Int(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }
  bool Chance(int percent) { return Int(100) < percent; }
  template <typename T>
  const T& Pick(const std::vector<T>& v) {
    return v[Int(static_cast<int>(v.size()))];
  }

  // Named conditions are shared by several rules, which is what makes the
  // compiler memoise subformulas and gate runs of rules.
  std::string Policy() {
    int named = Chance(60) ? 1 + Int(3) : 0;
    std::vector<std::string> conditions, rules;
    for (int i = 0; i < named; ++i) {
      named_ = i;  // c_i may refer to earlier conditions only: no cycles
      conditions.push_back(absl::StrCat("\"c", i, "\": ", Cond(1)));
    }
    named_ = named;
    int n = big_ ? 40 + Int(41) : 1 + Int(8);
    discriminator_ = Int(3);
    for (int i = 0; i < n; ++i) rules.push_back(Rule(i));
    return absl::StrCat(R"({"policy": "rnd", "version": "1", "title": "random", "actions": ["integration"],
      "attributes": {"price": "number", "flag": "boolean", "day": "date"},
      "sources": {"s": {"citation": "c"}},
      "lists": {"vendors": {"type": "party", "items": [{"name": "AO Kaspersky Lab", "aliases": ["Kaspersky Lab ZAO"]}, "Acme Corp"]},
                "places": {"type": "country", "items": ["US", "PR", "CU"]}},
      "conditions": {)", absl::StrJoin(conditions, ","), R"(},
      "rules": [)", absl::StrJoin(rules, ","), "]}");
  }

  std::string Transaction() {
    std::vector<std::string> parts;
    auto maybe = [&](const std::string& key, const std::vector<std::string>& valid,
                     const std::vector<std::string>& invalid) {
      int r = Int(100);
      if (r < 30) return;
      const std::string& v = r < 38 ? Pick(invalid) : Pick(valid);
      parts.push_back(absl::StrCat("\"", key, "\": ", v));
    };
    maybe("action", {"\"sale\"", "\"update\"", "\"integration\""}, {"\"lease\""});
    maybe("time", {"\"2024-07-19T23:59:59-04:00\"", "\"2024-07-20T04:00:00Z\"", "\"2024-09-29T03:59:59Z\"",
                   "\"2024-09-29T00:00:00-04:00\"", "\"2025-01-01T00:00:00Z\""},
          {"\"tomorrow\""});
    std::vector<std::string> buyer;
    auto sub = [&](std::vector<std::string>* into, const std::string& key,
                   const std::vector<std::string>& valid, const std::vector<std::string>& invalid) {
      int r = Int(100);
      if (r < 30) return;
      into->push_back(absl::StrCat("\"", key, "\": ", r < 38 ? Pick(invalid) : Pick(valid)));
    };
    sub(&buyer, "country", {"\"US\"", "\"PR\"", "\"DE\"", "\"CU\"", "\"ua\""}, {"\"USA\""});
    sub(&buyer, "region", {"\"UA-43\"", "\"US-NY\"", "\"UA-14\""}, {"\"Crimea\""});
    sub(&buyer, "type", {"\"consumer\"", "\"business\"", "\"government\""}, {"\"person\""});
    sub(&buyer, "name", {"\"Kaspersky Lab ZAO\"", "\"Jane Doe\"", "\"acme\"", "\"Kasperski Lab\""}, {"\"LLC\""});
    sub(&buyer, "customer_since", {"\"2024-07-19\"", "\"2024-07-20\"", "\"2020-01-01\""}, {"\"soon\""});
    if (!buyer.empty()) parts.push_back(absl::StrCat("\"buyer\": {", absl::StrJoin(buyer, ","), "}"));
    std::vector<std::string> product;
    sub(&product, "vendor",
        {"\"AO Kaspersky Lab\"", "\"UltraAV\"", "\"Лаборатория Касперского\"", "\"Vendor 3\"", "\"Kaspersky Labs\"",
         "\"VENDOR 7, Inc.\"", "\"Vendor 11\"", "\"Vendor 99\""},
        {"\"Inc\""});
    sub(&product, "category", {"\"antivirus\"", "\"threat-intelligence\""}, {"\"antivirus\""});
    sub(&product, "embedded_vendors",
        {"[]", "[\"Bitdefender\"]", "[\"Bitdefender\", \"Kaspersky Lab ZAO\"]", "[\"Kasperskiy Lab\"]"},
        {"[\"Ltd\"]", "[\"Ltd\", \"Acme\"]"});
    if (!product.empty()) parts.push_back(absl::StrCat("\"product\": {", absl::StrJoin(product, ","), "}"));
    std::vector<std::string> attrs;
    sub(&attrs, "price", {"0", "9.5", "10", "100"}, {"0"});
    sub(&attrs, "flag", {"true", "false"}, {"true"});
    sub(&attrs, "day", {"\"2024-01-01\"", "\"2024-12-31\""}, {"\"2024-13-01\""});
    if (!attrs.empty()) parts.push_back(absl::StrCat("\"attributes\": {", absl::StrJoin(attrs, ","), "}"));
    return absl::StrCat("{", absl::StrJoin(parts, ","), "}");
  }

 private:
  std::string Rule(int i) {
    std::vector<std::string> actions;
    for (const char* a : {"sale", "update", "integration"}) {
      if (Chance(50)) actions.push_back(absl::StrCat("\"", a, "\""));
    }
    if (actions.empty()) actions.push_back("\"sale\"");
    std::string rule = absl::StrCat("{\"id\": \"r", i, "\", \"effect\": \"", Chance(70) ? "deny" : "review",
                                    "\", \"actions\": [", absl::StrJoin(actions, ","),
                                    "], \"reason\": \"x\", \"source\": \"s\"");
    if (Chance(50)) {
      std::vector<std::string> w;
      if (Chance(70)) w.push_back(absl::StrCat("\"from\": \"", Pick(std::vector<std::string>{"2024-07-20", "2024-09-29T00:00:00-04:00"}), "\""));
      if (Chance(40)) w.push_back("\"until\": \"2025-01-01T00:00:00Z\"");
      if (!w.empty()) absl::StrAppend(&rule, ", \"effective\": {", absl::StrJoin(w, ","), "}");
    }
    if (big_ && Chance(85)) {
      // A discriminating test first (the index keys on it), then more.
      absl::StrAppend(&rule, ", \"when\": {\"all\": [", Discriminating(), ", ", Cond(1), "]}");
    } else if (named_ > 0 && Chance(60)) {
      // A shared condition first, as gates need, then maybe more.
      absl::StrAppend(&rule, ", \"when\": {\"all\": [{\"ref\": \"c", Int(named_), "\"}, ", Cond(1), "]}");
    } else if (Chance(85)) {
      absl::StrAppend(&rule, ", \"when\": ", Cond(0));
    }
    if (Chance(30)) absl::StrAppend(&rule, ", \"unless\": ", Cond(1));
    return rule + "}";
  }

  std::string Cond(int depth) {
    int r = Int(100);
    if (depth < 4 && r < 35) {
      std::vector<std::string> children;
      int n = 1 + Int(3);
      for (int i = 0; i < n; ++i) children.push_back(Cond(depth + 1));
      return absl::StrCat("{\"", Chance(50) ? "all" : "any", "\": [", absl::StrJoin(children, ","), "]}");
    }
    if (depth < 4 && r < 45) return absl::StrCat("{\"not\": ", Cond(depth + 1), "}");
    if (named_ > 0 && depth > 0 && r < 55) return absl::StrCat("{\"ref\": \"c", Int(named_), "\"}");
    return Test();
  }

  std::string Discriminating() {
    auto vendors = [&] {
      std::vector<std::string> v;
      for (int k = 0, n = 1 + Int(2); k < n; ++k) v.push_back(absl::StrCat("\"Vendor ", Int(12), "\""));
      return absl::StrJoin(v, ", ");
    };
    switch (discriminator_) {
      case 0: return absl::StrCat("{\"product.vendor\": {\"in\": [", vendors(), "]}}");
      case 1: return absl::StrCat("{\"buyer.country\": ", Pick(std::vector<std::string>{
                                      "\"US\"", "[\"PR\", \"CU\"]", "\"DE\"", "[\"UA\", \"US\"]"}), "}");
      default: return absl::StrCat("{\"product.category\": ", Pick(std::vector<std::string>{
                                       "\"antivirus\"", "[\"threat-intelligence\", \"x\"]"}), "}");
    }
  }

  std::string Test() {
    static const std::vector<std::string> kTests = {
        R"({"buyer.country": {"in": "@places"}})",
        R"({"buyer.country": ["DE", "UA"]})",
        R"({"buyer.country": {"present": false}})",
        R"({"buyer.region": {"in": ["UA-43", "UA-40"]}})",
        R"({"buyer.type": "consumer"})",
        R"({"buyer.type": {"present": true}})",
        R"({"buyer.name": {"in": "@vendors"}})",
        R"({"buyer.name": {"matches": "(?i)^jane"}})",
        R"({"buyer.name": {"screen": "@vendors"}})",
        R"({"product.vendor": {"screen": "@vendors"}})",
        R"({"product.embedded_vendors": {"screen": "@vendors"}})",
        R"({"buyer.customer_since": {"lt": "2024-07-20"}})",
        R"({"buyer.customer_since": {"present": true, "ge": "2024-07-20"}})",
        R"({"product.vendor": {"in": "@vendors"}})",
        R"({"product.vendor": "UltraAV"})",
        R"({"product.category": {"in": ["threat-intelligence", "security-training"]}})",
        R"({"product.embedded_vendors": {"in": "@vendors"}})",
        R"({"product.embedded_vendors": {"present": true, "matches": "^Bit"}})",
        R"({"attributes.price": {"lt": 10}})",
        R"({"attributes.price": {"eq": 0}})",
        R"({"attributes.price": [9.5, 100]})",
        R"({"attributes.flag": true})",
        R"({"attributes.day": {"ge": "2024-06-01"}})",
        R"({"time": {"ge": "2024-09-29T04:00:00Z"}})",
        R"({"action": ["update", "integration"]})",
    };
    return Pick(kTests);
  }

  std::mt19937 rng_;
  bool big_ = false;
  int named_ = 0;  // named conditions c0..c{named_-1}
  int discriminator_ = 0;
};

CheckedRuleSet CheckInternal(const std::string& text) {
  internal::Source source("rnd.json", text);
  std::vector<Issue> issues;
  internal::Diagnostics diag(source, &issues);
  std::optional<internal::PolicyAst> ast = internal::ParsePolicyText(diag);
  EXPECT_TRUE(ast.has_value()) << FormatIssues(issues);
  internal::Checker checker({});
  checker.Declare(*ast, diag);
  checker.Check(*ast, diag);
  return checker.Finish();
}

std::string Describe(const std::vector<std::string>& v) { return absl::StrJoin(v, " "); }

struct Counts {
  int evaluations = 0, undecided = 0, decided = 0, with_memos = 0, with_gates = 0, with_indexes = 0;
};

// Runs `policies` random policies, 60 random transactions each, through
// Decide, Explain and the reference evaluator.
void RunDifferential(int policies, bool big, Counts* counts) {
  int& evaluations = counts->evaluations;
  int& undecided = counts->undecided;
  int& decided = counts->decided;
  for (uint32_t seed = 1; seed <= static_cast<uint32_t>(policies); ++seed) {
    Generator gen(seed, big);
    std::string policy = gen.Policy();
    absl::StatusOr<CompileResult> compiled = RuleSet::Compile({PolicySource{"rnd.json", policy}});
    ASSERT_TRUE(compiled.ok() && compiled->ok()) << policy << "\n" << FormatIssues(compiled->issues);
    const RuleSet& rules = *compiled->rule_set;
    CheckedRuleSet checked = CheckInternal(policy);
    const internal::Program& program = RuleSetAccess::Program(rules);
    counts->with_memos += program.memo_count > 0;
    counts->with_gates += std::any_of(program.fast.on_unknown.begin(), program.fast.on_unknown.end(),
                              [](uint32_t t) { return (t & internal::kUnknownStaysInBranch) != 0; });
    counts->with_indexes += !program.indexes.empty();
    EvalState state;
    Transaction txn = rules.NewTransaction();
    for (int t = 0; t < 60; ++t) {
      std::string json = gen.Transaction();
      ASSERT_TRUE(ParseTransactionJson(json, &txn).ok()) << json;
      absl::StatusOr<Decision> d = rules.Decide(txn, state);
      ASSERT_TRUE(d.ok());
      internal::ReferenceDecision ref =
          internal::EvaluateReferenceForTesting(checked, TransactionAccess::Data(txn));
      std::vector<std::string> got, want;
      for (const Match& m : d->matches()) {
        std::set<uint16_t> slots(m.unknown_slots.begin(), m.unknown_slots.end());
        got.push_back(absl::StrCat(m.rule->id, ":", VerdictName(m.effect), ":",
                                   absl::StrJoin(slots, ",")));
        (m.undecided ? undecided : decided)++;
      }
      for (const internal::ReferenceMatch& m : ref.matches) {
        // A match keeps at most kMaxUnknownsPerMatch fields: the first in schema order.
        std::vector<uint16_t> slots(m.unknown_slots.begin(), m.unknown_slots.end());
        if (slots.size() > internal::kMaxUnknownsPerMatch) slots.resize(internal::kMaxUnknownsPerMatch);
        want.push_back(absl::StrCat(checked.rules[m.rule].full_id, ":", VerdictName(m.effect), ":",
                                    absl::StrJoin(slots, ",")));
      }
      ASSERT_EQ(d->verdict(), ref.verdict) << "seed " << seed << "\n" << policy << "\n" << json;
      ASSERT_EQ(Describe(got), Describe(want)) << "seed " << seed << "\n" << policy << "\n" << json;
      absl::StatusOr<Explanation> e = rules.Explain(txn);
      ASSERT_TRUE(e.ok());
      ASSERT_EQ(e->verdict, ref.verdict);
      ASSERT_EQ(e->matches.size(), ref.matches.size());
      for (size_t i = 0; i < e->matches.size(); ++i) {
        ASSERT_EQ(e->matches[i].unknown_fields.size(),
                  std::min<size_t>(internal::kMaxUnknownsPerMatch, ref.matches[i].unknown_slots.size()))
            << "seed " << seed << "\n" << policy << "\n" << json;
      }
      ++evaluations;
    }
  }
}

TEST(DifferentialTest, ProgramAgreesWithReferenceEvaluator) {
  Counts c;
  RunDifferential(600, /*big=*/false, &c);
  if (HasFatalFailure()) return;
  // The generator must exercise both kinds of match, or the test proves little...
  EXPECT_EQ(c.evaluations, 600 * 60);
  EXPECT_GT(c.undecided, 1000);
  EXPECT_GT(c.decided, 1000);
  // ...and both of the fast code's shortcuts.
  EXPECT_GT(c.with_memos, 150);
  EXPECT_GT(c.with_gates, 50);
}

TEST(DifferentialTest, IndexedProgramsAgreeWithReferenceEvaluator) {
  Counts c;
  RunDifferential(120, /*big=*/true, &c);
  if (HasFatalFailure()) return;
  EXPECT_EQ(c.evaluations, 120 * 60);
  EXPECT_GT(c.with_indexes, 60);
  EXPECT_GT(c.decided, 1000);
}

}  // namespace
}  // namespace interdict
