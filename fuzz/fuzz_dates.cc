// Fuzz target: dates as they arrive in requests and files (ParseDate), the
// day arithmetic every schedule uses, and workshop recurrences
// (SessionDates). Properties: a parsed date is valid and prints back to text
// that parses to the same date; day numbers and dates convert both ways;
// adding months never makes an invalid date; a recurrence's sessions are in
// order, in its rhythm, and never on a closure.
#include <cstring>
#include <set>
#include <string>
#include <string_view>

#include "common/date.h"
#include "domain/workshop_calendar.h"
#include "fuzz/fuzz_target.h"

namespace {

using vinculo::Date;

bool Valid(const Date& date) {
  return date.month >= 1 && date.month <= 12 && date.day >= 1 &&
         date.day <= vinculo::DaysInMonth(date.year, date.month);
}

int TakeInt(const uint8_t*& data, size_t& size) {
  int value = 0;
  const size_t take = size < sizeof(value) ? size : sizeof(value);
  std::memcpy(&value, data, take);
  data += take;
  size -= take;
  return value;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = vinculo::ParseDate(text);
  if (parsed.ok()) {
    FUZZ_CHECK(Valid(*parsed));
    auto again = vinculo::ParseDate(vinculo::FormatDate(*parsed));
    FUZZ_CHECK(again.ok() && *again == *parsed);
    FUZZ_CHECK(vinculo::DateFromDays(vinculo::DaysSinceEpoch(*parsed)) == *parsed);
  }

  const int days = TakeInt(data, size) % 800000;  // about ±2,000 years
  const Date from_days = vinculo::DateFromDays(days);
  FUZZ_CHECK(Valid(from_days));
  FUZZ_CHECK(vinculo::DaysSinceEpoch(from_days) == days);
  const int months = TakeInt(data, size) % 2400;
  const Date moved = vinculo::AddMonths(from_days, months);
  FUZZ_CHECK(Valid(moved));
  FUZZ_CHECK(vinculo::DaysBetween(from_days, vinculo::AddDays(from_days, months)) == months);

  const int recurrence = TakeInt(data, size) % 400;
  const int count = TakeInt(data, size) % 250;
  std::set<Date> closures;
  while (size >= 2 && closures.size() < 64) {
    closures.insert(vinculo::AddDays(from_days, (data[0] | (data[1] << 8)) % 5000));
    data += 2;
    size -= 2;
  }
  auto sessions = vinculo::SessionDates(from_days, recurrence, count, closures);
  if (sessions.ok()) {
    FUZZ_CHECK(recurrence >= 1 && count >= 1);
    FUZZ_CHECK(static_cast<int>(sessions->size()) <= count);
    for (size_t i = 0; i < sessions->size(); ++i) {
      const Date& session = (*sessions)[i];
      FUZZ_CHECK(Valid(session) && closures.count(session) == 0);
      FUZZ_CHECK(vinculo::DaysBetween(from_days, session) % recurrence == 0);
      if (i > 0) FUZZ_CHECK((*sessions)[i - 1] < session);
    }
  }
  return 0;
}
