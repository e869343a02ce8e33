#include "lib/parse/json_reader.h"

#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace interdict::internal {
namespace {

using ::testing::HasSubstr;

struct Parsed {
  std::unique_ptr<Source> source;
  std::vector<Issue> issues;
  std::optional<JsonNode> root;
};

Parsed Read(const std::string& text, int max_depth = 64) {
  Parsed p;
  p.source = std::make_unique<Source>("t.json", text);
  Diagnostics diag(*p.source, &p.issues);
  p.root = ReadJson(diag, JsonReadOptions{max_depth});
  return p;
}

std::string At(const Parsed& p, uint32_t offset) {
  LineColumn lc = p.source->Locate(offset);
  return std::to_string(lc.line) + ":" + std::to_string(lc.column);
}

TEST(JsonReaderTest, PositionsOfValuesAndKeys) {
  Parsed p = Read(
      "{\n"
      "  // a comment\n"
      "  \"a\": 12.5, /* inline */ \"b\": [true, null, \"x\\\"y\"],\n"
      "  \"c\": {\"d\": -3}, \"é\": \"ü\"\n"
      "}");
  ASSERT_TRUE(p.root.has_value()) << FormatIssues(p.issues);
  const JsonNode& r = *p.root;
  EXPECT_EQ(At(p, r.offset), "1:1");
  ASSERT_EQ(r.members.size(), 4u);
  EXPECT_EQ(At(p, r.members[0].key_offset), "3:3");
  EXPECT_EQ(At(p, r.members[0].value.offset), "3:8");
  EXPECT_DOUBLE_EQ(r.members[0].value.number, 12.5);
  EXPECT_FALSE(r.members[0].value.is_integer);
  EXPECT_EQ(At(p, r.members[1].key_offset), "3:27");
  const JsonNode& b = r.members[1].value;
  EXPECT_EQ(At(p, b.offset), "3:32");
  ASSERT_EQ(b.items.size(), 3u);
  EXPECT_EQ(At(p, b.items[0].offset), "3:33");
  EXPECT_EQ(At(p, b.items[1].offset), "3:39");
  EXPECT_EQ(At(p, b.items[2].offset), "3:45");
  EXPECT_EQ(b.items[2].string, "x\"y");
  const JsonNode& d = r.members[2].value.members[0].value;
  EXPECT_EQ(At(p, d.offset), "4:14");
  EXPECT_TRUE(d.is_integer);
  EXPECT_EQ(d.integer, -3);
  EXPECT_EQ(r.members[3].key, "é");
  EXPECT_EQ(At(p, r.members[3].value.offset), "4:24");
}

TEST(JsonReaderTest, NumbersFollowedDirectlyByPunctuation) {
  Parsed p = Read("[1,22,333]");
  ASSERT_TRUE(p.root.has_value());
  EXPECT_EQ(p.root->items[0].offset, 1u);
  EXPECT_EQ(p.root->items[1].offset, 3u);
  EXPECT_EQ(p.root->items[2].offset, 6u);
}

TEST(JsonReaderTest, LargeNumbers) {
  Parsed p = Read("[9223372036854775807, 18446744073709551615, 1e400]");
  EXPECT_FALSE(p.root.has_value());  // 1e400 is out of range for a double
  p = Read("[9223372036854775807, 18446744073709551615]");
  ASSERT_TRUE(p.root.has_value());
  EXPECT_TRUE(p.root->items[0].is_integer);
  EXPECT_FALSE(p.root->items[1].is_integer);
}

TEST(JsonReaderTest, DuplicateKeysAreErrors) {
  Parsed p = Read("{\"a\": 1,\n \"b\": 2,\n \"a\": 3}");
  EXPECT_FALSE(p.root.has_value());
  ASSERT_EQ(p.issues.size(), 1u);
  EXPECT_EQ(p.issues[0].code, "duplicate-key");
  EXPECT_EQ(p.issues[0].position.line, 3);
  EXPECT_THAT(p.issues[0].message, HasSubstr("first at line 1"));
}

TEST(JsonReaderTest, DepthLimit) {
  EXPECT_TRUE(Read(std::string(10, '[') + std::string(10, ']'), 10).root.has_value());
  Parsed p = Read(std::string(11, '[') + std::string(11, ']'), 10);
  EXPECT_FALSE(p.root.has_value());
  EXPECT_EQ(p.issues[0].code, "too-deep");
  // A million brackets neither crash nor take long.
  p = Read(std::string(1000000, '['));
  EXPECT_FALSE(p.root.has_value());
}

TEST(JsonReaderTest, SyntaxErrorsSayWhatWasExpected) {
  Parsed p = Read("{\"a\" 1}");
  ASSERT_FALSE(p.issues.empty());
  EXPECT_EQ(p.issues[0].code, "json-syntax");
  EXPECT_THAT(p.issues[0].message, HasSubstr("expected ':'"));
  EXPECT_EQ(p.issues[0].position.column, 6);
  p = Read("{\"a\": \"\xff\"}");
  ASSERT_FALSE(p.issues.empty());
  EXPECT_THAT(p.issues[0].message, HasSubstr("ill-formed UTF-8"));
  p = Read("{} {}");
  ASSERT_FALSE(p.issues.empty());
  EXPECT_THAT(p.issues[0].message, HasSubstr("expected end of input"));
}

TEST(JsonReaderTest, NodeText) {
  Parsed p = Read("[\"US\", 1, true, null, {\"k\": [2.5]}]");
  ASSERT_TRUE(p.root.has_value());
  EXPECT_EQ(JsonNodeText(*p.root), "[\"US\",1,true,null,{\"k\":[2.5]}]");
  EXPECT_EQ(JsonNodeText(*p.root, 5), "[\"US\"...");
  Parsed u = Read("\"ЛЛЛЛ\"");
  EXPECT_EQ(JsonNodeText(*u.root, 4), "\"Л...");  // cut on a character boundary
}

}  // namespace
}  // namespace interdict::internal
