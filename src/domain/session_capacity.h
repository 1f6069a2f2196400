// Session capacity (issues 17 and 19): what the visits of one visiting session
// take of it, and whether that fits the session's capacity. The one statement of
// the rule, called by the first-come planner (PlanFirstCome), the optimising
// planner's extraction (PartModel::DropOverfull), the planners' filter of the
// sessions a family could fill alone (PlanningIndex) and the visits service's
// loads for publishing and hand edits (visit_internal::SessionLoads). The
// optimising model states it as linear rows (PartModel). The plan checker
// (planner::CheckPlan) deliberately keeps code of its own, so that a mistake here
// cannot hide in the check too; the store's reservation (visit_store::Reserve)
// states the same rule in SQL, as the database's invariant (issue 14). Pure;
// `SessionTally` is a value with no locking (one thread at a time).
#pragma once

#include <set>
#include <vector>

namespace vinculo {

// What a session's places count. A family is one imprisoned parent with all of
// her children visiting her in that session (three siblings seeing their
// father take one place); a pair is one child-parent visit; people are the
// children and escorts present (as a session's people capacity always counts
// them).
enum class CapacityUnit { kFamilies, kPairs, kPeople };

// A session's capacity: `places` in its `unit`, and at most `people` children
// and escorts present whatever the unit.
struct SessionCapacity {
  CapacityUnit unit = CapacityUnit::kFamilies;
  long long places = 0;
  long long people = 0;
};

// One visit as a session counts it: a child seeing a parent, brought by the
// escort of a trip (one escort per trip).
struct SessionVisit {
  long long child_id = 0;
  long long parent_id = 0;
  long long trip_id = 0;
};

// What the visits of one session take of it. A child seeing both of her
// parents there is one person, a parent visited by three children one family,
// an escort bringing children on one trip one person.
struct SessionLoad {
  long long families = 0;  // distinct parents visited
  long long pairs = 0;     // visits
  long long children = 0;  // distinct children
  long long escorts = 0;   // distinct trips
  long long People() const { return children + escorts; }
};

// The load of `visits`, all of one session.
SessionLoad LoadOf(const std::vector<SessionVisit>& visits);

// The places `load` takes in `unit`: its families, its pairs, or its people.
long long PlacesTaken(const SessionLoad& load, CapacityUnit unit);

// Whether `load` fits `capacity`: its places in the capacity's unit at most
// `capacity.places` (exactly full fits) and its people at most `capacity.people`.
bool Fits(const SessionLoad& load, const SessionCapacity& capacity);

// A session's load built a visit at a time, for a planner placing visits one
// family after another, which asks what a family would add before it adds it.
class SessionTally {
 public:
  void Add(const SessionVisit& visit);
  // The load with `more` added; this tally unchanged.
  SessionLoad With(const std::vector<SessionVisit>& more) const;
  const SessionLoad& Load() const { return load_; }

 private:
  std::set<long long> parents_;
  std::set<long long> children_;
  std::set<long long> trips_;
  SessionLoad load_;
};

}  // namespace vinculo
