// interdict test: run policy test files, optionally with coverage.
#include <iostream>

#include "absl/strings/str_cat.h"
#include "lib/suite/suite.h"
#include "tools/cli.h"

namespace interdict::cli {
namespace {

constexpr char kUsage[] = R"(usage: interdict test [--coverage] [--verbose] [FILE|DIR...]

Runs policy test files (*.test.json, docs/testing.md); directories are
searched recursively; the default is rules/. Prints each failing case with
what was expected and what happened, and the trace of the rules involved,
then a summary line "N passed, M failed".
Exit status: 0 if every case passed, 1 if any failed or a file could not be
loaded, 2 on a usage error.

  --coverage   after the cases, report per rule and per condition whether
               the cases made it true, false and unknown, and the rules no
               case reaches
  --verbose    also list the cases that pass
)";

}  // namespace

int TestMain(int argc, char** argv) {
  Args args(argc, argv, 2);
  if (Help(args, kUsage)) return kExitOk;
  const bool coverage = args.Flag("--coverage");
  const bool verbose = args.Flag("--verbose");
  std::vector<std::string> paths = args.Positionals();
  std::string error = args.Finish();
  if (!error.empty()) return UsageError("test", error, kUsage);
  if (paths.empty()) paths.push_back("rules");
  std::vector<std::string> files = internal::FindSuiteFiles(paths);
  if (files.empty()) {
    std::cerr << "interdict test: no test files (*.test.json) under the given paths\n";
    return kExitFailed;
  }
  int passed = 0, failed = 0, broken = 0;
  internal::Coverage cov;
  for (const std::string& file : files) {
    absl::StatusOr<internal::SuiteLoad> load = internal::LoadSuite(file);
    if (!load.ok()) {
      std::cout << "ERROR " << file << ": " << load.status().message() << "\n";
      ++broken;
      continue;
    }
    if (!load->ok()) {
      std::cout << "ERROR " << file << "\n" << FormatIssues(load->issues);
      ++broken;
      continue;
    }
    absl::StatusOr<CompileResult> compiled = RuleSet::CompileFiles(load->suite.policies);
    if (!compiled.ok() || !compiled->ok()) {
      std::cout << "ERROR " << file << ": its policies do not compile\n"
                << (compiled.ok() ? FormatIssues(compiled->issues)
                                  : std::string(compiled.status().message()) + "\n");
      ++broken;
      continue;
    }
    const RuleSet& rules = *compiled->rule_set;
    if (coverage) cov.AddRules(rules);
    int file_failed = 0;
    for (const internal::SuiteCase& c : load->suite.cases) {
      internal::CaseOutcome out = internal::RunCase(rules, c, /*keep_trace=*/coverage);
      if (coverage && out.trace.has_value()) cov.Add(*out.trace);
      if (out.passed) {
        ++passed;
        if (verbose) std::cout << "pass " << file << ":" << c.line << ": " << c.name << "\n";
        continue;
      }
      ++failed;
      ++file_failed;
      std::cout << "FAIL " << file << ":" << c.line << ": " << c.name << "\n"
                << out.failure << "\n" << out.explanation << "\n";
    }
    std::cout << (file_failed == 0 ? "ok   " : "FAIL ") << file << ": "
              << load->suite.cases.size() - file_failed << "/" << load->suite.cases.size()
              << " cases\n";
  }
  if (coverage) std::cout << "\ncoverage\n" << cov.Report();
  std::cout << passed << " passed, " << failed << " failed";
  if (broken > 0) std::cout << ", " << broken << " files could not be run";
  std::cout << "\n";
  return failed == 0 && broken == 0 ? kExitOk : kExitFailed;
}

}  // namespace interdict::cli
