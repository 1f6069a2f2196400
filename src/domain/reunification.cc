#include "domain/reunification.h"

#include <string>

namespace vinculo {
namespace {

template <typename Enum, size_t N>
Result<Enum> ParseNamed(std::string_view text, const Enum (&values)[N], const char* (*name)(Enum),
                        const char* field) {
  std::string allowed;
  for (Enum value : values) {
    if (text == name(value)) return value;
    if (!allowed.empty()) allowed += ", ";
    allowed += name(value);
  }
  return InvalidArgument(field, "must be one of " + allowed).Because(Refusal::kValueNotAllowed);
}

constexpr StepKind kStepKinds[] = {StepKind::kHousing,
                                   StepKind::kIncome,
                                   StepKind::kSchoolPlace,
                                   StepKind::kCustodyLegal,
                                   StepKind::kContactBeforeRelease,
                                   StepKind::kOther};
constexpr StepStatus kStepStatuses[] = {StepStatus::kPending, StepStatus::kInProgress,
                                        StepStatus::kDone, StepStatus::kCancelled};
constexpr FollowUpKind kFollowUpKinds[] = {FollowUpKind::kHomeVisit, FollowUpKind::kPhone,
                                           FollowUpKind::kOfficeMeeting, FollowUpKind::kOther};

}  // namespace

const char* StepKindName(StepKind kind) {
  switch (kind) {
    case StepKind::kHousing:
      return "housing";
    case StepKind::kIncome:
      return "income";
    case StepKind::kSchoolPlace:
      return "school_place";
    case StepKind::kCustodyLegal:
      return "custody_legal";
    case StepKind::kContactBeforeRelease:
      return "contact_before_release";
    case StepKind::kOther:
      return "other";
  }
  return "";
}

const char* StepStatusName(StepStatus status) {
  switch (status) {
    case StepStatus::kPending:
      return "pending";
    case StepStatus::kInProgress:
      return "in_progress";
    case StepStatus::kDone:
      return "done";
    case StepStatus::kCancelled:
      return "cancelled";
  }
  return "";
}

const char* FollowUpKindName(FollowUpKind kind) {
  switch (kind) {
    case FollowUpKind::kHomeVisit:
      return "home_visit";
    case FollowUpKind::kPhone:
      return "phone";
    case FollowUpKind::kOfficeMeeting:
      return "office_meeting";
    case FollowUpKind::kOther:
      return "other";
  }
  return "";
}

Result<StepKind> ParseStepKind(std::string_view text) {
  return ParseNamed(text, kStepKinds, StepKindName, "kind");
}

Result<StepStatus> ParseStepStatus(std::string_view text) {
  return ParseNamed(text, kStepStatuses, StepStatusName, "status");
}

Result<FollowUpKind> ParseFollowUpKind(std::string_view text) {
  return ParseNamed(text, kFollowUpKinds, FollowUpKindName, "kind");
}

bool IsStepOverdue(StepStatus status, const Date& due_on, const Date& today) {
  const bool open = status == StepStatus::kPending || status == StepStatus::kInProgress;
  return open && due_on < today;
}

const char* ReleaseAlertName(ReleaseAlert alert) {
  switch (alert) {
    case ReleaseAlert::kNoPlan:
      return "no_plan";
    case ReleaseAlert::kOverdueSteps:
      return "overdue_steps";
  }
  return "";
}

std::vector<ReleaseAlert> ReleaseAlertsFor(long long days_to_release, bool has_open_plan,
                                           long long overdue_steps, int alert_days) {
  std::vector<ReleaseAlert> alerts;
  if (!has_open_plan && days_to_release <= alert_days) alerts.push_back(ReleaseAlert::kNoPlan);
  if (overdue_steps > 0) alerts.push_back(ReleaseAlert::kOverdueSteps);
  return alerts;
}

Status CheckFollowUpDays(long long days) {
  if (days < 0 || days > kFollowUpMaxDays) {
    return InvalidArgument("follow_up_days",
                           "must be from 0 to " + std::to_string(kFollowUpMaxDays) + " days");
  }
  return Status::Ok();
}

FollowUpState FollowUpOn(const Date& released_on, const std::optional<Date>& last_contact,
                         int period_days, const Date& today) {
  FollowUpState state;
  state.follow_up_until = AddDays(released_on, period_days);
  state.within_period = released_on <= today && today <= state.follow_up_until;
  if (!state.within_period) return state;
  const Date since = last_contact && released_on < *last_contact ? *last_contact : released_on;
  state.due = DaysBetween(since, today) >= kFollowUpContactEveryDays;
  return state;
}

}  // namespace vinculo
