// Party list files (docs/screening.md): screening lists such as the OFAC SDN
// list in interdict's own JSON form, written by `interdict lists import`
// and referenced from policies ("lists": {"sdn": {"type": "party", "file":
// "lists/ofac-sdn.json"}}); and the importers from the formats the U.S.
// government publishes.
#ifndef INTERDICT_LIB_PARSE_PARTY_LIST_H_
#define INTERDICT_LIB_PARSE_PARTY_LIST_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "lib/common/diagnostics.h"
#include "lib/matching/screener.h"
#include "lib/parse/json_reader.h"

namespace interdict::internal {

struct PartyAlias {
  std::string name;
  std::string kind;  // "aka", "fka", "nka", or "" when the source does not say
};

struct PartyRecord {
  std::string id;    // the list's own id (OFAC ent_num, ...); unique in the list
  std::string name;  // primary name, as published
  std::string type;  // "individual", "entity", "vessel", "aircraft", or ""
  std::vector<std::string> programs;  // "RUSSIA-EO14024", "SDGT", ...
  std::vector<PartyAlias> aliases;
  std::vector<std::string> countries;  // ISO 3166-1 alpha-2, from addresses or nationality
};

struct PartyListData {
  std::string id;      // "ofac-sdn"
  std::string title;   // "OFAC Specially Designated Nationals and Blocked Persons"
  std::string source;  // where it came from, e.g. "ofac-sdn.csv published 2026-08-20"
  std::string format;  // the importer: "ofac-sdn", "ofac-cons", "bis-dpl", "names-tsv"
  std::optional<double> threshold;  // near-match threshold for this list (default 0.9)
  std::vector<PartyRecord> entries;
};

inline constexpr double kDefaultScreenThreshold = 0.9;

// Files are read whole: only regular files (not devices or pipes), each of
// at most this many bytes unless the caller says otherwise (the loader
// passes CompileOptions::max_source_bytes).
inline constexpr uintmax_t kMaxListFileBytes = uintmax_t{256} << 20;

// Reads a party list file already parsed as JSON. Reports every problem with
// its position (unknown keys, wrong types, duplicate ids, a country that is
// not ISO 3166-1, a threshold outside (0, 1]); nullopt if there was any.
std::optional<PartyListData> ReadPartyList(const JsonNode& root, Diagnostics& diag);

// Reads a list file from disk: a party list JSON file, or, with `format`
// set, the published files (ImportPartyList). Problems in a JSON file are
// appended to `issues` with their positions (the status is then
// InvalidArgument); unreadable files and import failures are the status.
absl::StatusOr<PartyListData> LoadPartyListFile(const std::string& path, const std::string& format,
                                                std::vector<Issue>* issues, std::vector<std::string>* notes,
                                                uintmax_t max_bytes = kMaxListFileBytes);

// The JSON text of a list file: one entry per line, so that list updates
// diff line by line.
std::string WritePartyList(const PartyListData& list);

// Importers. `path` is a file, or a directory holding the list's files as
// published (sdn.csv, alt.csv, add.csv; cons_prim.csv, cons_alt.csv,
// cons_add.csv; dpl.txt). `notes` receives what was skipped or could not be
// mapped (e.g. a country name with no ISO code), one line each.
//   ofac-sdn   OFAC legacy CSV (sdn.csv with alt.csv and add.csv), or the
//              one-file CSV with header uid,name,type,programs,alternate_names
//   ofac-cons  OFAC consolidated non-SDN legacy CSV (cons_prim/alt/add.csv)
//   bis-dpl    BIS Denied Persons List, tab-separated with a header
//   names-tsv  list_id, source_row, name, aliases ("; "), countries ("; ")
absl::StatusOr<PartyListData> ImportPartyList(const std::string& format, const std::string& path,
                                              std::vector<std::string>* notes,
                                              uintmax_t max_bytes = kMaxListFileBytes);

// A screener over the list's entries: each entry's name and aliases, people
// marked by their type.
std::unique_ptr<Screener> BuildScreener(const PartyListData& list);

// The formats ImportPartyList knows.
const std::vector<std::string>& PartyListFormats();

// The ISO 3166-1 alpha-2 code for a country name as U.S. lists write it
// ("Russia", "Korea, North", "Iran", "Burma"), or "" if unknown.
std::string CountryCodeForName(absl::string_view name);

}  // namespace interdict::internal

#endif  // INTERDICT_LIB_PARSE_PARTY_LIST_H_
