#include "interdict/json.h"

#include <cmath>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "lib/api/access.h"
#include "lib/common/status_macros.h"
#include "lib/common/suggest.h"
#include "nlohmann/json.hpp"

namespace interdict {

using internal::FieldInfo;
using internal::FieldType;
using internal::TxnData;
using Json = nlohmann::json;
using OrderedJson = nlohmann::ordered_json;

namespace {

// A function, not a global: the library may be used during static initialisation.
const std::vector<std::string>& kTopKeys() {
  static const auto* v = new std::vector<std::string>{"id",     "action",   "time",     "product",
                                           "buyer",  "seller",   "reseller", "end_user",
                                           "attributes"};
  return *v;
}
// A function, not a global: the library may be used during static initialisation.
const std::vector<std::string>& kProductKeys() {
  static const auto* v = new std::vector<std::string>{"vendor", "name", "category", "version",
                                               "embedded_vendors"};
  return *v;
}
// A function, not a global: the library may be used during static initialisation.
const std::vector<std::string>& kPartyKeys() {
  static const auto* v = new std::vector<std::string>{"name",        "type",            "country", "region",
                                             "nationality", "incorporated_in", "customer_since"};
  return *v;
}

const char* KindName(const Json& j) {
  switch (j.type()) {
    case Json::value_t::null: return "null";
    case Json::value_t::object: return "an object";
    case Json::value_t::array: return "an array";
    case Json::value_t::string: return "a string";
    case Json::value_t::boolean: return "a boolean";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float: return "a number";
    default: return "a value";
  }
}

absl::Status WrongType(absl::string_view path, absl::string_view expected, const Json& j) {
  return absl::InvalidArgumentError(
      absl::StrCat(path, ": expected ", expected, ", found ", KindName(j)));
}

absl::Status UnknownKey(absl::string_view where, const std::string& key,
                        const std::vector<std::string>& allowed) {
  return absl::InvalidArgumentError(absl::StrCat("unknown key \"", key, "\"", where,
                                                 internal::DidYouMean(key, allowed)));
}

class TxnReader {
 public:
  explicit TxnReader(Transaction* txn) : data_(TransactionAccess::Data(*txn)) {}

  absl::Status Read(const Json& doc) {
    if (!doc.is_object()) return WrongType("transaction", "an object", doc);
    for (const auto& [key, value] : doc.items()) {
      if (key == "product") {
        INTERDICT_RETURN_IF_ERROR(Group(value, "product", kProductKeys()));
      } else if (key == "buyer" || key == "seller" || key == "reseller" || key == "end_user") {
        INTERDICT_RETURN_IF_ERROR(Group(value, key, kPartyKeys()));
      } else if (key == "attributes") {
        INTERDICT_RETURN_IF_ERROR(Attributes(value));
      } else if (key == "id" && value.is_number_integer()) {
        Set(key, value.dump());
      } else if (std::find(kTopKeys().begin(), kTopKeys().end(), key) != kTopKeys().end()) {
        INTERDICT_RETURN_IF_ERROR(Scalar(key, value));
      } else {
        return UnknownKey(" in the transaction", key, kTopKeys());
      }
    }
    return absl::OkStatus();
  }

 private:
  void Set(const std::string& path, absl::string_view text) {
    const FieldInfo* f = data_.schema->Find(path);
    internal::SetValueFromText(*data_.schema, *f, text, &data_.values[f->slot]);
  }

  absl::Status Scalar(const std::string& path, const Json& value) {
    if (value.is_null()) return absl::OkStatus();
    if (!value.is_string()) return WrongType(path, "a string", value);
    Set(path, value.get_ref<const std::string&>());
    return absl::OkStatus();
  }

  absl::Status Group(const Json& obj, const std::string& group,
                     const std::vector<std::string>& keys) {
    if (obj.is_null()) return absl::OkStatus();
    if (!obj.is_object()) return WrongType(group, "an object", obj);
    for (const auto& [key, value] : obj.items()) {
      if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
        return UnknownKey(absl::StrCat(" in ", group), key, keys);
      }
      std::string path = absl::StrCat(group, ".", key);
      if (key == "embedded_vendors") {
        INTERDICT_RETURN_IF_ERROR(List(path, value));
      } else {
        INTERDICT_RETURN_IF_ERROR(Scalar(path, value));
      }
    }
    return absl::OkStatus();
  }

  absl::Status List(const std::string& path, const Json& value) {
    if (value.is_null()) return absl::OkStatus();
    if (!value.is_array()) return WrongType(path, "an array of strings", value);
    const FieldInfo* f = data_.schema->Find(path);
    internal::Value& v = data_.values[f->slot];
    internal::ClearValue(&v);
    v.state = internal::ValueState::kValid;
    for (const Json& item : value) {
      if (!item.is_string()) return WrongType(path, "an array of strings", item);
      internal::AppendListItem(*data_.schema, *f, item.get_ref<const std::string&>(), &v);
    }
    return absl::OkStatus();
  }

  absl::Status Attributes(const Json& obj) {
    if (obj.is_null()) return absl::OkStatus();
    if (!obj.is_object()) return WrongType("attributes", "an object", obj);
    for (const auto& [key, value] : obj.items()) {
      std::string path = absl::StrCat("attributes.", key);
      const FieldInfo* f = data_.schema->Find(path);
      if (f == nullptr || value.is_null()) continue;  // not declared by any policy
      internal::Value& v = data_.values[f->slot];
      switch (f->type) {
        case FieldType::kNumber:
          if (!value.is_number()) return WrongType(path, "a number", value);
          internal::SetValueNumber(*f, value.get<double>(), &v);
          break;
        case FieldType::kBool:
          if (!value.is_boolean()) return WrongType(path, "true or false", value);
          internal::SetValueBool(*f, value.get<bool>(), &v);
          break;
        default:
          if (!value.is_string()) {
            return WrongType(path, absl::StrCat("a ", internal::FieldTypeName(f->type), " string"),
                             value);
          }
          internal::SetValueFromText(*data_.schema, *f, value.get_ref<const std::string&>(), &v);
      }
    }
    return absl::OkStatus();
  }

  TxnData& data_;
};

std::string Dump(const OrderedJson& j) {
  return j.dump(-1, ' ', false, OrderedJson::error_handler_t::replace);
}

std::string UnknownSummary(const std::vector<UnknownField>& fields,
                           const std::vector<Screening>& screenings) {
  std::vector<std::string> parts;
  for (const UnknownField& f : fields) {
    if (f.near_match) {
      std::string part = absl::StrCat(f.path, " is a near match on a screening list");
      for (const Screening& s : screenings) {
        if (s.field != f.path || s.matches.empty() || s.matches[0].exact) continue;
        const ScreeningMatch& best = s.matches[0];
        part = absl::StrFormat("%s \"%s\" is a near match (%.3f) for %s%s, entry %s on %s", f.path, s.query,
                               best.score, best.name,
                               best.matched_alias.empty() ? "" : absl::StrCat(" (alias \"", best.matched_alias, "\")"),
                               best.entry, s.list);
        break;
      }
      parts.push_back(std::move(part));
    } else if (!f.invalid) {
      parts.push_back(absl::StrCat(f.path, " is missing"));
    } else {
      parts.push_back(absl::StrCat(f.path, " is invalid (\"", f.value, "\")"));
    }
  }
  if (parts.empty()) parts.push_back("a field it needs is missing or invalid");
  return absl::StrJoin(parts, ", ");
}

OrderedJson ScreeningJson(const std::vector<Screening>& screenings) {
  OrderedJson out = OrderedJson::array();
  for (const Screening& s : screenings) {
    OrderedJson j;
    j["field"] = s.field;
    j["list"] = s.list;
    j["query"] = s.query;
    j["normalized"] = s.normalized;
    OrderedJson matches = OrderedJson::array();
    for (const ScreeningMatch& m : s.matches) {
      OrderedJson mj;
      mj["entry"] = m.entry;
      mj["name"] = m.name;
      mj["matched_alias"] = m.matched_alias.empty() ? OrderedJson(nullptr) : OrderedJson(m.matched_alias);
      mj["score"] = std::round(m.score * 1000) / 1000;
      mj["kind"] = m.exact ? "exact" : "fuzzy";
      if (!m.type.empty()) mj["type"] = m.type;
      if (!m.programs.empty()) mj["programs"] = m.programs;
      matches.push_back(std::move(mj));
    }
    j["matches"] = std::move(matches);
    out.push_back(std::move(j));
  }
  return out;
}

OrderedJson MatchJson(const RuleInfo& rule, Verdict effect, bool undecided,
                      const std::vector<UnknownField>& unknown,
                      const std::vector<Screening>& screenings = {}) {
  OrderedJson m;
  m["rule"] = rule.id;
  m["effect"] = VerdictName(effect);
  if (undecided) {
    m["reason"] = absl::StrCat("cannot decide: ", UnknownSummary(unknown, screenings), "; this rule would ",
                               VerdictName(rule.effect), " when it applies: ", rule.reason);
  } else {
    m["reason"] = rule.reason;
  }
  m["source"] = rule.citation;
  if (!rule.url.empty()) m["source_url"] = rule.url;
  m["policy_version"] = rule.policy_version;
  if (undecided) {
    OrderedJson fields = OrderedJson::array();
    for (const UnknownField& f : unknown) {
      OrderedJson uf;
      uf["field"] = f.path;
      uf["state"] = f.near_match ? "near_match" : f.invalid ? "invalid" : "missing";
      if (f.invalid) uf["value"] = f.value;
      fields.push_back(std::move(uf));
    }
    m["unknown_fields"] = std::move(fields);
  }
  if (!screenings.empty()) m["screening"] = ScreeningJson(screenings);
  return m;
}

OrderedJson Header(const Transaction& txn, Verdict verdict) {
  OrderedJson out;
  const std::string& id = txn.id();
  out["id"] = id.empty() ? OrderedJson(nullptr) : OrderedJson(id);
  out["decision"] = VerdictName(verdict);
  return out;
}

}  // namespace

std::string RuleSetAccess::DecidedMatchJson(const RuleInfo& rule) {
  return Dump(MatchJson(rule, rule.effect, false, std::vector<UnknownField>{}));
}

absl::Status ParseTransactionJson(absl::string_view json, Transaction* txn) {
  txn->Clear();
  Json doc;
  try {
    doc = Json::parse(json.begin(), json.end());
  } catch (const Json::parse_error& e) {
    std::string what = e.what();
    size_t colon = what.find(": ");
    return absl::InvalidArgumentError(absl::StrCat(
        "column ", e.byte, ": ", colon == std::string::npos ? what : what.substr(colon + 2)));
  } catch (const Json::exception& e) {
    // Also out_of_range: a number too large for a double ("1e4444").
    std::string what = e.what();
    size_t bracket = what.find("] ");
    return absl::InvalidArgumentError(bracket == std::string::npos ? what : what.substr(bracket + 2));
  }
  absl::Status s = TxnReader(txn).Read(doc);
  if (!s.ok()) txn->Clear();
  return s;
}

std::string DecisionToJson(const Decision& decision, const RuleSet& rules) {
  const std::string& id = decision.transaction().id();
  std::string out = "{\"id\":";
  out += id.empty() ? "null" : Dump(OrderedJson(id));
  absl::StrAppend(&out, ",\"decision\":\"", VerdictName(decision.verdict()), "\",\"matches\":[");
  bool first = true;
  for (const Match& m : decision.matches()) {
    if (!first) out.push_back(',');
    first = false;
    const size_t r = static_cast<size_t>(m.rule - rules.rules().data());
    const bool screens = !RuleSetAccess::Program(rules).rule_screens[r].empty();
    if (m.undecided || screens) {
      out += Dump(MatchJson(*m.rule, m.effect, m.undecided,
                            m.undecided ? decision.unknown_fields(m) : std::vector<UnknownField>{},
                            screens ? decision.screenings(m) : std::vector<Screening>{}));
    } else {
      out += RuleSetAccess::DecidedMatch(rules, r);
    }
  }
  absl::StrAppend(&out, "],\"policy_hash\":\"", rules.hash(), "\"}");
  return out;
}

std::string ExplanationToJson(const Explanation& e, const Transaction& txn, const RuleSet& rules) {
  OrderedJson out = Header(txn, e.verdict);
  OrderedJson matches = OrderedJson::array();
  for (const OwnedMatch& m : e.matches) {
    matches.push_back(MatchJson(*m.rule, m.effect, m.undecided, m.unknown_fields, m.screenings));
  }
  out["matches"] = std::move(matches);
  out["policy_hash"] = rules.hash();
  OrderedJson trace = OrderedJson::array();
  for (const RuleTrace& r : e.rules) {
    OrderedJson rt;
    rt["rule"] = r.rule->id;
    rt["result"] = TruthName(r.result);
    OrderedJson conds = OrderedJson::array();
    for (const ConditionTrace& c : r.conditions) {
      OrderedJson cj;
      cj["part"] = c.part;
      cj["depth"] = c.depth;
      cj["test"] = c.text;
      cj["result"] = TruthName(c.result);
      if (!c.value.empty()) cj["value"] = c.value;
      cj["at"] = absl::StrCat(r.rule->position.file, ":", c.line, ":", c.column);
      cj["pointer"] = c.pointer;
      conds.push_back(std::move(cj));
    }
    rt["conditions"] = std::move(conds);
    trace.push_back(std::move(rt));
  }
  out["trace"] = std::move(trace);
  return Dump(out);
}

}  // namespace interdict
