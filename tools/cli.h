// Shared pieces of the interdict command-line tool.
#ifndef INTERDICT_TOOLS_CLI_H_
#define INTERDICT_TOOLS_CLI_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "interdict/rule_set.h"
#include "lib/check/checked.h"

namespace interdict::cli {

// Exit statuses shared by every command.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;  // invalid policies, failed tests, differences
inline constexpr int kExitUsage = 2;
inline constexpr int kExitBadLines = 3;  // eval: some input lines could not be read

// Minimal argument scanner: "--flag", "--opt value", "--opt=value", positionals.
class Args {
 public:
  Args(int argc, char** argv, int first);
  // True if --name is present (and consumes it).
  bool Flag(const std::string& name);
  // Every value of --name (consumed). Sets `error` if one has no value.
  std::vector<std::string> Values(const std::string& name);
  // Whatever was not consumed; an unknown "--x" is reported by Finish().
  std::vector<std::string> Positionals();
  // Empty if every argument was understood, else a message.
  std::string Finish() const;
  const std::string& error() const { return error_; }

 private:
  std::vector<std::string> args_;
  std::vector<bool> used_;
  std::string error_;
};

// True if --help or -h was given (consumed them), after printing `usage`
// to stdout.
bool Help(Args& args, const char* usage);

// Prints "interdict <command>: <error>" and `usage` to stderr; returns
// kExitUsage.
int UsageError(const std::string& command, const std::string& error, const char* usage);

// An input line with nothing but whitespace, skipped by eval and diff.
bool Blank(const std::string& line);

// A near-match threshold: a number in (0, 1].
bool ParseThreshold(const std::string& text, double* out);

// Checked rules and what they compile to: for the commands that analyse
// rules (check --lint, diff) as well as decide with them.
struct CheckedRules {
  internal::CheckedRuleSet checked;
  std::shared_ptr<const RuleSet> rules;
};

// Loads, checks and compiles `paths` once, printing errors (and warnings
// if `print_warnings`) to stderr. Nullopt on any error.
std::optional<CheckedRules> LoadCheckedRules(const std::vector<std::string>& paths, bool print_warnings);

// Compiles `paths`, printing issues to stderr. Null on any error.
std::shared_ptr<const RuleSet> LoadRules(const std::vector<std::string>& paths,
                                         bool print_warnings);

int CheckMain(int argc, char** argv);
int EvalMain(int argc, char** argv);
int TestMain(int argc, char** argv);
int DiffMain(int argc, char** argv);
int ListsMain(int argc, char** argv);
int ScreenMain(int argc, char** argv);

}  // namespace interdict::cli

#endif  // INTERDICT_TOOLS_CLI_H_
