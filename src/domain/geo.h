// Distances on the Earth's surface, shared by the visit programme (routes
// between homes and prisons) and the workshops (a facilitator's travel
// between prisons). Pure functions.
#pragma once

namespace vinculo {

// Great-circle (haversine) distance in kilometres on a sphere of radius
// 6371 km (the mean Earth radius); coordinates in decimal degrees.
double GreatCircleKm(double latitude_a, double longitude_a, double latitude_b, double longitude_b);

// Whole minutes (rounded up) to travel `km` at `speed_kmh`; 0 when the speed is not positive.
int TravelMinutes(double km, double speed_kmh);

}  // namespace vinculo
