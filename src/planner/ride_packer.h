// RidePacker: the exact packing of one (home base, prison, day) group's
// children onto its trips, used by PartModel's extraction when its greedy
// packing leaves a child home (issue 19). Internal to src/planner; pure.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace vinculo::planner::internal {

// Children who ride together (a family visiting one parent in one session,
// and a child's own visits), placed on one trip or left home together.
struct RideUnit {
  std::vector<long long> children;
  std::uint64_t sessions = 0;  // bits of the group's sessions they attend
  int earliest_start = 24 * 60;
  int latest_end = 0;
  int size = 0;
  double value = 0;  // the priorities of their visits
};

// The best placement of a group's ride units on its trips (issue 19: a
// greedy left children home where a placement existed): the most priority
// placed, then the fewest (trip, session) attendances (escorts present count
// as people in a session); each trip within its escort's seats (`rooms`) and,
// `travel` minutes each way, within a child's `longest_day` (the domain's
// rules: HasSeats, WithinLongestChildDay). Depth-first with a bound, at
// most `node_limit` nodes; per unit the trip index, or -1 for home.
class RidePacker {
 public:
  RidePacker(const std::vector<RideUnit>& units, const std::vector<int>& rooms, int travel,
             int longest_day, long node_limit)
      : units_(units),
        room_(rooms),
        earliest_(rooms.size(), 24 * 60),
        latest_(rooms.size(), 0),
        attends_(rooms.size(), 0),
        capacity_(rooms),
        travel_(travel),
        longest_day_(longest_day),
        node_limit_(node_limit),
        current_(units.size(), -1),
        value_left_(units.size() + 1, 0) {
    for (size_t unit = units.size(); unit-- > 0;) {
      value_left_[unit] = value_left_[unit + 1] + units[unit].value;
    }
  }
  std::vector<int> Pack() {
    Search(0);
    return best_;
  }
  double placed() const { return best_value_; }

 private:
  void Search(size_t unit_idx);

  const std::vector<RideUnit>& units_;
  std::vector<int> room_;
  std::vector<int> earliest_;
  std::vector<int> latest_;
  std::vector<std::uint64_t> attends_;
  const std::vector<int> capacity_;
  const int travel_;
  const int longest_day_;
  const long node_limit_;
  long nodes_ = 0;
  std::vector<int> current_;
  std::vector<double> value_left_;
  double current_value_ = 0;
  int current_attendances_ = 0;
  std::vector<int> best_;
  double best_value_ = -1;
  int best_attendances_ = 0;
};

}  // namespace vinculo::planner::internal
