// Program: a compiled rule set, after RE2's Prog. Flat arrays of 8-byte
// instructions over transaction slots, one entry point per action, and the
// constant tables and matchers the instructions index. Immutable once the
// compiler returns it; any number of threads may run it at once.
//
// A Program holds two codes over the same tables:
//   fast    what Decide runs. Per rule, first a *branch* block: two-valued
//           code in which every test jumps straight to its true or false
//           continuation (no frames), as hand-written `if`s would. A test
//           that is unknown jumps to the rule's *frame* block, which
//           evaluates the rule again with full three-valued logic and then
//           jumps back. Subformulas shared between rules are memoised, and
//           runs of rules that share a necessary condition are gated by it.
//   traced  what Explain runs: frame code in the rules' own structure, one
//           trace entry per condition node, nothing skipped.
// Both compute the same verdicts and matches (tests/eval/differential_test).
//
// Frame code runs three-valued logic on a register r (false, true,
// unknown), a register rule_acc for the rule's own conjunction, and a stack
// of frames, one per open all/any/memo:
//   kAllBegin      push {acc = true, mark = #unknowns recorded}
//   kAllEnd        r = acc; if r is not unknown, forget the unknowns recorded
//                  since mark; pop
// Every instruction that produces r carries a step in its flags, applied
// right after it (fusing RE2-style "next" instructions away):
//   kJoinAll       r false: acc = false and jump to the frame's kAllEnd;
//                  r unknown: acc = unknown (unless false)
//   kJoinAny       dually, with true
//   kJoinRule      r false: the rule fails: forget its unknowns, jump past
//                  its kRule; r unknown: rule_acc = unknown
//   kBranch        jump to the step's on_true or on_false, or on unknown to
//                  the rule's frame block
// A traced run never jumps, so every node reports. Leaves that yield unknown
// record their slot; the recorded slots are exactly the fields that left the
// rule unknown. kRule records a match when rule_acc is true (the rule's
// effect) or unknown (review); kRuleMatch records a match that a branch block
// proved true.
//
#ifndef INTERDICT_LIB_EVAL_PROGRAM_H_
#define INTERDICT_LIB_EVAL_PROGRAM_H_

#include <cstdint>
#include <memory>
#include <string>
#include <type_traits>
#include <vector>

#include "interdict/decision.h"
#include "lib/common/schema.h"
#include "absl/container/flat_hash_map.h"
#include "lib/lists/matchers.h"
#include "lib/matching/screener.h"

namespace interdict::internal {

enum class Op : uint8_t {
  kActionIn,   // r = action in masks[b]          (entry for an unknown action only)
  kWindow,     // r = time in windows[b]
  kPresent,    // r = slot a present == (flags & kFlagExpect)
  kInMask,     // r = value(a) in masks[b]        (actions, party types, booleans)
  kInCode,     // r = value(a) in code_sets[b]    (countries, regions)
  kInString,   // r = text(a) in string_sets[b]
  kInName,     // r = key(a) in name_sets[b]
  kInNumber,   // r = value(a) in number_sets[b]
  kMatch,      // r = text(a) matches pattern_sets[b]
  kScreen,     // r = key(a) screened against screens[b]: an exact match true,
               // a near match unknown, neither false
  kCmpNumber,  // r = value(a) <cmp> numbers[b]
  kCmpInt,     // r = value(a) <cmp> ints[b]      (dates, instants)
  kAllBegin,
  kAllEnd,
  kAnyBegin,
  kAnyEnd,
  kNot,        // r = not r
  kMemoBegin,  // a: memo cell. Cached this run: r = cell, then (frame code) go
               // to b, its kMemoEnd, or (branch code) branch. Otherwise
               // evaluate what follows (frame code: in a new frame).
  kMemoEnd,    // a: memo cell; store r (unless reached from a cache hit)
  kMemoSet,    // a: memo cell; r = flags & kFlagValue, stored; then branch
  kRule,       // b: rule index; records a match from rule_acc
  kRuleMatch,  // b: rule index; records a match of the rule's own effect
  kJump,       // b: target
  kIndex,      // a: slot; b: rule index table. Picks the blocks of rules that
               // can hold for the slot's value, and runs the first.
  kNextBlock,  // runs the next picked block; after the last, halts
  kHalt,
};
const char* OpName(Op op);

enum class Cmp : uint8_t { kEq = 0, kLt, kLe, kGt, kGe };

inline constexpr uint8_t kFlagList = 0x80;    // leaves: slot holds a list; test any element
inline constexpr uint8_t kFlagExpect = 0x01;  // kPresent: expect present
inline constexpr uint8_t kFlagValue = 0x01;   // kMemoSet: the value (true if set)
inline constexpr uint8_t kCmpMask = 0x07;     // kCmp*: the Cmp
inline constexpr uint8_t kStepMask = 0x38;    // the step after the instruction
inline constexpr uint8_t kJoinAll = 0x08;
inline constexpr uint8_t kJoinAny = 0x10;
inline constexpr uint8_t kJoinRule = 0x18;
inline constexpr uint8_t kBranch = 0x20;

struct Inst {
  Op op;
  uint8_t flags;  // kFlagList, kFlagExpect or a Cmp, plus a step
  uint16_t a;     // slot or memo cell
  uint32_t b;     // table index, rule index or jump target
};
static_assert(std::is_trivially_copyable_v<Inst> && sizeof(Inst) == 8);

// An instruction with the jump targets of its step, in one 16-byte record
// so that a dispatch loads one cache line: branch steps jump to on_true or
// on_false (on unknown, to Code::on_unknown[pc]); join steps use on_false
// (all, rule) or on_true (any).
struct Step {
  Inst inst;
  uint32_t on_true = 0;
  uint32_t on_false = 0;
};
static_assert(sizeof(Step) == 16);

// In Code::on_unknown: the target is branch code (a gate that cannot decide
// continues into its rules), not a rule's frame block.
inline constexpr uint32_t kUnknownStaysInBranch = 1u << 31;

// One code sequence (fast or traced).
struct Code {
  std::vector<Step> steps;
  std::vector<uint32_t> on_unknown;  // per pc: where a branch step goes on unknown
  std::vector<uint32_t> entry;       // per action number; the last is for a missing or unknown action
  uint32_t max_depth = 0;            // frames a run needs
  uint32_t max_unknowns = 0;         // unknown slots a rule can record
};

// What a condition node is, for traces (Explain) and dumps.
struct NodeInfo {
  enum class Kind : uint8_t { kAction, kWindow, kTest, kAll, kAny, kNot };
  enum class Part : uint8_t { kAction, kWindow, kWhen, kUnless };
  Kind kind = Kind::kTest;
  Part part = Part::kWhen;
  uint32_t rule = 0;
  uint16_t depth = 0;   // 0 for the rule's own parts (action, window, when, unless)
  Inst inst{};          // kTest, kAction, kWindow: the test
  std::string text;     // "buyer.country in @us_places"
  std::string pointer;  // JSON pointer in the policy file
  int line = 0, column = 0;
};

// What a set holds, for dumps, traces and the policy hash.
struct SetInfo {
  std::string label;               // "@us_places" or the inline literal
  std::vector<std::string> items;  // every member, as text, in a stable order
};

// A party list that `screen` tests use: its screener, threshold, and what
// a hit reports.
struct ScreenSet {
  std::string label;  // "@sdn"
  double threshold = 0.9;
  std::shared_ptr<const Screener> screener;
  std::vector<std::string> entry_ids;                  // per entry
  std::vector<std::vector<std::string>> names;         // per entry: primary name, then aliases
  std::vector<std::vector<std::string>> programs;      // per entry
  std::vector<std::string> types;                      // per entry
};

struct NameSetInfo {
  std::string label;                            // "@kaspersky_entities"
  std::vector<std::string> entry_ids;           // per entry
  std::vector<std::vector<std::string>> names;  // per entry: primary name, then aliases
};

// A rule index (kIndex): for a discriminating field, which blocks of an
// entry's fast code can hold for each value. A block is one rule, or a run
// of rules behind a gate; blocks run in rule order.
struct RuleIndex {
  uint16_t slot = 0;
  bool by_key = false;  // names (normalised key) or text; else codes and enum numbers
  absl::flat_hash_map<std::string, uint32_t> text_lists;  // value -> index into lists
  absl::flat_hash_map<int64_t, uint32_t> int_lists;
  std::vector<std::vector<uint32_t>> lists;  // block start pcs, in order
  uint32_t all = 0;       // the list for a missing or invalid value: every block
  uint32_t residual = 0;  // the list for a value no rule names
};

struct Program {
  std::shared_ptr<const Schema> schema;
  Code fast;
  Code traced;
  std::vector<int32_t> node_of_pc;  // traced code: per pc, index into nodes or -1
  std::vector<NodeInfo> nodes;
  std::vector<std::vector<uint32_t>> entry_rules;  // per entry: the rules it reaches, in order
  uint32_t memo_count = 0;         // memo cells the fast code uses
  uint32_t unknown_pool = 0;       // unknown slots all matches of one run can keep

  std::vector<uint64_t> masks;
  std::vector<double> numbers;
  std::vector<int64_t> ints;
  struct Window {
    int64_t from;   // inclusive
    int64_t until;  // exclusive
  };
  std::vector<Window> windows;
  std::vector<CodeSet> code_sets;
  std::vector<SetInfo> code_set_info;
  std::vector<StringSet> string_sets;
  std::vector<SetInfo> string_set_info;
  std::vector<NameSet> name_sets;
  std::vector<NameSetInfo> name_set_info;
  std::vector<NumberSet> number_sets;
  std::vector<SetInfo> number_set_info;
  std::vector<std::unique_ptr<PatternSet>> pattern_sets;
  std::vector<SetInfo> pattern_set_info;
  std::vector<ScreenSet> screens;
  // Per rule: the (slot, screen) pairs its `screen` tests use, for reporting
  // what a screen found.
  std::vector<std::vector<std::pair<uint16_t, uint32_t>>> rule_screens;
  std::vector<RuleInfo> rules;
  std::vector<RuleIndex> indexes;

  // One line per instruction and per table; see docs/program.md. Without
  // positions, the dump is what the policy hash covers: moving a rule to
  // another line does not change decisions.
  std::string Dump(bool with_positions = true) const;
};

}  // namespace interdict::internal

#endif  // INTERDICT_LIB_EVAL_PROGRAM_H_
