#include "lib/compile/compiler.h"

#include <limits>
#include <map>

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

class ProgramBuilder {
 public:
  ProgramBuilder(const CheckedRuleSet& rules, const CompileBudget& budget)
      : in_(rules), budget_(budget), p_(std::make_unique<Program>()) {}

  absl::StatusOr<std::unique_ptr<Program>> Build() {
    p_->schema = in_.schema;
    INTERDICT_RETURN_IF_ERROR(BuildSets());
    BuildRules();
    const size_t actions = in_.schema->actions().size();
    for (size_t a = 0; a <= actions; ++a) {
      bool unknown_entry = a == actions;
      p_->entry.push_back(static_cast<uint32_t>(p_->code.size()));
      p_->entry_rules.emplace_back();
      for (size_t r = 0; r < in_.rules.size(); ++r) {
        if (unknown_entry || ((in_.rules[r].actions >> a) & 1) != 0) {
          EmitRule(static_cast<uint32_t>(r), unknown_entry);
          p_->entry_rules.back().push_back(static_cast<uint32_t>(r));
        }
      }
      Emit(Op::kHalt, 0, 0, 0, -1);
      if (p_->code.size() > budget_.max_instructions) {
        return absl::ResourceExhaustedError(
            absl::StrCat("the compiled program exceeds ", budget_.max_instructions,
                         " instructions"));
      }
    }
    return std::move(p_);
  }

 private:
  absl::Status BuildSets() {
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
          BuildNameSet(set);
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

  void BuildNameSet(const CheckedSet& set) {
    NameSetInfo info;
    info.label = set.label;
    std::vector<std::vector<std::string>> keys;
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
    uint32_t pool = 0;
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
      uint32_t leaves = 2 + CountLeaves(r.when) + CountLeaves(r.unless);
      p_->max_rule_leaves = std::max(p_->max_rule_leaves, leaves);
      pool += std::min(leaves, kMaxUnknownsPerMatch);
    }
    p_->unknown_pool = pool;
  }

  static uint32_t CountLeaves(const std::optional<CheckedCond>& c) {
    return c.has_value() ? CountLeaves(*c) : 0;
  }
  static uint32_t CountLeaves(const CheckedCond& c) {
    if (c.kind == CheckedCond::Kind::kTest) return 1;
    uint32_t n = 0;
    for (const CheckedCond& child : c.children) n += CountLeaves(child);
    return n;
  }

  uint32_t Emit(Op op, uint8_t flags, uint16_t a, uint32_t b, int32_t node) {
    p_->code.push_back(Inst{op, flags, a, b});
    p_->node_of_pc.push_back(node);
    return static_cast<uint32_t>(p_->code.size() - 1);
  }

  // Node ids are allocated the first time a rule is emitted and reused for
  // the same rule in other entries, which visit its nodes in the same order.
  int32_t Node(NodeInfo info) {
    if (replaying_) return next_node_++;
    p_->nodes.push_back(std::move(info));
    return static_cast<int32_t>(p_->nodes.size() - 1);
  }

  void EmitRule(uint32_t r, bool unknown_entry) {
    const CheckedRule& rule = in_.rules[r];
    auto it = rule_nodes_.find(r);
    replaying_ = it != rule_nodes_.end();
    if (replaying_) {
      next_node_ = it->second;
    } else {
      rule_nodes_[r] = static_cast<int32_t>(p_->nodes.size());
    }
    rule_ = r;
    depth_ = 1;
    max_depth(1);
    std::vector<uint32_t> exits;
    Emit(Op::kAllBegin, 0, 0, 0, -1);
    // The action node is only ever emitted in the unknown-action entry; give
    // it a node in every rule so replays stay aligned.
    int32_t action_node = Node(RuleNode(NodeInfo::Kind::kAction, "action in rule's actions", rule));
    if (!replaying_) p_->nodes[action_node].part = NodeInfo::Part::kAction;
    if (unknown_entry) {
      uint32_t mask = static_cast<uint32_t>(p_->masks.size());
      p_->masks.push_back(rule.actions);
      Emit(Op::kActionIn, 0, kSlotAction, mask, action_node);
      exits.push_back(Emit(Op::kAllNext, 0, 0, 0, -1));
    }
    if (rule.from.has_value() || rule.until.has_value()) {
      int64_t from = rule.from.value_or(std::numeric_limits<int64_t>::min());
      int64_t until = rule.until.value_or(std::numeric_limits<int64_t>::max());
      uint32_t w = static_cast<uint32_t>(p_->windows.size());
      p_->windows.push_back(Program::Window{from, until});
      std::string text = absl::StrCat("time in [", rule.from ? FormatInstant(from) : "-inf", ", ",
                                      rule.until ? FormatInstant(until) : "+inf", ")");
      int32_t node = Node(RuleNode(NodeInfo::Kind::kWindow, text, rule));
      if (!replaying_) p_->nodes[node].part = NodeInfo::Part::kWindow;
      Emit(Op::kWindow, 0, kSlotTime, w, node);
      exits.push_back(Emit(Op::kAllNext, 0, 0, 0, -1));
    }
    if (rule.when.has_value()) {
      part_ = NodeInfo::Part::kWhen;
      EmitCond(*rule.when, 1);
      exits.push_back(Emit(Op::kAllNext, 0, 0, 0, -1));
    }
    if (rule.unless.has_value()) {
      part_ = NodeInfo::Part::kUnless;
      EmitCond(*rule.unless, 1);
      NodeInfo n = RuleNode(NodeInfo::Kind::kNot, "not (unless)", rule);
      n.part = NodeInfo::Part::kUnless;
      n.pointer = rule.unless->pointer;
      Emit(Op::kNot, 0, 0, 0, Node(std::move(n)));
      exits.push_back(Emit(Op::kAllNext, 0, 0, 0, -1));
    }
    Emit(Op::kAllEnd, 0, 0, 0, -1);
    uint32_t target = Emit(Op::kRule, 0, 0, r, -1);
    for (uint32_t e : exits) p_->code[e].b = target;
    replaying_ = false;
  }

  NodeInfo RuleNode(NodeInfo::Kind kind, std::string text, const CheckedRule& rule) {
    NodeInfo n;
    n.kind = kind;
    n.rule = rule_;
    n.depth = 0;
    n.text = std::move(text);
    n.pointer = rule.position.json_pointer;
    n.line = rule.position.line;
    n.column = rule.position.column;
    return n;
  }

  void max_depth(uint32_t d) { p_->max_depth = std::max(p_->max_depth, d); }

  void EmitCond(const CheckedCond& c, uint16_t depth) {
    NodeInfo info;
    info.rule = rule_;
    info.part = part_;
    info.depth = depth;
    info.text = c.text;
    info.pointer = c.pointer;
    info.line = c.line;
    info.column = c.column;
    switch (c.kind) {
      case CheckedCond::Kind::kTest: {
        info.kind = NodeInfo::Kind::kTest;
        int32_t node = Node(std::move(info));
        uint32_t pc = EmitTest(c.test, node);
        if (!replaying_) p_->nodes[node].pc = pc;
        return;
      }
      case CheckedCond::Kind::kNot: {
        info.kind = NodeInfo::Kind::kNot;
        int32_t node = Node(std::move(info));
        EmitCond(c.children[0], depth + 1);
        Emit(Op::kNot, 0, 0, 0, node);
        return;
      }
      case CheckedCond::Kind::kAll:
      case CheckedCond::Kind::kAny: {
        bool all = c.kind == CheckedCond::Kind::kAll;
        info.kind = all ? NodeInfo::Kind::kAll : NodeInfo::Kind::kAny;
        int32_t node = Node(std::move(info));
        if (c.children.size() == 1) {  // all/any of one is the one
          EmitCond(c.children[0], depth + 1);
          return;
        }
        ++depth_;
        max_depth(depth_);
        Emit(all ? Op::kAllBegin : Op::kAnyBegin, 0, 0, 0, -1);
        std::vector<uint32_t> exits;
        for (const CheckedCond& child : c.children) {
          EmitCond(child, depth + 1);
          exits.push_back(Emit(all ? Op::kAllNext : Op::kAnyNext, 0, 0, 0, -1));
        }
        Emit(all ? Op::kAllEnd : Op::kAnyEnd, 0, 0, 0, node);
        uint32_t target = static_cast<uint32_t>(p_->code.size());
        for (uint32_t e : exits) p_->code[e].b = target;
        --depth_;
        return;
      }
    }
  }

  uint32_t EmitTest(const CheckedTest& t, int32_t node) {
    const FieldInfo& field = in_.schema->field(t.slot);
    uint8_t list = field.is_list ? kFlagList : 0;
    switch (t.op) {
      case TestOp::kPresent:
        return Emit(Op::kPresent, static_cast<uint8_t>(t.expect_present ? kFlagExpect : 0), t.slot,
                    0, node);
      case TestOp::kIn:
      case TestOp::kMatches: {
        const SetRef& ref = refs_[t.set];
        return Emit(ref.op, list, t.slot, ref.index, node);
      }
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
      return Emit(Op::kCmpNumber, flags, t.slot, static_cast<uint32_t>(p_->numbers.size() - 1),
                  node);
    }
    p_->ints.push_back(t.integer);
    return Emit(Op::kCmpInt, flags, t.slot, static_cast<uint32_t>(p_->ints.size() - 1), node);
  }

  const CheckedRuleSet& in_;
  const CompileBudget& budget_;
  std::unique_ptr<Program> p_;
  std::vector<SetRef> refs_;
  std::map<uint32_t, int32_t> rule_nodes_;
  bool replaying_ = false;
  int32_t next_node_ = 0;
  uint32_t rule_ = 0;
  uint32_t depth_ = 0;
  NodeInfo::Part part_ = NodeInfo::Part::kWhen;
};

}  // namespace

absl::StatusOr<std::unique_ptr<Program>> CompileProgram(const CheckedRuleSet& rules,
                                                       const CompileBudget& budget) {
  return ProgramBuilder(rules, budget).Build();
}

}  // namespace interdict::internal
