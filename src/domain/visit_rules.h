// The visit programme's pure rules (issue 4): when a recurring visiting-session
// template falls (weekly or every N weeks on a weekday, monthly on the nth
// weekday or on a day of the month, every N days from an anchor date), a pair's
// priority for a month, and travel from great-circle distance. No store, no
// clock: every function is pure and thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/date.h"
#include "common/status.h"
#include "domain/geo.h"  // GreatCircleKm, TravelMinutes

namespace vinculo {

// Why a visit is flagged for review when its parent moves (issue 15): the one
// wording of the plan, the child's visits, the entrance list and the feeds.
inline constexpr char kReviewParentReleased[] = "the parent was released";
inline constexpr char kReviewParentTransferred[] = "the parent was transferred to another facility";

// The wing of the prison a visiting session is held in (or any wing), and the
// wing a parent is held in, from her record's sex (any when it is not recorded).
enum class Wing { kWomen, kMen, kAny };
Wing SessionWing(std::string_view wing);  // "women", "men"; anything else: any
Wing ParentWing(std::string_view sex);    // "female", "male"; anything else: any
// Whether a session serves a parent: a session open to any wing serves every
// parent, a wing's session only the parents held in that wing, so a parent
// whose sex is not recorded goes only to sessions open to any wing. The one
// rule of the planner's candidates (first-come's too), the month's plan and
// the hand edits (issue 17); CheckPlan checks it with code of its own.
bool WingServes(Wing session, Wing parent);

// A child's day on a trip, door to door (issue 19): the trip leaves its home
// `travel` minutes before the first of its sessions starts (`first_start`,
// minutes after midnight) and is back `travel` minutes after the last ends.
int ChildDayMinutes(int first_start, int last_end, int travel);
// Whether that day is at most `longest` minutes (the organisation's longest
// child's day): the one rule of the planners' candidates, the model's rows,
// the packing of children onto trips, first-come and the hand edits (issue
// 17); CheckPlan checks it with code of its own.
bool WithinLongestChildDay(int first_start, int last_end, int travel, int longest);

enum class RecurrenceKind {
  kWeekly,             // every `interval` weeks on `weekday`, counted from `anchor`
  kMonthlyNthWeekday,  // the `nth` `weekday` of every month (nth -1: the last)
  kMonthlyDay,         // day `month_day` of every month (months without it are skipped)
  kEveryNDays,         // `anchor`, anchor + interval days, anchor + 2 x interval, ...
};
const char* RecurrenceKindName(RecurrenceKind kind);  // "weekly", "monthly_nth_weekday", ...
Result<RecurrenceKind> ParseRecurrenceKind(std::string_view text);

// A month's visit plan: built as a draft, then published (once, and only then
// do its visits bind anyone).
enum class VisitPlanStatus { kDraft, kPublished };
const char* VisitPlanStatusName(VisitPlanStatus status);  // "draft", "published"
Result<VisitPlanStatus> ParseVisitPlanStatus(std::string_view text);

// A materialised visiting session: open, or blocked (by an exclusion, with a reason).
enum class VisitSessionStatus { kOpen, kBlocked };
const char* VisitSessionStatusName(VisitSessionStatus status);  // "open", "blocked"
Result<VisitSessionStatus> ParseVisitSessionStatus(std::string_view text);

// An escort's trip of a plan, and a planned visit: planned until cancelled.
enum class TripStatus { kPlanned, kCancelled };
const char* TripStatusName(TripStatus status);  // "planned", "cancelled"
Result<TripStatus> ParseTripStatus(std::string_view text);
enum class PlannedVisitStatus { kPlanned, kCancelled };
const char* PlannedVisitStatusName(PlannedVisitStatus status);  // "planned", "cancelled"
Result<PlannedVisitStatus> ParsePlannedVisitStatus(std::string_view text);

// What a planned visit came to, as a family's timeline shows it: cancelled,
// else attended or missed once recorded, else still planned.
enum class VisitOutcome { kPlanned, kAttended, kMissed, kCancelled };
const char* VisitOutcomeName(VisitOutcome outcome);  // "planned", "attended", ...
Result<VisitOutcome> ParseVisitOutcome(std::string_view text);
VisitOutcome VisitOutcomeOf(PlannedVisitStatus status, std::optional<bool> attended);

struct Recurrence {
  RecurrenceKind kind = RecurrenceKind::kWeekly;
  int interval = 1;              // weeks (kWeekly) or days (kEveryNDays), >= 1
  int weekday = 1;               // ISO: 1 = Monday .. 7 = Sunday
  int nth = 1;                   // 1..5, or -1 for the last
  int month_day = 1;             // 1..31
  Date anchor;                   // counts weeks or days from here; defaults to valid_from
  Date valid_from;               // no occurrence before
  std::optional<Date> valid_to;  // nor after (inclusive)
};

// ISO weekday of a date: 1 = Monday .. 7 = Sunday.
int IsoWeekday(const Date& date);

// kInvalidArgument naming the field at fault: interval < 1 or > 366, weekday
// outside 1..7, nth outside 1..5 and not -1, month_day outside 1..31, valid_to
// before valid_from, an anchor after valid_to.
Status ValidateRecurrence(const Recurrence& recurrence);

// The dates from `from` to `to` (both inclusive) on which the template falls,
// within its valid range and not in `exclusions`, in date order.
std::vector<Date> Occurrences(const Recurrence& recurrence, const Date& from, const Date& to,
                              const std::vector<Date>& exclusions = {});

// A session's time of day: start before end, both within the day.
// kInvalidArgument naming start_time or end_time.
Status ValidateSessionTimes(int start_minute, int end_minute);
// "14:30" -> 870; kInvalidArgument naming `field` unless HH:MM with HH < 24.
Result<int> ParseClock(std::string_view text, std::string_view field);
std::string FormatClock(int minute);  // 870 -> "14:30"

// A pair's visit frequency (issue 19) as the month's plan asks it: how many
// visits the month should give the pair, and the fewest days between two of
// them (and since the last visit before the month).
//   weekly            one per whole week of the month (4), at least 5 days apart
//   fortnightly       2, at least 10 days apart
//   monthly           1
//   every_two_months  1, or none when the last visit was less than 45 days
//                     before the month begins (it was last month's)
inline constexpr int kWeeklyMinIntervalDays = 5;
inline constexpr int kFortnightlyMinIntervalDays = 10;
inline constexpr int kEveryTwoMonthsMinDaysSinceLastVisit = 45;
struct MonthlyVisitNeed {
  int visits = 1;
  int min_interval_days = 0;
};
// kInvalidArgument naming "frequency" for an unknown one. `last_visit`: the
// pair's last visit before the month, if known.
Result<MonthlyVisitNeed> VisitNeedInMonth(std::string_view frequency, const Date& first_day,
                                          const Date& last_day,
                                          const std::optional<Date>& last_visit);

// What raises a pair's weight in the month's plan, on top of the coordinator's
// explicit weight (>= 0.1): the longer since the last visit, the more urgent;
// a child who recently left the nursery (aged out) needs the bond most; a
// parent released soon needs visits to prepare the reunification.
// A child who left a prison nursery at most this many days before the month
// begins is a recent age-out.
inline constexpr int kRecentAgeOutDays = 180;
// A parent whose release is expected at most this many days after the month
// begins is released soon.
inline constexpr int kReleaseSoonDays = 90;

struct PriorityInputs {
  double weight = 1.0;
  std::optional<long long> days_since_last_visit;  // absent: never visited
  bool recent_age_out = false;                     // left a prison nursery within kRecentAgeOutDays
  bool release_soon = false;                       // release expected within kReleaseSoonDays
};
struct Priority {
  double value = 1.0;
  std::vector<std::string> boosts;  // "never_visited", "days_since_last_visit", ...
};
// weight + 0.5 per 30 days since the last visit beyond the first 30 (at most
// +2; never visited counts as +1), + 1 for a recent age-out, + 0.5 for a
// release soon.
Priority VisitPriority(const PriorityInputs& inputs);

// One-way travel time in whole minutes (rounded up) at `speed_kmh`, and the
// cost of a return trip at `cost_per_km`.
struct Travel {
  double km = 0;
  int minutes = 0;
  double cost = 0;
};
Travel TravelFor(double km, double speed_kmh, double cost_per_km);

// Pairs further than this are flagged in the distance report: 100 miles.
inline constexpr double kFarKm = 160.0;

// A plan's first visit starts no sooner than this after the plan is built:
// the families, escorts and prison need a day to arrange it (issue 19).
inline constexpr int kDefaultVisitNoticeHours = 24;
// A child's longest day, door to door, unless her organisation sets its own:
// a trip carrying children is back at the home base at most this long after
// it left (issue 19).
inline constexpr int kDefaultLongestChildDayMinutes = 10 * 60;

}  // namespace vinculo
