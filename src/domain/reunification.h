// Release and reunification (issue 15): the rules of a parent's reunification
// plan and of the follow-up after release that do not need the store. A plan
// belongs to one incarcerated parent (and so to her children); it is a list
// of steps, each of a closed kind, with an owner (a user of the
// organisation), a due date and a status. After release the family is
// followed for a period the organisation sets. Pure functions and constants.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "common/date.h"
#include "common/status.h"

namespace vinculo {

// A parent whose release is at most this many days away without a
// reunification plan is flagged: three months, the least time housing,
// income and school places take to arrange (docs/domain.md).
inline constexpr int kReunificationAlertDefaultDays = 90;
// The follow-up period after release when the organisation set none: six
// months, the time most relapses into separation happen in.
inline constexpr int kFollowUpDefaultDays = 180;
// The longest follow-up period an organisation may set: five years.
inline constexpr int kFollowUpMaxDays = 1825;
// A released family within its follow-up period is due for a contact when
// the last one (or the release) is at least this many days ago: monthly.
inline constexpr int kFollowUpContactEveryDays = 30;

// The child placement (record_kinds.cc) of a child who lives with her parent
// after the parent's release.
inline constexpr const char* kPlacementWithReleasedParent = "with_released_parent";

enum class StepKind {
  kHousing,
  kIncome,
  kSchoolPlace,
  kCustodyLegal,
  kContactBeforeRelease,
  kOther
};
enum class StepStatus { kPending, kInProgress, kDone, kCancelled };
enum class FollowUpKind { kHomeVisit, kPhone, kOfficeMeeting, kOther };
// A reunification plan is open until closed; a closed plan is history.
enum class ReunificationPlanStatus { kOpen, kClosed };

const char* StepKindName(StepKind kind);
const char* StepStatusName(StepStatus status);
const char* FollowUpKindName(FollowUpKind kind);
const char* ReunificationPlanStatusName(ReunificationPlanStatus status);  // "open", "closed"
// kInvalidArgument naming `kind` / `status` for anything outside the lists.
Result<StepKind> ParseStepKind(std::string_view text);
Result<StepStatus> ParseStepStatus(std::string_view text);
Result<FollowUpKind> ParseFollowUpKind(std::string_view text);
Result<ReunificationPlanStatus> ParseReunificationPlanStatus(std::string_view text);

// A step is overdue on `today` when its due date has passed and it is still
// pending or in progress (done and cancelled steps never are).
bool IsStepOverdue(StepStatus status, const Date& due_on, const Date& today);

// Why a parent on the release countdown is flagged: her release is at most
// the alert window away and she has no open reunification plan, or her open
// plan has overdue steps.
enum class ReleaseAlert { kNoPlan, kOverdueSteps };
const char* ReleaseAlertName(ReleaseAlert alert);  // "no_plan", "overdue_steps"
std::vector<ReleaseAlert> ReleaseAlertsFor(long long days_to_release, bool has_open_plan,
                                           long long overdue_steps, int alert_days);

// A follow-up period in days: kInvalidArgument naming follow_up_days below 0
// or above kFollowUpMaxDays.
Status CheckFollowUpDays(long long days);

// A released family's follow-up on `today`: within the period when the
// release was at most `period_days` ago; due when, within it, the last
// contact (or, without one, the release) is kFollowUpContactEveryDays or
// more days ago.
struct FollowUpState {
  bool within_period = false;
  bool due = false;
  Date follow_up_until;
};
FollowUpState FollowUpOn(const Date& released_on, const std::optional<Date>& last_contact,
                         int period_days, const Date& today);

}  // namespace vinculo
