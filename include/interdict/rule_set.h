// RuleSet: one or more policies compiled into an immutable evaluator.
//
//   absl::StatusOr<interdict::CompileResult> r =
//       interdict::RuleSet::CompileFiles({"rules/us"});
//   if (!r.ok()) ...                    // I/O or budget failure
//   if (!r->ok()) print FormatIssues(r->issues);   // mistakes in the rules
//   std::shared_ptr<const interdict::RuleSet> rules = r->rule_set;
//
//   interdict::Transaction txn = rules->NewTransaction();
//   txn.set_action("update").set_time("2024-09-29T00:00:00-04:00");
//   txn.product().set_vendor("AO Kaspersky Lab");
//   txn.buyer().set_country("US");
//   interdict::EvalState state;          // reuse it: Decide then allocates nothing
//   absl::StatusOr<interdict::Decision> d = rules->Decide(txn, state);
//
// Thread-safety: a RuleSet is immutable; any number of threads may call its
// const methods at once without synchronisation. Each thread needs its own
// EvalState. To reload, compile a new RuleSet and swap the shared_ptr
// (std::atomic_store); Decisions and Transactions of the old one stay valid
// while they hold it.
#ifndef INTERDICT_INCLUDE_INTERDICT_RULE_SET_H_
#define INTERDICT_INCLUDE_INTERDICT_RULE_SET_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "interdict/decision.h"
#include "interdict/export.h"
#include "interdict/issue.h"
#include "interdict/options.h"
#include "interdict/transaction.h"

namespace interdict {

namespace internal {
struct Program;
struct EvalScratch;
}  // namespace internal

class RuleSet;

// The text of one policy file and the name to report it under.
struct PolicySource {
  std::string name;
  std::string text;
};

struct PolicyInfo {
  std::string id;
  std::string version;
  std::string title;
  std::string file;
};

struct CompileResult {
  // Null if any issue is an error.
  std::shared_ptr<const RuleSet> rule_set;
  // Every error and warning, in file order.
  std::vector<Issue> issues;

  bool ok() const { return rule_set != nullptr; }
};

// Working memory for Decide. Not thread-safe: one per thread. After its
// first use with a RuleSet, later Decides with that RuleSet do not allocate.
class INTERDICT_EXPORT EvalState {
 public:
  EvalState();
  ~EvalState();
  EvalState(const EvalState&) = delete;
  EvalState& operator=(const EvalState&) = delete;

 private:
  friend class RuleSet;
  std::unique_ptr<internal::EvalScratch> scratch_;
};

// The outcome of Decide: a view into the EvalState, valid until the
// state's next use, and only while the Transaction and RuleSet live.
class INTERDICT_EXPORT Decision {
 public:
  Verdict verdict() const { return verdict_; }
  // Every matched rule, in rule-set order (policies by id, then rules in
  // file order): deterministic, so audit logs are comparable.
  absl::Span<const Match> matches() const { return matches_; }
  // The fields that left an undecided match unknown.
  std::vector<UnknownField> unknown_fields(const Match& match) const;
  // For a rule with `screen` tests: the listed parties each screened name
  // matched, exactly or near, for the audit record. Screens again (a few
  // microseconds per name), so call it when reporting, not per decision.
  std::vector<Screening> screenings(const Match& match) const;
  const Transaction& transaction() const { return *txn_; }

 private:
  friend class RuleSet;
  Verdict verdict_ = Verdict::kAllow;
  absl::Span<const Match> matches_;
  const Transaction* txn_ = nullptr;
  const internal::Program* program_ = nullptr;
};

// One condition node as Explain evaluated it (every node, no short-circuit).
struct ConditionTrace {
  std::string part;     // "action", "window", "when" or "unless"
  int depth = 0;        // nesting below its part; 0 for the part itself
  std::string text;     // "buyer.country in @us_places"
  std::string pointer;  // JSON pointer in the policy file
  int line = 0, column = 0;
  Truth result = Truth::kFalse;
  std::string value;    // what the transaction had, e.g. "\"US\"", "missing"
};

struct RuleTrace {
  const RuleInfo* rule = nullptr;
  Truth result = Truth::kFalse;  // true: matched; unknown: undecided (review)
  std::vector<ConditionTrace> conditions;
};

struct OwnedMatch {
  const RuleInfo* rule = nullptr;
  Verdict effect = Verdict::kDeny;
  bool undecided = false;
  std::vector<UnknownField> unknown_fields;
  std::vector<Screening> screenings;  // as Decision::screenings()
};

struct Explanation {
  Verdict verdict = Verdict::kAllow;
  std::vector<OwnedMatch> matches;  // as Decision::matches()
  std::vector<RuleTrace> rules;     // every rule the transaction's action reaches
  // A readable multi-line rendering.
  std::string ToText() const;
};

class INTERDICT_EXPORT RuleSet {
 public:
  // Parses, checks and compiles policies. A non-OK status is a failure
  // outside the rules: ResourceExhausted for a budget of `options`.
  // Mistakes in the rules come back in result.issues, with no rule_set.
  static absl::StatusOr<CompileResult> Compile(absl::Span<const PolicySource> sources,
                                               const CompileOptions& options = {});

  // Reads policy files. A directory is searched recursively for *.json
  // files; of those, files without a top-level "policy" key (test files,
  // list data) are skipped, but a file that is not JSON at all, or that has
  // "rules" and no "policy", is an issue. A file named explicitly must be a
  // policy. NotFound if a path does not exist.
  static absl::StatusOr<CompileResult> CompileFiles(absl::Span<const std::string> paths,
                                                    const CompileOptions& options = {});

  // As CompileFiles, with every issue folded into an InvalidArgument status.
  static absl::StatusOr<std::shared_ptr<const RuleSet>> CompileFilesOrError(
      absl::Span<const std::string> paths, const CompileOptions& options = {});

  ~RuleSet();

  // A blank transaction for this rule set's schema.
  Transaction NewTransaction() const;

  // Decides `txn`. Does not allocate once `state` has been used with this
  // RuleSet. FailedPrecondition if `txn` was built for a different schema.
  // REQUIRES: no other thread uses `state` during the call.
  absl::StatusOr<Decision> Decide(const Transaction& txn, EvalState& state) const;

  // Decides `txn` evaluating every condition, and returns the trace.
  // Allocates; for audits and debugging, not the hot path.
  absl::StatusOr<Explanation> Explain(const Transaction& txn) const;

  absl::Span<const RuleInfo> rules() const;
  absl::Span<const PolicyInfo> policies() const { return policies_; }
  // Built-in and declared actions.
  const std::vector<std::string>& actions() const;
  // "sha256:<hex>" of the compiled program and its tables: equal hashes,
  // equal decisions.
  const std::string& hash() const { return hash_; }
  // The compiled program, one instruction per line (docs/program.md).
  std::string Dump() const;

 private:
  friend struct RuleSetAccess;
  RuleSet();

  std::shared_ptr<const internal::Program> program_;
  std::vector<PolicyInfo> policies_;
  std::string hash_;
  std::vector<std::string> match_json_;  // per rule: its decided match, as JSON (json.h)
};

}  // namespace interdict

#endif  // INTERDICT_INCLUDE_INTERDICT_RULE_SET_H_
