#include "lib/api/loader.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "lib/api/access.h"
#include "lib/check/checker.h"
#include "lib/common/diagnostics.h"
#include "lib/common/sha256.h"
#include "lib/common/source.h"
#include "lib/common/status_macros.h"
#include "lib/compile/compiler.h"
#include "lib/parse/json_reader.h"
#include "lib/parse/parser.h"

namespace interdict::internal {
namespace {

// Bumped when the meaning of compiled programs changes, so hashes change.
constexpr char kEngineFormat[] = "interdict-program-v1\n";

struct LoadedPolicy {
  std::unique_ptr<Source> source;
  PolicyAst ast;
};

class Loader {
 public:
  explicit Loader(const CompileOptions& options) : options_(options) {}

  // Reads one source. `named` sources must be policies; others (found in
  // a directory) are skipped when they are not.
  void Add(std::string name, std::string text, bool named) {
    auto source = std::make_unique<Source>(std::move(name), std::move(text));
    Diagnostics diag(*source, &issues_);
    JsonReadOptions json_options;
    json_options.max_depth = options_.max_json_depth;
    std::optional<JsonNode> root = ReadJson(diag, json_options);
    if (!root.has_value()) return;
    bool is_object = root->kind == JsonNode::Kind::kObject;
    if (!is_object || root->Find("policy") == nullptr) {
      if (named) {
        diag.Error(root->offset, "", "not-a-policy",
                   "not a policy file: expected an object with a \"policy\" id");
      } else if (is_object && root->Find("rules") != nullptr) {
        diag.Error(root->offset, "", "missing-key",
                   "missing required key \"policy\" (the file has \"rules\")");
      }
      return;
    }
    ParseOptions parse_options;
    parse_options.max_condition_depth = options_.max_condition_depth;
    std::optional<PolicyAst> ast = ParsePolicy(*root, diag, parse_options);
    if (!ast.has_value()) return;
    loaded_.push_back(LoadedPolicy{std::move(source), std::move(*ast)});
  }

  absl::Status AddPath(const std::string& path) {
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::file_status st = fs::status(path, ec);
    if (ec || !fs::exists(st)) return absl::NotFoundError(absl::StrCat("no such file: ", path));
    if (!fs::is_directory(st)) return AddFile(path, /*named=*/true);
    std::vector<std::string> files;
    for (fs::recursive_directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
      if (it->is_regular_file(ec) && it->path().extension() == ".json") {
        files.push_back(it->path().string());
      }
    }
    if (ec) return absl::NotFoundError(absl::StrCat("cannot list ", path, ": ", ec.message()));
    std::sort(files.begin(), files.end());
    for (const std::string& f : files) INTERDICT_RETURN_IF_ERROR(AddFile(f, /*named=*/false));
    return absl::OkStatus();
  }

  absl::StatusOr<CheckedLoad> Finish() &&;

 private:
  absl::Status AddFile(const std::string& path, bool named) {
    std::error_code ec;
    auto size = std::filesystem::file_size(path, ec);
    if (ec) return absl::NotFoundError(absl::StrCat("cannot read ", path, ": ", ec.message()));
    if (size > options_.max_source_bytes) {
      return absl::ResourceExhaustedError(absl::StrCat(
          path, " is ", size, " bytes; the limit is ", options_.max_source_bytes));
    }
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", path));
    Add(path, text.str(), named);
    return absl::OkStatus();
  }

  const CompileOptions& options_;
  std::vector<LoadedPolicy> loaded_;
  std::vector<Issue> issues_;
};

absl::StatusOr<CheckedLoad> Loader::Finish() && {
  CheckedLoad result;
  std::stable_sort(loaded_.begin(), loaded_.end(),
                   [](const LoadedPolicy& a, const LoadedPolicy& b) {
                     return a.ast.id.value < b.ast.id.value;
                   });
  size_t rules = 0;
  for (const LoadedPolicy& p : loaded_) rules += p.ast.rules.size();
  if (rules > static_cast<size_t>(options_.max_rules)) {
    return absl::ResourceExhaustedError(
        absl::StrCat("the policies hold ", rules, " rules; the limit is ", options_.max_rules));
  }
  CheckOptions check_options;
  check_options.max_list_entries = options_.max_list_entries;
  check_options.max_regex_program_size = options_.max_regex_program_size;
  Checker checker(check_options);
  std::vector<Diagnostics> diags;
  diags.reserve(loaded_.size());
  for (LoadedPolicy& p : loaded_) {
    diags.emplace_back(*p.source, &issues_);
    checker.Declare(p.ast, diags.back());
  }
  for (size_t i = 0; i < loaded_.size(); ++i) checker.Check(loaded_[i].ast, diags[i]);
  bool failed = false;
  for (const Issue& issue : issues_) failed |= issue.severity == Severity::kError;
  result.issues = std::move(issues_);
  if (!failed) result.checked = checker.Finish();
  return result;
}

}  // namespace

absl::StatusOr<CheckedLoad> LoadAndCheckSources(absl::Span<const PolicySource> sources,
                                                const CompileOptions& options) {
  Loader loader(options);
  for (const PolicySource& s : sources) {
    if (s.text.size() > options.max_source_bytes) {
      return absl::ResourceExhaustedError(absl::StrCat(
          s.name, " is ", s.text.size(), " bytes; the limit is ", options.max_source_bytes));
    }
    loader.Add(s.name, s.text, /*named=*/true);
  }
  return std::move(loader).Finish();
}

absl::StatusOr<CheckedLoad> LoadAndCheckFiles(absl::Span<const std::string> paths,
                                              const CompileOptions& options) {
  Loader loader(options);
  for (const std::string& path : paths) INTERDICT_RETURN_IF_ERROR(loader.AddPath(path));
  return std::move(loader).Finish();
}

absl::StatusOr<std::shared_ptr<const RuleSet>> BuildRuleSet(const CheckedRuleSet& checked,
                                                            const CompileOptions& options) {
  CompileBudget budget;
  budget.max_instructions = options.max_instructions;
  budget.max_regex_program_size = options.max_regex_program_size;
  INTERDICT_ASSIGN_OR_RETURN(std::unique_ptr<Program> program, CompileProgram(checked, budget));
  std::string hash = absl::StrCat(
      "sha256:", Sha256Hex(absl::StrCat(kEngineFormat, program->Dump(/*with_positions=*/false))));
  std::vector<PolicyInfo> policies;
  for (const CheckedPolicy& p : checked.policies) {
    policies.push_back(PolicyInfo{p.id, p.version, p.title, p.file});
  }
  return std::shared_ptr<const RuleSet>(
      RuleSetAccess::Make(std::move(program), std::move(policies), std::move(hash)));
}

}  // namespace interdict::internal
