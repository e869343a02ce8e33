#include "lib/matching/normalizer.h"

#include <thread>
#include <vector>

#include "gtest/gtest.h"

namespace interdict::internal {
namespace {

std::string Key(const std::string& s) { return NormalizeName(s).key; }

TEST(NormalizerTest, LegalFormsPunctuationCaseAndOrder) {
  EXPECT_EQ(Key("AO Kaspersky Lab"), "kaspersky lab");
  EXPECT_EQ(Key("Kaspersky Lab ZAO"), "kaspersky lab");
  EXPECT_EQ(Key("KASPERSKY LAB, INC."), "kaspersky lab");
  EXPECT_EQ(Key("Joint Stock Company Kaspersky Lab"), "kaspersky lab");
  EXPECT_EQ(Key("Kaspersky Labs Ltd"), Key("Kaspersky Labs Limited"));
  EXPECT_EQ(Key("Kaspersky Group Limited Liability Company"), "group kaspersky");
  EXPECT_EQ(Key("A.O. Kaspersky Lab"), "kaspersky lab");
  EXPECT_EQ(Key("TIKHONOV, Andrei Gennadyevich"), Key("Andrei Gennadyevich Tikhonov"));
  EXPECT_EQ(Key("The Bank of Kunlun"), "bank kunlun");
  EXPECT_EQ(Key("  AL-NASER  AIRLINES "), "airlines al naser");
}

TEST(NormalizerTest, ApostrophesJoin) {
  EXPECT_EQ(Key("Kaspersky's Laboratory"), "kasperskys laboratory");
  EXPECT_EQ(Key("Kaspersky’s Laboratory"), "kasperskys laboratory");  // U+2019
}

TEST(NormalizerTest, TransliteratesCyrillicAndOtherScripts) {
  EXPECT_EQ(Key("Лаборатория Касперского"), Key("Laboratoriya Kasperskogo"));
  EXPECT_EQ(Key("АО «Лаборатория Касперского»"), Key("AO Laboratoriya Kasperskogo"));
  EXPECT_EQ(Key("Общество с ограниченной ответственностью Группа компаний Касперского"),
            Key("OOO Gruppa Kompaniy Kasperskogo"));
  EXPECT_EQ(Key("Nicolás Maduro"), "maduro nicolas");
  EXPECT_EQ(Key("ＫＡＳＰＥＲＳＫＹ"), "kaspersky");  // full-width (NFKC)
  EXPECT_EQ(Key("Şahin Ödül"), "odul sahin");
  EXPECT_FALSE(Key("北京华为").empty());
}

TEST(NormalizerTest, NothingLeft) {
  EXPECT_EQ(Key(""), "");
  EXPECT_EQ(Key("LLC"), "");
  EXPECT_EQ(Key("..., --"), "");
  EXPECT_EQ(Key("The Ltd of Inc"), "");
}

TEST(NormalizerTest, InvalidUtf8DoesNotCrash) {
  EXPECT_EQ(Key("Kasp\xff\xfe" "ersky"), Key("Kasp ersky"));
  EXPECT_EQ(Key("\xe2\x82"), "");
}

TEST(NormalizerTest, ThreadSafe) {
  std::vector<std::thread> threads;
  std::vector<std::string> out(8);
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&out, i] {
      for (int k = 0; k < 200; ++k) out[i] = Key("Лаборатория Касперского");
    });
  }
  for (auto& t : threads) t.join();
  for (const std::string& s : out) EXPECT_EQ(s, Key("Laboratoriya Kasperskogo"));
}

}  // namespace
}  // namespace interdict::internal
