// Issue 17, item 3: statuses are enum classes at the domain boundary and text
// only at the edges. Each status's names are the exact strings the database
// holds and the API sends (written out here, not taken from the tables they
// check); each name parses back to its value, and unknown text is refused
// naming the field.
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "domain/coresidence.h"
#include "domain/family.h"
#include "domain/reunification.h"
#include "domain/visit_rules.h"
#include "domain/workshop_calendar.h"

namespace vinculo {
namespace {

// Every value of one enum with the text stored and sent for it.
template <typename Enum>
void ExpectNamesRoundTrip(const std::vector<std::pair<Enum, std::string>>& expected,
                          const char* (*name)(Enum), Result<Enum> (*parse)(std::string_view),
                          const std::string& field) {
  for (const auto& [value, text] : expected) {
    EXPECT_EQ(name(value), text);
    Result<Enum> parsed = parse(text);
    ASSERT_TRUE(parsed.ok()) << text;
    EXPECT_EQ(*parsed, value) << text;
  }
  for (const char* unknown : {"", "Published", "open ", "unknown"}) {
    Result<Enum> refused = parse(unknown);
    ASSERT_FALSE(refused.ok()) << unknown;
    EXPECT_EQ(refused.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(refused.status().field(), field);
  }
}

TEST(Issue17StatusNames, Issue17_AVisitPlanIsADraftOrPublished) {
  ExpectNamesRoundTrip<VisitPlanStatus>(
      {{VisitPlanStatus::kDraft, "draft"}, {VisitPlanStatus::kPublished, "published"}},
      VisitPlanStatusName, ParseVisitPlanStatus, "status");
}

TEST(Issue17StatusNames, Issue17_AVisitingSessionIsOpenOrBlocked) {
  ExpectNamesRoundTrip<VisitSessionStatus>(
      {{VisitSessionStatus::kOpen, "open"}, {VisitSessionStatus::kBlocked, "blocked"}},
      VisitSessionStatusName, ParseVisitSessionStatus, "status");
}

TEST(Issue17StatusNames, Issue17_ATripAndAPlannedVisitArePlannedUntilCancelled) {
  ExpectNamesRoundTrip<TripStatus>(
      {{TripStatus::kPlanned, "planned"}, {TripStatus::kCancelled, "cancelled"}}, TripStatusName,
      ParseTripStatus, "status");
  ExpectNamesRoundTrip<PlannedVisitStatus>(
      {{PlannedVisitStatus::kPlanned, "planned"}, {PlannedVisitStatus::kCancelled, "cancelled"}},
      PlannedVisitStatusName, ParsePlannedVisitStatus, "status");
}

TEST(Issue17StatusNames, Issue17_AVisitComesToPlannedAttendedMissedOrCancelled) {
  ExpectNamesRoundTrip<VisitOutcome>({{VisitOutcome::kPlanned, "planned"},
                                      {VisitOutcome::kAttended, "attended"},
                                      {VisitOutcome::kMissed, "missed"},
                                      {VisitOutcome::kCancelled, "cancelled"}},
                                     VisitOutcomeName, ParseVisitOutcome, "status");
  EXPECT_EQ(VisitOutcomeOf(PlannedVisitStatus::kPlanned, std::nullopt), VisitOutcome::kPlanned);
  EXPECT_EQ(VisitOutcomeOf(PlannedVisitStatus::kPlanned, true), VisitOutcome::kAttended);
  EXPECT_EQ(VisitOutcomeOf(PlannedVisitStatus::kPlanned, false), VisitOutcome::kMissed);
  // A cancelled visit stays cancelled whatever was recorded before.
  EXPECT_EQ(VisitOutcomeOf(PlannedVisitStatus::kCancelled, true), VisitOutcome::kCancelled);
}

TEST(Issue17StatusNames, Issue17_AReunificationPlanIsOpenOrClosedAndItsStepsHaveFourStatuses) {
  ExpectNamesRoundTrip<ReunificationPlanStatus>(
      {{ReunificationPlanStatus::kOpen, "open"}, {ReunificationPlanStatus::kClosed, "closed"}},
      ReunificationPlanStatusName, ParseReunificationPlanStatus, "status");
  ExpectNamesRoundTrip<StepStatus>({{StepStatus::kPending, "pending"},
                                    {StepStatus::kInProgress, "in_progress"},
                                    {StepStatus::kDone, "done"},
                                    {StepStatus::kCancelled, "cancelled"}},
                                   StepStatusName, ParseStepStatus, "status");
  ExpectNamesRoundTrip<StepKind>({{StepKind::kHousing, "housing"},
                                  {StepKind::kIncome, "income"},
                                  {StepKind::kSchoolPlace, "school_place"},
                                  {StepKind::kCustodyLegal, "custody_legal"},
                                  {StepKind::kContactBeforeRelease, "contact_before_release"},
                                  {StepKind::kOther, "other"}},
                                 StepKindName, ParseStepKind, "kind");
  ExpectNamesRoundTrip<FollowUpKind>({{FollowUpKind::kHomeVisit, "home_visit"},
                                      {FollowUpKind::kPhone, "phone"},
                                      {FollowUpKind::kOfficeMeeting, "office_meeting"},
                                      {FollowUpKind::kOther, "other"}},
                                     FollowUpKindName, ParseFollowUpKind, "kind");
}

TEST(Issue17StatusNames, Issue17_AParentIsIncarceratedUntilReleased) {
  ExpectNamesRoundTrip<CustodyStatus>(
      {{CustodyStatus::kIncarcerated, "incarcerated"}, {CustodyStatus::kReleased, "released"}},
      CustodyStatusName, ParseCustodyStatus, "custody_status");
}

TEST(Issue17StatusNames, Issue17_AnAgeOutProposalIsPendingUntilDecidedOrWithdrawn) {
  ExpectNamesRoundTrip<AgeOutProposalStatus>({{AgeOutProposalStatus::kPending, "pending"},
                                              {AgeOutProposalStatus::kAccepted, "accepted"},
                                              {AgeOutProposalStatus::kRejected, "rejected"},
                                              {AgeOutProposalStatus::kWithdrawn, "withdrawn"}},
                                             AgeOutProposalStatusName, ParseAgeOutProposalStatus,
                                             "status");
}

TEST(Issue17StatusNames, Issue17_AWorkshopCohortRunsUntilClosedAndItsSessionsAreScheduled) {
  ExpectNamesRoundTrip<CohortStatus>(
      {{CohortStatus::kRunning, "running"}, {CohortStatus::kClosed, "closed"}}, CohortStatusName,
      ParseCohortStatus, "status");
  ExpectNamesRoundTrip<WorkshopSessionStatus>({{WorkshopSessionStatus::kScheduled, "scheduled"},
                                               {WorkshopSessionStatus::kCancelled, "cancelled"}},
                                              WorkshopSessionStatusName, ParseWorkshopSessionStatus,
                                              "status");
}

TEST(Issue17StatusNames, Issue17_AWorkshopPlaceIsEnrolledOrWaitingUntilItEnds) {
  ExpectNamesRoundTrip<EnrolmentStatus>({{EnrolmentStatus::kEnrolled, "enrolled"},
                                         {EnrolmentStatus::kWaiting, "waiting"},
                                         {EnrolmentStatus::kWithdrawn, "withdrawn"},
                                         {EnrolmentStatus::kReleased, "released"},
                                         {EnrolmentStatus::kTransferred, "transferred"}},
                                        EnrolmentStatusName, ParseEnrolmentStatus, "status");
  EXPECT_TRUE(HoldsPlace(EnrolmentStatus::kEnrolled));
  EXPECT_TRUE(HoldsPlace(EnrolmentStatus::kWaiting));
  EXPECT_FALSE(HoldsPlace(EnrolmentStatus::kWithdrawn));
  EXPECT_FALSE(HoldsPlace(EnrolmentStatus::kReleased));
  EXPECT_FALSE(HoldsPlace(EnrolmentStatus::kTransferred));
}

TEST(Issue17StatusNames, Issue17_AParentIsMarkedPresentAbsentOrExcused) {
  ExpectNamesRoundTrip<AttendanceMark>({{AttendanceMark::kPresent, "present"},
                                        {AttendanceMark::kAbsent, "absent"},
                                        {AttendanceMark::kExcused, "excused"}},
                                       AttendanceMarkName, ParseAttendanceMark, "status");
}

TEST(Issue17StatusNames, Issue17_AnExtensionIsRequestedUntilApprovedOrRefused) {
  ExpectNamesRoundTrip<ExtensionStatus>({{ExtensionStatus::kRequested, "requested"},
                                         {ExtensionStatus::kApproved, "approved"},
                                         {ExtensionStatus::kRefused, "refused"}},
                                        ExtensionStatusName, ParseExtensionStatus, "status");
}

TEST(Issue17StatusNames, Issue17_APregnancyIsExpectedUntilTheChildIsBornOrItEnds) {
  ExpectNamesRoundTrip<PregnancyStatus>({{PregnancyStatus::kExpected, "expected"},
                                         {PregnancyStatus::kBorn, "born"},
                                         {PregnancyStatus::kEnded, "ended"}},
                                        PregnancyStatusName, ParsePregnancyStatus, "status");
}

TEST(Issue17StatusNames, Issue17_ATransitionPlanIsADraftUntilApproved) {
  ExpectNamesRoundTrip<TransitionPlanStatus>(
      {{TransitionPlanStatus::kDraft, "draft"}, {TransitionPlanStatus::kApproved, "approved"}},
      TransitionPlanStatusName, ParseTransitionPlanStatus, "status");
}

}  // namespace
}  // namespace vinculo
