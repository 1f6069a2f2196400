// Who may visit on which session (domain/visit_eligibility.h).
#include "domain/visit_eligibility.h"

#include <gtest/gtest.h>

#include <vector>

namespace vinculo {
namespace {

PairOnSession OnSaturday() {
  PairOnSession visit;
  visit.date = Date{2026, 12, 5};
  visit.start_minute = 9 * 60;
  visit.parent_wing = Wing::kWomen;
  visit.session_wing = Wing::kWomen;
  return visit;
}

TEST(VisitEligibility, ANoContactOrderForbidsEveryDayAndABanItsDaysOnly) {
  EXPECT_EQ(RestrictionOn({true, std::nullopt}, Date{2030, 1, 1}), RestrictionBar::kNoContact);
  const VisitRestriction ban{false, Date{2026, 12, 12}};
  EXPECT_EQ(RestrictionOn(ban, Date{2026, 12, 12}), RestrictionBar::kBanned);
  EXPECT_EQ(RestrictionOn(ban, Date{2026, 12, 13}), RestrictionBar::kNone);
  EXPECT_EQ(RestrictionOn({}, Date{2026, 12, 12}), RestrictionBar::kNone);
}

TEST(VisitEligibility, TheNoticeIsNowPlusItsHours) {
  // 2026-12-04 18:30 UTC plus 24 h: no visit before 2026-12-05 18:30.
  const auto now = std::chrono::sys_days{std::chrono::year{2026} / 12 / 4} +
                   std::chrono::hours(18) + std::chrono::minutes(30);
  const NoticeBound bound = NoticeFrom(now, 24);
  EXPECT_EQ(bound.date, (Date{2026, 12, 5}));
  EXPECT_EQ(bound.minute, 18 * 60 + 30);
  EXPECT_TRUE(BeforeNotice(Date{2026, 12, 5}, 9 * 60, bound));
  EXPECT_TRUE(BeforeNotice(Date{2026, 12, 4}, 20 * 60, bound));
  EXPECT_FALSE(BeforeNotice(Date{2026, 12, 5}, 18 * 60 + 30, bound));
  EXPECT_FALSE(BeforeNotice(Date{2026, 12, 6}, 0, bound));
}

TEST(VisitEligibility, ATripTravelsWithinTheDaysHours) {
  EXPECT_TRUE(WithinTravellingHours(9 * 60, 11 * 60, 180));  // 06:00 to 14:00
  EXPECT_FALSE(WithinTravellingHours(9 * 60, 11 * 60, 181));
  EXPECT_FALSE(WithinTravellingHours(18 * 60, 20 * 60, 61));  // back 21:01
  EXPECT_TRUE(WithinTravellingHours(9 * 60, 11 * 60, 200, {5 * 60, 21 * 60}));
}

TEST(VisitEligibility, TheFirstRuleThatBarsAVisitNamesIt) {
  EXPECT_EQ(BarToVisit(OnSaturday(), std::nullopt), VisitBar::kNone);

  PairOnSession men = OnSaturday();
  men.session_wing = Wing::kMen;
  EXPECT_EQ(BarToVisit(men, std::nullopt), VisitBar::kWing);
  men.restriction.no_contact = true;  // the restriction is named first
  EXPECT_EQ(BarToVisit(men, std::nullopt), VisitBar::kNoContact);

  PairOnSession banned = OnSaturday();
  banned.restriction.banned_until = Date{2026, 12, 5};
  EXPECT_EQ(BarToVisit(banned, std::nullopt), VisitBar::kBanned);

  const NoticeBound tomorrow{Date{2026, 12, 6}, 0};
  EXPECT_EQ(BarToVisit(OnSaturday(), tomorrow), VisitBar::kNotice);
  EXPECT_EQ(BarToVisit(OnSaturday(), std::nullopt), VisitBar::kNone);  // a booking by hand

  const std::vector<Date> exams = {Date{2026, 12, 1}, Date{2026, 12, 5}};
  PairOnSession away = OnSaturday();
  away.child_away = exams;
  EXPECT_EQ(BarToVisit(away, std::nullopt), VisitBar::kChildAway);
  away.date = Date{2026, 12, 12};
  EXPECT_EQ(BarToVisit(away, std::nullopt), VisitBar::kNone);
}

}  // namespace
}  // namespace vinculo
