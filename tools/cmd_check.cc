// interdict check: validate policy files.
#include <iostream>

#include "tools/cli.h"

namespace interdict::cli {
namespace {

constexpr char kUsage[] = R"(usage: interdict check [--quiet] FILE|DIR...

Validates policy files. A directory is searched for *.json policy files
(files without a top-level "policy" key, such as test files and list data,
are skipped). Every error and warning is printed to stderr as
  file:line:col: error: /json/pointer: message [code]
Exit status: 0 if every policy is valid, 1 if not, 2 on a usage error.

  --quiet   print errors only (no warnings, no summary)
)";

}  // namespace

int CheckMain(int argc, char** argv) {
  Args args(argc, argv, 2);
  if (args.Flag("--help") || args.Flag("-h")) {
    std::cout << kUsage;
    return kExitOk;
  }
  bool quiet = args.Flag("--quiet");
  std::vector<std::string> paths = args.Positionals();
  std::string error = args.Finish();
  if (!error.empty() || paths.empty()) {
    std::cerr << "interdict check: " << (error.empty() ? "no files given" : error) << "\n"
              << kUsage;
    return kExitUsage;
  }
  std::shared_ptr<const RuleSet> rules = LoadRules(paths, !quiet);
  if (rules == nullptr) return kExitFailed;
  if (!quiet) {
    std::cout << "ok: " << rules->policies().size() << " policies, " << rules->rules().size()
              << " rules, " << rules->hash() << "\n";
  }
  return kExitOk;
}

}  // namespace interdict::cli
