// The visit programme's changes by hand after a plan is published: booking a
// visit, moving it to another session, cancelling it, recording how it went,
// and flagging a parent's visits on a transfer or release. Each checks the
// same hard rules as the planner (session capacity and wing, the pair's
// restrictions and unavailable dates, one trip per escort per day, children
// per escort, a child's longest day) inside the write's transaction. The
// organisation's notice is the planner's alone: a coordinator may book today's
// session by hand (a family that came without notice). Split from visit_service.cc.
#include <algorithm>
#include <map>
#include <set>

#include "domain/escort_rules.h"
#include "domain/visit_eligibility.h"
#include "domain/visit_rules.h"
#include "planner/planner.h"
#include "service/visit_service.h"
#include "service/visit_settings.h"
#include "store/row_lock.h"
#include "store/visit_store.h"

namespace vinculo {
namespace vs = visit_store;
using visit_internal::CheckOrganisation;
using visit_internal::IsOwnTrip;
using visit_internal::OrganisationVisitSettings;
using visit_internal::Trimmed;

// --- Changes by hand after publishing ---

namespace {

// The published plan a visit or booking belongs to, if the actor may change it.
Result<PlanRow> WritablePublishedPlan(Txn& txn, const Actor& actor, long long plan_id,
                                      bool caregivers_too = false) {
  // The plan's row first: a pair's one visit, an escort's one trip a day and
  // her seats are counted below (docs/operations.md, the order of locks).
  VINCULO_RETURN_IF_ERROR(LockRow(txn, "plans", plan_id));
  VINCULO_ASSIGN_OR_RETURN(PlanRow plan, vs::GetPlan(txn, plan_id));
  if (!CheckOrganisation(actor, plan.organisation_id, false).ok()) {
    return NotFound("no plan " + std::to_string(plan_id));
  }
  if (!caregivers_too)
    VINCULO_RETURN_IF_ERROR(CheckOrganisation(actor, plan.organisation_id, true));
  if (plan.status != VisitPlanStatus::kPublished) {
    return Conflict("plan " + std::to_string(plan_id) + " is a draft: publish it first", "status")
        .Because(Refusal::kPlanDraft);
  }
  return plan;
}

// The hard rules of one pair on one session: open, the parent's facility and
// wing, restrictions, the child's unavailable dates.
Status CheckPairOnSession(Txn& txn, const RequirementRow& requirement,
                          const VisitSessionRow& session) {
  if (session.status != VisitSessionStatus::kOpen) {
    return Conflict(
               "session " + std::to_string(session.id) + " is blocked: " + session.blocked_reason,
               "session_id")
        .Because(Refusal::kVisitBlocked);
  }
  const Actor system = Actor::System();
  VINCULO_ASSIGN_OR_RETURN(Record parent, txn.Get(ParentKind(), requirement.parent_id, system));
  if (parent.Text("custody_status").value_or("") == "released") {
    return InvalidArgument("requirement_id", "the parent has been released");
  }
  if (parent.Integer("facility_id").value_or(0) != session.facility_id) {
    return InvalidArgument("session_id", "the parent is not held in this session's facility")
        .Because(Refusal::kSessionOtherFacility);
  }
  // The pair's own rules on this session (domain/visit_eligibility.h, the
  // planner's too); no notice: a coordinator may book today's session.
  VINCULO_ASSIGN_OR_RETURN(
      auto unavailable, vs::UnavailableDates(txn, requirement.organisation_id, session.session_date,
                                             session.session_date));
  VINCULO_ASSIGN_OR_RETURN(Date date, ParseDate(session.session_date));
  PairOnSession visit;
  visit.restriction.no_contact = requirement.no_contact;
  if (requirement.banned_until) {
    if (auto until = ParseDate(*requirement.banned_until); until.ok()) {
      visit.restriction.banned_until = *until;
    }
  }
  visit.parent_wing = ParentWing(parent.Text("sex").value_or(""));
  const Date away[] = {date};
  if (unavailable.count(requirement.child_id)) visit.child_away = away;
  visit.date = date;
  visit.start_minute = static_cast<int>(session.start_minute);
  visit.session_wing = SessionWing(session.wing);
  switch (BarToVisit(visit, std::nullopt)) {
    case VisitBar::kNone:
    case VisitBar::kNotice:  // not asked
      return Status::Ok();
    case VisitBar::kNoContact:
      return InvalidArgument("requirement_id", "a no-contact order forbids this visit");
    case VisitBar::kBanned:
      return InvalidArgument("requirement_id",
                             "the parent is banned from visits until " + *requirement.banned_until);
    case VisitBar::kWing:
      return InvalidArgument("session_id", "the session serves the " + session.wing + "'s wing")
          .Because(Refusal::kSessionWing);
    case VisitBar::kChildAway:
      return InvalidArgument("session_id", "the child cannot go on " + session.session_date)
          .Because(Refusal::kChildUnavailable);
  }
  return Status::Ok();
}

struct TripChoice {
  PlanTripRow trip;
  bool is_new = false;
};

struct TripTravel {
  int minutes = 0;
  double cost = 0;
};

// Travel between a home and a facility: the organisation's route override, or
// the great-circle estimate at its rates.
Result<TripTravel> TravelBetween(Txn& txn, const PlanRow& plan, long long home_id,
                                 long long facility_id, const VisitSettingsRow& rates) {
  VINCULO_ASSIGN_OR_RETURN(std::vector<RouteOverrideRow> overrides,
                           vs::Routes(txn, plan.organisation_id));
  const auto route = std::find_if(overrides.begin(), overrides.end(), [&](const auto& row) {
    return row.home_id == home_id && row.facility_id == facility_id;
  });
  if (route != overrides.end()) {
    return TripTravel{static_cast<int>(route->travel_minutes), route->cost};
  }
  VINCULO_ASSIGN_OR_RETURN(std::vector<PlacePoint> homes, vs::Homes(txn, plan.organisation_id));
  VINCULO_ASSIGN_OR_RETURN(std::vector<PlacePoint> facilities, vs::Facilities(txn));
  const auto home = std::find_if(homes.begin(), homes.end(),
                                 [&](const PlacePoint& point) { return point.id == home_id; });
  const auto facility = std::find_if(facilities.begin(), facilities.end(),
                                     [&](const auto& p) { return p.id == facility_id; });
  if (home == homes.end() || facility == facilities.end() || !home->latitude ||
      !facility->latitude) {
    return InvalidArgument("session_id", "no route from the child's home to the facility");
  }
  const Travel travel = TravelFor(
      GreatCircleKm(*home->latitude, *home->longitude, *facility->latitude, *facility->longitude),
      rates.travel_speed_kmh, rates.cost_per_km);
  return TripTravel{travel.minutes, travel.cost};
}

// A trip's day attending sessions from `first_start` to `last_end` (minutes
// after midnight), `travel` minutes each way: within the hours a trip may
// travel and, door to door, within the organisation's longest child's day
// (issue 19; the planners' rule, domain/visit_rules.h). Sets the trip's times.
Status FitTripDay(PlanTripRow& trip, int first_start, int last_end, int travel,
                  const VisitSettingsRow& rates) {
  if (!WithinTravellingHours(first_start, last_end, travel)) {
    return InvalidArgument("session_id", "the trip does not fit in the day around this session")
        .Because(Refusal::kDayTooShort);
  }
  if (!WithinLongestChildDay(first_start, last_end, travel,
                             static_cast<int>(rates.longest_child_day_minutes))) {
    return InvalidArgument("session_id",
                           "the child's day would be " +
                               std::to_string(ChildDayMinutes(first_start, last_end, travel)) +
                               " minutes door to door, longer than the organisation's " +
                               std::to_string(rates.longest_child_day_minutes))
        .Because(Refusal::kChildDayTooLong);
  }
  trip.depart_minute = first_start - travel;
  trip.return_minute = last_end + travel;
  return Status::Ok();
}

// The escort's trip for this child to this session: the escort's live trip
// that day to the same facility from the same home (if it has a seat for her,
// or she is aboard already, and its day, widened to this session, stays
// within a child's longest), or a new trip in the plan. One trip per escort
// per day: a trip elsewhere is refused (both rules: domain/escort_rules.h).
// `leaving_trip_id` is a trip the visit is leaving (not counted against it
// when the visit is its only one).
Result<TripChoice> ChooseTrip(Txn& txn, const PlanRow& plan, long long escort_id, long long home_id,
                              long long child_id, const VisitSessionRow& session,
                              const VisitOptions& options, long long leaving_trip_id = 0) {
  VINCULO_RETURN_IF_ERROR(vs::LockEscort(txn, escort_id));
  VINCULO_ASSIGN_OR_RETURN(
      std::vector<EscortRow> escorts,
      vs::Escorts(txn, plan.organisation_id, session.session_date, session.session_date));
  const auto escort = std::find_if(escorts.begin(), escorts.end(),
                                   [&](const EscortRow& row) { return row.id == escort_id; });
  if (escort == escorts.end())
    return InvalidArgument("escort_id", "no escort of this organisation");
  if (escort->available_dates.empty()) {
    return InvalidArgument("escort_id", "the escort is not available on " + session.session_date)
        .Because(Refusal::kEscortUnavailable);
  }
  if (escort->home_id && *escort->home_id != home_id) {
    return InvalidArgument("escort_id", "the escort does not take children from the child's home");
  }
  VINCULO_ASSIGN_OR_RETURN(VisitSettingsRow rates,
                           OrganisationVisitSettings(txn, plan.organisation_id, options));
  VINCULO_ASSIGN_OR_RETURN(std::vector<PlanTripRow> trips,
                           vs::EscortTripsOn(txn, escort_id, session.session_date));
  const TripRoute route{home_id, session.facility_id};
  for (PlanTripRow trip : trips) {
    VINCULO_ASSIGN_OR_RETURN(std::vector<long long> visit_children,
                             vs::TripVisitChildren(txn, trip.id));
    if (trip.id == leaving_trip_id && visit_children.size() <= 1) continue;
    // A child aboard already (seeing her other parent, or moving between
    // this trip's sessions) takes no second seat.
    const std::set<long long> aboard(visit_children.begin(), visit_children.end());
    const int boarding = aboard.count(child_id) ? 0 : 1;
    switch (EscortCanTake(TripRoute{trip.home_id, trip.facility_id},
                          static_cast<int>(aboard.size()), route, boarding,
                          static_cast<int>(escort->max_children))) {
      case EscortFit::kTravellingElsewhere:
        return Conflict("escort " + std::to_string(escort_id) + " already has a trip on " +
                            session.session_date + " (one trip per escort per day)",
                        "escort_id")
            .Because(Refusal::kEscortBusy);
      case EscortFit::kNoSeat:
        return Conflict("the escort's trip on " + session.session_date + " already takes " +
                            std::to_string(aboard.size()) + " children",
                        "escort_id")
            .Because(Refusal::kEscortFull);
      case EscortFit::kTakes:
        break;
    }
    // The trip's day widened to this session (a morning trip given an
    // evening session had kept its morning times and the children out longer
    // than the organisation allows).
    VINCULO_ASSIGN_OR_RETURN(TripTravel travel,
                             TravelBetween(txn, plan, home_id, session.facility_id, rates));
    const long long depart = trip.depart_minute;
    const long long back = trip.return_minute;
    const int start = static_cast<int>(session.start_minute);
    const int end = static_cast<int>(session.end_minute);
    VINCULO_RETURN_IF_ERROR(
        FitTripDay(trip, std::min(static_cast<int>(depart) + travel.minutes, start),
                   std::max(static_cast<int>(back) - travel.minutes, end), travel.minutes, rates));
    if (trip.depart_minute != depart || trip.return_minute != back) {
      VINCULO_RETURN_IF_ERROR(
          vs::SetTripTimes(txn, trip.id, trip.depart_minute, trip.return_minute));
    }
    return TripChoice{trip, false};
  }
  // A new trip.
  VINCULO_ASSIGN_OR_RETURN(TripTravel travel,
                           TravelBetween(txn, plan, home_id, session.facility_id, rates));
  PlanTripRow trip;
  trip.plan_id = plan.id;
  trip.escort_id = escort_id;
  trip.home_id = home_id;
  trip.facility_id = session.facility_id;
  trip.trip_date = session.session_date;
  trip.cost = travel.cost;
  VINCULO_RETURN_IF_ERROR(FitTripDay(trip, static_cast<int>(session.start_minute),
                                     static_cast<int>(session.end_minute), travel.minutes, rates));
  VINCULO_ASSIGN_OR_RETURN(trip, vs::InsertTrip(txn, trip));
  return TripChoice{trip, true};
}

Result<long long> ChildHome(Txn& txn, long long child_id) {
  VINCULO_ASSIGN_OR_RETURN(Record child, txn.Get(ChildKind(), child_id, Actor::System()));
  if (!child.Integer("home_id")) {
    return InvalidArgument("requirement_id", "the child has no home base to travel from");
  }
  return *child.Integer("home_id");
}

// Whether a trip has another planned visit (not `except_visit`) in a session.
// Reserves in `session_id` what the plan's visits `after` an edit take more
// than `before` it (false when the session has no room left), or releases
// what they take less. Loads count families and people as publishing does.
Result<bool> ShiftLoad(Txn& txn, const std::vector<PlanVisitRow>& before,
                       const std::vector<PlanVisitRow>& after, long long session_id,
                       const std::string& now) {
  auto load = [&](const std::vector<PlanVisitRow>& visits) {
    auto loads = visit_internal::SessionLoads(visits);
    auto found = loads.find(session_id);
    return found == loads.end() ? SessionPlaces{} : found->second;
  };
  const SessionPlaces was = load(before);
  const SessionPlaces will = load(after);
  const SessionPlaces difference{will.families - was.families, will.pairs - was.pairs,
                                 will.people - was.people};
  const SessionPlaces released{std::max(0LL, -difference.families),
                               std::max(0LL, -difference.pairs), std::max(0LL, -difference.people)};
  const SessionPlaces reserved{std::max(0LL, difference.families), std::max(0LL, difference.pairs),
                               std::max(0LL, difference.people)};
  if (released.families > 0 || released.pairs > 0 || released.people > 0) {
    VINCULO_RETURN_IF_ERROR(vs::Release(txn, session_id, released, now));
  }
  if (reserved.families > 0 || reserved.pairs > 0 || reserved.people > 0) {
    return vs::Reserve(txn, session_id, reserved, now);
  }
  return true;
}

// The plan's visits with `changed` in place of the visit of its id.
std::vector<PlanVisitRow> WithVisit(std::vector<PlanVisitRow> visits, const PlanVisitRow& changed) {
  for (PlanVisitRow& visit : visits) {
    if (visit.id == changed.id) {
      visit = changed;
      return visits;
    }
  }
  visits.push_back(changed);
  return visits;
}

Status CloseTripIfEmpty(Txn& txn, long long trip_id) {
  VINCULO_ASSIGN_OR_RETURN(long long left, vs::TripVisitCount(txn, trip_id));
  if (left == 0) return vs::SetTripStatus(txn, trip_id, TripStatus::kCancelled);
  return Status::Ok();
}

const std::set<std::string>& BroughtItems() {
  static const std::set<std::string> kItems = {"photos", "notebook", "homework", "drawings",
                                               "letters"};
  return kItems;
}

}  // namespace

Result<PlanVisitRow> VisitService::BookVisit(const Actor& actor, long long plan_id,
                                             const ManualBooking& booking) {
  PlanVisitRow stored;
  VINCULO_RETURN_IF_ERROR(context_.store->Write([&](Txn& txn) -> Status {
    VINCULO_ASSIGN_OR_RETURN(PlanRow plan, WritablePublishedPlan(txn, actor, plan_id));
    auto requirement = vs::GetRequirement(txn, booking.requirement_id);
    if (!requirement.ok() || requirement->organisation_id != plan.organisation_id) {
      return InvalidArgument("requirement_id", "no visit requirement of this organisation");
    }
    auto session = vs::GetSession(txn, booking.session_id);
    if (!session.ok()) return InvalidArgument("session_id", "no such visiting session");
    if (session->session_date.substr(0, 7) != plan.month) {
      return InvalidArgument("session_id", "the session is not in the plan's month");
    }
    VINCULO_ASSIGN_OR_RETURN(std::vector<PlanVisitRow> visits, vs::PlanVisits(txn, plan_id));
    for (const PlanVisitRow& visit : visits) {
      if (visit.status == PlannedVisitStatus::kPlanned &&
          visit.requirement_id == booking.requirement_id) {
        return Conflict("this pair already has a visit in the plan (visit " +
                            std::to_string(visit.id) + "): move it instead",
                        "requirement_id");
      }
    }
    VINCULO_RETURN_IF_ERROR(CheckPairOnSession(txn, *requirement, *session));
    VINCULO_ASSIGN_OR_RETURN(long long home_id, ChildHome(txn, requirement->child_id));
    VINCULO_ASSIGN_OR_RETURN(
        TripChoice choice, ChooseTrip(txn, plan, booking.escort_id, home_id, requirement->child_id,
                                      *session, options_));
    PlanVisitRow visit;
    visit.plan_id = plan_id;
    visit.requirement_id = requirement->id;
    visit.child_id = requirement->child_id;
    visit.parent_id = requirement->parent_id;
    visit.session_id = session->id;
    visit.trip_id = choice.trip.id;
    visit.updated_at = context_.Now();
    VINCULO_ASSIGN_OR_RETURN(bool reserved, ShiftLoad(txn, visits, WithVisit(visits, visit),
                                                      session->id, context_.Now()));
    if (!reserved) {
      return Conflict("session " + std::to_string(session->id) + " on " + session->session_date +
                          " is full",
                      "session_id")
          .Because(Refusal::kSessionFull);
    }
    VINCULO_ASSIGN_OR_RETURN(stored, vs::InsertVisit(txn, visit));
    return txn.AppendAudit(
        {Event(actor, "book", "plan_visits", stored.id, "session " + std::to_string(session->id))});
  }));
  return stored;
}

Result<PlanVisitRow> VisitService::MoveVisit(const Actor& actor, long long visit_id,
                                             long long session_id) {
  PlanVisitRow stored;
  VINCULO_RETURN_IF_ERROR(context_.store->Write([&](Txn& txn) -> Status {
    VINCULO_ASSIGN_OR_RETURN(PlanVisitRow visit, vs::GetVisit(txn, visit_id));
    auto plan = WritablePublishedPlan(txn, actor, visit.plan_id);
    if (!plan.ok()) {
      if (plan.status().code() == StatusCode::kNotFound) {
        return NotFound("no visit " + std::to_string(visit_id));
      }
      return plan.status();
    }
    if (visit.status != PlannedVisitStatus::kPlanned)
      return Conflict("the visit was cancelled", "status").Because(Refusal::kVisitCancelled);
    if (visit.session_id == session_id)
      return InvalidArgument("session_id", "is the same session").Because(Refusal::kSameSession);
    auto session = vs::GetSession(txn, session_id);
    if (!session.ok()) return InvalidArgument("session_id", "no such visiting session");
    // A plan is one month's: a visit moved into another month would be outside
    // the plan that books that month (as BookVisit refuses it too).
    if (session->session_date.substr(0, 7) != plan->month) {
      return InvalidArgument("session_id", "the session is not in the plan's month (" +
                                               plan->month + "); book it in that month's plan");
    }
    VINCULO_ASSIGN_OR_RETURN(VisitSessionRow old_session, vs::GetSession(txn, visit.session_id));
    VINCULO_ASSIGN_OR_RETURN(RequirementRow requirement,
                             vs::GetRequirement(txn, visit.requirement_id));
    VINCULO_RETURN_IF_ERROR(CheckPairOnSession(txn, requirement, *session));
    VINCULO_ASSIGN_OR_RETURN(PlanTripRow old_trip, vs::GetTrip(txn, visit.trip_id));
    VINCULO_ASSIGN_OR_RETURN(TripChoice choice,
                             ChooseTrip(txn, *plan, old_trip.escort_id, old_trip.home_id,
                                        visit.child_id, *session, options_, old_trip.id));
    // Give back what the visit took of the old session (the child's place
    // unless she stays for her other parent, the family's unless a sibling
    // stays, the escort's unless another child of the trip stays), then take
    // what it adds to the new one.
    VINCULO_ASSIGN_OR_RETURN(std::vector<PlanVisitRow> visits, vs::PlanVisits(txn, visit.plan_id));
    const long long expected = visit.version;
    visit.session_id = session_id;
    visit.trip_id = choice.trip.id;
    const std::vector<PlanVisitRow> after = WithVisit(visits, visit);
    VINCULO_RETURN_IF_ERROR(ShiftLoad(txn, visits, after, old_session.id, context_.Now()).status());
    VINCULO_ASSIGN_OR_RETURN(bool reserved,
                             ShiftLoad(txn, visits, after, session_id, context_.Now()));
    if (!reserved) {
      return Conflict("session " + std::to_string(session_id) + " on " + session->session_date +
                          " is full",
                      "session_id")
          .Because(Refusal::kSessionFull);
    }
    visit.needs_review = false;
    visit.review_reason.clear();
    visit.updated_at = context_.Now();
    VINCULO_ASSIGN_OR_RETURN(stored, vs::UpdateVisit(txn, visit, expected));
    if (old_trip.id != choice.trip.id) VINCULO_RETURN_IF_ERROR(CloseTripIfEmpty(txn, old_trip.id));
    return txn.AppendAudit(
        {Event(actor, "move", "plan_visits", visit_id,
               "session " + std::to_string(old_session.id) + " to " + std::to_string(session_id))});
  }));
  return stored;
}

Result<PlanVisitRow> VisitService::CancelVisit(const Actor& actor, long long visit_id,
                                               const std::string& reason) {
  const std::string why = Trimmed(reason);
  if (why.empty()) {
    return InvalidArgument("reason", "a cancellation needs a reason")
        .Because(Refusal::kCancellationReasonRequired);
  }
  PlanVisitRow stored;
  VINCULO_RETURN_IF_ERROR(context_.store->Write([&](Txn& txn) -> Status {
    VINCULO_ASSIGN_OR_RETURN(PlanVisitRow visit, vs::GetVisit(txn, visit_id));
    auto plan = WritablePublishedPlan(txn, actor, visit.plan_id);
    if (!plan.ok()) {
      if (plan.status().code() == StatusCode::kNotFound) {
        return NotFound("no visit " + std::to_string(visit_id));
      }
      return plan.status();
    }
    if (visit.status != PlannedVisitStatus::kPlanned)
      return Conflict("the visit was cancelled already", "status")
          .Because(Refusal::kVisitCancelled);
    VINCULO_ASSIGN_OR_RETURN(std::vector<PlanVisitRow> visits, vs::PlanVisits(txn, visit.plan_id));
    const long long expected = visit.version;
    visit.status = PlannedVisitStatus::kCancelled;
    VINCULO_RETURN_IF_ERROR(
        ShiftLoad(txn, visits, WithVisit(visits, visit), visit.session_id, context_.Now())
            .status());
    visit.needs_review = false;
    visit.review_reason = "cancelled: " + why;
    visit.updated_at = context_.Now();
    VINCULO_ASSIGN_OR_RETURN(stored, vs::UpdateVisit(txn, visit, expected));
    VINCULO_RETURN_IF_ERROR(CloseTripIfEmpty(txn, visit.trip_id));
    return txn.AppendAudit({Event(actor, "cancel", "plan_visits", visit_id, why)});
  }));
  return stored;
}

Result<PlanVisitRow> VisitService::RecordVisit(const Actor& actor, long long visit_id,
                                               const VisitRecordRequest& request) {
  if (!request.attended && Trimmed(request.absence_reason).empty()) {
    return InvalidArgument("absence_reason", "say why the visit did not happen")
        .Because(Refusal::kAbsenceReasonRequired);
  }
  for (const auto& [mood, field] : {std::pair{request.mood_before, "mood_before"},
                                    std::pair{request.mood_after, "mood_after"}}) {
    if (mood && (*mood < 1 || *mood > 5))
      return InvalidArgument(field, "must be 1 to 5").Because(Refusal::kMoodRange);
  }
  std::optional<long long> start;
  std::optional<long long> end;
  if (request.actual_start) {
    VINCULO_ASSIGN_OR_RETURN(int minute, ParseClock(*request.actual_start, "actual_start"));
    start = minute;
  }
  if (request.actual_end) {
    VINCULO_ASSIGN_OR_RETURN(int minute, ParseClock(*request.actual_end, "actual_end"));
    end = minute;
  }
  if (start && end && *end <= *start) {
    return InvalidArgument("actual_end", "must be after actual_start")
        .Because(Refusal::kEndBeforeStart);
  }
  std::string brought;
  for (const std::string& item : request.brought) {
    if (!BroughtItems().count(item)) {
      return InvalidArgument("brought", "items are photos, notebook, homework, drawings, letters");
    }
    brought += (brought.empty() ? "" : ",") + item;
  }
  if (request.note.size() > 2000)
    return InvalidArgument("note", "is longer than 2000 characters").Because(Refusal::kTextTooLong);
  PlanVisitRow stored;
  VINCULO_RETURN_IF_ERROR(context_.store->Write([&](Txn& txn) -> Status {
    VINCULO_ASSIGN_OR_RETURN(PlanVisitRow visit, vs::GetVisit(txn, visit_id));
    auto plan = WritablePublishedPlan(txn, actor, visit.plan_id, /*caregivers_too=*/true);
    if (!plan.ok()) {
      if (plan.status().code() == StatusCode::kNotFound) {
        return NotFound("no visit " + std::to_string(visit_id));
      }
      return plan.status();
    }
    if (!Allows(actor.role, Permission::kRecordVisits)) {
      return Forbidden("the escort or a coordinator records a visit");
    }
    if (actor.role == Role::kCaregiver) {
      VINCULO_ASSIGN_OR_RETURN(PlanTripRow trip, vs::GetTrip(txn, visit.trip_id));
      std::map<long long, bool> known;
      VINCULO_ASSIGN_OR_RETURN(bool own, IsOwnTrip(txn, actor, trip.escort_id, known));
      if (!own) return NotFound("no visit " + std::to_string(visit_id));
    }
    if (visit.status != PlannedVisitStatus::kPlanned)
      return Conflict("the visit was cancelled", "status").Because(Refusal::kVisitCancelled);
    if (request.expected_version && *request.expected_version != visit.version) {
      return Status(StatusCode::kPreconditionFailed,
                    "the visit was changed by someone else since version " +
                        std::to_string(*request.expected_version));
    }
    VINCULO_ASSIGN_OR_RETURN(VisitSessionRow session, vs::GetSession(txn, visit.session_id));
    if (session.session_date > FormatDate(context_.Today())) {
      return InvalidArgument("attended", "the visit is on " + session.session_date +
                                             ": record it on the day or after")
          .Because(Refusal::kRecordedTooEarly);
    }
    const long long expected = visit.version;
    visit.attended = request.attended;
    visit.absence_reason = request.attended ? std::string() : Trimmed(request.absence_reason);
    visit.actual_start_minute = start;
    visit.actual_end_minute = end;
    visit.brought = brought;
    visit.note = Trimmed(request.note);
    visit.mood_before = request.mood_before;
    visit.mood_after = request.mood_after;
    visit.updated_at = context_.Now();
    VINCULO_ASSIGN_OR_RETURN(stored, vs::UpdateVisit(txn, visit, expected));
    // The pair's last visit is its latest visit recorded as attended, read
    // back after this record: a visit re-recorded as not attended no longer
    // counts (none left: NULL). The pair's row is locked first: records of two
    // of its visits in two months' plans (two plans' locks) then take turns
    // here, and the second reads the first's visit once it is committed.
    VINCULO_RETURN_IF_ERROR(LockRow(txn, "visit_requirements", visit.requirement_id));
    VINCULO_ASSIGN_OR_RETURN(RequirementRow requirement,
                             vs::GetRequirement(txn, visit.requirement_id));
    VINCULO_ASSIGN_OR_RETURN(std::optional<std::string> last_visit_on,
                             vs::LatestAttendedOn(txn, visit.requirement_id));
    if (requirement.last_visit_on != last_visit_on) {
      const long long version = requirement.version;
      requirement.last_visit_on = last_visit_on;
      VINCULO_RETURN_IF_ERROR(
          vs::UpdateRequirement(txn, requirement, version, context_.Now()).status());
    }
    return txn.AppendAudit({Event(actor, "record", "plan_visits", visit_id,
                                  request.attended ? "attended" : "not attended")});
  }));
  return stored;
}

Result<long long> VisitService::FlagParentVisits(const Actor& actor, long long parent_id,
                                                 const std::string& reason) {
  long long flagged = 0;
  VINCULO_RETURN_IF_ERROR(context_.store->Write([&](Txn& txn) -> Status {
    VINCULO_RETURN_IF_ERROR(txn.Get(ParentKind(), parent_id, actor).status());
    VINCULO_ASSIGN_OR_RETURN(std::vector<PlanVisitRow> visits,
                             vs::ParentVisitsFrom(txn, parent_id, FormatDate(context_.Today())));
    std::vector<long long> sessions;
    for (const PlanVisitRow& visit : visits) sessions.push_back(visit.session_id);
    for (PlanVisitRow visit : visits) {
      const long long expected = visit.version;
      visit.needs_review = true;
      visit.review_reason = reason;
      visit.updated_at = context_.Now();
      VINCULO_RETURN_IF_ERROR(vs::UpdateVisit(txn, visit, expected).status());
      ++flagged;
    }
    return txn.AppendAudit({Event(actor, "flag", "parents", parent_id,
                                  std::to_string(flagged) + " visits: " + reason)});
  }));
  return flagged;
}

}  // namespace vinculo
