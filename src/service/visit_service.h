// VisitService: the visit programme (issue 4) for a signed-in Actor. Visiting
// session templates and their dated sessions (materialised per month), dates a
// prison blocks, visit requirements per child and imprisoned parent, escorts
// and routes, and the month's plan: built from the database into a
// planner::Instance, solved by planner::SolvePlan beside the first-come
// baseline, stored as a draft, then published by reserving session capacity
// with a conditional UPDATE per session (never above capacity, even when two
// coordinators publish at once). Published visits can be booked, moved or
// cancelled by hand under the same hard rules, and recorded after the day.
//
// Scope: a facility's templates, sessions and blocks are written by its visits
// officers and administrators; sessions are read by them and by the staff of
// any care organisation (they are not case records), and the visitor list of a
// session only by the facility's staff. Requirements, escorts, routes and plans
// belong to one organisation: its coordinators (and administrators) write, its
// social workers and caregivers read; anyone else gets kNotFound. Every write
// is one transaction with its audit event; refused input changes nothing.
// Thread-safe: holds no mutable state of its own.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/visit_rules.h"
#include "service/context.h"
#include "store/visit_rows.h"

namespace vinculo {

struct VisitOptions {
  // Installation defaults for an organisation that has not set its own travel
  // rates (visit_settings, migration 8); route overrides win over both.
  double speed_kmh = 60.0;   // great-circle travel speed
  double cost_per_km = 0.5;  // in the organisation's currency, each way
  double time_limit_seconds = 20.0;
  int default_max_children = 4;
  // Installation defaults for an organisation without its own (visit_settings,
  // migration 18): no planned visit starts before the plan is built plus this
  // notice, and a child's day, door to door, is at most this long.
  int notice_hours = kDefaultVisitNoticeHours;
  int longest_child_day_minutes = kDefaultLongestChildDayMinutes;
};

struct TemplateRequest {
  long long facility_id = 0;
  std::optional<long long> space_id;
  std::string pattern = "weekly";  // weekly | monthly_nth_weekday | monthly_day | every_n_days
  int interval = 1;
  int weekday = 1;  // 1 = Monday .. 7 = Sunday
  int nth = 1;
  int month_day = 1;
  std::optional<std::string> anchor_date;  // default: valid_from
  std::string valid_from;
  std::optional<std::string> valid_to;
  std::string start_time;  // HH:MM
  std::string end_time;
  long long capacity_families = 0;  // places, counted in capacity_unit
  long long capacity_people = 0;
  std::string capacity_unit = "families";  // families | pairs | people
  std::string wing = "any";                // women | men | any
  std::vector<std::string> exclusion_dates;
};

struct ExclusionRequest {
  std::optional<long long> template_id;  // absent: the whole facility
  std::string date;
  std::string reason;
};

struct BlockRequest {
  std::string date;
  std::string reason;
};

struct BlockResult {
  std::vector<long long> session_ids;
  long long flagged_visits = 0;
};

// One family expected at a session: the list at the prison's special entrance.
struct Visitor {
  long long visit_id = 0;
  long long child_id = 0;
  std::string pseudonym;
  std::optional<std::string> child_name;  // for roles that see case records
  long long parent_id = 0;
  std::string parent_name;
  long long escort_id = 0;
  std::string escort_name;
  bool needs_review = false;  // e.g. the parent was transferred or released (issue 15)
  std::string review_reason;
};

struct RequirementChange {
  std::optional<std::string> frequency;
  std::optional<double> weight;
  std::optional<std::string> banned_until;  // "" clears the ban
  std::optional<bool> no_contact;
};

struct EscortRequest {
  long long staff_id = 0;
  std::optional<long long> max_children;  // default 4
  std::vector<std::string> available_dates;
};

struct RouteRequest {
  long long home_id = 0;
  long long facility_id = 0;
  long long travel_minutes = 0;
  double cost = 0;
};

// A stored plan with everything in it. `notes` explain an empty or partial
// plan in words ("no open visiting session in 2026-12 at ...").
// One home's or one facility's share of a plan (issue 19): the pairs given a
// visit, those given fewer than their frequency wants, and those who wait
// (given none though due: not those not due this month nor whose parent was
// released).
struct PlanPairRef {
  long long requirement_id = 0;
  long long child_id = 0;
  long long parent_id = 0;
};
struct PlanGroupFigures {
  long long id = 0;  // the home's or the facility's id (0: a child with no home)
  long long visits = 0;
  std::vector<PlanPairRef> visited;
  std::vector<PlanPairRef> short_of_frequency;
  std::vector<PlanPairRef> waiting;
};

struct PlanView {
  PlanRow plan;
  std::vector<PlanTripRow> trips;
  std::vector<PlanVisitRow> visits;
  std::vector<PlanUnscheduledRow> unscheduled;  // pairs the plan gives no visit
  // Pairs given some visits but fewer than their frequency wants, each with
  // the reason and the dates lost (issue 19).
  std::vector<PlanUnscheduledRow> short_of_frequency;
  std::vector<std::string> notes;
  // Per home (where the children live) and per facility (where the parents
  // are held), by id; and the trips the plan saves against the first-come
  // baseline (its live trips fewer than the baseline's; negative: more).
  std::vector<PlanGroupFigures> by_home;
  std::vector<PlanGroupFigures> by_facility;
  long long trips_saved = 0;
};

struct ManualBooking {
  long long requirement_id = 0;
  long long session_id = 0;
  long long escort_id = 0;
};

struct VisitRecordRequest {
  bool attended = false;
  std::string absence_reason;               // required when not attended
  std::optional<std::string> actual_start;  // HH:MM
  std::optional<std::string> actual_end;
  std::vector<std::string> brought;  // photos | notebook | homework
  std::string note;
  // 1..5; wide so that an out-of-range number from a request is refused, not cut.
  std::optional<long long> mood_before;
  std::optional<long long> mood_after;
  // The visit's version the record was written against (If-Match, optional):
  // when the visit has changed since, kPreconditionFailed and nothing is
  // written (issue 16: a record queued offline never overwrites a newer one).
  std::optional<long long> expected_version;
};

// A visit on a child's page: the published visit with its session and
// facility, and the parent's names as visitor lists show them.
struct ChildVisit {
  ChildVisitRow row;
  std::string parent_name;
  // planned | cancelled | recorded (a planned visit with its record). A moved
  // visit stays planned at its new session; the move is in the audit log.
  std::string status;
};

// One pair's distance from the child's home to the parent's facility.
struct PairDistance {
  long long requirement_id = 0;
  long long child_id = 0;
  long long parent_id = 0;
  std::optional<long long> home_id;
  long long facility_id = 0;
  std::optional<double> km;  // absent without coordinates at both ends
  std::optional<int> travel_minutes;
  // Round trip: the route override's cost, else 2 x km x cost_per_km.
  std::optional<double> travel_cost;
  bool far = false;  // over 160 km (100 miles)
};

struct DistanceReport {
  long long organisation_id = 0;
  std::string month;
  std::vector<PairDistance> pairs;
  long long far_pairs = 0;
  double average_km = 0;  // over the pairs with a distance
  // Trip costs of the month's published plan, else of its latest draft.
  double monthly_travel_cost = 0;
  long long trips = 0;
  std::string cost_basis;  // published | draft | none
  // The organisation's rates the estimates were computed with.
  double travel_speed_kmh = 0;
  double cost_per_km = 0;
};

// The rates a PUT sets; both are required at the HTTP edge.
struct VisitSettingsChange {
  double travel_speed_kmh = 0;
  double cost_per_km = 0;
  // Absent: unchanged (issue 19).
  std::optional<long long> notice_hours;
  std::optional<double> longest_child_day_hours;
};

// Refusal limits for an organisation's travel rates: no road trip averages
// more than this, and a cost per km above this is a typing error.
inline constexpr double kMaxTravelSpeedKmh = 200.0;
inline constexpr double kMaxCostPerKm = 1000.0;
// A notice longer than the shortest month leaves no session to plan; a
// child's longest day is more than nothing and at most a whole day.
inline constexpr long long kMaxNoticeHours = 28 * 24;
inline constexpr double kMaxLongestChildDayHours = 24.0;

class VisitService {
 public:
  explicit VisitService(ServiceContext context, VisitOptions options = {})
      : context_(context), options_(options) {}

  // kInvalidArgument naming the field (end_time before start_time, capacity
  // zero or negative, a bad pattern or date); kNotFound for a facility the
  // actor cannot manage; kForbidden for other roles.
  Result<SessionTemplateRow> CreateTemplate(const Actor& actor, const TemplateRequest& request);
  Result<std::vector<SessionTemplateRow>> Templates(const Actor& actor, long long facility_id);
  Result<VisitExclusionRow> AddExclusion(const Actor& actor, long long facility_id,
                                         const ExclusionRequest& request);
  // The facility's sessions of a month ("YYYY-MM"), materialised first.
  Result<std::vector<VisitSessionRow>> Sessions(const Actor& actor, long long facility_id,
                                                const std::string& month);
  // Blocks the facility's sessions on a date and flags their visits for review.
  Result<BlockResult> BlockDate(const Actor& actor, long long facility_id,
                                const BlockRequest& request);
  Result<std::vector<Visitor>> SessionVisitors(const Actor& actor, long long session_id);

  // Creates the missing requirements (default monthly, weight 1) for every
  // linked pair of the organisation's children; returns all of them.
  Result<std::vector<RequirementRow>> GenerateRequirements(const Actor& actor,
                                                           long long organisation_id);
  Result<std::vector<RequirementRow>> Requirements(const Actor& actor, long long organisation_id);
  // Records that the requirement's child goes apart from her siblings visiting
  // the same parent in `month`'s plans (issue 19: otherwise they go together or
  // not at all). Coordinators and administrators; audited. kInvalidArgument
  // naming month or reason; kConflict naming month when already split.
  Result<SiblingSplitRow> SplitSiblings(const Actor& actor, long long requirement_id,
                                        const std::string& month, const std::string& reason);
  Result<RequirementRow> ChangeRequirement(const Actor& actor, long long requirement_id,
                                           const RequirementChange& change,
                                           long long expected_version);
  Status AddUnavailableDates(const Actor& actor, long long child_id,
                             const std::vector<std::string>& dates, const std::string& reason);

  Result<EscortRow> SetEscort(const Actor& actor, long long organisation_id,
                              const EscortRequest& request);
  // The organisation's escorts (staff record, home, maximum of children) with
  // their available dates in `month` (YYYY-MM, kInvalidArgument naming
  // "month" otherwise). Those who read the programme see every escort; a
  // caregiver only her own (none when she is linked to no staff record).
  Result<std::vector<EscortRow>> Escorts(const Actor& actor, long long organisation_id,
                                         const std::string& month);
  Result<RouteOverrideRow> SetRoute(const Actor& actor, long long organisation_id,
                                    const RouteRequest& request);
  // The organisation's route overrides (one per home and facility), oldest
  // first: readers of the organisation's programme; kNotFound for another.
  Result<std::vector<RouteOverrideRow>> RouteOverrides(const Actor& actor,
                                                       long long organisation_id);

  // Builds, solves and stores the month's draft plan. A month without sessions
  // gives an empty plan with reasons, not an error.
  Result<PlanView> BuildPlan(const Actor& actor, long long organisation_id,
                             const std::string& month);
  Result<PlanView> GetPlan(const Actor& actor, long long plan_id);
  Result<std::vector<PlanRow>> Plans(const Actor& actor, long long organisation_id);
  // kConflict when the plan is not a draft any more, when the month already has
  // a published plan, or when a session has no room left (nothing is reserved).
  Result<PlanView> PublishPlan(const Actor& actor, long long plan_id);

  // Adds a visit to a published plan by hand; kConflict naming session_id (full
  // or blocked) or escort_id (another trip that day, or the trip is full);
  // kInvalidArgument for a restriction or an unavailable date.
  Result<PlanVisitRow> BookVisit(const Actor& actor, long long plan_id,
                                 const ManualBooking& booking);
  Result<PlanVisitRow> MoveVisit(const Actor& actor, long long visit_id, long long session_id);
  Result<PlanVisitRow> CancelVisit(const Actor& actor, long long visit_id,
                                   const std::string& reason);
  Result<PlanVisitRow> RecordVisit(const Actor& actor, long long visit_id,
                                   const VisitRecordRequest& request);
  // A child's visits in published plans, newest session first
  // (service/child_visits.cc). Readers of the child's organisation's
  // programme who can read the child; a caregiver sees only the visits on her
  // own trips. kForbidden for auditors (figures only) and for roles outside
  // the visit programme; kNotFound for a child the actor cannot see,
  // including another organisation's.
  Result<std::vector<ChildVisit>> ChildVisits(const Actor& actor, long long child_id);
  // Each pair's distance (great circle from the child's home to the parent's
  // facility; route overrides give the travel time), pairs over 160 km
  // flagged, and the month's travel cost. Readers of the organisation.
  Result<DistanceReport> Distances(const Actor& actor, long long organisation_id,
                                   const std::string& month);

  // The organisation's travel rates (service/visit_settings.cc): the stored
  // ones, or the installation defaults (`stored` false, version 1). Readers of
  // the organisation's programme; kNotFound for another organisation.
  Result<VisitSettingsRow> Settings(const Actor& actor, long long organisation_id);
  // Replaces them if their version is `expected_version`: coordinators and
  // administrators of the organisation. kInvalidArgument naming
  // travel_speed_kmh (not above 0, or above 200) or cost_per_km (negative, or
  // above 1000); kPreconditionFailed when someone else wrote first; kNotFound
  // for another organisation; kForbidden for its readers. Plans built and
  // distances read afterwards use the new rates; stored plans keep theirs.
  Result<VisitSettingsRow> ChangeSettings(const Actor& actor, long long organisation_id,
                                          const VisitSettingsChange& change,
                                          long long expected_version);

  // iCalendar feeds (text/calendar): an escort's published trips, for the
  // organisation's readers; a facility's sessions of this month and the next
  // two with their bookings, for the facility's staff.
  Result<std::string> EscortCalendar(const Actor& actor, long long escort_id);
  Result<std::string> FacilityCalendar(const Actor& actor, long long facility_id);

  // Flags the published visits of a parent from `from` on (after a transfer or
  // a release); returns how many.
  Result<long long> FlagParentVisits(const Actor& actor, long long parent_id,
                                     const std::string& reason);

 private:
  AuditEvent Event(const Actor& actor, const char* action, const char* kind, long long id,
                   std::string detail = {}) const;

  ServiceContext context_;
  VisitOptions options_;
};

// "YYYY-MM" -> its first and last day; kInvalidArgument naming `field`.
Result<std::pair<Date, Date>> ParseMonth(const std::string& month, const std::string& field);

}  // namespace vinculo
