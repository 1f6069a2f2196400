#include "planner/plan_support.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <string>
#include <tuple>
#include <unordered_set>

namespace vinculo::planner::internal {

int MinIntervalDays(const Pair& pair) {
  return pair.visits_wanted > 1 ? std::max(1, pair.min_interval_days) : pair.min_interval_days;
}

SessionCapacity CapacityOf(const Session& session) {
  return {session.capacity_unit, session.capacity_families, session.capacity_people};
}

int MostVisits(const PlanningIndex& index, int pair_idx) {
  return std::min(std::max(0, index.instance().pairs[pair_idx].visits_wanted),
                  static_cast<int>(index.Candidates(pair_idx).size()));
}

namespace {

// Removes from `sessions` (indices into instance.sessions) those `drop`
// says, and returns their dates.
template <typename Drop>
std::vector<Date> DropSessions(const Instance& instance, std::vector<int>& sessions, Drop drop) {
  std::vector<Date> dates;
  std::erase_if(sessions, [&](int session_idx) {
    if (!drop(session_idx)) return false;
    dates.push_back(instance.sessions[session_idx].date);
    return true;
  });
  return dates;
}

}  // namespace

PlanningIndex::PlanningIndex(const Instance& instance) : instance_(instance) {
  for (const Route& route : instance.routes) {
    routes_[{route.home_base_id, route.facility_id}] = &route;
  }
  escort_days_.resize(instance.escorts.size());
  for (int escort_idx = 0; escort_idx < static_cast<int>(instance.escorts.size()); ++escort_idx) {
    const Escort& escort = instance.escorts[escort_idx];
    for (long long base : escort.home_base_ids) escorts_by_base_[base].push_back(escort_idx);
    for (const Date& date : escort.available_dates) {
      escort_days_[escort_idx].push_back(DaysSinceEpoch(date));
    }
    std::sort(escort_days_[escort_idx].begin(), escort_days_[escort_idx].end());
  }

  std::unordered_map<long long, std::vector<int>> sessions_by_facility;
  for (int session_idx = 0; session_idx < static_cast<int>(instance.sessions.size());
       ++session_idx) {
    const Session& session = instance.sessions[session_idx];
    bool in_month = instance.year == 0 ||
                    (session.date.year == instance.year && session.date.month == instance.month);
    if (in_month) sessions_by_facility[session.facility_id].push_back(session_idx);
  }
  for (auto& [facility, sessions] : sessions_by_facility) {
    std::sort(sessions.begin(), sessions.end(), [&](int a, int b) {
      const Session& sa = instance.sessions[a];
      const Session& sb = instance.sessions[b];
      return std::tie(sa.date, sa.start_minute, sa.id) < std::tie(sb.date, sb.start_minute, sb.id);
    });
  }

  const Settings& settings = instance.settings;
  candidates_.resize(instance.pairs.size());
  blocked_.resize(instance.pairs.size());
  dropped_.resize(instance.pairs.size());
  sessions_offered_.assign(instance.pairs.size(), 0);
  std::vector<int> no_sessions;
  for (int pair_idx = 0; pair_idx < static_cast<int>(instance.pairs.size()); ++pair_idx) {
    const Pair& pair = instance.pairs[pair_idx];
    if (pair.restricted) {
      blocked_[pair_idx] = UnscheduledReason::kRestriction;
      continue;
    }
    if (pair.visits_wanted <= 0) {
      blocked_[pair_idx] = UnscheduledReason::kNotDue;
      continue;
    }
    auto facility_it = sessions_by_facility.find(pair.facility_id);
    const std::vector<int>& sessions =
        facility_it == sessions_by_facility.end() ? no_sessions : facility_it->second;
    // Each filter narrows the sessions; the first that leaves none names the reason.
    std::vector<int> open;
    for (int session_idx : sessions) {
      if (WingServes(instance.sessions[session_idx].wing, pair.parent_wing)) {
        open.push_back(session_idx);
      }
    }
    if (open.empty()) {
      blocked_[pair_idx] = UnscheduledReason::kNoSessionThisMonth;
      continue;
    }
    sessions_offered_[pair_idx] = static_cast<int>(open.size());
    // Narrows `open` by `drop`, remembering the dates dropped and why.
    auto narrow = [&](UnscheduledReason reason, auto drop) {
      std::vector<Date> dates = DropSessions(instance, open, drop);
      if (!dates.empty()) dropped_[pair_idx].push_back({reason, std::move(dates)});
    };
    narrow(UnscheduledReason::kNotice, [&](int session_idx) {
      const Session& session = instance.sessions[session_idx];
      return BeforeNotice(session.date, session.start_minute,
                          {settings.not_before_date, settings.not_before_minute});
    });
    if (open.empty()) {
      blocked_[pair_idx] = UnscheduledReason::kNotice;
      continue;
    }
    const Route* route = FindRoute(pair.home_base_id, pair.facility_id);
    narrow(UnscheduledReason::kNoRoute, [&](int session_idx) {
      const Session& session = instance.sessions[session_idx];
      return route == nullptr ||
             !WithinTravellingHours(session.start_minute, session.end_minute, route->travel_minutes,
                                    {settings.day_start_minute, settings.day_end_minute});
    });
    if (open.empty()) {
      blocked_[pair_idx] = UnscheduledReason::kNoRoute;
      continue;
    }
    narrow(UnscheduledReason::kLongestChildDay, [&](int session_idx) {
      const Session& session = instance.sessions[session_idx];
      return !WithinLongestChildDay(session.start_minute, session.end_minute, route->travel_minutes,
                                    settings.longest_child_day_minutes);
    });
    if (open.empty()) {
      blocked_[pair_idx] = UnscheduledReason::kLongestChildDay;
      continue;
    }
    narrow(UnscheduledReason::kChildUnavailable, [&](int session_idx) {
      return ChildAwayOn(pair.child_unavailable, instance.sessions[session_idx].date);
    });
    if (open.empty()) {
      blocked_[pair_idx] = UnscheduledReason::kChildUnavailable;
      continue;
    }
    narrow(UnscheduledReason::kNoEscort, [&](int session_idx) {
      return EscortsFor(pair.home_base_id, instance.sessions[session_idx].date).empty();
    });
    if (open.empty()) {
      blocked_[pair_idx] = UnscheduledReason::kNoEscort;
      continue;
    }
    narrow(UnscheduledReason::kMinInterval, [&](int session_idx) {
      const long long day = DaysSinceEpoch(instance.sessions[session_idx].date);
      for (const Date& visited : pair.visited_on) {
        if (std::llabs(day - DaysSinceEpoch(visited)) < MinIntervalDays(pair)) return true;
      }
      return false;
    });
    if (open.empty()) {
      blocked_[pair_idx] = UnscheduledReason::kMinInterval;
      continue;
    }
    narrow(UnscheduledReason::kCapacity, [&](int session_idx) {
      return instance.sessions[session_idx].capacity_families <= 0 ||
             instance.sessions[session_idx].capacity_people <= 1;
    });
    if (open.empty()) {
      blocked_[pair_idx] = UnscheduledReason::kCapacity;
      continue;
    }
    candidates_[pair_idx] = std::move(open);
  }

  // Families: all or none.
  std::map<std::tuple<long long, long long, long long>, std::vector<int>> by_family;
  for (int pair_idx = 0; pair_idx < static_cast<int>(instance.pairs.size()); ++pair_idx) {
    const Pair& pair = instance.pairs[pair_idx];
    if (pair.sibling_group == 0 || pair.apart || pair.restricted) continue;
    by_family[{pair.sibling_group, pair.parent_id, pair.home_base_id}].push_back(pair_idx);
  }
  family_of_.assign(instance.pairs.size(), -1);
  alone_.resize(instance.pairs.size());
  for (int pair_idx = 0; pair_idx < static_cast<int>(instance.pairs.size()); ++pair_idx) {
    alone_[pair_idx] = {pair_idx};
  }
  for (auto& [key, members] : by_family) {
    if (members.size() < 2) continue;
    for (int pair_idx : members) family_of_[pair_idx] = static_cast<int>(families_.size());
    KeepFamilyTogether(members);
    families_.push_back(std::move(members));
  }
}

void PlanningIndex::KeepFamilyTogether(const std::vector<int>& members) {
  const int size = static_cast<int>(members.size());
  std::optional<UnscheduledReason> reason;
  for (int pair_idx : members) {
    if (blocked_[pair_idx]) {
      reason = blocked_[pair_idx];
      break;
    }
  }
  std::vector<int> common;
  // The sessions the family loses, and why (each member's own drops are kept
  // too: the family's shortfall is explained by any member's).
  std::vector<Dropped> family_drops;
  for (int pair_idx : members) {
    family_drops.insert(family_drops.end(), dropped_[pair_idx].begin(), dropped_[pair_idx].end());
  }
  auto narrow = [&](UnscheduledReason why, auto drop) {
    std::vector<Date> dates = DropSessions(instance_, common, drop);
    if (!dates.empty()) family_drops.push_back({why, std::move(dates)});
    if (common.empty()) reason = why;
  };
  if (!reason) {
    common = candidates_[members.front()];
    // A session one member cannot go to is lost to all: the member's own
    // drops say why, and every member is given them.
    std::erase_if(common, [&](int session_idx) {
      for (int pair_idx : members) {
        const std::vector<int>& own = candidates_[pair_idx];
        if (std::find(own.begin(), own.end(), session_idx) == own.end()) return true;
      }
      return false;
    });
    if (common.empty()) reason = UnscheduledReason::kChildUnavailable;
  }
  if (!reason) {
    const long long base = instance_.pairs[members.front()].home_base_id;
    narrow(UnscheduledReason::kFamilyTooLarge, [&](int session_idx) {
      for (int escort_idx : EscortsFor(base, instance_.sessions[session_idx].date)) {
        if (instance_.escorts[escort_idx].max_children >= size) return false;
      }
      return true;
    });
  }
  if (!reason) {
    // The family alone in the session, on one trip.
    std::vector<SessionVisit> alone;
    for (int pair_idx : members) {
      alone.push_back({instance_.pairs[pair_idx].child_id, instance_.pairs[pair_idx].parent_id, 0});
    }
    const SessionLoad load = LoadOf(alone);
    narrow(UnscheduledReason::kCapacity, [&](int session_idx) {
      return !Fits(load, CapacityOf(instance_.sessions[session_idx]));
    });
  }
  // One line a reason: siblings who lose the same dates for the same reason
  // (no escort free on the 12th for either) are told it once.
  std::vector<Dropped> merged;
  for (Dropped& drop : family_drops) {
    auto same = std::find_if(merged.begin(), merged.end(),
                             [&](const Dropped& kept) { return kept.reason == drop.reason; });
    if (same == merged.end()) {
      merged.push_back(std::move(drop));
      continue;
    }
    same->dates.insert(same->dates.end(), drop.dates.begin(), drop.dates.end());
  }
  for (Dropped& drop : merged) {
    std::sort(drop.dates.begin(), drop.dates.end(),
              [](const Date& a, const Date& b) { return DaysSinceEpoch(a) < DaysSinceEpoch(b); });
    drop.dates.erase(std::unique(drop.dates.begin(), drop.dates.end(),
                                 [](const Date& a, const Date& b) {
                                   return DaysSinceEpoch(a) == DaysSinceEpoch(b);
                                 }),
                     drop.dates.end());
  }
  for (int pair_idx : members) {
    blocked_[pair_idx] = reason;
    candidates_[pair_idx] = reason ? std::vector<int>{} : common;
    dropped_[pair_idx] = merged;
  }
}

const Route* PlanningIndex::FindRoute(long long home_base_id, long long facility_id) const {
  auto it = routes_.find({home_base_id, facility_id});
  return it == routes_.end() ? nullptr : it->second;
}

bool PlanningIndex::EscortAvailable(int escort_idx, long long day) const {
  const auto& days = escort_days_[escort_idx];
  return std::binary_search(days.begin(), days.end(), day);
}

std::vector<int> PlanningIndex::EscortsFor(long long home_base_id, const Date& date) const {
  std::vector<int> result;
  auto it = escorts_by_base_.find(home_base_id);
  if (it == escorts_by_base_.end()) return result;
  long long day = DaysSinceEpoch(date);
  for (int escort_idx : it->second) {
    if (instance_.escorts[escort_idx].max_children > 0 && EscortAvailable(escort_idx, day)) {
      result.push_back(escort_idx);
    }
  }
  return result;
}

namespace {

std::string DateList(const std::vector<Date>& dates) {
  std::string text;
  for (const Date& date : dates) text += (text.empty() ? "" : ", ") + FormatDate(date);
  return text;
}

// What a dropped session's date is, in words: "no escort free on 2026-12-12".
std::string DroppedWords(UnscheduledReason reason) {
  switch (reason) {
    case UnscheduledReason::kNotice:
      return "within the notice period";
    case UnscheduledReason::kNoRoute:
      return "the trip would not fit the day";
    case UnscheduledReason::kLongestChildDay:
      return "the trip would be longer than a child's longest day";
    case UnscheduledReason::kChildUnavailable:
      return "the child cannot go";
    case UnscheduledReason::kNoEscort:
      return "no escort free";
    case UnscheduledReason::kMinInterval:
      return "too soon after the last visit";
    case UnscheduledReason::kFamilyTooLarge:
      return "no escort free with a seat for every sibling";
    case UnscheduledReason::kCapacity:
      return "the session is full";
    default:
      return UnscheduledReasonName(reason);
  }
}

// The most of `sessions` (in date order) that can be visited at least
// `min_days` apart: the greedy earliest choice is optimal.
int MostSpacedApart(const Instance& instance, const std::vector<int>& sessions, int min_days) {
  int count = 0;
  long long last_day = 0;
  for (int session_idx : sessions) {
    const long long day = DaysSinceEpoch(instance.sessions[session_idx].date);
    if (count > 0 && (day == last_day || day - last_day < min_days)) continue;
    ++count;
    last_day = day;
  }
  return count;
}

}  // namespace

Unscheduled WhyShort(const PlanningIndex& index, int pair_idx, int visits) {
  const Instance& instance = index.instance();
  const Pair& pair = instance.pairs[pair_idx];
  Unscheduled left;
  left.pair_id = pair.id;
  left.visits = visits;
  left.wanted = std::max(0, pair.visits_wanted);
  if (visits == 0) {
    left.reason = index.Blocked(pair_idx).value_or(UnscheduledReason::kCapacity);
  } else if (index.SessionsOffered(pair_idx) < left.wanted) {
    left.reason = UnscheduledReason::kNoSessionThisMonth;
  } else if (static_cast<int>(index.Candidates(pair_idx).size()) < left.wanted &&
             !index.DroppedSessions(pair_idx).empty()) {
    left.reason = index.DroppedSessions(pair_idx).front().reason;
  } else if (MostSpacedApart(instance, index.Candidates(pair_idx), MinIntervalDays(pair)) <
             left.wanted) {
    left.reason = UnscheduledReason::kMinInterval;
  } else {
    left.reason = UnscheduledReason::kCapacity;
  }
  // The detail: how many sessions the calendar offers, then each filter's dates.
  std::string detail;
  if (left.reason == UnscheduledReason::kNoSessionThisMonth) {
    detail = "the calendar offers " + std::to_string(index.SessionsOffered(pair_idx)) + " session" +
             (index.SessionsOffered(pair_idx) == 1 ? "" : "s") + " for the parent";
  }
  for (const PlanningIndex::Dropped& dropped : index.DroppedSessions(pair_idx)) {
    detail += (detail.empty() ? "" : "; ") + DroppedWords(dropped.reason) + " on " +
              DateList(dropped.dates);
  }
  if (left.reason == UnscheduledReason::kMinInterval && index.DroppedSessions(pair_idx).empty()) {
    detail = "the sessions left are closer than " + std::to_string(MinIntervalDays(pair)) +
             " days apart";
  }
  if (left.reason == UnscheduledReason::kCapacity) {
    detail += std::string(detail.empty() ? "" : "; ") +
              "the other sessions and escorts were taken by visits of higher priority";
  }
  left.detail = std::move(detail);
  return left;
}

void FinishPlan(const PlanningIndex& index, Plan& plan) {
  const Instance& instance = index.instance();
  std::unordered_map<long long, const Session*> sessions;
  for (const Session& session : instance.sessions) sessions[session.id] = &session;
  std::unordered_map<long long, int> pair_by_id;
  for (int pair_idx = 0; pair_idx < static_cast<int>(instance.pairs.size()); ++pair_idx) {
    pair_by_id[instance.pairs[pair_idx].id] = pair_idx;
  }

  std::vector<int> earliest(plan.trips.size(), 24 * 60);
  std::vector<int> latest(plan.trips.size(), 0);
  std::vector<bool> used(plan.trips.size(), false);
  for (const Visit& visit : plan.visits) {
    const Session& session = *sessions.at(visit.session_id);
    earliest[visit.trip_id] = std::min(earliest[visit.trip_id], session.start_minute);
    latest[visit.trip_id] = std::max(latest[visit.trip_id], session.end_minute);
    used[visit.trip_id] = true;
  }
  std::vector<int> new_id(plan.trips.size(), -1);
  std::vector<Trip> trips;
  plan.travel_cost = 0;
  for (size_t trip_idx = 0; trip_idx < plan.trips.size(); ++trip_idx) {
    if (!used[trip_idx]) continue;
    Trip trip = plan.trips[trip_idx];
    const Route* route = index.FindRoute(trip.home_base_id, trip.facility_id);
    int travel = route == nullptr ? 0 : route->travel_minutes;
    trip.id = static_cast<int>(trips.size());
    trip.depart_minute = earliest[trip_idx] - travel;
    trip.return_minute = latest[trip_idx] + travel;
    trip.cost = route == nullptr ? 0 : route->cost;
    plan.travel_cost += trip.cost;
    new_id[trip_idx] = trip.id;
    trips.push_back(trip);
  }
  plan.trips = std::move(trips);
  for (Visit& visit : plan.visits) visit.trip_id = new_id[visit.trip_id];
  std::sort(plan.visits.begin(), plan.visits.end(),
            [](const Visit& a, const Visit& b) { return a.pair_id < b.pair_id; });

  plan.coverage = 0;
  std::vector<int> visits_of(instance.pairs.size(), 0);
  for (const Visit& visit : plan.visits) {
    int pair_idx = pair_by_id.at(visit.pair_id);
    ++visits_of[pair_idx];
    plan.coverage += instance.pairs[pair_idx].priority;
  }
  plan.unscheduled.clear();
  plan.short_of_wanted.clear();
  for (int pair_idx = 0; pair_idx < static_cast<int>(instance.pairs.size()); ++pair_idx) {
    const Pair& pair = instance.pairs[pair_idx];
    const int wanted = std::max(0, pair.visits_wanted);
    if (visits_of[pair_idx] > 0 && visits_of[pair_idx] >= wanted) continue;
    Unscheduled left = WhyShort(index, pair_idx, visits_of[pair_idx]);
    (left.visits == 0 ? plan.unscheduled : plan.short_of_wanted).push_back(std::move(left));
  }
}

}  // namespace vinculo::planner::internal
