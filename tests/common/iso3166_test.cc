#include "lib/common/iso3166.h"

#include "gtest/gtest.h"

namespace interdict::internal {
namespace {

TEST(Iso3166Test, Countries) {
  EXPECT_GE(CountryIndex("US"), 0);
  EXPECT_EQ(CountryIndex("us"), CountryIndex("US"));
  for (const char* code : {"PR", "GU", "VI", "AS", "MP", "UM", "CU", "IR", "KP", "SY", "UA", "RU", "XK"}) {
    EXPECT_GE(CountryIndex(code), 0) << code;
  }
  for (const char* bad : {"USA", "U", "", "XX", "ZZ", "U1", "EU", "UK", " US"}) {
    EXPECT_EQ(CountryIndex(bad), -1) << bad;
  }
  EXPECT_EQ(CountryCode(CountryIndex("de")), "DE");
}

TEST(Iso3166Test, Regions) {
  EXPECT_GT(RegionCount(), 4000);
  for (const char* code : {"UA-43", "UA-40", "UA-14", "UA-09", "US-NY", "US-PR", "US-UM", "GB-ENG"}) {
    EXPECT_GE(RegionIndex(code), 0) << code;
  }
  EXPECT_EQ(RegionIndex("ua-43"), RegionIndex("UA-43"));
  for (const char* bad : {"UA-99", "UA43", "US", "XX-01", "", "UA-", "UA-4300"}) {
    EXPECT_EQ(RegionIndex(bad), -1) << bad;
  }
  EXPECT_EQ(RegionCode(RegionIndex("UA-43")), "UA-43");
  EXPECT_EQ(RegionCountry(RegionIndex("UA-43")), CountryIndex("UA"));
}

}  // namespace
}  // namespace interdict::internal
