// The compiler: CheckedRuleSet -> Program.
//
// 1. Tables: every CheckedSet becomes a matcher (bitmap, hash set, RE2 set).
// 2. IR: every rule becomes a small tree of Nodes (leaves are instructions),
//    with a structural key per node; trace NodeInfos are numbered in
//    pre-order, per rule.
// 3. Traced code (for Explain): the tree as written, per action entry.
// 4. Fast code (for Decide), per action entry: per rule a two-valued branch
//    block (each test jumps to its true or false continuation) whose
//    unknown exit goes to the rule's frame block (full three-valued logic).
//    - subtrees that occur twice or more in the entry (named conditions
//      expanded in several rules, typically) get a memo cell;
//    - a rule's conjunction is flattened (all inside all): the action and
//      window tests first, then the conditions in the order written, the
//      exemption last. In Kleene logic neither the result nor the set of
//      fields that make it unknown depends on the order;
//    - consecutive rules that share a memoised conjunct are gated by it:
//      evaluated once, and when false the whole run is skipped.
// The two codes agree; tests/eval/differential_test.cc checks them against
// the reference evaluator.
#include "lib/compile/compiler.h"

#include <algorithm>
#include <functional>
#include <limits>
#include <map>
#include <set>

#include "absl/strings/str_cat.h"
#include "lib/common/iso3166.h"
#include "lib/common/status_macros.h"
#include "lib/common/time_util.h"
#include "lib/eval/eval_state.h"
#include "lib/matching/normalizer.h"

namespace interdict::internal {
namespace {

// Where a CheckedSet went: the op that tests it and its table index.
struct SetRef {
  Op op;
  uint32_t index;
};

struct Node {
  enum class Kind : uint8_t { kLeaf, kAll, kAny, kNot };
  Kind kind = Kind::kLeaf;
  Inst inst{};              // kLeaf
  std::vector<int> kids;    // kAll, kAny: 1 or more; kNot: 1
  int32_t info = -1;        // NodeInfo, for the traced code
  std::string key;          // structural identity
  uint32_t cost = 0;        // rough evaluation cost
};

struct RuleIr {
  int action = -1;      // leaf kActionIn, for the unknown-action entry
  int window = -1;      // leaf kWindow
  int when = -1;
  int unless_not = -1;  // kNot over the unless condition
};

// Rough costs: a bit test is 1, a hash lookup 3, a pattern 20.
uint32_t LeafCost(const Inst& in) {
  uint32_t list = (in.flags & kFlagList) ? 3 : 1;
  switch (in.op) {
    case Op::kInString:
    case Op::kInName: return 3 * list;
    case Op::kInNumber: return 2 * list;
    case Op::kMatch: return 20 * list;
    case Op::kScreen: return 50 * list;
    default: return list;
  }
}

class ProgramBuilder {
 public:
  ProgramBuilder(const CheckedRuleSet& rules, const CompileBudget& budget)
      : in_(rules), budget_(budget), p_(std::make_unique<Program>()) {}

  absl::StatusOr<std::unique_ptr<Program>> Build() {
    p_->schema = in_.schema;
    INTERDICT_RETURN_IF_ERROR(BuildSets());
    BuildRules();
    for (uint32_t r = 0; r < in_.rules.size(); ++r) rule_ir_.push_back(BuildRuleIr(r));
    const size_t actions = in_.schema->actions().size();
    for (size_t a = 0; a <= actions; ++a) {
      std::vector<uint32_t> rules;
      for (uint32_t r = 0; r < in_.rules.size(); ++r) {
        if (a == actions || ((in_.rules[r].actions >> a) & 1) != 0) rules.push_back(r);
      }
      p_->entry_rules.push_back(rules);
    }
    for (size_t a = 0; a <= actions; ++a) {
      EmitTracedEntry(p_->entry_rules[a], a == actions);
      EmitFastEntry(p_->entry_rules[a], a == actions);
      if (p_->fast.steps.size() + p_->traced.steps.size() > budget_.max_instructions) {
        return absl::ResourceExhaustedError(absl::StrCat(
            "the compiled program exceeds ", budget_.max_instructions, " instructions"));
      }
    }
    p_->memo_count = static_cast<uint32_t>(memo_ids_.size());
    return std::move(p_);
  }

 private:
  // ---- tables ----

  // Marks the sets some `in` or `matches` test uses.
  static void MarkUsed(const CheckedCond& c, std::vector<bool>* used) {
    for (const CheckedCond& child : c.children) MarkUsed(child, used);
    if (c.kind == CheckedCond::Kind::kTest && c.test.set >= 0 && c.test.op != TestOp::kScreen) {
      (*used)[c.test.set] = true;
    }
  }

  absl::Status BuildSets() {
    std::vector<bool> used_by_in(in_.sets.size(), false);
    for (const CheckedRule& r : in_.rules) {
      if (r.when) MarkUsed(*r.when, &used_by_in);
      if (r.unless) MarkUsed(*r.unless, &used_by_in);
    }
    screen_of_set_.assign(in_.sets.size(), 0);
    p_->rule_screens.assign(in_.rules.size(), {});
    for (const CheckedSet& set : in_.sets) {
      switch (set.kind) {
        case SetKind::kCountry:
        case SetKind::kRegion:
          refs_.push_back({Op::kInCode, static_cast<uint32_t>(p_->code_sets.size())});
          p_->code_sets.emplace_back(set.codes,
                                     set.kind == SetKind::kCountry ? kCountrySpace : RegionCount());
          p_->code_set_info.push_back(CodeInfo(set));
          break;
        case SetKind::kString:
          refs_.push_back({Op::kInString, static_cast<uint32_t>(p_->string_sets.size())});
          p_->string_sets.emplace_back(set.strings);
          p_->string_set_info.push_back(SetInfo{set.label, set.strings});
          break;
        case SetKind::kName:
          refs_.push_back({Op::kInName, static_cast<uint32_t>(p_->name_sets.size())});
          // A list only screened needs no exact-name table of its own.
          BuildNameSet(set, /*empty=*/!used_by_in[&set - in_.sets.data()]);
          if (set.screener != nullptr) {
            screen_of_set_[&set - in_.sets.data()] = static_cast<uint32_t>(p_->screens.size());
            BuildScreenSet(set);
          }
          break;
        case SetKind::kNumber:
          refs_.push_back({Op::kInNumber, static_cast<uint32_t>(p_->number_sets.size())});
          p_->number_sets.emplace_back(set.numbers);
          p_->number_set_info.push_back(NumberInfo(set));
          break;
        case SetKind::kMask:
          refs_.push_back({Op::kInMask, static_cast<uint32_t>(p_->masks.size())});
          p_->masks.push_back(set.mask);
          break;
        case SetKind::kPattern: {
          refs_.push_back({Op::kMatch, static_cast<uint32_t>(p_->pattern_sets.size())});
          INTERDICT_ASSIGN_OR_RETURN(std::unique_ptr<PatternSet> ps,
                                     PatternSet::Build(set.strings, budget_.max_regex_program_size));
          p_->pattern_sets.push_back(std::move(ps));
          p_->pattern_set_info.push_back(SetInfo{set.label, set.strings});
          break;
        }
      }
    }
    return absl::OkStatus();
  }

  static SetInfo CodeInfo(const CheckedSet& set) {
    SetInfo info{set.label, {}};
    for (int c : set.codes) {
      info.items.push_back(set.kind == SetKind::kCountry ? CountryCode(c) : RegionCode(c));
    }
    return info;
  }

  static SetInfo NumberInfo(const CheckedSet& set) {
    SetInfo info{set.label, {}};
    for (double d : set.numbers) info.items.push_back(absl::StrCat(d));
    return info;
  }

  void BuildScreenSet(const CheckedSet& set) {
    ScreenSet screen;
    screen.label = set.label;
    screen.threshold = set.threshold;
    screen.screener = set.screener;
    for (const PartyEntry& e : set.parties) {
      screen.entry_ids.push_back(e.id);
      std::vector<std::string> names{e.name};
      names.insert(names.end(), e.aliases.begin(), e.aliases.end());
      screen.names.push_back(std::move(names));
      screen.programs.push_back(e.programs);
      screen.types.push_back(e.type);
    }
    p_->screens.push_back(std::move(screen));
  }

  void BuildNameSet(const CheckedSet& set, bool empty) {
    NameSetInfo info;
    info.label = set.label;
    std::vector<std::vector<std::string>> keys;
    if (empty) {
      p_->name_sets.emplace_back(keys);
      p_->name_set_info.push_back(std::move(info));
      return;
    }
    for (const PartyEntry& e : set.parties) {
      info.entry_ids.push_back(e.id);
      std::vector<std::string> names{e.name};
      names.insert(names.end(), e.aliases.begin(), e.aliases.end());
      std::vector<std::string> entry_keys;
      for (const std::string& n : names) entry_keys.push_back(NormalizeName(n).key);
      keys.push_back(std::move(entry_keys));
      info.names.push_back(std::move(names));
    }
    p_->name_sets.emplace_back(keys);
    p_->name_set_info.push_back(std::move(info));
  }

  void BuildRules() {
    for (const CheckedRule& r : in_.rules) {
      const CheckedPolicy& policy = in_.policies[r.policy];
      RuleInfo info;
      info.id = r.full_id;
      info.policy_id = policy.id;
      info.policy_version = policy.version;
      info.effect = r.effect;
      info.reason = r.reason;
      info.citation = r.citation;
      info.url = r.url;
      info.position = r.position;
      p_->rules.push_back(std::move(info));
    }
  }

  // ---- IR ----

  int AddNode(Node n) {
    nodes_.push_back(std::move(n));
    return static_cast<int>(nodes_.size() - 1);
  }

  int32_t AddInfo(NodeInfo::Kind kind, NodeInfo::Part part, uint32_t rule, uint16_t depth,
                  std::string text, std::string pointer, int line, int column) {
    NodeInfo info;
    info.kind = kind;
    info.part = part;
    info.rule = rule;
    info.depth = depth;
    info.text = std::move(text);
    info.pointer = std::move(pointer);
    info.line = line;
    info.column = column;
    p_->nodes.push_back(std::move(info));
    return static_cast<int32_t>(p_->nodes.size() - 1);
  }

  int Leaf(Inst inst, int32_t info, std::string key) {
    Node n;
    n.kind = Node::Kind::kLeaf;
    n.inst = inst;
    n.info = info;
    n.key = std::move(key);
    n.cost = LeafCost(inst);
    if (info >= 0) p_->nodes[info].inst = inst;
    return AddNode(std::move(n));
  }

  RuleIr BuildRuleIr(uint32_t r) {
    const CheckedRule& rule = in_.rules[r];
    const SourcePosition& pos = rule.position;
    RuleIr ir;
    {
      uint32_t mask = static_cast<uint32_t>(p_->masks.size());
      p_->masks.push_back(rule.actions);
      int32_t info = AddInfo(NodeInfo::Kind::kAction, NodeInfo::Part::kAction, r, 0,
                             "action in rule's actions", pos.json_pointer, pos.line, pos.column);
      ir.action = Leaf(Inst{Op::kActionIn, 0, kSlotAction, mask}, info,
                       absl::StrCat("action:", rule.actions));
    }
    if (rule.from.has_value() || rule.until.has_value()) {
      int64_t from = rule.from.value_or(std::numeric_limits<int64_t>::min());
      int64_t until = rule.until.value_or(std::numeric_limits<int64_t>::max());
      uint32_t w = static_cast<uint32_t>(p_->windows.size());
      p_->windows.push_back(Program::Window{from, until});
      std::string text = absl::StrCat("time in [", rule.from ? FormatInstant(from) : "-inf", ", ",
                                      rule.until ? FormatInstant(until) : "+inf", ")");
      int32_t info = AddInfo(NodeInfo::Kind::kWindow, NodeInfo::Part::kWindow, r, 0, text,
                             pos.json_pointer, pos.line, pos.column);
      ir.window = Leaf(Inst{Op::kWindow, 0, kSlotTime, w}, info, absl::StrCat("window:", from, ":", until));
    }
    if (rule.when.has_value()) ir.when = BuildCond(*rule.when, r, NodeInfo::Part::kWhen, 0);
    if (rule.unless.has_value()) {
      int inner = BuildCond(*rule.unless, r, NodeInfo::Part::kUnless, 0);
      Node n;
      n.kind = Node::Kind::kNot;
      n.kids = {inner};
      n.info = AddInfo(NodeInfo::Kind::kNot, NodeInfo::Part::kUnless, r, 0, "not (unless)",
                       rule.unless->pointer, pos.line, pos.column);
      n.key = absl::StrCat("!(", nodes_[inner].key, ")");
      n.cost = nodes_[inner].cost;
      ir.unless_not = AddNode(std::move(n));
    }
    return ir;
  }

  int BuildCond(const CheckedCond& c, uint32_t r, NodeInfo::Part part, uint16_t depth) {
    static const NodeInfo::Kind kKinds[] = {NodeInfo::Kind::kAll, NodeInfo::Kind::kAny,
                                            NodeInfo::Kind::kNot, NodeInfo::Kind::kTest};
    int32_t info = AddInfo(kKinds[static_cast<int>(c.kind)], part, r, depth, c.text, c.pointer,
                           c.line, c.column);
    if (c.kind == CheckedCond::Kind::kTest) {
      Inst inst = TestInst(c.test);
      if (inst.op == Op::kScreen) {
        auto& screens = p_->rule_screens[r];
        const std::pair<uint16_t, uint32_t> use{inst.a, inst.b};
        if (std::find(screens.begin(), screens.end(), use) == screens.end()) screens.push_back(use);
      }
      return Leaf(inst, info, LeafKey(inst));
    }
    Node n;
    n.kind = c.kind == CheckedCond::Kind::kAll   ? Node::Kind::kAll
             : c.kind == CheckedCond::Kind::kAny ? Node::Kind::kAny
                                                 : Node::Kind::kNot;
    n.info = info;
    n.key = n.kind == Node::Kind::kAll ? "&(" : n.kind == Node::Kind::kAny ? "|(" : "!(";
    for (const CheckedCond& child : c.children) {
      int k = BuildCond(child, r, part, depth + 1);
      n.kids.push_back(k);
      absl::StrAppend(&n.key, nodes_[k].key, ",");
      n.cost += nodes_[k].cost;
    }
    n.key += ")";
    return AddNode(std::move(n));
  }

  // Two leaves with the same key test the same thing.
  std::string LeafKey(const Inst& in) const {
    std::string operand;
    switch (in.op) {
      case Op::kInMask: operand = absl::StrCat("m", p_->masks[in.b]); break;
      case Op::kCmpNumber: operand = absl::StrCat("n", p_->numbers[in.b]); break;
      case Op::kCmpInt: operand = absl::StrCat("i", p_->ints[in.b]); break;
      default: operand = absl::StrCat("t", in.b); break;
    }
    return absl::StrCat(static_cast<int>(in.op), ":", static_cast<int>(in.flags), ":", in.a, ":",
                        operand);
  }

  Inst TestInst(const CheckedTest& t) {
    const FieldInfo& field = in_.schema->field(t.slot);
    uint8_t list = field.is_list ? kFlagList : 0;
    switch (t.op) {
      case TestOp::kPresent:
        return Inst{Op::kPresent, static_cast<uint8_t>(t.expect_present ? kFlagExpect : 0), t.slot, 0};
      case TestOp::kIn:
      case TestOp::kMatches: {
        const SetRef& ref = refs_[t.set];
        return Inst{ref.op, list, t.slot, ref.index};
      }
      case TestOp::kScreen:
        return Inst{Op::kScreen, list, t.slot, screen_of_set_[t.set]};
      default:
        break;
    }
    Cmp cmp = Cmp::kEq;
    switch (t.op) {
      case TestOp::kLt: cmp = Cmp::kLt; break;
      case TestOp::kLe: cmp = Cmp::kLe; break;
      case TestOp::kGt: cmp = Cmp::kGt; break;
      case TestOp::kGe: cmp = Cmp::kGe; break;
      default: break;
    }
    uint8_t flags = static_cast<uint8_t>(list | static_cast<uint8_t>(cmp));
    if (field.type == FieldType::kNumber) {
      p_->numbers.push_back(t.number);
      return Inst{Op::kCmpNumber, flags, t.slot, static_cast<uint32_t>(p_->numbers.size() - 1)};
    }
    p_->ints.push_back(t.integer);
    return Inst{Op::kCmpInt, flags, t.slot, static_cast<uint32_t>(p_->ints.size() - 1)};
  }

  // ---- emission ----

  struct Emitter {
    Code* code;
    bool fast;              // memo cells allowed; no trace nodes
    uint32_t depth = 0;     // open frames
    uint32_t unknowns = 0;  // what the current rule can record
  };

  uint32_t Emit(Emitter& e, Inst inst, int32_t node) {
    e.code->steps.push_back(Step{inst, 0, 0});
    e.code->on_unknown.push_back(0);
    if (!e.fast) p_->node_of_pc.push_back(node);
    return static_cast<uint32_t>(e.code->steps.size() - 1);
  }
  static uint32_t Here(const Emitter& e) { return static_cast<uint32_t>(e.code->steps.size()); }

  // Forward jump targets, patched when bound.
  enum Field { kOnTrue, kOnFalse, kOnUnknown, kOperand };
  struct Label {
    int64_t pc = -1;
    bool stays_in_branch = false;  // as an unknown target: branch code, not a frame block
    std::vector<std::pair<uint32_t, Field>> uses;
  };
  int NewLabel() {
    labels_.emplace_back();
    return static_cast<int>(labels_.size() - 1);
  }
  void Patch(Code& code, uint32_t pc, Field field, uint32_t target, bool stays_in_branch) {
    if (field == kOnUnknown && stays_in_branch) target |= kUnknownStaysInBranch;
    switch (field) {
      case kOnTrue: code.steps[pc].on_true = target; break;
      case kOnFalse: code.steps[pc].on_false = target; break;
      case kOnUnknown: code.on_unknown[pc] = target; break;
      case kOperand: code.steps[pc].inst.b = target; break;
    }
  }
  void Use(Emitter& e, int label, uint32_t pc, Field field) {
    Label& l = labels_[label];
    if (l.pc >= 0) {
      Patch(*e.code, pc, field, static_cast<uint32_t>(l.pc), l.stays_in_branch);
    } else {
      l.uses.emplace_back(pc, field);
    }
  }
  void Bind(Emitter& e, int label) {
    Label& l = labels_[label];
    l.pc = Here(e);
    for (const auto& [pc, field] : l.uses) {
      Patch(*e.code, pc, field, static_cast<uint32_t>(l.pc), l.stays_in_branch);
    }
    l.uses.clear();
  }
  void UseAll(Emitter& e, uint32_t pc, int on_true, int on_false, int on_unknown) {
    Use(e, on_true, pc, kOnTrue);
    Use(e, on_false, pc, kOnFalse);
    Use(e, on_unknown, pc, kOnUnknown);
  }

  // The rule's conjuncts: for the fast code, nested alls are spliced in.
  std::vector<int> Conjuncts(const RuleIr& ir, bool unknown_entry, bool fast) const {
    std::vector<int> out;
    if (unknown_entry) out.push_back(ir.action);
    if (ir.window >= 0) out.push_back(ir.window);
    if (ir.when >= 0) {
      if (fast) {
        Splice(ir.when, Node::Kind::kAll, &out);
      } else {
        out.push_back(ir.when);
      }
    }
    if (ir.unless_not >= 0) out.push_back(ir.unless_not);
    return out;
  }

  // The kids of `n`, with same-kind kids that are not memoised spliced in.
  void Splice(int n, Node::Kind kind, std::vector<int>* out) const {
    const Node& node = nodes_[n];
    if (node.kind != kind || memo_.count(node.key)) {
      out->push_back(n);
      return;
    }
    for (int k : node.kids) Splice(k, kind, out);
  }

  std::vector<int> Kids(const Emitter& e, const Node& node) const {
    if (!e.fast) return node.kids;
    std::vector<int> kids;
    for (int k : node.kids) Splice(k, node.kind, &kids);
    return kids;
  }

  // Conditions keep the order their authors wrote (they tend to put the
  // selective test first); only a gate's conjunct, already evaluated, moves
  // to the front of the rules it gates.
  void MoveToFront(std::vector<int>* nodes, const std::string& key) const {
    std::stable_partition(nodes->begin(), nodes->end(),
                          [&](int n) { return nodes_[n].key == key; });
  }

  void Enter(Emitter& e) {
    ++e.depth;
    e.code->max_depth = std::max(e.code->max_depth, e.depth);
  }

  // ---- frame code (traced code, and the fast code's frame blocks) ----

  // Emits `n` followed by step `join`; its pc goes in `fixups` so the caller
  // can set where the step jumps.
  void EmitNode(Emitter& e, int n, uint8_t join, std::vector<uint32_t>* fixups) {
    const Node& node = nodes_[n];
    auto memo = e.fast ? memo_.find(node.key) : memo_.end();
    if (memo != memo_.end()) {
      uint32_t begin = Emit(e, Inst{Op::kMemoBegin, 0, static_cast<uint16_t>(memo->second), 0}, -1);
      e.unknowns += kMemoSlots;
      Enter(e);
      EmitInner(e, n, 0, nullptr);
      --e.depth;
      uint32_t end = Emit(e, Inst{Op::kMemoEnd, join, static_cast<uint16_t>(memo->second), 0}, -1);
      e.code->steps[begin].inst.b = end;
      if (join != 0) fixups->push_back(end);
      return;
    }
    EmitInner(e, n, join, fixups);
  }

  void EmitInner(Emitter& e, int n, uint8_t join, std::vector<uint32_t>* fixups) {
    const Node& node = nodes_[n];
    switch (node.kind) {
      case Node::Kind::kLeaf: {
        Inst inst = node.inst;
        inst.flags |= join;
        uint32_t pc = Emit(e, inst, node.info);
        ++e.unknowns;
        if (join != 0) fixups->push_back(pc);
        return;
      }
      case Node::Kind::kNot: {
        EmitNode(e, node.kids[0], 0, nullptr);
        uint32_t pc = Emit(e, Inst{Op::kNot, join, 0, 0}, node.info);
        if (join != 0) fixups->push_back(pc);
        return;
      }
      case Node::Kind::kAll:
      case Node::Kind::kAny: {
        const bool all = node.kind == Node::Kind::kAll;
        std::vector<int> kids = Kids(e, node);
        if (kids.size() == 1 && e.fast) {
          EmitNode(e, kids[0], join, fixups);
          return;
        }
        Emit(e, Inst{all ? Op::kAllBegin : Op::kAnyBegin, 0, 0, 0}, -1);
        Enter(e);
        std::vector<uint32_t> inner;
        for (int k : kids) EmitNode(e, k, all ? kJoinAll : kJoinAny, &inner);
        --e.depth;
        uint32_t end = Emit(e, Inst{all ? Op::kAllEnd : Op::kAnyEnd, join, 0, 0}, node.info);
        for (uint32_t pc : inner) e.code->steps[pc].on_true = e.code->steps[pc].on_false = end;
        if (join != 0) fixups->push_back(end);
        return;
      }
    }
  }

  // The rule's conjuncts as frame code, then kRule; a conjunct that is
  // false jumps past the kRule.
  void EmitFrameRule(Emitter& e, uint32_t r, const std::vector<int>& conjuncts) {
    std::vector<uint32_t> exits;
    for (int c : conjuncts) EmitNode(e, c, kJoinRule, &exits);
    uint32_t rule_pc = Emit(e, Inst{Op::kRule, 0, 0, r}, -1);
    for (uint32_t pc : exits) e.code->steps[pc].on_true = e.code->steps[pc].on_false = rule_pc + 1;
    e.code->max_unknowns = std::max(e.code->max_unknowns, e.unknowns);
    e.unknowns = 0;
  }

  // ---- branch code (the fast code's two-valued blocks) ----

  void EmitBranch(Emitter& e, int n, int on_true, int on_false, int on_unknown) {
    const Node& node = nodes_[n];
    auto memo = memo_.find(node.key);
    if (memo == memo_.end()) return EmitBranchInner(e, n, on_true, on_false, on_unknown);
    const uint16_t cell = static_cast<uint16_t>(memo->second);
    UseAll(e, Emit(e, Inst{Op::kMemoBegin, kBranch, cell, 0}, -1), on_true, on_false, on_unknown);
    int set_true = NewLabel(), set_false = NewLabel();
    EmitBranchInner(e, n, set_true, set_false, on_unknown);
    Bind(e, set_true);
    UseAll(e, Emit(e, Inst{Op::kMemoSet, kBranch | kFlagValue, cell, 0}, -1), on_true, on_true,
           on_unknown);
    Bind(e, set_false);
    UseAll(e, Emit(e, Inst{Op::kMemoSet, kBranch, cell, 0}, -1), on_false, on_false, on_unknown);
  }

  void EmitBranchInner(Emitter& e, int n, int on_true, int on_false, int on_unknown) {
    const Node& node = nodes_[n];
    switch (node.kind) {
      case Node::Kind::kLeaf: {
        Inst inst = node.inst;
        inst.flags |= kBranch;
        UseAll(e, Emit(e, inst, -1), on_true, on_false, on_unknown);
        return;
      }
      case Node::Kind::kNot:
        return EmitBranch(e, node.kids[0], on_false, on_true, on_unknown);
      case Node::Kind::kAll:
        return EmitBranchAll(e, Kids(e, node), on_true, on_false, on_unknown);
      case Node::Kind::kAny: {
        std::vector<int> kids = Kids(e, node);
        for (size_t i = 0; i < kids.size(); ++i) {
          const bool last = i + 1 == kids.size();
          int next = last ? on_false : NewLabel();
          EmitBranch(e, kids[i], on_true, next, on_unknown);
          if (!last) Bind(e, next);
        }
        return;
      }
    }
  }

  void EmitBranchAll(Emitter& e, const std::vector<int>& kids, int on_true, int on_false,
                     int on_unknown) {
    for (size_t i = 0; i < kids.size(); ++i) {
      const bool last = i + 1 == kids.size();
      int next = last ? on_true : NewLabel();
      EmitBranch(e, kids[i], next, on_false, on_unknown);
      if (!last) Bind(e, next);
    }
  }

  uint32_t CountLeaves(const std::vector<int>& nodes) const {
    uint32_t n = 0;
    for (int k : nodes) {
      n += nodes_[k].kind == Node::Kind::kLeaf ? 1 : CountLeaves(nodes_[k].kids);
    }
    return n;
  }

  // Memo cells for the subtrees that occur twice or more among `rules`
  // (not counting leaves cheaper than a hash lookup). A subtree inside a
  // memoised one is evaluated once per run anyway: it gets its own cell only
  // if it also occurs twice outside memoised subtrees.
  void ChooseMemos(const std::vector<uint32_t>& rules) {
    std::map<std::string, int> count;
    std::function<void(int)> count_all = [&](int n) {
      const Node& node = nodes_[n];
      if (node.kind != Node::Kind::kLeaf || node.cost >= 3) ++count[node.key];
      for (int k : node.kids) count_all(k);
    };
    std::vector<int> roots;
    for (uint32_t r : rules) {
      for (int c : Conjuncts(rule_ir_[r], false, /*fast=*/false)) roots.push_back(c);
    }
    for (int c : roots) count_all(c);
    memo_.clear();
    std::function<void(int)> choose = [&](int n) {
      const Node& node = nodes_[n];
      auto it = count.find(node.key);
      if (it != count.end() && it->second >= 2) {
        auto [id, inserted] = memo_ids_.emplace(node.key, static_cast<uint32_t>(memo_ids_.size()));
        memo_[node.key] = id->second;
        return;
      }
      for (int k : node.kids) choose(k);
    };
    for (int c : roots) choose(c);
  }

  void EmitTracedEntry(const std::vector<uint32_t>& rules, bool unknown_entry) {
    Emitter e{&p_->traced, /*fast=*/false};
    memo_.clear();
    p_->traced.entry.push_back(Here(e));
    for (uint32_t r : rules) EmitFrameRule(e, r, Conjuncts(rule_ir_[r], unknown_entry, false));
    Emit(e, Inst{Op::kHalt, 0, 0, 0}, -1);
    uint32_t pool = 0;
    for (uint32_t r : rules) {
      pool += std::min<uint32_t>(kMaxUnknownsPerMatch,
                                 2 + CountLeaves(Conjuncts(rule_ir_[r], true, false)));
    }
    p_->unknown_pool = std::max(p_->unknown_pool, pool);
  }

  // Fast code for one action: per rule a branch block, with the rule's
  // frame block out of line; runs of rules sharing a memoised conjunct are
  // gated by it. For a missing or unknown action every rule is undecided at
  // best, so that entry is frame code only.
  void EmitFastEntry(const std::vector<uint32_t>& rules, bool unknown_entry) {
    Code& code = p_->fast;
    Emitter e{&code, /*fast=*/true};
    code.entry.push_back(Here(e));
    code.max_unknowns = std::max(code.max_unknowns, kMemoSlots + 1);
    if (unknown_entry) {
      ChooseMemos(rules);
      for (uint32_t r : rules) EmitFrameRule(e, r, Conjuncts(rule_ir_[r], true, true));
      Emit(e, Inst{Op::kHalt, 0, 0, 0}, -1);
      return;
    }
    ChooseMemos(rules);
    std::vector<std::vector<int>> conj;
    for (uint32_t r : rules) conj.push_back(Conjuncts(rule_ir_[r], false, true));
    // Blocks: a run of rules behind a gate, or one rule.
    struct Block {
      int gate;
      size_t begin, end;
    };
    std::vector<Block> blocks;
    for (size_t i = 0; i < rules.size();) {
      auto [gate, end] = FindGate(conj, i);
      if (gate < 0) end = i + 1;
      blocks.push_back(Block{gate, i, end});
      i = end;
    }
    // With many blocks, an index on a discriminating field runs only those
    // that can hold; every block then ends in the shared kNextBlock.
    Discriminator disc = ChooseDiscriminator(conj, blocks.size(),
                                             [&](size_t b) { return blocks[b].gate < 0; },
                                             [&](size_t b) { return blocks[b].begin; });
    const bool indexed = disc.slot >= 0;
    const int next_block = NewLabel();
    uint32_t index_pc = 0;
    if (indexed) index_pc = Emit(e, Inst{Op::kIndex, 0, static_cast<uint16_t>(disc.slot), 0}, -1);
    struct Deferred {
      uint32_t rule;
      size_t index;
      int frame_label;
      int next_label;
    };
    std::vector<Deferred> deferred;
    std::vector<uint32_t> block_pcs;
    for (const Block& block : blocks) {
      block_pcs.push_back(Here(e));
      const int block_end = indexed ? next_block : NewLabel();
      if (block.gate >= 0) {
        // Undecided, the gate lets its rules run: they decide for themselves.
        int start = NewLabel();
        labels_[start].stays_in_branch = true;
        EmitBranch(e, block.gate, start, block_end, start);
        Bind(e, start);
      }
      for (size_t k = block.begin; k < block.end; ++k) {
        if (block.gate >= 0) MoveToFront(&conj[k], nodes_[block.gate].key);
        const bool last = k + 1 == block.end;
        int match = NewLabel(), frame = NewLabel();
        int next = last ? block_end : NewLabel();
        EmitBranchAll(e, conj[k], match, next, frame);
        Bind(e, match);
        Emit(e, Inst{Op::kRuleMatch, 0, 0, rules[k]}, -1);
        if (last && indexed) {
          // kRuleMatch falls through; in an indexed entry the next block is not next in line.
          Use(e, next_block, Emit(e, Inst{Op::kJump, 0, 0, 0}, -1), kOperand);
        }
        if (!last) Bind(e, next);
        deferred.push_back(Deferred{rules[k], k, frame, next});
      }
      if (!indexed) Bind(e, block_end);
    }
    if (indexed) {
      Bind(e, next_block);
      Emit(e, Inst{Op::kNextBlock, 0, 0, 0}, -1);
      code.steps[index_pc].inst.b = BuildIndex(disc, blocks.size(), block_pcs);
    }
    Emit(e, Inst{Op::kHalt, 0, 0, 0}, -1);
    for (const Deferred& d : deferred) {
      Bind(e, d.frame_label);
      EmitFrameRule(e, d.rule, conj[d.index]);
      Use(e, d.next_label, Emit(e, Inst{Op::kJump, 0, 0, 0}, -1), kOperand);
    }
  }

  // ---- rule indexes ----

  // The field most single-rule blocks require a value of, with each such
  // block's test; slot < 0 when an index would not pay.
  struct Discriminator {
    int slot = -1;
    std::vector<int> test;  // per block: the leaf node testing the slot, or -1
  };
  static constexpr size_t kMinIndexedBlocks = 32;

  // A set-membership test of a scalar field, which an index can key on.
  bool IndexableLeaf(int n) const {
    const Node& node = nodes_[n];
    if (node.kind != Node::Kind::kLeaf || (node.inst.flags & kFlagList) != 0) return false;
    const Op op = node.inst.op;
    return op == Op::kInName || op == Op::kInString || op == Op::kInCode || op == Op::kInMask;
  }

  template <typename SingleRule, typename FirstRule>
  Discriminator ChooseDiscriminator(const std::vector<std::vector<int>>& conj, size_t nblocks,
                                    SingleRule single, FirstRule first) const {
    Discriminator d;
    if (nblocks < kMinIndexedBlocks) return d;
    std::map<int, size_t> count;
    auto test_of = [&](size_t b, int slot) -> int {
      for (int c : conj[first(b)]) {
        if (IndexableLeaf(c) && nodes_[c].inst.a == slot) return c;
      }
      return -1;
    };
    for (size_t b = 0; b < nblocks; ++b) {
      if (!single(b)) continue;
      std::set<int> slots;
      for (int c : conj[first(b)]) {
        if (IndexableLeaf(c)) slots.insert(nodes_[c].inst.a);
      }
      for (int slot : slots) ++count[slot];
    }
    for (const auto& [slot, n] : count) {
      if (n * 2 >= nblocks && (d.slot < 0 || n > count[d.slot])) d.slot = slot;
    }
    if (d.slot < 0) return d;
    for (size_t b = 0; b < nblocks; ++b) d.test.push_back(single(b) ? test_of(b, d.slot) : -1);
    return d;
  }

  uint32_t BuildIndex(const Discriminator& d, size_t nblocks, const std::vector<uint32_t>& pcs) {
    RuleIndex index;
    index.slot = static_cast<uint16_t>(d.slot);
    const FieldType type = in_.schema->field(index.slot).type;
    index.by_key = type == FieldType::kName || type == FieldType::kString;
    std::vector<uint32_t> residual;
    std::map<std::string, std::vector<uint32_t>> by_text;
    std::map<int64_t, std::vector<uint32_t>> by_int;
    for (size_t b = 0; b < nblocks; ++b) {
      if (d.test[b] < 0) {
        residual.push_back(static_cast<uint32_t>(b));
        continue;
      }
      const Inst& in = nodes_[d.test[b]].inst;
      switch (in.op) {
        case Op::kInName:
          for (const std::string& k : p_->name_sets[in.b].Keys()) by_text[k].push_back(b);
          break;
        case Op::kInString:
          for (const std::string& k : p_->string_set_info[in.b].items) by_text[k].push_back(b);
          break;
        case Op::kInCode:
          for (int c : p_->code_sets[in.b].Codes()) by_int[c].push_back(b);
          break;
        default:  // kInMask
          for (int bit = 0; bit < 64; ++bit) {
            if ((p_->masks[in.b] >> bit) & 1) by_int[bit].push_back(b);
          }
          break;
      }
    }
    // Each list: its blocks and the residual ones, in block order, as pcs.
    auto add_list = [&](std::vector<uint32_t> blocks) {
      blocks.insert(blocks.end(), residual.begin(), residual.end());
      std::sort(blocks.begin(), blocks.end());
      blocks.erase(std::unique(blocks.begin(), blocks.end()), blocks.end());
      for (uint32_t& b : blocks) b = pcs[b];
      index.lists.push_back(std::move(blocks));
      return static_cast<uint32_t>(index.lists.size() - 1);
    };
    for (auto& [key, blocks] : by_text) index.text_lists[key] = add_list(std::move(blocks));
    for (auto& [key, blocks] : by_int) index.int_lists[key] = add_list(std::move(blocks));
    std::vector<uint32_t> all(nblocks);
    for (size_t b = 0; b < nblocks; ++b) all[b] = static_cast<uint32_t>(b);
    index.all = add_list(all);
    index.residual = add_list({});
    p_->indexes.push_back(std::move(index));
    return static_cast<uint32_t>(p_->indexes.size() - 1);
  }

  // The longest run of rules from `i` sharing a memoised conjunct: returns
  // that conjunct's node and the end of the run, or -1 if no run of two.
  std::pair<int, size_t> FindGate(const std::vector<std::vector<int>>& conj, size_t i) const {
    int best = -1;
    size_t best_end = i + 1;
    for (int c : conj[i]) {
      const std::string& key = nodes_[c].key;
      if (!memo_.count(key) || nodes_[c].kind == Node::Kind::kLeaf) continue;
      size_t end = i + 1;
      while (end < conj.size() &&
             std::any_of(conj[end].begin(), conj[end].end(),
                         [&](int d) { return nodes_[d].key == key; })) {
        ++end;
      }
      if (end - i >= 2 && end > best_end) {
        best = c;
        best_end = end;
      }
    }
    return {best, best_end};
  }

  const CheckedRuleSet& in_;
  const CompileBudget& budget_;
  std::unique_ptr<Program> p_;
  std::vector<SetRef> refs_;
  std::vector<uint32_t> screen_of_set_;  // per checked set: its index in Program::screens
  std::vector<Node> nodes_;
  std::vector<RuleIr> rule_ir_;
  std::map<std::string, uint32_t> memo_ids_;  // every memo cell of the program
  std::map<std::string, uint32_t> memo_;      // the cells of the entry being emitted
  std::vector<Label> labels_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<Program>> CompileProgram(const CheckedRuleSet& rules,
                                                       const CompileBudget& budget) {
  return ProgramBuilder(rules, budget).Build();
}

}  // namespace interdict::internal
