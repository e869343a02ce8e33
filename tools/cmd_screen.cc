// interdict screen: check names against a party list by hand.
#include <unistd.h>

#include <cmath>
#include <iostream>
#include <string>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "lib/matching/normalizer.h"
#include "lib/matching/screener.h"
#include "lib/parse/party_list.h"
#include "nlohmann/json.hpp"
#include "tools/cli.h"

namespace interdict::cli {
namespace {

using Json = nlohmann::ordered_json;

constexpr char kUsage[] = R"(usage: interdict screen --list FILE [--format FORMAT] [--threshold X] [--max N] [--json] [NAME...]

Screens names against a party list (a file written by `interdict lists
import`, or with --format the list's published files) and prints, for each
name, its normalised form and every match: exact (the same name after
normalisation: a policy denies) or near (a token-level Jaro-Winkler score at
or above the threshold: a policy reviews), with the entry, the name or alias
that matched, the score and how the tokens paired (docs/screening.md).
Without NAME arguments, names are read one per line from stdin.

  --list FILE      the party list (required)
  --format FORMAT  FILE is the published list in this format (ofac-sdn,
                   ofac-cons, bis-dpl, names-tsv), imported on the fly
  --threshold X    near-match threshold in (0, 1] (default: the list's, else 0.9)
  --max N          at most N matches per name (default 10)
  --json           one object per name: {"query", "normalized", "matches":
                   [{"entry", "name", "matched_alias", "score", "kind"}]}

Exit status: 0 if no name matched, 1 if some name matched, 2 on error.
)";

struct Loaded {
  internal::PartyListData list;
  std::unique_ptr<internal::Screener> screener;
};

std::string NameOf(const internal::PartyRecord& e, uint32_t name) {
  return name == 0 ? e.name : e.aliases[name - 1].name;
}

}  // namespace

int ScreenMain(int argc, char** argv) {
  Args args(argc, argv, 2);
  if (Help(args, kUsage)) return kExitOk;
  const bool json = args.Flag("--json");
  std::vector<std::string> list_path = args.Values("--list");
  std::vector<std::string> format = args.Values("--format");
  std::vector<std::string> threshold_arg = args.Values("--threshold");
  std::vector<std::string> max_arg = args.Values("--max");
  std::vector<std::string> names = args.Positionals();
  std::string error = args.Finish();
  double threshold = 0;
  size_t max_hits = 10;
  if (error.empty() && list_path.size() != 1) error = "give one --list FILE";
  if (error.empty() && !threshold_arg.empty() && !ParseThreshold(threshold_arg.back(), &threshold)) {
    error = "--threshold needs a number in (0, 1]";
  }
  if (error.empty() && !max_arg.empty() && (!absl::SimpleAtoi(max_arg.back(), &max_hits) || max_hits == 0)) {
    error = "--max needs a positive number";
  }
  if (!error.empty()) return UsageError("screen", error, kUsage);
  std::vector<Issue> issues;
  std::vector<std::string> notes;
  absl::StatusOr<internal::PartyListData> list =
      internal::LoadPartyListFile(list_path[0], format.empty() ? "" : format.back(), &issues, &notes);
  std::cerr << FormatIssues(issues);
  if (!list.ok()) {
    std::cerr << "interdict screen: " << list.status().message() << "\n";
    return kExitUsage;
  }
  if (threshold_arg.empty()) threshold = list->threshold.value_or(internal::kDefaultScreenThreshold);
  std::unique_ptr<internal::Screener> screener_ptr = internal::BuildScreener(*list);
  const internal::Screener& screener = *screener_ptr;
  std::vector<internal::ScreenHit> hits;
  bool any = false;
  auto screen = [&](const std::string& raw) {
    const std::string query(absl::StripAsciiWhitespace(raw));
    if (query.empty()) return;
    const std::string key = internal::NormalizeName(query).key;
    screener.Screen(key, threshold, max_hits, &hits);
    any |= !hits.empty();
    if (json) {
      Json out;
      out["query"] = query;
      out["normalized"] = key;
      Json matches = Json::array();
      for (const internal::ScreenHit& h : hits) {
        const internal::PartyRecord& e = list->entries[h.entry];
        Json m;
        m["entry"] = e.id;
        m["name"] = e.name;
        m["matched_alias"] = h.name == 0 ? Json(nullptr) : Json(NameOf(e, h.name));
        m["score"] = std::round(h.score * 1000) / 1000;
        m["kind"] = h.exact ? "exact" : "fuzzy";
        if (!e.type.empty()) m["type"] = e.type;
        if (!e.programs.empty()) m["programs"] = e.programs;
        matches.push_back(m);
      }
      out["matches"] = matches;
      std::cout << out.dump(-1, ' ', false, Json::error_handler_t::replace) << "\n";
      return;
    }
    std::cout << "\"" << query << "\" (normalised: " << (key.empty() ? "nothing" : key) << ")\n";
    if (key.empty()) std::cout << "  nothing to screen: the name is only legal-form words or punctuation\n";
    if (!key.empty() && hits.empty()) std::cout << "  no match at or above " << threshold << "\n";
    for (const internal::ScreenHit& h : hits) {
      const internal::PartyRecord& e = list->entries[h.entry];
      std::vector<std::string> facts;
      if (!e.type.empty()) facts.push_back(e.type);
      if (!e.programs.empty()) facts.push_back(absl::StrJoin(e.programs, " "));
      if (!e.countries.empty()) facts.push_back(absl::StrJoin(e.countries, " "));
      std::cout << absl::StrFormat("  %-5s %.3f  %s  %s", h.exact ? "exact" : "near", h.score, e.id, e.name);
      if (h.name != 0) std::cout << "  (alias \"" << NameOf(e, h.name) << "\")";
      if (!facts.empty()) std::cout << "  [" << absl::StrJoin(facts, "; ") << "]";
      std::cout << "\n";
      if (h.exact) continue;
      internal::Screener::Explanation why =
          internal::Screener::Explain(key, NameOf(e, h.name), e.type == "individual");
      std::vector<std::string> parts;
      for (const auto& p : why.pairs) {
        parts.push_back(p.query == p.listed ? p.query
                                            : absl::StrFormat("%s~%s %.2f", p.query, p.listed, p.similarity));
      }
      std::string line = absl::StrCat("        tokens: ", absl::StrJoin(parts, ", "));
      if (!why.unpaired_query.empty()) absl::StrAppend(&line, "; query only: ", absl::StrJoin(why.unpaired_query, " "));
      if (!why.unpaired_listed.empty()) absl::StrAppend(&line, "; listed only: ", absl::StrJoin(why.unpaired_listed, " "));
      std::cout << line << "\n";
    }
  };
  if (names.empty()) {
    if (isatty(STDIN_FILENO)) std::cerr << "interdict screen: reading names from stdin, one per line\n";
    for (std::string line; std::getline(std::cin, line);) screen(line);
  } else {
    for (const std::string& n : names) screen(n);
  }
  return any ? kExitFailed : kExitOk;
}

}  // namespace interdict::cli
