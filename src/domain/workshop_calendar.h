// The workshop calendar's pure rules: which days a cohort meets (a start date,
// every N days, skipping the facility's closure dates), how long a facilitator
// needs to travel between two facilities (great-circle distance at a speed),
// whether two bookings of a day clash, and the statuses of a cohort, its
// sessions, its enrolments and its attendance marks. No I/O; all functions are
// pure and thread-safe.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "common/date.h"
#include "common/status.h"
#include "domain/geo.h"  // GreatCircleKm, TravelMinutes for travel between facilities

namespace vinculo {

// Every 15 days is the programme's usual rhythm (field brief); 7 is "weekly".
inline constexpr int kDefaultRecurrenceDays = 15;
inline constexpr int kWeeklyRecurrenceDays = 7;
inline constexpr int kMaxRecurrenceDays = 365;
inline constexpr double kDefaultTravelSpeedKmh = 60.0;

// The dates of `count` sessions: start, start + N, start + 2N, ... in the
// recurrence's own rhythm; a date on which the facility is closed is skipped
// (the session takes the next date of the rhythm, so the rhythm never
// drifts). kInvalidArgument naming recurrence_days when it is not 1..365,
// naming sessions when count is not 1..200.
Result<std::vector<Date>> SessionDates(const Date& start, int recurrence_days, int count,
                                       const std::set<Date>& closures);

// One booking of a day, in minutes after midnight, [start, end).
struct DayBooking {
  int start_minute = 0;
  int end_minute = 0;
};

// Whether two bookings of the same day clash when `gap_minutes` must separate
// them (0 for the same place: touching is fine; the travel time between two
// facilities otherwise).
bool BookingsClash(const DayBooking& first, const DayBooking& second, int gap_minutes);

// A cohort takes enrolments while running; a closed cohort takes none.
enum class CohortStatus { kRunning, kClosed };
const char* CohortStatusName(CohortStatus status);  // "running", "closed"
Result<CohortStatus> ParseCohortStatus(std::string_view text);

// A workshop session is held unless cancelled; only a scheduled session counts
// towards completion, occupies its space and takes attendance.
enum class WorkshopSessionStatus { kScheduled, kCancelled };
const char* WorkshopSessionStatusName(WorkshopSessionStatus status);  // "scheduled", ...
Result<WorkshopSessionStatus> ParseWorkshopSessionStatus(std::string_view text);

// A parent's place in a cohort: enrolled, or waiting for a place; it ends when
// she withdraws, is released or is transferred to another facility.
enum class EnrolmentStatus { kEnrolled, kWaiting, kWithdrawn, kReleased, kTransferred };
const char* EnrolmentStatusName(EnrolmentStatus status);  // "enrolled", "waiting", ...
Result<EnrolmentStatus> ParseEnrolmentStatus(std::string_view text);
// Enrolled or waiting: she still holds (or awaits) a place.
bool HoldsPlace(EnrolmentStatus status);

// A parent's mark for one session; only an absence carries a reason.
enum class AttendanceMark { kPresent, kAbsent, kExcused };
const char* AttendanceMarkName(AttendanceMark mark);  // "present", "absent", "excused"
Result<AttendanceMark> ParseAttendanceMark(std::string_view text);

}  // namespace vinculo
