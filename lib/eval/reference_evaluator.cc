#include "lib/eval/reference_evaluator.h"

#include <algorithm>

#include "lib/matching/normalizer.h"
#include "re2/re2.h"

namespace interdict::internal {
namespace {

// A truth value with the fields that made it unknown (empty unless unknown).
struct Result {
  Truth truth;
  std::set<uint16_t> unknown;
};

Result Known(bool b) { return Result{b ? Truth::kTrue : Truth::kFalse, {}}; }
Result Unknown(uint16_t slot) { return Result{Truth::kUnknown, {slot}}; }

bool PassesValue(const CheckedRuleSet& rules, const CheckedTest& t, FieldType type,
                 const Value& v) {
  auto compare = [&](auto x, auto y) {
    switch (t.op) {
      case TestOp::kEq: return x == y;
      case TestOp::kLt: return x < y;
      case TestOp::kLe: return x <= y;
      case TestOp::kGt: return x > y;
      case TestOp::kGe: return x >= y;
      default: return false;
    }
  };
  if (t.op == TestOp::kIn || t.op == TestOp::kMatches) {
    const CheckedSet& set = rules.sets[t.set];
    switch (set.kind) {
      case SetKind::kCountry:
      case SetKind::kRegion:
        return std::find(set.codes.begin(), set.codes.end(), v.i) != set.codes.end();
      case SetKind::kString:
        return std::find(set.strings.begin(), set.strings.end(), v.text) != set.strings.end();
      case SetKind::kName:
        for (const PartyEntry& p : set.parties) {
          if (NormalizeName(p.name).key == v.key) return true;
          for (const std::string& a : p.aliases) {
            if (NormalizeName(a).key == v.key) return true;
          }
        }
        return false;
      case SetKind::kNumber:
        return std::find(set.numbers.begin(), set.numbers.end(), v.d) != set.numbers.end();
      case SetKind::kMask:
        return v.i >= 0 && v.i < 64 && ((set.mask >> v.i) & 1) != 0;
      case SetKind::kPattern:
        for (const std::string& p : set.strings) {
          if (RE2::PartialMatch(v.text, RE2(p))) return true;
        }
        return false;
    }
  }
  if (type == FieldType::kNumber) return compare(v.d, t.number);
  return compare(v.i, t.integer);
}

// How `screen` is evaluated: comparing with every listed name (kScan, the
// oracle the differential tests hold the interpreter to), or through the
// screener's index (kIndex: the same answers, which the screener's own tests
// prove; fast enough for the analyses over full sanctions lists).
enum class ScreenBy { kScan, kIndex };

Result EvalTest(const CheckedRuleSet& rules, const CheckedTest& t, const TxnData& txn,
                ScreenBy screen_by = ScreenBy::kScan) {
  const FieldInfo& field = rules.schema->field(t.slot);
  const Value& v = txn.values[t.slot];
  if (t.op == TestOp::kPresent) {
    if (v.state == ValueState::kInvalid) return Unknown(t.slot);
    return Known((v.state == ValueState::kValid) == t.expect_present);
  }
  if (v.state != ValueState::kValid) return Unknown(t.slot);
  if (t.op == TestOp::kScreen) {
    // Compare with every name (Scan), not the index: exact true, near unknown.
    const CheckedSet& set = rules.sets[t.set];
    auto screen = [&](const Value& item) {
      if (screen_by == ScreenBy::kIndex) {
        const int outcome = set.screener->Classify(item.key, set.threshold);
        return outcome == 2 ? Truth::kTrue : outcome == 1 ? Truth::kUnknown : Truth::kFalse;
      }
      std::vector<ScreenHit> hits;
      set.screener->Scan(item.key, set.threshold, 1, &hits);
      return hits.empty() ? Truth::kFalse : hits[0].exact ? Truth::kTrue : Truth::kUnknown;
    };
    if (!field.is_list) {
      const Truth truth = screen(v);
      return truth == Truth::kUnknown ? Unknown(t.slot) : Known(truth == Truth::kTrue);
    }
    bool unknown = false;
    for (uint32_t i = 0; i < v.item_count; ++i) {
      const Truth truth = v.items[i].state == ValueState::kValid ? screen(v.items[i]) : Truth::kUnknown;
      if (truth == Truth::kTrue) return Known(true);
      unknown |= truth == Truth::kUnknown;
    }
    return unknown ? Unknown(t.slot) : Known(false);
  }
  if (!field.is_list) return Known(PassesValue(rules, t, field.type, v));
  bool any_invalid = false;
  for (uint32_t i = 0; i < v.item_count; ++i) {
    if (v.items[i].state != ValueState::kValid) {
      any_invalid = true;
    } else if (PassesValue(rules, t, field.type, v.items[i])) {
      return Known(true);
    }
  }
  return any_invalid ? Unknown(t.slot) : Known(false);
}

// all: false if any part is false; else unknown if any is; else true.
Result All(const std::vector<Result>& parts) {
  Result out{Truth::kTrue, {}};
  for (const Result& r : parts) {
    if (r.truth == Truth::kFalse) return Known(false);
    if (r.truth == Truth::kUnknown) {
      out.truth = Truth::kUnknown;
      out.unknown.insert(r.unknown.begin(), r.unknown.end());
    }
  }
  return out;
}

// any: true if any part is true; else unknown if any is; else false.
Result Any(const std::vector<Result>& parts) {
  Result out{Truth::kFalse, {}};
  for (const Result& r : parts) {
    if (r.truth == Truth::kTrue) return Known(true);
    if (r.truth == Truth::kUnknown) {
      out.truth = Truth::kUnknown;
      out.unknown.insert(r.unknown.begin(), r.unknown.end());
    }
  }
  return out;
}

Result Not(Result r) {
  if (r.truth != Truth::kUnknown) r.truth = r.truth == Truth::kTrue ? Truth::kFalse : Truth::kTrue;
  return r;
}

Result EvalCond(const CheckedRuleSet& rules, const CheckedCond& c, const TxnData& txn) {
  switch (c.kind) {
    case CheckedCond::Kind::kTest: return EvalTest(rules, c.test, txn);
    case CheckedCond::Kind::kNot: return Not(EvalCond(rules, c.children[0], txn));
    case CheckedCond::Kind::kAll:
    case CheckedCond::Kind::kAny: {
      std::vector<Result> parts;
      for (const CheckedCond& child : c.children) parts.push_back(EvalCond(rules, child, txn));
      return c.kind == CheckedCond::Kind::kAll ? All(parts) : Any(parts);
    }
  }
  return Known(false);
}

}  // namespace

Truth EvaluateCheckedTest(const CheckedRuleSet& rules, const CheckedTest& test, const TxnData& txn) {
  return EvalTest(rules, test, txn, ScreenBy::kIndex).truth;
}

ReferenceDecision EvaluateReferenceForTesting(const CheckedRuleSet& rules, const TxnData& txn) {
  ReferenceDecision out;
  const Value& action = txn.values[kSlotAction];
  const Value& time = txn.values[kSlotTime];
  for (size_t i = 0; i < rules.rules.size(); ++i) {
    const CheckedRule& rule = rules.rules[i];
    std::vector<Result> parts;
    if (action.state != ValueState::kValid) {
      parts.push_back(Unknown(kSlotAction));
    } else if (((rule.actions >> action.i) & 1) == 0) {
      continue;  // the rule does not cover this action
    }
    if (rule.from.has_value() || rule.until.has_value()) {
      if (time.state != ValueState::kValid) {
        parts.push_back(Unknown(kSlotTime));
      } else {
        parts.push_back(Known((!rule.from || time.i >= *rule.from) &&
                              (!rule.until || time.i < *rule.until)));
      }
    }
    if (rule.when.has_value()) parts.push_back(EvalCond(rules, *rule.when, txn));
    if (rule.unless.has_value()) parts.push_back(Not(EvalCond(rules, *rule.unless, txn)));
    Result r = All(parts);
    if (r.truth == Truth::kFalse) continue;
    ReferenceMatch m;
    m.rule = static_cast<int>(i);
    m.undecided = r.truth == Truth::kUnknown;
    m.effect = m.undecided ? Verdict::kReview : rule.effect;
    m.unknown_slots = std::move(r.unknown);
    out.verdict = std::max(out.verdict, m.effect);
    out.matches.push_back(std::move(m));
  }
  return out;
}

}  // namespace interdict::internal
