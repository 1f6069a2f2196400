// Issue 15, the reunification rules that need no store: which steps are
// overdue, the follow-up period after release and when a family is due.
#include <gtest/gtest.h>

#include "domain/reunification.h"

namespace vinculo {
namespace {

Date D(const char* text) { return *ParseDate(text); }

TEST(Issue15ReunificationRules, Issue15_OnlyOpenStepsPastTheirDueDateAreOverdue) {
  const Date today = D("2026-11-23");
  EXPECT_TRUE(IsStepOverdue(StepStatus::kPending, D("2026-11-22"), today));
  EXPECT_TRUE(IsStepOverdue(StepStatus::kInProgress, D("2026-01-01"), today));
  EXPECT_FALSE(IsStepOverdue(StepStatus::kPending, D("2026-11-23"), today));  // due today
  EXPECT_FALSE(IsStepOverdue(StepStatus::kDone, D("2026-11-01"), today));
  EXPECT_FALSE(IsStepOverdue(StepStatus::kCancelled, D("2026-11-01"), today));
}

TEST(Issue15ReunificationRules, Issue15_StepKindsAndStatusesAreClosedLists) {
  EXPECT_EQ(*ParseStepKind("contact_before_release"), StepKind::kContactBeforeRelease);
  EXPECT_EQ(ParseStepKind("lottery").status().field(), "kind");
  EXPECT_EQ(*ParseStepStatus("in_progress"), StepStatus::kInProgress);
  EXPECT_EQ(ParseStepStatus("finished").status().field(), "status");
  EXPECT_EQ(*ParseFollowUpKind("home_visit"), FollowUpKind::kHomeVisit);
}

TEST(Issue15ReunificationRules, Issue15_AFollowUpPeriodBelowZeroIsRefused) {
  EXPECT_EQ(CheckFollowUpDays(-1).field(), "follow_up_days");
  EXPECT_TRUE(CheckFollowUpDays(0).ok());
  EXPECT_TRUE(CheckFollowUpDays(kFollowUpMaxDays).ok());
  EXPECT_FALSE(CheckFollowUpDays(kFollowUpMaxDays + 1).ok());
}

TEST(Issue15ReunificationRules, Issue15_AReleasedFamilyIsDueAMonthAfterTheLastContact) {
  const Date released = D("2026-09-01");
  // 83 days after release, no contact: due.
  FollowUpState state = FollowUpOn(released, std::nullopt, 180, D("2026-11-23"));
  EXPECT_TRUE(state.within_period);
  EXPECT_TRUE(state.due);
  EXPECT_EQ(FormatDate(state.follow_up_until), "2027-02-28");
  // A contact 29 days ago: not yet; 30 days ago: due.
  EXPECT_FALSE(FollowUpOn(released, D("2026-10-25"), 180, D("2026-11-23")).due);
  EXPECT_TRUE(FollowUpOn(released, D("2026-10-24"), 180, D("2026-11-23")).due);
  // Released 29 days ago, nobody called yet: not due yet.
  EXPECT_FALSE(FollowUpOn(D("2026-10-25"), std::nullopt, 180, D("2026-11-23")).due);
  // Outside the period: neither within nor due.
  state = FollowUpOn(released, std::nullopt, 60, D("2026-11-23"));
  EXPECT_FALSE(state.within_period);
  EXPECT_FALSE(state.due);
  // A period of 0 days: only the day of release.
  EXPECT_TRUE(FollowUpOn(released, std::nullopt, 0, released).within_period);
}

TEST(Issue15ReunificationRules, Issue15_ANearReleaseWithoutAPlanOrWithOverdueStepsIsAnAlert) {
  using Alerts = std::vector<ReleaseAlert>;
  EXPECT_EQ(ReleaseAlertsFor(90, false, 0, 90), Alerts{ReleaseAlert::kNoPlan});
  EXPECT_EQ(ReleaseAlertsFor(91, false, 0, 90), Alerts{});
  EXPECT_EQ(ReleaseAlertsFor(-3, false, 0, 90), Alerts{ReleaseAlert::kNoPlan});  // date passed
  EXPECT_EQ(ReleaseAlertsFor(30, true, 0, 90), Alerts{});
  EXPECT_EQ(ReleaseAlertsFor(300, true, 2, 90), Alerts{ReleaseAlert::kOverdueSteps});
  EXPECT_STREQ(ReleaseAlertName(ReleaseAlert::kNoPlan), "no_plan");
}

}  // namespace
}  // namespace vinculo
