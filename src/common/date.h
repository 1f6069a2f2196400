// Civil dates (proleptic Gregorian, no time zone) and UTC timestamps.
//
// Date is a value type: a year, month and day that always name a day that
// exists (ParseDate refuses 2025-02-30). Days are counted from 1970-01-01 with
// Howard Hinnant's days_from_civil algorithm, so arithmetic is exact over the
// whole range we store (years 1900..2200). All functions are pure and thread-safe.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "common/status.h"

namespace vinculo {

struct Date {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..DaysInMonth(year, month)

  friend bool operator==(const Date&, const Date&) = default;
  friend auto operator<=>(const Date&, const Date&) = default;
};

bool IsLeapYear(int year);
int DaysInMonth(int year, int month);

// Parses exactly "YYYY-MM-DD" (ISO 8601 calendar date). Returns kInvalidArgument
// naming `field` when the text has another shape or the day does not exist.
Result<Date> ParseDate(std::string_view text, std::string_view field = "date");
std::string FormatDate(const Date& date);  // "YYYY-MM-DD"

// Days since 1970-01-01 (negative before), and back.
long long DaysSinceEpoch(const Date& date);
Date DateFromDays(long long days);
// Signed number of days from `from` to `to` (to - from).
long long DaysBetween(const Date& from, const Date& to);
Date AddDays(const Date& date, long long days);
// Adds calendar months. When the target month is shorter, the day is clamped to
// its last day: 2024-02-29 + 12 months = 2025-02-28; 2024-01-31 + 1 month = 2024-02-29.
Date AddMonths(const Date& date, int months);
// Whole months completed between two dates (age in months on `on` of someone born `from`).
int WholeMonthsBetween(const Date& from, const Date& on);

// A source of "now", injected so that tests are exact.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual std::chrono::system_clock::time_point Now() const = 0;
};

// The machine's clock. Thread-safe.
class SystemClock final : public Clock {
 public:
  std::chrono::system_clock::time_point Now() const override {
    return std::chrono::system_clock::now();
  }
};

// A clock that only moves when told to. Not thread-safe to Set while others read.
class FixedClock final : public Clock {
 public:
  explicit FixedClock(std::chrono::system_clock::time_point now) : now_(now) {}
  std::chrono::system_clock::time_point Now() const override { return now_; }
  void Set(std::chrono::system_clock::time_point now) { now_ = now; }
  void Advance(std::chrono::seconds by) { now_ += by; }

 private:
  std::chrono::system_clock::time_point now_;
};

// The UTC calendar day of a time point.
Date UtcDate(std::chrono::system_clock::time_point at);
// Midnight UTC at the start of `date`.
std::chrono::system_clock::time_point StartOfDayUtc(const Date& date);
// "2026-11-23T10:03:00Z": second precision, UTC. Sorts as text in time order,
// which is why both engines store timestamps as this text.
std::string FormatTimestamp(std::chrono::system_clock::time_point at);
Result<std::chrono::system_clock::time_point> ParseTimestamp(std::string_view text,
                                                             std::string_view field = "timestamp");

}  // namespace vinculo
