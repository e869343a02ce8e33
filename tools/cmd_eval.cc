// interdict eval: JSON lines of transactions in, JSON lines of decisions out.
#include <cstdio>
#include <iostream>
#include <string>

#include "interdict/json.h"
#include "nlohmann/json.hpp"
#include "tools/cli.h"

namespace interdict::cli {
namespace {

constexpr char kUsage[] = R"(usage: interdict eval --policy FILE|DIR [--policy ...] [--explain]

Reads one transaction per line (JSON, see docs/transactions.md) from stdin
and writes one decision per line to stdout, in order:
  {"id", "decision": "allow"|"deny"|"review", "matches": [{"rule", "effect",
   "reason", "source", ...}], "policy_hash"}
A line that cannot be read (not JSON, wrong JSON types, unknown keys) gives
  {"line": N, "error": "..."}
in its place and the run goes on. Blank lines are skipped.
Exit status: 0 if every line was decided, 3 if any line could not be read,
1 if the policies are invalid, 2 on a usage error.

  --policy P   a policy file or a directory of them (repeatable)
  --explain    add "trace": every condition of every rule considered
)";

std::string ErrorLine(size_t line, const std::string& message) {
  nlohmann::ordered_json j;
  j["line"] = line;
  j["error"] = message;
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

int EvalMain(int argc, char** argv) {
  Args args(argc, argv, 2);
  if (Help(args, kUsage)) return kExitOk;
  bool explain = args.Flag("--explain");
  std::vector<std::string> policies = args.Values("--policy");
  std::vector<std::string> extra = args.Positionals();
  std::string error = args.Finish();
  if (error.empty() && !extra.empty()) error = "unexpected argument " + extra[0];
  if (error.empty() && policies.empty()) error = "no --policy given";
  if (!error.empty()) return UsageError("eval", error, kUsage);
  std::shared_ptr<const RuleSet> rules = LoadRules(policies, /*print_warnings=*/false);
  if (rules == nullptr) return kExitFailed;

  std::ios::sync_with_stdio(false);
  Transaction txn = rules->NewTransaction();
  EvalState state;
  std::string line, out;
  size_t line_number = 0;
  bool any_failed = false;
  while (std::getline(std::cin, line)) {
    ++line_number;
    if (Blank(line)) continue;
    absl::Status parsed = ParseTransactionJson(line, &txn);
    if (!parsed.ok()) {
      out = ErrorLine(line_number, std::string(parsed.message()));
      any_failed = true;
    } else if (explain) {
      absl::StatusOr<Explanation> e = rules->Explain(txn);
      out = e.ok() ? ExplanationToJson(*e, txn, *rules)
                   : ErrorLine(line_number, std::string(e.status().message()));
    } else {
      absl::StatusOr<Decision> d = rules->Decide(txn, state);
      out = d.ok() ? DecisionToJson(*d, *rules)
                   : ErrorLine(line_number, std::string(d.status().message()));
    }
    out.push_back('\n');
    std::fwrite(out.data(), 1, out.size(), stdout);
  }
  std::fflush(stdout);
  return any_failed ? kExitBadLines : kExitOk;
}

}  // namespace interdict::cli
