#include "lib/parse/parser.h"

#include "lib/parse/json_shape.h"

#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "lib/common/suggest.h"
#include "lib/parse/json_shape.h"

namespace interdict::internal {
namespace {

using Kind = JsonNode::Kind;

// A function, not a global: the library may be used during static initialisation.
const std::vector<std::string>& kPolicyKeys() {
  static const auto* v = new std::vector<std::string>{
    "policy",     "version", "title", "description", "default_zone", "actions",
    "attributes", "sources", "lists", "conditions",  "rules"};
  return *v;
}
// A function, not a global: the library may be used during static initialisation.
const std::vector<std::string>& kSourceKeys() {
  static const auto* v = new std::vector<std::string>{"citation", "url", "date", "note"};
  return *v;
}
// A function, not a global: the library may be used during static initialisation.
const std::vector<std::string>& kListKeys() {
  static const auto* v = new std::vector<std::string>{"type", "items", "file", "format", "threshold", "note"};
  return *v;
}
// A function, not a global: the library may be used during static initialisation.
const std::vector<std::string>& kPartyKeys() {
  static const auto* v = new std::vector<std::string>{"id", "name", "aliases", "note"};
  return *v;
}
// A function, not a global: the library may be used during static initialisation.
const std::vector<std::string>& kRuleKeys() {
  static const auto* v = new std::vector<std::string>{"id",     "effect", "actions", "effective", "when",
                                            "unless", "reason", "source",  "note"};
  return *v;
}
// A function, not a global: the library may be used during static initialisation.
const std::vector<std::string>& kEffectiveKeys() {
  static const auto* v = new std::vector<std::string>{"from", "until"};
  return *v;
}
// A function, not a global: the library may be used during static initialisation.
const std::vector<std::string>& kSourceRefKeys() {
  static const auto* v = new std::vector<std::string>{"ref", "section"};
  return *v;
}
// A function, not a global: the library may be used during static initialisation.
const std::vector<std::string>& kOperators() {
  static const auto* v = new std::vector<std::string>{"eq", "in", "matches", "lt",
                                             "le", "gt", "ge",      "present", "screen"};
  return *v;
}
// A function, not a global: the library may be used during static initialisation.
const std::vector<std::string>& kCombinators() {
  static const auto* v = new std::vector<std::string>{"all", "any", "not", "ref"};
  return *v;
}

bool IsIdentChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
}

// A lower-case name such as an action or attribute: [a-z][a-z0-9_-]*.
bool IsLowerName(absl::string_view name) {
  if (name.empty() || name.size() > 64 || !(name[0] >= 'a' && name[0] <= 'z')) return false;
  for (char c : name) {
    if (!IsIdentChar(c) || c == '.') return false;
  }
  return true;
}

// A list name: letters, digits, '_' and '-', not starting with a digit.
bool IsListName(absl::string_view name) {
  if (name.empty() || name.size() > 64 || (name[0] >= '0' && name[0] <= '9')) return false;
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

class PolicyParser {
 public:
  PolicyParser(Diagnostics& diag, const ParseOptions& options) : diag_(diag), shape_(diag), options_(options) {}

  std::optional<PolicyAst> Parse(const JsonNode& root) {
    PolicyAst policy;
    policy.file = diag_.source().name();
    if (!Expect(root, Kind::kObject, "", "a policy object")) return std::nullopt;
    CheckKeys(root, "", kPolicyKeys(), "a policy");
    RequireString(root, "", "policy", &policy.id, true);
    if (!policy.id.value.empty() && !IsIdentifier(policy.id.value)) {
      Error(policy.id.pos, "bad-id",
            absl::StrCat("policy id \"", policy.id.value,
                         "\" must be lower-case letters, digits, '.', '_' or '-'"));
    }
    Named text;
    if (RequireString(root, "", "version", &text, true)) policy.version = text.value;
    if (RequireString(root, "", "title", &text, true)) policy.title = text.value;
    if (RequireString(root, "", "description", &text, false)) policy.description = text.value;
    Named zone;
    if (RequireString(root, "", "default_zone", &zone, false)) policy.default_zone = zone;
    ParseActions(root, &policy);
    ParseAttributes(root, &policy);
    ParseSources(root, &policy);
    ParseLists(root, &policy);
    CollectConditions(root);
    ParseRules(root, &policy);
    for (const auto& [name, def] : conditions_) {
      if (!used_conditions_.count(name)) {
        diag_.Warning(def.key_offset, PointerAppend("/conditions", name), "unused-condition",
                      absl::StrCat("condition \"", name, "\" is never used"));
      }
    }
    if (diag_.error_count() > errors_at_start_) return std::nullopt;
    return policy;
  }

 private:
  void Error(const Pos& pos, absl::string_view code, std::string message) {
    diag_.Error(pos.offset, pos.pointer, code, std::move(message));
  }
  void Error(const JsonNode& n, const std::string& ptr, absl::string_view code,
             std::string message) {
    diag_.Error(n.offset, ptr, code, std::move(message));
  }

  static Pos At(const JsonNode& n, std::string ptr) { return Pos{n.offset, std::move(ptr)}; }

  bool Expect(const JsonNode& n, Kind kind, const std::string& ptr, absl::string_view what) {
    return shape_.Expect(n, kind, ptr, what);
  }

  void CheckKeys(const JsonNode& obj, const std::string& ptr,
                 const std::vector<std::string>& allowed, absl::string_view what) {
    shape_.CheckKeys(obj, ptr, allowed, what);
  }

  // Reads obj[key] as a non-empty string. Reports a missing key if required.
  bool RequireString(const JsonNode& obj, const std::string& ptr, const std::string& key,
                     Named* out, bool required) {
    const JsonNode* v = shape_.String(obj, ptr, key, required);
    if (v == nullptr) return false;
    *out = Named{v->string, At(*v, PointerAppend(ptr, key))};
    return true;
  }

  // Reads an array of non-empty strings.
  bool StringArray(const JsonNode& v, const std::string& ptr, std::vector<Named>* out,
                   bool allow_empty_array) {
    if (!Expect(v, Kind::kArray, ptr, "an array of strings")) return false;
    if (v.items.empty() && !allow_empty_array) {
      Error(v, ptr, "empty", "expected at least one entry");
      return false;
    }
    bool ok = true;
    for (size_t i = 0; i < v.items.size(); ++i) {
      std::string iptr = PointerAppend(ptr, i);
      const JsonNode& item = v.items[i];
      if (!Expect(item, Kind::kString, iptr, "a string")) {
        ok = false;
        continue;
      }
      if (item.string.empty()) {
        Error(item, iptr, "empty", "expected a non-empty string");
        ok = false;
        continue;
      }
      out->push_back(Named{item.string, At(item, iptr)});
    }
    return ok;
  }

  void ParseActions(const JsonNode& root, PolicyAst* policy) {
    const JsonNode* v = root.Find("actions");
    if (v == nullptr) return;
    StringArray(*v, "/actions", &policy->actions, /*allow_empty_array=*/true);
    for (const Named& a : policy->actions) {
      if (!IsLowerName(a.value)) {
        Error(a.pos, "bad-name",
              absl::StrCat("action name \"", a.value,
                           "\" must be lower-case letters, digits, '_' or '-'"));
      }
    }
  }

  void ParseAttributes(const JsonNode& root, PolicyAst* policy) {
    const JsonNode* v = root.Find("attributes");
    if (v == nullptr) return;
    if (!Expect(*v, Kind::kObject, "/attributes", "an object of attribute name to type")) return;
    for (const JsonMember& m : v->members) {
      std::string ptr = PointerAppend("/attributes", m.key);
      AttributeAst attr;
      attr.pos = Pos{m.key_offset, ptr};
      attr.name = m.key;
      if (!IsLowerName(m.key)) {
        diag_.Error(m.key_offset, ptr, "bad-name",
                    absl::StrCat("attribute name \"", m.key,
                                 "\" must be lower-case letters, digits, '_' or '-'"));
      }
      if (!Expect(m.value, Kind::kString, ptr, "a type name such as \"string\" or \"number\"")) {
        continue;
      }
      attr.type = Named{m.value.string, At(m.value, ptr)};
      policy->attributes.push_back(std::move(attr));
    }
  }

  void ParseSources(const JsonNode& root, PolicyAst* policy) {
    const JsonNode* v = root.Find("sources");
    if (v == nullptr) {
      Error(root, "", "missing-key",
            "missing required key \"sources\" (every rule must cite its legal source)");
      return;
    }
    if (!Expect(*v, Kind::kObject, "/sources", "an object of source id to source")) return;
    if (v->members.empty()) Error(*v, "/sources", "empty", "expected at least one source");
    for (const JsonMember& m : v->members) {
      std::string ptr = PointerAppend("/sources", m.key);
      SourceAst s;
      s.pos = Pos{m.key_offset, ptr};
      s.id = m.key;
      if (!IsListName(m.key)) {
        diag_.Error(m.key_offset, ptr, "bad-name",
                    absl::StrCat("source id \"", m.key,
                                 "\" must be letters, digits, '_' or '-'"));
      }
      if (!Expect(m.value, Kind::kObject, ptr, "a source object with \"citation\"")) continue;
      CheckKeys(m.value, ptr, kSourceKeys(), "a source");
      Named text;
      if (RequireString(m.value, ptr, "citation", &text, true)) s.citation = text.value;
      if (RequireString(m.value, ptr, "url", &text, false)) s.url = text.value;
      RequireString(m.value, ptr, "date", &s.date, false);
      RequireString(m.value, ptr, "note", &text, false);
      policy->sources.push_back(std::move(s));
    }
  }

  void ParseLists(const JsonNode& root, PolicyAst* policy) {
    const JsonNode* v = root.Find("lists");
    if (v == nullptr) return;
    if (!Expect(*v, Kind::kObject, "/lists", "an object of list name to list")) return;
    for (const JsonMember& m : v->members) {
      std::string ptr = PointerAppend("/lists", m.key);
      ListAst list;
      list.pos = Pos{m.key_offset, ptr};
      list.name = m.key;
      if (!IsListName(m.key)) {
        diag_.Error(m.key_offset, ptr, "bad-name",
                    absl::StrCat("list name \"", m.key, "\" must be letters, digits, '_' or '-'"));
      }
      if (!Expect(m.value, Kind::kObject, ptr, "a list object with \"type\" and \"items\"")) {
        continue;
      }
      CheckKeys(m.value, ptr, kListKeys(), "a list");
      if (!RequireString(m.value, ptr, "type", &list.type, true)) continue;
      const JsonNode* items = m.value.Find("items");
      std::string iptr = PointerAppend(ptr, "items");
      const bool has_file = RequireString(m.value, ptr, "file", &list.file, false);
      RequireString(m.value, ptr, "format", &list.format, false);
      if (const JsonNode* t = m.value.Find("threshold")) {
        std::string tptr = PointerAppend(ptr, "threshold");
        if (Expect(*t, Kind::kNumber, tptr, "a number in (0, 1]")) {
          if (!(t->number > 0 && t->number <= 1)) {
            Error(*t, tptr, "invalid-value", "expected a near-match threshold in (0, 1]");
          } else {
            list.threshold = t->number;
            list.threshold_pos = At(*t, tptr);
          }
        }
      }
      if (list.type.value != "party" && (has_file || list.threshold.has_value() || !list.format.value.empty())) {
        Error(list.type.pos, "unknown-key",
              "\"file\", \"format\" and \"threshold\" are for lists of type \"party\"");
        continue;
      }
      if (!list.format.value.empty() && !has_file) {
        Error(list.format.pos, "missing-key", "\"format\" needs a \"file\"");
        continue;
      }
      if (has_file) {
        if (items != nullptr) {
          Error(*items, iptr, "unknown-key", "a list has \"items\" or \"file\", not both");
          continue;
        }
        policy->lists.push_back(std::move(list));  // the loader reads the file
        continue;
      }
      if (items == nullptr) {
        Error(m.value, ptr, "missing-key", "missing required key \"items\" (or \"file\" for a party list)");
        continue;
      }
      if (list.type.value == "party") {
        ParseParties(*items, iptr, &list);
      } else {
        StringArray(*items, iptr, &list.items, /*allow_empty_array=*/false);
      }
      policy->lists.push_back(std::move(list));
    }
  }

  void ParseParties(const JsonNode& items, const std::string& ptr, ListAst* list) {
    if (!Expect(items, Kind::kArray, ptr, "an array of parties")) return;
    if (items.items.empty()) Error(items, ptr, "empty", "expected at least one party");
    for (size_t i = 0; i < items.items.size(); ++i) {
      const JsonNode& item = items.items[i];
      std::string iptr = PointerAppend(ptr, i);
      PartyEntryAst party;
      party.pos = At(item, iptr);
      if (item.kind == Kind::kString) {
        if (item.string.empty()) {
          Error(item, iptr, "empty", "expected a non-empty name");
          continue;
        }
        party.name = Named{item.string, party.pos};
        list->parties.push_back(std::move(party));
        continue;
      }
      if (!Expect(item, Kind::kObject, iptr, "a name or a party object with \"name\"")) continue;
      CheckKeys(item, iptr, kPartyKeys(), "a party");
      if (!RequireString(item, iptr, "name", &party.name, true)) continue;
      Named id;
      if (RequireString(item, iptr, "id", &id, false)) party.id = id.value;
      Named note;
      RequireString(item, iptr, "note", &note, false);
      if (const JsonNode* aliases = item.Find("aliases")) {
        StringArray(*aliases, PointerAppend(iptr, "aliases"), &party.aliases,
                    /*allow_empty_array=*/true);
      }
      list->parties.push_back(std::move(party));
    }
  }

  void ParseRules(const JsonNode& root, PolicyAst* policy) {
    const JsonNode* v = root.Find("rules");
    if (v == nullptr) {
      Error(root, "", "missing-key", "missing required key \"rules\"");
      return;
    }
    policy->rules_pos = At(*v, "/rules");
    if (!Expect(*v, Kind::kArray, "/rules", "an array of rules")) return;
    for (size_t i = 0; i < v->items.size(); ++i) {
      std::string ptr = PointerAppend("/rules", i);
      std::optional<RuleAst> rule = ParseRule(v->items[i], ptr);
      if (rule.has_value()) policy->rules.push_back(std::move(*rule));
    }
  }

  std::optional<RuleAst> ParseRule(const JsonNode& n, const std::string& ptr) {
    if (!Expect(n, Kind::kObject, ptr, "a rule object")) return std::nullopt;
    RuleAst rule;
    rule.pos = At(n, ptr);
    CheckKeys(n, ptr, kRuleKeys(), "a rule");
    if (RequireString(n, ptr, "id", &rule.id, true) && !IsIdentifier(rule.id.value)) {
      Error(rule.id.pos, "bad-id",
            absl::StrCat("rule id \"", rule.id.value,
                         "\" must be lower-case letters, digits, '.', '_' or '-'"));
    }
    RequireString(n, ptr, "effect", &rule.effect, true);
    if (const JsonNode* actions = n.Find("actions")) {
      StringArray(*actions, PointerAppend(ptr, "actions"), &rule.actions, false);
    } else {
      Error(n, ptr, "missing-key", "missing required key \"actions\"");
    }
    if (const JsonNode* eff = n.Find("effective")) ParseEffective(*eff, ptr, &rule);
    if (const JsonNode* when = n.Find("when")) {
      rule.when = ParseCond(*when, PointerAppend(ptr, "when"), 1);
    }
    if (const JsonNode* unless = n.Find("unless")) {
      rule.unless = ParseCond(*unless, PointerAppend(ptr, "unless"), 1);
    }
    Named text;
    if (RequireString(n, ptr, "reason", &text, true)) rule.reason = text.value;
    RequireString(n, ptr, "note", &text, false);
    ParseSourceRef(n, ptr, &rule);
    return rule;
  }

  void ParseEffective(const JsonNode& eff, const std::string& rule_ptr, RuleAst* rule) {
    std::string ptr = PointerAppend(rule_ptr, "effective");
    rule->effective_pos = At(eff, ptr);
    if (!Expect(eff, Kind::kObject, ptr, "an object with \"from\" and/or \"until\"")) return;
    CheckKeys(eff, ptr, kEffectiveKeys(), "an effective window");
    Named t;
    if (RequireString(eff, ptr, "from", &t, false)) rule->from = t;
    if (RequireString(eff, ptr, "until", &t, false)) rule->until = t;
    if (eff.members.empty()) {
      Error(eff, ptr, "empty", "an effective window needs \"from\", \"until\" or both");
    }
  }

  void ParseSourceRef(const JsonNode& n, const std::string& ptr, RuleAst* rule) {
    const JsonNode* v = n.Find("source");
    std::string sptr = PointerAppend(ptr, "source");
    if (v == nullptr) {
      Error(n, ptr, "missing-key",
            "missing required key \"source\" (the id of one of the policy's sources)");
      return;
    }
    if (v->kind == Kind::kString) {
      rule->source.ref = Named{v->string, At(*v, sptr)};
      return;
    }
    if (!Expect(*v, Kind::kObject, sptr,
                "a source id, or an object with \"ref\" and \"section\"")) {
      return;
    }
    CheckKeys(*v, sptr, kSourceRefKeys(), "a source reference");
    RequireString(*v, sptr, "ref", &rule->source.ref, true);
    Named section;
    if (RequireString(*v, sptr, "section", &section, false)) rule->source.section = section.value;
  }

  std::optional<CondAst> ParseCond(const JsonNode& n, const std::string& ptr, int depth) {
    if (depth > options_.max_condition_depth) {
      Error(n, ptr, "too-deep",
            absl::StrCat("conditions nested deeper than ", options_.max_condition_depth,
                         " levels"));
      return std::nullopt;
    }
    if (!Expect(n, Kind::kObject, ptr,
                "a condition object (\"all\", \"any\", \"not\" or field tests)")) {
      return std::nullopt;
    }
    if (n.members.empty()) {
      Error(n, ptr, "empty",
            "empty condition; leave the key out instead (an empty condition would always hold)");
      return std::nullopt;
    }
    CondAst all;
    all.kind = CondAst::Kind::kAll;
    all.pos = At(n, ptr);
    bool ok = true;
    for (const JsonMember& m : n.members) {
      std::string mptr = PointerAppend(ptr, m.key);
      if (m.key == "all" || m.key == "any") {
        ok &= ParseJunction(m, mptr, depth, &all.children);
      } else if (m.key == "ref") {
        std::optional<CondAst> named = ParseRef(m, mptr, depth);
        if (!named.has_value()) {
          ok = false;
          continue;
        }
        all.children.push_back(std::move(*named));
      } else if (m.key == "not") {
        std::optional<CondAst> inner = ParseCond(m.value, mptr, depth + 1);
        if (!inner.has_value()) {
          ok = false;
          continue;
        }
        CondAst neg;
        neg.kind = CondAst::Kind::kNot;
        neg.pos = Pos{m.key_offset, mptr};
        neg.children.push_back(std::move(*inner));
        all.children.push_back(std::move(neg));
      } else {
        ok &= ParseFieldTests(m, mptr, &all.children);
      }
    }
    if (!ok) return std::nullopt;
    if (all.children.size() == 1) return std::move(all.children[0]);
    return all;
  }

  void CollectConditions(const JsonNode& root) {
    const JsonNode* v = root.Find("conditions");
    if (v == nullptr) return;
    if (!Expect(*v, Kind::kObject, "/conditions", "an object of condition name to condition")) {
      return;
    }
    for (const JsonMember& m : v->members) {
      if (!IsListName(m.key)) {
        diag_.Error(m.key_offset, PointerAppend("/conditions", m.key), "bad-name",
                    absl::StrCat("condition name \"", m.key,
                                 "\" must be letters, digits, '_' or '-'"));
        continue;
      }
      conditions_.emplace(m.key, m);
    }
  }

  // {"ref": "name"}: the named condition from "conditions", expanded in place.
  // Issues inside it point at its definition.
  std::optional<CondAst> ParseRef(const JsonMember& m, const std::string& ptr, int depth) {
    if (!Expect(m.value, Kind::kString, ptr, "the name of a condition in \"conditions\"")) {
      return std::nullopt;
    }
    const std::string& name = m.value.string;
    auto it = conditions_.find(name);
    if (it == conditions_.end()) {
      std::vector<std::string> known;
      for (const auto& [n, def] : conditions_) known.push_back(n);
      Error(m.value, ptr, "unknown-condition",
            absl::StrCat("no condition \"", name, "\" in this policy's \"conditions\"",
                         DidYouMean(name, known)));
      return std::nullopt;
    }
    used_conditions_.insert(name);
    if (std::find(expanding_.begin(), expanding_.end(), name) != expanding_.end()) {
      Error(m.value, ptr, "condition-cycle",
            absl::StrCat("condition \"", name, "\" refers to itself through ",
                         absl::StrJoin(expanding_, " -> ")));
      return std::nullopt;
    }
    // Each expansion is reported once; a broken definition fails every use.
    auto failed = failed_conditions_.find(name);
    if (failed != failed_conditions_.end()) return std::nullopt;
    expanding_.push_back(name);
    int errors_before = diag_.error_count();
    std::optional<CondAst> c =
        ParseCond(it->second.value, PointerAppend("/conditions", name), depth + 1);
    expanding_.pop_back();
    if (!c.has_value() && diag_.error_count() > errors_before) failed_conditions_.insert(name);
    return c;
  }

  bool ParseJunction(const JsonMember& m, const std::string& ptr, int depth,
                     std::vector<CondAst>* out) {
    if (!Expect(m.value, Kind::kArray, ptr, "an array of conditions")) return false;
    if (m.value.items.empty()) {
      Error(m.value, ptr, "empty",
            absl::StrCat("\"", m.key, "\" needs at least one condition"));
      return false;
    }
    CondAst junction;
    junction.kind = m.key == "all" ? CondAst::Kind::kAll : CondAst::Kind::kAny;
    junction.pos = Pos{m.key_offset, ptr};
    bool ok = true;
    for (size_t i = 0; i < m.value.items.size(); ++i) {
      std::optional<CondAst> c = ParseCond(m.value.items[i], PointerAppend(ptr, i), depth + 1);
      if (!c.has_value()) {
        ok = false;
        continue;
      }
      junction.children.push_back(std::move(*c));
    }
    if (ok) out->push_back(std::move(junction));
    return ok;
  }

  // "field": {"op": operand, ...}, or the shorthands "field": scalar (eq) and
  // "field": [..] (in).
  bool ParseFieldTests(const JsonMember& m, const std::string& ptr, std::vector<CondAst>* out) {
    Named field{m.key, Pos{m.key_offset, ptr}};
    auto add = [&](Named op, const JsonNode& operand, std::string operand_ptr) {
      CondAst c;
      c.kind = CondAst::Kind::kTest;
      c.pos = op.pos;
      c.test.field = field;
      c.test.op = std::move(op);
      c.test.operand = operand;
      c.test.operand_pos = Pos{operand.offset, std::move(operand_ptr)};
      out->push_back(std::move(c));
    };
    switch (m.value.kind) {
      case Kind::kString:
      case Kind::kNumber:
      case Kind::kBool:
        add(Named{"eq", field.pos}, m.value, ptr);
        return true;
      case Kind::kArray:
        add(Named{"in", field.pos}, m.value, ptr);
        return true;
      case Kind::kNull:
        Error(m.value, ptr, "type",
              "null is not a value to compare with; to test that a field is absent write "
              "{\"present\": false}");
        return false;
      case Kind::kObject:
        break;
    }
    if (m.value.members.empty()) {
      Error(m.value, ptr, "empty",
            absl::StrCat("no test for field \"", m.key, "\"; expected an operator such as "
                         "{\"eq\": ...}"));
      return false;
    }
    bool ok = true;
    for (const JsonMember& op : m.value.members) {
      std::string optr = PointerAppend(ptr, op.key);
      if (std::find(kOperators().begin(), kOperators().end(), op.key) == kOperators().end()) {
        std::string hint =
            std::find(kCombinators().begin(), kCombinators().end(), op.key) != kCombinators().end()
                ? "; combinators go around field tests, not inside them"
                : DidYouMean(op.key, kOperators());
        diag_.Error(op.key_offset, optr, "unknown-operator",
                    absl::StrCat("unknown operator \"", op.key, "\"", hint,
                                 " (operators: ", absl::StrJoin(kOperators(), ", "), ")"));
        ok = false;
        continue;
      }
      add(Named{op.key, Pos{op.key_offset, optr}}, op.value, optr);
    }
    return ok;
  }

  Diagnostics& diag_;
  JsonShape shape_;
  const ParseOptions& options_;
  int errors_at_start_ = diag_.error_count();
  std::map<std::string, const JsonMember&> conditions_;
  std::set<std::string> used_conditions_;
  std::set<std::string> failed_conditions_;
  std::vector<std::string> expanding_;
};

}  // namespace

bool IsIdentifier(absl::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  if (!((name[0] >= 'a' && name[0] <= 'z') || (name[0] >= '0' && name[0] <= '9'))) return false;
  for (char c : name) {
    if (!IsIdentChar(c)) return false;
  }
  return true;
}

std::optional<PolicyAst> ParsePolicy(const JsonNode& root, Diagnostics& diag,
                                     const ParseOptions& options) {
  return PolicyParser(diag, options).Parse(root);
}

std::optional<PolicyAst> ParsePolicyText(Diagnostics& diag, const ParseOptions& options) {
  std::optional<JsonNode> root = ReadJson(diag);
  if (!root.has_value()) return std::nullopt;
  return ParsePolicy(*root, diag, options);
}

}  // namespace interdict::internal
