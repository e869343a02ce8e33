#include "lib/api/loader.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
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
#include "lib/parse/party_list.h"

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
    for (ListAst& list : ast->lists) {
      if (!list.file.value.empty()) ReadListFile(source->name(), diag, &list);
    }
    loaded_.push_back(LoadedPolicy{std::move(source), std::move(*ast)});
  }

  // Fills a party list from the file it names, relative to the policy file
  // (docs/screening.md). Problems inside a list file are reported at their
  // place in it; a file that cannot be read, at the "file" key.
  void ReadListFile(const std::string& policy_name, Diagnostics& diag, ListAst* list) {
    namespace fs = std::filesystem;
    const fs::path written(list->file.value);
    const std::string path =
        written.is_absolute() ? written.string() : (fs::path(policy_name).parent_path() / written).string();
    std::error_code ec;
    const fs::path canonical = fs::weakly_canonical(path, ec);
    const std::string key = absl::StrCat(list->format.value, "\n", ec ? path : canonical.string());
    auto cached = list_files_.find(key);
    if (cached == list_files_.end()) {
      std::vector<std::string> notes;
      const size_t before = issues_.size();
      absl::StatusOr<PartyListData> data =
          LoadPartyListFile(path, list->format.value, &issues_, &notes, options_.max_source_bytes);
      if (!data.ok() && issues_.size() == before) {
        diag.Error(list->file.pos.offset, list->file.pos.pointer, "list-file",
                   absl::StrCat("cannot use list file ", path, ": ", data.status().message()));
      }
      for (size_t i = 0; i < notes.size() && i < 5; ++i) {
        diag.Warning(list->file.pos.offset, list->file.pos.pointer, "list-file-note",
                     absl::StrCat(path, ": ", notes[i]));
      }
      if (notes.size() > 5) {
        diag.Warning(list->file.pos.offset, list->file.pos.pointer, "list-file-note",
                     absl::StrCat(path, ": ", notes.size() - 5,
                                  " more notes; `interdict lists import` lists them all"));
      }
      cached = list_files_.emplace(key, data.ok() ? std::make_shared<const PartyListData>(std::move(*data))
                                                  : nullptr).first;
    }
    if (cached->second == nullptr) return;
    const PartyListData& data = *cached->second;
    if (!list->threshold.has_value()) list->threshold = data.threshold;
    list->parties.reserve(data.entries.size());
    for (const PartyRecord& e : data.entries) {
      PartyEntryAst p;
      p.pos = list->file.pos;
      p.id = e.id;
      p.name = Named{e.name, list->file.pos};
      for (const PartyAlias& a : e.aliases) p.aliases.push_back(Named{a.name, list->file.pos});
      p.type = e.type;
      p.programs = e.programs;
      list->parties.push_back(std::move(p));
    }
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
  // List files read so far (format and canonical path): policies that
  // share a list read it once.
  std::map<std::string, std::shared_ptr<const PartyListData>> list_files_;
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
