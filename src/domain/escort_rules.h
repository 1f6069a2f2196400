// An escort's day (issues 17 and 19): an escort makes at most one trip a day,
// from one home base to one facility (the trip may attend several of that
// facility's sessions that day), and carries at most her seats of children,
// each child one seat however many of her parents she visits on the trip. The
// one statement of both rules, called by the first-come planner
// (PlanFirstCome), the optimising planner's extraction and packing of children
// onto trips (PartModel::Extract) and the hand edits (ChooseTrip in
// service/visit_hand_edits.cc). The optimising model states the seats as
// linear rows whose right-hand side is `seats` (PartModel); the plan checker
// (planner::CheckPlan) deliberately keeps code of its own. Pure; `EscortDays`
// is a value with no locking (one thread at a time).
#pragma once

#include <map>
#include <optional>
#include <utility>

namespace vinculo {

// Where a trip goes: from a home base to a facility.
struct TripRoute {
  long long home_id = 0;
  long long facility_id = 0;
  bool operator==(const TripRoute&) const = default;
};

// Whether an escort takes more children on a trip, and if not, why.
enum class EscortFit {
  kTakes,                // her trip of the day goes there and has the seats
  kTravellingElsewhere,  // she already has a trip that day to another place
  kNoSeat,               // her trip goes there but has too few seats left
};

// Whether a trip with `aboard` children and its escort's `seats` seats has
// room for `boarding` more (children not yet aboard: a child already aboard
// takes no second seat). For a trip already known to go where they go.
bool HasSeats(int aboard, int boarding, int seats);

// Whether an escort with `seats` seats can take `boarding` children who are
// not yet aboard (a child already aboard takes no second seat) to `route`.
// `trip_of_day` is where her trip of that day goes, if she has one, and
// `aboard` the children on it (0 when she has none: a new trip).
EscortFit EscortCanTake(const std::optional<TripRoute>& trip_of_day, int aboard,
                        const TripRoute& route, int boarding, int seats);

// The escorts' days of a plan being made: the route of each escort's one trip
// of each day (days as days since the epoch).
class EscortDays {
 public:
  // Where the escort's trip of `day` goes, if she has one.
  std::optional<TripRoute> TripOf(long long escort, long long day) const;
  // Books the escort's one trip of `day`, to `route`: false (and nothing
  // booked) when she already has that day's trip.
  bool Book(long long escort, long long day, const TripRoute& route);

 private:
  std::map<std::pair<long long, long long>, TripRoute> trips_;  // (escort, day) -> route
};

}  // namespace vinculo
