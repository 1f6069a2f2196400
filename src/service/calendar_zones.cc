#include "service/calendar_zones.h"

#include <libical/ical.h>

#include <map>
#include <mutex>

#include "domain/time_zones.h"

namespace vinculo {
namespace {

std::mutex zones_mutex;
std::map<std::string, CalendarZone>& Zones() {
  static std::map<std::string, CalendarZone> zones;  // guarded by zones_mutex
  return zones;
}

}  // namespace

Result<CalendarZone> CalendarZoneNamed(const std::string& tzid) {
  std::lock_guard<std::mutex> lock(zones_mutex);
  auto found = Zones().find(tzid);
  if (found != Zones().end()) return found->second;
  icaltimezone* zone = icaltimezone_get_builtin_timezone(tzid.c_str());
  if (!zone) {
    return InvalidArgument("time_zone", "'" + tzid + "' is not in the time zone database");
  }
  icalcomponent* component = icalcomponent_new_clone(icaltimezone_get_component(zone));
  if (!component) return Internal("libical could not describe the time zone " + tzid);
  // libical names its zones "/freeassociation.sourceforge.net/<name>"; the
  // feed's TZID parameters say the IANA name, which calendar applications
  // also recognise on their own.
  icalproperty* tzid_property = icalcomponent_get_first_property(component, ICAL_TZID_PROPERTY);
  if (tzid_property) icalproperty_set_tzid(tzid_property, tzid.c_str());
  char* text = icalcomponent_as_ical_string_r(component);
  CalendarZone calendar_zone;
  calendar_zone.tzid = tzid;
  calendar_zone.vtimezone = text ? text : "";
  if (text) icalmemory_free_buffer(text);
  icalcomponent_free(component);
  Zones().emplace(tzid, calendar_zone);
  return calendar_zone;
}

Result<CalendarZone> FacilityCalendarZone(Txn& txn, long long facility_id) {
  const Actor system = Actor::System();
  VINCULO_ASSIGN_OR_RETURN(Record facility, txn.Get(FacilityKind(), facility_id, system));
  std::string jurisdiction_code;
  std::string country_code;
  if (auto jurisdiction_id = facility.Integer("jurisdiction_id")) {
    auto jurisdiction = txn.Get(JurisdictionKind(), *jurisdiction_id, system);
    if (jurisdiction.ok()) {
      jurisdiction_code = jurisdiction->Text("code").value_or("");
      country_code = jurisdiction->Text("country_code").value_or("");
    }
  }
  return CalendarZoneNamed(
      FacilityTimeZone(facility.Text("time_zone").value_or(""), jurisdiction_code, country_code));
}

}  // namespace vinculo
