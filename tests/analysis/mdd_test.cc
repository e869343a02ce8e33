#include "lib/analysis/mdd.h"

#include "gtest/gtest.h"

namespace interdict::internal {
namespace {

TEST(MddTest, ReducesAndHashConses) {
  Mdd m({3, 2});
  EXPECT_EQ(m.Node(0, {kTrue, kTrue, kTrue}), kTrue);  // no choice: the child
  int a = m.Node(0, {kTrue, kFalse, kUnknown});
  EXPECT_EQ(m.Node(0, {kTrue, kFalse, kUnknown}), a);  // equal functions, equal ids
  EXPECT_NE(m.Node(0, {kFalse, kTrue, kUnknown}), a);
}

TEST(MddTest, KleeneOperators) {
  Mdd m({3, 3});
  // x: var 0 = F/T/U by class; y: var 1 likewise.
  int x = m.Node(0, {kFalse, kTrue, kUnknown});
  int y = m.Node(1, {kFalse, kTrue, kUnknown});
  int both = MddAnd(m, x, y);
  int either = MddOr(m, x, y);
  int neither = MddNot(m, either);
  auto at = [&](int id, int cx, int cy) {
    while (!Mdd::IsTerminal(id)) id = m.children(id)[m.var(id) == 0 ? cx : cy];
    return id;
  };
  const int table[3] = {kFalse, kTrue, kUnknown};
  for (int cx = 0; cx < 3; ++cx) {
    for (int cy = 0; cy < 3; ++cy) {
      int vx = table[cx], vy = table[cy];
      int want_and = (vx == kFalse || vy == kFalse) ? kFalse : (vx == kUnknown || vy == kUnknown) ? kUnknown : kTrue;
      int want_or = (vx == kTrue || vy == kTrue) ? kTrue : (vx == kUnknown || vy == kUnknown) ? kUnknown : kFalse;
      int want_not = want_or == kUnknown ? kUnknown : (want_or == kTrue ? kFalse : kTrue);
      EXPECT_EQ(at(both, cx, cy), want_and) << cx << cy;
      EXPECT_EQ(at(either, cx, cy), want_or) << cx << cy;
      EXPECT_EQ(at(neither, cx, cy), want_not) << cx << cy;
    }
  }
  EXPECT_TRUE(m.Reaches(both, kUnknown));
  EXPECT_FALSE(m.Reaches(MddAnd(m, x, MddNot(m, x)), kTrue));  // x and not x is never true
  EXPECT_EQ(MddAnd(m, x, kFalse), kFalse);
  EXPECT_EQ(MddOr(m, x, kTrue), kTrue);
}

}  // namespace
}  // namespace interdict::internal
