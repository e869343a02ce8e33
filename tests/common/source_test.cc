#include "lib/common/source.h"

#include "gtest/gtest.h"
#include "interdict/issue.h"

namespace interdict::internal {
namespace {

TEST(SourceTest, LocatesLinesAndColumnsInCodePoints) {
  Source s("f.json", "ab\n\"Касп\": x\r\nlast");
  EXPECT_EQ(s.Locate(0).line, 1);
  EXPECT_EQ(s.Locate(0).column, 1);
  EXPECT_EQ(s.Locate(3).line, 2);
  // "Касп" is 8 bytes; the byte after it is column 6 (quote, 4 letters, quote).
  LineColumn lc = s.Locate(3 + 1 + 8 + 1);
  EXPECT_EQ(lc.line, 2);
  EXPECT_EQ(lc.column, 7);
  EXPECT_EQ(s.Line(2), "\"Касп\": x");  // CR dropped
  EXPECT_EQ(s.Line(3), "last");
  EXPECT_EQ(s.Line(9), "");
  EXPECT_EQ(s.Locate(10000).line, 3);
}

TEST(IssueTest, FormatsWithCaret) {
  Issue i;
  i.code = "unknown-field";
  i.position = SourcePosition{"rules/x.json", 14, 9, "/rules/3/when/sellr"};
  i.message = "no field \"sellr\"";
  i.source_line = "\t\t\"sellr\": 1";
  EXPECT_EQ(FormatIssue(i),
            "rules/x.json:14:9: error: /rules/3/when/sellr: no field \"sellr\" [unknown-field]\n"
            "   | \t\t\"sellr\": 1\n"
            "   | \t\t      ^\n");
  i.source_line.clear();
  i.severity = Severity::kWarning;
  EXPECT_EQ(FormatIssue(i),
            "rules/x.json:14:9: warning: /rules/3/when/sellr: no field \"sellr\" [unknown-field]\n");
}

}  // namespace
}  // namespace interdict::internal

namespace interdict::internal {
namespace {

TEST(SourceTest, LongLinesAgreeWithACountFromTheLineStart) {
  std::string text = "first\n";
  for (int i = 0; i < 3000; ++i) text += (i % 7 == 0) ? "Ж" : "ab";
  text += "\nlast";
  Source s("long.json", text);
  size_t line2 = 6;
  int column = 1;
  for (size_t off = line2; off < text.size() && text[off] != '\n'; ++off) {
    if ((static_cast<unsigned char>(text[off]) & 0xC0) != 0x80) {
      LineColumn lc = s.Locate(off);
      ASSERT_EQ(lc.line, 2);
      ASSERT_EQ(lc.column, column) << off;
      ++column;
    }
  }
}

}  // namespace
}  // namespace interdict::internal
