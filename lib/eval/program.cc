#include "lib/eval/program.h"

#include <algorithm>
#include <limits>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "lib/common/iso3166.h"
#include "lib/common/time_util.h"

namespace interdict::internal {

const char* OpName(Op op) {
  switch (op) {
    case Op::kActionIn: return "action.in";
    case Op::kWindow: return "window";
    case Op::kPresent: return "present";
    case Op::kInMask: return "in.mask";
    case Op::kInCode: return "in.code";
    case Op::kInString: return "in.string";
    case Op::kInName: return "in.name";
    case Op::kInNumber: return "in.number";
    case Op::kMatch: return "match";
    case Op::kScreen: return "screen";
    case Op::kCmpNumber: return "cmp.number";
    case Op::kCmpInt: return "cmp.int";
    case Op::kAllBegin: return "all.begin";
    case Op::kAllEnd: return "all.end";
    case Op::kAnyBegin: return "any.begin";
    case Op::kAnyEnd: return "any.end";
    case Op::kNot: return "not";
    case Op::kMemoBegin: return "memo.begin";
    case Op::kMemoEnd: return "memo.end";
    case Op::kMemoSet: return "memo.set";
    case Op::kRuleMatch: return "rule.match";
    case Op::kJump: return "jump";
    case Op::kIndex: return "index";
    case Op::kNextBlock: return "next.block";
    case Op::kRule: return "rule";
    case Op::kHalt: return "halt";
  }
  return "?";
}

namespace {

// "0042": a pc, zero-padded to four digits (without StrFormat: dumps of
// large programs are hashed at every compile).
std::string Pc(uint32_t pc) {
  std::string digits = std::to_string(pc);
  if (digits.size() < 4) digits.insert(0, 4 - digits.size(), '0');
  return digits;
}

const char* CmpName(uint8_t flags) {
  static const char* const kNames[] = {"eq", "lt", "le", "gt", "ge"};
  uint8_t c = flags & kCmpMask;
  return c < 5 ? kNames[c] : "?";
}

std::string Bound(int64_t t) {
  if (t == std::numeric_limits<int64_t>::min()) return "-inf";
  if (t == std::numeric_limits<int64_t>::max()) return "+inf";
  return FormatInstant(t);
}

std::string Operand(const Program& p, const Inst& in) {
  const bool has_slot = in.op <= Op::kCmpInt;
  const std::string& slot = p.schema->field(has_slot ? in.a : 0).path;
  std::string list = (in.flags & kFlagList) ? " (any element)" : "";
  switch (in.op) {
    case Op::kActionIn: return absl::StrFormat("action mask=%#x", p.masks[in.b]);
    case Op::kWindow:
      return absl::StrCat("time [", Bound(p.windows[in.b].from), ", ",
                          Bound(p.windows[in.b].until), ")");
    case Op::kPresent: return absl::StrCat(slot, (in.flags & kFlagExpect) ? " present" : " absent");
    case Op::kInMask: return absl::StrFormat("%s mask=%#x%s", slot, p.masks[in.b], list);
    case Op::kInCode: return absl::StrCat(slot, " code_set#", in.b, " ", p.code_set_info[in.b].label, list);
    case Op::kInString:
      return absl::StrCat(slot, " string_set#", in.b, " ", p.string_set_info[in.b].label, list);
    case Op::kInName:
      return absl::StrCat(slot, " name_set#", in.b, " ", p.name_set_info[in.b].label, list);
    case Op::kInNumber:
      return absl::StrCat(slot, " number_set#", in.b, " ", p.number_set_info[in.b].label, list);
    case Op::kMatch:
      return absl::StrCat(slot, " pattern_set#", in.b, " ", p.pattern_set_info[in.b].label, list);
    case Op::kScreen:
      return absl::StrCat(slot, " screen#", in.b, " ", p.screens[in.b].label, " threshold ",
                          p.screens[in.b].threshold, list);
    case Op::kCmpNumber: return absl::StrCat(slot, " ", CmpName(in.flags), " ", p.numbers[in.b], list);
    case Op::kCmpInt: {
      FieldType type = p.schema->field(in.a).type;
      int64_t v = p.ints[in.b];
      return absl::StrCat(slot, " ", CmpName(in.flags), " ",
                          type == FieldType::kDate ? FormatDate(v) : FormatInstant(v), list);
    }
    case Op::kMemoBegin:
      if ((in.flags & kStepMask) == kBranch) return absl::StrFormat("memo#%d", in.a);
      return absl::StrFormat("memo#%d (hit: -> %04d)", in.a, in.b);
    case Op::kMemoEnd: return absl::StrFormat("memo#%d", in.a);
    case Op::kMemoSet:
      return absl::StrFormat("memo#%d = %s", in.a, (in.flags & kFlagValue) ? "true" : "false");
    case Op::kJump: return absl::StrCat("-> ", Pc(in.b));
    case Op::kIndex: {
      const RuleIndex& index = p.indexes[in.b];
      return absl::StrCat(p.schema->field(in.a).path, " index#", in.b, ": ", index.lists.size(),
                          " lists, all ", index.lists[index.all].size(), " blocks, residual ",
                          index.lists[index.residual].size());
    }
    case Op::kRule:
    case Op::kRuleMatch:
      return absl::StrCat("#", in.b, " ", p.rules[in.b].id, " (",
                          VerdictName(p.rules[in.b].effect), ")");
    default: return "";
  }
}

void DumpCode(const Program& p, const char* name, const Code& code, std::string* out) {
  const std::vector<std::string>& actions = p.schema->actions();
  absl::StrAppend(out, name, ": ", code.steps.size(), " instructions, depth ", code.max_depth,
                  "\n");
  for (size_t e = 0; e < code.entry.size(); ++e) {
    absl::StrAppend(out, "entry ", e < actions.size() ? actions[e] : "(unknown action)", " @",
                    code.entry[e], "\n");
  }
  for (size_t pc = 0; pc < code.steps.size(); ++pc) {
    const Inst& in = code.steps[pc].inst;
    std::string join;
    const Step& t = code.steps[pc];
    switch (in.flags & kStepMask) {
      case kJoinAll: join = absl::StrCat("  ; all false: -> ", Pc(t.on_false)); break;
      case kJoinAny: join = absl::StrCat("  ; any true: -> ", Pc(t.on_true)); break;
      case kJoinRule: join = absl::StrCat("  ; rule false: -> ", Pc(t.on_false)); break;
      case kBranch: {
        const uint32_t u = code.on_unknown[pc];
        join = absl::StrCat("  ; true: ", Pc(t.on_true), " false: ", Pc(t.on_false),
                            " unknown: ", Pc(u & ~kUnknownStaysInBranch),
                            (u & kUnknownStaysInBranch) ? " (branch)" : "");
        break;
      }
      default: break;
    }
    std::string op = OpName(in.op);
    op.resize(std::max<size_t>(op.size(), 10), ' ');
    absl::StrAppend(out, Pc(static_cast<uint32_t>(pc)), " ", op, " ", Operand(p, in), join, "\n");
  }
}

}  // namespace

std::string Program::Dump(bool with_positions) const {
  std::string out;
  out.reserve(100 * (fast.steps.size() + traced.steps.size()) + 64 * rules.size());
  absl::StrAppend(&out, "program: ", rules.size(), " rules, ", memo_count, " memo cells\n");
  DumpCode(*this, "fast", fast, &out);
  DumpCode(*this, "traced", traced, &out);
  auto dump_sets = [&out](const char* kind, const std::vector<SetInfo>& sets) {
    for (size_t i = 0; i < sets.size(); ++i) {
      absl::StrAppend(&out, kind, "#", i, " ", sets[i].label, ": ", absl::StrJoin(sets[i].items, " | "),
                      "\n");
    }
  };
  dump_sets("code_set", code_set_info);
  dump_sets("string_set", string_set_info);
  dump_sets("number_set", number_set_info);
  dump_sets("pattern_set", pattern_set_info);
  for (size_t i = 0; i < name_sets.size(); ++i) {
    const NameSetInfo& info = name_set_info[i];
    absl::StrAppend(&out, "name_set#", i, " ", info.label, ": ", info.names.size(), " entries, ",
                    name_sets[i].key_count(), " keys\n");
    for (size_t e = 0; e < info.names.size(); ++e) {
      absl::StrAppend(&out, "  ", info.entry_ids[e], ": ", absl::StrJoin(info.names[e], " | "),
                      "\n");
    }
  }
  for (size_t i = 0; i < screens.size(); ++i) {
    const ScreenSet& set = screens[i];
    absl::StrAppend(&out, "screen#", i, " ", set.label, ": ", set.names.size(), " entries, threshold ",
                    set.threshold, "\n");
    for (size_t e = 0; e < set.names.size(); ++e) {
      absl::StrAppend(&out, "  ", set.entry_ids[e], " ", set.types[e], " [", absl::StrJoin(set.programs[e], " "),
                      "]: ", absl::StrJoin(set.names[e], " | "), "\n");
    }
  }
  for (size_t i = 0; i < rules.size(); ++i) {
    const RuleInfo& r = rules[i];
    absl::StrAppend(&out, "rule#", i, " ", r.id, " v", r.policy_version, " ",
                    VerdictName(r.effect), " reason=\"", r.reason, "\" source=\"", r.citation,
                    "\" url=\"", r.url, "\"");
    if (with_positions) absl::StrAppend(&out, " at ", r.position.file, ":", r.position.line);
    out += "\n";
  }
  return out;
}

}  // namespace interdict::internal
