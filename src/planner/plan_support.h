// What both planners (not the checker) share: an index of an instance with each
// pair's candidate sessions, the reason a pair cannot be scheduled at all, and
// the finishing of a plan (trip times and costs, coverage, unscheduled reasons).
// Internal to src/planner. Immutable after construction, so thread-safe to read.
#pragma once

#include <map>
#include <optional>
#include <unordered_map>
#include <utility>
#include <vector>

#include "planner/planner.h"

namespace vinculo::planner::internal {

// The fewest days between two visits of the pair (at least one when it wants more than one).
int MinIntervalDays(const Pair& pair);
// The session's capacity as the domain's rule (`domain/session_capacity.h`) reads it.
SessionCapacity CapacityOf(const Session& session);

class PlanningIndex {
 public:
  explicit PlanningIndex(const Instance& instance);

  const Instance& instance() const { return instance_; }
  // Sessions a pair can be given, best first by (date, start), as indices into
  // instance().sessions: at the pair's facility, in the month, serving the
  // parent's wing, on a date the child can go, reachable from the child's home
  // base within the day, and with an escort of that base available that date.
  // Empty when the pair cannot be scheduled; blocked() then says why.
  const std::vector<int>& Candidates(int pair_idx) const { return candidates_[pair_idx]; }
  std::optional<UnscheduledReason> Blocked(int pair_idx) const { return blocked_[pair_idx]; }

  // The pair's family (pairs of one sibling group visiting one parent from one
  // home base, none restricted or set apart), which goes all or none: each
  // member has the same candidates (sessions every member can go to, with an
  // escort free that date who seats them all, and room for them all) and, when
  // none, the same reason. A pair of no family is alone in its list.
  const std::vector<int>& Family(int pair_idx) const {
    return family_of_[pair_idx] < 0 ? alone_[pair_idx] : families_[family_of_[pair_idx]];
  }
  bool InFamily(int pair_idx) const { return family_of_[pair_idx] >= 0; }

  // Sessions of the pair's facility and wing in the month (before any other
  // filter), and the ones later filters dropped with the reason, in filter
  // order (a family's members share their drops): why a pair wanting more
  // visits than it got could not have them.
  struct Dropped {
    UnscheduledReason reason;
    std::vector<Date> dates;
  };
  int SessionsOffered(int pair_idx) const { return sessions_offered_[pair_idx]; }
  const std::vector<Dropped>& DroppedSessions(int pair_idx) const { return dropped_[pair_idx]; }

  const Route* FindRoute(long long home_base_id, long long facility_id) const;
  // Escorts (indices into instance().escorts) serving `home_base_id` free on `date`.
  std::vector<int> EscortsFor(long long home_base_id, const Date& date) const;
  bool EscortAvailable(int escort_idx, long long day) const;

 private:
  const Instance& instance_;
  std::vector<std::vector<int>> candidates_;
  std::vector<std::optional<UnscheduledReason>> blocked_;
  std::vector<std::vector<Dropped>> dropped_;
  std::vector<int> sessions_offered_;
  void KeepFamilyTogether(const std::vector<int>& members);
  std::vector<std::vector<int>> families_;
  std::vector<int> family_of_;
  std::vector<std::vector<int>> alone_;
  std::map<std::pair<long long, long long>, const Route*> routes_;
  std::unordered_map<long long, std::vector<int>> escorts_by_base_;
  std::vector<std::vector<long long>> escort_days_;  // sorted days since epoch
};

// The most visits the pair can have: its visits wanted, at most one per candidate session.
int MostVisits(const PlanningIndex& index, int pair_idx);

// Why the pair has `visits` of its visits wanted (fewer than wanted): the
// reason it could not be scheduled at all, else the calendar offering fewer
// sessions, else the first filter that cost it sessions, else its interval,
// else capacity; and a detail naming the dates each filter dropped.
Unscheduled WhyShort(const PlanningIndex& index, int pair_idx, int visits);

// Drops trips without visits (renumbering the rest), sets each trip's depart
// and return minutes and cost from its visits' sessions and route, and fills
// coverage, travel_cost, the unscheduled list (one reason per pair not
// visited) and the pairs short of their visits wanted (with the reason).
void FinishPlan(const PlanningIndex& index, Plan& plan);

}  // namespace vinculo::planner::internal
