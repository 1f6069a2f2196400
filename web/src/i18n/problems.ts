// The server's refusals in the user's language: each problem+json `code`
// (the stable codes listed in the API document, components/schemas/Problem)
// to a message. The server's English `detail` is never parsed; a code not
// listed here falls back to a message for the HTTP status.
import type { MessageKey } from "./es";

export const problemMessages: Record<string, MessageKey> = {
  // The request decoder's and the record kinds' own.
  field_required: "error.required",
  parameter_required: "error.required",
  value_required: "error.required",
  field_choice: "care.error.choose",
  value_not_allowed: "care.error.choose",
  field_range: "error.number",
  number_invalid: "error.number",
  number_not_positive: "error.positive",
  date_invalid: "error.date",
  date_in_future: "error.future",
  date_in_past: "error.past",
  date_before_birth: "error.beforeBirth",
  text_too_short: "error.tooShort",
  text_too_long: "error.tooLong",
  reason_required: "error.needsReason",
  facility_required_inside: "error.needsFacility",
  only_child_inside: "error.onlyInside",
  home_required: "error.needsHome",
  precondition_failed: "error.412",
  // Nursery care and supplies.
  child_not_inside: "care.error.notInside",
  leave_person_not_authorised: "care.error.notAuthorised",
  leave_already_out: "care.error.alreadyOut",
  leave_already_returned: "care.error.returned",
  leave_due_before_start: "care.error.dueBeforeLeft",
  leave_return_before_start: "care.error.returnBeforeLeft",
  leave_has_begun: "care.error.leaveBegun",
  leave_too_far_ahead: "care.error.tooFarAhead",
  plan_needs_step: "care.error.needsStep",
  plan_visit_incomplete: "care.error.visitBoth",
  plan_already_approved: "care.error.approved",
  school_age: "care.error.schoolAge",
  months_invalid: "care.error.months",
  months_order: "care.error.toMonths",
  code_taken: "care.error.codeTaken",
  code_format: "care.error.code",
  // Visits.
  session_full: "vv.error.full",
  escort_busy: "vv.error.escortBusy",
  escort_full: "vv.error.escortFull",
  same_session: "vv.error.sameSession",
  session_other_facility: "vv.error.otherFacility",
  session_wing: "vv.error.wing",
  child_unavailable: "vv.error.childUnavailable",
  visit_blocked: "vv.error.blocked",
  escort_unavailable: "vv.error.escortUnavailable",
  day_too_short: "vv.error.noFit",
  child_day_too_long: "vv.error.childDayTooLong",
  visit_cancelled: "vv.error.cancelled",
  cancellation_reason_required: "vv.error.cancelReason",
  absence_reason_required: "vv.error.absenceReason",
  end_before_start: "vv.error.endBeforeStart",
  recorded_too_early: "vv.error.tooEarly",
  mood_range: "vv.error.mood",
  plan_draft: "vv.error.draft",
  // Workshops.
  cohort_for_women: "vv.error.notWoman",
  cohort_for_men: "vv.error.notMan",
  parent_other_facility: "vv.error.otherFacilityParent",
  parent_released: "vv.error.released",
  parent_already_enrolled: "vv.error.alreadyEnrolled",
  parent_wing: "vv.error.parentWing",
  parent_no_child: "vv.error.noChild",
  schedule_clash: "vv.error.clash",
  space_too_small: "vv.error.spaceSmall",
  mixed_groups_not_allowed: "vv.error.mixed",
  facilitator_not_social_worker: "vv.error.facilitator",
  // Families.
  own_sibling: "family.error.ownSibling",
  no_released_parent: "family.error.noReleasedParent",
};

// A code for one field only: a transition plan's steps of the wrong shape.
export const fieldProblemMessages: Record<string, Partial<Record<string, MessageKey>>> = {
  steps: { field_type: "care.error.stepShape" },
  // A search longer than the server takes (issue 16).
  q: { text_too_long: "search.tooLong" },
};
