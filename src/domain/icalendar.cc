#include "domain/icalendar.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace vinculo {
namespace {

std::string Compact(const Date& date, int minute) {
  char text[32];
  std::snprintf(text, sizeof text, "%04d%02d%02dT%02d%02d00", date.year, date.month, date.day,
                minute / 60, minute % 60);
  return text;
}

// "2026-11-23T12:00:00Z" -> "20261123T120000Z".
std::string StampOf(const std::string& timestamp) {
  std::string stamp;
  for (char c : timestamp) {
    if (c != '-' && c != ':') stamp += c;
  }
  return stamp;
}

}  // namespace

std::string EscapeText(const std::string& text) {
  std::string escaped;
  for (char c : text) {
    switch (c) {
      case '\\':
        escaped += "\\\\";
        break;
      case ';':
        escaped += "\\;";
        break;
      case ',':
        escaped += "\\,";
        break;
      case '\n':
        escaped += "\\n";
        break;
      case '\r':
        break;
      default:
        escaped += c;
    }
  }
  return escaped;
}

std::string FoldLine(const std::string& line) {
  std::string folded;
  size_t octets = 0;  // on the current physical line
  for (size_t at = 0; at < line.size();) {
    // The whole UTF-8 character starting here.
    const unsigned char lead = static_cast<unsigned char>(line[at]);
    size_t length = 1;
    if (lead >= 0xF0) {
      length = 4;
    } else if (lead >= 0xE0) {
      length = 3;
    } else if (lead >= 0xC0) {
      length = 2;
    }
    length = std::min(length, line.size() - at);
    if (octets + length > 75) {
      folded += "\r\n ";
      octets = 1;
    }
    folded.append(line, at, length);
    octets += length;
    at += length;
  }
  return folded + "\r\n";
}

std::string FormatICalendar(const std::string& name, const std::vector<CalendarZone>& zones,
                            const std::vector<CalendarEvent>& events, const std::string& dtstamp) {
  std::string calendar;
  auto line = [&](const std::string& text) { calendar += FoldLine(text); };
  line("BEGIN:VCALENDAR");
  line("VERSION:2.0");
  line("PRODID:-//Vinculo//Vinculo//ES");
  line("CALSCALE:GREGORIAN");
  line("METHOD:PUBLISH");
  line("X-WR-CALNAME:" + EscapeText(name));
  if (!zones.empty()) line("X-WR-TIMEZONE:" + zones.front().tzid);
  std::vector<std::string> written;
  for (const CalendarZone& zone : zones) {
    if (std::find(written.begin(), written.end(), zone.tzid) != written.end()) continue;
    written.push_back(zone.tzid);
    calendar += zone.vtimezone;
    if (!zone.vtimezone.empty() && zone.vtimezone.back() != '\n') calendar += "\r\n";
  }
  const std::string stamp = StampOf(dtstamp);
  for (const CalendarEvent& event : events) {
    const std::string tzid =
        !event.tzid.empty() ? event.tzid : (zones.empty() ? std::string() : zones.front().tzid);
    // Without a zone the times are UTC's: never a floating time that each
    // reader would place in its own zone.
    const std::string zoned = tzid.empty() ? ":" : ";TZID=" + tzid + ":";
    const std::string utc = tzid.empty() ? "Z" : "";
    line("BEGIN:VEVENT");
    line("UID:" + event.uid);
    line("DTSTAMP:" + stamp);
    line("DTSTART" + zoned + Compact(event.date, event.start_minute) + utc);
    line("DTEND" + zoned + Compact(event.date, event.end_minute) + utc);
    if (event.sequence >= 0) line("SEQUENCE:" + std::to_string(event.sequence));
    if (event.tentative) line("STATUS:TENTATIVE");
    line("SUMMARY:" + EscapeText(event.summary));
    if (!event.location.empty()) line("LOCATION:" + EscapeText(event.location));
    if (!event.description.empty()) line("DESCRIPTION:" + EscapeText(event.description));
    line("END:VEVENT");
  }
  line("END:VCALENDAR");
  return calendar;
}

}  // namespace vinculo
