// The visit programme's plans, their trips and visits (migration 5), and
// the reads of a published plan: a session's visits, an escort's trips, a
// child's visits. See store/visit_store.h. Split from visit_store.cc.
#include <soci/soci.h>

#include "store/sql_util.h"
#include "store/visit_store.h"
#include "store/visit_store_internal.h"

namespace vinculo::visit_store {
using internal::Execute;
using internal::ForRows;
using internal::InList;
using internal::InsertReturningId;
using internal::KeepRow;
using store_internal::GetDouble;
using store_internal::GetInteger;
using store_internal::GetOptionalInteger;
using store_internal::GetOptionalText;
using store_internal::GetText;
using store_internal::Params;
using store_internal::ReadEnum;

namespace {

constexpr const char* kPlanColumns =
    "id, version, organisation_id, month, status, coverage, bound, gap, proven_optimal, "
    "travel_cost, solve_seconds, baseline_coverage, baseline_visits, baseline_trips, "
    "baseline_travel_cost, note, created_by, created_at, published_by, published_at";

Result<PlanRow> ReadPlan(const soci::row& row) {
  PlanRow p;
  p.id = GetInteger(row, 0);
  p.version = GetInteger(row, 1);
  p.organisation_id = GetInteger(row, 2);
  p.month = GetText(row, 3);
  VINCULO_ASSIGN_OR_RETURN(p.status, ReadEnum(row, 4, ParseVisitPlanStatus, "plans.status"));
  p.coverage = GetDouble(row, 5);
  p.bound = GetDouble(row, 6);
  p.gap = GetDouble(row, 7);
  p.proven_optimal = GetInteger(row, 8) != 0;
  p.travel_cost = GetDouble(row, 9);
  p.solve_seconds = GetDouble(row, 10);
  p.baseline_coverage = GetDouble(row, 11);
  p.baseline_visits = GetInteger(row, 12);
  p.baseline_trips = GetInteger(row, 13);
  p.baseline_travel_cost = GetDouble(row, 14);
  p.note = GetText(row, 15);
  p.created_by = GetInteger(row, 16);
  p.created_at = GetText(row, 17);
  p.published_by = GetOptionalInteger(row, 18);
  p.published_at = GetOptionalText(row, 19);
  return p;
}

constexpr const char* kTripColumns =
    "id, plan_id, escort_id, home_id, facility_id, trip_date, depart_minute, return_minute, cost, "
    "status";

Result<PlanTripRow> ReadTrip(const soci::row& row) {
  PlanTripRow t;
  t.id = GetInteger(row, 0);
  t.plan_id = GetInteger(row, 1);
  t.escort_id = GetInteger(row, 2);
  t.home_id = GetInteger(row, 3);
  t.facility_id = GetInteger(row, 4);
  t.trip_date = GetText(row, 5);
  t.depart_minute = GetInteger(row, 6);
  t.return_minute = GetInteger(row, 7);
  t.cost = GetDouble(row, 8);
  VINCULO_ASSIGN_OR_RETURN(t.status, ReadEnum(row, 9, ParseTripStatus, "plan_trips.status"));
  return t;
}

constexpr const char* kVisitColumns =
    "v.id, v.version, v.plan_id, v.requirement_id, v.child_id, v.parent_id, v.session_id, "
    "v.trip_id, v.status, v.needs_review, v.review_reason, v.attended, v.absence_reason, "
    "v.actual_start_minute, v.actual_end_minute, v.brought, v.note, v.mood_before, v.mood_after, "
    "v.updated_at";

Result<PlanVisitRow> ReadVisit(const soci::row& row) {
  PlanVisitRow v;
  v.id = GetInteger(row, 0);
  v.version = GetInteger(row, 1);
  v.plan_id = GetInteger(row, 2);
  v.requirement_id = GetInteger(row, 3);
  v.child_id = GetInteger(row, 4);
  v.parent_id = GetInteger(row, 5);
  v.session_id = GetInteger(row, 6);
  v.trip_id = GetInteger(row, 7);
  VINCULO_ASSIGN_OR_RETURN(v.status,
                           ReadEnum(row, 8, ParsePlannedVisitStatus, "plan_visits.status"));
  v.needs_review = GetInteger(row, 9) != 0;
  v.review_reason = GetText(row, 10);
  if (auto attended = GetOptionalInteger(row, 11)) v.attended = *attended != 0;
  v.absence_reason = GetText(row, 12);
  v.actual_start_minute = GetOptionalInteger(row, 13);
  v.actual_end_minute = GetOptionalInteger(row, 14);
  v.brought = GetText(row, 15);
  v.note = GetText(row, 16);
  v.mood_before = GetOptionalInteger(row, 17);
  v.mood_after = GetOptionalInteger(row, 18);
  v.updated_at = GetText(row, 19);
  return v;
}

Result<std::vector<PlanVisitRow>> VisitsWhere(Txn& txn, const std::string& where, Params& params,
                                              const char* context) {
  std::vector<PlanVisitRow> visits;
  VINCULO_RETURN_IF_ERROR(
      ForRows(txn, std::string("SELECT ") + kVisitColumns + " FROM plan_visits v " + where, params,
              context, [&](const soci::row& row) { return KeepRow(visits, ReadVisit(row)); }));
  return visits;
}

}  // namespace

Result<PlanRow> InsertPlan(Txn& txn, const PlanRow& row) {
  Params params;
  const std::string query =
      "INSERT INTO plans (organisation_id, month, status, coverage, bound, gap, proven_optimal, "
      "travel_cost, solve_seconds, baseline_coverage, baseline_visits, baseline_trips, "
      "baseline_travel_cost, note, created_by, created_at) VALUES (" +
      params.AddInteger(row.organisation_id) + ", " + params.Add(row.month) + ", " +
      params.Add(VisitPlanStatusName(row.status)) + ", " + params.Add(Value{row.coverage}) + ", " +
      params.Add(Value{row.bound}) + ", " + params.Add(Value{row.gap}) + ", " +
      params.AddInteger(row.proven_optimal ? 1 : 0) + ", " + params.Add(Value{row.travel_cost}) +
      ", " + params.Add(Value{row.solve_seconds}) + ", " +
      params.Add(Value{row.baseline_coverage}) + ", " + params.AddInteger(row.baseline_visits) +
      ", " + params.AddInteger(row.baseline_trips) + ", " +
      params.Add(Value{row.baseline_travel_cost}) + ", " + params.Add(row.note) + ", " +
      params.AddInteger(row.created_by) + ", " + params.Add(row.created_at) + ") RETURNING id";
  PlanRow stored = row;
  VINCULO_ASSIGN_OR_RETURN(stored.id, InsertReturningId(txn, query, params, "storing a plan"));
  return stored;
}

Result<PlanTripRow> InsertTrip(Txn& txn, const PlanTripRow& row) {
  Params params;
  const std::string query =
      "INSERT INTO plan_trips (plan_id, escort_id, home_id, facility_id, trip_date, "
      "depart_minute, return_minute, cost, status) VALUES (" +
      params.AddInteger(row.plan_id) + ", " + params.AddInteger(row.escort_id) + ", " +
      params.AddInteger(row.home_id) + ", " + params.AddInteger(row.facility_id) + ", " +
      params.Add(row.trip_date) + ", " + params.AddInteger(row.depart_minute) + ", " +
      params.AddInteger(row.return_minute) + ", " + params.Add(Value{row.cost}) + ", " +
      params.Add(TripStatusName(row.status)) + ") RETURNING id";
  PlanTripRow stored = row;
  VINCULO_ASSIGN_OR_RETURN(stored.id, InsertReturningId(txn, query, params, "storing a trip"));
  return stored;
}

Result<PlanVisitRow> InsertVisit(Txn& txn, const PlanVisitRow& row) {
  Params params;
  const std::string query =
      "INSERT INTO plan_visits (plan_id, requirement_id, child_id, parent_id, session_id, "
      "trip_id, status, needs_review, review_reason, brought, note, updated_at) VALUES (" +
      params.AddInteger(row.plan_id) + ", " + params.AddInteger(row.requirement_id) + ", " +
      params.AddInteger(row.child_id) + ", " + params.AddInteger(row.parent_id) + ", " +
      params.AddInteger(row.session_id) + ", " + params.AddInteger(row.trip_id) + ", " +
      params.Add(PlannedVisitStatusName(row.status)) + ", " +
      params.AddInteger(row.needs_review ? 1 : 0) + ", " + params.Add(row.review_reason) + ", " +
      params.Add(row.brought) + ", " + params.Add(row.note) + ", " + params.Add(row.updated_at) +
      ") RETURNING id";
  PlanVisitRow stored = row;
  VINCULO_ASSIGN_OR_RETURN(stored.id, InsertReturningId(txn, query, params, "storing a visit"));
  return stored;
}

Status InsertUnscheduled(Txn& txn, const PlanUnscheduledRow& row) {
  Params params;
  return Execute(txn,
                 "INSERT INTO plan_unscheduled (plan_id, requirement_id, child_id, parent_id, "
                 "reason, visits_planned, visits_wanted, detail) VALUES (" +
                     params.AddInteger(row.plan_id) + ", " + params.AddInteger(row.requirement_id) +
                     ", " + params.AddInteger(row.child_id) + ", " +
                     params.AddInteger(row.parent_id) + ", " + params.Add(row.reason) + ", " +
                     params.AddInteger(row.visits_planned) + ", " +
                     params.AddInteger(row.visits_wanted) + ", " + params.Add(row.detail) + ")",
                 params, "storing an unscheduled pair")
      .status();
}

Result<PlanRow> GetPlan(Txn& txn, long long id) {
  Params params;
  std::optional<PlanRow> found;
  VINCULO_RETURN_IF_ERROR(ForRows(
      txn,
      std::string("SELECT ") + kPlanColumns + " FROM plans WHERE id = " + params.AddInteger(id),
      params, "reading a plan",
      [&](const soci::row& row) { return KeepRow(found, ReadPlan(row)); }));
  if (!found) return NotFound("no plan " + std::to_string(id));
  return *found;
}

Result<std::vector<PlanRow>> Plans(Txn& txn, long long organisation_id) {
  Params params;
  std::vector<PlanRow> plans;
  VINCULO_RETURN_IF_ERROR(
      ForRows(txn,
              std::string("SELECT ") + kPlanColumns + " FROM plans WHERE organisation_id = " +
                  params.AddInteger(organisation_id) + " ORDER BY id",
              params, "reading plans",
              [&](const soci::row& row) { return KeepRow(plans, ReadPlan(row)); }));
  return plans;
}

Result<std::vector<PlanTripRow>> PlanTrips(Txn& txn, long long plan_id) {
  Params params;
  std::vector<PlanTripRow> trips;
  VINCULO_RETURN_IF_ERROR(
      ForRows(txn,
              std::string("SELECT ") + kTripColumns +
                  " FROM plan_trips WHERE plan_id = " + params.AddInteger(plan_id) + " ORDER BY id",
              params, "reading trips",
              [&](const soci::row& row) { return KeepRow(trips, ReadTrip(row)); }));
  return trips;
}

Result<std::vector<PlanVisitRow>> PlanVisits(Txn& txn, long long plan_id) {
  Params params;
  return VisitsWhere(txn, "WHERE v.plan_id = " + params.AddInteger(plan_id) + " ORDER BY v.id",
                     params, "reading a plan's visits");
}

Result<std::vector<PlanUnscheduledRow>> PlanUnscheduled(Txn& txn, long long plan_id) {
  Params params;
  std::vector<PlanUnscheduledRow> rows;
  VINCULO_RETURN_IF_ERROR(
      ForRows(txn,
              "SELECT id, plan_id, requirement_id, child_id, parent_id, reason, visits_planned, "
              "visits_wanted, detail FROM plan_unscheduled WHERE plan_id = " +
                  params.AddInteger(plan_id) + " ORDER BY id",
              params, "reading unscheduled pairs", [&](const soci::row& row) {
                rows.push_back({GetInteger(row, 0), GetInteger(row, 1), GetInteger(row, 2),
                                GetInteger(row, 3), GetInteger(row, 4), GetText(row, 5),
                                GetInteger(row, 6), GetInteger(row, 7), GetText(row, 8)});
              }));
  return rows;
}

Result<bool> MarkPublished(Txn& txn, long long plan_id, long long user_id, const std::string& now) {
  Params params;
  VINCULO_ASSIGN_OR_RETURN(
      long long updated,
      Execute(txn,
              "UPDATE plans SET status = 'published', published_by = " +
                  params.AddInteger(user_id) + ", published_at = " + params.Add(now) +
                  ", version = version + 1 WHERE id = " + params.AddInteger(plan_id) +
                  " AND status = 'draft'",
              params, "publishing a plan"));
  return updated == 1;
}

Result<bool> HasPublishedPlan(Txn& txn, long long organisation_id, const std::string& month) {
  Params params;
  bool found = false;
  VINCULO_RETURN_IF_ERROR(
      ForRows(txn,
              "SELECT id FROM plans WHERE status = 'published' AND organisation_id = " +
                  params.AddInteger(organisation_id) + " AND month = " + params.Add(month),
              params, "reading plans", [&](const soci::row&) { found = true; }));
  return found;
}

Result<PlanVisitRow> GetVisit(Txn& txn, long long id) {
  Params params;
  VINCULO_ASSIGN_OR_RETURN(
      std::vector<PlanVisitRow> visits,
      VisitsWhere(txn, "WHERE v.id = " + params.AddInteger(id), params, "reading a visit"));
  if (visits.empty()) return NotFound("no visit " + std::to_string(id));
  return visits.front();
}

Result<PlanTripRow> GetTrip(Txn& txn, long long id) {
  Params params;
  std::optional<PlanTripRow> found;
  VINCULO_RETURN_IF_ERROR(ForRows(txn,
                                  std::string("SELECT ") + kTripColumns +
                                      " FROM plan_trips WHERE id = " + params.AddInteger(id),
                                  params, "reading a trip", [&](const soci::row& row) {
                                    return KeepRow(found, ReadTrip(row));
                                  }));
  if (!found) return NotFound("no trip " + std::to_string(id));
  return *found;
}

Result<PlanVisitRow> UpdateVisit(Txn& txn, const PlanVisitRow& row, long long expected_version) {
  Params params;
  std::optional<long long> attended;
  if (row.attended) attended = *row.attended ? 1 : 0;
  const std::string query =
      "UPDATE plan_visits SET session_id = " + params.AddInteger(row.session_id) +
      ", trip_id = " + params.AddInteger(row.trip_id) +
      ", status = " + params.Add(PlannedVisitStatusName(row.status)) +
      ", needs_review = " + params.AddInteger(row.needs_review ? 1 : 0) +
      ", review_reason = " + params.Add(row.review_reason) +
      ", attended = " + params.AddOptional(attended) +
      ", absence_reason = " + params.Add(row.absence_reason) +
      ", actual_start_minute = " + params.AddOptional(row.actual_start_minute) +
      ", actual_end_minute = " + params.AddOptional(row.actual_end_minute) +
      ", brought = " + params.Add(row.brought) + ", note = " + params.Add(row.note) +
      ", mood_before = " + params.AddOptional(row.mood_before) +
      ", mood_after = " + params.AddOptional(row.mood_after) +
      ", updated_at = " + params.Add(row.updated_at) +
      ", version = version + 1 WHERE id = " + params.AddInteger(row.id) +
      " AND version = " + params.AddInteger(expected_version);
  VINCULO_ASSIGN_OR_RETURN(long long updated, Execute(txn, query, params, "updating a visit"));
  if (updated == 0) {
    return Status(StatusCode::kPreconditionFailed,
                  "visit " + std::to_string(row.id) + " was changed meanwhile");
  }
  return GetVisit(txn, row.id);
}

Status SetTripStatus(Txn& txn, long long trip_id, TripStatus status) {
  Params params;
  return Execute(txn,
                 "UPDATE plan_trips SET status = " + params.Add(TripStatusName(status)) +
                     " WHERE id = " + params.AddInteger(trip_id),
                 params, "updating a trip")
      .status();
}

Status SetTripTimes(Txn& txn, long long trip_id, long long depart_minute, long long return_minute) {
  Params params;
  return Execute(txn,
                 "UPDATE plan_trips SET depart_minute = " + params.AddInteger(depart_minute) +
                     ", return_minute = " + params.AddInteger(return_minute) +
                     " WHERE id = " + params.AddInteger(trip_id),
                 params, "updating a trip's times")
      .status();
}

Result<std::vector<PlanTripRow>> EscortTripsOn(Txn& txn, long long escort_id,
                                               const std::string& date) {
  Params params;
  std::vector<PlanTripRow> trips;
  std::string columns;
  VINCULO_RETURN_IF_ERROR(ForRows(
      txn,
      "SELECT t.id, t.plan_id, t.escort_id, t.home_id, t.facility_id, t.trip_date, "
      "t.depart_minute, t.return_minute, t.cost, t.status FROM plan_trips t JOIN plans p ON p.id "
      "= t.plan_id WHERE p.status = 'published' AND t.status = 'planned' AND t.escort_id = " +
          params.AddInteger(escort_id) + " AND t.trip_date = " + params.Add(date) +
          " ORDER BY t.id",
      params, "reading an escort's trips",
      [&](const soci::row& row) { return KeepRow(trips, ReadTrip(row)); }));
  return trips;
}

Result<EscortRow> GetEscort(Txn& txn, long long escort_id) {
  Params params;
  std::optional<EscortRow> found;
  VINCULO_RETURN_IF_ERROR(ForRows(
      txn,
      "SELECT e.id, e.organisation_id, e.staff_id, e.max_children, s.home_id, s.given_names, "
      "s.family_names FROM escorts e JOIN staff s ON s.id = e.staff_id WHERE e.id = " +
          params.AddInteger(escort_id),
      params, "reading an escort", [&](const soci::row& row) {
        EscortRow escort;
        escort.id = GetInteger(row, 0);
        escort.organisation_id = GetInteger(row, 1);
        escort.staff_id = GetInteger(row, 2);
        escort.max_children = GetInteger(row, 3);
        escort.home_id = GetOptionalInteger(row, 4);
        escort.name = GetText(row, 5) + " " + GetText(row, 6);
        found = std::move(escort);
      }));
  if (!found) return NotFound("no escort " + std::to_string(escort_id));
  return *found;
}

Result<std::vector<PlanTripRow>> EscortTrips(Txn& txn, long long escort_id) {
  Params params;
  std::vector<PlanTripRow> trips;
  VINCULO_RETURN_IF_ERROR(ForRows(
      txn,
      "SELECT t.id, t.plan_id, t.escort_id, t.home_id, t.facility_id, t.trip_date, "
      "t.depart_minute, t.return_minute, t.cost, t.status FROM plan_trips t JOIN plans p ON p.id "
      "= t.plan_id WHERE p.status = 'published' AND t.status = 'planned' AND t.escort_id = " +
          params.AddInteger(escort_id) + " ORDER BY t.trip_date, t.id",
      params, "reading an escort's trips",
      [&](const soci::row& row) { return KeepRow(trips, ReadTrip(row)); }));
  return trips;
}

Result<long long> TripVisitCount(Txn& txn, long long trip_id) {
  Params params;
  long long count = 0;
  VINCULO_RETURN_IF_ERROR(
      ForRows(txn,
              "SELECT COUNT(*) FROM plan_visits WHERE status = 'planned' AND trip_id = " +
                  params.AddInteger(trip_id),
              params, "counting a trip's visits",
              [&](const soci::row& row) { count = GetInteger(row, 0); }));
  return count;
}

Result<std::vector<long long>> TripVisitChildren(Txn& txn, long long trip_id) {
  Params params;
  std::vector<long long> children;
  VINCULO_RETURN_IF_ERROR(
      ForRows(txn,
              "SELECT child_id FROM plan_visits WHERE status = 'planned' AND trip_id = " +
                  params.AddInteger(trip_id),
              params, "reading a trip's children",
              [&](const soci::row& row) { children.push_back(GetInteger(row, 0)); }));
  return children;
}

Result<long long> FlagSessionVisits(Txn& txn, const std::vector<long long>& session_ids,
                                    const std::string& reason, const std::string& now) {
  if (session_ids.empty()) return 0LL;
  Params params;
  return Execute(txn,
                 "UPDATE plan_visits SET needs_review = 1, review_reason = " + params.Add(reason) +
                     ", updated_at = " + params.Add(now) +
                     ", version = version + 1 WHERE status = 'planned' AND session_id IN " +
                     InList(session_ids, params),
                 params, "flagging visits for review");
}

Result<long long> FlagParentVisitsFrom(Txn& txn, long long parent_id, const std::string& from,
                                       long long kept_facility_id, const std::string& reason,
                                       const std::string& now) {
  Params params;
  return Execute(txn,
                 "UPDATE plan_visits SET needs_review = 1, review_reason = " + params.Add(reason) +
                     ", updated_at = " + params.Add(now) +
                     ", version = version + 1 WHERE status = 'planned' AND attended IS NULL AND "
                     "parent_id = " +
                     params.AddInteger(parent_id) +
                     " AND session_id IN (SELECT id FROM visit_sessions WHERE session_date >= " +
                     params.Add(from) + " AND facility_id <> " +
                     params.AddInteger(kept_facility_id) + ")",
                 params, "flagging a parent's visits for review");
}

Result<std::vector<PlanVisitRow>> SessionVisits(Txn& txn, long long session_id) {
  Params params;
  return VisitsWhere(txn,
                     "JOIN plans p ON p.id = v.plan_id WHERE p.status = 'published' AND v.status "
                     "= 'planned' AND v.session_id = " +
                         params.AddInteger(session_id) + " ORDER BY v.id",
                     params, "reading a session's visitors");
}

Result<std::vector<PlanVisitRow>> ParentVisitsFrom(Txn& txn, long long parent_id,
                                                   const std::string& from) {
  Params params;
  return VisitsWhere(txn,
                     "JOIN plans p ON p.id = v.plan_id JOIN visit_sessions s ON s.id = "
                     "v.session_id WHERE p.status = 'published' AND v.status = 'planned' AND "
                     "v.parent_id = " +
                         params.AddInteger(parent_id) +
                         " AND s.session_date >= " + params.Add(from) + " ORDER BY v.id",
                     params, "reading a parent's visits");
}

Result<std::vector<ChildVisitRow>> ChildVisits(Txn& txn, long long child_id) {
  Params params;
  std::vector<ChildVisitRow> rows;
  // kVisitColumns are columns 0..19; the session and facility follow.
  const std::string query =
      std::string("SELECT ") + kVisitColumns +
      ", p.month, s.session_date, s.start_minute, s.end_minute, s.facility_id, f.name "
      "FROM plan_visits v JOIN plans p ON p.id = v.plan_id "
      "JOIN visit_sessions s ON s.id = v.session_id "
      "JOIN facilities f ON f.id = s.facility_id "
      "WHERE p.status = 'published' AND v.child_id = " +
      params.AddInteger(child_id) + " ORDER BY s.session_date DESC, s.start_minute DESC, v.id DESC";
  VINCULO_RETURN_IF_ERROR(
      ForRows(txn, query, params, "reading a child's visits", [&](const soci::row& row) -> Status {
        ChildVisitRow child_visit;
        VINCULO_ASSIGN_OR_RETURN(child_visit.visit, ReadVisit(row));
        child_visit.plan_month = GetText(row, 20);
        child_visit.session_date = GetText(row, 21);
        child_visit.start_minute = GetInteger(row, 22);
        child_visit.end_minute = GetInteger(row, 23);
        child_visit.facility_id = GetInteger(row, 24);
        child_visit.facility_name = GetText(row, 25);
        rows.push_back(std::move(child_visit));
        return Status::Ok();
      }));
  return rows;
}

Result<std::map<long long, std::vector<std::string>>> VisitDatesOfPublishedPlans(
    Txn& txn, long long organisation_id, const std::string& from, const std::string& to) {
  Params params;
  std::map<long long, std::vector<std::string>> dates;
  VINCULO_RETURN_IF_ERROR(ForRows(
      txn,
      "SELECT v.requirement_id, s.session_date FROM plan_visits v JOIN plans p ON p.id = "
      "v.plan_id JOIN visit_sessions s ON s.id = v.session_id WHERE p.status = 'published' AND "
      "p.organisation_id = " +
          params.AddInteger(organisation_id) +
          " AND v.status = 'planned' AND (v.attended IS NULL OR v.attended = 1) AND "
          "s.session_date >= " +
          params.Add(from) + " AND s.session_date <= " + params.Add(to) +
          " ORDER BY v.requirement_id, s.session_date",
      params, "reading the month's published visits",
      [&](const soci::row& row) { dates[GetInteger(row, 0)].push_back(GetText(row, 1)); }));
  return dates;
}

Result<std::optional<std::string>> LatestAttendedOn(Txn& txn, long long requirement_id) {
  Params params;
  std::optional<std::string> latest;
  // No row when the pair has no attended visit.
  VINCULO_RETURN_IF_ERROR(
      ForRows(txn,
              "SELECT s.session_date FROM plan_visits v JOIN plans p ON p.id = v.plan_id "
              "JOIN visit_sessions s ON s.id = v.session_id WHERE p.status = 'published' AND "
              "v.status = 'planned' AND v.attended = 1 AND v.requirement_id = " +
                  params.AddInteger(requirement_id) + " ORDER BY s.session_date DESC LIMIT 1",
              params, "reading a pair's last attended visit",
              [&](const soci::row& row) { latest = GetText(row, 0); }));
  return latest;
}

}  // namespace vinculo::visit_store
