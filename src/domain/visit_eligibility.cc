#include "domain/visit_eligibility.h"

#include <algorithm>

namespace vinculo {

RestrictionBar RestrictionOn(const VisitRestriction& restriction, const Date& date) {
  if (restriction.no_contact) return RestrictionBar::kNoContact;
  if (restriction.banned_until && date <= *restriction.banned_until) return RestrictionBar::kBanned;
  return RestrictionBar::kNone;
}

NoticeBound NoticeFrom(std::chrono::system_clock::time_point now, long long notice_hours) {
  const auto not_before = now + std::chrono::hours(notice_hours);
  const auto midnight = std::chrono::floor<std::chrono::days>(not_before);
  return {UtcDate(not_before),
          static_cast<int>(
              std::chrono::duration_cast<std::chrono::minutes>(not_before - midnight).count())};
}

bool BeforeNotice(const Date& date, int start_minute, const NoticeBound& bound) {
  return date < bound.date || (date == bound.date && start_minute < bound.minute);
}

bool ChildAwayOn(std::span<const Date> away, const Date& date) {
  return std::find(away.begin(), away.end(), date) != away.end();
}

bool WithinTravellingHours(int first_start, int last_end, int travel,
                           const TravellingHours& hours) {
  return first_start - travel >= hours.first_minute && last_end + travel <= hours.last_minute;
}

VisitBar BarToVisit(const PairOnSession& visit, const std::optional<NoticeBound>& not_before) {
  switch (RestrictionOn(visit.restriction, visit.date)) {
    case RestrictionBar::kNoContact:
      return VisitBar::kNoContact;
    case RestrictionBar::kBanned:
      return VisitBar::kBanned;
    case RestrictionBar::kNone:
      break;
  }
  if (!WingServes(visit.session_wing, visit.parent_wing)) return VisitBar::kWing;
  if (not_before && BeforeNotice(visit.date, visit.start_minute, *not_before)) {
    return VisitBar::kNotice;
  }
  if (ChildAwayOn(visit.child_away, visit.date)) return VisitBar::kChildAway;
  return VisitBar::kNone;
}

}  // namespace vinculo
