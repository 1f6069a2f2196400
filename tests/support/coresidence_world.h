// Issue 15's places on top of the test World: prisons with and without a
// nursery, and jurisdictions whose co-residence law allows or forbids it.
// Shared by the store and HTTP tests. Fails the test (and returns 0) on error.
#pragma once

#include "support/world.h"

namespace vinculo::testing {

// A prison of 80 places holding 70, created by the installation administrator.
long long AddPrison(World& world, long long jurisdiction_id, const char* name, bool has_nursery);

// A jurisdiction whose co-residence rule is `allowed` (12 months) from
// 1900-01-01 and, when `changes_on` is given, the opposite from that day.
long long AddJurisdiction(World& world, const char* code, const char* name, bool allowed,
                          const char* changes_on = nullptr);

}  // namespace vinculo::testing
