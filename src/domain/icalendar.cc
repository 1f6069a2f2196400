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

std::string Offset(int minutes) {
  char text[16];
  const int magnitude = std::abs(minutes);
  std::snprintf(text, sizeof text, "%c%02d%02d", minutes < 0 ? '-' : '+', magnitude / 60,
                magnitude % 60);
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

std::string FormatICalendar(const std::string& name, const CalendarZone& zone,
                            const std::vector<CalendarEvent>& events, const std::string& dtstamp) {
  std::string calendar;
  auto line = [&](const std::string& text) { calendar += FoldLine(text); };
  line("BEGIN:VCALENDAR");
  line("VERSION:2.0");
  line("PRODID:-//Vinculo//Visit programme//ES");
  line("CALSCALE:GREGORIAN");
  line("METHOD:PUBLISH");
  line("X-WR-CALNAME:" + EscapeText(name));
  line("BEGIN:VTIMEZONE");
  line("TZID:" + zone.tzid);
  line("BEGIN:STANDARD");
  line("DTSTART:19700101T000000");
  line("TZOFFSETFROM:" + Offset(zone.utc_offset_minutes));
  line("TZOFFSETTO:" + Offset(zone.utc_offset_minutes));
  line("END:STANDARD");
  line("END:VTIMEZONE");
  const std::string stamp = StampOf(dtstamp);
  for (const CalendarEvent& event : events) {
    line("BEGIN:VEVENT");
    line("UID:" + event.uid);
    line("DTSTAMP:" + stamp);
    line("DTSTART;TZID=" + zone.tzid + ":" + Compact(event.date, event.start_minute));
    line("DTEND;TZID=" + zone.tzid + ":" + Compact(event.date, event.end_minute));
    line("SUMMARY:" + EscapeText(event.summary));
    if (!event.location.empty()) line("LOCATION:" + EscapeText(event.location));
    if (!event.description.empty()) line("DESCRIPTION:" + EscapeText(event.description));
    line("END:VEVENT");
  }
  line("END:VCALENDAR");
  return calendar;
}

}  // namespace vinculo
