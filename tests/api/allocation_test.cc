// Decide on a transaction built through the C++ API makes no heap
// allocation once its EvalState is warm: proven by counting calls to the
// global operator new, replaced in this test binary (counting_new.cc).
#include "gtest/gtest.h"
#include "interdict/rule_set.h"
#include "tests/testing/counting_new.h"

namespace interdict {
namespace {

// Counts allocations from its construction.
class AllocationCounter {
 public:
  AllocationCounter() : start_(testing::AllocationCount()) {}
  long count() const { return testing::AllocationCount() - start_; }

 private:
  long start_;
};

TEST(AllocationTest, DecideDoesNotAllocate) {
  absl::StatusOr<std::shared_ptr<const RuleSet>> rules =
      RuleSet::CompileFilesOrError({std::string(INTERDICT_SOURCE_DIR) + "/rules/us"});
  ASSERT_TRUE(rules.ok()) << rules.status();
  // A mix: deny, allow, review with unknown fields, unknown action, lists.
  std::vector<Transaction> txns;
  for (int i = 0; i < 6; ++i) txns.push_back((*rules)->NewTransaction());
  txns[0].set_action("update").set_time("2024-09-29T00:00:00-04:00");
  txns[0].product().set_vendor("AO Kaspersky Lab").set_category("antivirus");
  txns[0].buyer().set_name("Jane Doe").set_type("consumer").set_country("US").set_customer_since("2023-05-01");
  txns[1] = txns[0];
  txns[1].set_time("2024-09-28T23:59:59-04:00");
  txns[2].set_action("sale").set_time("2024-08-01T00:00:00Z");
  txns[2].product().set_vendor("Лаборатория Касперского");
  txns[3].set_action("lease");
  txns[4].set_action("sale").set_time("2024-08-01T00:00:00Z");
  txns[4].product().set_vendor("Acme").set_category("antivirus").add_embedded_vendor("Bitdefender")
      .add_embedded_vendor("Kaspersky Lab ZAO");
  txns[4].buyer().set_name("Olena").set_type("consumer").set_country("UA").set_region("UA-43");
  txns[5].set_action("resale").set_time("2024-10-01T00:00:00Z");
  txns[5].reseller().set_name("Northwind").set_country("US");
  EvalState state;
  Verdict seen[6];
  for (size_t i = 0; i < txns.size(); ++i) {  // warm up: sizes the state
    absl::StatusOr<Decision> d = (*rules)->Decide(txns[i], state);
    ASSERT_TRUE(d.ok());
    seen[i] = d->verdict();
  }
  EXPECT_EQ(seen[0], Verdict::kDeny);
  EXPECT_EQ(seen[1], Verdict::kAllow);
  EXPECT_EQ(seen[2], Verdict::kReview);
  long allocations;
  {
    AllocationCounter counter;
    for (int round = 0; round < 100; ++round) {
      for (size_t i = 0; i < txns.size(); ++i) {
        absl::StatusOr<Decision> d = (*rules)->Decide(txns[i], state);
        if (!d.ok() || d->verdict() != seen[i]) std::abort();
      }
    }
    allocations = counter.count();
  }
  EXPECT_EQ(allocations, 0);
}

TEST(AllocationTest, CounterWorks) {
  AllocationCounter counter;
  auto* p = new std::string(100, 'x');
  delete p;
  EXPECT_GE(counter.count(), 1);
}

}  // namespace
}  // namespace interdict
