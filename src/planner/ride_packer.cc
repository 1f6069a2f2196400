#include "planner/ride_packer.h"

#include <algorithm>
#include <bit>
#include <set>
#include <utility>

#include "domain/escort_rules.h"
#include "domain/visit_rules.h"

namespace vinculo::planner::internal {

void RidePacker::Search(size_t unit_idx) {
  if (++nodes_ > node_limit_) return;
  if (current_value_ + value_left_[unit_idx] < best_value_ - 1e-9) return;
  if (unit_idx == units_.size()) {
    if (current_value_ > best_value_ + 1e-9 ||
        (current_value_ > best_value_ - 1e-9 && current_attendances_ < best_attendances_)) {
      best_ = current_;
      best_value_ = current_value_;
      best_attendances_ = current_attendances_;
    }
    return;
  }
  const RideUnit& unit = units_[unit_idx];
  // Trips by the sessions they would add, fewest first; one empty trip per size.
  std::vector<std::pair<int, size_t>> trips;
  std::set<int> empty_rooms;
  for (size_t trip = 0; trip < room_.size(); ++trip) {
    if (!HasSeats(capacity_[trip] - room_[trip], unit.size, capacity_[trip])) continue;
    if (attends_[trip] == 0 && !empty_rooms.insert(capacity_[trip]).second) continue;
    if (!WithinLongestChildDay(std::min(earliest_[trip], unit.earliest_start),
                               std::max(latest_[trip], unit.latest_end), travel_, longest_day_)) {
      continue;
    }
    trips.push_back({std::popcount(unit.sessions & ~attends_[trip]), trip});
  }
  std::sort(trips.begin(), trips.end());
  for (const auto& [added, trip] : trips) {
    const int earliest = earliest_[trip];
    const int latest = latest_[trip];
    const std::uint64_t attends = attends_[trip];
    room_[trip] -= unit.size;
    earliest_[trip] = std::min(earliest, unit.earliest_start);
    latest_[trip] = std::max(latest, unit.latest_end);
    attends_[trip] |= unit.sessions;
    current_[unit_idx] = static_cast<int>(trip);
    current_value_ += unit.value;
    current_attendances_ += added;
    Search(unit_idx + 1);
    current_attendances_ -= added;
    current_value_ -= unit.value;
    attends_[trip] = attends;
    latest_[trip] = latest;
    earliest_[trip] = earliest;
    room_[trip] += unit.size;
  }
  current_[unit_idx] = -1;
  Search(unit_idx + 1);
}

}  // namespace vinculo::planner::internal
