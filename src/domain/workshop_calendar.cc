#include "domain/workshop_calendar.h"

#include <cmath>

#include "common/enum_names.h"

namespace vinculo {
namespace {

constexpr int kMaxSessions = 200;
// A closure calendar never blocks more than this many consecutive dates of a
// rhythm; beyond it the facility is effectively closed and generation stops.
constexpr int kMaxSkippedDates = 1000;

constexpr EnumName<CohortStatus> kCohortStatusNames[] = {{CohortStatus::kRunning, "running"},
                                                         {CohortStatus::kClosed, "closed"}};

constexpr EnumName<WorkshopSessionStatus> kWorkshopSessionStatusNames[] = {
    {WorkshopSessionStatus::kScheduled, "scheduled"},
    {WorkshopSessionStatus::kCancelled, "cancelled"}};

constexpr EnumName<EnrolmentStatus> kEnrolmentStatusNames[] = {
    {EnrolmentStatus::kEnrolled, "enrolled"},
    {EnrolmentStatus::kWaiting, "waiting"},
    {EnrolmentStatus::kWithdrawn, "withdrawn"},
    {EnrolmentStatus::kReleased, "released"},
    {EnrolmentStatus::kTransferred, "transferred"}};

constexpr EnumName<AttendanceMark> kAttendanceMarkNames[] = {{AttendanceMark::kPresent, "present"},
                                                             {AttendanceMark::kAbsent, "absent"},
                                                             {AttendanceMark::kExcused, "excused"}};

}  // namespace

const char* CohortStatusName(CohortStatus status) { return NameIn(kCohortStatusNames, status); }
Result<CohortStatus> ParseCohortStatus(std::string_view text) {
  return ParseIn(kCohortStatusNames, text, "status");
}

const char* WorkshopSessionStatusName(WorkshopSessionStatus status) {
  return NameIn(kWorkshopSessionStatusNames, status);
}
Result<WorkshopSessionStatus> ParseWorkshopSessionStatus(std::string_view text) {
  return ParseIn(kWorkshopSessionStatusNames, text, "status");
}

const char* EnrolmentStatusName(EnrolmentStatus status) {
  return NameIn(kEnrolmentStatusNames, status);
}
Result<EnrolmentStatus> ParseEnrolmentStatus(std::string_view text) {
  return ParseIn(kEnrolmentStatusNames, text, "status");
}
bool HoldsPlace(EnrolmentStatus status) {
  return status == EnrolmentStatus::kEnrolled || status == EnrolmentStatus::kWaiting;
}

const char* AttendanceMarkName(AttendanceMark mark) { return NameIn(kAttendanceMarkNames, mark); }
Result<AttendanceMark> ParseAttendanceMark(std::string_view text) {
  return ParseIn(kAttendanceMarkNames, text, "status");
}

Result<std::vector<Date>> SessionDates(const Date& start, int recurrence_days, int count,
                                       const std::set<Date>& closures) {
  if (recurrence_days < 1 || recurrence_days > kMaxRecurrenceDays) {
    return InvalidArgument("recurrence_days", "must be a whole number of days from 1 to " +
                                                  std::to_string(kMaxRecurrenceDays));
  }
  if (count < 1 || count > kMaxSessions) {
    return InvalidArgument(
        "sessions", "a course needs from 1 to " + std::to_string(kMaxSessions) + " sessions");
  }
  std::vector<Date> dates;
  dates.reserve(static_cast<size_t>(count));
  int skipped = 0;
  for (long long step = 0; static_cast<int>(dates.size()) < count; ++step) {
    const Date candidate = AddDays(start, step * recurrence_days);
    if (closures.count(candidate)) {
      if (++skipped > kMaxSkippedDates) {
        return InvalidArgument("start_date", "the facility is closed on every date of the rhythm");
      }
      continue;
    }
    dates.push_back(candidate);
  }
  return dates;
}

bool BookingsClash(const DayBooking& first, const DayBooking& second, int gap_minutes) {
  // Apart when one ends (plus the gap) no later than the other starts.
  if (first.end_minute + gap_minutes <= second.start_minute) return false;
  if (second.end_minute + gap_minutes <= first.start_minute) return false;
  return true;
}

}  // namespace vinculo
