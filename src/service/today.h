// TodayService (issue 16): a signed-in user's home, what needs her today,
// each thing with the ids it is about and the web UI's route of its action.
//
// Which kinds of item a role gets is said once, in TodayKindsOf: a nursery
// officer the overdue leave returns, the age-outs without an approved
// transition plan and the supplies short; a caregiver her trips of today
// with their visit times and children; a programme coordinator the pairs her
// month's plan leaves out (by reason), the draft plan to publish and the
// released families not contacted for kFollowUpContactEveryDays; a visits
// officer today's entrance lists of her facility; an auditor the figures;
// an administrator every one of these that her scope gives. Nothing is
// computed here: every item is read through the service that serves its own
// list (NurseryCareService::Leaves, NurseryService::AgeOutBoard,
// SupplyService::Needs, VisitService::Plans/GetPlan/Sessions,
// ReunificationService::FollowUpsDue, FiguresService::Summary), as the actor,
// so an item counts exactly what that list shows her: another organisation's
// or facility's children are absent, not counted. A list the actor may not
// read (kForbidden, kNotFound) gives no item rather than an error.
// Thread-safe: holds no state of its own.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "service/context.h"

namespace vinculo {

enum class TodayKind {
  kOverdueLeaveReturns,
  kAgeOutsWithoutPlan,
  kLowStock,
  kTodaysTrips,
  kUnscheduledPairs,
  kPlanToPublish,
  kFamiliesNotSeen,
  kEntranceLists,
  kMonthFigures,
};
const char* TodayKindName(TodayKind kind);  // "overdue_leave_returns"

// The kinds of item a role's home holds, in the order shown.
std::vector<TodayKind> TodayKindsOf(Role role);

// An item lists at most this many entries; its count is of all of them.
inline constexpr std::size_t kTodayEntriesShown = 20;

// One thing to act on: the ids it is about (child_id, leave_id, ...), facts
// to show (dates, times, a reason, a name), a count where it is a group, its
// parts (a trip's visits) and the UI route of its action.
struct TodayEntry {
  std::string route;
  std::vector<std::pair<std::string, long long>> ids;
  std::vector<std::pair<std::string, std::string>> facts;
  std::optional<long long> count;  // absent: withheld (small cells) or not a group
  std::vector<TodayEntry> parts;
};

struct TodayItem {
  TodayKind kind = TodayKind::kOverdueLeaveReturns;
  long long count = 0;  // entries in all, of which `entries` shows the first
  std::string route;    // the list the item comes from
  std::vector<TodayEntry> entries;
};

struct TodayView {
  std::string as_of;             // YYYY-MM-DD
  std::vector<TodayItem> items;  // only items with something in them
};

class TodayService {
 public:
  explicit TodayService(ServiceContext context) : context_(context) {}

  // The actor's items, in TodayKindsOf order. Errors only when a list fails
  // for another reason than the actor's scope (kInternal, kUnavailable).
  Result<TodayView> Today(const Actor& actor);

 private:
  ServiceContext context_;
};

}  // namespace vinculo
