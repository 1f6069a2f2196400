#include "domain/session_capacity.h"

namespace vinculo {

SessionLoad LoadOf(const std::vector<SessionVisit>& visits) {
  SessionTally tally;
  for (const SessionVisit& visit : visits) tally.Add(visit);
  return tally.Load();
}

long long PlacesTaken(const SessionLoad& load, CapacityUnit unit) {
  switch (unit) {
    case CapacityUnit::kPairs:
      return load.pairs;
    case CapacityUnit::kPeople:
      return load.People();
    case CapacityUnit::kFamilies:
      break;
  }
  return load.families;
}

bool Fits(const SessionLoad& load, const SessionCapacity& capacity) {
  return PlacesTaken(load, capacity.unit) <= capacity.places && load.People() <= capacity.people;
}

void SessionTally::Add(const SessionVisit& visit) {
  ++load_.pairs;
  if (parents_.insert(visit.parent_id).second) ++load_.families;
  if (children_.insert(visit.child_id).second) ++load_.children;
  if (trips_.insert(visit.trip_id).second) ++load_.escorts;
}

SessionLoad SessionTally::With(const std::vector<SessionVisit>& more) const {
  // Those of `more` already counted here or earlier in `more` count once.
  std::set<long long> new_parents;
  std::set<long long> new_children;
  std::set<long long> new_trips;
  SessionLoad load = load_;
  for (const SessionVisit& visit : more) {
    ++load.pairs;
    if (!parents_.count(visit.parent_id) && new_parents.insert(visit.parent_id).second) {
      ++load.families;
    }
    if (!children_.count(visit.child_id) && new_children.insert(visit.child_id).second) {
      ++load.children;
    }
    if (!trips_.count(visit.trip_id) && new_trips.insert(visit.trip_id).second) ++load.escorts;
  }
  return load;
}

}  // namespace vinculo
