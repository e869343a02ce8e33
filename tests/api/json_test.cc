#include "interdict/json.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/testing/policies.h"

namespace interdict {
namespace {

using ::testing::HasSubstr;
using testing::MustCompile;
using testing::PolicyWithRules;
using testing::Rule;

class JsonTest : public ::testing::Test {
 protected:
  void SetUp() override {
    rules_ = MustCompile(PolicyWithRules(
        Rule("r", "deny", R"({"buyer.country": "US", "product.embedded_vendors": {"in": "@vendors"}})")));
  }
  absl::Status Parse(const std::string& json) {
    Transaction txn = rules_->NewTransaction();
    return ParseTransactionJson(json, &txn);
  }
  std::shared_ptr<const RuleSet> rules_;
};

TEST_F(JsonTest, UnreadableLinesAreErrorsThatSayWhere) {
  struct Case {
    const char* json;
    const char* message;
  } cases[] = {
      {"not json", "column 2: syntax error"},
      {"", "column 1: syntax error"},
      {"[1]", "transaction: expected an object, found an array"},
      {R"({"buyer": "x"})", "buyer: expected an object, found a string"},
      {R"({"buyer": {"country": 5}})", "buyer.country: expected a string, found a number"},
      {R"({"buyr": {}})", "unknown key \"buyr\" in the transaction; did you mean \"buyer\"?"},
      {R"({"buyer": {"contry": "US"}})", "unknown key \"contry\" in buyer; did you mean \"country\"?"},
      {R"({"product": {"embedded_vendors": "Acme"}})", "product.embedded_vendors: expected an array"},
      {R"({"product": {"embedded_vendors": [1]}})", "product.embedded_vendors: expected an array"},
      {R"({"attributes": {"price": "10"}})", "attributes.price: expected a number, found a string"},
      {R"({"attributes": {"no_cost": 1}})", "attributes.no_cost: expected true or false"},
      {R"({"attributes": {"signed": 20240101}})", "attributes.signed: expected a date string"},
      {R"({"attributes": []})", "attributes: expected an object"},
      {R"({"id": 1.5})", "id: expected a string"},
      {R"({"time": 1727582400})", "time: expected a string"},
      {R"({"a": 1} {"b": 2})", "syntax error"},
      // Found by the transaction fuzzer: nlohmann throws out_of_range here.
      {R"({"attributes": {"price": 1e4444}})", "number overflow"},
  };
  for (const Case& c : cases) {
    absl::Status s = Parse(c.json);
    EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument) << c.json;
    EXPECT_THAT(s.message(), HasSubstr(c.message)) << c.json;
  }
}

TEST_F(JsonTest, NullsIntegerIdsAndUndeclaredAttributes) {
  EXPECT_TRUE(Parse(R"({"id": 42, "buyer": null, "region": null})").code() ==
              absl::StatusCode::kInvalidArgument);  // "region" is not a top-level key
  EXPECT_TRUE(Parse(R"({"id": 42, "buyer": null, "attributes": {"colour": [1, 2], "price": null}})").ok());
  Transaction txn = rules_->NewTransaction();
  ASSERT_TRUE(ParseTransactionJson(R"({"id": 42, "action": "sale"})", &txn).ok());
  EXPECT_EQ(txn.id(), "42");
}

TEST_F(JsonTest, DecisionJsonHasTheDocumentedShape) {
  Transaction txn = rules_->NewTransaction();
  ASSERT_TRUE(ParseTransactionJson(R"({"id": "t-1", "action": "sale", "buyer": {"country": "USA"}})", &txn).ok());
  EvalState state;
  absl::StatusOr<Decision> d = rules_->Decide(txn, state);
  ASSERT_TRUE(d.ok());
  nlohmann::json j = nlohmann::json::parse(DecisionToJson(*d, *rules_));
  EXPECT_EQ(j["id"], "t-1");
  EXPECT_EQ(j["decision"], "review");
  EXPECT_EQ(j["policy_hash"], rules_->hash());
  ASSERT_EQ(j["matches"].size(), 1u);
  const auto& m = j["matches"][0];
  EXPECT_EQ(m["rule"], "p/r");
  EXPECT_EQ(m["effect"], "review");
  EXPECT_EQ(m["source"], "Test Act §1");
  EXPECT_THAT(m["reason"].get<std::string>(),
              HasSubstr("product.embedded_vendors is missing, buyer.country is invalid (\"USA\")"));
  EXPECT_THAT(m["reason"].get<std::string>(), HasSubstr("this rule would deny when it applies: because r"));
  // Unknown fields come in schema order (product before parties).
  ASSERT_EQ(m["unknown_fields"].size(), 2u);
  EXPECT_EQ(m["unknown_fields"][0]["field"], "product.embedded_vendors");
  EXPECT_EQ(m["unknown_fields"][0]["state"], "missing");
  EXPECT_EQ(m["unknown_fields"][1]["field"], "buyer.country");
  EXPECT_EQ(m["unknown_fields"][1]["state"], "invalid");
  EXPECT_EQ(m["unknown_fields"][1]["value"], "USA");
  // Key order is part of the format.
  std::string text = DecisionToJson(*d, *rules_);
  EXPECT_LT(text.find("\"id\""), text.find("\"decision\""));
  EXPECT_LT(text.find("\"decision\""), text.find("\"matches\""));
  EXPECT_LT(text.find("\"matches\""), text.find("\"policy_hash\""));
}

TEST_F(JsonTest, ExplanationJsonAddsTheTrace) {
  Transaction txn = rules_->NewTransaction();
  ASSERT_TRUE(ParseTransactionJson(R"({"action": "sale", "buyer": {"country": "US"}, "product": {"embedded_vendors": ["Kaspersky Lab ZAO"]}})", &txn).ok());
  absl::StatusOr<Explanation> e = rules_->Explain(txn);
  ASSERT_TRUE(e.ok());
  nlohmann::json j = nlohmann::json::parse(ExplanationToJson(*e, txn, *rules_));
  EXPECT_TRUE(j["id"].is_null());
  EXPECT_EQ(j["decision"], "deny");
  ASSERT_EQ(j["trace"].size(), 1u);
  EXPECT_EQ(j["trace"][0]["rule"], "p/r");
  EXPECT_EQ(j["trace"][0]["result"], "true");
  EXPECT_EQ(j["trace"][0]["conditions"].size(), 3u);
  EXPECT_THAT(j["trace"][0]["conditions"][1]["at"].get<std::string>(), ::testing::StartsWith("test.json:"));
}

}  // namespace
}  // namespace interdict
