// A table of malformed policies. Each marks the expected position of its
// first error with the comment /*@*/ (comments are legal in policy files):
// the issue must point just after the marker, with the right code, JSON
// pointer and message. Nothing may crash, hang or be silently accepted.
#include <string>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "interdict/rule_set.h"
#include "tests/testing/policies.h"

namespace interdict {
namespace {

using ::testing::HasSubstr;
using testing::PolicyWithRules;
using testing::Rule;

enum class Splice { kFull, kWhen, kRules, kExtra };

struct Case {
  const char* name;
  Splice splice;
  std::string text;
  const char* code;
  const char* pointer;
  const char* message;  // a substring of the message
};

std::string Build(const Case& c) {
  switch (c.splice) {
    case Splice::kFull: return c.text;
    case Splice::kWhen: return PolicyWithRules(Rule("r", "deny", c.text));
    case Splice::kRules: return PolicyWithRules(c.text);
    case Splice::kExtra: return PolicyWithRules(Rule("r", "deny", ""), c.text);
  }
  return "";
}

// 1-based line and column (in code points) just after the marker.
std::pair<int, int> MarkerPosition(const std::string& text) {
  size_t at = text.find("/*@*/");
  if (at == std::string::npos) return {0, 0};
  at += 5;
  int line = 1, column = 1;
  for (size_t i = 0; i < at; ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++column;
    }
  }
  return {line, column};
}

std::string Nest(int depth) {
  std::string s;
  for (int i = 0; i < depth; ++i) s += "{\"not\": ";
  s += "{\"buyer.country\": \"US\"}";
  for (int i = 0; i < depth; ++i) s += "}";
  return s;
}

const Case kCases[] = {
    // --- JSON syntax ---
    {"trailing_comma", Splice::kFull,
     R"({"policy": "p", "version": "1", "title": "t", "rules": [1, /*@*/]})", "json-syntax", "",
     "syntax error"},
    {"unterminated_string", Splice::kFull, R"({"policy": "p", "title": /*@*/"abc)", "json-syntax", "",
     "missing closing quote"},
    {"bare_word", Splice::kFull, R"({"policy": /*@*/kaspersky})", "json-syntax", "",
     "invalid literal"},
    {"empty_file", Splice::kFull, "/*@*/", "json-syntax", "", "unexpected end of input"},
    {"duplicate_key", Splice::kFull,
     R"({"policy": "p", "version": "1", /*@*/"policy": "q"})", "duplicate-key", "",
     "duplicate key \"policy\""},
    {"json_too_deep", Splice::kExtra,
     ", \"description\": " + std::string(63, '[') + "/*@*/[" + std::string(64, ']'), "too-deep", "",
     "deeper than 64"},
    // --- document shape ---
    {"not_an_object", Splice::kFull, "/*@*/[1, 2]", "not-a-policy", "", "not a policy file"},
    {"wrong_type_version", Splice::kFull,
     R"({"policy": "p", "version": /*@*/1, "title": "t", "sources": {"s": {"citation": "c"}}, "rules": []})",
     "type", "/version", "expected a string, found a number"},
    {"missing_title", Splice::kFull,
     R"(/*@*/{"policy": "p", "version": "1", "sources": {"s": {"citation": "c"}}, "rules": []})",
     "missing-key", "", "missing required key \"title\""},
    {"unknown_top_key", Splice::kExtra, R"(, /*@*/"rulez": [])", "unknown-key", "/rulez",
     "did you mean \"rules\"?"},
    {"rules_not_array", Splice::kFull,
     R"({"policy": "p", "version": "1", "title": "t", "sources": {"s": {"citation": "c"}}, "rules": /*@*/{}})",
     "type", "/rules", "expected an array of rules"},
    {"bad_policy_id", Splice::kFull,
     R"({"policy": /*@*/"Kaspersky 2024", "version": "1", "title": "t", "sources": {"s": {"citation": "c"}}, "rules": []})",
     "bad-id", "/policy", "must be lower-case"},
    {"unknown_source_key", Splice::kFull,
     R"({"policy": "p", "version": "1", "title": "t", "sources": {"s": {/*@*/"citaton": "c"}}, "rules": []})",
     "unknown-key", "/sources/s/citaton", "did you mean \"citation\"?"},
    {"unknown_list_key", Splice::kFull,
     R"({"policy": "p", "version": "1", "title": "t", "sources": {"s": {"citation": "c"}},
         "lists": {"l": {"type": "country", /*@*/"itmes": ["US"]}}, "rules": []})",
     "unknown-key", "/lists/l/itmes", "did you mean \"items\"?"},
    {"unknown_rule_key", Splice::kRules,
     R"({"id": "r", "effect": "deny", "actions": ["sale"], /*@*/"whne": {}, "reason": "x", "source": "s"})",
     "unknown-key", "/rules/0/whne", "did you mean \"when\"?"},
    {"rule_missing_reason", Splice::kRules,
     R"(/*@*/{"id": "r", "effect": "deny", "actions": ["sale"], "source": "s"})", "missing-key",
     "/rules/0", "missing required key \"reason\""},
    {"duplicate_rule_id", Splice::kRules,
     Rule("r", "deny", "") + ", {\"id\": /*@*/\"r\", \"effect\": \"deny\", \"actions\": [\"sale\"], "
                             "\"reason\": \"x\", \"source\": \"s\"}",
     "duplicate-rule", "/rules/1/id", "rule id \"r\" is used twice"},
    {"unknown_action", Splice::kRules,
     R"({"id": "r", "effect": "deny", "actions": [/*@*/"updat"], "reason": "x", "source": "s"})",
     "unknown-action", "/rules/0/actions/0", "did you mean \"update\"?"},
    {"unknown_effect", Splice::kRules,
     R"({"id": "r", "effect": /*@*/"block", "actions": ["sale"], "reason": "x", "source": "s"})",
     "unknown-effect", "/rules/0/effect", "unknown effect \"block\""},
    {"unknown_source_ref", Splice::kRules,
     R"({"id": "r", "effect": "deny", "actions": ["sale"], "reason": "x", "source": /*@*/"fr"})",
     "unknown-source", "/rules/0/source", "no source \"fr\""},
    {"action_listed_twice", Splice::kRules,
     R"({"id": "r", "effect": "deny", "actions": ["sale", /*@*/"sale"], "reason": "x", "source": "s"})",
     "duplicate-action", "/rules/0/actions/1", "listed twice"},
    {"unknown_attribute_type", Splice::kFull,
     R"({"policy": "p", "version": "1", "title": "t", "attributes": {"n": /*@*/"integer"},
         "sources": {"s": {"citation": "c"}}, "rules": []})",
     "unknown-type", "/attributes/n", "unknown attribute type \"integer\""},
    // --- fields and operators ---
    {"unknown_field", Splice::kWhen, R"({/*@*/"buyer.contry": "US"})", "unknown-field",
     "/rules/0/when/buyer.contry", "did you mean \"buyer.country\"?"},
    {"undeclared_attribute", Splice::kWhen, R"({/*@*/"attributes.colour": "red"})",
     "unknown-field", "/rules/0/when/attributes.colour", "no field \"attributes.colour\""},
    {"unknown_operator", Splice::kWhen, R"({"buyer.country": {/*@*/"equals": "US"}})",
     "unknown-operator", "/rules/0/when/buyer.country/equals", "unknown operator \"equals\""},
    {"ordered_compare_on_country", Splice::kWhen, R"({"buyer.country": {/*@*/"lt": "US"}})",
     "operator-type", "/rules/0/when/buyer.country/lt", "compares numbers, dates and instants"},
    {"in_on_date", Splice::kWhen, R"({"buyer.customer_since": {/*@*/"in": ["2024-01-01"]}})",
     "operator-type", "/rules/0/when/buyer.customer_since/in", "does not apply to date fields"},
    {"matches_on_country", Splice::kWhen, R"({"buyer.country": {/*@*/"matches": "U."}})",
     "operator-type", "/rules/0/when/buyer.country/matches", "applies to text fields"},
    {"in_empty_array", Splice::kWhen, R"({"buyer.country": {"in": /*@*/[]}})", "empty",
     "/rules/0/when/buyer.country/in", "can never hold"},
    {"eq_with_array", Splice::kWhen, R"({"buyer.country": {"eq": /*@*/["US"]}})", "type",
     "/rules/0/when/buyer.country/eq", "takes one value"},
    {"list_ref_in_eq", Splice::kWhen, R"({"buyer.country": {"eq": /*@*/"@us"}})", "type",
     "/rules/0/when/buyer.country/eq", "write {\"in\": \"@us\"}"},
    {"present_not_bool", Splice::kWhen, R"({"buyer.country": {"present": /*@*/"yes"}})", "type",
     "/rules/0/when/buyer.country/present", "takes true or false"},
    {"number_vs_string", Splice::kWhen, R"({"attributes.price": {"lt": /*@*/"10"}})", "type",
     "/rules/0/when/attributes.price/lt", "expected a number"},
    {"null_operand", Splice::kWhen, R"({"buyer.region": /*@*/null})", "type",
     "/rules/0/when/buyer.region", "{\"present\": false}"},
    {"bad_party_type", Splice::kWhen, R"({"buyer.type": /*@*/"person"})", "invalid-value",
     "/rules/0/when/buyer.type", "unknown party type \"person\""},
    // --- conditions ---
    {"empty_condition", Splice::kWhen, "/*@*/{}", "empty", "/rules/0/when", "empty condition"},
    {"empty_all", Splice::kWhen, R"({"all": /*@*/[]})", "empty", "/rules/0/when/all",
     "needs at least one condition"},
    {"condition_not_object", Splice::kWhen, R"({"any": [/*@*/"buyer.country"]})", "type",
     "/rules/0/when/any/0", "expected a condition object"},
    {"too_deep", Splice::kWhen, Nest(32), "too-deep", "", "nested deeper than 32"},
    {"unknown_condition_ref", Splice::kWhen, R"({"ref": /*@*/"us_persn"})", "unknown-condition",
     "/rules/0/when/ref", "no condition \"us_persn\""},
    {"condition_cycle", Splice::kFull,
     R"({"policy": "p", "version": "1", "title": "t", "sources": {"s": {"citation": "c"}},
         "conditions": {"a": {"ref": "b"}, "b": {"ref": /*@*/"a"}},
         "rules": [{"id": "r", "effect": "deny", "actions": ["sale"], "when": {"ref": "a"}, "reason": "x", "source": "s"}]})",
     "condition-cycle", "/conditions/b/ref", "refers to itself"},
    // --- lists and codes ---
    {"unknown_list", Splice::kWhen, R"({"buyer.country": {"in": /*@*/"@uss"}})", "unknown-list",
     "/rules/0/when/buyer.country/in", "did you mean \"us\"?"},
    {"list_type_mismatch", Splice::kWhen, R"({"buyer.country": {"in": /*@*/"@cats"}})",
     "list-type", "/rules/0/when/buyer.country/in", "holds string entries"},
    {"combinator_inside_field", Splice::kWhen, R"({"buyer.country": {/*@*/"any": ["US"]}})",
     "unknown-operator", "/rules/0/when/buyer.country/any", "combinators go around field tests"},
    {"invalid_country_in_list", Splice::kFull,
     R"({"policy": "p", "version": "1", "title": "t", "sources": {"s": {"citation": "c"}},
         "lists": {"l": {"type": "country", "items": ["US", /*@*/"USA"]}}, "rules": []})",
     "invalid-country", "/lists/l/items/1", "use the two-letter code"},
    {"invalid_country_inline", Splice::kWhen, R"({"buyer.country": /*@*/"XX"})",
     "invalid-country", "/rules/0/when/buyer.country", "not an ISO 3166-1 alpha-2"},
    {"invalid_region", Splice::kWhen, R"({"buyer.region": {"in": ["UA-43", /*@*/"UA-99"]}})",
     "invalid-region", "/rules/0/when/buyer.region/in/1", "not an ISO 3166-2 subdivision"},
    {"country_as_region", Splice::kFull,
     R"({"policy": "p", "version": "1", "title": "t", "sources": {"s": {"citation": "c"}},
         "lists": {"l": {"type": "region", "items": [/*@*/"US"]}}, "rules": []})",
     "invalid-region", "/lists/l/items/0", "that is a country code"},
    {"list_bad_type", Splice::kFull,
     R"({"policy": "p", "version": "1", "title": "t", "sources": {"s": {"citation": "c"}},
         "lists": {"l": {"type": /*@*/"countries", "items": ["US"]}}, "rules": []})",
     "unknown-list-type", "/lists/l/type", "did you mean \"country\"?"},
    {"party_name_only_legal_form", Splice::kFull,
     R"({"policy": "p", "version": "1", "title": "t", "sources": {"s": {"citation": "c"}},
         "lists": {"l": {"type": "party", "items": [{"name": "Acme", "aliases": [/*@*/"LLC"]}]}}, "rules": []})",
     "empty-name", "/lists/l/items/0/aliases/0", "legal-form or stop words"},
    {"bad_pattern", Splice::kWhen, R"({"product.name": {"matches": /*@*/"(unclosed"}})",
     "bad-pattern", "/rules/0/when/product.name/matches", "missing )"},
    // --- screening and list files ---
    {"screen_on_country", Splice::kWhen, R"({"buyer.country": {/*@*/"screen": "@vendors"}})",
     "operator-type", "/rules/0/when/buyer.country/screen", "applies to name fields"},
    {"screen_inline_array", Splice::kWhen, R"({"buyer.name": {"screen": /*@*/["Acme"]}})", "type",
     "/rules/0/when/buyer.name/screen", "takes a \"@list\" of parties"},
    {"screen_string_list", Splice::kWhen, R"({"buyer.name": {"screen": /*@*/"@cats"}})", "list-type",
     "/rules/0/when/buyer.name/screen", "holds string entries; this test needs party entries"},
    {"screen_unknown_list", Splice::kWhen, R"({"buyer.name": {"screen": /*@*/"@vendorz"}})",
     "unknown-list", "/rules/0/when/buyer.name/screen", "did you mean \"vendors\""},
    {"list_file_and_items", Splice::kFull,
     R"({"policy": "p", "version": "1", "title": "t", "sources": {"s": {"citation": "c"}},
         "lists": {"l": {"type": "party", "file": "x.json", "items": /*@*/["Acme"]}}, "rules": []})",
     "unknown-key", "/lists/l/items", "\"items\" or \"file\", not both"},
    {"list_file_on_country_list", Splice::kFull,
     R"({"policy": "p", "version": "1", "title": "t", "sources": {"s": {"citation": "c"}},
         "lists": {"l": {"type": /*@*/"country", "file": "x.json"}}, "rules": []})",
     "unknown-key", "/lists/l/type", "are for lists of type \"party\""},
    {"list_threshold_out_of_range", Splice::kFull,
     R"({"policy": "p", "version": "1", "title": "t", "sources": {"s": {"citation": "c"}},
         "lists": {"l": {"type": "party", "items": ["Acme"], "threshold": /*@*/1.5}}, "rules": []})",
     "invalid-value", "/lists/l/threshold", "threshold in (0, 1]"},
    {"list_format_without_file", Splice::kFull,
     R"({"policy": "p", "version": "1", "title": "t", "sources": {"s": {"citation": "c"}},
         "lists": {"l": {"type": "party", "items": ["Acme"], "format": /*@*/"ofac-sdn"}}, "rules": []})",
     "missing-key", "/lists/l/format", "needs a \"file\""},
    {"list_file_missing", Splice::kFull,
     R"({"policy": "p", "version": "1", "title": "t", "sources": {"s": {"citation": "c"}},
         "lists": {"l": {"type": "party", "file": /*@*/"no/such/list.json"}}, "rules": []})",
     "list-file", "/lists/l/file", "cannot use list file no/such/list.json"},
    {"list_file_unknown_format", Splice::kFull,
     R"({"policy": "p", "version": "1", "title": "t", "sources": {"s": {"citation": "c"}},
         "lists": {"l": {"type": "party", "file": /*@*/"tests", "format": "excel"}}, "rules": []})",
     "list-file", "/lists/l/file", "unknown format \"excel\""},
    // --- dates, zones, windows ---
    {"invalid_date", Splice::kRules,
     Rule("r", "deny", "", R"("effective": {"from": /*@*/"2024-13-01"})"), "invalid-date",
     "/rules/0/effective/from", "no such date"},
    {"feb_30", Splice::kWhen, R"({"buyer.customer_since": {"lt": /*@*/"2024-02-30"}})",
     "invalid-date", "/rules/0/when/buyer.customer_since/lt", "no such date"},
    {"instant_for_date_field", Splice::kWhen,
     R"({"buyer.customer_since": {"lt": /*@*/"2024-07-20T00:00:00Z"}})", "invalid-date",
     "/rules/0/when/buyer.customer_since/lt", "expected a date YYYY-MM-DD"},
    {"time_without_zone", Splice::kRules,
     Rule("r", "deny", "", R"("effective": {"from": /*@*/"2024-09-29T00:00:00"})"), "invalid-date",
     "/rules/0/effective/from", "needs an offset"},
    {"dst_gap", Splice::kRules,
     Rule("r", "deny", "", R"("effective": {"from": /*@*/"2024-03-10T02:30:00[America/New_York]"})"),
     "invalid-date", "/rules/0/effective/from", "does not exist in America/New_York"},
    {"offset_disagrees_with_zone", Splice::kRules,
     Rule("r", "deny", "",
          R"("effective": {"from": /*@*/"2024-09-29T00:00:00-05:00[America/New_York]"})"),
     "invalid-date", "/rules/0/effective/from", "does not match America/New_York"},
    {"unknown_zone_literal", Splice::kRules,
     Rule("r", "deny", "", R"("effective": {"until": /*@*/"2024-09-29[Mars/Olympus]"})"),
     "invalid-zone", "/rules/0/effective/until", "unknown time zone \"Mars/Olympus\""},
    {"unknown_default_zone", Splice::kFull,
     R"({"policy": "p", "version": "1", "title": "t", "default_zone": /*@*/"America/New_Yrok",
         "sources": {"s": {"citation": "c"}}, "rules": []})",
     "invalid-zone", "/default_zone", "unknown time zone"},
    {"empty_window", Splice::kRules,
     Rule("r", "deny", "",
          R"("effective": {"from": "2024-09-29T04:00:00Z", "until": /*@*/"2024-09-29T00:00:00-04:00"})"),
     "empty-window", "/rules/0/effective/until", "the window is empty"},
    {"inverted_window", Splice::kRules,
     Rule("r", "deny", "", R"("effective": {"from": "2024-09-29", "until": /*@*/"2024-07-20"})"),
     "empty-window", "/rules/0/effective/until", "inverted"},
    {"year_out_of_range", Splice::kRules,
     Rule("r", "deny", "", R"("effective": {"from": /*@*/"2400-01-01"})"), "invalid-date",
     "/rules/0/effective/from", "supported years"},
};

class MalformedPolicyTest : public ::testing::TestWithParam<Case> {};

TEST_P(MalformedPolicyTest, ReportsPositionCodeAndMessage) {
  const Case& c = GetParam();
  std::string text = Build(c);
  absl::StatusOr<CompileResult> r = RuleSet::Compile({PolicySource{"bad.json", text}});
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_FALSE(r->ok()) << "accepted:\n" << text;
  EXPECT_EQ(r->rule_set, nullptr);
  const Issue* first = nullptr;
  for (const Issue& i : r->issues) {
    if (i.severity == Severity::kError) {
      first = &i;
      break;
    }
  }
  ASSERT_NE(first, nullptr) << "no error for:\n" << text;
  SCOPED_TRACE(FormatIssue(*first));
  if (std::string(c.code).empty()) return;  // only "rejected" is asserted
  EXPECT_EQ(first->code, c.code);
  EXPECT_EQ(first->position.file, "bad.json");
  if (std::string(c.pointer).size() > 0) {
    EXPECT_EQ(first->position.json_pointer, c.pointer);
  }
  EXPECT_THAT(first->message, HasSubstr(c.message));
  auto [line, column] = MarkerPosition(text);
  if (line > 0) {
    EXPECT_EQ(first->position.line, line);
    EXPECT_EQ(first->position.column, column);
  }
  // The formatted issue starts "file:line:col: error: ".
  EXPECT_THAT(FormatIssue(*first),
              HasSubstr(absl::StrCat("bad.json:", first->position.line, ":",
                                     first->position.column, ": error: ")));
}

INSTANTIATE_TEST_SUITE_P(Table, MalformedPolicyTest, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<Case>& info) {
                           return std::string(info.param.name);
                         });

TEST(MalformedPolicyTest, TableIsLarge) { EXPECT_GE(sizeof(kCases) / sizeof(kCases[0]), 40u); }

TEST(MalformedPolicyTest, DuplicatePolicyIdAcrossFiles) {
  std::string text = PolicyWithRules(Rule("r", "deny", ""));
  absl::StatusOr<CompileResult> r =
      RuleSet::Compile({PolicySource{"a.json", text}, PolicySource{"b.json", text}});
  ASSERT_TRUE(r.ok());
  ASSERT_FALSE(r->ok());
  bool found = false;
  for (const Issue& i : r->issues) {
    if (i.code == "duplicate-policy") {
      found = true;
      EXPECT_EQ(i.position.file, "b.json");
      EXPECT_EQ(i.position.json_pointer, "/policy");
      EXPECT_THAT(i.message, HasSubstr("already used by a.json"));
    }
  }
  EXPECT_TRUE(found) << FormatIssues(r->issues);
}

TEST(MalformedPolicyTest, CollectsEveryIssueNotJustTheFirst) {
  std::string text = PolicyWithRules(Rule("a", "deny", R"({"buyer.contry": "US"})") + ", " +
                                     Rule("b", "blok", R"({"buyer.country": "USA"})"));
  absl::StatusOr<CompileResult> r = RuleSet::Compile({PolicySource{"x.json", text}});
  ASSERT_TRUE(r.ok());
  std::vector<std::string> codes;
  for (const Issue& i : r->issues) {
    if (i.severity == Severity::kError) codes.push_back(i.code);
  }
  EXPECT_THAT(codes, ::testing::UnorderedElementsAre("unknown-field", "unknown-effect",
                                                     "invalid-country"));
}

TEST(MalformedPolicyTest, WarnsAboutUnusedListsWithoutFailing) {
  std::string text = PolicyWithRules(Rule("a", "deny", R"({"buyer.country": {"in": "@us"}})"));
  absl::StatusOr<CompileResult> r = RuleSet::Compile({PolicySource{"x.json", text}});
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->ok());
  bool warned = false;
  for (const Issue& i : r->issues) {
    if (i.code == "unused-list") {
      warned = true;
      EXPECT_EQ(i.severity, Severity::kWarning);
    }
  }
  EXPECT_TRUE(warned);
}

TEST(MalformedPolicyTest, BudgetsAreResourceExhausted) {
  CompileOptions options;
  options.max_rules = 1;
  std::string text = PolicyWithRules(Rule("a", "deny", "") + ", " + Rule("b", "deny", ""));
  absl::StatusOr<CompileResult> r = RuleSet::Compile({PolicySource{"x.json", text}}, options);
  EXPECT_EQ(r.status().code(), absl::StatusCode::kResourceExhausted);
  options = CompileOptions();
  options.max_source_bytes = 10;
  r = RuleSet::Compile({PolicySource{"x.json", text}}, options);
  EXPECT_EQ(r.status().code(), absl::StatusCode::kResourceExhausted);
}

}  // namespace
}  // namespace interdict
