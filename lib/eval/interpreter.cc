// The interpreter, in two loops (in the spirit of re2/nfa.cc: no
// allocation, no string lookups, no virtual calls):
//   RunBranches  the fast code's two-valued branch blocks: each test jumps
//                to its true or false continuation. Few live variables, so
//                they stay in registers. On an unknown it hands the rule to
//                RunFrames and carries on where that returns.
//   RunFrames    frame code with full three-valued logic: the fast code's
//                frame blocks (one rule, up to its kJump), the entry for an
//                unknown action, and the traced code for Explain.
// The semantics of frames, steps, memo cells and gates are described at the
// top of program.h. The two loops are the functions allowed to be long
// (STYLE.md §7).
//
// Tested by tests/eval/interpreter_test.cc and, against the reference
// evaluator, tests/eval/differential_test.cc.
#include "lib/eval/interpreter.h"

#include <algorithm>
#include <limits>

namespace interdict::internal {
namespace {

// INTERDICT_THREADED_DISPATCH selects how RunBranches dispatches: 1 (the
// default with GCC and Clang) jumps through a table of label addresses at
// the end of every instruction, so each has its own indirect branch to
// predict (hyperscan's PROGRAM_CASE does the same); 0 is a plain switch.
// benchmarks/README.md compares them.
#ifndef INTERDICT_THREADED_DISPATCH
#if defined(__GNUC__)
#define INTERDICT_THREADED_DISPATCH 1
#else
#define INTERDICT_THREADED_DISPATCH 0
#endif
#endif

constexpr uint32_t kNoPc = std::numeric_limits<uint32_t>::max();

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
    case Op::kInMask: return static_cast<uint64_t>(v.i) < 64 && ((p.masks[in.b] >> v.i) & 1) != 0;
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

inline Truth WindowTest(const Program& p, const Inst& in, const Value& t) {
  if (t.state != ValueState::kValid) return Truth::kUnknown;
  const Program::Window& w = p.windows[in.b];
  return Of(t.i >= w.from && t.i < w.until);
}

inline Truth PresentTest(const Inst& in, const Value& v) {
  if (v.state == ValueState::kInvalid) return Truth::kUnknown;
  return Of((v.state == ValueState::kValid) == ((in.flags & kFlagExpect) != 0));
}

// Records a match. For an undecided one, keeps the distinct unknown slots,
// the smallest kMaxUnknownsPerMatch of them (schema order): the same set
// whatever order the conditions were evaluated in. Reorders `unknowns`.
void AddMatch(const Program& p, EvalScratch& s, uint32_t rule, Truth result, uint16_t* unknowns,
              uint32_t nunk) {
  Match& m = s.matches[s.match_count++];
  m.rule = &p.rules[rule];
  m.undecided = result == Truth::kUnknown;
  m.effect = m.undecided ? Verdict::kReview : m.rule->effect;
  uint16_t* begin = s.match_unknowns.data() + s.match_unknown_count;
  uint32_t count = 0;
  if (m.undecided) {
    std::sort(unknowns, unknowns + nunk);
    const uint32_t distinct = static_cast<uint32_t>(std::unique(unknowns, unknowns + nunk) - unknowns);
    const uint32_t room = static_cast<uint32_t>(s.match_unknowns.size()) - s.match_unknown_count;
    count = std::min({distinct, kMaxUnknownsPerMatch, room});
    std::copy(unknowns, unknowns + count, begin);
  }
  s.match_unknown_count += count;
  m.unknown_slots = absl::Span<const uint16_t>(begin, count);
}

// Frame code from `start`. With kBlock, runs one frame block and returns the
// target of its closing kJump; otherwise runs to kHalt and returns kNoPc.
template <bool kTrace, bool kBlock>
uint32_t RunFrames(const Program& p, const Code& code, const TxnData& txn, EvalScratch& s,
                   uint32_t start) {
  const Value* values = txn.values.data();
  Frame* frames = s.frames.data();
  int top = -1;
  uint16_t* unknowns = s.unknowns.data();
  const uint32_t unknown_cap = static_cast<uint32_t>(s.unknowns.size());
  uint32_t nunk = 0;
  auto record = [&](uint16_t slot) {
    if (nunk < unknown_cap) unknowns[nunk++] = slot;
  };
  const uint32_t generation = s.generation;
  Truth r = Truth::kTrue;
  Truth rule_acc = Truth::kTrue;
  bool memo_hit = false;
  uint32_t pc = start;
  for (;;) {
    const Step& step = code.steps[pc];
    const Inst& in = step.inst;
    switch (in.op) {
      case Op::kActionIn:
        r = Truth::kUnknown;
        record(kSlotAction);
        break;
      case Op::kWindow:
        r = WindowTest(p, in, values[kSlotTime]);
        if (r == Truth::kUnknown) record(kSlotTime);
        break;
      case Op::kPresent:
        r = PresentTest(in, values[in.a]);
        if (r == Truth::kUnknown) record(in.a);
        break;
      case Op::kInMask:
      case Op::kInCode:
      case Op::kInString:
      case Op::kInName:
      case Op::kInNumber:
      case Op::kMatch:
      case Op::kScreen:
      case Op::kCmpNumber:
      case Op::kCmpInt:
        r = EvalTest(p, in, txn);
        if (r == Truth::kUnknown) record(in.a);
        break;
      case Op::kAllBegin:
      case Op::kAnyBegin:
        frames[++top] = Frame{in.op == Op::kAllBegin ? Truth::kTrue : Truth::kFalse, nunk};
        ++pc;
        continue;
      case Op::kAllEnd:
      case Op::kAnyEnd:
        r = frames[top].acc;
        if (r != Truth::kUnknown) nunk = frames[top].mark;
        --top;
        break;
      case Op::kNot:
        r = Negate(r);
        break;
      case Op::kMemoBegin: {
        const MemoCell& cell = s.memo[in.a];
        if (cell.generation == generation) {
          r = cell.truth;
          for (uint32_t i = 0; i < cell.count; ++i) record(cell.slots[i]);
          memo_hit = true;
          pc = in.b;  // its kMemoEnd, which applies the step
          continue;
        }
        frames[++top] = Frame{Truth::kTrue, nunk};
        ++pc;
        continue;
      }
      case Op::kMemoEnd:
        if (memo_hit) {
          memo_hit = false;
        } else {
          const uint32_t mark = frames[top--].mark;
          MemoCell& cell = s.memo[in.a];
          const uint32_t n = nunk - mark;
          if (n <= kMemoSlots) {
            cell.generation = generation;
            cell.truth = r;
            cell.count = static_cast<uint8_t>(n);
            std::copy(unknowns + mark, unknowns + nunk, cell.slots);
          }
        }
        break;
      case Op::kRule:
        if (rule_acc != Truth::kFalse) AddMatch(p, s, in.b, rule_acc, unknowns, nunk);
        nunk = 0;
        rule_acc = Truth::kTrue;
        ++pc;
        continue;
      case Op::kJump:
        if (kBlock) return in.b;
        pc = in.b;
        continue;
      case Op::kHalt:
        return kNoPc;
      case Op::kMemoSet:
      case Op::kRuleMatch:
      case Op::kIndex:
      case Op::kNextBlock:
        // Branch-code instructions never occur in frame code.
        return kNoPc;
    }
    if (kTrace) {
      int32_t node = p.node_of_pc[pc];
      if (node >= 0) s.trace.push_back(TraceEntry{static_cast<uint32_t>(node), r});
    }
    switch (in.flags & kStepMask) {
      case kJoinAll:
        if (r == Truth::kFalse) {
          frames[top].acc = Truth::kFalse;
          if (!kTrace) {
            pc = step.on_false;
            continue;
          }
        } else if (r == Truth::kUnknown && frames[top].acc == Truth::kTrue) {
          frames[top].acc = Truth::kUnknown;
        }
        break;
      case kJoinAny:
        if (r == Truth::kTrue) {
          frames[top].acc = Truth::kTrue;
          if (!kTrace) {
            pc = step.on_true;
            continue;
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
            pc = step.on_false;
            continue;
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
  }
}

// The fast code's branch blocks, from the entry of a valid action.
void RunBranches(const Program& p, const TxnData& txn, EvalScratch& s, uint32_t start) {
  const Code& code = p.fast;
  const Step* const steps = code.steps.data();
  const Value* const values = txn.values.data();
  const uint32_t generation = s.generation;
  const Step* sp = steps + start;
  Truth r;
  // The blocks a rule index picked (kIndex), still to run.
  const uint32_t* next_block = nullptr;
  const uint32_t* last_block = nullptr;

#if INTERDICT_THREADED_DISPATCH
  // In the order of enum Op; frame-only instructions cannot occur here.
  static const void* const kLabels[] = {
      &&op_kActionIn, &&op_kWindow,    &&op_kPresent,  &&op_kInMask,    &&op_kInCode,
      &&op_kInString, &&op_kInName,    &&op_kInNumber, &&op_kMatch,     &&op_kScreen,
      &&op_kCmpNumber, &&op_kCmpInt,   &&op_other,     &&op_other,      &&op_other,      &&op_other,
      &&op_other,     &&op_kMemoBegin, &&op_other,     &&op_kMemoSet,   &&op_other,
      &&op_kRuleMatch, &&op_kJump,     &&op_kIndex,    &&op_kNextBlock, &&op_kHalt};
  static_assert(sizeof(kLabels) / sizeof(kLabels[0]) == static_cast<int>(Op::kHalt) + 1);
#define INTERDICT_OP(name) op_##name:
#define INTERDICT_DISPATCH() goto* kLabels[static_cast<int>(sp->inst.op)]
#define INTERDICT_OTHER() op_other:
#else
#define INTERDICT_OP(name) case Op::name:
#define INTERDICT_DISPATCH() goto dispatch
#define INTERDICT_OTHER() default:
#endif

  // Jump to the true or false continuation; on unknown, evaluate the rule
  // in its frame block and continue after it.
#define INTERDICT_BRANCH()                                                          \
  do {                                                                              \
    if (r == Truth::kTrue) {                                                        \
      sp = steps + sp->on_true;                                                     \
    } else if (r == Truth::kFalse) {                                                \
      sp = steps + sp->on_false;                                                    \
    } else {                                                                        \
      const uint32_t target = code.on_unknown[sp - steps];                          \
      sp = steps + ((target & kUnknownStaysInBranch)                                \
                        ? target & ~kUnknownStaysInBranch                           \
                        : RunFrames<false, true>(p, code, txn, s, target));         \
    }                                                                               \
    INTERDICT_DISPATCH();                                                           \
  } while (0)

  // A test: inline for a valid scalar; lists and missing values take the
  // general path.
#define INTERDICT_LEAF(test)                                                 \
  do {                                                                       \
    const Inst& in = sp->inst;                                               \
    const Value& v = values[in.a];                                           \
    if (v.state == ValueState::kValid && !(in.flags & kFlagList)) {          \
      r = Of(test);                                                          \
    } else {                                                                 \
      r = EvalTest(p, in, txn);                                              \
    }                                                                        \
    INTERDICT_BRANCH();                                                      \
  } while (0)

#if INTERDICT_THREADED_DISPATCH
  INTERDICT_DISPATCH();
  {
#else
dispatch:
  switch (sp->inst.op) {
#endif
    INTERDICT_OP(kActionIn) {
      r = Truth::kUnknown;
      INTERDICT_BRANCH();
    }
    INTERDICT_OP(kWindow) {
      r = WindowTest(p, sp->inst, values[kSlotTime]);
      INTERDICT_BRANCH();
    }
    INTERDICT_OP(kPresent) {
      r = PresentTest(sp->inst, values[sp->inst.a]);
      INTERDICT_BRANCH();
    }
    INTERDICT_OP(kInMask)
    INTERDICT_LEAF(static_cast<uint64_t>(v.i) < 64 && ((p.masks[in.b] >> v.i) & 1) != 0);
    INTERDICT_OP(kInCode)
    INTERDICT_LEAF(p.code_sets[in.b].Contains(v.i));
    INTERDICT_OP(kInString)
    INTERDICT_LEAF(p.string_sets[in.b].Contains(v.text));
    INTERDICT_OP(kInName)
    INTERDICT_LEAF(p.name_sets[in.b].Find(v.key) != nullptr);
    INTERDICT_OP(kInNumber)
    INTERDICT_LEAF(p.number_sets[in.b].Contains(v.d));
    INTERDICT_OP(kMatch)
    INTERDICT_LEAF(p.pattern_sets[in.b]->Matches(v.text));
    INTERDICT_OP(kScreen) {
      r = EvalTest(p, sp->inst, txn);
      INTERDICT_BRANCH();
    }
    INTERDICT_OP(kCmpNumber)
    INTERDICT_LEAF(Compare(static_cast<Cmp>(in.flags & kCmpMask), v.d, p.numbers[in.b]));
    INTERDICT_OP(kCmpInt)
    INTERDICT_LEAF(Compare(static_cast<Cmp>(in.flags & kCmpMask), v.i, p.ints[in.b]));
    INTERDICT_OP(kMemoBegin) {
      const MemoCell& cell = s.memo[sp->inst.a];
      if (cell.generation == generation) {
        r = cell.truth;
        INTERDICT_BRANCH();
      }
      ++sp;
      INTERDICT_DISPATCH();
    }
    INTERDICT_OP(kMemoSet) {
      MemoCell& cell = s.memo[sp->inst.a];
      r = Of((sp->inst.flags & kFlagValue) != 0);
      cell.generation = generation;
      cell.truth = r;
      cell.count = 0;
      INTERDICT_BRANCH();
    }
    INTERDICT_OP(kRuleMatch) {
      AddMatch(p, s, sp->inst.b, Truth::kTrue, nullptr, 0);
      ++sp;
      INTERDICT_DISPATCH();
    }
    INTERDICT_OP(kJump) {
      sp = steps + sp->inst.b;
      INTERDICT_DISPATCH();
    }
    INTERDICT_OP(kIndex) {
      const RuleIndex& index = p.indexes[sp->inst.b];
      const Value& v = values[sp->inst.a];
      uint32_t list = index.all;
      if (v.state == ValueState::kValid) {
        list = index.residual;
        if (index.by_key) {
          auto it = index.text_lists.find(v.key.empty() ? v.text : v.key);
          if (it != index.text_lists.end()) list = it->second;
        } else {
          auto it = index.int_lists.find(v.i);
          if (it != index.int_lists.end()) list = it->second;
        }
      }
      next_block = index.lists[list].data();
      last_block = next_block + index.lists[list].size();
      if (next_block == last_block) return;
      sp = steps + *next_block++;
      INTERDICT_DISPATCH();
    }
    INTERDICT_OP(kNextBlock) {
      if (next_block == last_block) return;
      sp = steps + *next_block++;
      INTERDICT_DISPATCH();
    }
    INTERDICT_OP(kHalt) { return; }
    INTERDICT_OTHER() { return; }  // not emitted in branch blocks
  }
#undef INTERDICT_LEAF
#undef INTERDICT_BRANCH
#undef INTERDICT_OTHER
#undef INTERDICT_DISPATCH
#undef INTERDICT_OP
}

void BeginRun(const Program& p, EvalScratch& s) {
  if (++s.generation == 0) {  // wrapped: no cell may look current
    for (MemoCell& c : s.memo) c.generation = 0;
    s.generation = 1;
  }
  s.match_count = 0;
  s.match_unknown_count = 0;
}

Verdict EndRun(EvalScratch& s) {
  Verdict v = Verdict::kAllow;
  for (uint32_t i = 0; i < s.match_count; ++i) v = std::max(v, s.matches[i].effect);
  s.verdict = v;
  return v;
}

}  // namespace

// A screen of one valid name: exact true, near unknown, else false.
inline Truth ScreenValue(const Program& p, const Inst& in, const Value& v) {
  const ScreenSet& set = p.screens[in.b];
  const int outcome = set.screener->Classify(v.key, set.threshold);
  return outcome == 2 ? Truth::kTrue : outcome == 1 ? Truth::kUnknown : Truth::kFalse;
}

Truth EvalTest(const Program& p, const Inst& in, const TxnData& txn) {
  const Value& v = txn.values[in.a];
  if (in.op == Op::kPresent) return PresentTest(in, v);
  if (v.state != ValueState::kValid) return Truth::kUnknown;
  if (in.op == Op::kScreen) {
    if ((in.flags & kFlagList) == 0) return ScreenValue(p, in, v);
    bool unknown = false;
    for (uint32_t i = 0; i < v.item_count; ++i) {
      const Value& item = v.items[i];
      const Truth t = item.state == ValueState::kValid ? ScreenValue(p, in, item) : Truth::kUnknown;
      if (t == Truth::kTrue) return t;
      unknown |= t == Truth::kUnknown;
    }
    return unknown ? Truth::kUnknown : Truth::kFalse;
  }
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
  BeginRun(p, scratch);
  const Value& action = txn.values[kSlotAction];
  if (action.state == ValueState::kValid) {
    RunBranches(p, txn, scratch, p.fast.entry[action.i]);
  } else {
    RunFrames<false, false>(p, p.fast, txn, scratch, p.fast.entry.back());
  }
  return EndRun(scratch);
}

Verdict EvaluateTraced(const Program& p, const TxnData& txn, EvalScratch& scratch) {
  BeginRun(p, scratch);
  scratch.trace.clear();
  const Value& action = txn.values[kSlotAction];
  RunFrames<true, false>(p, p.traced, txn, scratch,
                         action.state == ValueState::kValid ? p.traced.entry[action.i]
                                                            : p.traced.entry.back());
  return EndRun(scratch);
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
