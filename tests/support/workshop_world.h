// Parenting workshops on top of the test World (clock fixed at 2026-11-23):
// a third prison, facility C, about 120 km from facility A (for travel-time
// clashes); a chapel of 3 places and a patio of 20 in facility A, a chapel in
// facility C; four mothers and two fathers held in facility A and one mother
// in facility B, each with a child of organisation A; a short course of four
// sessions. Shared by the store and HTTP tests.
#pragma once

#include <vector>

#include "support/world.h"

namespace vinculo::testing {

struct WorkshopFixture {
  long long facility_c = 0;
  long long chapel_a = 0;            // capacity 3
  long long patio_a = 0;             // capacity 20
  long long chapel_c = 0;            // capacity 10
  long long default_course = 0;      // the shipped course (eight sessions)
  long long short_course = 0;        // four sessions
  long long facilitator = 0;         // user id of social_worker_a
  std::vector<long long> mothers_a;  // four
  std::vector<long long> fathers_a;  // two
  long long mother_b = 0;
};

// Adds the facility, spaces, parents and course; fails the test on error.
WorkshopFixture AddWorkshopWorld(World& world);

}  // namespace vinculo::testing
