// Fuzzes what `interdict eval` does with a line of input: parse it as a
// transaction (names go through Unicode normalisation), decide and explain
// it against the shipped rules, and write both as JSON. Decide and Explain
// must agree. Nothing may crash or hang.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>

#include "interdict/json.h"
#include "interdict/rule_set.h"

#ifndef INTERDICT_SOURCE_DIR
#define INTERDICT_SOURCE_DIR "."
#endif

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 16 * 1024) return 0;
  static const std::shared_ptr<const interdict::RuleSet> rules = [] {
    absl::StatusOr<std::shared_ptr<const interdict::RuleSet>> r =
        interdict::RuleSet::CompileFilesOrError({std::string(INTERDICT_SOURCE_DIR) + "/rules/us"});
    if (!r.ok()) std::abort();
    return *r;
  }();
  static interdict::EvalState state;
  interdict::Transaction txn = rules->NewTransaction();
  std::string line(reinterpret_cast<const char*>(data), size);
  if (!interdict::ParseTransactionJson(line, &txn).ok()) return 0;
  absl::StatusOr<interdict::Decision> d = rules->Decide(txn, state);
  absl::StatusOr<interdict::Explanation> e = rules->Explain(txn);
  if (!d.ok() || !e.ok()) std::abort();
  if (d->verdict() != e->verdict || d->matches().size() != e->matches.size()) std::abort();
  for (size_t i = 0; i < e->matches.size(); ++i) {
    if (d->matches()[i].rule != e->matches[i].rule) std::abort();
  }
  (void)interdict::DecisionToJson(*d, *rules);
  (void)interdict::ExplanationToJson(*e, txn, *rules);
  return 0;
}
