// Figures: counts for dashboards, donors and auditors, never names.
//
// Counts are taken within the actor's scope (an organisation sees its own
// children; a global administrator or an unaffiliated auditor sees all).
// For auditors, any count from 1 to 4 is suppressed (reported as absent)
// so that a small group cannot be singled out: the usual small-cell rule of
// official statistics. Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "service/context.h"

namespace vinculo {

inline constexpr long long kSmallCellThreshold = 5;

// The one small-cell rule (issue 13): whether `actor` gets small cells
// suppressed (auditors), and a count as that actor may see it: absent when
// suppressed and from 1 to kSmallCellThreshold - 1. Every figure an auditor
// can ask for (summary, nursery forecast, facility needs) goes through it.
inline bool SuppressesSmallCells(const Actor& actor) { return actor.role == Role::kAuditor; }
// The same rule with another threshold (the programme reports let a user
// ask for one, never below 1; 1 withholds nothing).
inline std::optional<long long> SmallCellBelow(long long count, long long threshold) {
  if (count > 0 && count < threshold) return std::nullopt;
  return count;
}
inline std::optional<long long> SmallCell(long long count, bool suppress) {
  return SmallCellBelow(count, suppress ? kSmallCellThreshold : 1);
}

struct CountRow {
  std::string key;                 // an enum value or a facility name
  long long id = 0;                // the facility id, where the key is a facility
  std::optional<long long> count;  // absent when suppressed
};

struct FacilityOccupancy {
  long long facility_id = 0;
  std::string name;
  long long official_capacity = 0;
  long long current_population = 0;
  double occupancy_percent = 0;
};

struct SummaryFigures {
  std::string as_of;
  bool suppressed_small_cells = false;
  std::vector<CountRow> children_by_placement;
  std::vector<CountRow> children_inside_by_facility;
  std::vector<CountRow> parents_by_facility;
  std::vector<FacilityOccupancy> facilities;
};

class FiguresService {
 public:
  explicit FiguresService(ServiceContext context) : context_(context) {}
  Result<SummaryFigures> Summary(const Actor& actor);

 private:
  ServiceContext context_;
};

}  // namespace vinculo
