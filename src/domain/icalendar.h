// iCalendar (RFC 5545) feeds, the one writer of every feed (visits of a
// facility, an escort's trips, a facilitator's workshop sessions): a
// VCALENDAR of VEVENTs with CRLF line endings, lines folded at 75 octets
// (never inside a UTF-8 character), TEXT values escaped, a UID and DTSTAMP
// per event, and DTSTART/DTEND in the local time of the event's facility
// with a TZID whose VTIMEZONE is included (the VTIMEZONE text comes from the
// time zone database: service/calendar_zones.h). Pure functions, thread-safe.
#pragma once

#include <string>
#include <vector>

#include "common/date.h"

namespace vinculo {

struct CalendarEvent {
  std::string uid;  // globally unique, e.g. "trip-12@vinculo"
  Date date;
  int start_minute = 0;  // local time of the event's zone
  int end_minute = 0;
  std::string tzid;  // the IANA zone of the place; empty: the calendar's first zone
  std::string summary;
  std::string location;
  std::string description;
  int sequence = -1;       // SEQUENCE (revision of the event) when >= 0
  bool tentative = false;  // STATUS:TENTATIVE (e.g. a visit flagged for review)
};

struct CalendarZone {
  std::string tzid;       // "America/Lima"
  std::string vtimezone;  // BEGIN:VTIMEZONE ... END:VTIMEZONE with CRLF line ends
};

// `zones` holds the VTIMEZONE of every zone an event uses (each written once);
// `dtstamp` is FormatTimestamp text ("2026-11-23T12:00:00Z").
std::string FormatICalendar(const std::string& name, const std::vector<CalendarZone>& zones,
                            const std::vector<CalendarEvent>& events, const std::string& dtstamp);

// One content line folded at 75 octets with CRLF + space continuations, CRLF-terminated.
std::string FoldLine(const std::string& line);
// TEXT escaping: backslash, semicolon, comma, newline.
std::string EscapeText(const std::string& text);

}  // namespace vinculo
