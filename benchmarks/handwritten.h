// The shipped rules (rules/us) written by hand as plain C++ `if` statements
// over the same transaction structs that Decide reads: the baseline of
// BM_HandWritten. It keeps the rules' semantics, including fail-closed
// three-valued logic, so that its verdicts and matched rules equal Decide's
// on the benchmark mix (checked before timing). It does not name unknown
// fields, which Decide does.
#ifndef INTERDICT_BENCHMARKS_HANDWRITTEN_H_
#define INTERDICT_BENCHMARKS_HANDWRITTEN_H_

#include <string>
#include <vector>

#include "interdict/decision.h"
#include "lib/common/schema.h"
#include "lib/eval/value.h"

namespace interdict::bench {

struct HandMatch {
  int rule;  // index into HandWrittenRules::kRuleIds
  Verdict effect;
};

struct HandResult {
  Verdict verdict = Verdict::kAllow;
  HandMatch matches[24];
  int count = 0;
};

class HandWrittenRules {
 public:
  static const char* const kRuleIds[19];

  explicit HandWrittenRules(const internal::Schema& schema);
  void Decide(const internal::TxnData& txn, HandResult* out) const;

 private:
  struct Impl;
  std::shared_ptr<const Impl> impl_;
};

}  // namespace interdict::bench

#endif  // INTERDICT_BENCHMARKS_HANDWRITTEN_H_
