// Helpers to compile small policies written inline in tests.
#ifndef INTERDICT_TESTS_TESTING_POLICIES_H_
#define INTERDICT_TESTS_TESTING_POLICIES_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_replace.h"
#include "gtest/gtest.h"
#include "interdict/rule_set.h"

namespace interdict::testing {

// A policy with one list of each common kind and `rules` spliced in.
inline std::string PolicyWithRules(const std::string& rules, const std::string& extra = "") {
  return absl::StrReplaceAll(R"({
  "policy": "p", "version": "1", "title": "test policy", "default_zone": "America/New_York",
  "actions": ["integration"],
  "attributes": {"price": "number", "no_cost": "boolean", "channel": "string", "signed": "date"},
  "sources": {"s": {"citation": "Test Act §1"}},
  "lists": {
    "us": {"type": "country", "items": ["US", "PR"]},
    "crimea": {"type": "region", "items": ["UA-43", "UA-40"]},
    "vendors": {"type": "party", "items": [{"name": "AO Kaspersky Lab", "aliases": ["Kaspersky Lab ZAO"]}]},
    "cats": {"type": "string", "items": ["antivirus", "firewall"]},
    "pats": {"type": "pattern", "items": ["^Kasp", "(?i)касперск"]}
  }EXTRA,
  "rules": [RULES]
})",
                             {{"RULES", rules}, {"EXTRA", extra}});
}

// One rule: `when` (JSON text) and optional other members.
inline std::string Rule(const std::string& id, const std::string& effect,
                        const std::string& when, const std::string& more = "") {
  std::string r = "{\"id\": \"" + id + "\", \"effect\": \"" + effect +
                  "\", \"actions\": [\"sale\", \"update\", \"resale\", \"licensing\", \"integration\"], "
                  "\"reason\": \"because " + id + "\", \"source\": \"s\"";
  if (!when.empty()) r += ", \"when\": " + when;
  if (!more.empty()) r += ", " + more;
  return r + "}";
}

// Compiles `text`; fails the test on any error issue.
inline std::shared_ptr<const RuleSet> MustCompile(const std::string& text) {
  absl::StatusOr<CompileResult> r = RuleSet::Compile({PolicySource{"test.json", text}});
  EXPECT_TRUE(r.ok()) << r.status();
  if (!r.ok()) return nullptr;
  EXPECT_TRUE(r->ok()) << FormatIssues(r->issues);
  return r->rule_set;
}

}  // namespace interdict::testing

#endif  // INTERDICT_TESTS_TESTING_POLICIES_H_
