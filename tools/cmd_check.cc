// interdict check: validate policy files.
#include <iostream>

#include "absl/strings/str_cat.h"
#include "lib/analysis/analyzer.h"
#include "tools/cli.h"

namespace interdict::cli {
namespace {

constexpr char kUsage[] = R"(usage: interdict check [--quiet] [--lint] FILE|DIR...

Validates policy files. A directory is searched for *.json policy files
(files without a top-level "policy" key, such as test files and list data,
are skipped). Every error and warning is printed to stderr as
  file:line:col: error: /json/pointer: message [code]
Exit status: 0 if every policy is valid, 1 if not, 2 on a usage error.

  --quiet   print errors only (no warnings, no summary)
  --lint    also analyse the rules (docs/analysis.md): rules that can never
            fire, or never for one of their actions, or only be undecided;
            exemptions that exempt nothing; rules wholly shadowed by an
            earlier rule with the same effect. Findings are warnings, and
            make the exit status 1.
)";

}  // namespace

int CheckMain(int argc, char** argv) {
  Args args(argc, argv, 2);
  if (Help(args, kUsage)) return kExitOk;
  bool quiet = args.Flag("--quiet");
  bool lint = args.Flag("--lint");
  std::vector<std::string> paths = args.Positionals();
  std::string error = args.Finish();
  if (error.empty() && paths.empty()) error = "no files given";
  if (!error.empty()) return UsageError("check", error, kUsage);
  std::optional<CheckedRules> loaded = LoadCheckedRules(paths, !quiet);
  if (!loaded) return kExitFailed;
  const RuleSet& rules = *loaded->rules;
  int findings = 0;
  if (lint) {
    absl::StatusOr<std::vector<Issue>> issues = internal::Lint(loaded->checked);
    if (!issues.ok()) {
      std::cerr << "interdict check: --lint: " << issues.status().message() << "\n";
      return kExitFailed;
    }
    for (const Issue& issue : *issues) std::cerr << FormatIssue(issue);
    findings = static_cast<int>(issues->size());
  }
  if (!quiet) {
    std::cout << (findings == 0 ? "ok: " : absl::StrCat(findings, " lint findings: ")) << rules.policies().size()
              << " policies, " << rules.rules().size() << " rules, " << rules.hash() << "\n";
  }
  return findings == 0 ? kExitOk : kExitFailed;
}

}  // namespace interdict::cli
