// iCalendar (RFC 5545) feeds of visits: a VCALENDAR of VEVENTs with CRLF line
// endings, lines folded at 75 octets (never inside a UTF-8 character), TEXT
// values escaped, a UID and DTSTAMP per event, and DTSTART/DTEND in local time
// with a TZID whose VTIMEZONE (a fixed offset, no daylight saving, as in Peru
// and most of Latin America) is included. Pure functions, thread-safe.
#pragma once

#include <string>
#include <vector>

#include "common/date.h"

namespace vinculo {

struct CalendarEvent {
  std::string uid;  // globally unique, e.g. "trip-12@vinculo"
  Date date;
  int start_minute = 0;  // local time of the time zone
  int end_minute = 0;
  std::string summary;
  std::string location;
  std::string description;
};

struct CalendarZone {
  std::string tzid = "America/Lima";
  int utc_offset_minutes = -5 * 60;
};

// `dtstamp` is FormatTimestamp text ("2026-11-23T12:00:00Z").
std::string FormatICalendar(const std::string& name, const CalendarZone& zone,
                            const std::vector<CalendarEvent>& events, const std::string& dtstamp);

// One content line folded at 75 octets with CRLF + space continuations, CRLF-terminated.
std::string FoldLine(const std::string& line);
// TEXT escaping: backslash, semicolon, comma, newline.
std::string EscapeText(const std::string& text);

}  // namespace vinculo
