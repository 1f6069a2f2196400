// The VTIMEZONE of an IANA time zone, as RFC 5545 wants it inside every feed
// that gives local times with a TZID: built by libical from the system's
// time zone database (Debian's tzdata), with every transition the zone has
// had, so a calendar application that knows nothing of the name still puts
// a session at the right instant. Thread-safe: libical is called under one
// lock and each zone is built once.
#pragma once

#include <string>

#include "common/status.h"
#include "domain/icalendar.h"
#include "store/store.h"

namespace vinculo {

// The zone named `tzid` ("America/Mexico_City"); kInvalidArgument naming
// field "time_zone" if the time zone database has no such zone.
Result<CalendarZone> CalendarZoneNamed(const std::string& tzid);

// The zone of facility `facility_id`: its own time_zone, else its
// jurisdiction's (domain/time_zones.h). Reads as the system: the caller has
// already checked that the actor may see what the feed shows.
Result<CalendarZone> FacilityCalendarZone(Txn& txn, long long facility_id);

}  // namespace vinculo
