#include "lib/common/suggest.h"

#include "gtest/gtest.h"

namespace interdict::internal {
namespace {

TEST(SuggestTest, EditDistance) {
  EXPECT_EQ(EditDistance("when", "when", 2), 0);
  EXPECT_EQ(EditDistance("whne", "when", 2), 1);  // transposition
  EXPECT_EQ(EditDistance("contry", "country", 2), 1);
  EXPECT_EQ(EditDistance("abc", "xyz", 2), 3);  // capped at cap + 1
  EXPECT_EQ(EditDistance("", "abcd", 2), 3);
}

TEST(SuggestTest, Closest) {
  std::vector<std::string> keys = {"rules", "lists", "sources", "title"};
  EXPECT_EQ(ClosestMatch("rulez", keys), "rules");
  EXPECT_EQ(ClosestMatch("sourcse", keys), "sources");
  EXPECT_EQ(ClosestMatch("zzzzz", keys), "");
  EXPECT_EQ(ClosestMatch("any", {"in", "eq"}), "");  // too far for a short word
  EXPECT_EQ(ClosestMatch("countries", {"country", "region"}), "country");
  EXPECT_EQ(DidYouMean("tile", keys), "; did you mean \"title\"?");
  EXPECT_EQ(DidYouMean("q", keys), "");
}

}  // namespace
}  // namespace interdict::internal
