// The visit programme on top of the test World (clock fixed at 2026-11-23):
// a family home of organisation A with coordinates near facility A (about
// 2.4 km), two escorts (staff of A living there) available on the Saturdays of
// December 2026, three children of A in that home, a mother and a father held
// in facility A (children 1 and 2 are siblings through the mother; child 1
// also visits the father), and a Saturday template at facility A (09:00-11:00,
// 2 families, 8 people, from 2026-12-01). The user "caregiver_a" is linked to
// staff 1 (escort 1); "caregiver_a2" (added) to staff 2 (escort 2);
// "caregiver_a_unlinked" (added) to no staff record. Shared by the store and
// HTTP tests.
#pragma once

#include "service/visit_service.h"
#include "support/world.h"

namespace vinculo::testing {

struct VisitProgramme {
  long long home = 0;
  long long staff_1 = 0;
  long long staff_2 = 0;
  long long escort_1 = 0;
  long long escort_2 = 0;
  long long child_1 = 0;
  long long child_2 = 0;
  long long child_3 = 0;
  long long mother = 0;  // held in facility A
  long long father = 0;  // held in facility A
  long long template_id = 0;
};

// Adds the programme; fails the test (and returns zeros) on error.
VisitProgramme AddVisitProgramme(World& world);

// A child of organisation `organisation` ("A" or "B") living in `home_id`.
long long AddChildAtHome(World& world, const std::string& organisation, long long home_id,
                         const std::string& given_names);

}  // namespace vinculo::testing
