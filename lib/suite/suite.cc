#include "lib/suite/suite.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "interdict/json.h"
#include "lib/common/diagnostics.h"
#include "lib/common/source.h"
#include "lib/parse/json_reader.h"
#include "lib/parse/json_shape.h"
#include "nlohmann/json.hpp"

namespace interdict::internal {
namespace {

using Json = nlohmann::ordered_json;
using Kind = JsonNode::Kind;

// A function, not a global: the library may be used during static initialisation.
const std::vector<std::string>& kSuiteKeys() {
  static const auto* v = new std::vector<std::string>{"tests", "policies", "defaults", "cases", "note"};
  return *v;
}
// A function, not a global: the library may be used during static initialisation.
const std::vector<std::string>& kCaseKeys() {
  static const auto* v = new std::vector<std::string>{"name",      "transaction",    "expect", "rules",
                                            "not_rules", "unknown_fields", "note"};
  return *v;
}

Json ToJson(const JsonNode& n) {
  switch (n.kind) {
    case Kind::kNull: return nullptr;
    case Kind::kBool: return n.boolean;
    case Kind::kNumber: return n.is_integer ? Json(n.integer) : Json(n.number);
    case Kind::kString: return n.string;
    case Kind::kArray: {
      Json a = Json::array();
      for (const JsonNode& item : n.items) a.push_back(ToJson(item));
      return a;
    }
    case Kind::kObject: {
      Json o = Json::object();
      for (const JsonMember& m : n.members) o[m.key] = ToJson(m.value);
      return o;
    }
  }
  return nullptr;
}

// Deep merge: objects merge key by key; a null in `over` removes the key.
void Merge(Json& base, const Json& over) {
  for (auto it = over.begin(); it != over.end(); ++it) {
    if (it.value().is_null()) {
      base.erase(it.key());
    } else if (it.value().is_object() && base.contains(it.key()) && base[it.key()].is_object()) {
      Merge(base[it.key()], it.value());
    } else {
      base[it.key()] = it.value();
    }
  }
}

class SuiteParser {
 public:
  SuiteParser(Diagnostics& diag, SuiteLoad* out) : diag_(diag), out_(out) {}

  void Parse(const JsonNode& root, const std::string& path) {
    Suite& suite = out_->suite;
    suite.file = path;
    if (root.kind != Kind::kObject) return Error(root, "", "expected a test-file object");
    JsonShape(diag_).CheckKeys(root, "", kSuiteKeys(), "a test file");
    if (const JsonNode* t = root.Find("tests"); t != nullptr && t->kind == Kind::kString) {
      suite.tests = t->string;
    }
    std::filesystem::path dir = std::filesystem::path(path).parent_path();
    if (const JsonNode* p = root.Find("policies")) {
      if (p->kind != Kind::kArray || p->items.empty()) {
        Error(*p, "/policies", "expected a non-empty array of policy paths");
      } else {
        for (size_t i = 0; i < p->items.size(); ++i) {
          const JsonNode& item = p->items[i];
          if (item.kind != Kind::kString || item.string.empty()) {
            Error(item, PointerAppend("/policies", i), "expected a path");
            continue;
          }
          suite.policies.push_back((dir / item.string).lexically_normal().string());
        }
      }
    } else {
      std::string stem = std::filesystem::path(path).filename().string();
      stem = stem.substr(0, stem.size() - std::string(".test.json").size());
      suite.policies.push_back((dir / (stem + ".json")).string());
    }
    Json defaults = Json::object();
    if (const JsonNode* d = root.Find("defaults")) {
      if (d->kind != Kind::kObject) {
        Error(*d, "/defaults", "expected a partial transaction object");
      } else {
        defaults = ToJson(*d);
      }
    }
    const JsonNode* cases = root.Find("cases");
    if (cases == nullptr) return Error(root, "", "missing required key \"cases\"");
    if (cases->kind != Kind::kArray) return Error(*cases, "/cases", "expected an array of cases");
    for (size_t i = 0; i < cases->items.size(); ++i) {
      ParseCase(cases->items[i], PointerAppend("/cases", i), defaults);
    }
  }

 private:
  void Error(const JsonNode& n, const std::string& ptr, std::string message) {
    diag_.Error(n.offset, ptr, "test-file", std::move(message));
  }

  std::vector<std::string> Strings(const JsonNode& obj, const std::string& ptr,
                                   const std::string& key) {
    std::vector<std::string> out;
    const JsonNode* v = obj.Find(key);
    if (v == nullptr) return out;
    if (v->kind != Kind::kArray) {
      Error(*v, PointerAppend(ptr, key), "expected an array of strings");
      return out;
    }
    for (const JsonNode& item : v->items) {
      if (item.kind != Kind::kString) {
        Error(item, PointerAppend(ptr, key), "expected a string");
        continue;
      }
      out.push_back(item.string);
    }
    return out;
  }

  void ParseCase(const JsonNode& n, const std::string& ptr, const Json& defaults) {
    if (n.kind != Kind::kObject) return Error(n, ptr, "expected a case object");
    JsonShape(diag_).CheckKeys(n, ptr, kCaseKeys(), "a case");
    SuiteCase c;
    c.line = diag_.source().Locate(n.offset).line;
    const JsonNode* name = n.Find("name");
    if (name == nullptr || name->kind != Kind::kString || name->string.empty()) {
      return Error(n, ptr, "a case needs a \"name\"");
    }
    c.name = name->string;
    for (const SuiteCase& other : out_->suite.cases) {
      if (other.name == c.name) return Error(*name, ptr, "two cases have this name");
    }
    const JsonNode* expect = n.Find("expect");
    if (expect == nullptr || expect->kind != Kind::kString) {
      return Error(n, ptr, "a case needs \"expect\": \"allow\", \"deny\" or \"review\"");
    }
    if (expect->string == "allow") {
      c.expect = Verdict::kAllow;
    } else if (expect->string == "deny") {
      c.expect = Verdict::kDeny;
    } else if (expect->string == "review") {
      c.expect = Verdict::kReview;
    } else {
      return Error(*expect, PointerAppend(ptr, "expect"),
                   "expected \"allow\", \"deny\" or \"review\"");
    }
    Json txn = defaults;
    if (const JsonNode* t = n.Find("transaction")) {
      if (t->kind != Kind::kObject) {
        return Error(*t, PointerAppend(ptr, "transaction"), "expected a transaction object");
      }
      Merge(txn, ToJson(*t));
    }
    c.transaction = txn.dump();
    c.rules = Strings(n, ptr, "rules");
    c.not_rules = Strings(n, ptr, "not_rules");
    c.unknown_fields = Strings(n, ptr, "unknown_fields");
    out_->suite.cases.push_back(std::move(c));
  }

  Diagnostics& diag_;
  SuiteLoad* out_;
};

}  // namespace

bool SuiteLoad::ok() const {
  for (const Issue& i : issues) {
    if (i.severity == Severity::kError) return false;
  }
  return true;
}

bool IsSuiteFile(const std::string& path) { return absl::EndsWith(path, ".test.json"); }

std::vector<std::string> FindSuiteFiles(const std::vector<std::string>& paths) {
  namespace fs = std::filesystem;
  std::vector<std::string> out;
  for (const std::string& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      for (fs::recursive_directory_iterator it(p, ec), end; !ec && it != end; it.increment(ec)) {
        if (it->is_regular_file(ec) && IsSuiteFile(it->path().string())) {
          out.push_back(it->path().string());
        }
      }
    } else {
      out.push_back(p);
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

absl::StatusOr<SuiteLoad> LoadSuite(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return absl::NotFoundError(absl::StrCat("cannot read ", path, ": not a regular file"));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", path));
  std::ostringstream text;
  text << in.rdbuf();
  Source source(path, text.str());
  SuiteLoad load;
  Diagnostics diag(source, &load.issues);
  std::optional<JsonNode> root = ReadJson(diag);
  if (!root.has_value()) return load;
  SuiteParser(diag, &load).Parse(*root, path);
  return load;
}

std::string ResolveRuleId(const RuleSet& rules, const std::string& id) {
  if (id.find('/') != std::string::npos) return id;
  std::string found;
  for (const RuleInfo& r : rules.rules()) {
    if (absl::EndsWith(r.id, absl::StrCat("/", id))) {
      if (!found.empty()) return id;  // ambiguous: leave as written
      found = r.id;
    }
  }
  return found.empty() ? id : found;
}

CaseOutcome RunCase(const RuleSet& rules, const SuiteCase& c, bool keep_trace) {
  CaseOutcome out;
  Transaction txn = rules.NewTransaction();
  absl::Status parsed = ParseTransactionJson(c.transaction, &txn);
  if (!parsed.ok()) {
    out.failure = absl::StrCat("the transaction cannot be read: ", parsed.message());
    return out;
  }
  EvalState state;
  absl::StatusOr<Decision> d = rules.Decide(txn, state);
  if (!d.ok()) {
    out.failure = std::string(d.status().message());
    return out;
  }
  out.actual = d->verdict();
  std::vector<std::string> failures;
  std::vector<std::string> unknown;
  for (const Match& m : d->matches()) {
    out.actual_rules.push_back(m.rule->id);
    for (const UnknownField& f : d->unknown_fields(m)) unknown.push_back(f.path);
  }
  auto matched = [&](const std::string& id) {
    return std::find(out.actual_rules.begin(), out.actual_rules.end(), ResolveRuleId(rules, id)) !=
           out.actual_rules.end();
  };
  if (out.actual != c.expect) {
    failures.push_back(absl::StrCat("expected ", VerdictName(c.expect), ", got ",
                                    VerdictName(out.actual)));
  }
  for (const std::string& r : c.rules) {
    if (!matched(r)) failures.push_back(absl::StrCat("expected rule ", r, " to match"));
  }
  for (const std::string& r : c.not_rules) {
    if (matched(r)) failures.push_back(absl::StrCat("expected rule ", r, " not to match"));
  }
  for (const std::string& f : c.unknown_fields) {
    if (std::find(unknown.begin(), unknown.end(), f) == unknown.end()) {
      failures.push_back(absl::StrCat("expected ", f, " to be named as missing or invalid"));
    }
  }
  out.passed = failures.empty();
  if (!out.passed || keep_trace) {
    absl::StatusOr<Explanation> e = rules.Explain(txn);
    if (e.ok()) out.trace = std::move(*e);
  }
  if (!out.passed) {
    absl::StrAppend(&out.failure, absl::StrJoin(failures, "\n"), "\nmatched: [",
                    absl::StrJoin(out.actual_rules, ", "), "]");
    // The rules involved: those the case names, and those that matched.
    std::vector<std::string> involved = out.actual_rules;
    for (const std::string& r : c.rules) involved.push_back(ResolveRuleId(rules, r));
    for (const std::string& r : c.not_rules) involved.push_back(ResolveRuleId(rules, r));
    if (out.trace.has_value()) out.explanation = TraceText(*out.trace, involved);
  }
  return out;
}

std::string TraceText(const Explanation& e, const std::vector<std::string>& ids) {
  Explanation filtered;
  filtered.verdict = e.verdict;
  for (const RuleTrace& r : e.rules) {
    if (ids.empty() || std::find(ids.begin(), ids.end(), r.rule->id) != ids.end()) {
      filtered.rules.push_back(r);
    }
  }
  return filtered.ToText();
}

// ---- coverage ----

void Coverage::AddRules(const RuleSet& rules) {
  for (const RuleInfo& r : rules.rules()) {
    auto [it, inserted] = rules_.try_emplace(r.id);
    if (!inserted) continue;
    order_.push_back(r.id);
    it->second.id = r.id;
    it->second.where = absl::StrCat(r.position.file, ":", r.position.line);
  }
}

void Coverage::Add(const Explanation& e) {
  for (const RuleTrace& r : e.rules) {
    auto [it, inserted] = rules_.try_emplace(r.rule->id);
    RuleCoverage& rc = it->second;
    if (inserted) {
      order_.push_back(r.rule->id);
      rc.id = r.rule->id;
      rc.where = absl::StrCat(r.rule->position.file, ":", r.rule->position.line);
    }
    ++rc.reached;
    ++rc.results[static_cast<int>(r.result)];
    for (const ConditionTrace& c : r.conditions) {
      // The same node, whichever case reached it.
      std::string key = absl::StrCat(c.part, "|", c.depth, "|", c.pointer, "|", c.text);
      auto [cit, fresh] = rc.conditions.try_emplace(key);
      if (fresh) {
        rc.order.push_back(key);
        cit->second.label = absl::StrCat(std::string(2 * c.depth, ' '), c.part, ": ", c.text);
      }
      cit->second.seen[static_cast<int>(c.result)] = true;
    }
  }
}

int Coverage::rules_reached() const {
  int n = 0;
  for (const auto& [id, rc] : rules_) n += rc.reached > 0;
  return n;
}

std::string Coverage::Report() const {
  std::string out;
  int outcomes = 0, outcomes_seen = 0;
  std::vector<std::string> unreached;
  for (const std::string& id : order_) {
    const RuleCoverage& rc = rules_.at(id);
    if (rc.reached == 0) {
      unreached.push_back(absl::StrCat(id, " (", rc.where, ")"));
      continue;
    }
    absl::StrAppend(&out, "rule ", id, " (", rc.where, "): ", rc.reached, " cases; true ",
                    rc.results[1], ", false ", rc.results[0], ", unknown ", rc.results[2], "\n");
    for (const std::string& key : rc.order) {
      const Condition& c = rc.conditions.at(key);
      std::string marks = absl::StrCat(c.seen[1] ? "T" : "-", c.seen[0] ? "F" : "-",
                                       c.seen[2] ? "U" : "-");
      outcomes += 3;
      outcomes_seen += c.seen[0] + c.seen[1] + c.seen[2];
      absl::StrAppend(&out, "  ", marks, "  ", c.label, "\n");
    }
  }
  absl::StrAppend(&out, "rules no case reaches: ",
                  unreached.empty() ? "none" : absl::StrJoin(unreached, ", "), "\n");
  const int total = rules_total();
  absl::StrAppend(&out, "rule coverage: ", rules_reached(), "/", total, " (",
                  total == 0 ? 100 : 100 * rules_reached() / total, "%); condition outcomes seen: ",
                  outcomes_seen, "/", outcomes, " (T, F and U of every condition)\n");
  return out;
}

}  // namespace interdict::internal
