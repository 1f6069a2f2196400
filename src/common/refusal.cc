#include "common/refusal.h"

namespace vinculo {

const char* RefusalCode(Refusal refusal) {
  switch (refusal) {
    case Refusal::kNone:
      return "";
    case Refusal::kValueRequired:
      return "value_required";
    case Refusal::kDateInFuture:
      return "date_in_future";
    case Refusal::kDateInPast:
      return "date_in_past";
    case Refusal::kDateBeforeBirth:
      return "date_before_birth";
    case Refusal::kDateInvalid:
      return "date_invalid";
    case Refusal::kTextTooShort:
      return "text_too_short";
    case Refusal::kTextTooLong:
      return "text_too_long";
    case Refusal::kNumberInvalid:
      return "number_invalid";
    case Refusal::kNumberNotPositive:
      return "number_not_positive";
    case Refusal::kValueNotAllowed:
      return "value_not_allowed";
    case Refusal::kReasonRequired:
      return "reason_required";
    case Refusal::kFacilityRequiredInside:
      return "facility_required_inside";
    case Refusal::kOnlyChildInside:
      return "only_child_inside";
    case Refusal::kHomeRequired:
      return "home_required";
    case Refusal::kChildNotInside:
      return "child_not_inside";
    case Refusal::kCodeTaken:
      return "code_taken";
    case Refusal::kCodeFormat:
      return "code_format";
    case Refusal::kMonthsInvalid:
      return "months_invalid";
    case Refusal::kMonthsOrder:
      return "months_order";
    case Refusal::kLeavePersonNotAuthorised:
      return "leave_person_not_authorised";
    case Refusal::kLeaveAlreadyOut:
      return "leave_already_out";
    case Refusal::kLeaveAlreadyReturned:
      return "leave_already_returned";
    case Refusal::kLeaveDueBeforeStart:
      return "leave_due_before_start";
    case Refusal::kLeaveReturnBeforeStart:
      return "leave_return_before_start";
    case Refusal::kLeaveHasBegun:
      return "leave_has_begun";
    case Refusal::kLeaveTooFarAhead:
      return "leave_too_far_ahead";
    case Refusal::kPlanNeedsStep:
      return "plan_needs_step";
    case Refusal::kPlanVisitIncomplete:
      return "plan_visit_incomplete";
    case Refusal::kPlanAlreadyApproved:
      return "plan_already_approved";
    case Refusal::kSchoolAge:
      return "school_age";
    case Refusal::kSessionFull:
      return "session_full";
    case Refusal::kEscortBusy:
      return "escort_busy";
    case Refusal::kEscortFull:
      return "escort_full";
    case Refusal::kSameSession:
      return "same_session";
    case Refusal::kSessionOtherFacility:
      return "session_other_facility";
    case Refusal::kSessionWing:
      return "session_wing";
    case Refusal::kChildUnavailable:
      return "child_unavailable";
    case Refusal::kVisitBlocked:
      return "visit_blocked";
    case Refusal::kEscortUnavailable:
      return "escort_unavailable";
    case Refusal::kDayTooShort:
      return "day_too_short";
    case Refusal::kChildDayTooLong:
      return "child_day_too_long";
    case Refusal::kVisitCancelled:
      return "visit_cancelled";
    case Refusal::kCancellationReasonRequired:
      return "cancellation_reason_required";
    case Refusal::kAbsenceReasonRequired:
      return "absence_reason_required";
    case Refusal::kEndBeforeStart:
      return "end_before_start";
    case Refusal::kRecordedTooEarly:
      return "recorded_too_early";
    case Refusal::kMoodRange:
      return "mood_range";
    case Refusal::kPlanDraft:
      return "plan_draft";
    case Refusal::kCohortForWomen:
      return "cohort_for_women";
    case Refusal::kCohortForMen:
      return "cohort_for_men";
    case Refusal::kParentOtherFacility:
      return "parent_other_facility";
    case Refusal::kParentReleased:
      return "parent_released";
    case Refusal::kParentAlreadyEnrolled:
      return "parent_already_enrolled";
    case Refusal::kParentWing:
      return "parent_wing";
    case Refusal::kParentNoChild:
      return "parent_no_child";
    case Refusal::kScheduleClash:
      return "schedule_clash";
    case Refusal::kSpaceTooSmall:
      return "space_too_small";
    case Refusal::kMixedGroupsNotAllowed:
      return "mixed_groups_not_allowed";
    case Refusal::kFacilitatorNotSocialWorker:
      return "facilitator_not_social_worker";
    case Refusal::kRoleForbidden:
      return "role_forbidden";
    case Refusal::kOwnSibling:
      return "own_sibling";
    case Refusal::kNoReleasedParent:
      return "no_released_parent";
  }
  return "";
}

const std::vector<Refusal>& AllRefusals() {
  static const std::vector<Refusal> kAll = {Refusal::kValueRequired,
                                            Refusal::kDateInFuture,
                                            Refusal::kDateInPast,
                                            Refusal::kDateBeforeBirth,
                                            Refusal::kDateInvalid,
                                            Refusal::kTextTooShort,
                                            Refusal::kTextTooLong,
                                            Refusal::kNumberInvalid,
                                            Refusal::kNumberNotPositive,
                                            Refusal::kValueNotAllowed,
                                            Refusal::kReasonRequired,
                                            Refusal::kFacilityRequiredInside,
                                            Refusal::kOnlyChildInside,
                                            Refusal::kHomeRequired,
                                            Refusal::kChildNotInside,
                                            Refusal::kCodeTaken,
                                            Refusal::kCodeFormat,
                                            Refusal::kMonthsInvalid,
                                            Refusal::kMonthsOrder,
                                            Refusal::kLeavePersonNotAuthorised,
                                            Refusal::kLeaveAlreadyOut,
                                            Refusal::kLeaveAlreadyReturned,
                                            Refusal::kLeaveDueBeforeStart,
                                            Refusal::kLeaveReturnBeforeStart,
                                            Refusal::kLeaveHasBegun,
                                            Refusal::kLeaveTooFarAhead,
                                            Refusal::kPlanNeedsStep,
                                            Refusal::kPlanVisitIncomplete,
                                            Refusal::kPlanAlreadyApproved,
                                            Refusal::kSchoolAge,
                                            Refusal::kSessionFull,
                                            Refusal::kEscortBusy,
                                            Refusal::kEscortFull,
                                            Refusal::kSameSession,
                                            Refusal::kSessionOtherFacility,
                                            Refusal::kSessionWing,
                                            Refusal::kChildUnavailable,
                                            Refusal::kVisitBlocked,
                                            Refusal::kEscortUnavailable,
                                            Refusal::kDayTooShort,
                                            Refusal::kChildDayTooLong,
                                            Refusal::kVisitCancelled,
                                            Refusal::kCancellationReasonRequired,
                                            Refusal::kAbsenceReasonRequired,
                                            Refusal::kEndBeforeStart,
                                            Refusal::kRecordedTooEarly,
                                            Refusal::kMoodRange,
                                            Refusal::kPlanDraft,
                                            Refusal::kCohortForWomen,
                                            Refusal::kCohortForMen,
                                            Refusal::kParentOtherFacility,
                                            Refusal::kParentReleased,
                                            Refusal::kParentAlreadyEnrolled,
                                            Refusal::kParentWing,
                                            Refusal::kParentNoChild,
                                            Refusal::kScheduleClash,
                                            Refusal::kSpaceTooSmall,
                                            Refusal::kMixedGroupsNotAllowed,
                                            Refusal::kFacilitatorNotSocialWorker,
                                            Refusal::kRoleForbidden,
                                            Refusal::kOwnSibling,
                                            Refusal::kNoReleasedParent};
  return kAll;
}

}  // namespace vinculo
