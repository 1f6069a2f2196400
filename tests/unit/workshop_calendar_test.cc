// The workshop calendar's pure rules: recurrence across month and year ends,
// closure dates, travel time between facilities and booking clashes.
#include "domain/workshop_calendar.h"

#include <gtest/gtest.h>

namespace vinculo {
namespace {

Date D(const char* text) { return *ParseDate(text); }

std::vector<std::string> Texts(const std::vector<Date>& dates) {
  std::vector<std::string> texts;
  for (const Date& date : dates) texts.push_back(FormatDate(date));
  return texts;
}

TEST(WorkshopCalendar, EveryFifteenDaysCrossesMonthAndYearEnds) {
  auto dates = SessionDates(D("2026-11-20"), 15, 6, {});
  ASSERT_TRUE(dates.ok());
  EXPECT_EQ(Texts(*dates), (std::vector<std::string>{"2026-11-20", "2026-12-05", "2026-12-20",
                                                     "2027-01-04", "2027-01-19", "2027-02-03"}));
}

TEST(WorkshopCalendar, EveryFifteenDaysThroughALeapFebruary) {
  auto dates = SessionDates(D("2028-02-10"), 15, 3, {});
  ASSERT_TRUE(dates.ok());
  EXPECT_EQ(Texts(*dates), (std::vector<std::string>{"2028-02-10", "2028-02-25", "2028-03-11"}));
}

TEST(WorkshopCalendar, AClosureDateIsSkippedWithoutShiftingTheRhythm) {
  // 2026-12-20 is closed: that session moves to the next date of the rhythm.
  auto dates = SessionDates(D("2026-11-20"), 15, 4, {D("2026-12-20")});
  ASSERT_TRUE(dates.ok());
  EXPECT_EQ(Texts(*dates),
            (std::vector<std::string>{"2026-11-20", "2026-12-05", "2027-01-04", "2027-01-19"}));
}

TEST(WorkshopCalendar, WeeklyIsEverySevenDays) {
  auto dates = SessionDates(D("2026-12-28"), kWeeklyRecurrenceDays, 2, {});
  ASSERT_TRUE(dates.ok());
  EXPECT_EQ(Texts(*dates), (std::vector<std::string>{"2026-12-28", "2027-01-04"}));
}

TEST(WorkshopCalendar, ARecurrenceOfZeroDaysIsRefused) {
  auto dates = SessionDates(D("2026-11-20"), 0, 4, {});
  ASSERT_FALSE(dates.ok());
  EXPECT_EQ(dates.status().field(), "recurrence_days");
  EXPECT_FALSE(SessionDates(D("2026-11-20"), 366, 4, {}).ok());
  EXPECT_FALSE(SessionDates(D("2026-11-20"), 15, 0, {}).ok());
}

TEST(WorkshopCalendar, TravelTimeFromGreatCircleDistance) {
  // One degree of latitude is about 111.2 km on the mean-radius sphere.
  const double km = GreatCircleKm(-13.0, -74.0, -12.0, -74.0);
  EXPECT_NEAR(km, 111.2, 0.1);
  EXPECT_EQ(TravelMinutes(km, 60.0), 112);  // rounded up
  EXPECT_EQ(TravelMinutes(60.0, 60.0), 60);
  EXPECT_EQ(TravelMinutes(0.0, 60.0), 0);
  // Lima to Ayacucho, about 330 km as the crow flies.
  EXPECT_NEAR(GreatCircleKm(-12.046, -77.043, -13.16, -74.224), 330, 10);
}

TEST(WorkshopCalendar, BookingsClashWhenTheyOverlapOrLeaveTooLittleTravelTime) {
  const DayBooking morning{9 * 60, 11 * 60};
  EXPECT_FALSE(BookingsClash(morning, {11 * 60, 13 * 60}, 0));  // touching is fine
  EXPECT_TRUE(BookingsClash(morning, {10 * 60, 12 * 60}, 0));
  EXPECT_TRUE(BookingsClash(morning, {12 * 60, 14 * 60}, 90));  // needs 11:00 + 90 min
  EXPECT_FALSE(BookingsClash(morning, {12 * 60 + 30, 14 * 60}, 90));
  EXPECT_TRUE(BookingsClash({12 * 60, 14 * 60}, morning, 90));  // symmetric
}

}  // namespace
}  // namespace vinculo
