#include "domain/geo.h"

#include <algorithm>
#include <cmath>

namespace vinculo {

namespace {
constexpr double kEarthRadiusKm = 6371.0;
double Radians(double degrees) { return degrees * M_PI / 180.0; }
}  // namespace

double GreatCircleKm(double latitude_a, double longitude_a, double latitude_b, double longitude_b) {
  const double d_lat = Radians(latitude_b - latitude_a);
  const double d_lon = Radians(longitude_b - longitude_a);
  const double h = std::sin(d_lat / 2) * std::sin(d_lat / 2) +
                   std::cos(Radians(latitude_a)) * std::cos(Radians(latitude_b)) *
                       std::sin(d_lon / 2) * std::sin(d_lon / 2);
  return 2 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(h)));
}

int TravelMinutes(double km, double speed_kmh) {
  if (speed_kmh <= 0) return 0;
  return static_cast<int>(std::ceil(km / speed_kmh * 60.0 - 1e-9));
}

}  // namespace vinculo
