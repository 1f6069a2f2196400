#include "domain/workshop_calendar.h"

#include <cmath>

namespace vinculo {
namespace {

constexpr double kEarthRadiusKm = 6371.0;
constexpr int kMaxSessions = 200;
// A closure calendar never blocks more than this many consecutive dates of a
// rhythm; beyond it the facility is effectively closed and generation stops.
constexpr int kMaxSkippedDates = 1000;

double Radians(double degrees) { return degrees * M_PI / 180.0; }

}  // namespace

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

double GreatCircleKm(double latitude_a, double longitude_a, double latitude_b, double longitude_b) {
  const double d_lat = Radians(latitude_b - latitude_a);
  const double d_lon = Radians(longitude_b - longitude_a);
  const double h = std::sin(d_lat / 2) * std::sin(d_lat / 2) +
                   std::cos(Radians(latitude_a)) * std::cos(Radians(latitude_b)) *
                       std::sin(d_lon / 2) * std::sin(d_lon / 2);
  return 2 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(h)));
}

int TravelMinutes(double km, double speed_kmh) {
  if (speed_kmh <= 0) return 0;
  return static_cast<int>(std::ceil(km / speed_kmh * 60.0 - 1e-9));
}

bool BookingsClash(const DayBooking& first, const DayBooking& second, int gap_minutes) {
  // Apart when one ends (plus the gap) no later than the other starts.
  if (first.end_minute + gap_minutes <= second.start_minute) return false;
  if (second.end_minute + gap_minutes <= first.start_minute) return false;
  return true;
}

}  // namespace vinculo
