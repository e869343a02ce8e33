// interdict_bench: Decide against a hand-written baseline in the same
// binary, plus compile time, transaction building, the per-line cost of
// `interdict eval`, and Decide over synthetic rule sets of 10 to 10,000
// rules. Every Decide benchmark reports allocations per call, counted by a
// global operator new replaced in this binary (tests/testing/counting_new.cc).
//
//   build/bin/interdict_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
#include <cstdlib>
#include <fstream>
#include <new>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "benchmark/benchmark.h"
#include "benchmarks/handwritten.h"
#include "interdict/json.h"
#include "interdict/rule_set.h"
#include "lib/api/access.h"
#include "tests/testing/counting_new.h"

namespace interdict {
namespace {

const std::string kRules = std::string(INTERDICT_SOURCE_DIR) + "/rules/us";

std::string Slurp(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The fixed mix: the example transactions plus everyday checkout lines
// (ordinary products for ordinary customers, which most traffic is).
std::vector<std::string> MixDocuments() {
  std::vector<std::string> docs;
  std::istringstream in(Slurp(std::string(INTERDICT_SOURCE_DIR) + "/examples/transactions.jsonl"));
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.find("\"sdn-") == std::string::npos) docs.push_back(line);
  }
  const char* everyday[] = {
      R"({"id": "e1", "action": "sale", "time": "2024-11-02T10:00:00-05:00", "product": {"vendor": "Contoso", "name": "Contoso Office", "category": "productivity"}, "buyer": {"name": "Ann Lee", "type": "consumer", "country": "US", "region": "US-CA", "nationality": "US"}, "attributes": {"price": 99.0}})",
      R"({"id": "e2", "action": "sale", "time": "2024-11-02T16:00:00+01:00", "product": {"vendor": "Fabrikam", "name": "Fabrikam Backup", "category": "backup"}, "buyer": {"name": "Jonas Berg", "type": "consumer", "country": "SE", "nationality": "SE"}, "attributes": {"price": 49.0}})",
      R"({"id": "e3", "action": "update", "time": "2024-11-02T10:00:00Z", "product": {"vendor": "Bitdefender", "name": "Total Security", "category": "antivirus"}, "buyer": {"name": "Ann Lee", "type": "consumer", "country": "US", "nationality": "US", "customer_since": "2022-01-01"}})",
      R"({"id": "e5", "action": "hardware-import", "time": "2029-03-01T00:00:00Z", "product": {"vendor": "Example Telematics", "name": "TCU-9", "category": "telematics"}, "buyer": {"name": "Example Motors Inc.", "type": "business", "country": "US", "incorporated_in": "US"}, "attributes": {"hardware_nexus": "CN", "use": "warranty", "serviced_model_year": 2028}})",
      R"({"id": "e6", "action": "update", "time": "2025-08-01T00:00:00Z", "product": {"vendor": "TikTok Pte. Ltd.", "name": "TikTok"}, "buyer": {"name": "A User", "type": "consumer", "country": "US", "nationality": "US"}})",
      R"({"id": "e7", "action": "vehicle-import", "time": "2026-05-01T00:00:00Z", "product": {"vendor": "Example Trucks", "name": "Hauler"}, "buyer": {"name": "Fleet Co", "type": "business", "country": "US", "incorporated_in": "US"}, "attributes": {"model_year": 2030, "gvwr_lb": 26000, "software_nexus": "CN", "hardware_nexus": "CN", "manufacturer_nexus": "US"}})",
      R"({"id": "e4", "action": "licensing", "time": "2024-11-02T10:00:00Z", "product": {"vendor": "Contoso", "name": "Contoso Server", "category": "server"}, "buyer": {"name": "Northwind Inc.", "type": "business", "country": "US", "incorporated_in": "US"}})",
  };
  for (const char* d : everyday) docs.push_back(d);
  return docs;
}

struct Fixture {
  std::shared_ptr<const RuleSet> rules;
  std::vector<Transaction> txns;
  std::unique_ptr<bench::HandWrittenRules> hand;

  Fixture() {
    // The shipped policies but party screening (ofac-sdn.json), which
    // BM_DecideScreen measures: screening costs microseconds, and would
    // hide the engine's own overhead that the hand-written ratio is about.
    std::vector<std::string> files;
    for (const char* f : {"connected-vehicles-2025.json", "entity-list-kaspersky.json", "kaspersky-2024.json",
                          "ofac-embargoes.json", "pafaca-2024.json"}) {
      files.push_back(kRules + "/" + f);
    }
    rules = *RuleSet::CompileFilesOrError(files);
    for (const std::string& doc : MixDocuments()) {
      txns.push_back(rules->NewTransaction());
      if (!ParseTransactionJson(doc, &txns.back()).ok()) std::abort();
    }
    hand = std::make_unique<bench::HandWrittenRules>(*RuleSetAccess::Program(*rules).schema);
    CheckAgreement();
  }

  // The baseline must decide exactly as Decide does, or the ratio means nothing.
  void CheckAgreement() {
    EvalState state;
    for (const Transaction& txn : txns) {
      Decision d = *rules->Decide(txn, state);
      bench::HandResult h;
      hand->Decide(TransactionAccess::Data(txn), &h);
      std::string got, want;
      for (const Match& m : d.matches()) absl::StrAppend(&want, m.rule->id, ":", VerdictName(m.effect), " ");
      for (int i = 0; i < h.count; ++i) {
        absl::StrAppend(&got, bench::HandWrittenRules::kRuleIds[h.matches[i].rule], ":",
                        VerdictName(h.matches[i].effect), " ");
      }
      if (d.verdict() != h.verdict || got != want) {
        std::fprintf(stderr, "hand-written rules disagree on %s:\n  Decide:      %s\n  hand-written: %s\n",
                     txn.id().c_str(), want.c_str(), got.c_str());
        std::abort();
      }
    }
  }
};

Fixture& Shared() {
  static Fixture* f = new Fixture();
  return *f;
}

void BM_Decide(benchmark::State& state) {
  Fixture& f = Shared();
  EvalState eval;
  size_t i = 0, n = f.txns.size();
  for (const Transaction& t : f.txns) (void)f.rules->Decide(t, eval);  // warm
  long before = testing::AllocationCount();
  for (auto _ : state) {
    absl::StatusOr<Decision> d = f.rules->Decide(f.txns[i], eval);
    benchmark::DoNotOptimize(d);
    if (++i == n) i = 0;
  }
  state.counters["allocs_per_call"] =
      benchmark::Counter(static_cast<double>(testing::AllocationCount() - before) / state.iterations());
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Decide);

void BM_HandWritten(benchmark::State& state) {
  Fixture& f = Shared();
  size_t i = 0, n = f.txns.size();
  bench::HandResult result;
  for (auto _ : state) {
    f.hand->Decide(TransactionAccess::Data(f.txns[i]), &result);
    benchmark::DoNotOptimize(result);
    if (++i == n) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_HandWritten);

void BM_Explain(benchmark::State& state) {
  Fixture& f = Shared();
  size_t i = 0, n = f.txns.size();
  for (auto _ : state) {
    absl::StatusOr<Explanation> e = f.rules->Explain(f.txns[i]);
    benchmark::DoNotOptimize(e);
    if (++i == n) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Explain);

void BM_CompileShippedRules(benchmark::State& state) {
  for (auto _ : state) {
    auto r = RuleSet::CompileFilesOrError({kRules});
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_CompileShippedRules)->Unit(benchmark::kMillisecond);

// Building a transaction through the C++ API, as a checkout would per line
// (the validation and normalisation Decide then does not have to do).
void BM_BuildTransaction(benchmark::State& state) {
  Fixture& f = Shared();
  Transaction txn = f.rules->NewTransaction();
  for (auto _ : state) {
    txn.Clear();
    txn.set_id("KSTD-1Y").set_action("sale").set_time("2024-08-15T10:30:00-04:00");
    txn.product().set_vendor("AO Kaspersky Lab").set_name("Kaspersky Standard").set_category("antivirus");
    txn.buyer().set_name("Jane Doe").set_type("consumer").set_country("US").set_region("US-NY")
        .set_nationality("US");
    txn.set_attribute("price", 29.99);
    benchmark::DoNotOptimize(txn);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_BuildTransaction);

// What `interdict eval` does per line: parse the JSON, decide, write the JSON.
void BM_EvalLine(benchmark::State& state) {
  Fixture& f = Shared();
  std::vector<std::string> docs = MixDocuments();
  Transaction txn = f.rules->NewTransaction();
  EvalState eval;
  size_t i = 0, bytes = 0;
  for (auto _ : state) {
    if (!ParseTransactionJson(docs[i], &txn).ok()) std::abort();
    std::string out = DecisionToJson(*f.rules->Decide(txn, eval), *f.rules);
    benchmark::DoNotOptimize(out);
    bytes += docs[i].size();
    if (++i == docs.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_EvalLine);

// Decide with party screening: rules/us/ofac-sdn.json (the full SDN list)
// on a resale naming four parties. Arg 0: none is listed (every name goes
// through the fuzzy index); 1: the end user is listed exactly.
void BM_DecideScreen4Parties(benchmark::State& state) {
  static std::shared_ptr<const RuleSet> rules = *RuleSet::CompileFilesOrError({kRules + "/ofac-sdn.json"});
  Transaction txn = rules->NewTransaction();
  txn.set_action("resale").set_time("2026-09-01T00:00:00Z");
  txn.product().set_vendor("Contoso").set_name("Contoso Office");
  txn.buyer().set_name("Northwind Traders Inc.").set_type("business").set_country("US");
  txn.seller().set_name("Contoso Software LLC").set_country("US");
  txn.reseller().set_name("Fabrikam Distribution GmbH").set_country("DE");
  txn.end_user().set_name(state.range(0) == 0 ? "Maria Schneider" : "Tikhonov Andrey").set_country("DE");
  EvalState eval;
  (void)rules->Decide(txn, eval);
  long before = testing::AllocationCount();
  Verdict verdict = Verdict::kAllow;
  for (auto _ : state) {
    absl::StatusOr<Decision> d = rules->Decide(txn, eval);
    verdict = d->verdict();
    benchmark::DoNotOptimize(d);
  }
  if (verdict != (state.range(0) == 0 ? Verdict::kAllow : Verdict::kDeny)) state.SkipWithError("wrong verdict");
  state.counters["allocs_per_call"] =
      benchmark::Counter(static_cast<double>(testing::AllocationCount() - before) / state.iterations());
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_DecideScreen4Parties)->Arg(0)->Arg(1);

// Synthetic rule sets: N rules, each denying one vendor in a set of
// countries from a date, with a carve-out; the transaction matches one rule.
std::string SyntheticPolicy(int n) {
  std::string rules;
  for (int i = 0; i < n; ++i) {
    if (i > 0) rules += ",";
    absl::StrAppend(&rules, R"({"id": "r)", i, R"(", "effect": "deny", "actions": ["sale", "update"],)",
                    R"("effective": {"from": "2024-0)", 1 + i % 9, R"(-01"},)",
                    R"("when": {"product.vendor": "Vendor )", i, R"(", "buyer.country": {"in": ["US", "PR", "GU"]}},)",
                    R"("unless": {"product.category": "threat-intelligence"},)",
                    R"("reason": "r", "source": "s"})");
  }
  return absl::StrCat(R"({"policy": "synthetic", "version": "1", "title": "t",)",
                      R"("sources": {"s": {"citation": "c"}}, "rules": [)", rules, "]}");
}

void BM_DecideSynthetic(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  auto compiled = RuleSet::Compile({PolicySource{"synthetic.json", SyntheticPolicy(n)}});
  std::shared_ptr<const RuleSet> rules = compiled->rule_set;
  Transaction txn = rules->NewTransaction();
  txn.set_action("sale").set_time("2024-10-01T00:00:00Z");
  txn.product().set_vendor(absl::StrCat("Vendor ", n / 2)).set_category("antivirus");
  txn.buyer().set_country("US");
  EvalState eval;
  (void)rules->Decide(txn, eval);
  long before = testing::AllocationCount();
  for (auto _ : state) {
    absl::StatusOr<Decision> d = rules->Decide(txn, eval);
    benchmark::DoNotOptimize(d);
  }
  state.counters["allocs_per_call"] =
      benchmark::Counter(static_cast<double>(testing::AllocationCount() - before) / state.iterations());
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_DecideSynthetic)->Arg(10)->Arg(100)->Arg(1000)->Arg(10000);

void BM_CompileSynthetic(benchmark::State& state) {
  std::string text = SyntheticPolicy(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    auto r = RuleSet::Compile({PolicySource{"synthetic.json", text}});
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_CompileSynthetic)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace interdict

BENCHMARK_MAIN();
