// The interpreter: one switch loop over a Code, in the spirit of re2/nfa.cc:
// no allocation, no string lookups, no virtual calls. The loop is the one
// function allowed to be long (STYLE.md §7). The semantics of frames,
// junction steps, memo cells and gates are described at the top of
// program.h.
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

// INTERDICT_THREADED_DISPATCH selects how the loop dispatches: 1 (the
// default with GCC and Clang) jumps through a table of label addresses at
// the end of every instruction, so each has its own indirect branch to
// predict (hyperscan's PROGRAM_CASE does the same); 0 is a plain switch.
// benchmarks/README.md compares them.
#ifndef INTERDICT_THREADED_DISPATCH
#if defined(__GNUC__)
#define INTERDICT_THREADED_DISPATCH 1
#else
#define INTERDICT_THREADED_DISPATCH 1
#endif
#endif

template <bool kTrace>
Verdict Run(const Program& p, const TxnData& txn, EvalScratch& s) {
  const Code& code = kTrace ? p.traced : p.fast;
  const Step* steps = code.steps.data();
  const Value* values = txn.values.data();
  const Value& action = values[kSlotAction];
  uint32_t pc = action.state == ValueState::kValid ? code.entry[action.i] : code.entry.back();

  Frame* frames = s.frames.data();
  int top = -1;
  uint16_t* unknowns = s.unknowns.data();
  const uint32_t unknown_cap = static_cast<uint32_t>(s.unknowns.size());
  uint32_t nunk = 0;
  auto record = [&](uint16_t slot) {
    if (nunk < unknown_cap) unknowns[nunk++] = slot;
  };
  if (!kTrace && ++s.generation == 0) {  // wrapped: no cell may look current
    for (MemoCell& c : s.memo) c.generation = 0;
    s.generation = 1;
  }
  const uint32_t generation = s.generation;
  s.match_count = 0;
  s.match_unknown_count = 0;
  if (kTrace) s.trace.clear();
  Verdict verdict = Verdict::kAllow;
  Truth r = Truth::kTrue;
  Truth rule_acc = Truth::kTrue;
  bool memo_hit = false;
  const Step* step = nullptr;
  const Inst* in = nullptr;

#if INTERDICT_THREADED_DISPATCH
  // In the order of enum Op.
  static const void* const kLabels[] = {
      &&op_kActionIn, &&op_kWindow,    &&op_kPresent,  &&op_kInMask,    &&op_kInCode,
      &&op_kInString, &&op_kInName,    &&op_kInNumber, &&op_kMatch,     &&op_kCmpNumber,
      &&op_kCmpInt,   &&op_kAllBegin,  &&op_kAllEnd,   &&op_kAnyBegin,  &&op_kAnyEnd,
      &&op_kNot,      &&op_kMemoBegin, &&op_kMemoEnd,  &&op_kMemoSet,   &&op_kRule,
      &&op_kRuleMatch, &&op_kJump,     &&op_kHalt};
  static_assert(sizeof(kLabels) / sizeof(kLabels[0]) == static_cast<int>(Op::kHalt) + 1);
#define INTERDICT_OP(name) op_##name:
#define INTERDICT_DISPATCH()                 \
  do {                                       \
    step = &steps[pc];                       \
    in = &step->inst;                        \
    goto* kLabels[static_cast<int>(in->op)]; \
  } while (0)
#else
#define INTERDICT_OP(name) case Op::name:
#define INTERDICT_DISPATCH() goto dispatch
#endif

  // After an instruction that produced r: the trace, then its step (shared
  // below, so the loop stays compact).
#define INTERDICT_STEP() goto step

  // A test, inline for a valid scalar; lists and missing values take the
  // general path.
#define INTERDICT_LEAF(test)                                        \
  do {                                                              \
    const Value& v = values[in->a];                                 \
    if (v.state == ValueState::kValid && !(in->flags & kFlagList)) { \
      r = Of(test);                                                 \
    } else {                                                        \
      r = EvalTest(p, *in, txn);                                    \
      if (r == Truth::kUnknown) record(in->a);                      \
    }                                                               \
    INTERDICT_STEP();                                               \
  } while (0)

#if INTERDICT_THREADED_DISPATCH
  INTERDICT_DISPATCH();
  {
#else
dispatch:
  step = &steps[pc];
  in = &step->inst;
  switch (in->op) {
#endif
    INTERDICT_OP(kActionIn) {
      r = Truth::kUnknown;
      record(kSlotAction);
      INTERDICT_STEP();
    }
    INTERDICT_OP(kWindow) {
      const Value& t = values[kSlotTime];
      if (t.state != ValueState::kValid) {
        r = Truth::kUnknown;
        record(kSlotTime);
      } else {
        const Program::Window& w = p.windows[in->b];
        r = Of(t.i >= w.from && t.i < w.until);
      }
      INTERDICT_STEP();
    }
    INTERDICT_OP(kPresent) {
      const ValueState state = values[in->a].state;
      if (state == ValueState::kInvalid) {
        r = Truth::kUnknown;
        record(in->a);
      } else {
        r = Of((state == ValueState::kValid) == ((in->flags & kFlagExpect) != 0));
      }
      INTERDICT_STEP();
    }
    INTERDICT_OP(kInMask)
    INTERDICT_LEAF(static_cast<uint64_t>(v.i) < 64 && ((p.masks[in->b] >> v.i) & 1) != 0);
    INTERDICT_OP(kInCode)
    INTERDICT_LEAF(p.code_sets[in->b].Contains(v.i));
    INTERDICT_OP(kInString)
    INTERDICT_LEAF(p.string_sets[in->b].Contains(v.text));
    INTERDICT_OP(kInName)
    INTERDICT_LEAF(p.name_sets[in->b].Find(v.key) != nullptr);
    INTERDICT_OP(kInNumber)
    INTERDICT_LEAF(p.number_sets[in->b].Contains(v.d));
    INTERDICT_OP(kMatch)
    INTERDICT_LEAF(p.pattern_sets[in->b]->Matches(v.text));
    INTERDICT_OP(kCmpNumber)
    INTERDICT_LEAF(Compare(static_cast<Cmp>(in->flags & kCmpMask), v.d, p.numbers[in->b]));
    INTERDICT_OP(kCmpInt)
    INTERDICT_LEAF(Compare(static_cast<Cmp>(in->flags & kCmpMask), v.i, p.ints[in->b]));
    INTERDICT_OP(kAllBegin) {
      frames[++top] = Frame{Truth::kTrue, nunk};
      ++pc;
      INTERDICT_DISPATCH();
    }
    INTERDICT_OP(kAnyBegin) {
      frames[++top] = Frame{Truth::kFalse, nunk};
      ++pc;
      INTERDICT_DISPATCH();
    }
    INTERDICT_OP(kAllEnd)
    INTERDICT_OP(kAnyEnd) {
      r = frames[top].acc;
      if (r != Truth::kUnknown) nunk = frames[top].mark;
      --top;
      INTERDICT_STEP();
    }
    INTERDICT_OP(kNot) {
      r = Negate(r);
      INTERDICT_STEP();
    }
    INTERDICT_OP(kMemoBegin) {
      const MemoCell& cell = s.memo[in->a];
      if (cell.generation == generation) {
        r = cell.truth;
        for (uint32_t i = 0; i < cell.count; ++i) record(cell.slots[i]);
        if ((in->flags & kStepMask) == kBranch) INTERDICT_STEP();  // branch code: branch on it
        memo_hit = true;
        pc = in->b;  // its kMemoEnd, which applies the step
        INTERDICT_DISPATCH();
      }
      if ((in->flags & kStepMask) != kBranch) frames[++top] = Frame{Truth::kTrue, nunk};
      ++pc;
      INTERDICT_DISPATCH();
    }
    INTERDICT_OP(kMemoEnd) {
      if (memo_hit) {
        memo_hit = false;
      } else {
        const uint32_t mark = frames[top--].mark;
        MemoCell& cell = s.memo[in->a];
        const uint32_t n = nunk - mark;
        if (n <= kMemoSlots) {
          cell.generation = generation;
          cell.truth = r;
          cell.count = static_cast<uint8_t>(n);
          std::copy(unknowns + mark, unknowns + nunk, cell.slots);
        }
      }
      INTERDICT_STEP();
    }
    INTERDICT_OP(kMemoSet) {
      MemoCell& cell = s.memo[in->a];
      r = Of((in->flags & kFlagValue) != 0);
      cell.generation = generation;
      cell.truth = r;
      cell.count = 0;
      INTERDICT_STEP();
    }
    INTERDICT_OP(kRule) {
      if (rule_acc != Truth::kFalse) {
        const RuleInfo& rule = p.rules[in->b];
        Match& m = s.matches[s.match_count++];
        m.rule = &rule;
        m.undecided = rule_acc == Truth::kUnknown;
        m.effect = m.undecided ? Verdict::kReview : rule.effect;
        uint16_t* begin = s.match_unknowns.data() + s.match_unknown_count;
        uint32_t count = 0;
        if (m.undecided) {
          const uint32_t room =
              static_cast<uint32_t>(s.match_unknowns.size()) - s.match_unknown_count;
          for (uint32_t i = 0; i < nunk && count < kMaxUnknownsPerMatch && count < room; ++i) {
            if (std::find(begin, begin + count, unknowns[i]) == begin + count) {
              begin[count++] = unknowns[i];
            }
          }
          std::sort(begin, begin + count);  // schema order, whatever the evaluation order
        }
        s.match_unknown_count += count;
        m.unknown_slots = absl::Span<const uint16_t>(begin, count);
        if (m.effect > verdict) verdict = m.effect;
      }
      nunk = 0;
      rule_acc = Truth::kTrue;
      ++pc;
      INTERDICT_DISPATCH();
    }
    INTERDICT_OP(kRuleMatch) {
      const RuleInfo& rule = p.rules[in->b];
      Match& m = s.matches[s.match_count++];
      m.rule = &rule;
      m.undecided = false;
      m.effect = rule.effect;
      m.unknown_slots = absl::Span<const uint16_t>();
      if (m.effect > verdict) verdict = m.effect;
      nunk = 0;
      ++pc;
      INTERDICT_DISPATCH();
    }
    INTERDICT_OP(kJump) {
      pc = in->b;
      INTERDICT_DISPATCH();
    }
    INTERDICT_OP(kHalt) {
      s.verdict = verdict;
      return verdict;
    }
  }
step:
  if (kTrace) {
    int32_t node = p.node_of_pc[pc];
    if (node >= 0) s.trace.push_back(TraceEntry{static_cast<uint32_t>(node), r});
  }
  switch (in->flags & kStepMask) {
    case kBranch:
      if (r == Truth::kTrue) {
        pc = step->on_true;
      } else if (r == Truth::kFalse) {
        pc = step->on_false;
      } else {  // to the rule's frame block, which starts afresh
        nunk = 0;
        pc = code.on_unknown[pc];
      }
      INTERDICT_DISPATCH();
    case kJoinAll:
      if (r == Truth::kFalse) {
        frames[top].acc = Truth::kFalse;
        if (!kTrace) {
          pc = step->on_false;
          INTERDICT_DISPATCH();
        }
      } else if (r == Truth::kUnknown && frames[top].acc == Truth::kTrue) {
        frames[top].acc = Truth::kUnknown;
      }
      break;
    case kJoinAny:
      if (r == Truth::kTrue) {
        frames[top].acc = Truth::kTrue;
        if (!kTrace) {
          pc = step->on_true;
          INTERDICT_DISPATCH();
        }
      } else if (r == Truth::kUnknown && frames[top].acc == Truth::kFalse) {
        frames[top].acc = Truth::kUnknown;
      }
      break;
    case kJoinRule:
      if (r == Truth::kFalse) {
        if (!kTrace) {  // the rule fails: skip the rest of it and its kRule
          nunk = 0;
          rule_acc = Truth::kTrue;
          pc = step->on_false;
          INTERDICT_DISPATCH();
        }
        rule_acc = Truth::kFalse;
      } else if (r == Truth::kUnknown && rule_acc == Truth::kTrue) {
        rule_acc = Truth::kUnknown;
      }
      break;
    default:
      break;
  }
  ++pc;
  INTERDICT_DISPATCH();
#undef INTERDICT_LEAF
#undef INTERDICT_STEP
#undef INTERDICT_DISPATCH
#undef INTERDICT_OP
  return verdict;  // not reached
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
  frames.assign(std::max(p.fast.max_depth, p.traced.max_depth) + 1, Frame{Truth::kTrue, 0});
  unknowns.assign(std::max(p.fast.max_unknowns, p.traced.max_unknowns) + 2, 0);
  matches.assign(p.rules.size() + 1, Match{});
  match_unknowns.assign(p.unknown_pool + 1, 0);
  memo.assign(p.memo_count, MemoCell{});
  generation = 0;
  match_count = 0;
  match_unknown_count = 0;
}

}  // namespace interdict::internal
