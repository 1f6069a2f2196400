// The monthly visit planner (issue 4): a pure function from an instance to a
// plan. No store, no clock, no I/O: the service layer builds the Instance from
// the database (sessions materialised for the month, escorts, requirements,
// travel routes) and stores the Plan; tests and benchmarks build instances in
// memory. Three entry points share the same types:
//   SolvePlan          the optimising planner (COIN-OR CBC on a mixed-integer model,
//                      decomposed into independent parts, with a time limit);
//   PlanFirstCome      the first-come baseline (requests in order, each given the
//                      earliest session with room), so improvement is measured;
//   CheckPlan          an independent checker of the hard rules, used by the tests
//                      on every plan either planner produces.
//
// Vocabulary (docs/domain.md): a *pair* is one child and one imprisoned parent
// who should see each other this month; a *session* is one dated occurrence of a
// facility's visiting template; an *escort* is a caregiver who can take children
// on a *trip*: one escort, one home base, one facility, one date.
#pragma once

#include <string>
#include <vector>

#include "common/date.h"
#include "domain/session_capacity.h"
#include "domain/visit_eligibility.h"
#include "domain/visit_rules.h"

namespace vinculo::planner {

// The wing a session serves, matched against the imprisoned parent's wing
// by the domain's rule (`WingServes`, domain/visit_rules.h).
using Wing = ::vinculo::Wing;

// What a session's places count (families, pairs or people): the domain's
// unit, `domain/session_capacity.h`, where the rule that counts them lives.
using CapacityUnit = ::vinculo::CapacityUnit;

struct Session {
  long long id = 0;
  long long facility_id = 0;
  Date date;
  int start_minute = 0;  // minutes after midnight, local time of the facility
  int end_minute = 0;
  int capacity_families = 0;  // places the session can take, counted in `capacity_unit`
  int capacity_people = 0;    // children plus escorts present in the session
  Wing wing = Wing::kAny;
  CapacityUnit capacity_unit = CapacityUnit::kFamilies;
};

// A place children live and trips start from (a care organisation's family
// home, relatives' home). Coordinates are only used by the caller to derive routes.
struct HomeBase {
  long long id = 0;
};

struct Escort {
  long long id = 0;
  std::vector<long long> home_base_ids;  // bases this escort can take children from
  std::vector<Date> available_dates;     // the only dates this escort can travel
  int max_children = 4;                  // children per trip
};

// Travel between a home base and a facility, one way.
struct Route {
  long long home_base_id = 0;
  long long facility_id = 0;
  int travel_minutes = 0;
  double cost = 0;  // per trip, both ways, in the organisation's currency
};

struct Pair {
  long long id = 0;  // the visit requirement's id
  long long child_id = 0;
  long long parent_id = 0;
  long long facility_id = 0;  // where the parent is held this month
  Wing parent_wing = Wing::kAny;
  long long home_base_id = 0;  // where the child lives
  double priority = 1.0;       // weight in the objective (> 0)
  // A restriction in force this month (ban, no-contact order): never scheduled.
  bool restricted = false;
  std::vector<Date> child_unavailable;  // school exams, health, court
  // Children who share a parent share a sibling group (0: none). The children
  // of one sibling group visiting one parent from one home base are a family:
  // they go together (one session, one trip) or none goes, and a family left
  // out has one reason for all its pairs (issue 19).
  long long sibling_group = 0;
  // A coordinator split this child from her siblings on purpose (recorded by
  // the service): she goes, or not, on her own.
  bool apart = false;
  // Frequency (issue 19): the visits this plan should give the pair (the
  // frequency's visits in the month less those already made; 0: not due this
  // month), the fewest days between two of its visits (at least one day when
  // it wants more than one), and the days it was already visited (this month's,
  // and the previous month's last), which the interval counts too.
  int visits_wanted = 1;
  int min_interval_days = 0;
  std::vector<Date> visited_on;
  // Position in the first-come queue (lower asks first). Only PlanFirstCome reads it.
  long long requested_order = 0;
};

struct Settings {
  // A trip leaves the home base no earlier and is back no later (the
  // domain's travelling hours, domain/visit_eligibility.h).
  int day_start_minute = TravellingHours{}.first_minute;
  int day_end_minute = TravellingHours{}.last_minute;
  // A child's longest day, door to door: a trip carrying children is back at
  // the home base at most this long after it left (issue 19: about 10 hours).
  int longest_child_day_minutes = 10 * 60;
  double time_limit_seconds = 20;
  // Objective weights, in order of importance: pairs visited (times priority)
  // dominate; then siblings together and a child's two parents on one day
  // (issue 19: worth more than a trip saved, so a family is not split to save
  // one); then fewer trips; then lower travel cost.
  double trip_penalty = 0.01;
  double cost_penalty_per_unit = 0.0001;
  double sibling_bonus = 0.02;  // per sibling beyond the first, in one session
  // Rewards a child whose two imprisoned parents are in the same facility
  // seeing both on the same day (one trip instead of two).
  double same_day_bonus = 0.02;
  // The most CBC may spend on each part for fewer trips and lower cost once
  // its coverage is settled (issue 19: a quarter second left trips wasted).
  double trips_stage_seconds = 2.0;
  // Threads used to solve independent parts at once (the machine has 2 cores).
  int threads = 2;
  // No visit starts before this moment (the time the plan is built plus the
  // organisation's notice); the default (1970-01-01) sets no limit.
  Date not_before_date;
  int not_before_minute = 0;  // minutes after midnight on not_before_date
};

struct Instance {
  int year = 0;
  int month = 0;
  std::vector<Session> sessions;
  std::vector<Escort> escorts;
  std::vector<Route> routes;
  std::vector<Pair> pairs;
  Settings settings;
};

enum class UnscheduledReason {
  kRestriction,         // a ban or no-contact order is in force
  kNoSessionThisMonth,  // the parent's facility has no session for the wing this month
  kChildUnavailable,    // every session falls on a date the child cannot go
  kNoEscort,            // no escort can take the child on any session date
  kNoRoute,             // no route from the child's home base to the facility
  kCapacity,            // sessions and escorts existed but were used by higher-value visits
  kNotice,              // every session left starts before the notice period ends
  kFamilyTooLarge,      // no escort free on a session date has a seat for every sibling
  kNotDue,              // the pair's frequency asks for no visit this month
  kMinInterval,         // every session left is too soon after the pair's last visit
  kLongestChildDay,     // every trip there would keep the child away longer than her longest day
};
const char* UnscheduledReasonName(UnscheduledReason reason);  // "no_escort"

struct Trip {
  int id = 0;  // index in Plan::trips
  long long escort_id = 0;
  long long home_base_id = 0;
  long long facility_id = 0;
  Date date;
  int depart_minute = 0;  // leaves the home base
  int return_minute = 0;  // back at the home base
  double cost = 0;
};

struct Visit {
  long long pair_id = 0;
  long long session_id = 0;
  int trip_id = 0;  // index in Plan::trips
};

// A pair given fewer visits than it wants, and why: in `unscheduled` when it
// has none, in `short_of_wanted` when it has some but fewer (issue 19: a
// weekly pair with 2 of its 4 visits says why the other two are missing).
// `detail` names the dates: "no escort free on 2026-12-12, 2026-12-19".
struct Unscheduled {
  long long pair_id = 0;
  UnscheduledReason reason = UnscheduledReason::kCapacity;
  int visits = 0;  // visits the plan gives the pair
  int wanted = 1;  // the pair's visits_wanted
  std::string detail;
};

struct Plan {
  std::vector<Visit> visits;
  std::vector<Trip> trips;
  std::vector<Unscheduled> unscheduled;
  std::vector<Unscheduled> short_of_wanted;
  // Quality figures. `coverage` is the sum of priorities of visited pairs;
  // `bound` is the solver's proven upper bound on coverage (equal to coverage
  // for the baseline's own report only when it is optimal by construction).
  double coverage = 0;
  double bound = 0;
  double gap = 0;  // (bound - coverage) / bound, 0 when proven optimal
  bool proven_optimal = false;
  double travel_cost = 0;
  int parts = 0;  // independent sub-problems solved
  double solve_seconds = 0;
  // When coverage was settled in every part (proven optimal, or its search
  // given up): the rest of solve_seconds went to fewer trips and lower cost.
  double coverage_seconds = 0;
};

Plan SolvePlan(const Instance& instance);
Plan PlanFirstCome(const Instance& instance);

// One broken hard rule, in words a coordinator can read.
struct Violation {
  std::string rule;  // "session_capacity_families", "escort_one_trip_per_day", ...
  std::string detail;
};
// Checks every hard rule (session capacity in its unit and in people, seats
// and people counted per child and escort, the notice period, escort
// availability and one trip per escort per day, children per escort, trip fits
// the day, wing, restrictions, child unavailable dates, visit/session/trip
// consistency, each pair at most its visits wanted and never two visits closer
// than its interval, siblings visiting one parent together
// or not at all) without sharing code with the planners.
std::vector<Violation> CheckPlan(const Instance& instance, const Plan& plan);

}  // namespace vinculo::planner
