#include "tools/cli.h"

#include <iostream>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "lib/api/loader.h"

namespace interdict::cli {

Args::Args(int argc, char** argv, int first) {
  for (int i = first; i < argc; ++i) args_.emplace_back(argv[i]);
  used_.assign(args_.size(), false);
}

bool Args::Flag(const std::string& name) {
  bool found = false;
  for (size_t i = 0; i < args_.size(); ++i) {
    if (!used_[i] && args_[i] == name) {
      used_[i] = true;
      found = true;
    }
  }
  return found;
}

std::vector<std::string> Args::Values(const std::string& name) {
  std::vector<std::string> out;
  for (size_t i = 0; i < args_.size(); ++i) {
    if (used_[i]) continue;
    if (args_[i] == name) {
      used_[i] = true;
      if (i + 1 >= args_.size() || used_[i + 1]) {
        error_ = name + " needs a value";
        continue;
      }
      used_[i + 1] = true;
      out.push_back(args_[i + 1]);
    } else if (absl::StartsWith(args_[i], name + "=")) {
      used_[i] = true;
      out.push_back(args_[i].substr(name.size() + 1));
    }
  }
  return out;
}

std::vector<std::string> Args::Positionals() {
  std::vector<std::string> out;
  for (size_t i = 0; i < args_.size(); ++i) {
    if (used_[i]) continue;
    if (absl::StartsWith(args_[i], "--") && args_[i].size() > 2) continue;
    used_[i] = true;
    out.push_back(args_[i]);
  }
  return out;
}

std::string Args::Finish() const {
  if (!error_.empty()) return error_;
  for (size_t i = 0; i < args_.size(); ++i) {
    if (!used_[i]) return "unknown option " + args_[i];
  }
  return "";
}

bool Help(Args& args, const char* usage) {
  const bool help = args.Flag("--help") | args.Flag("-h");
  if (help) std::cout << usage;
  return help;
}

int UsageError(const std::string& command, const std::string& error, const char* usage) {
  std::cerr << "interdict " << command << ": " << error << "\n" << usage;
  return kExitUsage;
}

bool Blank(const std::string& line) { return line.find_first_not_of(" \t\r\n") == std::string::npos; }

bool ParseThreshold(const std::string& text, double* out) {
  return absl::SimpleAtod(text, out) && *out > 0 && *out <= 1;
}

std::optional<CheckedRules> LoadCheckedRules(const std::vector<std::string>& paths, bool print_warnings) {
  absl::StatusOr<internal::CheckedLoad> load = internal::LoadAndCheckFiles(paths, CompileOptions());
  if (!load.ok()) {
    std::cerr << "interdict: " << load.status().message() << "\n";
    return std::nullopt;
  }
  for (const Issue& issue : load->issues) {
    if (issue.severity == Severity::kError || print_warnings) std::cerr << FormatIssue(issue);
  }
  if (!load->checked.has_value()) return std::nullopt;
  absl::StatusOr<std::shared_ptr<const RuleSet>> rules = internal::BuildRuleSet(*load->checked, CompileOptions());
  if (!rules.ok()) {
    std::cerr << "interdict: " << rules.status().message() << "\n";
    return std::nullopt;
  }
  return CheckedRules{std::move(*load->checked), *rules};
}

std::shared_ptr<const RuleSet> LoadRules(const std::vector<std::string>& paths,
                                         bool print_warnings) {
  absl::StatusOr<CompileResult> result = RuleSet::CompileFiles(paths);
  if (!result.ok()) {
    std::cerr << "interdict: " << result.status().message() << "\n";
    return nullptr;
  }
  for (const Issue& issue : result->issues) {
    if (issue.severity == Severity::kError || print_warnings) std::cerr << FormatIssue(issue);
  }
  return result->rule_set;
}

}  // namespace interdict::cli
