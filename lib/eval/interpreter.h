// The evaluator: runs a Program over one transaction.
#ifndef INTERDICT_LIB_EVAL_INTERPRETER_H_
#define INTERDICT_LIB_EVAL_INTERPRETER_H_

#include "lib/eval/eval_state.h"
#include "lib/eval/program.h"
#include "lib/eval/value.h"

namespace interdict::internal {

// Evaluates `txn` and leaves the verdict and matches in `scratch`.
// REQUIRES: txn was built for a schema with p's fingerprint;
// scratch.Prepare(p) was called. Does not allocate.
Verdict Evaluate(const Program& p, const TxnData& txn, EvalScratch& scratch);

// As Evaluate, but evaluates every condition (no short-circuit) and appends
// one TraceEntry per condition node to scratch.trace. Same verdict and
// matches as Evaluate.
Verdict EvaluateTraced(const Program& p, const TxnData& txn, EvalScratch& scratch);

// The truth of one test instruction on `txn`, as the interpreter computes it.
Truth EvalTest(const Program& p, const Inst& in, const TxnData& txn);

}  // namespace interdict::internal

#endif  // INTERDICT_LIB_EVAL_INTERPRETER_H_
