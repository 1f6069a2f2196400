// Refusal: the stable, machine-readable reason of a refused request, beyond
// its StatusCode. The HTTP edge sends it as problem+json `code` (and lists
// every one in the document); the web UI translates it, never the English
// `detail`. Every reason a service gives is one enumerator here, with its one
// wire name in refusal.cc.
#pragma once

#include <vector>

namespace vinculo {

enum class Refusal {
  kNone = 0,
  // Records and dates.
  kValueRequired,
  kDateInFuture,
  kDateInPast,
  kDateBeforeBirth,
  kDateInvalid,
  kTextTooShort,
  kTextTooLong,
  kNumberInvalid,
  kNumberNotPositive,
  kValueNotAllowed,
  kReasonRequired,
  kFacilityRequiredInside,
  kOnlyChildInside,
  kHomeRequired,
  kChildNotInside,
  kCodeTaken,
  kCodeFormat,
  kMonthsInvalid,
  kMonthsOrder,
  // Nursery care.
  kLeavePersonNotAuthorised,
  kLeaveAlreadyOut,
  kLeaveAlreadyReturned,
  kLeaveDueBeforeStart,
  kLeaveReturnBeforeStart,
  kLeaveHasBegun,
  kLeaveTooFarAhead,
  kPlanNeedsStep,
  kPlanVisitIncomplete,
  kPlanAlreadyApproved,
  kSchoolAge,
  // Visits.
  kSessionFull,
  kEscortBusy,
  kEscortFull,
  kSameSession,
  kSessionOtherFacility,
  kSessionWing,
  kChildUnavailable,
  kVisitBlocked,
  kEscortUnavailable,
  kDayTooShort,
  kChildDayTooLong,
  kVisitCancelled,
  kCancellationReasonRequired,
  kAbsenceReasonRequired,
  kEndBeforeStart,
  kRecordedTooEarly,
  kMoodRange,
  kPlanDraft,
  // Workshops.
  kCohortForWomen,
  kCohortForMen,
  kParentOtherFacility,
  kParentReleased,
  kParentAlreadyEnrolled,
  kParentWing,
  kParentNoChild,
  kScheduleClash,
  kSpaceTooSmall,
  kMixedGroupsNotAllowed,
  kFacilitatorNotSocialWorker,
  // The role gate of the operation tables (http/operation.cc).
  kRoleForbidden,
  // Families (issue 15).
  kOwnSibling,
  kNoReleasedParent,
};

// The wire name ("session_full"); "" for kNone.
const char* RefusalCode(Refusal refusal);
// Every reason but kNone, in declaration order.
const std::vector<Refusal>& AllRefusals();

}  // namespace vinculo
