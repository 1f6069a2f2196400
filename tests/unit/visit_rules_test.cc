// The visit programme's pure rules: when a session template falls (weekly,
// every N weeks, monthly nth weekday or day, every N days across month ends),
// exclusions and valid ranges, session times, priority and great-circle travel.
#include "domain/visit_rules.h"

#include <gtest/gtest.h>

namespace vinculo {
namespace {

Date D(const char* text) { return *ParseDate(text); }

std::vector<std::string> Texts(const std::vector<Date>& dates) {
  std::vector<std::string> texts;
  for (const Date& date : dates) texts.push_back(FormatDate(date));
  return texts;
}

Recurrence Every(int days, const char* anchor) {
  Recurrence recurrence;
  recurrence.kind = RecurrenceKind::kEveryNDays;
  recurrence.interval = days;
  recurrence.anchor = D(anchor);
  recurrence.valid_from = D(anchor);
  return recurrence;
}

TEST(IsoWeekday, KnownDays) {
  EXPECT_EQ(IsoWeekday(D("2026-11-23")), 1);  // a Monday
  EXPECT_EQ(IsoWeekday(D("2026-11-29")), 7);
  EXPECT_EQ(IsoWeekday(D("1970-01-01")), 4);
  EXPECT_EQ(IsoWeekday(D("2024-02-29")), 4);
}

TEST(Recurrence, EveryFifteenDaysRunsAcrossMonthEndsFromItsAnchor) {
  const Recurrence every_15 = Every(15, "2026-01-20");
  EXPECT_EQ(Texts(Occurrences(every_15, D("2026-01-01"), D("2026-04-30"))),
            (std::vector<std::string>{"2026-01-20", "2026-02-04", "2026-02-19", "2026-03-06",
                                      "2026-03-21", "2026-04-05", "2026-04-20"}));
  // A month asked for on its own gives the same dates as the long run.
  EXPECT_EQ(Texts(Occurrences(every_15, D("2026-03-01"), D("2026-03-31"))),
            (std::vector<std::string>{"2026-03-06", "2026-03-21"}));
  // Across a leap February.
  EXPECT_EQ(Texts(Occurrences(Every(15, "2024-02-14"), D("2024-02-01"), D("2024-03-31"))),
            (std::vector<std::string>{"2024-02-14", "2024-02-29", "2024-03-15", "2024-03-30"}));
}

TEST(Recurrence, WeeklyAndEveryTwoWeeksOnAWeekday) {
  Recurrence weekly;
  weekly.kind = RecurrenceKind::kWeekly;
  weekly.weekday = 6;  // Saturday
  weekly.anchor = D("2026-12-01");
  weekly.valid_from = D("2026-12-01");
  EXPECT_EQ(Texts(Occurrences(weekly, D("2026-12-01"), D("2026-12-31"))),
            (std::vector<std::string>{"2026-12-05", "2026-12-12", "2026-12-19", "2026-12-26"}));
  weekly.interval = 2;
  EXPECT_EQ(Texts(Occurrences(weekly, D("2026-12-01"), D("2027-01-31"))),
            (std::vector<std::string>{"2026-12-05", "2026-12-19", "2027-01-02", "2027-01-16",
                                      "2027-01-30"}));
}

TEST(Recurrence, MonthlyOnTheNthOrLastWeekdayOrADayOfTheMonth) {
  Recurrence nth;
  nth.kind = RecurrenceKind::kMonthlyNthWeekday;
  nth.weekday = 3;  // Wednesday
  nth.nth = 2;
  nth.valid_from = D("2026-01-01");
  nth.anchor = nth.valid_from;
  EXPECT_EQ(Texts(Occurrences(nth, D("2026-11-01"), D("2027-01-31"))),
            (std::vector<std::string>{"2026-11-11", "2026-12-09", "2027-01-13"}));
  nth.nth = -1;
  EXPECT_EQ(Texts(Occurrences(nth, D("2026-11-01"), D("2026-12-31"))),
            (std::vector<std::string>{"2026-11-25", "2026-12-30"}));
  Recurrence day;
  day.kind = RecurrenceKind::kMonthlyDay;
  day.month_day = 31;
  day.valid_from = D("2026-01-01");
  day.anchor = day.valid_from;
  // Months without a 31st have no session.
  EXPECT_EQ(Texts(Occurrences(day, D("2026-01-01"), D("2026-05-31"))),
            (std::vector<std::string>{"2026-01-31", "2026-03-31", "2026-05-31"}));
}

TEST(Recurrence, ExclusionsAndTheValidRangeRemoveDates) {
  Recurrence every_15 = Every(15, "2026-01-20");
  every_15.valid_to = D("2026-03-10");
  EXPECT_EQ(Texts(Occurrences(every_15, D("2026-01-01"), D("2026-04-30"), {D("2026-02-04")})),
            (std::vector<std::string>{"2026-01-20", "2026-02-19", "2026-03-06"}));
  // Nothing before valid_from, even when asked.
  every_15.valid_from = D("2026-02-10");
  EXPECT_EQ(Texts(Occurrences(every_15, D("2026-01-01"), D("2026-02-28"))),
            (std::vector<std::string>{"2026-02-19"}));
}

TEST(Recurrence, ValidationNamesTheField) {
  Recurrence bad = Every(0, "2026-01-01");
  EXPECT_EQ(ValidateRecurrence(bad).field(), "interval");
  bad = Every(15, "2026-01-01");
  bad.valid_to = D("2025-12-31");
  EXPECT_EQ(ValidateRecurrence(bad).field(), "valid_to");
  bad = Every(15, "2026-01-01");
  bad.weekday = 8;
  EXPECT_EQ(ValidateRecurrence(bad).field(), "weekday");
  bad.weekday = 1;
  bad.nth = 0;
  EXPECT_EQ(ValidateRecurrence(bad).field(), "nth");
  EXPECT_TRUE(ValidateRecurrence(Every(15, "2026-01-01")).ok());
}

TEST(SessionTimes, EndMustFollowStart) {
  EXPECT_TRUE(ValidateSessionTimes(9 * 60, 11 * 60).ok());
  EXPECT_EQ(ValidateSessionTimes(11 * 60, 9 * 60).field(), "end_time");
  EXPECT_EQ(ValidateSessionTimes(9 * 60, 9 * 60).field(), "end_time");
  EXPECT_EQ(*ParseClock("14:30", "start_time"), 870);
  EXPECT_EQ(ParseClock("24:00", "start_time").status().field(), "start_time");
  EXPECT_EQ(ParseClock("9:00", "end_time").status().field(), "end_time");
  EXPECT_EQ(FormatClock(870), "14:30");
}

TEST(VisitPriority, BoostsAddToTheWeight) {
  EXPECT_DOUBLE_EQ(VisitPriority({1.0, 20, false, false}).value, 1.0);
  EXPECT_DOUBLE_EQ(VisitPriority({1.0, std::nullopt, false, false}).value, 2.0);
  EXPECT_DOUBLE_EQ(VisitPriority({1.0, 45, false, false}).value, 1.5);
  EXPECT_DOUBLE_EQ(VisitPriority({1.0, 95, false, false}).value, 2.5);
  EXPECT_DOUBLE_EQ(VisitPriority({1.0, 400, false, false}).value, 3.0);  // at most +2
  const Priority all = VisitPriority({2.0, 20, true, true});
  EXPECT_DOUBLE_EQ(all.value, 3.5);
  EXPECT_EQ(all.boosts, (std::vector<std::string>{"recent_age_out", "release_soon"}));
}

TEST(Travel, HaversineAndCost) {
  // Ayacucho to Lima, about 330 km as the crow flies.
  const double km = GreatCircleKm(-13.16, -74.22, -12.05, -77.04);
  EXPECT_NEAR(km, 330, 10);
  EXPECT_NEAR(GreatCircleKm(0, 0, 0, 1), 111.19, 0.01);
  const Travel travel = TravelFor(90, 60, 0.5);
  EXPECT_EQ(travel.minutes, 90);
  EXPECT_DOUBLE_EQ(travel.cost, 90.0);
  EXPECT_EQ(TravelFor(1, 60, 0.5).minutes, 1);
  EXPECT_GT(km, kFarKm);
}

}  // namespace
}  // namespace vinculo

#include "domain/icalendar.h"

namespace vinculo {
namespace {

TEST(ICalendar, LinesAreFoldedAt75OctetsWithoutSplittingACharacter) {
  const std::string long_line = "DESCRIPTION:" + std::string(70, 'a') + "ñññ";
  const std::string folded = FoldLine(long_line);
  EXPECT_EQ(folded.substr(0, 77), long_line.substr(0, 75) + "\r\n");
  size_t start = 0;
  std::string unfolded;
  while (start < folded.size()) {
    const size_t end = folded.find("\r\n", start);
    ASSERT_NE(end, std::string::npos);
    EXPECT_LE(end - start, 75u);
    unfolded +=
        folded.substr(start == 0 ? start : start + 1, end - (start == 0 ? start : start + 1));
    start = end + 2;
  }
  EXPECT_EQ(unfolded, long_line);
  EXPECT_EQ(EscapeText("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
}

TEST(ICalendar, EventsHaveUidStampAndZonedTimes) {
  CalendarEvent event;
  event.uid = "trip-1@vinculo";
  event.date = Date{2026, 12, 5};
  event.start_minute = 8 * 60 + 30;
  event.end_minute = 11 * 60 + 45;
  event.summary = "Visita, patio";
  const std::string calendar =
      FormatICalendar("Visitas",
                      {CalendarZone{"America/Lima",
                                    "BEGIN:VTIMEZONE\r\nTZID:America/Lima\r\nBEGIN:STANDARD\r\n"
                                    "DTSTART:19700101T000000\r\nTZOFFSETFROM:-0500\r\n"
                                    "TZOFFSETTO:-0500\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n"}},
                      {event}, "2026-11-23T12:00:00Z");
  EXPECT_NE(calendar.find("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"), std::string::npos);
  EXPECT_NE(calendar.find("UID:trip-1@vinculo\r\n"), std::string::npos);
  EXPECT_NE(calendar.find("DTSTAMP:20261123T120000Z\r\n"), std::string::npos);
  EXPECT_NE(calendar.find("DTSTART;TZID=America/Lima:20261205T083000\r\n"), std::string::npos);
  EXPECT_NE(calendar.find("DTEND;TZID=America/Lima:20261205T114500\r\n"), std::string::npos);
  EXPECT_NE(calendar.find("TZOFFSETTO:-0500\r\n"), std::string::npos);
  EXPECT_NE(calendar.find("SUMMARY:Visita\\, patio\r\n"), std::string::npos);
}

}  // namespace
}  // namespace vinculo
