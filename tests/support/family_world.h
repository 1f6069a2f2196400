// Issue 15's family on top of the test World (clock 2026-11-23): a family
// split across two prisons. The mother is held in facility A (Ayacucho), the
// father in a second Peruvian prison (Cusco); two children of organisation A
// live in two of its homes (Ayacucho and Lima), both children of both
// parents; a half sister of organisation A lives with relatives, joined to
// the first child by a sibling link only; and a child of organisation B, the
// mother's too, lives with relatives. A caregiver (staff of A) works in the
// Ayacucho home. Names and places are invented. Shared by the store and HTTP
// tests; fails the test (leaving zeros) on error.
#pragma once

#include "support/world.h"

namespace vinculo::testing {

struct SplitFamily {
  long long prison_cusco = 0;
  long long home_ayacucho = 0;
  long long home_lima = 0;
  long long mother = 0;          // facility A
  long long father = 0;          // prison_cusco
  long long child_ayacucho = 0;  // organisation A, home_ayacucho
  long long child_lima = 0;      // organisation A, home_lima
  long long half_sister = 0;     // organisation A, relatives; a sibling link to child_ayacucho
  long long child_b = 0;         // organisation B, relatives; the mother's
  long long carer = 0;           // staff of A, caregiver in home_ayacucho
  long long sibling_link = 0;
};

SplitFamily AddSplitFamily(World& world);

// Coordinates used above, for distances computed independently in the tests.
inline constexpr double kFacilityALatitude = -13.15, kFacilityALongitude = -74.20;
inline constexpr double kCuscoLatitude = -13.52, kCuscoLongitude = -71.97;
inline constexpr double kAyacuchoHomeLatitude = -13.17, kAyacuchoHomeLongitude = -74.23;
inline constexpr double kLimaHomeLatitude = -12.05, kLimaHomeLongitude = -77.04;
inline constexpr double kRelativesLatitude = -13.16, kRelativesLongitude = -74.22;  // AddChild's

}  // namespace vinculo::testing
