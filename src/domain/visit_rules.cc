#include "domain/visit_rules.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "common/enum_names.h"

namespace vinculo {

Wing SessionWing(std::string_view wing) {
  if (wing == "women") return Wing::kWomen;
  if (wing == "men") return Wing::kMen;
  return Wing::kAny;
}

Wing ParentWing(std::string_view sex) {
  if (sex == "female") return Wing::kWomen;
  if (sex == "male") return Wing::kMen;
  return Wing::kAny;
}

bool WingServes(Wing session, Wing parent) { return session == Wing::kAny || session == parent; }

int ChildDayMinutes(int first_start, int last_end, int travel) {
  return last_end - first_start + 2 * travel;
}

bool WithinLongestChildDay(int first_start, int last_end, int travel, int longest) {
  return ChildDayMinutes(first_start, last_end, travel) <= longest;
}

const char* RecurrenceKindName(RecurrenceKind kind) {
  switch (kind) {
    case RecurrenceKind::kWeekly:
      return "weekly";
    case RecurrenceKind::kMonthlyNthWeekday:
      return "monthly_nth_weekday";
    case RecurrenceKind::kMonthlyDay:
      return "monthly_day";
    case RecurrenceKind::kEveryNDays:
      return "every_n_days";
  }
  return "weekly";
}

Result<RecurrenceKind> ParseRecurrenceKind(std::string_view text) {
  for (RecurrenceKind kind : {RecurrenceKind::kWeekly, RecurrenceKind::kMonthlyNthWeekday,
                              RecurrenceKind::kMonthlyDay, RecurrenceKind::kEveryNDays}) {
    if (text == RecurrenceKindName(kind)) return kind;
  }
  return InvalidArgument("pattern",
                         "must be weekly, monthly_nth_weekday, monthly_day or every_n_days");
}

namespace {

constexpr EnumName<VisitPlanStatus> kVisitPlanStatusNames[] = {
    {VisitPlanStatus::kDraft, "draft"}, {VisitPlanStatus::kPublished, "published"}};
constexpr EnumName<VisitSessionStatus> kVisitSessionStatusNames[] = {
    {VisitSessionStatus::kOpen, "open"}, {VisitSessionStatus::kBlocked, "blocked"}};
constexpr EnumName<TripStatus> kTripStatusNames[] = {{TripStatus::kPlanned, "planned"},
                                                     {TripStatus::kCancelled, "cancelled"}};
constexpr EnumName<PlannedVisitStatus> kPlannedVisitStatusNames[] = {
    {PlannedVisitStatus::kPlanned, "planned"}, {PlannedVisitStatus::kCancelled, "cancelled"}};
constexpr EnumName<VisitOutcome> kVisitOutcomeNames[] = {{VisitOutcome::kPlanned, "planned"},
                                                         {VisitOutcome::kAttended, "attended"},
                                                         {VisitOutcome::kMissed, "missed"},
                                                         {VisitOutcome::kCancelled, "cancelled"}};

}  // namespace

const char* VisitPlanStatusName(VisitPlanStatus status) {
  return NameIn(kVisitPlanStatusNames, status);
}
Result<VisitPlanStatus> ParseVisitPlanStatus(std::string_view text) {
  return ParseIn(kVisitPlanStatusNames, text, "status");
}
const char* VisitSessionStatusName(VisitSessionStatus status) {
  return NameIn(kVisitSessionStatusNames, status);
}
Result<VisitSessionStatus> ParseVisitSessionStatus(std::string_view text) {
  return ParseIn(kVisitSessionStatusNames, text, "status");
}
const char* TripStatusName(TripStatus status) { return NameIn(kTripStatusNames, status); }
Result<TripStatus> ParseTripStatus(std::string_view text) {
  return ParseIn(kTripStatusNames, text, "status");
}
const char* PlannedVisitStatusName(PlannedVisitStatus status) {
  return NameIn(kPlannedVisitStatusNames, status);
}
Result<PlannedVisitStatus> ParsePlannedVisitStatus(std::string_view text) {
  return ParseIn(kPlannedVisitStatusNames, text, "status");
}

const char* VisitOutcomeName(VisitOutcome outcome) { return NameIn(kVisitOutcomeNames, outcome); }
Result<VisitOutcome> ParseVisitOutcome(std::string_view text) {
  return ParseIn(kVisitOutcomeNames, text, "status");
}
VisitOutcome VisitOutcomeOf(PlannedVisitStatus status, std::optional<bool> attended) {
  if (status == PlannedVisitStatus::kCancelled) return VisitOutcome::kCancelled;
  if (attended) return *attended ? VisitOutcome::kAttended : VisitOutcome::kMissed;
  return VisitOutcome::kPlanned;
}

int IsoWeekday(const Date& date) {
  // 1970-01-01 was a Thursday (ISO 4).
  const long long days = DaysSinceEpoch(date);
  const long long weekday = ((days % 7) + 7 + 3) % 7;  // 0 = Monday
  return static_cast<int>(weekday) + 1;
}

Status ValidateRecurrence(const Recurrence& recurrence) {
  if (recurrence.interval < 1 || recurrence.interval > 366) {
    return InvalidArgument("interval", "must be a whole number from 1 to 366");
  }
  if (recurrence.weekday < 1 || recurrence.weekday > 7) {
    return InvalidArgument("weekday", "must be 1 (Monday) to 7 (Sunday)");
  }
  if (recurrence.nth != -1 && (recurrence.nth < 1 || recurrence.nth > 5)) {
    return InvalidArgument("nth", "must be 1 to 5, or -1 for the last");
  }
  if (recurrence.month_day < 1 || recurrence.month_day > 31) {
    return InvalidArgument("month_day", "must be 1 to 31");
  }
  if (recurrence.valid_to && *recurrence.valid_to < recurrence.valid_from) {
    return InvalidArgument("valid_to", "cannot be before valid_from");
  }
  if (recurrence.valid_to && recurrence.anchor > *recurrence.valid_to) {
    return InvalidArgument("anchor_date", "cannot be after valid_to");
  }
  return Status::Ok();
}

namespace {

bool FallsOn(const Recurrence& recurrence, const Date& date) {
  switch (recurrence.kind) {
    case RecurrenceKind::kWeekly: {
      if (IsoWeekday(date) != recurrence.weekday) return false;
      // Weeks are counted from the first matching weekday on or after the anchor.
      const int shift = (recurrence.weekday - IsoWeekday(recurrence.anchor) + 7) % 7;
      const long long first = DaysSinceEpoch(recurrence.anchor) + shift;
      const long long days = DaysSinceEpoch(date) - first;
      return days >= 0 && (days / 7) % recurrence.interval == 0;
    }
    case RecurrenceKind::kMonthlyNthWeekday: {
      if (IsoWeekday(date) != recurrence.weekday) return false;
      if (recurrence.nth == -1) return date.day + 7 > DaysInMonth(date.year, date.month);
      return (date.day - 1) / 7 + 1 == recurrence.nth;
    }
    case RecurrenceKind::kMonthlyDay:
      return date.day == recurrence.month_day;
    case RecurrenceKind::kEveryNDays: {
      const long long days = DaysBetween(recurrence.anchor, date);
      return days >= 0 && days % recurrence.interval == 0;
    }
  }
  return false;
}

}  // namespace

std::vector<Date> Occurrences(const Recurrence& recurrence, const Date& from, const Date& to,
                              const std::vector<Date>& exclusions) {
  std::vector<Date> dates;
  Date first = std::max(from, recurrence.valid_from);
  Date last = recurrence.valid_to ? std::min(to, *recurrence.valid_to) : to;
  for (long long day = DaysSinceEpoch(first); day <= DaysSinceEpoch(last); ++day) {
    const Date date = DateFromDays(day);
    if (!FallsOn(recurrence, date)) continue;
    if (std::find(exclusions.begin(), exclusions.end(), date) != exclusions.end()) continue;
    dates.push_back(date);
  }
  return dates;
}

Status ValidateSessionTimes(int start_minute, int end_minute) {
  if (start_minute < 0 || start_minute >= 24 * 60) {
    return InvalidArgument("start_time", "must be a time of day, HH:MM");
  }
  if (end_minute <= start_minute || end_minute > 24 * 60) {
    return InvalidArgument("end_time", "must be after start_time, on the same day");
  }
  return Status::Ok();
}

Result<int> ParseClock(std::string_view text, std::string_view field) {
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (text.size() != 5 || text[2] != ':' || !digit(text[0]) || !digit(text[1]) || !digit(text[3]) ||
      !digit(text[4])) {
    return InvalidArgument(std::string(field), "must be a time of day, HH:MM");
  }
  const int hours = (text[0] - '0') * 10 + (text[1] - '0');
  const int minutes = (text[3] - '0') * 10 + (text[4] - '0');
  if (hours > 23 || minutes > 59) {
    return InvalidArgument(std::string(field), "must be a time of day, HH:MM");
  }
  return hours * 60 + minutes;
}

std::string FormatClock(int minute) {
  char text[8];
  std::snprintf(text, sizeof text, "%02d:%02d", (minute / 60) % 100, minute % 60);
  return text;
}

Priority VisitPriority(const PriorityInputs& inputs) {
  Priority priority;
  priority.value = std::max(0.1, inputs.weight);
  if (!inputs.days_since_last_visit) {
    priority.value += 1.0;
    priority.boosts.push_back("never_visited");
  } else if (*inputs.days_since_last_visit > 30) {
    const double months_overdue = static_cast<double>(*inputs.days_since_last_visit - 30) / 30.0;
    priority.value += std::min(2.0, 0.5 * std::floor(months_overdue + 1e-9) + 0.5);
    priority.boosts.push_back("days_since_last_visit");
  }
  if (inputs.recent_age_out) {
    priority.value += 1.0;
    priority.boosts.push_back("recent_age_out");
  }
  if (inputs.release_soon) {
    priority.value += 0.5;
    priority.boosts.push_back("release_soon");
  }
  return priority;
}

Travel TravelFor(double km, double speed_kmh, double cost_per_km) {
  Travel travel;
  travel.km = km;
  travel.minutes = TravelMinutes(km, speed_kmh);
  travel.cost = 2.0 * km * cost_per_km;
  return travel;
}

Result<MonthlyVisitNeed> VisitNeedInMonth(std::string_view frequency, const Date& first_day,
                                          const Date& last_day,
                                          const std::optional<Date>& last_visit) {
  MonthlyVisitNeed need;
  if (frequency == "weekly") {
    need.visits = static_cast<int>((DaysBetween(first_day, last_day) + 1) / 7);
    need.min_interval_days = kWeeklyMinIntervalDays;
  } else if (frequency == "fortnightly") {
    need.visits = 2;
    need.min_interval_days = kFortnightlyMinIntervalDays;
  } else if (frequency == "monthly") {
    need.visits = 1;
  } else if (frequency == "every_two_months") {
    need.visits =
        last_visit && DaysBetween(*last_visit, first_day) < kEveryTwoMonthsMinDaysSinceLastVisit
            ? 0
            : 1;
  } else {
    return InvalidArgument("frequency", "must be weekly, fortnightly, monthly or every_two_months");
  }
  return need;
}

}  // namespace vinculo
