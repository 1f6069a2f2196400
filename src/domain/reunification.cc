#include "domain/reunification.h"

#include <string>

#include "common/enum_names.h"

namespace vinculo {
namespace {

constexpr EnumName<StepKind> kStepKindNames[] = {
    {StepKind::kHousing, "housing"},
    {StepKind::kIncome, "income"},
    {StepKind::kSchoolPlace, "school_place"},
    {StepKind::kCustodyLegal, "custody_legal"},
    {StepKind::kContactBeforeRelease, "contact_before_release"},
    {StepKind::kOther, "other"}};
constexpr EnumName<StepStatus> kStepStatusNames[] = {{StepStatus::kPending, "pending"},
                                                     {StepStatus::kInProgress, "in_progress"},
                                                     {StepStatus::kDone, "done"},
                                                     {StepStatus::kCancelled, "cancelled"}};
constexpr EnumName<FollowUpKind> kFollowUpKindNames[] = {
    {FollowUpKind::kHomeVisit, "home_visit"},
    {FollowUpKind::kPhone, "phone"},
    {FollowUpKind::kOfficeMeeting, "office_meeting"},
    {FollowUpKind::kOther, "other"}};
constexpr EnumName<ReunificationPlanStatus> kReunificationPlanStatusNames[] = {
    {ReunificationPlanStatus::kOpen, "open"}, {ReunificationPlanStatus::kClosed, "closed"}};

}  // namespace

const char* StepKindName(StepKind kind) { return NameIn(kStepKindNames, kind); }
const char* StepStatusName(StepStatus status) { return NameIn(kStepStatusNames, status); }
const char* FollowUpKindName(FollowUpKind kind) { return NameIn(kFollowUpKindNames, kind); }
const char* ReunificationPlanStatusName(ReunificationPlanStatus status) {
  return NameIn(kReunificationPlanStatusNames, status);
}

Result<StepKind> ParseStepKind(std::string_view text) {
  return ParseIn(kStepKindNames, text, "kind");
}
Result<StepStatus> ParseStepStatus(std::string_view text) {
  return ParseIn(kStepStatusNames, text, "status");
}
Result<FollowUpKind> ParseFollowUpKind(std::string_view text) {
  return ParseIn(kFollowUpKindNames, text, "kind");
}
Result<ReunificationPlanStatus> ParseReunificationPlanStatus(std::string_view text) {
  return ParseIn(kReunificationPlanStatusNames, text, "status");
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
