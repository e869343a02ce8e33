// Decision details and Explain: what each condition saw and concluded.
#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "interdict/rule_set.h"
#include "lib/api/access.h"
#include "lib/common/time_util.h"
#include "lib/eval/eval_state.h"
#include "lib/eval/interpreter.h"
#include "nlohmann/json.hpp"

namespace interdict {

using internal::NodeInfo;
using internal::Program;
using internal::TxnData;
using internal::Value;
using internal::ValueState;

namespace {

std::string Quote(const std::string& s) {
  return nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::vector<UnknownField> UnknownFields(const TxnData& data, absl::Span<const uint16_t> slots) {
  std::vector<UnknownField> out;
  for (uint16_t slot : slots) {
    const Value& v = data.values[slot];
    UnknownField f;
    f.path = data.schema->field(slot).path;
    f.invalid = v.state == ValueState::kInvalid;
    if (v.state == ValueState::kValid && data.schema->field(slot).is_list) {
      // A list is unknown because of its invalid elements, or, if it has
      // none, because a `screen` came near a listed party.
      std::vector<std::string> bad;
      for (uint32_t i = 0; i < v.item_count; ++i) {
        if (v.items[i].state != ValueState::kValid) bad.push_back(v.items[i].text);
      }
      f.invalid = !bad.empty();
      f.near_match = bad.empty();
      f.value = absl::StrJoin(bad, ", ");
    } else if (v.state == ValueState::kValid) {
      f.near_match = true;  // only a screen leaves a valid scalar unknown
    } else if (f.invalid) {
      f.value = v.text;
    }
    out.push_back(std::move(f));
  }
  return out;
}

constexpr size_t kScreeningMatches = 5;

// The hits of one screen of one name, for reports.
Screening ScreenOne(const Program& p, uint16_t slot, uint32_t screen, const Value& v) {
  const internal::ScreenSet& set = p.screens[screen];
  Screening out;
  out.field = p.schema->field(slot).path;
  out.list = set.label;
  out.query = v.text;
  out.normalized = v.key;
  std::vector<internal::ScreenHit> hits;
  set.screener->Screen(v.key, set.threshold, kScreeningMatches, &hits);
  for (const internal::ScreenHit& h : hits) {
    ScreeningMatch m;
    m.entry = set.entry_ids[h.entry];
    m.name = set.names[h.entry][0];
    if (h.name > 0) m.matched_alias = set.names[h.entry][h.name];
    m.score = h.score;
    m.exact = h.exact;
    m.type = set.types[h.entry];
    m.programs = set.programs[h.entry];
    out.matches.push_back(std::move(m));
  }
  return out;
}

std::vector<Screening> Screenings(const Program& p, const TxnData& data, const RuleInfo* rule) {
  std::vector<Screening> out;
  const size_t r = static_cast<size_t>(rule - p.rules.data());
  if (r >= p.rule_screens.size() || p.rule_screens[r].empty()) return out;
  for (const auto& [slot, screen] : p.rule_screens[r]) {
    const Value& v = data.values[slot];
    if (v.state != ValueState::kValid) continue;
    if (!data.schema->field(slot).is_list) {
      Screening s = ScreenOne(p, slot, screen, v);
      if (!s.matches.empty()) out.push_back(std::move(s));
      continue;
    }
    for (uint32_t i = 0; i < v.item_count; ++i) {
      if (v.items[i].state != ValueState::kValid) continue;
      Screening s = ScreenOne(p, slot, screen, v.items[i]);
      if (!s.matches.empty()) out.push_back(std::move(s));
    }
  }
  return out;
}

std::string ValueText(const Value& v) {
  if (v.state == ValueState::kAbsent) return "missing";
  if (v.state == ValueState::kInvalid) return absl::StrCat("invalid ", Quote(v.text));
  return Quote(v.text);
}

// What a test node looked at, e.g. "\"Kaspersky Lab ZAO\" (= AO Kaspersky Lab)".
std::string DescribeTest(const Program& p, const NodeInfo& node, const TxnData& txn) {
  const internal::Inst& in = node.inst;
  const Value& v = txn.values[in.a];
  auto one = [&](const Value& item) {
    std::string text = ValueText(item);
    if (in.op == internal::Op::kScreen && item.state == ValueState::kValid) {
      Screening found = ScreenOne(p, in.a, in.b, item);
      if (found.matches.empty()) return absl::StrCat(text, " (no match)");
      const ScreeningMatch& best = found.matches[0];
      absl::StrAppend(&text, " (", best.exact ? "= " : absl::StrFormat("near %.3f: ", best.score), best.name);
      if (!best.matched_alias.empty()) absl::StrAppend(&text, ", alias ", Quote(best.matched_alias));
      absl::StrAppend(&text, ", entry ", best.entry, ")");
      return text;
    }
    if (in.op == internal::Op::kInName && item.state == ValueState::kValid) {
      const internal::NameSet::Hit* hit = p.name_sets[in.b].Find(item.key);
      if (hit != nullptr) {
        const internal::NameSetInfo& info = p.name_set_info[in.b];
        absl::StrAppend(&text, " (= ", info.names[hit->entry][0]);
        if (hit->name > 0) absl::StrAppend(&text, ", alias ", Quote(info.names[hit->entry][hit->name]));
        text += ")";
      }
    }
    return text;
  };
  if (!(in.flags & internal::kFlagList) || v.state != ValueState::kValid) return one(v);
  std::vector<std::string> items;
  for (uint32_t i = 0; i < v.item_count; ++i) items.push_back(one(v.items[i]));
  return absl::StrCat("[", absl::StrJoin(items, ", "), "]");
}

std::string DescribeNode(const Program& p, const NodeInfo& node, const TxnData& txn) {
  switch (node.kind) {
    case NodeInfo::Kind::kAction: return ValueText(txn.values[internal::kSlotAction]);
    case NodeInfo::Kind::kWindow: {
      const Value& t = txn.values[internal::kSlotTime];
      if (t.state != ValueState::kValid) return ValueText(t);
      return absl::StrCat(Quote(t.text), " = ", internal::FormatInstant(t.i));
    }
    case NodeInfo::Kind::kTest: return DescribeTest(p, node, txn);
    default: return "";
  }
}

const char* PartName(NodeInfo::Part part) {
  switch (part) {
    case NodeInfo::Part::kAction: return "action";
    case NodeInfo::Part::kWindow: return "window";
    case NodeInfo::Part::kWhen: return "when";
    case NodeInfo::Part::kUnless: return "unless";
  }
  return "?";
}

}  // namespace

std::vector<UnknownField> Decision::unknown_fields(const Match& match) const {
  return UnknownFields(TransactionAccess::Data(*txn_), match.unknown_slots);
}

std::vector<Screening> Decision::screenings(const Match& match) const {
  if (program_ == nullptr) return {};
  return Screenings(*program_, TransactionAccess::Data(*txn_), match.rule);
}

absl::StatusOr<Explanation> RuleSet::Explain(const Transaction& txn) const {
  const TxnData& data = TransactionAccess::Data(txn);
  if (data.schema->fingerprint() != program_->schema->fingerprint()) {
    return absl::FailedPreconditionError(
        "the transaction was built for a rule set with other actions or attributes");
  }
  const Program& p = *program_;
  internal::EvalScratch s;
  s.Prepare(p);
  Explanation e;
  e.verdict = internal::EvaluateTraced(p, data, s);
  std::vector<const Match*> by_rule(p.rules.size(), nullptr);
  for (uint32_t i = 0; i < s.match_count; ++i) {
    const Match& m = s.matches[i];
    e.matches.push_back(OwnedMatch{m.rule, m.effect, m.undecided, UnknownFields(data, m.unknown_slots),
                                   Screenings(p, data, m.rule)});
    by_rule[m.rule - p.rules.data()] = &m;
  }
  const Value& action = data.values[internal::kSlotAction];
  const std::vector<uint32_t>& considered =
      action.state == ValueState::kValid ? p.entry_rules[action.i] : p.entry_rules.back();
  std::vector<std::vector<internal::TraceEntry>> per_rule(p.rules.size());
  for (const internal::TraceEntry& t : s.trace) per_rule[p.nodes[t.node].rule].push_back(t);
  for (uint32_t r : considered) {
    RuleTrace rt;
    rt.rule = &p.rules[r];
    const Match* m = by_rule[r];
    rt.result = m == nullptr ? Truth::kFalse : (m->undecided ? Truth::kUnknown : Truth::kTrue);
    std::vector<internal::TraceEntry>& entries = per_rule[r];
    // Nodes are numbered in pre-order, so sorting by node puts parents first.
    std::stable_sort(entries.begin(), entries.end(),
                     [](const auto& a, const auto& b) { return a.node < b.node; });
    for (const internal::TraceEntry& t : entries) {
      const NodeInfo& node = p.nodes[t.node];
      ConditionTrace c;
      c.part = PartName(node.part);
      c.depth = node.depth;
      c.text = node.text;
      c.pointer = node.pointer;
      c.line = node.line;
      c.column = node.column;
      c.result = t.result;
      c.value = DescribeNode(p, node, data);
      rt.conditions.push_back(std::move(c));
    }
    e.rules.push_back(std::move(rt));
  }
  return e;
}

std::string Explanation::ToText() const {
  std::string out = absl::StrCat("verdict: ", VerdictName(verdict), "\n");
  for (const RuleTrace& r : rules) {
    const char* outcome = r.result == Truth::kTrue      ? VerdictName(r.rule->effect)
                          : r.result == Truth::kUnknown ? "review (undecided)"
                                                        : "no match";
    absl::StrAppend(&out, "rule ", r.rule->id, ": ", TruthName(r.result), " -> ", outcome, "  (",
                    r.rule->position.file, ":", r.rule->position.line, ")\n");
    for (const ConditionTrace& c : r.conditions) {
      absl::StrAppend(&out, std::string(4 + 2 * c.depth, ' '), c.part, ": ", c.text, " => ",
                      TruthName(c.result));
      if (!c.value.empty()) absl::StrAppend(&out, "   [", c.value, "]");
      out += "\n";
    }
  }
  return out;
}

}  // namespace interdict
