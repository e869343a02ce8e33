// Program: a compiled rule set, after RE2's Prog. A flat array of 8-byte
// instructions over transaction slots, with one entry point per action, plus
// the constant tables and matchers the instructions index. Immutable once the
// compiler returns it; any number of threads may run it at once.
//
// Three-valued logic runs on a register r (false, true, unknown) and a stack
// of frames, one per open all/any:
//   kAllBegin            push {acc = true, mark = #unknowns}
//   <child>; kAllNext L  r false: pop, drop unknowns past mark, jump L (r stays false)
//                        r unknown: acc = unknown
//   kAllEnd              r = acc; pop
// and dually for any with true. Leaves that yield unknown record their slot;
// a subformula that ends true or false drops what its leaves recorded, so the
// recorded slots are exactly the fields that left the rule unknown. Each rule
// is all(action?, window?, when?, not unless?) followed by kRule, which
// records a match when r is true (the rule's effect) or unknown (review).
// The format of Dump() is described in docs/program.md.
#ifndef INTERDICT_LIB_EVAL_PROGRAM_H_
#define INTERDICT_LIB_EVAL_PROGRAM_H_

#include <cstdint>
#include <memory>
#include <string>
#include <type_traits>
#include <vector>

#include "interdict/decision.h"
#include "lib/common/schema.h"
#include "lib/lists/matchers.h"

namespace interdict::internal {

enum class Op : uint8_t {
  kActionIn,   // r = action in mask[b]          (entry for an unknown action only)
  kWindow,     // r = time in windows[b]
  kPresent,    // r = slot a present == (flags & kFlagExpect)
  kInMask,     // r = value(a) in mask[b]        (actions, party types, booleans)
  kInCode,     // r = value(a) in code_sets[b]   (countries, regions)
  kInString,   // r = text(a) in string_sets[b]
  kInName,     // r = key(a) in name_sets[b]
  kInNumber,   // r = value(a) in number_sets[b]
  kMatch,      // r = text(a) matches pattern_sets[b]
  kCmpNumber,  // r = value(a) <cmp> numbers[b]
  kCmpInt,     // r = value(a) <cmp> ints[b]     (dates, instants)
  kAllBegin,
  kAllNext,    // b: jump target
  kAllEnd,
  kAnyBegin,
  kAnyNext,    // b: jump target
  kAnyEnd,
  kNot,
  kRule,       // b: rule index
  kHalt,
};
const char* OpName(Op op);

enum class Cmp : uint8_t { kEq = 0, kLt, kLe, kGt, kGe };

inline constexpr uint8_t kFlagList = 0x80;    // slot holds a list: test any element
inline constexpr uint8_t kFlagExpect = 0x01;  // kPresent: expect present
inline constexpr uint8_t kCmpMask = 0x07;     // kCmp*: the Cmp

struct Inst {
  Op op;
  uint8_t flags;  // kFlagList, kFlagExpect or a Cmp
  uint16_t a;     // slot
  uint32_t b;     // table index or jump target
};
static_assert(std::is_trivially_copyable_v<Inst> && sizeof(Inst) == 8);

// What a condition node is, for traces (Explain) and dumps.
struct NodeInfo {
  enum class Kind : uint8_t { kAction, kWindow, kTest, kAll, kAny, kNot };
  enum class Part : uint8_t { kAction, kWindow, kWhen, kUnless };
  Kind kind = Kind::kTest;
  Part part = Part::kWhen;
  uint32_t pc = 0;      // kTest: the pc of its instruction (in any entry)
  uint32_t rule = 0;
  uint16_t depth = 0;   // 0 for the rule's own parts (action, window, when, unless)
  std::string text;     // "buyer.country in @us_places"
  std::string pointer;  // JSON pointer in the policy file
  int line = 0, column = 0;
};

// What a set holds, for dumps, traces and the policy hash.
struct SetInfo {
  std::string label;               // "@us_places" or the inline literal
  std::vector<std::string> items;  // every member, as text, in a stable order
};

struct NameSetInfo {
  std::string label;                            // "@kaspersky_entities"
  std::vector<std::string> entry_ids;           // per entry
  std::vector<std::vector<std::string>> names;  // per entry: primary name, then aliases
};

struct Program {
  std::shared_ptr<const Schema> schema;
  std::vector<Inst> code;
  std::vector<uint32_t> entry;  // per action number; the last is for a missing or unknown action
  std::vector<std::vector<uint32_t>> entry_rules;  // per entry: the rules it runs, in order
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
  std::vector<RuleInfo> rules;
  std::vector<int32_t> node_of_pc;  // per pc: index into nodes, or -1
  std::vector<NodeInfo> nodes;
  uint32_t max_depth = 0;         // frames a run needs
  uint32_t max_rule_leaves = 0;   // unknown slots one rule can record
  uint32_t unknown_pool = 0;      // unknown slots all matches of one run can keep

  // One line per instruction and per table; see docs/program.md. Without
  // positions, the dump is what the policy hash covers: moving a rule to
  // another line does not change decisions.
  std::string Dump(bool with_positions = true) const;
};

}  // namespace interdict::internal

#endif  // INTERDICT_LIB_EVAL_PROGRAM_H_
