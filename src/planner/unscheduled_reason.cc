#include "planner/planner.h"

namespace vinculo::planner {

const char* UnscheduledReasonName(UnscheduledReason reason) {
  switch (reason) {
    case UnscheduledReason::kRestriction:
      return "restriction";
    case UnscheduledReason::kNoSessionThisMonth:
      return "no_session_this_month";
    case UnscheduledReason::kChildUnavailable:
      return "child_unavailable";
    case UnscheduledReason::kNoEscort:
      return "no_escort";
    case UnscheduledReason::kNoRoute:
      return "no_route";
    case UnscheduledReason::kCapacity:
      return "capacity";
    case UnscheduledReason::kNotice:
      return "notice";
    case UnscheduledReason::kFamilyTooLarge:
      return "family_larger_than_car";
    case UnscheduledReason::kNotDue:
      return "not_due";
    case UnscheduledReason::kMinInterval:
      return "min_interval";
    case UnscheduledReason::kLongestChildDay:
      return "longest_child_day";
  }
  return "capacity";
}

}  // namespace vinculo::planner
