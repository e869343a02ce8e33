// Name screening against the full OFAC SDN list (2026-08-20: 19,249
// entries, 39,443 names with aliases), from tests/data/sanctions/.
//
//   BM_ScreenExact    a name that is on the list, exactly after normalisation:
//                     normalising it and finding the entry
//   BM_ScreenFuzzy    the queries of the accuracy table (true pairs, near
//                     misses, everyday names), through the index
//   BM_ScreenScan     the same queries, comparing with every name: the baseline
//   BM_ScreenCompile  building the screener (normalising every name, indexes)
//
// Before timing, the fixture checks that the index and the scan give the
// same hits on every query, so the ratio compares equal answers.
#include <cstdio>
#include <cstdlib>

#include "benchmark/benchmark.h"
#include "lib/matching/normalizer.h"
#include "lib/matching/screener.h"
#include "lib/parse/party_list.h"
#include "tests/testing/counting_new.h"

namespace interdict {
namespace {

using internal::NormalizeName;
using internal::ScreenHit;
using internal::Screener;
using internal::ScreenScratch;

const char* const kFuzzyQueries[] = {
    // true pairs (tests/matching/screener_test.cc)
    "Andrei Tikhonov", "Andrei Gennadievich Tikhonov", "Daniil Borschov", "Marina Aleskeeva",
    "Marina Alekseyeva", "Mikhail Yuryevich Gerber", "Anton Mihailovich Ivanov", "Denis Zenkin",
    "Andrei Dukhvalov", "Kamis Gadafi", "Nicolas Maduro", "Hassan Nasrallah",
    // near misses and everyday names
    "Ivanov", "Khamis Al", "J Smith", "Maria Tikhonova", "Andrei Smirnov", "Mohamed Ali",
    "Jane Doe", "John Smith", "Contoso Ltd", "Emily Johnson", "Jose Hernandez", "Northwind Traders",
};

struct Fixture {
  internal::PartyListData list;
  std::unique_ptr<Screener> screener;
  std::vector<std::string> fuzzy_keys;
  size_t heap_bytes = 0;

  Fixture() {
    std::vector<std::string> notes;
    auto imported = internal::ImportPartyList(
        "ofac-sdn", std::string(INTERDICT_SOURCE_DIR) + "/tests/data/sanctions/ofac_sdn_names_2026-08-20/ofac-sdn.csv",
        &notes);
    if (!imported.ok()) {
      std::fprintf(stderr, "cannot import the SDN list: %s\n", std::string(imported.status().message()).c_str());
      std::abort();
    }
    list = std::move(*imported);
    const long long before = testing::LiveBytes();
    screener = internal::BuildScreener(list);
    heap_bytes = static_cast<size_t>(testing::LiveBytes() - before);
    for (const char* q : kFuzzyQueries) fuzzy_keys.push_back(NormalizeName(q).key);
    // The index must answer exactly as the scan does.
    ScreenScratch scratch;
    std::vector<ScreenHit> a, b;
    for (const std::string& key : fuzzy_keys) {
      screener->Screen(key, 0.9, 10, scratch, &a);
      screener->Scan(key, 0.9, 10, &b);
      bool same = a.size() == b.size();
      for (size_t i = 0; same && i < a.size(); ++i) {
        same = a[i].entry == b[i].entry && a[i].name == b[i].name && a[i].score == b[i].score;
      }
      if (!same) {
        std::fprintf(stderr, "index and scan disagree on \"%s\"\n", key.c_str());
        std::abort();
      }
    }
  }
};

Fixture& Shared() {
  static Fixture* f = new Fixture();
  return *f;
}

void BM_ScreenExact(benchmark::State& state) {
  // From the raw name: normalise, then look up (what Decide needs for a deny;
  // it stops at the exact hit).
  Fixture& f = Shared();
  ScreenScratch scratch;
  int outcome = 0;
  for (auto _ : state) {
    internal::NormalizedName n = NormalizeName("Tikhonov, Andrey");
    outcome = f.screener->Classify(n.key, 0.9, scratch);
    benchmark::DoNotOptimize(outcome);
  }
  if (outcome != 2) state.SkipWithError("no exact hit");
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ScreenExact);

// Normalising a name (ICU for non-ASCII), the step before a screen.
void BM_NormalizeName(benchmark::State& state) {
  for (auto _ : state) {
    internal::NormalizedName n = NormalizeName(state.range(0) == 0 ? "TIKHONOV, Andrei Gennadyevich" : "Тихонов Андрей Геннадьевич");
    benchmark::DoNotOptimize(n);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_NormalizeName)->Arg(0)->Arg(1);

void BM_ScreenFuzzy(benchmark::State& state) {
  Fixture& f = Shared();
  ScreenScratch scratch;
  std::vector<ScreenHit> hits;
  size_t i = 0;
  for (auto _ : state) {
    f.screener->Screen(f.fuzzy_keys[i], 0.9, 10, scratch, &hits);
    benchmark::DoNotOptimize(hits);
    if (++i == f.fuzzy_keys.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ScreenFuzzy);

void BM_ScreenScan(benchmark::State& state) {
  Fixture& f = Shared();
  std::vector<ScreenHit> hits;
  size_t i = 0;
  for (auto _ : state) {
    f.screener->Scan(f.fuzzy_keys[i], 0.9, 10, &hits);
    benchmark::DoNotOptimize(hits);
    if (++i == f.fuzzy_keys.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ScreenScan)->Unit(benchmark::kMicrosecond);

void BM_ScreenCompile(benchmark::State& state) {
  Fixture& f = Shared();
  for (auto _ : state) {
    std::unique_ptr<Screener> s = internal::BuildScreener(f.list);
    benchmark::DoNotOptimize(s);
  }
  state.counters["names"] = static_cast<double>(f.screener->name_count());
  state.counters["tokens"] = static_cast<double>(f.screener->token_count());
  state.counters["heap_MB"] = static_cast<double>(f.heap_bytes) / (1 << 20);
}
BENCHMARK(BM_ScreenCompile)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace
}  // namespace interdict
