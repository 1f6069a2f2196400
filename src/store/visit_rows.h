// Rows of the visit programme's tables (migration 5) as the store reads and
// writes them: session templates, exclusions, materialised sessions with their
// booked counters, requirements, escorts, route overrides and stored plans.
// Plain value types; dates are ISO text as stored, times minutes after midnight.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/family.h"
#include "domain/visit_rules.h"

namespace vinculo {

struct SessionTemplateRow {
  long long id = 0;
  long long version = 1;
  long long facility_id = 0;
  std::optional<long long> space_id;
  std::string pattern;  // RecurrenceKindName
  long long interval = 1;
  long long weekday = 1;
  long long nth = 1;
  long long month_day = 1;
  std::string anchor_date;
  std::string valid_from;
  std::optional<std::string> valid_to;
  long long start_minute = 0;
  long long end_minute = 0;
  long long capacity_families = 0;  // places, counted in capacity_unit
  long long capacity_people = 0;
  std::string capacity_unit = "families";  // families | pairs | people
  std::string wing;  // women | men | any
  long long created_by = 0;
  std::string created_at;
};

// A date a facility (template_id absent) or one template receives no visits.
struct VisitExclusionRow {
  long long id = 0;
  long long facility_id = 0;
  std::optional<long long> template_id;
  std::string excluded_on;
  std::string reason;
  long long created_by = 0;
  std::string created_at;
};

// What visits take of a session: families (an imprisoned parent with all her
// children visiting her there), pairs (child-parent visits) and people
// (children and escorts present). A session's places count one of the first
// three, its capacity_unit; its people are always counted as well.
struct SessionPlaces {
  long long families = 0;
  long long pairs = 0;
  long long people = 0;
};

struct VisitSessionRow {
  long long id = 0;
  long long version = 1;
  long long facility_id = 0;
  std::optional<long long> space_id;
  long long template_id = 0;
  std::string session_date;
  long long start_minute = 0;
  long long end_minute = 0;
  long long capacity_families = 0;  // places, counted in capacity_unit
  long long capacity_people = 0;
  std::string capacity_unit = "families";  // families | pairs | people
  long long booked_families = 0;           // places taken, in capacity_unit
  long long booked_people = 0;
  std::string wing;
  VisitSessionStatus status = VisitSessionStatus::kOpen;
  std::string blocked_reason;
};

struct RequirementRow {
  long long id = 0;
  long long version = 1;
  long long organisation_id = 0;
  long long child_id = 0;
  long long parent_id = 0;
  std::string frequency = "monthly";  // weekly | fortnightly | monthly | every_two_months
  double weight = 1.0;
  std::optional<std::string> banned_until;
  bool no_contact = false;
  std::optional<std::string> last_visit_on;
};

// A linked child and parent of an organisation with what planning needs of both.
struct PairSourceRow {
  long long child_id = 0;
  long long parent_id = 0;
  std::optional<long long> home_id;
  long long facility_id = 0;
  std::string parent_sex;
  CustodyStatus custody_status = CustodyStatus::kIncarcerated;
  std::optional<std::string> expected_release_date;
  std::optional<std::string> released_on;
  std::optional<double> home_latitude;
  std::optional<double> home_longitude;
};

struct EscortRow {
  long long id = 0;
  long long organisation_id = 0;
  long long staff_id = 0;
  long long max_children = 4;
  std::optional<long long> home_id;  // the staff member's home, if any
  std::string name;                  // the staff member's names
  std::vector<std::string> available_dates;
};

struct PlacePoint {
  long long id = 0;
  std::string name;
  std::optional<double> latitude;
  std::optional<double> longitude;
};

struct RouteOverrideRow {
  long long id = 0;
  long long home_id = 0;
  long long facility_id = 0;
  long long travel_minutes = 0;
  double cost = 0;
};

// An organisation's travel rates for great-circle estimates (migration 8).
// Without a stored row the service fills in the installation defaults with
// `stored` false and version 1.
struct VisitSettingsRow {
  long long organisation_id = 0;
  long long version = 1;
  double travel_speed_kmh = 60.0;
  double cost_per_km = 0.5;  // in the organisation's currency, each way
  // Migration 18 (issue 19): no planned visit starts sooner than this after
  // the plan is built, and a trip carrying children is back within a child's
  // longest day (door to door).
  long long notice_hours = 24;
  long long longest_child_day_minutes = 600;
  bool stored = false;
  std::optional<long long> updated_by;
  std::optional<std::string> updated_at;
};

struct PlanRow {
  long long id = 0;
  long long version = 1;
  long long organisation_id = 0;
  std::string month;   // YYYY-MM
  VisitPlanStatus status = VisitPlanStatus::kDraft;
  double coverage = 0;
  double bound = 0;
  double gap = 0;
  bool proven_optimal = false;
  double travel_cost = 0;
  double solve_seconds = 0;
  double baseline_coverage = 0;
  long long baseline_visits = 0;
  long long baseline_trips = 0;
  double baseline_travel_cost = 0;
  std::string note;
  long long created_by = 0;
  std::string created_at;
  std::optional<long long> published_by;
  std::optional<std::string> published_at;
};

struct PlanTripRow {
  long long id = 0;
  long long plan_id = 0;
  long long escort_id = 0;
  long long home_id = 0;
  long long facility_id = 0;
  std::string trip_date;
  long long depart_minute = 0;
  long long return_minute = 0;
  double cost = 0;
  TripStatus status = TripStatus::kPlanned;
};

struct PlanVisitRow {
  long long id = 0;
  long long version = 1;
  long long plan_id = 0;
  long long requirement_id = 0;
  long long child_id = 0;
  long long parent_id = 0;
  long long session_id = 0;
  long long trip_id = 0;
  PlannedVisitStatus status = PlannedVisitStatus::kPlanned;
  bool needs_review = false;
  std::string review_reason;
  std::optional<bool> attended;
  std::string absence_reason;
  std::optional<long long> actual_start_minute;
  std::optional<long long> actual_end_minute;
  std::string brought;  // comma-separated: photos, notebook, homework
  std::string note;
  std::optional<long long> mood_before;  // 1..5
  std::optional<long long> mood_after;
  std::string updated_at;
};

// A visit of a published plan with where and when it happens (a child's list).
struct ChildVisitRow {
  PlanVisitRow visit;
  std::string plan_month;  // YYYY-MM
  std::string session_date;
  long long start_minute = 0;
  long long end_minute = 0;
  long long facility_id = 0;
  std::string facility_name;
};

// A coordinator's decision that a requirement's child goes, or not, apart from
// her siblings visiting the same parent in one month's plans (issue 19).
struct SiblingSplitRow {
  long long id = 0;
  long long organisation_id = 0;
  long long requirement_id = 0;
  long long child_id = 0;   // of the requirement
  long long parent_id = 0;  // of the requirement
  std::string month;        // YYYY-MM
  std::string reason;
  long long created_by = 0;
  std::string created_at;
};

struct PlanUnscheduledRow {
  long long id = 0;
  long long plan_id = 0;
  long long requirement_id = 0;
  long long child_id = 0;
  long long parent_id = 0;
  std::string reason;
  // Migration 18: a row with visits_planned > 0 is a pair given fewer visits
  // than its frequency wants (visits_wanted); detail names the dates lost and why.
  long long visits_planned = 0;
  long long visits_wanted = 1;
  std::string detail;
};

}  // namespace vinculo
