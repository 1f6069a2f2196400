// Nursery supplies on top of the test World (clock fixed at 2026-11-23):
// co-residence rules of 72 months for PE and 36 for MX, and children living
// inside whose ages sit on the catalogue's band edges. Facility A (PE): a
// newborn (born 2026-08-01, 3 months), one turning 24 months next month (born
// 2024-12-23: 23 months today, 24 on 2026-12-23), one exactly 24 months today
// (born 2024-11-23) and one of school age (born 2022-09-01, 50 months).
// Facility B (MX): a toddler (born 2025-01-01, 22 months) and a child who ages
// out on 2026-12-10 (born 2023-12-10, 35 months; MX allows 36). Plus a child of
// organisation A living with relatives (not inside). Also a global
// administrator account "root" that signs in over HTTP. Shared by the store
// and HTTP tests.
#pragma once

#include <string>

#include "support/world.h"

namespace vinculo::testing {

struct SupplyChildren {
  long long newborn_a = 0;
  long long turning_24_a = 0;
  long long exactly_24_a = 0;
  long long school_age_a = 0;
  long long toddler_b = 0;
  long long leaving_b = 0;
  long long outside_a = 0;
};

// Adds the rules, children and "root"; fails the test (and returns zeros) on error.
SupplyChildren AddSupplyChildren(World& world);

// The id of the default catalogue item with `code` ("crib"), or 0.
long long CatalogueItemId(World& world, const std::string& code);

}  // namespace vinculo::testing
