// The IANA time zone a facility's clocks keep. A facility record may name its
// zone (`time_zone`, e.g. "America/Mexico_City"); when it does not, the zone
// comes from its jurisdiction: the subdivision's zone where a country spans
// several (Mexico's Baja California keeps Pacific time, Quintana Roo Eastern),
// else the country's. Calendars, feeds and reports that state a local time
// state it in this zone. Pure functions, thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace vinculo {

// The zone of a jurisdiction with `jurisdiction_code` ("PE", "MX-OAX") and
// `country_code` ("PE", "MX"; empty to take the code's first two letters);
// "UTC" for a country not in the table.
std::string DefaultTimeZone(std::string_view jurisdiction_code, std::string_view country_code);

// The facility's own zone when it names one, else DefaultTimeZone.
std::string FacilityTimeZone(std::string_view facility_time_zone,
                             std::string_view jurisdiction_code, std::string_view country_code);

// True for a name shaped like an IANA zone ("Area/Location[/More]" of
// letters, digits, '_', '-', '+', or "UTC"); whether the zone exists is the
// time zone database's to say (service/calendar_zones.h).
bool LooksLikeTimeZoneName(std::string_view name);

}  // namespace vinculo
