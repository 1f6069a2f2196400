// The nursery on top of the test World (clock fixed at 2026-11-23):
// co-residence rules of 36 months for PE and MX, and four children living
// inside. Facility A (PE): one overdue (born 2023-11-01, out 2026-11-01), one
// critical (born 2023-12-01, out 2026-12-01, 8 days), one notice (born
// 2024-04-01, out 2027-04-01, 129 days). Facility B (MX): one with no alert
// (born 2025-01-01, out 2028-01-01). Shared by the store and HTTP tests.
#pragma once

#include "support/world.h"

namespace vinculo::testing {

struct NurseryChildren {
  long long overdue_a = 0;
  long long critical_a = 0;
  long long notice_a = 0;
  long long calm_b = 0;
  long long mother_b = 0;  // a woman held in facility B, for pregnancies
};

// A child living inside `facility_id` with her mother, born on `born`; 0 on error.
long long ChildInside(World& world, long long facility_id, const char* given_names,
                      const char* born);

// Adds the rules and children; fails the test (and returns zeros) on error.
NurseryChildren AddNursery(World& world);

}  // namespace vinculo::testing
