// Who may visit on which session (issue 17: one home per rule). A pair (a
// child and her imprisoned parent) may visit on a session unless a
// restriction forbids it (a no-contact order, or a ban that day), the session
// serves another wing (WingServes, domain/visit_rules.h), it starts within the
// organisation's notice (the planner's rule: a booking by hand may take today's
// session), or the child cannot go that day. A trip may travel only within
// the day's travelling hours. The one statement of each rule, called by the
// planners' candidates (planner::internal::PlanningIndex), the month's plan
// (service/visit_plans.cc) and the hand edits (CheckPairOnSession and
// FitTripDay in service/visit_hand_edits.cc). The plan checker
// (planner::CheckPlan) deliberately keeps code of its own. Pure.
#pragma once

#include <chrono>
#include <optional>
#include <span>

#include "common/date.h"
#include "domain/visit_rules.h"  // Wing

namespace vinculo {

// A pair's standing restriction: a no-contact order forbids every visit, a
// ban every visit on or before its last day.
struct VisitRestriction {
  bool no_contact = false;
  std::optional<Date> banned_until;
};
enum class RestrictionBar { kNone, kNoContact, kBanned };
RestrictionBar RestrictionOn(const VisitRestriction& restriction, const Date& date);

// The first moment a visit may start: the time a plan is built plus the
// organisation's notice (issue 19).
struct NoticeBound {
  Date date;
  int minute = 0;  // minutes after midnight
};
NoticeBound NoticeFrom(std::chrono::system_clock::time_point now, long long notice_hours);
// Whether a session of `date` starting at `start_minute` starts before `bound`.
bool BeforeNotice(const Date& date, int start_minute, const NoticeBound& bound);

// Whether the child cannot go on `date` (her dates away, in any order).
bool ChildAwayOn(std::span<const Date> away, const Date& date);

// The hours a trip may travel: it leaves its home base no earlier than
// `first_minute` and is back no later than `last_minute`.
struct TravellingHours {
  int first_minute = 6 * 60;
  int last_minute = 21 * 60;
};
// Whether a trip attending sessions from `first_start` to `last_end`,
// `travel` minutes each way, travels within `hours`.
bool WithinTravellingHours(int first_start, int last_end, int travel,
                           const TravellingHours& hours = {});

// One pair on one session, the facts the rules above read.
struct PairOnSession {
  VisitRestriction restriction;
  Wing parent_wing = Wing::kAny;
  std::span<const Date> child_away;
  Date date;
  int start_minute = 0;
  Wing session_wing = Wing::kAny;
};
// The first rule that bars the visit, in this order, or kNone.
enum class VisitBar { kNone, kNoContact, kBanned, kWing, kNotice, kChildAway };
// `not_before`: the notice's bound, or none where no notice applies (a
// booking by hand).
VisitBar BarToVisit(const PairOnSession& visit, const std::optional<NoticeBound>& not_before);

}  // namespace vinculo
