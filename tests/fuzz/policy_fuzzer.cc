// Fuzzes the whole compile pipeline with arbitrary policy text: JSON reader,
// parser, checker, compiler. Whatever compiles is then evaluated (Decide and
// Explain) on a few transactions, and the two must agree. Nothing may crash,
// hang or leak. Inputs are capped, as re2/fuzzing/re2_fuzzer.cc does.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "interdict/json.h"
#include "interdict/rule_set.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 64 * 1024) return 0;
  std::string text(reinterpret_cast<const char*>(data), size);
  interdict::CompileOptions options;
  options.max_rules = 1000;
  options.max_list_entries = 10000;
  options.max_instructions = 1 << 20;
  options.max_source_bytes = 1 << 20;  // also bounds list files a policy names
  absl::StatusOr<interdict::CompileResult> result =
      interdict::RuleSet::Compile({interdict::PolicySource{"fuzz.json", text}}, options);
  if (!result.ok()) return 0;
  std::string issues = interdict::FormatIssues(result->issues);  // formatting must not crash
  if (!result->ok()) return 0;
  const interdict::RuleSet& rules = *result->rule_set;
  (void)rules.Dump();
  static const char* const kTransactions[] = {
      R"({"action": "sale", "time": "2024-09-29T04:00:00Z", "product": {"vendor": "AO Kaspersky Lab", "category": "antivirus", "embedded_vendors": ["X", "LLC"]}, "buyer": {"name": "Jane", "type": "consumer", "country": "US", "region": "US-NY", "nationality": "US", "customer_since": "2023-01-01"}, "attributes": {}})",
      R"({"action": "update", "buyer": {"country": "USA"}})",
      R"({})",
  };
  interdict::EvalState state;
  for (const char* doc : kTransactions) {
    interdict::Transaction txn = rules.NewTransaction();
    if (!interdict::ParseTransactionJson(doc, &txn).ok()) continue;
    absl::StatusOr<interdict::Decision> d = rules.Decide(txn, state);
    absl::StatusOr<interdict::Explanation> e = rules.Explain(txn);
    if (!d.ok() || !e.ok()) std::abort();
    if (d->verdict() != e->verdict || d->matches().size() != e->matches.size()) std::abort();
    (void)interdict::DecisionToJson(*d, rules);
    (void)interdict::ExplanationToJson(*e, txn, rules);
  }
  return 0;
}
