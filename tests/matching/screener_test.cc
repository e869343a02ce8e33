// Name screening: Jaro-Winkler, the screener's scoring, its index against
// the brute-force scan, and accuracy on the real OFAC SDN list.
#include "lib/matching/screener.h"

#include <fstream>
#include <map>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/matching/jaro_winkler.h"
#include "lib/matching/normalizer.h"
#include "lib/parse/party_list.h"

namespace interdict::internal {
namespace {

const std::string kData = std::string(INTERDICT_SOURCE_DIR) + "/tests/data/sanctions/";

TEST(JaroWinklerTest, PublishedExamples) {
  // Winkler (1990), as re-checked in tests/data/sanctions/README (shared copy).
  EXPECT_NEAR(Jaro("MARTHA", "MARHTA"), 0.9444, 1e-4);
  EXPECT_NEAR(JaroWinkler("MARTHA", "MARHTA"), 0.9611, 1e-4);
  EXPECT_NEAR(Jaro("DWAYNE", "DUANE"), 0.8222, 1e-4);
  EXPECT_NEAR(JaroWinkler("DWAYNE", "DUANE"), 0.8400, 1e-4);
  EXPECT_NEAR(Jaro("DIXON", "DICKSONX"), 0.7667, 1e-4);
  EXPECT_NEAR(JaroWinkler("DIXON", "DICKSONX"), 0.8133, 1e-4);
  EXPECT_NEAR(JaroWinkler("JELLYFISH", "SMELLYFISH"), 0.8963, 1e-4);
  EXPECT_EQ(JaroWinkler("", ""), 1.0);
  EXPECT_EQ(JaroWinkler("a", ""), 0.0);
  EXPECT_EQ(JaroWinkler("abc", "xyz"), 0.0);
  EXPECT_EQ(JaroWinkler("same", "same"), 1.0);
  // Symmetric, and long strings work (heap path).
  std::string a(100, 'a'), b(100, 'a');
  b[50] = 'b';
  EXPECT_NEAR(JaroWinkler(a, b), JaroWinkler(b, a), 1e-12);
  EXPECT_GT(JaroWinkler(a, b), 0.99);
}

TEST(JaroWinklerTest, LongestCommonSubsequence) {
  EXPECT_EQ(LongestCommonSubsequence("borshchev", "borschev"), 8);
  EXPECT_EQ(LongestCommonSubsequence("efremov", "yefremov"), 7);
  EXPECT_EQ(LongestCommonSubsequence("abc", "xyz"), 0);
  EXPECT_EQ(LongestCommonSubsequence("", "abc"), 0);
  EXPECT_EQ(LongestCommonSubsequence(std::string(80, 'x'), std::string(70, 'x')), 70);
}

double Score(const std::string& query, const std::string& listed) {
  return Screener::Score(NormalizeName(query).key, NormalizeName(listed).key);
}

TEST(ScoreTest, Rules) {
  // Exact after normalisation.
  EXPECT_EQ(Score("Tikhonov, Andrey", "Andrey TIKHONOV"), 1.0);
  // A transliteration variant and a missing patronymic: near.
  EXPECT_GT(Score("Andrei Tikhonov", "TIKHONOV, Andrey"), 0.95);
  EXPECT_GT(Score("Andrei Tikhonov", "TIKHONOV, Andrei Gennadyevich"), 0.9);
  EXPECT_LT(Score("Andrei Tikhonov", "TIKHONOV, Andrei Gennadyevich"), 1.0);
  // One common word against a two-word name is not a candidate.
  EXPECT_EQ(Score("Khamis", "GADDAFI, Khamis"), 0.0);
  EXPECT_EQ(Score("Ivanov", "IVANOV, Anton"), 0.0);
  EXPECT_LT(Score("Khamis Al", "NAJJAR, Khamis"), 0.9);
  // Initials never count as evidence alone.
  EXPECT_EQ(Score("J Smith", "SMITH, John"), 0.0);
  EXPECT_GT(Score("J Smith", "SMITH, J"), 0.99);
  // Legal forms vanish: "CORP" is nothing to screen.
  EXPECT_EQ(NormalizeName("CORP").key, "");
  EXPECT_EQ(Score("Rosneft Trading SA", "ROSNEFT TRADING"), 1.0);
  // A query word the listed name lacks lowers the score by its share.
  EXPECT_LT(Score("Andrei Tikhonov Petrovich Smith", "TIKHONOV, Andrei"), 0.9);
  // People: a surname token must pair.
  EXPECT_EQ(Screener::Score(NormalizeName("Mohamed Ali").key, "RAGE, Ali Mohamed", true), 0.0);
  EXPECT_GT(Screener::Score(NormalizeName("Nicolas Maduro").key, "MADURO MOROS, Nicolas", true), 0.9);
  EXPECT_GT(Screener::Score(NormalizeName("Mohamed Ali").key, "ALI, Mohamed Mire", true), 0.9);
}

TEST(ScoreTest, ExplainsThePairing) {
  Screener::Explanation e =
      Screener::Explain(NormalizeName("Andrei Tikhonov").key, NormalizeName("TIKHONOV, Andrei Gennadyevich").key);
  EXPECT_TRUE(e.candidate);
  ASSERT_EQ(e.pairs.size(), 2u);
  EXPECT_EQ(e.pairs[0].query, "andrei");
  EXPECT_EQ(e.pairs[0].similarity, 1.0);
  EXPECT_THAT(e.unpaired_listed, ::testing::ElementsAre("gennadyevich"));
  EXPECT_TRUE(e.unpaired_query.empty());
  EXPECT_NEAR(e.score, Score("Andrei Tikhonov", "TIKHONOV, Andrei Gennadyevich"), 1e-12);
}

// The watchman BestPairsJaroWinkler pairs: a different, case-sensitive and
// asymmetric scoring (tests/data/sanctions/README), so only the clear cases
// are compared: pairs watchman scores at 0.95 or more should at least be near
// matches, pairs it scores under 0.6 should not match. The disagreements are
// listed, each for a reason.
TEST(ScoreTest, AgreesWithWatchmanOnClearCases) {
  std::ifstream in(kData + "name_matching_vectors/watchman_bestpairs_jaro_winkler.tsv");
  ASSERT_TRUE(in) << "missing test vectors";
  // indexed \t search: why we differ.
  const std::map<std::pair<std::string, std::string>, std::string> kDisagree = {
      // watchman scores word fragments; one shared word of two is not enough for us.
      {{"the group for the preservation of the holy sites", "the group"}, "one word of several"},
      {{"!@#$%", "!@#$%"}, "nothing is left to compare after normalisation"},
  };
  int compared = 0, rows = 0;
  std::string line;
  bool header = true;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (header) {
      header = false;
      continue;
    }
    std::vector<std::string> f = absl::StrSplit(line, '\t');
    ASSERT_EQ(f.size(), 3u) << line;
    ++rows;
    const double expected = std::stod(f[2]);
    const double ours = Score(f[1], f[0]);
    if (kDisagree.count({f[0], f[1]})) continue;
    if (expected >= 0.95) {
      ++compared;
      EXPECT_GE(ours, 0.9) << "indexed \"" << f[0] << "\" search \"" << f[1] << "\" watchman " << expected;
    } else if (expected < 0.6) {
      ++compared;
      EXPECT_LT(ours, 0.9) << "indexed \"" << f[0] << "\" search \"" << f[1] << "\" watchman " << expected;
    }
  }
  EXPECT_EQ(rows, 78);
  EXPECT_GT(compared, 30);
}

// ---- the real SDN list ----

class SdnTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::vector<std::string> notes;
    absl::StatusOr<PartyListData> list =
        ImportPartyList("ofac-sdn", kData + "ofac_sdn_names_2026-08-20/ofac-sdn.csv", &notes);
    ASSERT_TRUE(list.ok()) << list.status();
    list_ = new PartyListData(std::move(*list));
    screener_ = BuildScreener(*list_).release();
  }

  std::vector<ScreenHit> Screen(const std::string& query, double threshold = 0.9) {
    std::vector<ScreenHit> hits;
    screener_->Screen(NormalizeName(query).key, threshold, 10, scratch_, &hits);
    return hits;
  }
  static const std::string& Id(const ScreenHit& h) { return list_->entries[h.entry].id; }
  static const std::string& NameOf(const ScreenHit& h) {
    const PartyRecord& e = list_->entries[h.entry];
    return h.name == 0 ? e.name : e.aliases[h.name - 1].name;
  }

  static PartyListData* list_;
  static Screener* screener_;
  ScreenScratch scratch_;
};
PartyListData* SdnTest::list_ = nullptr;
Screener* SdnTest::screener_ = nullptr;

TEST_F(SdnTest, Size) {
  EXPECT_EQ(screener_->entry_count(), 19249u);
  EXPECT_EQ(screener_->name_count(), 19249u + 20194u);
}

// True pairs: each query must find the entry, exactly or near.
TEST_F(SdnTest, FindsTheListedParty) {
  struct Case {
    const char* query;
    const char* id;
    bool exact;
  };
  const Case cases[] = {
      {"Andrey Tikhonov", "45815", true},                  // alias, word order
      {"TIKHONOV, Andrey", "45815", true},
      {"Тихонов Андрей", "45815", true},                   // Cyrillic, BGN/PCGN
      {"Andrei Tikhonov", "45815", false},                 // Andrei/Andrey
      {"Andrei Gennadievich Tikhonov", "45815", false},    // patronymic spelt differently
      {"Daniil Borschov", "45862", false},                 // one letter off
      {"Marina Aleskeeva", "45854", false},                // the listed typo, patronymic missing
      {"Marina Alekseyeva", "45854", false},
      {"Mikhail Yuryevich Gerber", "45856", false},        // "Yuyevich" as listed
      {"Anton Mihailovich Ivanov", "45858", false},
      {"Denis Zenkin", "45864", false},                    // patronymic missing
      {"Andrey Doukhvalov", "45863", true},
      {"Andrei Dukhvalov", "45863", false},
      {"Vladimir Putin", "35096", true},
      {"Kamis Gadafi", "12607", false},
      {"Nicolas Maduro", "22790", false},                  // one of two surnames
      {"Nicolás Maduro Moros", "22790", true},             // accents
      {"Usama bin Ladin", "6365", true},
      {"Hassan Nasrallah", "2686", false},
      {"Bank Melli Iran", "25578", true},
  };
  for (const Case& c : cases) {
    std::vector<ScreenHit> hits = Screen(c.query);
    bool found = false;
    for (const ScreenHit& h : hits) {
      if (Id(h) == c.id) {
        found = true;
        EXPECT_EQ(h.exact, c.exact) << c.query << " -> " << NameOf(h) << " " << h.score;
        if (!h.exact) {
          EXPECT_GE(h.score, 0.9);
        }
      }
    }
    EXPECT_TRUE(found) << c.query << " did not find entry " << c.id;
  }
}

// Near misses that must not match.
TEST_F(SdnTest, DoesNotMatchNearMisses) {
  // A common surname or given name alone.
  EXPECT_THAT(Screen("Ivanov"), ::testing::IsEmpty());
  EXPECT_THAT(Screen("Khamis"), ::testing::IsEmpty());
  // OFAC's own portal scores 20 names at 100% for "Khamis Al"; none should match.
  for (const ScreenHit& h : Screen("Khamis Al")) {
    ADD_FAILURE() << "Khamis Al matched " << NameOf(h) << " " << h.score;
  }
  // Legal forms only, initials only.
  EXPECT_THAT(Screen("CORP"), ::testing::IsEmpty());
  EXPECT_THAT(Screen("LLC Ltd"), ::testing::IsEmpty());
  EXPECT_THAT(Screen("J Smith"), ::testing::IsEmpty());
  EXPECT_THAT(Screen("A B C"), ::testing::IsEmpty());
  // Another person sharing given names, or the surname with another given name.
  for (const char* q : {"Maria Tikhonova", "Andrei Smirnov", "Sergei Tikhonov"}) {
    for (const ScreenHit& h : Screen(q)) EXPECT_NE(Id(h), "45815") << q << " matched " << NameOf(h);
  }
  for (const ScreenHit& h : Screen("Mohamed Ali")) {
    EXPECT_NE(Id(h), "32796") << "RAGE, Ali Mohamed: the surname did not pair";
    EXPECT_NE(Id(h), "44602") << "NKALUBO, Mohamed Ali: the surname did not pair";
  }
  // Everyday names of customers.
  for (const char* q : {"Jane Doe", "John Smith", "Contoso Ltd", "Emily Johnson", "Jose Hernandez", "Northwind Traders"}) {
    for (const ScreenHit& h : Screen(q)) ADD_FAILURE() << q << " matched " << NameOf(h) << " " << h.score;
  }
}

// Every name on the list finds its own entry exactly; with one letter
// dropped from its longest word, it still finds it (near).
TEST_F(SdnTest, SelfRecall) {
  size_t queried = 0, exact = 0, mutated = 0, recalled = 0;
  for (size_t e = 0; e < list_->entries.size(); e += 7) {
    const PartyRecord& entry = list_->entries[e];
    const std::string& name = entry.aliases.empty() ? entry.name : entry.aliases[0].name;
    const std::string key = NormalizeName(name).key;
    ++queried;
    for (const ScreenHit& h : Screen(name)) exact += h.exact && h.entry == e;
    // Drop the middle letter of the longest word of 6+ letters.
    std::vector<std::string> tokens = absl::StrSplit(key, ' ');
    size_t longest = 0;
    for (size_t i = 1; i < tokens.size(); ++i) {
      if (tokens[i].size() > tokens[longest].size()) longest = i;
    }
    if (tokens.size() < 2 || tokens[longest].size() < 6) continue;
    tokens[longest].erase(tokens[longest].size() / 2, 1);
    ++mutated;
    for (const ScreenHit& h : Screen(absl::StrJoin(tokens, " "))) recalled += h.entry == e;
  }
  EXPECT_EQ(exact, queried);
  EXPECT_GE(static_cast<double>(recalled) / mutated, 0.95) << recalled << " of " << mutated;
  RecordProperty("self_recall_mutated", absl::StrCat(recalled, "/", mutated));
}

// The index finds exactly what comparing with every name finds.
TEST_F(SdnTest, IndexEqualsScan) {
  std::vector<std::string> queries = {
      "Andrei Tikhonov", "Kamis Gadafi", "Nicolas Maduro", "Mohamed Ali", "Khamis Al", "Gazprom neft",
      "Bank Melli", "Hassan Nasrallah", "Osama bin Laden", "J Smith", "Ali Hassan", "Abdul Rahman",
  };
  for (size_t e = 3; e < list_->entries.size(); e += 97) {
    std::string key = NormalizeName(list_->entries[e].name).key;
    if (key.size() > 6) key.erase(key.size() / 2, 1);
    queries.push_back(key);
  }
  std::vector<ScreenHit> indexed, scanned;
  for (const std::string& q : queries) {
    const std::string key = NormalizeName(q).key;
    screener_->Screen(key, 0.85, 50, scratch_, &indexed);
    screener_->Scan(key, 0.85, 50, &scanned);
    ASSERT_EQ(indexed.size(), scanned.size()) << q;
    for (size_t i = 0; i < indexed.size(); ++i) {
      EXPECT_EQ(indexed[i].entry, scanned[i].entry) << q;
      EXPECT_EQ(indexed[i].name, scanned[i].name) << q;
      EXPECT_EQ(indexed[i].exact, scanned[i].exact) << q;
      EXPECT_DOUBLE_EQ(indexed[i].score, scanned[i].score) << q;
    }
    const int c = screener_->Classify(key, 0.85, scratch_);
    EXPECT_EQ(c, indexed.empty() ? 0 : indexed[0].exact ? 2 : 1) << q;
  }
}

TEST(ScreenerTest, SmallListsAndEdges) {
  Screener s({{"AO Kaspersky Lab", "Kaspersky Lab ZAO", "LLC"}, {"Kaspersky Labs Limited"}, {"A.X."}});
  ScreenScratch scratch;
  std::vector<ScreenHit> hits;
  s.Screen(NormalizeName("Kaspersky Lab").key, 0.9, 10, scratch, &hits);
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_TRUE(hits[0].exact);
  EXPECT_EQ(hits[0].entry, 0u);
  EXPECT_EQ(hits[0].name, 0u);  // one hit per entry: the first name with that key
  EXPECT_FALSE(hits[1].exact);  // "labs" ~ "lab"
  EXPECT_EQ(hits[1].entry, 1u);
  s.Screen("", 0.9, 10, scratch, &hits);
  EXPECT_TRUE(hits.empty());
  s.Screen(NormalizeName("ax").key, 0.9, 10, scratch, &hits);  // "A.X." is "ax"
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_TRUE(hits[0].exact);
  s.Screen(NormalizeName("Kaspersky Lab").key, 0.9, 1, scratch, &hits);
  EXPECT_EQ(hits.size(), 1u);  // max_hits
  // A scratch moves between screeners of different sizes.
  Screener other({{"Something Else Entirely"}});
  other.Screen(NormalizeName("Something Else Entirly").key, 0.9, 10, scratch, &hits);
  EXPECT_EQ(hits.size(), 1u);
  s.Screen(NormalizeName("Kaspersky Lab").key, 0.9, 10, scratch, &hits);
  EXPECT_EQ(hits.size(), 2u);
  // Very long queries and tokens do not overflow anything.
  std::string long_query;
  for (int i = 0; i < 40; ++i) long_query += "kaspersky" + std::to_string(i) + " ";
  long_query += std::string(200, 'x');
  s.Screen(NormalizeName(long_query).key, 0.5, 10, scratch, &hits);
  Screener empty({});
  empty.Screen("kaspersky", 0.5, 10, scratch, &hits);
  EXPECT_TRUE(hits.empty());
}

}  // namespace
}  // namespace interdict::internal
