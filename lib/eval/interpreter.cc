// The interpreter: one switch loop over Program::code, after re2/nfa.cc in
// spirit: no allocation, no string lookups, no virtual calls. The loop is the
// one function allowed to be long (STYLE.md §7). The semantics of the
// all/any frames are described at the top of program.h.
//
// Tested by tests/eval/interpreter_test.cc and, against the reference
// evaluator, tests/eval/differential_test.cc.
#include "lib/eval/interpreter.h"

#include <algorithm>

namespace interdict::internal {
namespace {

template <typename T>
bool Compare(Cmp cmp, T x, T y) {
  switch (cmp) {
    case Cmp::kEq: return x == y;
    case Cmp::kLt: return x < y;
    case Cmp::kLe: return x <= y;
    case Cmp::kGt: return x > y;
    case Cmp::kGe: return x >= y;
  }
  return false;
}

inline Truth Of(bool b) { return b ? Truth::kTrue : Truth::kFalse; }

// The test on one valid value.
inline bool TestValue(const Program& p, const Inst& in, const Value& v) {
  switch (in.op) {
    case Op::kInMask: return v.i >= 0 && v.i < 64 && ((p.masks[in.b] >> v.i) & 1) != 0;
    case Op::kInCode: return p.code_sets[in.b].Contains(v.i);
    case Op::kInString: return p.string_sets[in.b].Contains(v.text);
    case Op::kInName: return p.name_sets[in.b].Find(v.key) != nullptr;
    case Op::kInNumber: return p.number_sets[in.b].Contains(v.d);
    case Op::kMatch: return p.pattern_sets[in.b]->Matches(v.text);
    case Op::kCmpNumber: return Compare(static_cast<Cmp>(in.flags & kCmpMask), v.d, p.numbers[in.b]);
    case Op::kCmpInt: return Compare(static_cast<Cmp>(in.flags & kCmpMask), v.i, p.ints[in.b]);
    default: return false;
  }
}

inline Truth Negate(Truth t) {
  return t == Truth::kUnknown ? t : (t == Truth::kTrue ? Truth::kFalse : Truth::kTrue);
}

template <bool kTrace>
Verdict Run(const Program& p, const TxnData& txn, EvalScratch& s) {
  const Value* values = txn.values.data();
  const Inst* code = p.code.data();
  const Value& action = values[kSlotAction];
  uint32_t pc = action.state == ValueState::kValid ? p.entry[action.i] : p.entry.back();

  Frame* frames = s.frames.data();
  int top = -1;
  uint16_t* unknowns = s.unknowns.data();
  const uint32_t unknown_cap = static_cast<uint32_t>(s.unknowns.size());
  uint32_t nunk = 0;
  auto record = [&](uint16_t slot) {
    if (nunk < unknown_cap) unknowns[nunk++] = slot;
  };
  s.match_count = 0;
  s.match_unknown_count = 0;
  if (kTrace) s.trace.clear();
  Verdict verdict = Verdict::kAllow;
  Truth r = Truth::kTrue;

  for (;;) {
    const Inst& in = code[pc];
    switch (in.op) {
      case Op::kActionIn:
        r = Truth::kUnknown;
        record(kSlotAction);
        break;
      case Op::kWindow: {
        const Value& t = values[kSlotTime];
        if (t.state != ValueState::kValid) {
          r = Truth::kUnknown;
          record(kSlotTime);
        } else {
          const Program::Window& w = p.windows[in.b];
          r = Of(t.i >= w.from && t.i < w.until);
        }
        break;
      }
      case Op::kPresent:
      case Op::kInMask:
      case Op::kInCode:
      case Op::kInString:
      case Op::kInName:
      case Op::kInNumber:
      case Op::kMatch:
      case Op::kCmpNumber:
      case Op::kCmpInt:
        r = EvalTest(p, in, txn);
        if (r == Truth::kUnknown) record(in.a);
        break;
      case Op::kAllBegin:
        frames[++top] = Frame{Truth::kTrue, nunk};
        break;
      case Op::kAllNext:
        if (r == Truth::kFalse) {
          if (!kTrace) {
            nunk = frames[top--].mark;
            pc = in.b;
            continue;
          }
          frames[top].acc = Truth::kFalse;
        } else if (r == Truth::kUnknown && frames[top].acc == Truth::kTrue) {
          frames[top].acc = Truth::kUnknown;
        }
        break;
      case Op::kAnyBegin:
        frames[++top] = Frame{Truth::kFalse, nunk};
        break;
      case Op::kAnyNext:
        if (r == Truth::kTrue) {
          if (!kTrace) {
            nunk = frames[top--].mark;
            pc = in.b;
            continue;
          }
          frames[top].acc = Truth::kTrue;
        } else if (r == Truth::kUnknown && frames[top].acc == Truth::kFalse) {
          frames[top].acc = Truth::kUnknown;
        }
        break;
      case Op::kAllEnd:
      case Op::kAnyEnd:
        r = frames[top].acc;
        if (r != Truth::kUnknown) nunk = frames[top].mark;
        --top;
        break;
      case Op::kNot:
        r = Negate(r);
        break;
      case Op::kRule: {
        if (r != Truth::kFalse) {
          const RuleInfo& rule = p.rules[in.b];
          Match& m = s.matches[s.match_count++];
          m.rule = &rule;
          m.undecided = r == Truth::kUnknown;
          m.effect = m.undecided ? Verdict::kReview : rule.effect;
          uint16_t* begin = s.match_unknowns.data() + s.match_unknown_count;
          uint32_t count = 0;
          if (m.undecided) {
            const uint32_t room = static_cast<uint32_t>(s.match_unknowns.size()) - s.match_unknown_count;
            for (uint32_t i = 0; i < nunk && count < kMaxUnknownsPerMatch && count < room; ++i) {
              if (std::find(begin, begin + count, unknowns[i]) == begin + count) {
                begin[count++] = unknowns[i];
              }
            }
          }
          s.match_unknown_count += count;
          m.unknown_slots = absl::Span<const uint16_t>(begin, count);
          if (m.effect > verdict) verdict = m.effect;
        }
        nunk = 0;
        r = Truth::kTrue;
        break;
      }
      case Op::kHalt:
        s.verdict = verdict;
        return verdict;
    }
    if (kTrace) {
      int32_t node = p.node_of_pc[pc];
      if (node >= 0) s.trace.push_back(TraceEntry{static_cast<uint32_t>(node), r});
    }
    ++pc;
  }
}

}  // namespace

Truth EvalTest(const Program& p, const Inst& in, const TxnData& txn) {
  const Value& v = txn.values[in.a];
  if (in.op == Op::kPresent) {
    if (v.state == ValueState::kInvalid) return Truth::kUnknown;
    bool present = v.state == ValueState::kValid;
    return Of(present == ((in.flags & kFlagExpect) != 0));
  }
  if (v.state != ValueState::kValid) return Truth::kUnknown;
  if ((in.flags & kFlagList) == 0) return Of(TestValue(p, in, v));
  // A list: true if any element passes; unknown if none does and some
  // element is invalid.
  bool unknown = false;
  for (uint32_t i = 0; i < v.item_count; ++i) {
    const Value& item = v.items[i];
    if (item.state != ValueState::kValid) {
      unknown = true;
    } else if (TestValue(p, in, item)) {
      return Truth::kTrue;
    }
  }
  return unknown ? Truth::kUnknown : Truth::kFalse;
}

Verdict Evaluate(const Program& p, const TxnData& txn, EvalScratch& scratch) {
  return Run<false>(p, txn, scratch);
}

Verdict EvaluateTraced(const Program& p, const TxnData& txn, EvalScratch& scratch) {
  return Run<true>(p, txn, scratch);
}

void EvalScratch::Prepare(const Program& p) {
  if (program == &p) return;
  program = &p;
  frames.assign(p.max_depth + 1, Frame{Truth::kTrue, 0});
  unknowns.assign(p.max_rule_leaves + 2, 0);
  matches.assign(p.rules.size() + 1, Match{});
  match_unknowns.assign(p.unknown_pool + 1, 0);
  match_count = 0;
  match_unknown_count = 0;
}

}  // namespace interdict::internal
