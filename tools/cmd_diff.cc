// interdict diff: which transactions two versions of a policy set decide
// differently.
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "interdict/json.h"
#include "lib/analysis/analyzer.h"
#include "nlohmann/json.hpp"
#include "tools/cli.h"

namespace interdict::cli {
namespace {

using Json = nlohmann::ordered_json;

constexpr char kUsage[] = R"(usage: interdict diff OLD NEW [--corpus FILE.jsonl] [--json] [--max-regions N] [--with-missing]

Compares two versions of a policy set (each a policy file or a directory).

Without --corpus, an exact analysis: the policies' own literals split each
field's values into classes; every combination that matters is decided by
both versions, and each region where they differ is printed with a witness
transaction (feedable to `interdict eval`) and the decisions before and
after. Conditions with patterns are analysed with the literals only (noted).

With --corpus, decides every transaction of the file with both versions and
reports those whose verdict or matched rules change, grouped by change, with
counts. A progress line goes to stderr when it is a terminal.

  --json           one JSON object per differing region or transaction:
                   {"witness": <transaction>, "old": <decision>, "new": <decision>}
  --max-regions N  list at most N regions (default 1000)
  --with-missing   also regions where a field is missing or invalid (where rules
                   fail closed to review); these are many, and left out by default

Exit status: 0 if the versions decide alike, 1 if they differ, 2 on error
(including, with --corpus, lines that cannot be read when no line differs).
)";

std::optional<CheckedRules> Load(const std::string& path) {
  std::optional<CheckedRules> loaded = LoadCheckedRules({path}, /*print_warnings=*/false);
  if (!loaded) std::cerr << "interdict diff: " << path << " does not compile\n";
  return loaded;
}

std::string Brief(const Json& decision) {
  std::vector<std::string> rules;
  for (const Json& m : decision["matches"]) {
    rules.push_back(absl::StrCat(m["rule"].get<std::string>(), " ", m["effect"].get<std::string>()));
  }
  return absl::StrCat(decision["decision"].get<std::string>(),
                      rules.empty() ? "" : absl::StrCat(" (", absl::StrJoin(rules, ", "), ")"));
}

int Exact(const CheckedRules& old_v, const CheckedRules& new_v, bool json, size_t max_regions,
          bool with_missing) {
  absl::Time start = absl::Now();
  internal::DiffOptions options;
  options.max_regions = max_regions;
  options.with_missing = with_missing;
  absl::StatusOr<internal::DiffResult> diff =
      internal::DiffExact(old_v.checked, *old_v.rules, new_v.checked, *new_v.rules, options);
  if (!diff.ok()) {
    std::cerr << "interdict diff: " << diff.status().message() << "\n";
    return kExitUsage;
  }
  // Grouped by what changes (the same for every transaction of a region).
  std::map<std::string, std::vector<size_t>> groups;
  std::vector<std::string> order;
  for (size_t i = 0; i < diff->regions.size(); ++i) {
    const internal::DiffRegion& r = diff->regions[i];
    std::string key = absl::StrCat("action ", r.action.empty() ? "(missing)" : r.action, ": ",
                                   absl::StrJoin(r.changes, "; "));
    if (!groups.count(key)) order.push_back(key);
    groups[key].push_back(i);
  }
  size_t number = 0;
  for (const std::string& key : order) {
    if (!json) std::cout << key << " (" << groups[key].size() << " regions)\n";
    for (size_t i : groups[key]) {
      const internal::DiffRegion& r = diff->regions[i];
      Json old_d = Json::parse(r.old_decision), new_d = Json::parse(r.new_decision);
      ++number;
      if (json) {
        Json out;
        out["witness"] = Json::parse(r.witness.dump());
        out["old"] = old_d;
        out["new"] = new_d;
        Json region = Json::object();
        region["action"] = r.action.empty() ? Json(nullptr) : Json(r.action);
        for (const auto& [path, classes] : r.constraints) region[path] = classes;
        out["region"] = region;
        out["changes"] = r.changes;
        std::cout << out.dump(-1, ' ', false, Json::error_handler_t::replace) << "\n";
        continue;
      }
      std::vector<std::string> constraints;
      for (const auto& [path, classes] : r.constraints) constraints.push_back(absl::StrCat(path, " in {", classes, "}"));
      std::cout << "  " << number << ". " << (constraints.empty() ? "any transaction" : absl::StrJoin(constraints, "; "))
                << "\n     witness: " << r.witness.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
                << "\n     before:  " << Brief(old_d) << "\n     after:   " << Brief(new_d) << "\n";
    }
  }
  double seconds = absl::ToDoubleSeconds(absl::Now() - start);
  std::cerr << (diff->regions.empty() ? "equivalent: no transaction is decided differently"
                                      : absl::StrCat(diff->regions.size(), diff->truncated ? "+" : "",
                                                     " regions decided differently"))
            << " (exact analysis, " << absl::StrFormat("%.2f", seconds) << " s)\n";
  if (!with_missing && !diff->regions.empty()) {
    std::cerr << "note: regions where a field is missing or invalid (rules failing closed to review) "
                 "are left out; --with-missing lists them too\n";
  }
  if (!diff->approximate.empty()) {
    std::cerr << "note: " << absl::StrJoin(diff->approximate, ", ")
              << " are tested with patterns or screened for near matches, which are analysed with the policies' literals (and listed names) only\n";
  }
  for (const std::string& p : diff->problems) std::cerr << "interdict diff: internal: " << p << "\n";
  if (!diff->problems.empty()) return kExitUsage;
  return diff->regions.empty() ? kExitOk : kExitFailed;
}

int Corpus(const CheckedRules& old_v, const CheckedRules& new_v, const std::string& path, bool json) {
  std::ifstream file;
  if (path != "-") file.open(path, std::ios::binary);
  std::istream& in = path == "-" ? std::cin : file;
  if (!in) {
    std::cerr << "interdict diff: cannot read " << path << "\n";
    return kExitUsage;
  }
  const bool progress = isatty(STDERR_FILENO);
  Transaction old_txn = old_v.rules->NewTransaction(), new_txn = new_v.rules->NewTransaction();
  EvalState old_state, new_state;
  struct Group {
    size_t count = 0;
    std::vector<std::string> examples;
  };
  std::map<std::string, Group> groups;
  size_t lines = 0, differing = 0, unreadable = 0;
  std::string line;
  while (std::getline(in, line)) {
    ++lines;
    if (Blank(line)) continue;
    absl::Status read = ParseTransactionJson(line, &old_txn);
    if (read.ok()) read = ParseTransactionJson(line, &new_txn);
    absl::StatusOr<Decision> a = read.ok() ? old_v.rules->Decide(old_txn, old_state) : read;
    absl::StatusOr<Decision> b = a.ok() ? new_v.rules->Decide(new_txn, new_state) : a.status();
    if (!b.ok()) {
      // Reported, not dropped: the line is left out of the comparison.
      ++unreadable;
      if (progress) std::cerr << "\r" << std::string(60, ' ') << "\r";
      std::cerr << path << ":" << lines << ": " << b.status().message() << "\n";
      continue;
    }
    std::vector<std::string> before, after;
    for (const Match& m : a->matches()) before.push_back(absl::StrCat(m.rule->id, " ", VerdictName(m.effect)));
    for (const Match& m : b->matches()) after.push_back(absl::StrCat(m.rule->id, " ", VerdictName(m.effect)));
    if (a->verdict() != b->verdict() || before != after) {
      ++differing;
      std::vector<std::string> involved;
      for (const std::string& x : before) {
        if (std::find(after.begin(), after.end(), x) == after.end()) involved.push_back("-" + x);
      }
      for (const std::string& x : after) {
        if (std::find(before.begin(), before.end(), x) == before.end()) involved.push_back("+" + x);
      }
      std::string key = absl::StrCat(VerdictName(a->verdict()), " -> ", VerdictName(b->verdict()),
                                     ": ", absl::StrJoin(involved, ", "));
      Group& g = groups[key];
      ++g.count;
      if (g.examples.size() < 5) {
        g.examples.push_back(absl::StrCat("line ", lines, old_txn.id().empty() ? "" : " id " + old_txn.id()));
      }
      if (json) {
        Json out;
        out["witness"] = Json::parse(line, nullptr, false);
        out["old"] = Json::parse(DecisionToJson(*a, *old_v.rules));
        out["new"] = Json::parse(DecisionToJson(*b, *new_v.rules));
        std::cout << out.dump(-1, ' ', false, Json::error_handler_t::replace) << "\n";
      }
    }
    if (progress && lines % 50000 == 0) {
      std::cerr << "\r" << lines << " transactions, " << differing << " decided differently" << std::flush;
    }
  }
  if (progress) std::cerr << "\r" << std::string(60, ' ') << "\r";
  if (!json) {
    for (const auto& [key, g] : groups) {
      std::cout << g.count << "  " << key << "\n    e.g. " << absl::StrJoin(g.examples, "; ") << "\n";
    }
  }
  std::cerr << lines << " transactions, " << differing << " decided differently";
  if (unreadable > 0) std::cerr << ", " << unreadable << " lines could not be read (listed above)";
  std::cerr << "\n";
  if (differing > 0) return kExitFailed;
  return unreadable > 0 ? kExitUsage : kExitOk;
}

}  // namespace

int DiffMain(int argc, char** argv) {
  Args args(argc, argv, 2);
  if (Help(args, kUsage)) return kExitOk;
  const bool json = args.Flag("--json");
  const bool with_missing = args.Flag("--with-missing");
  std::vector<std::string> corpus = args.Values("--corpus");
  std::vector<std::string> max = args.Values("--max-regions");
  std::vector<std::string> paths = args.Positionals();
  std::string error = args.Finish();
  size_t max_regions = 1000;
  if (error.empty() && !max.empty() && !absl::SimpleAtoi(max.back(), &max_regions)) {
    error = "--max-regions needs a number";
  }
  if (error.empty() && paths.size() != 2) error = "expected two policy paths, OLD and NEW";
  if (error.empty() && corpus.size() > 1) error = "one --corpus at most";
  if (!error.empty()) return UsageError("diff", error, kUsage);
  std::optional<CheckedRules> old_v = Load(paths[0]);
  std::optional<CheckedRules> new_v = old_v ? Load(paths[1]) : std::nullopt;
  if (!old_v || !new_v) return kExitUsage;
  return corpus.empty() ? Exact(*old_v, *new_v, json, max_regions, with_missing)
                        : Corpus(*old_v, *new_v, corpus[0], json);
}

}  // namespace interdict::cli
