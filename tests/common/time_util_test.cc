#include "lib/common/time_util.h"

#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace interdict::internal {
namespace {

using ::testing::HasSubstr;

int64_t Utc(int y, int mo, int d, int h, int mi, int s) {
  return absl::ToUnixNanos(absl::FromCivil(absl::CivilSecond(y, mo, d, h, mi, s), absl::UTCTimeZone()));
}

absl::TimeZone NewYork() { return *LoadZone("America/New_York"); }

TEST(TimeUtilTest, Rfc3339WithOffsetAndZ) {
  EXPECT_EQ(*ParseRfc3339("2024-09-29T00:00:00-04:00"), Utc(2024, 9, 29, 4, 0, 0));
  EXPECT_EQ(*ParseRfc3339("2024-09-29T04:00:00Z"), Utc(2024, 9, 29, 4, 0, 0));
  EXPECT_EQ(*ParseRfc3339("2024-09-29t04:00:00z"), Utc(2024, 9, 29, 4, 0, 0));
  EXPECT_EQ(*ParseRfc3339("2024-09-29T09:30:00+05:30"), Utc(2024, 9, 29, 4, 0, 0));
  EXPECT_EQ(*ParseRfc3339("2024-09-28T23:59:59.999999999-04:00"), Utc(2024, 9, 29, 4, 0, 0) - 1);
}

TEST(TimeUtilTest, Rfc3339Rejects) {
  for (const char* bad :
       {"2024-09-29T00:00:00", "2024-09-29", " 2024-09-29T00:00:00Z", "2024-09-29T00:00:00Z ",
        "2024-9-29T00:00:00Z", "2024-02-30T00:00:00Z", "2024-09-29T24:00:00Z",
        "2024-09-29T23:59:60Z", "2024-09-29T00:00:00+24:00", "2024-09-29T00:00:00.Z",
        "2024-09-29T00:00:00.1234567890Z", "yesterday", "", "2024-09-29T00:00Z",
        "2300-01-01T00:00:00Z", "1600-01-01T00:00:00Z"}) {
    EXPECT_FALSE(ParseRfc3339(bad).ok()) << bad;
  }
}

TEST(TimeUtilTest, ZoneSuffixMustAgreeWithOffset) {
  EXPECT_TRUE(ParseRfc3339("2024-09-29T00:00:00-04:00[America/New_York]").ok());
  absl::StatusOr<int64_t> t = ParseRfc3339("2024-12-01T00:00:00-04:00[America/New_York]");
  ASSERT_FALSE(t.ok());
  EXPECT_THAT(t.status().message(), HasSubstr("does not match America/New_York"));
}

TEST(TimeUtilTest, DateOnlyLiteralTakesDefaultZone) {
  EXPECT_EQ(*ParseInstantLiteral("2024-09-29", NewYork()), Utc(2024, 9, 29, 4, 0, 0));
  // In winter, New York is UTC-5.
  EXPECT_EQ(*ParseInstantLiteral("2024-12-01", NewYork()), Utc(2024, 12, 1, 5, 0, 0));
  EXPECT_EQ(*ParseInstantLiteral("2024-09-29", absl::UTCTimeZone()), Utc(2024, 9, 29, 0, 0, 0));
  EXPECT_EQ(*ParseInstantLiteral("2024-09-29[Europe/Moscow]", absl::UTCTimeZone()),
            Utc(2024, 9, 28, 21, 0, 0));
}

TEST(TimeUtilTest, LocalTimeInZone) {
  EXPECT_EQ(*ParseInstantLiteral("2014-12-19T15:30:00[America/New_York]", absl::UTCTimeZone()),
            Utc(2014, 12, 19, 20, 30, 0));
}

TEST(TimeUtilTest, DstGapAndOverlapAreErrors) {
  absl::StatusOr<int64_t> gap =
      ParseInstantLiteral("2024-03-10T02:30:00[America/New_York]", absl::UTCTimeZone());
  ASSERT_FALSE(gap.ok());
  EXPECT_THAT(gap.status().message(), HasSubstr("does not exist"));
  absl::StatusOr<int64_t> overlap =
      ParseInstantLiteral("2024-11-03T01:30:00[America/New_York]", absl::UTCTimeZone());
  ASSERT_FALSE(overlap.ok());
  EXPECT_THAT(overlap.status().message(), HasSubstr("happens twice"));
  // With an offset the overlap is unambiguous.
  EXPECT_EQ(*ParseInstantLiteral("2024-11-03T01:30:00-05:00[America/New_York]", absl::UTCTimeZone()),
            Utc(2024, 11, 3, 6, 30, 0));
}

TEST(TimeUtilTest, StartOfDayWhenMidnightIsSkipped) {
  // Santiago skipped 00:00-01:00 on 2024-09-08: the day starts at the transition.
  EXPECT_EQ(*ParseInstantLiteral("2024-09-08[America/Santiago]", absl::UTCTimeZone()),
            Utc(2024, 9, 8, 4, 0, 0));
}

TEST(TimeUtilTest, TimeOfDayNeedsAZone) {
  absl::StatusOr<int64_t> t = ParseInstantLiteral("2024-09-29T00:00:00", NewYork());
  ASSERT_FALSE(t.ok());
  EXPECT_THAT(t.status().message(), HasSubstr("needs an offset"));
}

TEST(TimeUtilTest, Zones) {
  EXPECT_TRUE(LoadZone("UTC").ok());
  EXPECT_TRUE(LoadZone("Europe/Kyiv").ok() || LoadZone("Europe/Kiev").ok());
  EXPECT_EQ(LoadZone("Mars/Olympus").status().code(), absl::StatusCode::kNotFound);
  for (const char* bad : {"../../etc/passwd", "/etc/localtime", "America/New York", "", "a//b"}) {
    EXPECT_EQ(LoadZone(bad).status().code(), absl::StatusCode::kInvalidArgument) << bad;
  }
}

TEST(TimeUtilTest, Dates) {
  EXPECT_EQ(*ParseDate("1970-01-01"), 0);
  EXPECT_EQ(*ParseDate("2024-07-20"), 19924);
  EXPECT_EQ(*ParseDate("0222-05-18"), -638307);  // a real typo in the BIS list; still a date
  EXPECT_FALSE(ParseDate("2024-07-20T00:00:00Z").ok());
  EXPECT_FALSE(ParseDate("2023-02-29").ok());
  EXPECT_TRUE(ParseDate("2024-02-29").ok());
  EXPECT_EQ(*ParseDateOrInstantDate("2024-07-19T23:30:00-04:00"), *ParseDate("2024-07-19"));
  EXPECT_FALSE(ParseDateOrInstantDate("2024-07-19T23:30:00").ok());
}

TEST(TimeUtilTest, Format) {
  EXPECT_EQ(FormatInstant(Utc(2024, 9, 29, 4, 0, 0)), "2024-09-29T04:00:00Z");
  EXPECT_EQ(FormatInstant(Utc(2024, 9, 29, 4, 0, 0) + 500000000), "2024-09-29T04:00:00.5Z");
  EXPECT_EQ(FormatDate(19924), "2024-07-20");
}

}  // namespace
}  // namespace interdict::internal
