#include "lib/parse/party_list.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "lib/common/iso3166.h"
#include "lib/common/source.h"
#include "lib/parse/json_shape.h"
#include "lib/matching/normalizer.h"
#include "nlohmann/json.hpp"

namespace interdict::internal {
namespace {

using Kind = JsonNode::Kind;

// ---- reading list files ----

class ListReader {
 public:
  explicit ListReader(Diagnostics& diag) : diag_(diag), shape_(diag) {}

  std::optional<PartyListData> Read(const JsonNode& root) {
    PartyListData list;
    if (!shape_.Expect(root, Kind::kObject, "", "a party list object with \"list\" and \"entries\"")) {
      return std::nullopt;
    }
    static const std::vector<std::string> kKeys = {"list", "title", "source", "format", "threshold", "entries", "note"};
    shape_.CheckKeys(root, "", kKeys, "a party list");
    String(root, "", "list", &list.id, true);
    String(root, "", "title", &list.title, false);
    String(root, "", "source", &list.source, false);
    String(root, "", "format", &list.format, false);
    if (const JsonNode* t = root.Find("threshold")) {
      if (shape_.Expect(*t, Kind::kNumber, "/threshold", "a number in (0, 1]")) {
        if (!(t->number > 0 && t->number <= 1)) {
          diag_.Error(t->offset, "/threshold", "invalid-value", "expected a threshold in (0, 1]");
        } else {
          list.threshold = t->number;
        }
      }
    }
    const JsonNode* entries = root.Find("entries");
    if (entries == nullptr) {
      diag_.Error(root.offset, "", "missing-key", "missing required key \"entries\"");
    } else if (shape_.Expect(*entries, Kind::kArray, "/entries", "an array of entries")) {
      absl::flat_hash_set<std::string> ids;
      for (size_t i = 0; i < entries->items.size(); ++i) {
        const std::string ptr = PointerAppend("/entries", i);
        std::optional<PartyRecord> e = Entry(entries->items[i], ptr);
        if (!e.has_value()) continue;
        if (!ids.insert(e->id).second) {
          diag_.Error(entries->items[i].offset, ptr, "duplicate-id",
                      absl::StrCat("duplicate entry id \"", e->id, "\""));
          continue;
        }
        list.entries.push_back(std::move(*e));
      }
    }
    if (diag_.error_count() > 0) return std::nullopt;
    return list;
  }

 private:
  std::optional<PartyRecord> Entry(const JsonNode& n, const std::string& ptr) {
    if (!shape_.Expect(n, Kind::kObject, ptr, "an entry object with \"id\" and \"name\"")) return std::nullopt;
    static const std::vector<std::string> kKeys = {"id", "name", "type", "programs", "aliases", "countries", "note"};
    shape_.CheckKeys(n, ptr, kKeys, "an entry");
    PartyRecord e;
    bool ok = String(n, ptr, "name", &e.name, true);
    ok &= String(n, ptr, "id", &e.id, true);
    if (ok && NormalizeName(e.name).key.empty()) {
      diag_.Error(n.Find("name")->offset, PointerAppend(ptr, "name"), "empty-name",
                  "the name is nothing but legal-form words or punctuation");
      ok = false;
    }
    if (String(n, ptr, "type", &e.type, false)) {
      static const std::set<std::string> kTypes = {"individual", "entity", "vessel", "aircraft"};
      if (!kTypes.count(e.type)) {
        diag_.Error(n.Find("type")->offset, PointerAppend(ptr, "type"), "invalid-value",
                    "expected \"individual\", \"entity\", \"vessel\" or \"aircraft\"");
      }
    }
    Strings(n, ptr, "programs", &e.programs);
    std::vector<std::string> countries;
    Strings(n, ptr, "countries", &countries);
    const JsonNode* cn = n.Find("countries");
    for (size_t i = 0; i < countries.size(); ++i) {
      if (CountryIndex(countries[i]) < 0) {
        diag_.Error(cn->items[i].offset, PointerAppend(PointerAppend(ptr, "countries"), i), "invalid-country",
                    absl::StrCat("\"", countries[i], "\" is not an ISO 3166-1 alpha-2 country code"));
      } else {
        e.countries.push_back(absl::AsciiStrToUpper(countries[i]));
      }
    }
    if (const JsonNode* a = n.Find("aliases")) {
      const std::string aptr = PointerAppend(ptr, "aliases");
      if (shape_.Expect(*a, Kind::kArray, aptr, "an array of names or {\"name\", \"kind\"} objects")) {
        for (size_t i = 0; i < a->items.size(); ++i) {
          const JsonNode& item = a->items[i];
          const std::string iptr = PointerAppend(aptr, i);
          PartyAlias alias;
          if (item.kind == Kind::kString) {
            alias.name = item.string;
          } else if (shape_.Expect(item, Kind::kObject, iptr, "a name or a {\"name\", \"kind\"} object")) {
            static const std::vector<std::string> kAliasKeys = {"name", "kind"};
            shape_.CheckKeys(item, iptr, kAliasKeys, "an alias");
            if (!String(item, iptr, "name", &alias.name, true)) continue;
            String(item, iptr, "kind", &alias.kind, false);
          } else {
            continue;
          }
          if (alias.name.empty()) {
            diag_.Error(item.offset, iptr, "empty", "expected a non-empty name");
            continue;
          }
          if (NormalizeName(alias.name).key.empty()) {
            diag_.Error(item.offset, iptr, "empty-name", "the alias is nothing but legal-form words or punctuation");
            continue;
          }
          e.aliases.push_back(std::move(alias));
        }
      }
    }
    if (!ok) return std::nullopt;
    return e;
  }

  bool String(const JsonNode& obj, const std::string& ptr, const char* key, std::string* out, bool required) {
    const JsonNode* v = shape_.String(obj, ptr, key, required);
    if (v != nullptr) *out = v->string;
    return v != nullptr;
  }

  void Strings(const JsonNode& obj, const std::string& ptr, const char* key, std::vector<std::string>* out) {
    const JsonNode* v = obj.Find(key);
    if (v == nullptr) return;
    const std::string p = PointerAppend(ptr, key);
    if (!shape_.Expect(*v, Kind::kArray, p, "an array of strings")) return;
    for (size_t i = 0; i < v->items.size(); ++i) {
      if (shape_.Expect(v->items[i], Kind::kString, PointerAppend(p, i), "a string")) out->push_back(v->items[i].string);
    }
  }

  Diagnostics& diag_;
  JsonShape shape_;
};

// ---- reading published formats ----

// Reads a whole regular file (not a device or a pipe, which could be
// endless) of at most `max_bytes`.
absl::StatusOr<std::string> Slurp(const std::string& path, uintmax_t max_bytes) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return absl::NotFoundError(absl::StrCat(path, " is not a regular file"));
  }
  const uintmax_t size = std::filesystem::file_size(path, ec);
  if (ec || size > max_bytes) {
    return absl::ResourceExhaustedError(
        absl::StrCat(path, " is ", size, " bytes; the limit is ", max_bytes));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", path));
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Rows of delimited text with optional double quotes ("" inside quotes is a
// quote). Handles CRLF and LF, and drops a DOS end-of-file byte (0x1A).
std::vector<std::vector<std::string>> ParseDelimited(absl::string_view text, char delimiter) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false, field_started = false;
  auto end_field = [&] {
    row.push_back(std::move(field));
    field.clear();
    field_started = false;
  };
  auto end_row = [&] {
    if (!(row.empty() && field.empty() && !field_started)) {
      end_field();
      rows.push_back(std::move(row));
    }
    row.clear();
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field.push_back('"');
          ++i;
        } else {
          quoted = false;
        }
      } else {
        field.push_back(c);
      }
      continue;
    }
    if (c == '"' && !field_started) {
      quoted = true;
      field_started = true;
    } else if (c == delimiter) {
      end_field();
    } else if (c == '\r') {
      continue;
    } else if (c == '\n') {
      end_row();
    } else if (c == '\x1a') {
      continue;
    } else {
      field.push_back(c);
      field_started = true;
    }
  }
  end_row();
  return rows;
}

// OFAC legacy fields: "-0-" is empty.
std::string Ofac(const std::vector<std::string>& row, size_t i) {
  if (i >= row.size()) return "";
  absl::string_view v = absl::StripAsciiWhitespace(row[i]);
  if (v == "-0-") return "";
  return std::string(v);
}

// "[SDGT] [IFSR]" -> SDGT, IFSR; "SDGT; IFSR" -> the same.
std::vector<std::string> Programs(absl::string_view text) {
  std::vector<std::string> out;
  for (absl::string_view p : absl::StrSplit(text, absl::ByAnyChar("[];"), absl::SkipWhitespace())) {
    p = absl::StripAsciiWhitespace(p);
    if (!p.empty()) out.emplace_back(p);
  }
  return out;
}

std::string SdnType(absl::string_view type) {
  std::string t = absl::AsciiStrToLower(absl::StripAsciiWhitespace(type));
  if (t.empty()) return "entity";
  return t;
}

void AddCountry(const std::string& name, PartyRecord* e, std::map<std::string, int>* unmapped) {
  if (name.empty()) return;
  std::string code = name.size() == 2 && CountryIndex(name) >= 0 ? absl::AsciiStrToUpper(name)
                                                                   : CountryCodeForName(name);
  if (code.empty()) {
    ++(*unmapped)[name];
    return;
  }
  if (std::find(e->countries.begin(), e->countries.end(), code) == e->countries.end()) {
    e->countries.push_back(code);
  }
}

void NoteUnmapped(const std::map<std::string, int>& unmapped, std::vector<std::string>* notes) {
  for (const auto& [name, count] : unmapped) {
    notes->push_back(absl::StrCat("country \"", name, "\" (", count, " rows) has no ISO 3166-1 code; left out"));
  }
}

std::string Join(const std::string& dir, const char* file) {
  return (std::filesystem::path(dir) / file).string();
}

bool IsDir(const std::string& path) {
  std::error_code ec;
  return std::filesystem::is_directory(path, ec);
}

// sdn.csv / cons_prim.csv with alt and add files beside it.
// `prim_text` is the primary file's (`prim`'s) text; `alt` and `add` are
// paths, or empty when absent.
absl::StatusOr<PartyListData> ImportOfacLegacy(const std::string& prim, const std::string& prim_text,
                                               const std::string& alt, const std::string& add,
                                               uintmax_t max_bytes, std::vector<std::string>* notes) {
  PartyListData list;
  std::map<std::string, size_t> by_id;
  size_t line = 0;
  for (const auto& row : ParseDelimited(prim_text, ',')) {
    ++line;
    if (row.size() < 4 || Ofac(row, 0).empty() || Ofac(row, 1).empty()) {
      notes->push_back(absl::StrCat(prim, ": row ", line, " has no entry number or name; skipped"));
      continue;
    }
    PartyRecord e;
    e.id = Ofac(row, 0);
    e.name = Ofac(row, 1);
    e.type = SdnType(Ofac(row, 2));
    e.programs = Programs(Ofac(row, 3));
    if (by_id.count(e.id)) {
      notes->push_back(absl::StrCat(prim, ": row ", line, " repeats entry ", e.id, "; skipped"));
      continue;
    }
    by_id[e.id] = list.entries.size();
    list.entries.push_back(std::move(e));
  }
  if (list.entries.empty()) return absl::InvalidArgumentError(absl::StrCat(prim, ": no entries"));
  size_t orphans = 0;
  if (!alt.empty()) {
    absl::StatusOr<std::string> a = Slurp(alt, max_bytes);
    if (!a.ok()) return a.status();
    for (const auto& row : ParseDelimited(*a, ',')) {
      auto it = by_id.find(Ofac(row, 0));
      std::string name = Ofac(row, 3);
      if (it == by_id.end() || name.empty()) {
        ++orphans;
        continue;
      }
      list.entries[it->second].aliases.push_back(
          PartyAlias{std::move(name), absl::AsciiStrToLower(Ofac(row, 2))});
    }
  }
  std::map<std::string, int> unmapped;
  if (!add.empty()) {
    absl::StatusOr<std::string> a = Slurp(add, max_bytes);
    if (!a.ok()) return a.status();
    for (const auto& row : ParseDelimited(*a, ',')) {
      auto it = by_id.find(Ofac(row, 0));
      if (it == by_id.end()) {
        ++orphans;
        continue;
      }
      AddCountry(Ofac(row, 4), &list.entries[it->second], &unmapped);
    }
  }
  if (orphans > 0) notes->push_back(absl::StrCat(orphans, " alias or address rows name no entry; skipped"));
  NoteUnmapped(unmapped, notes);
  return list;
}

// kindrat86/ofac-sdn-json's CSV: uid,name,type,programs,alternate_names.
absl::StatusOr<PartyListData> ImportOfacSdnOneFile(const std::string& path, const std::string& text,
                                                   std::vector<std::string>* notes) {
  PartyListData list;
  auto rows = ParseDelimited(text, ',');
  absl::flat_hash_set<std::string> ids;
  for (size_t r = 1; r < rows.size(); ++r) {
    const auto& row = rows[r];
    if (row.size() < 5 || row[0].empty() || row[1].empty()) {
      notes->push_back(absl::StrCat(path, ": line ", r + 1, " has no uid or name; skipped"));
      continue;
    }
    PartyRecord e;
    e.id = row[0];
    e.name = row[1];
    e.type = SdnType(row[2]);
    e.programs = Programs(row[3]);
    for (absl::string_view a : absl::StrSplit(row[4], "; ", absl::SkipWhitespace())) {
      e.aliases.push_back(PartyAlias{std::string(absl::StripAsciiWhitespace(a)), ""});
    }
    if (!ids.insert(e.id).second) {
      notes->push_back(absl::StrCat(path, ": line ", r + 1, " repeats uid ", e.id, "; skipped"));
      continue;
    }
    list.entries.push_back(std::move(e));
  }
  if (list.entries.empty()) return absl::InvalidArgumentError(absl::StrCat(path, ": no entries"));
  return list;
}

// OFAC legacy CSV: one primary file, or a directory holding it with, when
// present, its alias and address files (sdn.csv, alt.csv, add.csv).
absl::StatusOr<PartyListData> ImportOfacLegacyPath(const std::string& path, const char* prim_name,
                                                   const char* alt_name, const char* add_name,
                                                   uintmax_t max_bytes, std::vector<std::string>* notes) {
  std::string prim = path, alt, add, source = path;
  if (IsDir(path)) {
    prim = Join(path, prim_name);
    if (!std::filesystem::exists(prim)) return absl::NotFoundError(absl::StrCat(path, " holds no ", prim_name));
    std::vector<std::string> used = {prim_name};
    for (auto [name, out] : {std::pair{alt_name, &alt}, std::pair{add_name, &add}}) {
      if (!std::filesystem::exists(Join(path, name))) continue;
      *out = Join(path, name);
      used.push_back(name);
    }
    source = absl::StrCat(path, " (", absl::StrJoin(used, ", "), ")");
  }
  absl::StatusOr<std::string> text = Slurp(prim, max_bytes);
  if (!text.ok()) return text.status();
  // The one-file SDN form with a header (kindrat86/ofac-sdn-json).
  absl::StatusOr<PartyListData> list =
      absl::StartsWith(*text, "uid,name,type,programs,alternate_names")
          ? ImportOfacSdnOneFile(prim, *text, notes)
          : ImportOfacLegacy(prim, *text, alt, add, max_bytes, notes);
  if (list.ok()) list->source = source;
  return list;
}

// Collapses runs of spaces and trims: the DPL has " I. ASH" and "AL-NASER  AIRLINES".
std::string Tidy(absl::string_view s) {
  std::string out;
  for (char c : absl::StripAsciiWhitespace(s)) {
    if (c == ' ' && !out.empty() && out.back() == ' ') continue;
    out.push_back(c);
  }
  return out;
}

absl::StatusOr<PartyListData> ImportBisDpl(const std::string& path, uintmax_t max_bytes,
                                           std::vector<std::string>* notes) {
  std::string file = IsDir(path) ? Join(path, "dpl.txt") : path;
  absl::StatusOr<std::string> text = Slurp(file, max_bytes);
  if (!text.ok()) return text.status();
  auto rows = ParseDelimited(*text, '\t');
  if (rows.empty() || rows[0].empty() || rows[0][0] != "Name") {
    return absl::InvalidArgumentError(absl::StrCat(file, ": expected a header row starting with \"Name\""));
  }
  int country_col = -1;
  for (size_t i = 0; i < rows[0].size(); ++i) {
    if (rows[0][i] == "Country") country_col = static_cast<int>(i);
  }
  PartyListData list;
  list.source = file;
  std::map<std::string, size_t> by_name;
  std::map<std::string, int> unmapped;
  for (size_t r = 1; r < rows.size(); ++r) {
    std::string name = Tidy(rows[r][0]);
    if (name.empty()) {
      notes->push_back(absl::StrCat(file, ": line ", r + 1, " has no name; skipped"));
      continue;
    }
    auto [it, inserted] = by_name.try_emplace(name, list.entries.size());
    if (inserted) {
      PartyRecord e;
      e.id = name;  // the DPL has no ids; a name appears once per address
      e.name = name;
      e.programs = {"DPL"};
      list.entries.push_back(std::move(e));
    }
    if (country_col >= 0 && static_cast<size_t>(country_col) < rows[r].size()) {
      AddCountry(Tidy(rows[r][country_col]), &list.entries[it->second], &unmapped);
    }
  }
  NoteUnmapped(unmapped, notes);
  if (list.entries.empty()) return absl::InvalidArgumentError(absl::StrCat(file, ": no entries"));
  return list;
}

absl::StatusOr<PartyListData> ImportNamesTsv(const std::string& path, uintmax_t max_bytes,
                                             std::vector<std::string>* notes) {
  absl::StatusOr<std::string> text = Slurp(path, max_bytes);
  if (!text.ok()) return text.status();
  auto rows = ParseDelimited(*text, '\t');
  const std::vector<std::string> header = {"list_id", "source_row", "name", "aliases", "countries"};
  if (rows.empty() || rows[0] != header) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": expected the header list_id, source_row, name, aliases, countries"));
  }
  PartyListData list;
  list.source = path;
  std::map<std::string, int> unmapped;
  absl::flat_hash_set<std::string> ids;
  for (size_t r = 1; r < rows.size(); ++r) {
    const auto& row = rows[r];
    if (row.size() < 3 || Tidy(row[2]).empty()) {
      notes->push_back(absl::StrCat(path, ": line ", r + 1, " has no name; skipped"));
      continue;
    }
    PartyRecord e;
    e.id = absl::StrCat(row[0], ":", row[1]);
    e.name = Tidy(row[2]);
    e.programs = {row[0]};
    if (row.size() > 3) {
      for (absl::string_view a : absl::StrSplit(row[3], "; ", absl::SkipWhitespace())) {
        std::string alias = Tidy(a);
        if (!alias.empty()) e.aliases.push_back(PartyAlias{alias, ""});
      }
    }
    if (row.size() > 4) {
      for (absl::string_view c : absl::StrSplit(row[4], "; ", absl::SkipWhitespace())) {
        AddCountry(Tidy(c), &e, &unmapped);
      }
    }
    if (!ids.insert(e.id).second) {
      notes->push_back(absl::StrCat(path, ": line ", r + 1, " repeats ", e.id, "; skipped"));
      continue;
    }
    list.entries.push_back(std::move(e));
  }
  NoteUnmapped(unmapped, notes);
  if (list.entries.empty()) return absl::InvalidArgumentError(absl::StrCat(path, ": no entries"));
  return list;
}

// Names U.S. lists use that iso-codes does not give.
const std::vector<std::pair<const char*, const char*>>& CountryAliases() {
  static const auto* aliases = new std::vector<std::pair<const char*, const char*>>{
      {"Russia", "RU"}, {"Turkey", "TR"}, {"Korea, North", "KP"}, {"North Korea", "KP"},
      {"Korea, South", "KR"}, {"South Korea", "KR"}, {"Burma", "MM"},
      {"Congo, Democratic Republic of the", "CD"}, {"Congo, Republic of the", "CG"},
      {"Palestinian", "PS"}, {"West Bank", "PS"}, {"Region: West Bank", "PS"}, {"Region: Gaza", "PS"},
      {"Gaza", "PS"}, {"Kosovo", "XK"}, {"The Gambia", "GM"}, {"Gambia, The", "GM"},
      {"North Macedonia, The Republic of", "MK"}, {"Cote d Ivoire", "CI"}, {"Macau", "MO"},
      {"Bahamas, The", "BS"}, {"Man, Isle of", "IM"}, {"Brunei", "BN"}, {"Region: Crimea", "UA"},
      {"Region: Northern Mali", "ML"}, {"Vietnam", "VN"}, {"Laos", "LA"}, {"Syria", "SY"},
      {"Iran", "IR"}, {"Venezuela", "VE"}, {"Bolivia", "BO"}, {"Tanzania", "TZ"}, {"Moldova", "MD"},
      {"Taiwan", "TW"}, {"United Kingdom", "GB"}, {"United States", "US"}, {"Czech Republic", "CZ"},
      {"Swaziland", "SZ"}, {"Cape Verde", "CV"}, {"East Timor", "TL"}, {"Micronesia", "FM"},
      {"Holy See", "VA"}, {"Vatican City", "VA"}, {"PRC", "CN"}, {"Netherlands Antilles", ""},
  };
  return *aliases;
}

}  // namespace

std::string CountryCodeForName(absl::string_view name) {
  static const auto* table = [] {
    auto* t = new absl::flat_hash_map<std::string, std::string>();
    for (const CountryName& n : CountryNames()) t->try_emplace(NormalizeName(n.name).key, std::string(n.code));
    for (const auto& [n, code] : CountryAliases()) (*t)[NormalizeName(n).key] = code;
    return t;
  }();
  std::string key = NormalizeName(name).key;
  if (key.empty()) return "";
  auto it = table->find(key);
  return it == table->end() ? "" : it->second;
}

std::optional<PartyListData> ReadPartyList(const JsonNode& root, Diagnostics& diag) {
  return ListReader(diag).Read(root);
}

absl::StatusOr<PartyListData> LoadPartyListFile(const std::string& path, const std::string& format,
                                                std::vector<Issue>* issues, std::vector<std::string>* notes,
                                                uintmax_t max_bytes) {
  if (!format.empty()) return ImportPartyList(format, path, notes, max_bytes);
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, " is a directory: name a list file, or give the format of the files in it"));
  }
  absl::StatusOr<std::string> text = Slurp(path, max_bytes);
  if (!text.ok()) return text.status();
  Source source(path, std::move(*text));
  Diagnostics diag(source, issues);
  std::optional<JsonNode> root = ReadJson(diag);
  std::optional<PartyListData> list;
  if (root.has_value()) list = ReadPartyList(*root, diag);
  if (!list.has_value()) return absl::InvalidArgumentError(absl::StrCat(path, " is not a valid party list"));
  return std::move(*list);
}

std::string WritePartyList(const PartyListData& list) {
  using Json = nlohmann::ordered_json;
  std::string out = "{\n";
  auto member = [&](const char* key, const Json& value) {
    absl::StrAppend(&out, "  ", Json(key).dump(), ": ", value.dump(-1, ' ', false, Json::error_handler_t::replace),
                    ",\n");
  };
  member("list", list.id);
  if (!list.title.empty()) member("title", list.title);
  if (!list.source.empty()) member("source", list.source);
  if (!list.format.empty()) member("format", list.format);
  if (list.threshold.has_value()) member("threshold", *list.threshold);
  out += "  \"entries\": [\n";
  for (size_t i = 0; i < list.entries.size(); ++i) {
    const PartyRecord& e = list.entries[i];
    Json j;
    j["id"] = e.id;
    j["name"] = e.name;
    if (!e.type.empty()) j["type"] = e.type;
    if (!e.programs.empty()) j["programs"] = e.programs;
    if (!e.aliases.empty()) {
      Json aliases = Json::array();
      for (const PartyAlias& a : e.aliases) {
        if (a.kind.empty()) {
          aliases.push_back(a.name);
        } else {
          aliases.push_back(Json{{"name", a.name}, {"kind", a.kind}});
        }
      }
      j["aliases"] = aliases;
    }
    if (!e.countries.empty()) j["countries"] = e.countries;
    absl::StrAppend(&out, "    ", j.dump(-1, ' ', false, Json::error_handler_t::replace),
                    i + 1 < list.entries.size() ? ",\n" : "\n");
  }
  out += "  ]\n}\n";
  return out;
}

std::unique_ptr<Screener> BuildScreener(const PartyListData& list) {
  std::vector<std::vector<std::string>> names;
  std::vector<bool> individual;
  names.reserve(list.entries.size());
  for (const PartyRecord& e : list.entries) {
    std::vector<std::string> n{e.name};
    for (const PartyAlias& a : e.aliases) n.push_back(a.name);
    names.push_back(std::move(n));
    individual.push_back(e.type == "individual");
  }
  return std::make_unique<Screener>(names, individual);
}

const std::vector<std::string>& PartyListFormats() {
  static const auto* formats = new std::vector<std::string>{"ofac-sdn", "ofac-cons", "bis-dpl", "names-tsv"};
  return *formats;
}

absl::StatusOr<PartyListData> ImportPartyList(const std::string& format, const std::string& path,
                                              std::vector<std::string>* notes, uintmax_t max_bytes) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return absl::NotFoundError(absl::StrCat("no such file: ", path));
  absl::StatusOr<PartyListData> list;
  if (format == "ofac-sdn") {
    list = ImportOfacLegacyPath(path, "sdn.csv", "alt.csv", "add.csv", max_bytes, notes);
  } else if (format == "ofac-cons") {
    list = ImportOfacLegacyPath(path, "cons_prim.csv", "cons_alt.csv", "cons_add.csv", max_bytes, notes);
  } else if (format == "bis-dpl") {
    list = ImportBisDpl(path, max_bytes, notes);
  } else if (format == "names-tsv") {
    list = ImportNamesTsv(path, max_bytes, notes);
  } else {
    return absl::InvalidArgumentError(absl::StrCat("unknown format \"", format, "\"; expected one of ",
                                                   absl::StrJoin(PartyListFormats(), ", ")));
  }
  if (!list.ok()) return list;
  list->format = format;
  // Names that normalise to nothing cannot be screened (and a list file
  // must not hold them).
  std::vector<PartyRecord> kept;
  for (PartyRecord& e : list->entries) {
    if (NormalizeName(e.name).key.empty()) {
      notes->push_back(absl::StrCat("entry ", e.id, " (\"", e.name, "\") has no name left after normalisation; skipped"));
      continue;
    }
    std::vector<PartyAlias> aliases;
    for (PartyAlias& a : e.aliases) {
      if (NormalizeName(a.name).key.empty()) {
        notes->push_back(absl::StrCat("entry ", e.id, ": alias \"", a.name, "\" has no name left after normalisation; skipped"));
        continue;
      }
      aliases.push_back(std::move(a));
    }
    e.aliases = std::move(aliases);
    kept.push_back(std::move(e));
  }
  list->entries = std::move(kept);
  return list;
}

}  // namespace interdict::internal
