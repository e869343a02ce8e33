#include "interdict/rule_set.h"

#include "absl/strings/str_cat.h"
#include "lib/api/access.h"
#include "lib/api/loader.h"
#include "lib/common/status_macros.h"
#include "lib/eval/eval_state.h"
#include "lib/eval/interpreter.h"

namespace interdict {

RuleSet::RuleSet() = default;
RuleSet::~RuleSet() = default;

namespace {

absl::StatusOr<CompileResult> Build(internal::CheckedLoad load, const CompileOptions& options) {
  CompileResult result;
  result.issues = std::move(load.issues);
  if (!load.checked.has_value()) return result;
  INTERDICT_ASSIGN_OR_RETURN(result.rule_set, internal::BuildRuleSet(*load.checked, options));
  return result;
}

}  // namespace

absl::StatusOr<CompileResult> RuleSet::Compile(absl::Span<const PolicySource> sources,
                                               const CompileOptions& options) {
  INTERDICT_ASSIGN_OR_RETURN(internal::CheckedLoad load, internal::LoadAndCheckSources(sources, options));
  return Build(std::move(load), options);
}

absl::StatusOr<CompileResult> RuleSet::CompileFiles(absl::Span<const std::string> paths,
                                                    const CompileOptions& options) {
  INTERDICT_ASSIGN_OR_RETURN(internal::CheckedLoad load, internal::LoadAndCheckFiles(paths, options));
  return Build(std::move(load), options);
}

absl::StatusOr<std::shared_ptr<const RuleSet>> RuleSet::CompileFilesOrError(
    absl::Span<const std::string> paths, const CompileOptions& options) {
  INTERDICT_ASSIGN_OR_RETURN(CompileResult result, CompileFiles(paths, options));
  if (!result.ok()) return absl::InvalidArgumentError(FormatIssues(result.issues));
  return result.rule_set;
}

Transaction RuleSet::NewTransaction() const {
  return TransactionAccess::Make(program_->schema);
}

absl::Span<const RuleInfo> RuleSet::rules() const { return program_->rules; }
const std::vector<std::string>& RuleSet::actions() const { return program_->schema->actions(); }
std::string RuleSet::Dump() const { return program_->Dump(); }

EvalState::EvalState() : scratch_(std::make_unique<internal::EvalScratch>()) {}
EvalState::~EvalState() = default;

absl::StatusOr<Decision> RuleSet::Decide(const Transaction& txn, EvalState& state) const {
  const internal::TxnData& data = TransactionAccess::Data(txn);
  if (data.schema != program_->schema &&
      data.schema->fingerprint() != program_->schema->fingerprint()) {
    return absl::FailedPreconditionError(
        "the transaction was built for a rule set with other actions or attributes");
  }
  internal::EvalScratch& s = *state.scratch_;
  s.Prepare(*program_);
  Decision d;
  d.verdict_ = internal::Evaluate(*program_, data, s);
  d.matches_ = absl::Span<const Match>(s.matches.data(), s.match_count);
  d.txn_ = &txn;
  d.program_ = program_.get();
  return d;
}

}  // namespace interdict
