// The programme's outcome measures (issue 18): what a funder or a ministry
// asks of a programme, each defined once here with its numerator,
// denominator and period, and computed by pure arithmetic from plain facts
// (the service reads the facts from the store; docs/reports.md lists the
// definitions for readers). No store, clock, names or I/O: a fact carries
// ids, dates and numbers only. Thread-safe (no state).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/date.h"

namespace vinculo {

enum class OutcomeMeasure {
  kVisitsPerChild,        // attended visits / children with a parent to visit
  kMonthlyContact,        // children who saw every imprisoned parent / those children
  kMoodBefore,            // mean caregiver score before visits (1..5)
  kMoodAfter,             // mean caregiver score after the same visits (1..5)
  kMoodImproved,          // visits scored higher after than before / visits scored
  kWorkshopCompletion,    // places completed / places in cohorts ending in the month
  kAgeOutsPlannedInTime,  // age-outs with a plan approved in time / age-outs
  kLeaveReturnsOnTime,    // leaves back by their due time / leaves due back
  kKilometresPerVisit,    // kilometres travelled / attended visits
  kCostPerVisit,          // travel cost / attended visits
  // Release and reunification (issue 15):
  kReleasesPlannedAhead,      // parents released with a plan opened by then / parents released
  kChildrenBackWithParent,    // their children placed with the released parent / their children
  kFollowUpContactsInPeriod,  // families contacted in the month / families in their period
};

// How a measure's value reads: a count per unit, a share (0..1), a mean
// score, or an amount per unit.
enum class MeasureUnit { kPerUnit, kShare, kMeanScore, kKilometres, kMoney };

struct MeasureDefinition {
  OutcomeMeasure measure;
  const char* code;  // stable, for CSV, XLSX and JSON
  const char* name_es;
  const char* name_en;
  const char* numerator_en;
  const char* denominator_en;
  const char* period_en;
  const char* numerator_es;
  const char* denominator_es;
  const char* period_es;
  MeasureUnit unit;
  // Whether the numerator is a count of children, visits or places (a small
  // cell may single someone out) rather than an amount (kilometres, money,
  // the sum of scores).
  bool numerator_is_count;
};

// Every measure in report order.
const std::vector<MeasureDefinition>& OutcomeMeasures();
const MeasureDefinition& DefinitionOf(OutcomeMeasure measure);

// A leave's or a plan's lead time: a transition plan approved at least this
// many days before the age-out is "in time" (the nursery board's alert
// window, NurseryOptions::transition_plan_days, uses the same 90 days).
inline constexpr long long kTransitionPlanLeadDays = 90;
// Mood scores a caregiver gives (PlanVisitRow::mood_before/after).
inline constexpr int kMoodLowest = 1;
inline constexpr int kMoodHighest = 5;

// --- Facts of one organisation and one month ---
// A child and an imprisoned parent the programme keeps in contact
// (an active visit requirement, the parent not released).
struct ContactPair {
  long long child_id = 0;
  long long parent_id = 0;
};
// A visit of a published plan, in the month (cancelled visits are left out by
// the reader).
struct VisitFact {
  long long child_id = 0;
  long long parent_id = 0;
  std::optional<bool> attended;  // absent until the caregiver records it
  std::optional<int> mood_before;
  std::optional<int> mood_after;
};
// A trip of a published plan in the month, not cancelled: there and back.
struct TripFact {
  double kilometres = 0;  // round trip, great-circle between home and facility
  double cost = 0;        // as the plan priced it
};
// A workshop place (enrolled, completed, left) in a cohort whose last session
// falls in the month; the waiting list is not a place.
struct PlaceFact {
  bool completed = false;
};
// A child who reached the nursery's age limit in the month, or left the
// nursery in it.
struct AgeOutFact {
  Date age_out;
  std::optional<Date> plan_approved_on;
};
// A leave from the nursery due back in the month (UTC timestamps).
struct LeaveFact {
  std::string due_back_at;
  std::optional<std::string> returned_at;
};

// A parent of the organisation's children released (issue 15) in the month
// or within the follow-up period before it.
struct ReleaseFact {
  Date released_on;
  std::optional<Date> plan_opened_on;  // the day her first reunification plan was opened
  std::vector<Date> contacts;          // the days of her follow-up contacts
};
// A child of the organisation whose parent was released in the month.
struct ReleasedChildFact {
  long long child_id = 0;
  bool with_released_parent = false;  // so placed on the month's last day
};

struct MonthFacts {
  std::vector<ContactPair> pairs;
  std::vector<VisitFact> visits;
  std::vector<TripFact> trips;
  std::vector<PlaceFact> places;
  std::vector<AgeOutFact> age_outs;
  std::vector<LeaveFact> leaves;
  // Release and reunification (issue 15): the month's first and last day and
  // the organisation's follow-up period decide which releases count.
  Date first_day;
  Date last_day;
  long long follow_up_days = 0;
  std::vector<ReleaseFact> releases;
  std::vector<ReleasedChildFact> released_children;
};

// One measure's value for the month: value = numerator / denominator, absent
// when the denominator is 0.
struct MeasureValue {
  OutcomeMeasure measure = OutcomeMeasure::kVisitsPerChild;
  double numerator = 0;
  long long denominator = 0;
  std::optional<double> value;
};

// Every measure of OutcomeMeasures(), in that order.
std::vector<MeasureValue> ComputeOutcomes(const MonthFacts& facts);

// Whether a released family is within its follow-up period (release day to
// release + follow_up_days, inclusive) on some day from `first` to `last`.
bool InFollowUpPeriod(const Date& released_on, long long follow_up_days, const Date& first,
                      const Date& last);

// Whether a plan approved on `approved_on` (if at all) was in time for an
// age-out on `age_out`: at least kTransitionPlanLeadDays before it.
bool PlannedInTime(const Date& age_out, const std::optional<Date>& approved_on);

}  // namespace vinculo
