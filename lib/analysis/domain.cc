#include "lib/analysis/domain.h"

#include <algorithm>
#include <map>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "lib/common/iso3166.h"
#include "lib/common/time_util.h"
#include "lib/matching/normalizer.h"

namespace interdict::internal {
namespace {

using Json = nlohmann::json;

std::string TextOf(const Json& j) { return j.is_string() ? j.get<std::string>() : j.dump(); }

// What the rules say about one field.
struct Observed {
  FieldType type = FieldType::kString;
  bool is_list = false;
  std::vector<std::set<std::string>> text_sets;  // strings, or name keys
  std::map<std::string, std::string> raw_name;   // name key -> a name as written
  std::vector<std::set<int>> code_sets;
  std::set<double> numbers;
  std::set<int64_t> ints;  // days or nanoseconds
  bool patterns = false;
};

class Collector {
 public:
  absl::Status Add(const CheckedRuleSet& rs) {
    for (const CheckedRule& rule : rs.rules) {
      if (rule.from || rule.until) {
        Observed& time = Field("time", FieldType::kInstant, false);
        if (rule.from) time.ints.insert(*rule.from);
        if (rule.until) time.ints.insert(*rule.until);
      }
      if (rule.when) AddCond(rs, *rule.when);
      if (rule.unless) AddCond(rs, *rule.unless);
    }
    return status_;
  }
  std::map<std::string, Observed>& fields() { return fields_; }

 private:
  Observed& Field(const std::string& path, FieldType type, bool is_list) {
    auto [it, inserted] = fields_.try_emplace(path);
    if (inserted) {
      it->second.type = type;
      it->second.is_list = is_list;
    } else if (it->second.type != type && status_.ok()) {
      status_ = absl::InvalidArgumentError(
          absl::StrCat(path, " has different types in the policies compared"));
    }
    return it->second;
  }

  void AddCond(const CheckedRuleSet& rs, const CheckedCond& c) {
    for (const CheckedCond& child : c.children) AddCond(rs, child);
    if (c.kind != CheckedCond::Kind::kTest) return;
    const CheckedTest& t = c.test;
    const FieldInfo& info = rs.schema->field(t.slot);
    if (info.path == "action") return;  // the analyses fix the action
    Observed& f = Field(info.path, info.type, info.is_list);
    switch (t.op) {
      case TestOp::kPresent:
        return;
      case TestOp::kIn:
      case TestOp::kMatches:
        AddSet(rs.sets[t.set], &f);
        return;
      case TestOp::kScreen:
        // Exact names are classes; near matches cannot be enumerated, so the
        // field is analysed with the listed names only, as with patterns.
        AddSet(rs.sets[t.set], &f);
        f.patterns = true;
        return;
      default:
        if (info.type == FieldType::kNumber) {
          f.numbers.insert(t.number);
        } else {
          f.ints.insert(t.integer);
        }
    }
  }

  static void AddSet(const CheckedSet& set, Observed* f) {
    switch (set.kind) {
      case SetKind::kCountry:
      case SetKind::kRegion:
        f->code_sets.emplace_back(set.codes.begin(), set.codes.end());
        return;
      case SetKind::kString:
        f->text_sets.emplace_back(set.strings.begin(), set.strings.end());
        return;
      case SetKind::kName: {
        std::set<std::string> keys;
        for (const PartyEntry& p : set.parties) {
          std::vector<std::string> names{p.name};
          names.insert(names.end(), p.aliases.begin(), p.aliases.end());
          for (const std::string& n : names) {
            std::string key = NormalizeName(n).key;
            keys.insert(key);
            f->raw_name.emplace(key, n);
          }
        }
        f->text_sets.push_back(std::move(keys));
        return;
      }
      case SetKind::kNumber:
        f->numbers.insert(set.numbers.begin(), set.numbers.end());
        return;
      case SetKind::kPattern:
        f->patterns = true;
        return;
      case SetKind::kMask:
        return;  // party types and booleans are enumerated whole
    }
  }

  std::map<std::string, Observed> fields_;
  absl::Status status_;
};

ValueClass Make(ValueClass::Kind kind, std::string label, Json value) {
  ValueClass c;
  c.kind = kind;
  c.label = std::move(label);
  c.value = std::move(value);
  return c;
}

ValueClass Missing() { return Make(ValueClass::Kind::kMissing, "missing", nullptr); }

// Groups the universe by membership in each set; one class per group.
template <typename T, typename Sets, typename Rep>
std::vector<ValueClass> ByMembership(const std::set<T>& universe, const Sets& sets, Rep rep) {
  std::map<std::vector<bool>, std::vector<T>> groups;
  for (const T& v : universe) {
    std::vector<bool> signature;
    for (const auto& s : sets) signature.push_back(s.count(v) > 0);
    groups[signature].push_back(v);
  }
  std::vector<std::pair<T, ValueClass>> ordered;
  for (const auto& [signature, members] : groups) {
    std::vector<std::string> shown;
    for (size_t i = 0; i < members.size() && i < 6; ++i) shown.push_back(TextOf(rep(members[i])));
    std::string label = absl::StrJoin(shown, ", ");
    if (members.size() > 6) absl::StrAppend(&label, " and ", members.size() - 6, " more");
    ordered.emplace_back(members[0], Make(ValueClass::Kind::kValue, label, rep(members[0])));
  }
  std::sort(ordered.begin(), ordered.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<ValueClass> out;
  for (auto& [key, c] : ordered) out.push_back(std::move(c));
  return out;
}

std::vector<ValueClass> CodeClasses(const Observed& f, bool region) {
  std::set<int> universe;
  for (const auto& s : f.code_sets) universe.insert(s.begin(), s.end());
  auto text = [&](int code) { return Json(region ? RegionCode(code) : CountryCode(code)); };
  std::vector<ValueClass> out = ByMembership(universe, f.code_sets, text);
  // "other": a valid code no set names.
  const int count = region ? RegionCount() : kCountrySpace;
  for (int code = 0; code < count; ++code) {
    std::string s = region ? RegionCode(code) : CountryCode(code);
    if (universe.count(code) || (region ? RegionIndex(s) : CountryIndex(s)) < 0) continue;
    out.push_back(Make(ValueClass::Kind::kOther, absl::StrCat("any other ", region ? "region" : "country", " (", s, ")"), s));
    break;
  }
  out.push_back(Missing());
  out.push_back(Make(ValueClass::Kind::kInvalid, region ? "invalid (\"ZZ-99\")" : "invalid (\"USA\")",
                     region ? "ZZ-99" : "USA"));
  return out;
}

std::string Unused(const std::string& base, const std::set<std::string>& taken) {
  std::string s = base;
  while (taken.count(s)) s += " x";
  return s;
}

std::vector<ValueClass> TextClasses(const Observed& f) {
  std::set<std::string> universe;
  for (const auto& s : f.text_sets) universe.insert(s.begin(), s.end());
  std::vector<ValueClass> out;
  if (f.type == FieldType::kName) {
    out = ByMembership(universe, f.text_sets, [&](const std::string& key) { return Json(f.raw_name.at(key)); });
    std::string other = Unused("Unlisted Party Zyx", universe);
    out.push_back(Make(ValueClass::Kind::kOther, absl::StrCat("any other name (\"", other, "\")"), other));
    out.push_back(Make(ValueClass::Kind::kInvalid, "invalid (\"LLC\": nothing but a legal form)", "LLC"));
  } else {
    out = ByMembership(universe, f.text_sets, [](const std::string& s) { return Json(s); });
    std::string other = Unused("other-value", universe);
    out.push_back(Make(ValueClass::Kind::kOther, absl::StrCat("any other text (\"", other, "\")"), other));
  }
  return out;
}

// Each literal, the gaps between them, before the first, after the last.
template <typename T, typename Text, typename Between>
std::vector<ValueClass> Intervals(const std::set<T>& points, Text text, Between between, T step) {
  std::vector<ValueClass> out;
  auto add = [&](T rep, std::string low, bool low_closed, std::string high, bool high_closed) {
    ValueClass c = Make(ValueClass::Kind::kValue, "", text(rep));
    c.ordered = true;
    c.low = std::move(low);
    c.high = std::move(high);
    c.low_closed = low_closed;
    c.high_closed = high_closed;
    c.label = c.low == c.high && low_closed
                  ? absl::StrCat("= ", c.low)
                  : absl::StrCat(low_closed ? "[" : "(", c.low.empty() ? "-inf" : c.low, ", ",
                                 c.high.empty() ? "+inf" : c.high, high_closed ? "]" : ")");
    out.push_back(std::move(c));
  };
  if (points.empty()) {
    add(T{}, "", false, "", false);
    return out;
  }
  T first = *points.begin();
  add(first - step, "", false, TextOf(text(first)), false);
  for (auto it = points.begin(); it != points.end(); ++it) {
    std::string p = TextOf(text(*it));
    add(*it, p, true, p, true);
    auto next = std::next(it);
    if (next == points.end()) {
      add(*it + step, p, false, "", false);
    } else {
      T mid;
      if (between(*it, *next, &mid)) add(mid, p, false, TextOf(text(*next)), false);
    }
  }
  return out;
}

std::vector<ValueClass> Classes(const Observed& f) {
  std::vector<ValueClass> out;
  switch (f.type) {
    case FieldType::kCountry: return CodeClasses(f, false);
    case FieldType::kRegion: return CodeClasses(f, true);
    case FieldType::kString:
      out = TextClasses(f);
      out.push_back(Missing());
      return out;
    case FieldType::kName:
      out = TextClasses(f);
      out.push_back(Missing());
      return out;
    case FieldType::kPartyType:
      for (const std::string& t : PartyTypeNames()) out.push_back(Make(ValueClass::Kind::kValue, t, t));
      out.push_back(Missing());
      out.push_back(Make(ValueClass::Kind::kInvalid, "invalid (\"person\")", "person"));
      return out;
    case FieldType::kBool:
      out.push_back(Make(ValueClass::Kind::kValue, "true", true));
      out.push_back(Make(ValueClass::Kind::kValue, "false", false));
      out.push_back(Missing());
      return out;
    case FieldType::kNumber:
      out = Intervals<double>(
          f.numbers, [](double d) { return Json(d); },
          [](double a, double b, double* mid) {
            *mid = a + (b - a) / 2;
            return *mid > a && *mid < b;
          },
          1.0);
      out.push_back(Missing());
      return out;
    case FieldType::kDate:
      out = Intervals<int64_t>(
          f.ints, [](int64_t d) { return Json(FormatDate(d)); },
          [](int64_t a, int64_t b, int64_t* mid) {
            *mid = a + 1;
            return *mid < b;
          },
          1);
      out.push_back(Missing());
      out.push_back(Make(ValueClass::Kind::kInvalid, "invalid (\"not-a-date\")", "not-a-date"));
      return out;
    case FieldType::kInstant:
      // Either side of a boundary: one second before it, where that is
      // still after the previous one.
      out = Intervals<int64_t>(
          f.ints, [](int64_t t) { return Json(FormatInstant(t)); },
          [](int64_t a, int64_t b, int64_t* rep) {
            *rep = b - 1000000000 > a ? b - 1000000000 : a + (b - a) / 2;
            return *rep > a && *rep < b;
          },
          1000000000);
      out.push_back(Missing());
      out.push_back(Make(ValueClass::Kind::kInvalid, "invalid (\"not-a-time\")", "not-a-time"));
      return out;
    case FieldType::kAction:
      return out;  // not a variable
  }
  return out;
}

// Lists: missing, empty, and one element of each element class.
std::vector<ValueClass> ListClasses(const Observed& f) {
  std::vector<ValueClass> out;
  out.push_back(Missing());
  out.push_back(Make(ValueClass::Kind::kValue, "[]", Json::array()));
  for (ValueClass& c : TextClasses(f)) {
    c.label = absl::StrCat("[", c.label, "]");
    c.value = Json::array({c.value});
    out.push_back(std::move(c));  // [invalid] stays invalid: a list with an unreadable element
  }
  return out;
}

// Fixed fields in schema order, then attributes by name.
int Order(const std::string& path) {
  static const Schema* schema = new Schema();
  if (const FieldInfo* f = schema->Find(path)) return f->slot;
  return 1 << 20;
}

}  // namespace

absl::StatusOr<Domain> Domain::Build(const std::vector<const CheckedRuleSet*>& sets) {
  Collector collector;
  for (const CheckedRuleSet* rs : sets) {
    absl::Status s = collector.Add(*rs);
    if (!s.ok()) return s;
  }
  Domain d;
  for (auto& [path, observed] : collector.fields()) {
    FieldDomain field;
    field.path = path;
    field.type = observed.type;
    field.is_list = observed.is_list;
    field.approximate = observed.patterns;
    field.classes = observed.is_list ? ListClasses(observed) : Classes(observed);
    d.fields_.push_back(std::move(field));
  }
  std::stable_sort(d.fields_.begin(), d.fields_.end(), [](const FieldDomain& a, const FieldDomain& b) {
    int oa = Order(a.path), ob = Order(b.path);
    return oa != ob ? oa < ob : a.path < b.path;
  });
  return d;
}

int Domain::Find(const std::string& path) const {
  for (size_t i = 0; i < fields_.size(); ++i) {
    if (fields_[i].path == path) return static_cast<int>(i);
  }
  return -1;
}

std::vector<std::string> Domain::ApproximatePaths() const {
  std::vector<std::string> out;
  for (const FieldDomain& f : fields_) {
    if (f.approximate) out.push_back(f.path);
  }
  return out;
}

void SetPath(nlohmann::json* doc, const std::string& path, const nlohmann::json& value) {
  std::vector<std::string> parts = absl::StrSplit(path, '.');
  nlohmann::json* node = doc;
  for (size_t i = 0; i + 1 < parts.size(); ++i) node = &(*node)[parts[i]];
  (*node)[parts.back()] = value;
}

}  // namespace interdict::internal
