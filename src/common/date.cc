#include "common/date.h"

#include <cstdio>

namespace vinculo {
namespace {

// Howard Hinnant, "chrono-Compatible Low-Level Date Algorithms", days_from_civil.
long long DaysFromCivil(long long y, unsigned m, unsigned d) {
  y -= m <= 2;
  const long long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long long>(doe) - 719468;
}

Date CivilFromDays(long long z) {
  z += 719468;
  const long long era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long long y = static_cast<long long>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return Date{static_cast<int>(y + (m <= 2)), static_cast<int>(m), static_cast<int>(d)};
}

bool ParseDigits(std::string_view text, size_t pos, size_t count, int& out) {
  out = 0;
  for (size_t digit_idx = 0; digit_idx < count; ++digit_idx) {
    const char c = text[pos + digit_idx];
    if (c < '0' || c > '9') return false;
    out = out * 10 + (c - '0');
  }
  return true;
}

}  // namespace

bool IsLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && IsLeapYear(year)) return 29;
  return kDays[month - 1];
}

Result<Date> ParseDate(std::string_view text, std::string_view field) {
  const std::string name(field);
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
    return InvalidArgument(name,
                           "must be a date written YYYY-MM-DD, got '" + std::string(text) + "'")
        .Because(Refusal::kDateInvalid);
  }
  Date date;
  if (!ParseDigits(text, 0, 4, date.year) || !ParseDigits(text, 5, 2, date.month) ||
      !ParseDigits(text, 8, 2, date.day)) {
    return InvalidArgument(name,
                           "must be a date written YYYY-MM-DD, got '" + std::string(text) + "'")
        .Because(Refusal::kDateInvalid);
  }
  if (date.year < 1900 || date.year > 2200) {
    return InvalidArgument(name, "year must be between 1900 and 2200")
        .Because(Refusal::kDateInvalid);
  }
  if (date.month < 1 || date.month > 12 || date.day < 1 ||
      date.day > DaysInMonth(date.year, date.month)) {
    return InvalidArgument(name, "'" + std::string(text) + "' does not exist in the calendar")
        .Because(Refusal::kDateInvalid);
  }
  return date;
}

std::string FormatDate(const Date& date) {
  char buffer[16];
  std::snprintf(buffer, sizeof(buffer), "%04d-%02d-%02d", date.year, date.month, date.day);
  return buffer;
}

long long DaysSinceEpoch(const Date& date) {
  return DaysFromCivil(date.year, static_cast<unsigned>(date.month),
                       static_cast<unsigned>(date.day));
}

Date DateFromDays(long long days) { return CivilFromDays(days); }

long long DaysBetween(const Date& from, const Date& to) {
  return DaysSinceEpoch(to) - DaysSinceEpoch(from);
}

Date AddDays(const Date& date, long long days) { return DateFromDays(DaysSinceEpoch(date) + days); }

Date AddMonths(const Date& date, int months) {
  long long month_index = static_cast<long long>(date.year) * 12 + (date.month - 1) + months;
  long long year = month_index >= 0 ? month_index / 12 : (month_index - 11) / 12;
  int month = static_cast<int>(month_index - year * 12) + 1;
  int day = std::min(date.day, DaysInMonth(static_cast<int>(year), month));
  return Date{static_cast<int>(year), month, day};
}

int WholeMonthsBetween(const Date& from, const Date& on) {
  int months = (on.year - from.year) * 12 + (on.month - from.month);
  if (months > 0 && AddMonths(from, months) > on) --months;
  if (months < 0 && AddMonths(from, months) < on) ++months;
  return months;
}

Date UtcDate(std::chrono::system_clock::time_point at) {
  const auto days = std::chrono::floor<std::chrono::days>(at.time_since_epoch()).count();
  return DateFromDays(days);
}

std::chrono::system_clock::time_point StartOfDayUtc(const Date& date) {
  return std::chrono::system_clock::time_point(std::chrono::days(DaysSinceEpoch(date)));
}

std::string FormatTimestamp(std::chrono::system_clock::time_point at) {
  const auto seconds = std::chrono::floor<std::chrono::seconds>(at.time_since_epoch()).count();
  long long days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400;
  long long second_of_day = seconds - days * 86400;
  const Date date = DateFromDays(days);
  // Written digit by digit: every audited read stamps its line, and snprintf
  // cost ten times as much. Years outside 0..9999 keep snprintf's form.
  if (date.year < 0 || date.year > 9999) {
    char buffer[40];
    std::snprintf(buffer, sizeof(buffer), "%04d-%02d-%02dT%02lld:%02lld:%02lldZ", date.year,
                  date.month, date.day, second_of_day / 3600, (second_of_day / 60) % 60,
                  second_of_day % 60);
    return buffer;
  }
  std::string text = "0000-00-00T00:00:00Z";
  const auto put = [&text](size_t at, long long value, int digits) {
    for (int i = digits - 1; i >= 0; --i, value /= 10) {
      text[at + static_cast<size_t>(i)] = static_cast<char>('0' + value % 10);
    }
  };
  put(0, date.year, 4);
  put(5, date.month, 2);
  put(8, date.day, 2);
  put(11, second_of_day / 3600, 2);
  put(14, (second_of_day / 60) % 60, 2);
  put(17, second_of_day % 60, 2);
  return text;
}

Result<std::chrono::system_clock::time_point> ParseTimestamp(std::string_view text,
                                                             std::string_view field) {
  const std::string name(field);
  if (text.size() != 20 || text[10] != 'T' || text[13] != ':' || text[16] != ':' ||
      text[19] != 'Z') {
    return InvalidArgument(name, "must be a UTC time written YYYY-MM-DDTHH:MM:SSZ");
  }
  auto date = ParseDate(text.substr(0, 10), field);
  if (!date.ok()) return date.status();
  int hour = 0, minute = 0, second = 0;
  if (!ParseDigits(text, 11, 2, hour) || !ParseDigits(text, 14, 2, minute) ||
      !ParseDigits(text, 17, 2, second) || hour > 23 || minute > 59 || second > 59) {
    return InvalidArgument(name, "has a time of day that does not exist");
  }
  return StartOfDayUtc(*date) + std::chrono::hours(hour) + std::chrono::minutes(minute) +
         std::chrono::seconds(second);
}

}  // namespace vinculo
