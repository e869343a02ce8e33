// interdict lists import: published screening lists to interdict party list
// files (docs/screening.md).
#include <algorithm>
#include <fstream>
#include <iostream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "lib/parse/party_list.h"
#include "tools/cli.h"

namespace interdict::cli {
namespace {

constexpr char kUsage[] = R"(usage: interdict lists import --format FORMAT PATH -o FILE.json [--id ID] [--title TEXT] [--threshold X]

Turns a screening list as published into a party list file that policies
reference ("lists": {"sdn": {"type": "party", "file": "FILE.json"}}) and
`interdict screen --list` reads. PATH is the list's file, or a directory
holding its files as published.

Formats:
  ofac-sdn   OFAC SDN legacy CSV: a directory with sdn.csv and, if present,
             alt.csv (aliases, with aka/fka/nka) and add.csv (countries); or
             one CSV with the header uid,name,type,programs,alternate_names
  ofac-cons  OFAC consolidated non-SDN CSV: cons_prim.csv, cons_alt.csv, cons_add.csv
  bis-dpl    BIS Denied Persons List (dpl.txt, tab-separated, with a header)
  names-tsv  list_id, source_row, name, aliases ("; "), countries ("; ")

Each entry keeps its id, name, type, programs, aliases and countries (ISO
3166-1). What could not be used (a country name without an ISO code, a row
without a name) is listed on stderr; nothing is dropped silently.

  --id ID          the list's id (default: the format)
  --title TEXT     a title for people
  --threshold X    the near-match threshold for this list, in (0, 1] (default 0.9)

Exit status: 0 on success, 1 if the list cannot be read, 2 on a usage error.
)";

int Import(Args& args) {
  std::vector<std::string> format = args.Values("--format");
  std::vector<std::string> out = args.Values("-o");
  std::vector<std::string> out_long = args.Values("--output");
  out.insert(out.end(), out_long.begin(), out_long.end());
  std::vector<std::string> id = args.Values("--id");
  std::vector<std::string> title = args.Values("--title");
  std::vector<std::string> threshold = args.Values("--threshold");
  std::vector<std::string> paths = args.Positionals();
  std::string error = args.Finish();
  double t = 0;
  if (error.empty() && format.size() != 1) error = "give one --format";
  if (error.empty()) {
    const auto& known = internal::PartyListFormats();
    if (std::find(known.begin(), known.end(), format[0]) == known.end()) {
      error = absl::StrCat("unknown format \"", format[0], "\"; expected one of ", absl::StrJoin(known, ", "));
    }
  }
  if (error.empty() && out.size() != 1) error = "give one output file with -o";
  if (error.empty() && paths.size() != 1) error = "give one PATH";
  if (error.empty() && !threshold.empty() && !ParseThreshold(threshold.back(), &t)) {
    error = "--threshold needs a number in (0, 1]";
  }
  if (!error.empty()) return UsageError("lists import", error, kUsage);
  std::vector<std::string> notes;
  absl::StatusOr<internal::PartyListData> list = internal::ImportPartyList(format[0], paths[0], &notes);
  for (const std::string& note : notes) std::cerr << "note: " << note << "\n";
  if (!list.ok()) {
    std::cerr << "interdict lists import: " << list.status().message() << "\n";
    return kExitFailed;
  }
  list->id = id.empty() ? format[0] : id.back();
  if (!title.empty()) list->title = title.back();
  if (!threshold.empty()) list->threshold = t;
  const std::string text = internal::WritePartyList(*list);
  std::ofstream file(out[0], std::ios::binary);
  file << text;
  file.close();
  if (!file) {
    std::cerr << "interdict lists import: cannot write " << out[0] << "\n";
    return kExitFailed;
  }
  size_t aliases = 0;
  for (const internal::PartyRecord& e : list->entries) aliases += e.aliases.size();
  std::cerr << list->id << ": " << list->entries.size() << " entries, " << aliases << " aliases -> " << out[0]
            << " (" << text.size() << " bytes)\n";
  return kExitOk;
}

}  // namespace

int ListsMain(int argc, char** argv) {
  const std::string sub = argc > 2 ? argv[2] : "";
  if (sub == "--help" || sub == "-h") {
    std::cout << kUsage;
    return kExitOk;
  }
  if (sub != "import") return UsageError("lists", "expected the subcommand \"import\"", kUsage);
  Args args(argc, argv, 3);
  if (Help(args, kUsage)) return kExitOk;
  return Import(args);
}

}  // namespace interdict::cli
