// Placeholders so that the service layer links while the planner is built
// (issue 4). The planner's own files replace this one.
#include "planner/planner.h"

namespace vinculo::planner {

namespace {
Plan NothingScheduled(const Instance& instance) {
  Plan plan;
  for (const Pair& pair : instance.pairs) {
    plan.unscheduled.push_back({pair.id, pair.restricted ? UnscheduledReason::kRestriction
                                                         : UnscheduledReason::kCapacity});
  }
  return plan;
}
}  // namespace

Plan SolvePlan(const Instance& instance) { return NothingScheduled(instance); }

}  // namespace vinculo::planner
