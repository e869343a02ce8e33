// Many threads deciding on one shared RuleSet, each with its own EvalState,
// must get exactly the single-threaded answers. Run under TSan by `make tsan`.
#include <atomic>
#include <thread>
#include <vector>

#include "gtest/gtest.h"
#include "interdict/json.h"
#include "interdict/rule_set.h"

namespace interdict {
namespace {

TEST(ConcurrencyTest, SharedRuleSetManyThreads) {
  absl::StatusOr<std::shared_ptr<const RuleSet>> compiled =
      RuleSet::CompileFilesOrError({std::string(INTERDICT_SOURCE_DIR) + "/rules/us"});
  ASSERT_TRUE(compiled.ok()) << compiled.status();
  std::shared_ptr<const RuleSet> rules = *compiled;
  const std::vector<std::string> docs = {
      R"({"action": "update", "time": "2024-09-29T04:00:00Z", "product": {"vendor": "AO Kaspersky Lab", "category": "antivirus"}, "buyer": {"name": "J", "type": "consumer", "country": "US", "customer_since": "2023-01-01"}})",
      R"({"action": "sale", "time": "2024-08-01T00:00:00Z", "product": {"vendor": "Лаборатория Касперского"}, "buyer": {"name": "Й", "type": "consumer"}})",
      R"({"action": "sale", "time": "2024-08-01T00:00:00Z", "product": {"vendor": "Contoso"}, "buyer": {"name": "O", "type": "consumer", "country": "UA", "region": "UA-43"}})",
      R"({"action": "resale", "time": "2024-08-01T00:00:00Z", "product": {"vendor": "Kaspersky Lab ZAO", "category": "antivirus"}, "buyer": {"name": "K", "type": "consumer", "country": "US"}})",
      // Party screening: an exact and a near match on the SDN list, and a
      // clean name that goes through the whole fuzzy index.
      R"({"action": "sale", "time": "2026-09-01T00:00:00Z", "product": {"vendor": "Contoso"}, "buyer": {"name": "Tikhonov Andrey", "type": "consumer", "country": "DE"}})",
      R"({"action": "sale", "time": "2026-09-01T00:00:00Z", "product": {"vendor": "Contoso"}, "buyer": {"name": "Andrei Tikhonov", "type": "consumer", "country": "DE"}})",
      R"({"action": "sale", "time": "2026-09-01T00:00:00Z", "product": {"vendor": "Contoso"}, "buyer": {"name": "Northwind Traders", "type": "business", "country": "DE"}, "end_user": {"name": "Maria Schneider"}})",
  };
  std::vector<Transaction> txns;
  std::vector<std::string> expected;
  EvalState state;
  for (const std::string& doc : docs) {
    txns.push_back(rules->NewTransaction());
    ASSERT_TRUE(ParseTransactionJson(doc, &txns.back()).ok());
    absl::StatusOr<Decision> d = rules->Decide(txns.back(), state);
    ASSERT_TRUE(d.ok());
    expected.push_back(DecisionToJson(*d, *rules));
  }
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      EvalState local;
      for (int i = 0; i < 2000; ++i) {
        size_t k = (i + t) % txns.size();
        absl::StatusOr<Decision> d = rules->Decide(txns[k], local);
        if (!d.ok() || DecisionToJson(*d, *rules) != expected[k]) ++mismatches;
        if (i % 200 == 0) {
          absl::StatusOr<Explanation> e = rules->Explain(txns[k]);
          if (!e.ok()) ++mismatches;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(mismatches.load(), 0);
}

TEST(ConcurrencyTest, SwapRuleSetWhileDeciding) {
  // One policy, so that reloading it is cheap under TSan (the SDN list takes
  // seconds to load there); screening is covered by the test above.
  auto load = []() {
    return *RuleSet::CompileFilesOrError({std::string(INTERDICT_SOURCE_DIR) + "/rules/us/kaspersky-2024.json"});
  };
  std::shared_ptr<const RuleSet> current = load();
  std::atomic<bool> stop{false};
  std::atomic<int> decided{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 4; ++t) {
    readers.emplace_back([&] {
      EvalState state;
      while (!stop.load()) {
        std::shared_ptr<const RuleSet> rules = std::atomic_load(&current);
        Transaction txn = rules->NewTransaction();
        txn.set_action("sale").set_time("2024-08-01T00:00:00Z");
        txn.buyer().set_name("Jane").set_country("US");
        if (rules->Decide(txn, state).ok()) ++decided;
      }
    });
  }
  for (int i = 0; i < 5; ++i) std::atomic_store(&current, std::shared_ptr<const RuleSet>(load()));
  stop = true;
  for (auto& th : readers) th.join();
  EXPECT_GT(decided.load(), 0);
}

}  // namespace
}  // namespace interdict
