// Fuzzes party screening: the input is read as a party list file (JSON
// reader and list reader, with positioned errors); whatever reads is
// compiled into a screener and screened with a few names; and the input
// itself, as a name, is normalised and screened (index and scan must agree)
// against a small fixed list. Nothing may crash, hang or disagree.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "lib/common/source.h"
#include "lib/matching/normalizer.h"
#include "lib/matching/screener.h"
#include "lib/parse/party_list.h"

namespace {

using namespace interdict::internal;

void Agree(const Screener& s, const std::string& key) {
  static ScreenScratch scratch;
  std::vector<ScreenHit> indexed, scanned;
  s.Screen(key, 0.8, 20, scratch, &indexed);
  s.Scan(key, 0.8, 20, &scanned);
  if (indexed.size() != scanned.size()) std::abort();
  for (size_t i = 0; i < indexed.size(); ++i) {
    if (indexed[i].entry != scanned[i].entry || indexed[i].name != scanned[i].name ||
        indexed[i].score != scanned[i].score) {
      std::abort();
    }
  }
  const int c = s.Classify(key, 0.8, scratch);
  if (c != (indexed.empty() ? 0 : indexed[0].exact ? 2 : 1)) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 64 * 1024) return 0;
  std::string text(reinterpret_cast<const char*>(data), size);
  // As a list file.
  {
    Source source("fuzz.json", text);
    std::vector<interdict::Issue> issues;
    Diagnostics diag(source, &issues);
    std::optional<JsonNode> root = ReadJson(diag);
    if (root.has_value()) {
      std::optional<PartyListData> list = ReadPartyList(*root, diag);
      if (list.has_value() && list->entries.size() <= 2000) {
        std::unique_ptr<Screener> s = BuildScreener(*list);
        for (const char* q : {"Andrei Tikhonov", "acme", "a b c"}) Agree(*s, NormalizeName(q).key);
        (void)WritePartyList(*list);
      }
    }
  }
  // As a name.
  static const Screener* fixed = new Screener(
      {{"TIKHONOV, Andrei Gennadyevich", "TIKHONOV, Andrey"}, {"AO Kaspersky Lab", "Лаборатория Касперского"},
       {"BIN LADIN, Usama bin Muhammad bin Awad"}, {"A.X."}, {"ROSNEFT TRADING SA"}},
      {true, false, true, false, false});
  if (size <= 512) Agree(*fixed, NormalizeName(text).key);
  return 0;
}
