// The exact diff: regions known by construction, witnesses re-decided, and a
// property test that every transaction the versions decide differently lies
// in a reported region.
#include <random>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "interdict/json.h"
#include "lib/analysis/analyzer.h"
#include "lib/api/loader.h"
#include "tests/testing/golden.h"

namespace interdict::internal {
namespace {

using ::testing::UnorderedElementsAre;

struct Version {
  CheckedRuleSet checked;
  std::shared_ptr<const RuleSet> rules;
};

Version Load(const std::string& text, const std::string& name = "p.json") {
  absl::StatusOr<CheckedLoad> load = LoadAndCheckSources({PolicySource{name, text}}, CompileOptions());
  EXPECT_TRUE(load.ok() && load->checked.has_value()) << (load.ok() ? FormatIssues(load->issues) : "");
  Version v{std::move(*load->checked), nullptr};
  v.rules = *BuildRuleSet(v.checked, CompileOptions());
  return v;
}

std::string Policy(const std::string& countries, const std::string& from) {
  return absl::StrReplaceAll(R"({
    "policy": "p", "version": "1", "title": "t", "sources": {"s": {"citation": "c"}},
    "rules": [{"id": "embargo", "effect": "deny", "actions": ["sale"],
               "effective": {"from": "FROM"},
               "when": {"buyer.country": {"in": [COUNTRIES]}},
               "reason": "x", "source": "s"}]})",
                             {{"COUNTRIES", countries}, {"FROM", from}});
}

Verdict Decide(const RuleSet& rules, const nlohmann::json& witness) {
  Transaction txn = rules.NewTransaction();
  EXPECT_TRUE(ParseTransactionJson(witness.dump(), &txn).ok()) << witness.dump();
  EvalState state;
  return rules.Decide(txn, state)->verdict();
}

TEST(DiffTest, RegionsKnownByConstruction) {
  // OLD denies CU and IR from 2024-01-01; NEW adds KP and starts a month later.
  Version old_v = Load(Policy(R"("CU", "IR")", "2024-01-01T00:00:00Z"));
  Version new_v = Load(Policy(R"("CU", "IR", "KP")", "2024-02-01T00:00:00Z"));
  absl::StatusOr<DiffResult> diff = DiffExact(old_v.checked, *old_v.rules, new_v.checked, *new_v.rules);
  ASSERT_TRUE(diff.ok()) << diff.status();
  EXPECT_TRUE(diff->problems.empty());
  std::vector<std::string> regions;
  for (const DiffRegion& r : diff->regions) {
    std::vector<std::string> parts{r.action};
    for (const auto& [path, classes] : r.constraints) parts.push_back(path + " " + classes);
    parts.push_back(absl::StrJoin(r.changes, ","));
    regions.push_back(absl::StrJoin(parts, " | "));
    // Each witness is re-decided: before deny and after allow, or the reverse.
    Verdict before = Decide(*old_v.rules, r.witness), after = Decide(*new_v.rules, r.witness);
    EXPECT_NE(before, after) << r.witness.dump();
  }
  // A missing action is missing data: left out by default.
  EXPECT_THAT(regions, UnorderedElementsAre(
      "sale | time [2024-01-01T00:00:00Z, 2024-02-01T00:00:00Z) | buyer.country CU, IR | p/embargo: deny -> none",
      "sale | time [2024-02-01T00:00:00Z, +inf) | buyer.country KP | p/embargo: none -> deny"));

  // With missing data: for a transaction without an action the rule is
  // undecided (review) wherever it could apply, so those regions move too.
  DiffOptions options;
  options.with_missing = true;
  diff = DiffExact(old_v.checked, *old_v.rules, new_v.checked, *new_v.rules, options);
  ASSERT_TRUE(diff.ok()) << diff.status();
  std::vector<std::string> without_action;
  for (const DiffRegion& r : diff->regions) {
    if (!r.action.empty()) continue;
    std::vector<std::string> parts;
    for (const auto& [path, classes] : r.constraints) parts.push_back(path + " " + classes);
    parts.push_back(absl::StrJoin(r.changes, ","));
    without_action.push_back(absl::StrJoin(parts, " | "));
    EXPECT_NE(Decide(*old_v.rules, r.witness), Decide(*new_v.rules, r.witness)) << r.witness.dump();
  }
  EXPECT_THAT(without_action, UnorderedElementsAre(
      "time [2024-01-01T00:00:00Z, 2024-02-01T00:00:00Z) | buyer.country CU, IR | missing | invalid (\"USA\") | "
      "p/embargo: review -> none",
      "time [2024-02-01T00:00:00Z, +inf) | missing | invalid (\"not-a-time\") | buyer.country KP | "
      "p/embargo: none -> review"));
}

TEST(DiffTest, EquivalentVersions) {
  std::string text = Policy(R"("CU", "IR")", "2024-01-01");
  Version a = Load(text);
  // Comments, key order and an equivalent date literal do not matter.
  Version b = Load("// same rules\n" + absl::StrReplaceAll(text, {{R"("CU", "IR")", R"("IR", "CU")"},
                                                                  {"2024-01-01", "2024-01-01T00:00:00Z"}}));
  absl::StatusOr<DiffResult> diff = DiffExact(a.checked, *a.rules, b.checked, *b.rules);
  ASSERT_TRUE(diff.ok());
  EXPECT_TRUE(diff->regions.empty());
}

TEST(DiffTest, ShippedPolicyAgainstItselfAndAMovedCutoff) {
  std::string path = std::string(INTERDICT_SOURCE_DIR) + "/rules/us/kaspersky-2024.json";
  std::string text = testing::ReadTestData("../../rules/us/kaspersky-2024.json");
  Version a = Load(text, path), b = Load(text, path);
  absl::StatusOr<DiffResult> same = DiffExact(a.checked, *a.rules, b.checked, *b.rules);
  ASSERT_TRUE(same.ok());
  EXPECT_TRUE(same->regions.empty());
  // Updates end two days later.
  std::string moved = text;
  const std::string cutoff = "2024-09-29T00:00:00-04:00";
  size_t at = moved.find(cutoff, moved.find("\"id\": \"updates\""));
  moved.replace(at, cutoff.size(), "2024-10-01T00:00:00-04:00");
  Version c = Load(moved, path);
  DiffOptions options;
  options.with_missing = true;
  absl::StatusOr<DiffResult> diff = DiffExact(a.checked, *a.rules, c.checked, *c.rules, options);
  ASSERT_TRUE(diff.ok());
  EXPECT_TRUE(diff->problems.empty());
  ASSERT_FALSE(diff->regions.empty());
  for (const DiffRegion& r : diff->regions) {
    // Only the updates rule changes, only for update and KSN (or no action),
    // and only between the two cutoffs.
    for (const std::string& change : r.changes) {
      EXPECT_THAT(change, ::testing::StartsWith("kaspersky-2024/updates: "));
      EXPECT_THAT(change, ::testing::EndsWith(" -> none"));
    }
    EXPECT_TRUE(r.action == "update" || r.action == "ksn" || r.action.empty()) << r.action;
    bool time_bound = false;
    for (const auto& [path, classes] : r.constraints) {
      if (path == "time") {
        time_bound = true;
        EXPECT_EQ(classes, "[2024-09-29T04:00:00Z, 2024-10-01T04:00:00Z)");
      }
    }
    EXPECT_TRUE(time_bound);
  }
}

// Random transactions drawn from the domain's classes: any that the two
// versions decide differently must lie in a reported region.
TEST(DiffTest, EveryDifferenceLiesInARegion) {
  const std::string base = R"({
    "policy": "p", "version": "1", "title": "t", "default_zone": "UTC",
    "sources": {"s": {"citation": "c"}},
    "lists": {"v": {"type": "party", "items": ["Acme Corp", {"name": "AO Kaspersky Lab", "aliases": ["Kaspersky Lab ZAO"]}]}},
    "conditions": {"nexus": {"any": [{"buyer.country": ["US", "PR"]},
                                     {"buyer.type": "consumer", "buyer.nationality": "US"}]}},
    "rules": [
      {"id": "a", "effect": "deny", "actions": ["sale", "update"], "effective": {"from": "FROM_A"},
       "when": {"product.vendor": {"in": "@v"}, "ref": "nexus"}, "unless": {"product.category": "CARVE"},
       "reason": "x", "source": "s"},
      {"id": "b", "effect": "EFFECT_B", "actions": ["sale"],
       "when": {"any": [{"attributes.price": {"ge": PRICE}}, {"buyer.customer_since": {"lt": "SINCE"}}]},
       "reason": "x", "source": "s"},
      {"id": "c", "effect": "deny", "actions": ["resale"], "when": {"reseller.country": "CU"},
       "reason": "x", "source": "s"}],
    "attributes": {"price": "number"}})";
  auto make = [&](const std::string& from_a, const std::string& carve, const std::string& effect_b,
                  const std::string& price, const std::string& since) {
    return absl::StrReplaceAll(base, {{"FROM_A", from_a}, {"CARVE", carve}, {"EFFECT_B", effect_b},
                                      {"PRICE", price}, {"SINCE", since}});
  };
  Version old_v = Load(make("2024-07-20", "threat-intelligence", "review", "100", "2024-01-01"));
  Version new_v = Load(make("2024-09-29", "training", "deny", "50", "2024-03-01"));
  DiffOptions options;
  options.with_missing = true;
  options.max_regions = 1000000;
  absl::StatusOr<DiffResult> diff = DiffExact(old_v.checked, *old_v.rules, new_v.checked, *new_v.rules, options);
  ASSERT_TRUE(diff.ok());
  ASSERT_FALSE(diff->truncated);
  EXPECT_TRUE(diff->problems.empty()) << diff->problems.front();
  const Domain& domain = *diff->domain;
  std::mt19937 rng(7);
  int differing = 0;
  const std::vector<std::string> actions = {"sale", "update", "resale", ""};
  for (int trial = 0; trial < 4000; ++trial) {
    std::vector<int> pick(domain.fields().size());
    nlohmann::json txn = nlohmann::json::object();
    std::string action = actions[rng() % actions.size()];
    if (!action.empty()) txn["action"] = action;
    for (size_t v = 0; v < pick.size(); ++v) {
      pick[v] = static_cast<int>(rng() % domain.fields()[v].classes.size());
      const nlohmann::json& value = domain.fields()[v].classes[pick[v]].value;
      if (!value.is_null()) SetPath(&txn, domain.fields()[v].path, value);
    }
    Transaction a = old_v.rules->NewTransaction(), b = new_v.rules->NewTransaction();
    ASSERT_TRUE(ParseTransactionJson(txn.dump(), &a).ok());
    ASSERT_TRUE(ParseTransactionJson(txn.dump(), &b).ok());
    EvalState sa, sb;
    Decision da = *old_v.rules->Decide(a, sa), db = *new_v.rules->Decide(b, sb);
    std::vector<std::string> ma, mb;
    for (const Match& m : da.matches()) ma.push_back(m.rule->id + VerdictName(m.effect));
    for (const Match& m : db.matches()) mb.push_back(m.rule->id + VerdictName(m.effect));
    if (da.verdict() == db.verdict() && ma == mb) continue;
    ++differing;
    bool covered = false;
    for (const DiffRegion& r : diff->regions) {
      if (r.action != action) continue;
      bool inside = true;
      for (const auto& [v, classes] : r.classes) {
        inside &= std::find(classes.begin(), classes.end(), pick[v]) != classes.end();
      }
      if (inside) {
        covered = true;
        break;
      }
    }
    ASSERT_TRUE(covered) << "decided differently but in no region: " << txn.dump();
  }
  EXPECT_GT(differing, 200);  // the property was exercised
}

}  // namespace
}  // namespace interdict::internal
