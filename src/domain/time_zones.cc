#include "domain/time_zones.h"

#include <array>
#include <cctype>

namespace vinculo {
namespace {

struct ZoneOf {
  std::string_view code;  // a subdivision ("MX-BCN") or a country ("MX")
  std::string_view zone;
};

// Subdivisions first: the first entry whose code matches wins. Sources: the
// IANA time zone database (zone1970.tab) for each country's zones; Mexico's
// states after the 2022 law that ended daylight saving outside the border
// strip (DOF 2022-10-28).
constexpr std::array<ZoneOf, 32> kZones = {{
    {"MX-BCN", "America/Tijuana"},    {"MX-BCS", "America/Mazatlan"},
    {"MX-SON", "America/Hermosillo"}, {"MX-SIN", "America/Mazatlan"},
    {"MX-NAY", "America/Mazatlan"},   {"MX-CHH", "America/Chihuahua"},
    {"MX-ROO", "America/Cancun"},     {"MX", "America/Mexico_City"},
    {"PE", "America/Lima"},           {"BO", "America/La_Paz"},
    {"EC", "America/Guayaquil"},      {"CO", "America/Bogota"},
    {"CL", "America/Santiago"},       {"AR", "America/Argentina/Buenos_Aires"},
    {"UY", "America/Montevideo"},     {"PY", "America/Asuncion"},
    {"GT", "America/Guatemala"},      {"SV", "America/El_Salvador"},
    {"HN", "America/Tegucigalpa"},    {"NI", "America/Managua"},
    {"CR", "America/Costa_Rica"},     {"PA", "America/Panama"},
    {"ES", "Europe/Madrid"},          {"PT", "Europe/Lisbon"},
    {"DE", "Europe/Berlin"},          {"AT", "Europe/Vienna"},
    {"PL", "Europe/Warsaw"},          {"HR", "Europe/Zagreb"},
    {"FR", "Europe/Paris"},           {"IT", "Europe/Rome"},
    {"GB", "Europe/London"},          {"UA", "Europe/Kyiv"},
}};

std::string Upper(std::string_view text) {
  std::string upper(text);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return upper;
}

}  // namespace

std::string DefaultTimeZone(std::string_view jurisdiction_code, std::string_view country_code) {
  const std::string code = Upper(jurisdiction_code);
  const std::string country = country_code.empty() ? Upper(code.substr(0, 2)) : Upper(country_code);
  for (const ZoneOf& entry : kZones) {
    if (entry.code.size() > 2 && code.rfind(entry.code, 0) == 0) return std::string(entry.zone);
  }
  for (const ZoneOf& entry : kZones) {
    if (entry.code == country) return std::string(entry.zone);
  }
  return "UTC";
}

std::string FacilityTimeZone(std::string_view facility_time_zone,
                             std::string_view jurisdiction_code, std::string_view country_code) {
  if (!facility_time_zone.empty()) return std::string(facility_time_zone);
  return DefaultTimeZone(jurisdiction_code, country_code);
}

bool LooksLikeTimeZoneName(std::string_view name) {
  if (name == "UTC") return true;
  if (name.empty() || name.size() > 64 || name.find('/') == std::string_view::npos) return false;
  if (name.front() == '/' || name.back() == '/' || name.find("//") != std::string_view::npos ||
      name.find("..") != std::string_view::npos) {
    return false;
  }
  for (char c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '/' && c != '_' && c != '-' &&
        c != '+') {
      return false;
    }
  }
  return std::isupper(static_cast<unsigned char>(name.front()));
}

}  // namespace vinculo
