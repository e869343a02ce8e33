// Party list files and the importers, on the real published lists in
// tests/data/sanctions/ (counts from that directory's README).
#include "lib/parse/party_list.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "lib/common/source.h"

namespace interdict::internal {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

const std::string kData = std::string(INTERDICT_SOURCE_DIR) + "/tests/data/sanctions/";

const PartyRecord* Find(const PartyListData& list, const std::string& id) {
  for (const PartyRecord& e : list.entries) {
    if (e.id == id) return &e;
  }
  return nullptr;
}

TEST(ImportTest, OfacSdnLegacyWithAliasesAndAddresses) {
  std::vector<std::string> notes;
  absl::StatusOr<PartyListData> list = ImportPartyList("ofac-sdn", kData + "ofac_sdn_2023-12-28", &notes);
  ASSERT_TRUE(list.ok()) << list.status();
  EXPECT_EQ(list->entries.size(), 13821u);
  size_t aliases = 0, with_aliases = 0, no_country = 0;
  std::map<std::string, int> types, kinds;
  for (const PartyRecord& e : list->entries) {
    aliases += e.aliases.size();
    with_aliases += !e.aliases.empty();
    no_country += e.countries.empty();
    ++types[e.type];
    for (const PartyAlias& a : e.aliases) ++kinds[a.kind];
  }
  EXPECT_EQ(aliases, 17091u);
  EXPECT_EQ(with_aliases, 6667u);
  EXPECT_EQ(types["individual"], 6646);
  EXPECT_EQ(types["entity"], 6033);  // blank type in the file
  EXPECT_EQ(types["vessel"], 764);
  EXPECT_EQ(types["aircraft"], 378);
  EXPECT_EQ(kinds["aka"], 16507);
  EXPECT_EQ(kinds["fka"], 567);
  EXPECT_EQ(kinds["nka"], 17);
  // Every alias and address row names an entry.
  for (const std::string& n : notes) EXPECT_THAT(n, Not(HasSubstr("name no entry")));
  // The first entry, with its -0- fields and CRLF, and its address in Havana.
  const PartyRecord* cubana = Find(*list, "36");
  ASSERT_NE(cubana, nullptr);
  EXPECT_EQ(cubana->name, "AEROCARIBBEAN AIRLINES");
  EXPECT_EQ(cubana->type, "entity");
  EXPECT_THAT(cubana->programs, ElementsAre("CUBA"));
  EXPECT_THAT(cubana->countries, ElementsAre("CU"));
  ASSERT_EQ(cubana->aliases.size(), 1u);
  EXPECT_EQ(cubana->aliases[0].name, "AERO-CARIBBEAN");
  EXPECT_EQ(cubana->aliases[0].kind, "aka");
  // Multi-program fields: "[SDGT] [IFSR]" is two programs.
  size_t multi = 0;
  for (const PartyRecord& e : list->entries) multi += e.programs.size() > 1;
  EXPECT_GT(multi, 100u);
  // Countries written out map to ISO codes ("Russia", "Korea, North", "Burma").
  std::map<std::string, int> countries;
  for (const PartyRecord& e : list->entries) {
    for (const std::string& c : e.countries) ++countries[c];
  }
  EXPECT_GT(countries["RU"], 1000);
  EXPECT_GT(countries["KP"], 50);
  EXPECT_GT(countries["MM"], 50);
}

TEST(ImportTest, OfacSdnOneFileWithHeader) {
  std::vector<std::string> notes;
  absl::StatusOr<PartyListData> list =
      ImportPartyList("ofac-sdn", kData + "ofac_sdn_names_2026-08-20/ofac-sdn.csv", &notes);
  ASSERT_TRUE(list.ok()) << list.status();
  EXPECT_EQ(list->entries.size(), 19249u);
  size_t aliases = 0;
  for (const PartyRecord& e : list->entries) aliases += e.aliases.size();
  EXPECT_EQ(aliases, 20194u);
  const PartyRecord* tikhonov = Find(*list, "45815");
  ASSERT_NE(tikhonov, nullptr);
  EXPECT_EQ(tikhonov->name, "TIKHONOV, Andrei Gennadyevich");
  EXPECT_EQ(tikhonov->type, "individual");
  EXPECT_THAT(tikhonov->programs, ElementsAre("RUSSIA-EO14024"));
  ASSERT_EQ(tikhonov->aliases.size(), 1u);
  EXPECT_EQ(tikhonov->aliases[0].name, "TIKHONOV, Andrey");
  const PartyRecord* aleskeeva = Find(*list, "45854");
  ASSERT_NE(aleskeeva, nullptr);
  EXPECT_EQ(aleskeeva->aliases.size(), 2u);
}

TEST(ImportTest, OfacConsolidated) {
  std::vector<std::string> notes;
  absl::StatusOr<PartyListData> list =
      ImportPartyList("ofac-cons", kData + "ofac_consolidated_non_sdn_2025-12", &notes);
  ASSERT_TRUE(list.ok()) << list.status();
  EXPECT_EQ(list->entries.size(), 442u);
  size_t aliases = 0;
  for (const PartyRecord& e : list->entries) aliases += e.aliases.size();
  EXPECT_EQ(aliases, 1073u);
}

TEST(ImportTest, BisDeniedPersonsSurvivesDirtyRows) {
  std::vector<std::string> notes;
  absl::StatusOr<PartyListData> list =
      ImportPartyList("bis-dpl", kData + "bis_denied_persons_2022-09/dpl.txt", &notes);
  ASSERT_TRUE(list.ok()) << list.status();
  EXPECT_EQ(list->entries.size(), 459u);  // one per distinct name, not per address row
  const PartyRecord* ash = Find(*list, "I. ASH");  // written " I. ASH" with a leading space
  ASSERT_NE(ash, nullptr);
  EXPECT_THAT(ash->countries, ElementsAre("US"));
  EXPECT_NE(Find(*list, "AL-NASER AIRLINES"), nullptr);  // written with two spaces
  EXPECT_EQ(Find(*list, "AL-NASER  AIRLINES"), nullptr);
}

TEST(ImportTest, NamesTsvFromTheSharedDataWhenPresent) {
  const std::string path = std::string(INTERDICT_SOURCE_DIR) +
                           "/../shared/data/sanctions/us_export_lists_names/us_export_lists_names.tsv";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << path << " is not on this machine";
  std::vector<std::string> notes;
  absl::StatusOr<PartyListData> list = ImportPartyList("names-tsv", path, &notes);
  ASSERT_TRUE(list.ok()) << list.status();
  EXPECT_EQ(list->entries.size(), 4002u);
  size_t aliases = 0;
  const PartyRecord* kaspersky = nullptr;
  for (const PartyRecord& e : list->entries) {
    aliases += e.aliases.size();
    if (e.name == "AO Kaspersky Lab") kaspersky = &e;
  }
  // 5,355 in the file; two are nothing but legal-form or stop words ("FGUP",
  // "and"), which no policy could load: left out, with a note each.
  EXPECT_EQ(aliases, 5353u);
  EXPECT_THAT(notes, Contains(HasSubstr("alias \"FGUP\" has no name left after normalisation")));
  ASSERT_NE(kaspersky, nullptr);
  EXPECT_THAT(kaspersky->countries, ElementsAre("RU"));
  EXPECT_THAT(kaspersky->programs, ElementsAre("us-bis-entity-list"));
  bool apostrophe = false;
  for (const PartyAlias& a : kaspersky->aliases) apostrophe |= a.name == "Kaspersky\u2019s Laboratory";
  EXPECT_TRUE(apostrophe);
}

class TempDir : public ::testing::Test {
 protected:
  std::string Write(const std::string& name, const std::string& text) {
    std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                absl::StrCat("interdict_party_list_", getpid());
    std::filesystem::create_directories(dir);
    std::string path = (dir / name).string();
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }
};

using NamesTsvTest = TempDir;

TEST_F(NamesTsvTest, SmallFileAndBadHeader) {
  std::vector<std::string> notes;
  std::string ok = Write("ok.tsv",
                         "list_id\tsource_row\tname\taliases\tcountries\n"
                         "us-bis-entity-list\t7\tKaspersky Labs Limited\tKaspersky Labs; Kaspersky Labs Ltd\tUnited Kingdom\n"
                         "us-bis-entity-list\t8\t\t\tRussia\n"
                         "us-dhs-uflpa\t2\tExample  Co\t\tChina; Atlantis\n");
  absl::StatusOr<PartyListData> list = ImportPartyList("names-tsv", ok, &notes);
  ASSERT_TRUE(list.ok()) << list.status();
  ASSERT_EQ(list->entries.size(), 2u);
  EXPECT_EQ(list->entries[0].id, "us-bis-entity-list:7");
  EXPECT_THAT(list->entries[0].countries, ElementsAre("GB"));
  EXPECT_EQ(list->entries[0].aliases.size(), 2u);
  EXPECT_EQ(list->entries[1].name, "Example Co");
  EXPECT_THAT(list->entries[1].countries, ElementsAre("CN"));
  EXPECT_THAT(notes, Contains(HasSubstr("line 3 has no name")));
  EXPECT_THAT(notes, Contains(HasSubstr("\"Atlantis\"")));

  std::string bad = Write("bad.tsv", "name\tcountry\nX\tY\n");
  absl::StatusOr<PartyListData> b = ImportPartyList("names-tsv", bad, &notes);
  EXPECT_FALSE(b.ok());
  EXPECT_THAT(std::string(b.status().message()), HasSubstr("expected the header"));
  EXPECT_FALSE(ImportPartyList("ofac-sdn", "/does/not/exist", &notes).ok());
  EXPECT_FALSE(ImportPartyList("excel", ok, &notes).ok());
}

TEST(CountryNameTest, UsListSpellings) {
  EXPECT_EQ(CountryCodeForName("Russia"), "RU");
  EXPECT_EQ(CountryCodeForName("Iran"), "IR");
  EXPECT_EQ(CountryCodeForName("Iran, Islamic Republic of"), "IR");
  EXPECT_EQ(CountryCodeForName("Korea, North"), "KP");
  EXPECT_EQ(CountryCodeForName("Burma"), "MM");
  EXPECT_EQ(CountryCodeForName("Congo, Democratic Republic of the"), "CD");
  EXPECT_EQ(CountryCodeForName("Cote d Ivoire"), "CI");
  EXPECT_EQ(CountryCodeForName("Côte d'Ivoire"), "CI");
  EXPECT_EQ(CountryCodeForName("United Kingdom"), "GB");
  EXPECT_EQ(CountryCodeForName("Atlantis"), "");
  EXPECT_EQ(CountryCodeForName(""), "");
}

// ---- list files ----

struct Read {
  std::optional<PartyListData> list;
  std::vector<Issue> issues;
};

Read ReadText(const std::string& text) {
  Read r;
  Source source("list.json", text);
  Diagnostics diag(source, &r.issues);
  std::optional<JsonNode> root = ReadJson(diag);
  if (root.has_value()) r.list = ReadPartyList(*root, diag);
  return r;
}

TEST(PartyListFileTest, RoundTrip) {
  std::vector<std::string> notes;
  absl::StatusOr<PartyListData> list =
      ImportPartyList("ofac-cons", kData + "ofac_consolidated_non_sdn_2025-12", &notes);
  ASSERT_TRUE(list.ok());
  list->id = "ofac-cons";
  list->threshold = 0.92;
  Read r = ReadText(WritePartyList(*list));
  ASSERT_TRUE(r.list.has_value()) << FormatIssues(r.issues);
  EXPECT_EQ(r.list->id, "ofac-cons");
  EXPECT_EQ(r.list->threshold, 0.92);
  ASSERT_EQ(r.list->entries.size(), list->entries.size());
  for (size_t i = 0; i < list->entries.size(); ++i) {
    const PartyRecord& a = list->entries[i];
    const PartyRecord& b = r.list->entries[i];
    EXPECT_EQ(a.id, b.id);
    EXPECT_EQ(a.name, b.name);
    EXPECT_EQ(a.type, b.type);
    EXPECT_EQ(a.programs, b.programs);
    EXPECT_EQ(a.countries, b.countries);
    ASSERT_EQ(a.aliases.size(), b.aliases.size());
    for (size_t k = 0; k < a.aliases.size(); ++k) {
      EXPECT_EQ(a.aliases[k].name, b.aliases[k].name);
      EXPECT_EQ(a.aliases[k].kind, b.aliases[k].kind);
    }
  }
}

TEST(PartyListFileTest, BadFilesNamePositionAndWhatWasExpected) {
  struct Case {
    const char* text;
    const char* where;    // "line:column"
    const char* message;  // a substring
  };
  const Case cases[] = {
      {"[]", "1:1", "expected a party list object"},
      {"{\"list\": \"x\"}", "1:1", "missing required key \"entries\""},
      {"{\"list\": \"x\", \"entries\": {}}", "1:26", "expected an array of entries"},
      {"{\"list\": \"x\",\n \"entries\": [{\"id\": \"1\"}]}", "2:14", "missing required key \"name\""},
      {"{\"list\": \"x\",\n \"entries\": [{\"id\": \"1\", \"name\": \"A\", \"nmae\": 1}]}", "2:39", "unknown key \"nmae\""},
      {"{\"list\": \"x\", \"entries\": [{\"id\": \"1\", \"name\": \"LLC\"}]}", "1:47", "nothing but legal-form words"},
      {"{\"list\": \"x\", \"entries\": [{\"id\": \"1\", \"name\": \"A\", \"countries\": [\"USA\"]}]}", "1:66",
       "\"USA\" is not an ISO 3166-1 alpha-2 country code"},
      {"{\"list\": \"x\", \"entries\": [{\"id\": \"1\", \"name\": \"A\"}, {\"id\": \"1\", \"name\": \"B\"}]}", "1:53",
       "duplicate entry id \"1\""},
      {"{\"list\": \"x\", \"threshold\": 1.5, \"entries\": []}", "1:28", "threshold in (0, 1]"},
      {"{\"list\": \"x\", \"entries\": [{\"id\": \"1\", \"name\": \"A\", \"type\": \"company\"}]}", "1:60",
       "expected \"individual\", \"entity\", \"vessel\" or \"aircraft\""},
      {"{\"list\": \"x\", \"entries\": [{\"id\": \"1\", \"name\": \"A\", \"aliases\": [7]}]}", "1:64",
       "expected a name or a {\"name\", \"kind\"} object"},
      {"{\"list\": \"x\", \"entries\": [{\"id\": \"1\", \"name\": \"A\", \"aliases\": [\"B\", \"Ltd.\"]}]}", "1:69",
       "the alias is nothing but legal-form words"},
      {"{\"list\": \"x\", \"entries\": [", "1:27", "syntax error"},
  };
  for (const Case& c : cases) {
    Read r = ReadText(c.text);
    EXPECT_FALSE(r.list.has_value()) << c.text;
    ASSERT_FALSE(r.issues.empty()) << c.text;
    const Issue& issue = r.issues[0];
    EXPECT_EQ(absl::StrCat(issue.position.line, ":", issue.position.column), c.where) << c.text;
    EXPECT_THAT(issue.message, HasSubstr(c.message)) << c.text;
  }
}

}  // namespace
}  // namespace interdict::internal
