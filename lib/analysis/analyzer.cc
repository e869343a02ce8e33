#include "lib/analysis/analyzer.h"

#include <algorithm>
#include <functional>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "interdict/json.h"
#include "lib/api/access.h"
#include "lib/eval/reference_evaluator.h"

namespace interdict::internal {
namespace {

using Json = nlohmann::json;

// Memo-table ids of the MDD operations defined here.
enum : int { kOpOutcomeReview = 300, kOpOutcomeDeny, kOpPair, kOpShadow, kOpSignature = 1000 };

std::vector<int> Arity(const Domain& d) {
  std::vector<int> arity;
  for (const FieldDomain& f : d.fields()) arity.push_back(static_cast<int>(f.classes.size()));
  return arity;
}

int Terminal(Truth t) { return static_cast<int>(t); }  // kFalse 0, kTrue 1, kUnknown 2

// What a rule contributes to a decision: 0 nothing, 1 review, 2 deny.
int Outcome(Mdd& m, int truth, Verdict effect) {
  const bool deny = effect == Verdict::kDeny;
  return m.Map(deny ? kOpOutcomeDeny : kOpOutcomeReview, truth, [deny](int t) {
    if (t == kFalse) return 0;
    if (t == kUnknown) return 1;
    return deny ? 2 : 1;
  });
}

}  // namespace

Analyzer::Analyzer(const Domain& domain) : domain_(domain), mdd_(Arity(domain)) {}

const Transaction& Analyzer::ClassTxn(const CheckedRuleSet& rs, int v, int c) {
  auto key = std::make_tuple(&rs, v, c);
  auto it = txns_.find(key);
  if (it != txns_.end()) return *it->second;
  auto txn = std::make_unique<Transaction>(TransactionAccess::Make(rs.schema));
  const ValueClass& cls = domain_.fields()[v].classes[c];
  if (!cls.value.is_null()) {
    Json doc = Json::object();
    SetPath(&doc, domain_.fields()[v].path, cls.value);
    (void)ParseTransactionJson(doc.dump(), txn.get());  // a field this version lacks stays unset
  }
  return *txns_.emplace(key, std::move(txn)).first->second;
}

int Analyzer::Test(const CheckedRuleSet& rs, const CheckedTest& t, const std::string& action) {
  const std::string& path = rs.schema->field(t.slot).path;
  if (path == "action") {
    Transaction txn = TransactionAccess::Make(rs.schema);
    if (!action.empty()) txn.set_action(action);
    return Terminal(EvaluateCheckedTest(rs, t, TransactionAccess::Data(txn)));
  }
  const int v = domain_.Find(path);
  std::vector<int> children;
  for (int c = 0; c < mdd_.arity(v); ++c) {
    children.push_back(Terminal(EvaluateCheckedTest(rs, t, TransactionAccess::Data(ClassTxn(rs, v, c)))));
  }
  return mdd_.Node(v, std::move(children));
}

int Analyzer::Window(const CheckedRuleSet& rs, const CheckedRule& rule) {
  const int v = domain_.Find("time");
  std::vector<int> children;
  for (int c = 0; c < mdd_.arity(v); ++c) {
    const Value& t = TransactionAccess::Data(ClassTxn(rs, v, c)).values[kSlotTime];
    if (t.state != ValueState::kValid) {
      children.push_back(kUnknown);
    } else {
      bool in = (!rule.from || t.i >= *rule.from) && (!rule.until || t.i < *rule.until);
      children.push_back(in ? kTrue : kFalse);
    }
  }
  return mdd_.Node(v, std::move(children));
}

int Analyzer::ActionPart(const CheckedRuleSet& rs, const CheckedRule& rule, const std::string& action) {
  if (action.empty()) return kUnknown;
  int index = rs.schema->ActionIndex(action);
  if (index < 0) return kUnknown;  // an action this version does not know is invalid to it
  return ((rule.actions >> index) & 1) ? kTrue : kFalse;
}

int Analyzer::Cond(const CheckedRuleSet& rs, const CheckedCond& c, const std::string& action) {
  switch (c.kind) {
    case CheckedCond::Kind::kTest: return Test(rs, c.test, action);
    case CheckedCond::Kind::kNot: return MddNot(mdd_, Cond(rs, c.children[0], action));
    case CheckedCond::Kind::kAll:
    case CheckedCond::Kind::kAny: {
      const bool all = c.kind == CheckedCond::Kind::kAll;
      int acc = all ? kTrue : kFalse;
      for (const CheckedCond& child : c.children) {
        int x = Cond(rs, child, action);
        acc = all ? MddAnd(mdd_, acc, x) : MddOr(mdd_, acc, x);
      }
      return acc;
    }
  }
  return kFalse;
}

int Analyzer::RuleBase(const CheckedRuleSet& rs, size_t r, const std::string& action) {
  auto key = std::make_tuple(&rs, r, action, 0);
  auto it = memo_.find(key);
  if (it != memo_.end()) return it->second;
  const CheckedRule& rule = rs.rules[r];
  int acc = ActionPart(rs, rule, action);
  if (rule.from || rule.until) acc = MddAnd(mdd_, acc, Window(rs, rule));
  if (rule.when) acc = MddAnd(mdd_, acc, Cond(rs, *rule.when, action));
  return memo_[key] = acc;
}

int Analyzer::Exemption(const CheckedRuleSet& rs, size_t r, const std::string& action) {
  const CheckedRule& rule = rs.rules[r];
  return rule.unless ? Cond(rs, *rule.unless, action) : kFalse;
}

int Analyzer::RuleTruth(const CheckedRuleSet& rs, size_t r, const std::string& action) {
  auto key = std::make_tuple(&rs, r, action, 1);
  auto it = memo_.find(key);
  if (it != memo_.end()) return it->second;
  int acc = RuleBase(rs, r, action);
  if (rs.rules[r].unless) acc = MddAnd(mdd_, acc, MddNot(mdd_, Exemption(rs, r, action)));
  return memo_[key] = acc;
}

// ---- diff ----

namespace {

// "[2024-07-20T04:00:00Z, 2024-09-29T04:00:00Z)" for runs of adjacent
// ordered classes; labels joined with " | " otherwise.
std::string Describe(const FieldDomain& f, const std::vector<int>& classes) {
  std::vector<std::string> parts;
  for (size_t i = 0; i < classes.size(); ++i) {
    const ValueClass& c = f.classes[classes[i]];
    if (!c.ordered) {
      parts.push_back(c.label);
      continue;
    }
    size_t j = i;
    while (j + 1 < classes.size() && classes[j + 1] == classes[j] + 1 && f.classes[classes[j + 1]].ordered) ++j;
    if (j == i) {
      parts.push_back(c.label);
    } else {
      const ValueClass& last = f.classes[classes[j]];
      parts.push_back(absl::StrCat(c.low_closed ? "[" : "(", c.low.empty() ? "-inf" : c.low, ", ",
                                   last.high.empty() ? "+inf" : last.high,
                                   last.high_closed ? "]" : ")"));
    }
    i = j;
  }
  return absl::StrJoin(parts, " | ");
}

// The class that stands for `classes` in a witness: a value if there is one.
int Pick(const FieldDomain& f, const std::vector<int>& classes) {
  for (int c : classes) {
    if (f.classes[c].kind == ValueClass::Kind::kValue || f.classes[c].kind == ValueClass::Kind::kOther) {
      return c;
    }
  }
  return classes.front();
}

// For a field the region leaves free: a valid value no rule names, if any.
int Neutral(const FieldDomain& f) {
  for (size_t c = 0; c < f.classes.size(); ++c) {
    if (f.classes[c].kind == ValueClass::Kind::kOther) return static_cast<int>(c);
  }
  for (size_t c = 0; c < f.classes.size(); ++c) {
    if (f.classes[c].kind == ValueClass::Kind::kValue) return static_cast<int>(c);
  }
  return 0;
}

std::vector<std::string> MatchedRules(const std::string& decision_json) {
  std::vector<std::string> out;
  Json d = Json::parse(decision_json);
  for (const Json& m : d["matches"]) {
    out.push_back(absl::StrCat(m["rule"].get<std::string>(), ":", m["effect"].get<std::string>()));
  }
  return out;
}

class RegionCollector {
 public:
  RegionCollector(Mdd& mdd, const Domain& domain, size_t max, bool with_missing)
      : mdd_(mdd), domain_(domain), max_(max), with_missing_(with_missing) {}

  // Paths of `node` that reach a terminal other than 0, as (variable,
  // classes) lists.
  void Walk(int node) {
    if (regions_.size() >= max_) {
      truncated_ = true;
      return;
    }
    if (Mdd::IsTerminal(node)) {
      if (node != 0) {
        regions_.push_back(path_);
        terminals_.push_back(node);
      }
      return;
    }
    const int v = mdd_.var(node);
    std::map<int, std::vector<int>> by_child;  // child -> classes leading to it
    const std::vector<int>& kids = mdd_.children(node);
    for (size_t c = 0; c < kids.size(); ++c) {
      const ValueClass::Kind kind = domain_.fields()[v].classes[c].kind;
      if (!with_missing_ && (kind == ValueClass::Kind::kMissing || kind == ValueClass::Kind::kInvalid)) {
        continue;
      }
      by_child[kids[c]].push_back(static_cast<int>(c));
    }
    for (const auto& [child, classes] : by_child) {
      if (child == 0) continue;  // no difference below
      path_.emplace_back(v, classes);
      Walk(child);
      path_.pop_back();
    }
  }

  std::vector<std::vector<std::pair<int, std::vector<int>>>> regions_;
  std::vector<int> terminals_;  // per region: its signature
  bool truncated_ = false;

 private:
  Mdd& mdd_;
  const Domain& domain_;
  size_t max_;
  bool with_missing_;
  std::vector<std::pair<int, std::vector<int>>> path_;
};

}  // namespace

absl::StatusOr<DiffResult> DiffExact(const CheckedRuleSet& old_checked, const RuleSet& old_rules,
                                     const CheckedRuleSet& new_checked, const RuleSet& new_rules,
                                     const DiffOptions& options) {
  absl::StatusOr<Domain> domain = Domain::Build({&old_checked, &new_checked});
  if (!domain.ok()) return domain.status();
  DiffResult result;
  result.domain = std::make_shared<const Domain>(std::move(*domain));
  const Domain* d = result.domain.get();
  Analyzer analyzer(*d);
  Mdd& m = analyzer.mdd();
  result.approximate = d->ApproximatePaths();

  std::vector<std::string> actions = old_checked.schema->actions();
  for (const std::string& a : new_checked.schema->actions()) {
    if (std::find(actions.begin(), actions.end(), a) == actions.end()) actions.push_back(a);
  }
  if (options.with_missing) actions.push_back("");  // a missing action, like any missing field
  std::vector<std::string> ids;
  std::map<std::string, size_t> old_index, new_index;
  for (size_t r = 0; r < old_checked.rules.size(); ++r) {
    old_index[old_checked.rules[r].full_id] = r;
    ids.push_back(old_checked.rules[r].full_id);
  }
  for (size_t r = 0; r < new_checked.rules.size(); ++r) {
    new_index[new_checked.rules[r].full_id] = r;
    if (!old_index.count(new_checked.rules[r].full_id)) ids.push_back(new_checked.rules[r].full_id);
  }
  // A signature: which rules change outcome, and how. Terminal 0 is "no
  // change"; the others number the signatures met.
  std::map<std::vector<int>, int> signature_ids{{{}, 0}};
  std::vector<std::vector<int>> signatures{{}};
  auto intern = [&](std::vector<int> sig) {
    auto [it, inserted] = signature_ids.emplace(sig, static_cast<int>(signatures.size()));
    if (inserted) signatures.push_back(std::move(sig));
    return it->second;
  };
  int op = kOpSignature;
  for (const std::string& action : actions) {
    int regions = 0;
    // Fields some rule of either version reads for this action: the witness
    // carries these and leaves the others out.
    std::vector<bool> read(d->fields().size(), false);
    for (size_t k = 0; k < ids.size(); ++k) {
      auto o = old_index.find(ids[k]);
      auto n = new_index.find(ids[k]);
      int a = o == old_index.end() ? 0
                                   : Outcome(m, analyzer.RuleTruth(old_checked, o->second, action),
                                             old_checked.rules[o->second].effect);
      int b = n == new_index.end() ? 0
                                   : Outcome(m, analyzer.RuleTruth(new_checked, n->second, action),
                                             new_checked.rules[n->second].effect);
      m.AddSupport(a, &read);
      m.AddSupport(b, &read);
      if (a == b) continue;  // the same function: this rule never changes outcome
      // 3 * old outcome + new outcome, per assignment.
      int pair = m.Apply(kOpPair, a, b, [](int x, int y) { return 3 * x + y; });
      regions = m.Apply(++op, regions, pair, [&, k](int sig, int p) {
        if (p / 3 == p % 3) return sig;
        std::vector<int> extended = signatures[sig];
        extended.push_back(static_cast<int>(k) * 9 + p);
        return intern(std::move(extended));
      });
      if (signatures.size() >= Mdd::kTerminals) {
        return absl::ResourceExhaustedError("too many different kinds of change to analyse");
      }
    }
    RegionCollector collector(m, *d, options.max_regions - std::min(options.max_regions, result.regions.size()),
                              options.with_missing);
    collector.Walk(regions);
    result.truncated |= collector.truncated_;
    for (size_t ri = 0; ri < collector.regions_.size(); ++ri) {
      const auto& constraints = collector.regions_[ri];
      DiffRegion region;
      region.action = action;
      static const char* const kOutcome[] = {"none", "review", "deny"};
      for (int e : signatures[collector.terminals_[ri]]) {
        const int p = e % 9;
        region.changes.push_back(absl::StrCat(ids[e / 9], ": ", kOutcome[p / 3], " -> ", kOutcome[p % 3]));
      }
      Json witness = Json::object();
      witness["id"] = absl::StrCat("diff-", result.regions.size() + 1);
      if (!action.empty()) witness["action"] = action;
      std::vector<bool> bound(d->fields().size(), false);
      region.classes = constraints;
      for (const auto& [v, classes] : constraints) {
        const FieldDomain& f = d->fields()[v];
        bound[v] = true;
        region.constraints.emplace_back(f.path, Describe(f, classes));
        const ValueClass& pick = f.classes[Pick(f, classes)];
        if (!pick.value.is_null()) SetPath(&witness, f.path, pick.value);
      }
      for (size_t v = 0; v < d->fields().size(); ++v) {
        if (bound[v] || !read[v]) continue;
        const FieldDomain& f = d->fields()[v];
        const ValueClass& pick = f.classes[Neutral(f)];
        if (!pick.value.is_null()) SetPath(&witness, f.path, pick.value);
      }
      region.witness = witness;
      // Decide the witness with both versions.
      for (int version = 0; version < 2; ++version) {
        const RuleSet& rules = version == 0 ? old_rules : new_rules;
        Transaction txn = rules.NewTransaction();
        std::string out;
        absl::Status parsed = ParseTransactionJson(witness.dump(), &txn);
        EvalState state;
        absl::StatusOr<Decision> d = parsed.ok() ? rules.Decide(txn, state) : absl::StatusOr<Decision>(parsed);
        out = d.ok() ? DecisionToJson(*d, rules) : absl::StrCat("error: ", d.status().message());
        (version == 0 ? region.old_decision : region.new_decision) = out;
      }
      std::vector<std::string> before = MatchedRules(region.old_decision);
      std::vector<std::string> after = MatchedRules(region.new_decision);
      for (const std::string& x : before) {
        if (std::find(after.begin(), after.end(), x) == after.end()) region.rules.push_back(x);
      }
      for (const std::string& x : after) {
        if (std::find(before.begin(), before.end(), x) == before.end()) region.rules.push_back(x);
      }
      if (region.rules.empty()) {
        result.problems.push_back(absl::StrCat("the witness of region ", result.regions.size() + 1,
                                               " decides alike in both versions"));
      }
      result.regions.push_back(std::move(region));
    }
    if (result.regions.size() >= options.max_regions) {
      result.truncated = true;
      break;
    }
  }
  return result;
}

// ---- lint ----

absl::StatusOr<std::vector<Issue>> Lint(const CheckedRuleSet& rs) {
  absl::StatusOr<Domain> domain = Domain::Build({&rs});
  if (!domain.ok()) return domain.status();
  Analyzer analyzer(*domain);
  Mdd& m = analyzer.mdd();
  std::vector<Issue> issues;
  auto warn = [&](const SourcePosition& pos, std::string code, std::string message) {
    Issue issue;
    issue.severity = Severity::kWarning;
    issue.code = std::move(code);
    issue.position = pos;
    issue.message = std::move(message);
    issues.push_back(std::move(issue));
  };
  const std::vector<std::string>& actions = rs.schema->actions();
  auto rule_actions = [&](const CheckedRule& rule) {
    std::vector<std::string> out;
    for (size_t a = 0; a < actions.size(); ++a) {
      if ((rule.actions >> a) & 1) out.push_back(actions[a]);
    }
    return out;
  };
  for (size_t r = 0; r < rs.rules.size(); ++r) {
    const CheckedRule& rule = rs.rules[r];
    bool ever_true = false, ever_fires = false;
    std::vector<std::string> dead;
    for (const std::string& a : rule_actions(rule)) {
      int t = analyzer.RuleTruth(rs, r, a);
      bool fires = m.Reaches(t, kTrue) || m.Reaches(t, kUnknown);
      ever_true |= m.Reaches(t, kTrue);
      ever_fires |= fires;
      if (!fires) dead.push_back(a);
    }
    if (!ever_fires) {
      warn(rule.position, "lint-never-fires",
           absl::StrCat("rule ", rule.full_id,
                        " can never fire: its window and conditions exclude every transaction"));
      continue;
    }
    if (!ever_true) {
      warn(rule.position, "lint-never-matches",
           absl::StrCat("rule ", rule.full_id,
                        " can never hold; it can only be undecided (review) on missing data"));
    } else {
      for (const std::string& a : dead) {
        warn(rule.position, "lint-dead-action",
             absl::StrCat("rule ", rule.full_id, " lists action \"", a,
                          "\" but can never fire for it"));
      }
    }
    if (rule.unless) {
      bool exempts = false;
      for (const std::string& a : rule_actions(rule)) {
        int both = MddAnd(m, analyzer.RuleBase(rs, r, a), analyzer.Exemption(rs, r, a));
        exempts |= m.Reaches(both, kTrue);
      }
      if (!exempts) {
        SourcePosition pos = rule.position;
        pos.line = rule.unless->line;
        pos.column = rule.unless->column;
        pos.json_pointer = rule.unless->pointer;
        warn(pos, "lint-idle-exemption",
             absl::StrCat("the exemption of rule ", rule.full_id,
                          " never applies where the rule would hold: it exempts nothing"));
      }
    }
    // Shadowing: an earlier rule with the same effect that holds wherever
    // this one does. Pairwise, so only for rule sets of modest size.
    if (!ever_true || rs.rules.size() > 500) continue;
    for (size_t e = 0; e < r; ++e) {
      const CheckedRule& earlier = rs.rules[e];
      if (earlier.effect != rule.effect) continue;
      bool covered = true;
      for (const std::string& a : rule_actions(rule)) {
        int gap = m.Apply(kOpShadow, analyzer.RuleTruth(rs, r, a), analyzer.RuleTruth(rs, e, a),
                          [](int x, int y) { return x == kTrue && y != kTrue ? 1 : 0; });
        if (m.Reaches(gap, 1)) {
          covered = false;
          break;
        }
      }
      if (covered) {
        warn(rule.position, "lint-shadowed",
             absl::StrCat("rule ", rule.full_id, " is wholly shadowed by the earlier rule ",
                          earlier.full_id, " (same effect, holds wherever this one does)"));
        break;
      }
    }
  }
  return issues;
}

}  // namespace interdict::internal
