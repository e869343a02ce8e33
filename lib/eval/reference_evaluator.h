// The reference evaluator: walks a CheckedRuleSet directly, with recursion
// and linear scans, the way the semantics are written in PRODUCT.md. Slow,
// obviously correct, and for tests only (as RE2's UnsafeSearchBacktrack):
// tests/eval/differential_test.cc checks the compiled Program against it.
#ifndef INTERDICT_LIB_EVAL_REFERENCE_EVALUATOR_H_
#define INTERDICT_LIB_EVAL_REFERENCE_EVALUATOR_H_

#include <set>
#include <string>
#include <vector>

#include "interdict/decision.h"
#include "lib/check/checked.h"
#include "lib/eval/value.h"

namespace interdict::internal {

struct ReferenceMatch {
  int rule = 0;  // index into CheckedRuleSet::rules
  Verdict effect = Verdict::kDeny;
  bool undecided = false;
  std::set<uint16_t> unknown_slots;  // the fields that left the rule unknown
};

struct ReferenceDecision {
  Verdict verdict = Verdict::kAllow;
  std::vector<ReferenceMatch> matches;  // in rule order
};

ReferenceDecision EvaluateReferenceForTesting(const CheckedRuleSet& rules, const TxnData& txn);

// One test on `txn`, as the reference evaluator computes it (for the exact
// analyses of lib/analysis, which evaluate tests on class representatives).
Truth EvaluateCheckedTest(const CheckedRuleSet& rules, const CheckedTest& test, const TxnData& txn);

}  // namespace interdict::internal

#endif  // INTERDICT_LIB_EVAL_REFERENCE_EVALUATOR_H_
