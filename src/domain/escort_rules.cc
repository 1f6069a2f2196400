#include "domain/escort_rules.h"

namespace vinculo {

EscortFit EscortCanTake(const std::optional<TripRoute>& trip_of_day, int aboard,
                        const TripRoute& route, int boarding, int seats) {
  if (trip_of_day && !(*trip_of_day == route)) return EscortFit::kTravellingElsewhere;
  if (!HasSeats(trip_of_day ? aboard : 0, boarding, seats)) return EscortFit::kNoSeat;
  return EscortFit::kTakes;
}

bool HasSeats(int aboard, int boarding, int seats) { return aboard + boarding <= seats; }

std::optional<TripRoute> EscortDays::TripOf(long long escort, long long day) const {
  auto found = trips_.find({escort, day});
  if (found == trips_.end()) return std::nullopt;
  return found->second;
}

bool EscortDays::Book(long long escort, long long day, const TripRoute& route) {
  return trips_.try_emplace({escort, day}, route).second;
}

}  // namespace vinculo
