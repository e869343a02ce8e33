// The interdict command line, run as a user would.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"

namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

struct CliRun {
  int status = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

std::string Slurp(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Runs `interdict ARGS` from the source directory with `input` on stdin.
CliRun Interdict(const std::string& args, const std::string& input = "") {
  namespace fs = std::filesystem;
  static int n = 0;
  fs::path dir = fs::temp_directory_path() / ("interdict_cli_test_" + std::to_string(getpid()));
  fs::create_directories(dir);
  std::string in = (dir / ("in" + std::to_string(n))).string();
  std::string err = (dir / ("err" + std::to_string(n++))).string();
  std::ofstream(in) << input;
  std::string cmd = std::string("cd ") + INTERDICT_SOURCE_DIR + " && " + INTERDICT_BINARY_DIR +
                    "/bin/interdict " + args + " < " + in + " 2> " + err;
  CliRun r;
  FILE* p = popen(cmd.c_str(), "r");
  char buf[4096];
  size_t got;
  while ((got = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, got);
  int status = pclose(p);
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.err = Slurp(err);
  return r;
}

std::vector<std::string> Lines(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

TEST(CliTest, HelpAndUsage) {
  EXPECT_EQ(Interdict("--help").status, 0);
  EXPECT_THAT(Interdict("--help").out, HasSubstr("check [--lint] FILE|DIR"));
  EXPECT_EQ(Interdict("").status, 2);
  CliRun r = Interdict("frobnicate");
  EXPECT_EQ(r.status, 2);
  EXPECT_THAT(r.err, HasSubstr("unknown command \"frobnicate\""));
  for (const char* cmd : {"check", "eval", "test", "diff", "screen"}) {
    CliRun h = Interdict(std::string(cmd) + " --help");
    EXPECT_EQ(h.status, 0) << cmd;
    EXPECT_THAT(h.out, HasSubstr("usage: interdict " + std::string(cmd)));
  }
  EXPECT_EQ(Interdict("check").status, 2);
  EXPECT_EQ(Interdict("check --bogus rules/us").status, 2);
  EXPECT_EQ(Interdict("eval").status, 2);
  EXPECT_THAT(Interdict("eval --policy").err, HasSubstr("--policy needs a value"));
}

TEST(CliTest, CheckValidAndInvalid) {
  CliRun ok = Interdict("check rules/us");
  EXPECT_EQ(ok.status, 0) << ok.err;
  EXPECT_THAT(ok.out, StartsWith("ok: 6 policies"));
  EXPECT_THAT(ok.out, HasSubstr("sha256:"));
  CliRun bad = Interdict("check tests/testdata/cli/bad_policy.json");
  EXPECT_EQ(bad.status, 1);
  EXPECT_THAT(bad.err, HasSubstr("tests/testdata/cli/bad_policy.json:9:"));
  EXPECT_THAT(bad.err, HasSubstr(": error: /rules/0/when/buyer.contry: no field \"buyer.contry\"; did you mean \"buyer.country\"?"));
  EXPECT_THAT(bad.err, HasSubstr("invalid-country"));
  EXPECT_THAT(bad.err, HasSubstr("   ^"));
  CliRun missing = Interdict("check does/not/exist.json");
  EXPECT_EQ(missing.status, 1);
  EXPECT_THAT(missing.err, HasSubstr("no such file: does/not/exist.json"));
  EXPECT_EQ(Interdict("check --quiet rules/us").out, "");
}

TEST(CliTest, EvalOneLinePerInputInOrderAndBadLinesReported) {
  std::string input =
      R"({"id": "a", "action": "update", "time": "2024-09-29T04:00:00Z", "product": {"vendor": "AO Kaspersky Lab", "category": "antivirus"}, "buyer": {"name": "J", "type": "consumer", "country": "US", "customer_since": "2023-01-01"}})"
      "\n"
      "this is not json\n"
      "\n"
      R"({"id": "c", "buyer": {"country": 7}})"
      "\n"
      R"({"id": "d", "action": "sale", "time": "2024-08-01T00:00:00Z", "product": {"vendor": "Contoso"}, "buyer": {"name": "J", "type": "consumer", "country": "FR", "nationality": "FR"}})";
  CliRun r = Interdict("eval --policy rules/us", input);
  EXPECT_EQ(r.status, 3) << r.err;
  std::vector<std::string> lines = Lines(r.out);
  ASSERT_EQ(lines.size(), 4u) << r.out;
  EXPECT_THAT(lines[0], StartsWith(R"({"id":"a","decision":"deny","matches":[{"rule":"kaspersky-2024/updates")"));
  EXPECT_THAT(lines[0], HasSubstr(R"("policy_hash":"sha256:)"));
  EXPECT_THAT(lines[1], StartsWith(R"({"line":2,"error":"column 2: syntax error)"));
  EXPECT_EQ(lines[2], R"({"line":4,"error":"buyer.country: expected a string, found a number"})");
  EXPECT_THAT(lines[3], StartsWith(R"({"id":"d","decision":"allow","matches":[])"));
}

TEST(CliTest, EvalAllGoodIsExitZeroAndExplainAddsTrace) {
  std::string input = R"({"id": "x", "action": "sale", "time": "2024-08-01T00:00:00Z", "product": {"vendor": "Contoso"}, "buyer": {"name": "J", "type": "consumer", "country": "FR", "nationality": "FR"}})";
  CliRun r = Interdict("eval --policy rules/us/ofac-embargoes.json --policy rules/us/kaspersky-2024.json", input);
  EXPECT_EQ(r.status, 0) << r.err;
  CliRun e = Interdict("eval --explain --policy=rules/us", input);
  EXPECT_EQ(e.status, 0);
  EXPECT_THAT(e.out, HasSubstr(R"("trace":[{"rule":"entity-list-kaspersky/export-to-listed-entity","result":"false")"));
  EXPECT_THAT(e.out, HasSubstr(R"({"rule":"kaspersky-2024/new-agreements","result":"false")"));
}

TEST(CliTest, EvalWithInvalidPoliciesIsExitOne) {
  CliRun r = Interdict("eval --policy tests/testdata/cli/bad_policy.json", "{}\n");
  EXPECT_EQ(r.status, 1);
  EXPECT_THAT(r.err, HasSubstr("error:"));
  EXPECT_EQ(r.out, "");
}

TEST(CliTest, ExampleTransactionsAllDecide) {
  CliRun r = Interdict("eval --policy rules/us", Slurp(std::string(INTERDICT_SOURCE_DIR) + "/examples/transactions.jsonl"));
  EXPECT_EQ(r.status, 0) << r.err;
  std::vector<std::string> lines = Lines(r.out);
  EXPECT_EQ(lines.size(), 18u);
  int deny = 0, review = 0, allow = 0;
  for (const std::string& l : lines) {
    deny += l.find(R"("decision":"deny")") != std::string::npos;
    review += l.find(R"("decision":"review")") != std::string::npos;
    allow += l.find(R"("decision":"allow")") != std::string::npos;
  }
  EXPECT_GT(deny, 0);
  EXPECT_GT(review, 0);
  EXPECT_GT(allow, 0);
}

TEST(CliTest, TestCommandPassesShippedAndFailsBroken) {
  CliRun ok = Interdict("test");  // default: rules/
  EXPECT_EQ(ok.status, 0) << ok.err << ok.out;
  EXPECT_THAT(ok.out, HasSubstr("ok   rules/us/kaspersky-2024.test.json"));
  EXPECT_THAT(ok.out, HasSubstr(" 0 failed"));
  CliRun cov = Interdict("test --coverage rules/us");
  EXPECT_EQ(cov.status, 0);
  EXPECT_THAT(cov.out, HasSubstr("rules no case reaches: none"));
  EXPECT_THAT(cov.out, HasSubstr("(100%)"));
  CliRun bad = Interdict("test tests/testdata/suite/failing.test.json");
  EXPECT_EQ(bad.status, 1);
  EXPECT_THAT(bad.out, HasSubstr("FAIL tests/testdata/suite/failing.test.json: 1/3 cases"));
  EXPECT_THAT(bad.out, HasSubstr("(tests/testdata/compile/small.json:24)"));
  CliRun typo = Interdict("test tests/testdata/suite/bad_keys.test.json");
  EXPECT_EQ(typo.status, 1);
  EXPECT_THAT(typo.out + typo.err,
              HasSubstr("bad_keys.test.json:6:25: error: /cases/0/expct: unknown key \"expct\" in a case; "
                        "did you mean \"expect\"?"));
  CliRun missing = Interdict("test does/not/exist");  // like `check`: a missing file fails
  EXPECT_EQ(missing.status, 1);
  EXPECT_THAT(missing.out, HasSubstr("ERROR does/not/exist: cannot read"));
}

TEST(CliTest, CheckLintFindsDeadRules) {
  EXPECT_EQ(Interdict("check --lint rules/us").status, 0);
  CliRun r = Interdict("check --lint tests/testdata/lint/dead_rules.json");
  EXPECT_EQ(r.status, 1);
  EXPECT_THAT(r.err, HasSubstr("dead_rules.json:9:5: warning: /rules/0: rule lint/contradiction can never hold"));
  EXPECT_THAT(r.err, HasSubstr("[lint-shadowed]"));
  // Without --lint the same file is valid.
  EXPECT_EQ(Interdict("check tests/testdata/lint/dead_rules.json").status, 0);
}

TEST(CliTest, DiffExact) {
  const std::string files = "diff tests/testdata/diff/old.json tests/testdata/diff/new.json";
  CliRun r = Interdict(files);
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_THAT(r.out, HasSubstr("action sale: shop/embargo: none -> deny (1 regions)"));
  EXPECT_THAT(r.out, HasSubstr("buyer.country in {KP}"));
  EXPECT_THAT(r.out, HasSubstr("time in {[2025-01-01T00:00:00Z, 2025-02-01T00:00:00Z)}; product.vendor in {Acme}"));
  EXPECT_THAT(r.err, HasSubstr("2 regions decided differently"));
  EXPECT_THAT(r.out, Not(HasSubstr("(missing)")));

  // --json: every witness fed to eval gets the "new" decision.
  CliRun j = Interdict(files + " --json");
  EXPECT_EQ(j.status, 1);
  std::vector<std::string> regions = Lines(j.out);
  ASSERT_EQ(regions.size(), 2u);
  std::string witnesses;
  for (const std::string& line : regions) {
    nlohmann::json region = nlohmann::json::parse(line);
    EXPECT_NE(region["old"]["decision"], region["new"]["decision"]);
    witnesses += region["witness"].dump() + "\n";
  }
  CliRun e = Interdict("eval --policy tests/testdata/diff/new.json", witnesses);
  std::vector<std::string> decided = Lines(e.out);
  ASSERT_EQ(decided.size(), 2u);
  for (size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(nlohmann::json::parse(decided[i])["decision"], nlohmann::json::parse(regions[i])["new"]["decision"]);
  }

  CliRun missing = Interdict(files + " --with-missing");
  EXPECT_EQ(missing.status, 1);
  EXPECT_THAT(missing.out, HasSubstr("action (missing)"));
  EXPECT_EQ(Lines(Interdict(files + " --max-regions 1 --json").out).size(), 1u);

  CliRun same = Interdict("diff rules/us rules/us");
  EXPECT_EQ(same.status, 0) << same.err;
  EXPECT_THAT(same.err, HasSubstr("equivalent"));
}

TEST(CliTest, DiffCorpusAndErrors) {
  CliRun r = Interdict(
      "diff tests/testdata/diff/old.json tests/testdata/diff/new.json --corpus tests/testdata/diff/corpus.jsonl");
  EXPECT_EQ(r.status, 1);
  EXPECT_THAT(r.out, HasSubstr("1  allow -> deny: +shop/embargo deny\n    e.g. line 1 id t1"));
  EXPECT_THAT(r.out, HasSubstr("1  deny -> allow: -shop/acme-updates deny\n    e.g. line 3 id t3"));
  EXPECT_THAT(r.err, HasSubstr("tests/testdata/diff/corpus.jsonl:4: column 2: syntax error"));
  EXPECT_THAT(r.err, HasSubstr("5 transactions, 2 decided differently, 1 lines could not be read"));
  // Nothing differs but a line is unreadable: not a clean "equivalent".
  CliRun same = Interdict(
      "diff tests/testdata/diff/old.json tests/testdata/diff/old.json --corpus tests/testdata/diff/corpus.jsonl");
  EXPECT_EQ(same.status, 2);
  EXPECT_EQ(Interdict("diff tests/testdata/diff/old.json").status, 2);
  EXPECT_EQ(Interdict("diff a b --max-regions x").status, 2);
  CliRun bad = Interdict("diff tests/testdata/diff/old.json tests/testdata/cli/bad_policy.json");
  EXPECT_EQ(bad.status, 2);
  EXPECT_THAT(bad.err, HasSubstr("does not compile"));
  EXPECT_EQ(Interdict("diff tests/testdata/diff/old.json tests/testdata/diff/new.json --corpus nope.jsonl").status, 2);
}

TEST(CliTest, ListsImportWritesAListFileScreenReads) {
  const std::string out =
      (std::filesystem::temp_directory_path() / ("interdict_cli_cons_" + std::to_string(getpid()) + ".json")).string();
  CliRun r = Interdict("lists import --format ofac-cons tests/data/sanctions/ofac_consolidated_non_sdn_2025-12 -o " + out +
                       " --id ofac-cons --threshold 0.92");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("ofac-cons: 442 entries, 1073 aliases -> " + out));
  nlohmann::json list = nlohmann::json::parse(Slurp(out));
  EXPECT_EQ(list["list"], "ofac-cons");
  EXPECT_EQ(list["threshold"], 0.92);
  EXPECT_EQ(list["entries"].size(), 442u);
  // The file is a list `screen` reads; an entry finds itself.
  const std::string name = list["entries"][0]["name"];
  CliRun s = Interdict("screen --json --list " + out + " \"" + name + "\"");
  EXPECT_EQ(s.status, 1) << s.err;
  nlohmann::json hit = nlohmann::json::parse(s.out);
  EXPECT_EQ(hit["query"], name);
  EXPECT_EQ(hit["matches"][0]["entry"], list["entries"][0]["id"]);
  EXPECT_EQ(hit["matches"][0]["kind"], "exact");
  std::filesystem::remove(out);

  // Usage errors.
  EXPECT_EQ(Interdict("lists").status, 2);
  EXPECT_EQ(Interdict("lists import --format excel x -o y").status, 2);
  EXPECT_THAT(Interdict("lists import --format excel x -o y").err, HasSubstr("unknown format \"excel\""));
  EXPECT_EQ(Interdict("lists import --format ofac-sdn tests/data/sanctions/ofac_sdn_2023-12-28").status, 2);  // no -o
  EXPECT_EQ(Interdict("lists import --format ofac-sdn does/not/exist -o /tmp/x.json").status, 1);
  EXPECT_EQ(Interdict("lists --help").status, 0);
}

TEST(CliTest, ScreenNamesByHand) {
  const std::string list = "--list tests/data/sanctions/ofac_sdn_names_2026-08-20/ofac-sdn.csv --format ofac-sdn";
  CliRun r = Interdict("screen " + list + " \"Andrei Tikhonov\" \"Jane Doe\"");
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_THAT(r.out, HasSubstr("\"Andrei Tikhonov\" (normalised: andrei tikhonov)\n"
                               "  near  0.971  45815  TIKHONOV, Andrei Gennadyevich  (alias \"TIKHONOV, Andrey\")  "
                               "[individual; RUSSIA-EO14024]\n"
                               "        tokens: tikhonov, andrei~andrey 0.93\n"));
  EXPECT_THAT(r.out, HasSubstr("\"Jane Doe\" (normalised: doe jane)\n  no match at or above 0.9\n"));
  // One JSON object per name, from stdin.
  CliRun j = Interdict("screen --json " + list, "Tikhonov Andrey\nCORP\n\n");
  std::vector<std::string> lines = Lines(j.out);
  ASSERT_EQ(lines.size(), 2u) << j.out;
  EXPECT_EQ(lines[0],
            R"({"query":"Tikhonov Andrey","normalized":"andrey tikhonov","matches":[{"entry":"45815","name":"TIKHONOV, Andrei Gennadyevich","matched_alias":"TIKHONOV, Andrey","score":1.0,"kind":"exact","type":"individual","programs":["RUSSIA-EO14024"]}]})");
  EXPECT_EQ(lines[1], R"({"query":"CORP","normalized":"","matches":[]})");
  // A clean name exits 0; errors exit 2.
  EXPECT_EQ(Interdict("screen " + list + " \"Jane Doe\"").status, 0);
  EXPECT_EQ(Interdict("screen \"Jane Doe\"").status, 2);
  EXPECT_EQ(Interdict("screen --list nope.json x").status, 2);
  CliRun bad = Interdict("screen --list tests/testdata/cli/bad_policy.json x");
  EXPECT_EQ(bad.status, 2);
  EXPECT_THAT(bad.err, HasSubstr("bad_policy.json:"));
  EXPECT_EQ(Interdict("screen " + list + " --threshold 2 x").status, 2);
}

TEST(CliTest, EvalScreensParties) {
  CliRun r = Interdict("eval --policy rules/us/ofac-sdn.json",
                       R"({"id": "x", "action": "sale", "time": "2026-09-01T00:00:00Z", "buyer": {"name": "Andrei Tikhonov"}})");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr(R"("decision":"review")"));
  EXPECT_THAT(r.out, HasSubstr(R"("state":"near_match")"));
  EXPECT_THAT(r.out, HasSubstr(R"("screening":[{"field":"buyer.name","list":"@sdn")"));
}

}  // namespace
