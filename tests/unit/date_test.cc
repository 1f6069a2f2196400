#include "common/date.h"

#include <gtest/gtest.h>

#include <cstdio>

namespace vinculo {
namespace {

TEST(DateTest, ParsesDaysThatExistAndRefusesOthers) {
  struct Case {
    const char* text;
    bool ok;
  };
  const Case cases[] = {
      {"2024-02-29", true},  {"2025-02-29", false}, {"2025-02-30", false},  {"2000-02-29", true},
      {"1900-02-29", false}, {"2025-13-01", false}, {"2025-04-31", false},  {"2025-4-01", false},
      {"20250401", false},   {"", false},           {"2025-04-01x", false}, {"abcd-ef-gh", false},
  };
  for (const Case& test_case : cases) {
    EXPECT_EQ(ParseDate(test_case.text, "date_of_birth").ok(), test_case.ok) << test_case.text;
  }
  auto bad = ParseDate("2025-02-30", "date_of_birth");
  EXPECT_EQ(bad.status().field(), "date_of_birth");
  EXPECT_NE(bad.status().message().find("does not exist"), std::string::npos);
}

TEST(DateTest, DayArithmeticRoundTrips) {
  const Date date{2026, 11, 23};
  EXPECT_EQ(DateFromDays(DaysSinceEpoch(date)), date);
  EXPECT_EQ(DaysSinceEpoch(Date{1970, 1, 1}), 0);
  EXPECT_EQ(DaysBetween(Date{2024, 2, 28}, Date{2024, 3, 1}), 2);
  EXPECT_EQ(AddDays(Date{2025, 12, 31}, 1), (Date{2026, 1, 1}));
}

TEST(DateTest, AddMonthsClampsToTheLastDayOfAShortMonth) {
  EXPECT_EQ(AddMonths(Date{2024, 2, 29}, 12), (Date{2025, 2, 28}));
  EXPECT_EQ(AddMonths(Date{2024, 2, 29}, 48), (Date{2028, 2, 29}));
  EXPECT_EQ(AddMonths(Date{2024, 1, 31}, 1), (Date{2024, 2, 29}));
  EXPECT_EQ(AddMonths(Date{2023, 3, 1}, 36), (Date{2026, 3, 1}));
  EXPECT_EQ(AddMonths(Date{2023, 3, 1}, -3), (Date{2022, 12, 1}));
}

TEST(DateTest, WholeMonthsBetweenCountsCompletedMonths) {
  EXPECT_EQ(WholeMonthsBetween(Date{2023, 3, 1}, Date{2026, 3, 1}), 36);
  EXPECT_EQ(WholeMonthsBetween(Date{2023, 3, 1}, Date{2026, 2, 28}), 35);
  EXPECT_EQ(WholeMonthsBetween(Date{2024, 1, 31}, Date{2024, 2, 29}), 1);
}

TEST(DateTest, TimestampsAreUtcSecondsAndRoundTrip) {
  const auto at = StartOfDayUtc(Date{2026, 11, 23}) + std::chrono::hours(10) +
                  std::chrono::minutes(3) + std::chrono::seconds(7);
  EXPECT_EQ(FormatTimestamp(at), "2026-11-23T10:03:07Z");
  auto parsed = ParseTimestamp("2026-11-23T10:03:07Z");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(*parsed, at);
  EXPECT_FALSE(ParseTimestamp("2026-11-23T25:03:07Z").ok());
  EXPECT_EQ(UtcDate(at), (Date{2026, 11, 23}));
}

// FormatTimestamp writes its digits by hand; every second of a spread of
// days from 1970 to 2199 (leap days, year ends, the last second of a day)
// must read as snprintf wrote it before, and parse back to the same instant.
TEST(DateTest, TimestampsMatchTheirPrintfFormAndRoundTrip) {
  int checked = 0;
  for (long long day = 0; day < 84000; day += 37) {
    for (long long second : {0LL, 1LL, 59LL, 3599LL, 43210LL, 86399LL}) {
      const std::chrono::system_clock::time_point at{std::chrono::seconds(day * 86400 + second)};
      const Date date = UtcDate(at);
      char expected[40];
      std::snprintf(expected, sizeof(expected), "%04d-%02d-%02dT%02lld:%02lld:%02lldZ", date.year,
                    date.month, date.day, second / 3600, (second / 60) % 60, second % 60);
      const std::string text = FormatTimestamp(at);
      ASSERT_EQ(text, expected);
      auto parsed = ParseTimestamp(text);
      ASSERT_TRUE(parsed.ok()) << text;
      ASSERT_EQ(*parsed, at) << text;
      ++checked;
    }
  }
  EXPECT_GT(checked, 13000);
  EXPECT_EQ(FormatTimestamp(StartOfDayUtc(Date{2024, 2, 29}) + std::chrono::seconds(86399)),
            "2024-02-29T23:59:59Z");
}

}  // namespace
}  // namespace vinculo
