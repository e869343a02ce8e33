#include "lib/check/checker.h"

#include <algorithm>
#include <map>
#include <set>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "lib/common/iso3166.h"
#include "lib/common/suggest.h"
#include "lib/common/time_util.h"
#include "lib/matching/normalizer.h"
#include "lib/parse/json_reader.h"
#include "re2/re2.h"

namespace interdict::internal {

const char* TestOpName(TestOp op) {
  switch (op) {
    case TestOp::kPresent: return "present";
    case TestOp::kIn: return "in";
    case TestOp::kMatches: return "matches";
    case TestOp::kEq: return "eq";
    case TestOp::kLt: return "lt";
    case TestOp::kLe: return "le";
    case TestOp::kGt: return "gt";
    case TestOp::kGe: return "ge";
    case TestOp::kScreen: return "screen";
  }
  return "?";
}

namespace {

using JKind = JsonNode::Kind;

// A function, not a global: the library may be used during static initialisation.
const std::vector<std::string>& kListTypes() {
  static const auto* v = new std::vector<std::string>{"country", "region", "string", "party", "pattern"};
  return *v;
}
// A function, not a global: the library may be used during static initialisation.
const std::vector<std::string>& kEffects() {
  static const auto* v = new std::vector<std::string>{"deny", "review"};
  return *v;
}

bool ParseOp(absl::string_view name, TestOp* op) {
  static const std::pair<const char*, TestOp> kOps[] = {
      {"present", TestOp::kPresent}, {"in", TestOp::kIn}, {"matches", TestOp::kMatches},
      {"eq", TestOp::kEq},           {"lt", TestOp::kLt}, {"le", TestOp::kLe},
      {"gt", TestOp::kGt},           {"ge", TestOp::kGe}, {"screen", TestOp::kScreen}};
  for (const auto& [n, o] : kOps) {
    if (name == n) {
      *op = o;
      return true;
    }
  }
  return false;
}

bool IsOrdered(TestOp op) {
  return op == TestOp::kLt || op == TestOp::kLe || op == TestOp::kGt || op == TestOp::kGe;
}

// Kinds of set a field can be tested against with "in".
SetKind SetKindFor(FieldType type) {
  switch (type) {
    case FieldType::kCountry: return SetKind::kCountry;
    case FieldType::kRegion: return SetKind::kRegion;
    case FieldType::kName: return SetKind::kName;
    case FieldType::kNumber: return SetKind::kNumber;
    case FieldType::kAction:
    case FieldType::kPartyType:
    case FieldType::kBool: return SetKind::kMask;
    default: return SetKind::kString;
  }
}

}  // namespace

// Checks one policy against the shared rule-set state.
class Checker::PolicyChecker {
 public:
  PolicyChecker(Checker& owner, const PolicyAst& policy, Diagnostics& diag)
      : owner_(owner), out_(owner.out_), policy_(policy), diag_(diag) {}

  void Run() {
    policy_index_ = static_cast<int>(out_.policies.size());
    CheckedPolicy checked;
    checked.id = policy_.id.value;
    checked.version = policy_.version;
    checked.title = policy_.title;
    checked.file = policy_.file;
    checked.default_zone = "UTC";
    zone_ = absl::UTCTimeZone();
    if (policy_.default_zone.has_value()) {
      absl::StatusOr<absl::TimeZone> zone = LoadZone(policy_.default_zone->value);
      if (zone.ok()) {
        zone_ = *zone;
        checked.default_zone = policy_.default_zone->value;
      } else {
        Error(policy_.default_zone->pos, "invalid-zone", std::string(zone.status().message()));
      }
    }
    auto [it, inserted] = owner_.policy_files_.emplace(policy_.id.value, policy_.file);
    if (!inserted) {
      Error(policy_.id.pos, "duplicate-policy",
            absl::StrCat("policy id \"", policy_.id.value, "\" is already used by ", it->second));
    }
    out_.policies.push_back(std::move(checked));
    for (const std::string& a : BuiltinActions()) actions_.insert(a);
    for (const Named& a : policy_.actions) {
      if (!actions_.insert(a.value).second) {
        Error(a.pos, "duplicate-action", absl::StrCat("action \"", a.value, "\" declared twice"));
      }
    }
    for (const AttributeAst& attr : policy_.attributes) attributes_.insert(attr.name);
    CheckSources();
    CheckLists();
    std::set<std::string> rule_ids;
    for (const RuleAst& rule : policy_.rules) {
      if (!rule_ids.insert(rule.id.value).second) {
        Error(rule.id.pos, "duplicate-rule",
              absl::StrCat("rule id \"", rule.id.value, "\" is used twice in this policy"));
      }
      CheckRule(rule);
    }
    for (const ListAst& list : policy_.lists) {
      if (!used_lists_.count(list.name)) {
        diag_.Warning(list.pos.offset, list.pos.pointer, "unused-list",
                      absl::StrCat("list \"", list.name, "\" is never used"));
      }
    }
  }

 private:
  void Error(const Pos& pos, absl::string_view code, std::string message) {
    diag_.Error(pos.offset, pos.pointer, code, std::move(message));
  }

  void CheckSources() {
    for (const SourceAst& s : policy_.sources) {
      if (!s.date.value.empty() && !ParseDate(s.date.value).ok()) {
        Error(s.date.pos, "invalid-date",
              absl::StrCat("\"", s.date.value, "\" is not a date YYYY-MM-DD"));
      }
      sources_[s.id] = &s;
    }
  }

  void CheckLists() {
    for (const ListAst& list : policy_.lists) {
      lists_[list.name] = &list;
      if (std::find(kListTypes().begin(), kListTypes().end(), list.type.value) == kListTypes().end()) {
        Error(list.type.pos, "unknown-list-type",
              absl::StrCat("unknown list type \"", list.type.value, "\"",
                           DidYouMean(list.type.value, kListTypes()), " (types: ",
                           absl::StrJoin(kListTypes(), ", "), ")"));
        continue;
      }
      size_t entries = list.items.size();
      for (const PartyEntryAst& p : list.parties) entries += 1 + p.aliases.size();
      if (entries > static_cast<size_t>(owner_.options_.max_list_entries)) {
        Error(list.pos, "too-large",
              absl::StrCat("list has ", entries, " entries; the limit is ",
                           owner_.options_.max_list_entries));
        continue;
      }
      const std::string& type = list.type.value;
      for (const Named& item : list.items) {
        if (type == "country") {
          CheckCountry(item);
        } else if (type == "region") {
          CheckRegion(item);
        } else if (type == "pattern") {
          CheckPattern(item);
        }
      }
      // A list file's names were checked, at their own positions, when it was read.
      if (list.file.value.empty()) {
        for (const PartyEntryAst& p : list.parties) {
          CheckPartyName(p.name);
          for (const Named& alias : p.aliases) CheckPartyName(alias);
        }
      }
    }
  }

  bool CheckCountry(const Named& item) {
    if (CountryIndex(item.value) >= 0) return true;
    std::string hint;
    if (item.value.size() == 3) hint = " (use the two-letter code, e.g. US, not USA)";
    if (RegionIndex(item.value) >= 0) hint = " (that is a region; regions go in region lists)";
    Error(item.pos, "invalid-country",
          absl::StrCat("\"", item.value, "\" is not an ISO 3166-1 alpha-2 country code", hint));
    return false;
  }

  bool CheckRegion(const Named& item) {
    if (RegionIndex(item.value) >= 0) return true;
    std::string hint;
    if (CountryIndex(item.value) >= 0) {
      hint = " (that is a country code; a region is written like UA-43)";
    }
    Error(item.pos, "invalid-region",
          absl::StrCat("\"", item.value, "\" is not an ISO 3166-2 subdivision code", hint));
    return false;
  }

  bool CheckPattern(const Named& item) {
    RE2::Options opts;
    opts.set_log_errors(false);
    opts.set_never_capture(true);
    RE2 re(re2::StringPiece(item.value.data(), item.value.size()), opts);
    if (!re.ok()) {
      Error(item.pos, "bad-pattern",
            absl::StrCat("invalid RE2 pattern \"", item.value, "\": ", re.error()));
      return false;
    }
    if (re.ProgramSize() > owner_.options_.max_regex_program_size) {
      Error(item.pos, "bad-pattern",
            absl::StrCat("pattern is too complex (program size ", re.ProgramSize(),
                         ", limit ", owner_.options_.max_regex_program_size, ")"));
      return false;
    }
    return true;
  }

  bool CheckPartyName(const Named& name) {
    if (!NormalizeName(name.value).key.empty()) return true;
    Error(name.pos, "empty-name",
          absl::StrCat("name \"", name.value,
                       "\" is nothing but legal-form or stop words once normalised"));
    return false;
  }

  void CheckRule(const RuleAst& ast) {
    CheckedRule rule;
    rule.policy = policy_index_;
    rule.id = ast.id.value;
    rule.full_id = absl::StrCat(policy_.id.value, "/", ast.id.value);
    LineColumn lc = diag_.source().Locate(ast.pos.offset);
    rule.position = SourcePosition{policy_.file, lc.line, lc.column, ast.pos.pointer};
    if (ast.effect.value == "deny") {
      rule.effect = Verdict::kDeny;
    } else if (ast.effect.value == "review") {
      rule.effect = Verdict::kReview;
    } else if (!ast.effect.value.empty()) {
      Error(ast.effect.pos, "unknown-effect",
            absl::StrCat("unknown effect \"", ast.effect.value, "\"",
                         DidYouMean(ast.effect.value, kEffects()), " (effects: deny, review)"));
    }
    std::set<std::string> seen;
    for (const Named& a : ast.actions) {
      if (!actions_.count(a.value)) {
        std::vector<std::string> known(actions_.begin(), actions_.end());
        Error(a.pos, "unknown-action",
              absl::StrCat("unknown action \"", a.value, "\"", DidYouMean(a.value, known),
                           " (actions: ", absl::StrJoin(known, ", "),
                           "; declare others in the policy's \"actions\")"));
        continue;
      }
      if (!seen.insert(a.value).second) {
        Error(a.pos, "duplicate-action", absl::StrCat("action \"", a.value, "\" listed twice"));
        continue;
      }
      int index = out_.schema->ActionIndex(a.value);
      if (index >= 0) rule.actions |= uint64_t{1} << index;
    }
    CheckWindow(ast, &rule);
    if (ast.when.has_value()) rule.when = ConvertCond(*ast.when);
    if (ast.unless.has_value()) rule.unless = ConvertCond(*ast.unless);
    rule.reason = ast.reason;
    auto src = sources_.find(ast.source.ref.value);
    if (src == sources_.end()) {
      if (!ast.source.ref.value.empty()) {
        std::vector<std::string> known;
        for (const auto& [id, s] : sources_) known.push_back(id);
        Error(ast.source.ref.pos, "unknown-source",
              absl::StrCat("no source \"", ast.source.ref.value, "\" in this policy's \"sources\"",
                           DidYouMean(ast.source.ref.value, known)));
      }
    } else {
      rule.citation = src->second->citation;
      if (!ast.source.section.empty()) absl::StrAppend(&rule.citation, ", ", ast.source.section);
      rule.url = src->second->url;
    }
    out_.rules.push_back(std::move(rule));
  }

  void CheckWindow(const RuleAst& ast, CheckedRule* rule) {
    auto parse = [&](const std::optional<Named>& lit) -> std::optional<int64_t> {
      if (!lit.has_value()) return std::nullopt;
      absl::StatusOr<int64_t> t = ParseInstantLiteral(lit->value, zone_);
      if (!t.ok()) {
        Error(lit->pos,
              t.status().code() == absl::StatusCode::kNotFound ? "invalid-zone" : "invalid-date",
              std::string(t.status().message()));
        return std::nullopt;
      }
      return *t;
    };
    rule->from = parse(ast.from);
    rule->until = parse(ast.until);
    if (rule->from.has_value() && rule->until.has_value() && *rule->from >= *rule->until) {
      Error(ast.until->pos, "empty-window",
            absl::StrCat("the window is ", *rule->from == *rule->until ? "empty" : "inverted",
                         ": \"until\" (", FormatInstant(*rule->until),
                         ") must be after \"from\" (", FormatInstant(*rule->from), ")"));
    }
  }

  std::optional<CheckedCond> ConvertCond(const CondAst& ast) {
    CheckedCond c;
    c.pointer = ast.pos.pointer;
    LineColumn lc = diag_.source().Locate(ast.pos.offset);
    c.line = lc.line;
    c.column = lc.column;
    switch (ast.kind) {
      case CondAst::Kind::kAll: c.kind = CheckedCond::Kind::kAll; c.text = "all"; break;
      case CondAst::Kind::kAny: c.kind = CheckedCond::Kind::kAny; c.text = "any"; break;
      case CondAst::Kind::kNot: c.kind = CheckedCond::Kind::kNot; c.text = "not"; break;
      case CondAst::Kind::kTest: {
        c.kind = CheckedCond::Kind::kTest;
        std::optional<CheckedTest> t = CheckTest(ast.test, &c.text);
        if (!t.has_value()) return std::nullopt;
        c.test = *t;
        return c;
      }
    }
    bool ok = true;
    for (const CondAst& child : ast.children) {
      std::optional<CheckedCond> cc = ConvertCond(child);
      if (!cc.has_value()) {
        ok = false;
        continue;
      }
      c.children.push_back(std::move(*cc));
    }
    if (!ok) return std::nullopt;
    return c;
  }

  const FieldInfo* ResolveField(const Named& field) {
    const Schema& schema = *out_.schema;
    const FieldInfo* info = schema.Find(field.value);
    if (info != nullptr && absl::StartsWith(field.value, "attributes.") &&
        !attributes_.count(field.value.substr(strlen("attributes.")))) {
      info = nullptr;  // declared by another policy only
    }
    if (info != nullptr) return info;
    std::vector<std::string> paths;
    for (const std::string& p : schema.Paths()) {
      if (!absl::StartsWith(p, "attributes.") || attributes_.count(p.substr(11))) {
        paths.push_back(p);
      }
    }
    std::string hint = DidYouMean(field.value, paths);
    if (hint.empty() && absl::StartsWith(field.value, "attributes.")) {
      hint = "; declare host attributes in the policy's \"attributes\"";
    }
    Error(field.pos, "unknown-field",
          absl::StrCat("no field \"", field.value, "\"", hint));
    return nullptr;
  }

  std::optional<CheckedTest> CheckTest(const TestAst& t, std::string* text) {
    const FieldInfo* field = ResolveField(t.field);
    if (field == nullptr) return std::nullopt;
    CheckedTest test;
    test.slot = field->slot;
    if (!ParseOp(t.op.value, &test.op)) return std::nullopt;  // the parser checked
    *text = absl::StrCat(field->path, " ", t.op.value, " ", JsonNodeText(t.operand, 60));
    const JsonNode& v = t.operand;
    const Pos& vpos = t.operand_pos;
    const FieldType type = field->type;
    switch (test.op) {
      case TestOp::kPresent:
        if (v.kind != JKind::kBool) {
          Error(vpos, "type", "\"present\" takes true or false");
          return std::nullopt;
        }
        test.expect_present = v.boolean;
        return test;
      case TestOp::kMatches:
        if (type != FieldType::kString && type != FieldType::kName) {
          Error(t.op.pos, "operator-type",
                absl::StrCat("\"matches\" applies to text fields; ", field->path, " is a ",
                             FieldTypeName(type)));
          return std::nullopt;
        }
        test.set = PatternOperand(v, vpos);
        if (test.set < 0) return std::nullopt;
        return test;
      case TestOp::kScreen: {
        if (type != FieldType::kName) {
          Error(t.op.pos, "operator-type",
                absl::StrCat("\"screen\" applies to name fields; ", field->path, " is a ",
                             FieldTypeName(type)));
          return std::nullopt;
        }
        if (!IsListRef(v)) {
          Error(vpos, "type", "\"screen\" takes a \"@list\" of parties");
          return std::nullopt;
        }
        test.set = ListSet(v.string.substr(1), vpos, SetKind::kName, "party");
        if (test.set < 0) return std::nullopt;
        CheckedSet& set = out_.sets[test.set];
        if (set.screener == nullptr) {
          const ListAst& list = *lists_.at(v.string.substr(1));
          std::vector<std::vector<std::string>> names;
          std::vector<bool> individual;
          for (const PartyEntry& e : set.parties) {
            std::vector<std::string> n{e.name};
            n.insert(n.end(), e.aliases.begin(), e.aliases.end());
            names.push_back(std::move(n));
            individual.push_back(e.type == "individual");
          }
          set.screener = std::make_shared<const Screener>(names, individual);
          set.threshold = list.threshold.value_or(0.9);
        }
        return test;
      }
      case TestOp::kIn:
        if (type == FieldType::kDate || type == FieldType::kInstant) {
          Error(t.op.pos, "operator-type",
                absl::StrCat("\"in\" does not apply to ", FieldTypeName(type),
                             " fields; compare with eq, lt, le, gt or ge"));
          return std::nullopt;
        }
        test.set = InOperand(*field, v, vpos);
        if (test.set < 0) return std::nullopt;
        return test;
      case TestOp::kEq:
      case TestOp::kLt:
      case TestOp::kLe:
      case TestOp::kGt:
      case TestOp::kGe:
        break;
    }
    bool ordered_type =
        type == FieldType::kNumber || type == FieldType::kDate || type == FieldType::kInstant;
    if (IsOrdered(test.op) && !ordered_type) {
      Error(t.op.pos, "operator-type",
            absl::StrCat("\"", t.op.value, "\" compares numbers, dates and instants; ",
                         field->path, " is a ", FieldTypeName(type)));
      return std::nullopt;
    }
    if (ordered_type) {
      if (!ScalarOperand(*field, v, vpos, &test)) return std::nullopt;
      return test;
    }
    // eq on a set-like field: a set of one.
    if (v.kind == JKind::kArray || v.kind == JKind::kObject) {
      Error(vpos, "type",
            absl::StrCat("\"eq\" takes one value; for several write {\"in\": [...]}"));
      return std::nullopt;
    }
    if (IsListRef(v)) {
      Error(vpos, "type",
            absl::StrCat("\"", v.string, "\" is a list; write {\"in\": \"", v.string, "\"}"));
      return std::nullopt;
    }
    test.op = TestOp::kIn;
    JsonNode one;
    one.kind = JKind::kArray;
    one.offset = v.offset;
    one.items.push_back(v);
    test.set = InOperand(*field, one, vpos, /*item_pointers=*/false);
    if (test.set < 0) return std::nullopt;
    return test;
  }

  static bool IsListRef(const JsonNode& v) {
    return v.kind == JKind::kString && absl::StartsWith(v.string, "@") &&
           !absl::StartsWith(v.string, "@@");
  }

  // "@@x" is the literal "@x".
  static std::string Literal(const std::string& s) {
    return absl::StartsWith(s, "@@") ? s.substr(1) : s;
  }

  bool ScalarOperand(const FieldInfo& field, const JsonNode& v, const Pos& pos, CheckedTest* test) {
    if (field.type == FieldType::kNumber) {
      if (v.kind != JKind::kNumber) {
        Error(pos, "type", absl::StrCat("expected a number to compare ", field.path, " with"));
        return false;
      }
      test->number = v.number;
      return true;
    }
    if (v.kind != JKind::kString) {
      Error(pos, "type",
            absl::StrCat("expected a ", FieldTypeName(field.type), " string to compare ",
                         field.path, " with"));
      return false;
    }
    absl::StatusOr<int64_t> parsed = field.type == FieldType::kDate
                                         ? ParseDate(v.string)
                                         : ParseInstantLiteral(v.string, zone_);
    if (!parsed.ok()) {
      Error(pos,
            parsed.status().code() == absl::StatusCode::kNotFound ? "invalid-zone"
                                                                  : "invalid-date",
            std::string(parsed.status().message()));
      return false;
    }
    test->integer = *parsed;
    return true;
  }

  int PatternOperand(const JsonNode& v, const Pos& pos) {
    if (v.kind != JKind::kString) {
      Error(pos, "type", "\"matches\" takes a pattern string or a \"@list\" of patterns");
      return -1;
    }
    if (IsListRef(v)) return ListSet(v.string.substr(1), pos, SetKind::kPattern, "pattern");
    Named item{Literal(v.string), pos};
    if (!CheckPattern(item)) return -1;
    CheckedSet set;
    set.kind = SetKind::kPattern;
    set.label = JsonNodeText(v, 60);
    set.strings.push_back(item.value);
    return AddSet(std::move(set));
  }

  int InOperand(const FieldInfo& field, const JsonNode& v, const Pos& pos,
                bool item_pointers = true) {
    SetKind kind = SetKindFor(field.type);
    if (IsListRef(v)) {
      std::string name = v.string.substr(1);
      switch (field.type) {
        case FieldType::kCountry: return ListSet(name, pos, kind, "country");
        case FieldType::kRegion: return ListSet(name, pos, kind, "region");
        case FieldType::kString: return ListSet(name, pos, kind, "string");
        case FieldType::kName: return ListSet(name, pos, kind, "party", "string");
        default:
          Error(pos, "type",
                absl::StrCat("a ", FieldTypeName(field.type),
                             " field takes an inline array with \"in\", not a list"));
          return -1;
      }
    }
    if (v.kind != JKind::kArray) {
      Error(pos, "type", "\"in\" takes an array of values or a \"@list\"");
      return -1;
    }
    if (v.items.empty()) {
      Error(pos, "empty", "\"in\" with an empty array can never hold");
      return -1;
    }
    CheckedSet set;
    set.kind = kind;
    set.label = JsonNodeText(v, 60);
    bool ok = true;
    for (size_t i = 0; i < v.items.size(); ++i) {
      Pos ipos{v.items[i].offset, item_pointers ? PointerAppend(pos.pointer, i) : pos.pointer};
      ok &= AddLiteral(field, v.items[i], ipos, &set);
    }
    if (!ok) return -1;
    Canonicalize(&set);
    return AddSet(std::move(set));
  }

  bool AddLiteral(const FieldInfo& field, const JsonNode& lit, const Pos& pos, CheckedSet* set) {
    if (field.type == FieldType::kNumber) {
      if (lit.kind != JKind::kNumber) {
        Error(pos, "type", absl::StrCat("expected a number for ", field.path));
        return false;
      }
      set->numbers.push_back(lit.number);
      return true;
    }
    if (field.type == FieldType::kBool) {
      if (lit.kind != JKind::kBool) {
        Error(pos, "type", absl::StrCat("expected true or false for ", field.path));
        return false;
      }
      set->mask |= uint64_t{1} << (lit.boolean ? 1 : 0);
      return true;
    }
    if (lit.kind != JKind::kString) {
      Error(pos, "type",
            absl::StrCat("expected a ", FieldTypeName(field.type), " string for ", field.path,
                         ", found ", JsonKindName(lit.kind)));
      return false;
    }
    if (IsListRef(lit)) {
      Error(pos, "type",
            absl::StrCat("a list reference cannot appear inside an array; write {\"in\": \"",
                         lit.string, "\"}"));
      return false;
    }
    Named item{Literal(lit.string), pos};
    switch (field.type) {
      case FieldType::kCountry:
        if (!CheckCountry(item)) return false;
        set->codes.push_back(CountryIndex(item.value));
        return true;
      case FieldType::kRegion:
        if (!CheckRegion(item)) return false;
        set->codes.push_back(RegionIndex(item.value));
        return true;
      case FieldType::kName:
        if (!CheckPartyName(item)) return false;
        set->parties.push_back(PartyEntry{item.value, item.value, {}, {}, {}});
        return true;
      case FieldType::kAction: {
        if (!actions_.count(item.value)) {
          std::vector<std::string> known(actions_.begin(), actions_.end());
          Error(pos, "unknown-action",
                absl::StrCat("unknown action \"", item.value, "\"", DidYouMean(item.value, known)));
          return false;
        }
        set->mask |= uint64_t{1} << out_.schema->ActionIndex(item.value);
        return true;
      }
      case FieldType::kPartyType: {
        int index = PartyTypeIndex(item.value);
        if (index < 0) {
          Error(pos, "invalid-value",
                absl::StrCat("unknown party type \"", item.value, "\"",
                             DidYouMean(item.value, PartyTypeNames()), " (types: ",
                             absl::StrJoin(PartyTypeNames(), ", "), ")"));
          return false;
        }
        set->mask |= uint64_t{1} << index;
        return true;
      }
      default:
        if (item.value.empty()) {
          Error(pos, "empty", "expected a non-empty string");
          return false;
        }
        set->strings.push_back(item.value);
        return true;
    }
  }

  static void Canonicalize(CheckedSet* set) {
    std::sort(set->codes.begin(), set->codes.end());
    set->codes.erase(std::unique(set->codes.begin(), set->codes.end()), set->codes.end());
    if (set->kind == SetKind::kString) {
      std::sort(set->strings.begin(), set->strings.end());
      set->strings.erase(std::unique(set->strings.begin(), set->strings.end()),
                         set->strings.end());
    }
    std::sort(set->numbers.begin(), set->numbers.end());
    set->numbers.erase(std::unique(set->numbers.begin(), set->numbers.end()),
                       set->numbers.end());
  }

  // Resolves "@name" to a set of `kind`; the list's declared type must be
  // `type` (or `alt_type`).
  int ListSet(const std::string& name, const Pos& pos, SetKind kind, const std::string& type,
              const std::string& alt_type = "") {
    auto it = lists_.find(name);
    if (it == lists_.end()) {
      std::vector<std::string> known;
      for (const auto& [n, l] : lists_) known.push_back(n);
      Error(pos, "unknown-list",
            absl::StrCat("no list \"", name, "\" in this policy", DidYouMean(name, known)));
      return -1;
    }
    const ListAst& list = *it->second;
    used_lists_.insert(name);
    if (list.type.value != type && (alt_type.empty() || list.type.value != alt_type)) {
      Error(pos, "list-type",
            absl::StrCat("list \"", name, "\" holds ", list.type.value, " entries; this test needs ",
                         type, alt_type.empty() ? "" : absl::StrCat(" or ", alt_type),
                         " entries"));
      return -1;
    }
    auto key = std::make_pair(name, static_cast<int>(kind));
    auto cached = list_sets_.find(key);
    if (cached != list_sets_.end()) return cached->second;
    CheckedSet set;
    set.kind = kind;
    set.label = absl::StrCat("@", name);
    for (const Named& item : list.items) {
      switch (kind) {
        case SetKind::kCountry: set.codes.push_back(CountryIndex(item.value)); break;
        case SetKind::kRegion: set.codes.push_back(RegionIndex(item.value)); break;
        case SetKind::kName: set.parties.push_back(PartyEntry{item.value, item.value, {}, {}, {}}); break;
        default: set.strings.push_back(item.value); break;
      }
    }
    for (const PartyEntryAst& p : list.parties) {
      PartyEntry e;
      e.id = p.id.empty() ? p.name.value : p.id;
      e.name = p.name.value;
      for (const Named& a : p.aliases) e.aliases.push_back(a.value);
      e.type = p.type;
      e.programs = p.programs;
      set.parties.push_back(std::move(e));
    }
    // Invalid entries were reported when the list was checked.
    set.codes.erase(std::remove(set.codes.begin(), set.codes.end(), -1), set.codes.end());
    Canonicalize(&set);
    int index = AddSet(std::move(set));
    list_sets_[key] = index;
    return index;
  }

  int AddSet(CheckedSet set) {
    out_.sets.push_back(std::move(set));
    return static_cast<int>(out_.sets.size()) - 1;
  }

  Checker& owner_;
  CheckedRuleSet& out_;
  const PolicyAst& policy_;
  Diagnostics& diag_;
  int policy_index_ = 0;
  absl::TimeZone zone_;
  std::set<std::string> actions_;
  std::set<std::string> attributes_;
  std::map<std::string, const SourceAst*> sources_;
  std::map<std::string, const ListAst*> lists_;
  std::set<std::string> used_lists_;
  std::map<std::pair<std::string, int>, int> list_sets_;
};

Checker::Checker(const CheckOptions& options) : options_(options) {
  out_.schema = std::make_shared<Schema>();
}

Checker::~Checker() = default;

void Checker::Declare(const PolicyAst& policy, Diagnostics& diag) {
  for (const Named& a : policy.actions) {
    absl::Status s = out_.schema->AddAction(a.value);
    if (!s.ok()) diag.Error(a.pos.offset, a.pos.pointer, "too-many-actions", std::string(s.message()));
  }
  for (const AttributeAst& attr : policy.attributes) {
    FieldType type;
    if (!ParseAttributeType(attr.type.value, &type)) {
      diag.Error(attr.type.pos.offset, attr.type.pos.pointer, "unknown-type",
                 absl::StrCat("unknown attribute type \"", attr.type.value, "\"",
                              DidYouMean(attr.type.value, AttributeTypeNames()), " (types: ",
                              absl::StrJoin(AttributeTypeNames(), ", "), ")"));
      continue;
    }
    absl::Status s = out_.schema->AddAttribute(attr.name, type);
    if (!s.ok()) {
      diag.Error(attr.pos.offset, attr.pos.pointer, "attribute-conflict", std::string(s.message()));
    }
  }
}

void Checker::Check(const PolicyAst& policy, Diagnostics& diag) {
  PolicyChecker(*this, policy, diag).Run();
}

CheckedRuleSet Checker::Finish() { return std::move(out_); }

}  // namespace interdict::internal
