#include "store/report_store.h"

#include <soci/soci.h>

#include "store/sql_util.h"
#include "store/visit_store_internal.h"

namespace vinculo::report_store {
using store_internal::GetDouble;
using store_internal::GetInteger;
using store_internal::GetOptionalInteger;
using store_internal::GetOptionalText;
using store_internal::GetText;
using store_internal::Params;
using visit_store::internal::ForRows;

namespace {

// A coordinate that may be NULL: SOCI's row gives no optional double, so the
// query selects a flag beside the value.
std::optional<double> OptionalCoordinate(const soci::row& row, std::size_t flag_index) {
  if (GetInteger(row, flag_index) == 0) return std::nullopt;
  return GetDouble(row, flag_index + 1);
}

}  // namespace

Result<std::vector<PairRow>> ContactPairs(Txn& txn, long long organisation_id) {
  Params params;
  const std::string query =
      "SELECT r.child_id, r.parent_id FROM visit_requirements r "
      "JOIN parents p ON p.id = r.parent_id JOIN children c ON c.id = r.child_id "
      "WHERE r.organisation_id = " +
      params.AddInteger(organisation_id) +
      " AND r.no_contact = 0 AND p.custody_status <> 'released' AND p.archived = 0 "
      "AND c.archived = 0 ORDER BY r.child_id, r.parent_id";
  std::vector<PairRow> rows;
  VINCULO_RETURN_IF_ERROR(ForRows(txn, query, params, "contact pairs", [&](const soci::row& row) {
    rows.push_back({GetInteger(row, 0), GetInteger(row, 1)});
  }));
  return rows;
}

namespace {

// The published, not cancelled visits whose plan or session matches `where`.
Result<std::vector<VisitRow>> VisitsWhere(Txn& txn, const std::string& where, long long id,
                                          const std::string& from, const std::string& to) {
  Params params;
  const std::string query =
      "SELECT v.child_id, v.parent_id, s.session_date, v.attended, v.mood_before, v.mood_after "
      "FROM plan_visits v JOIN plans pl ON pl.id = v.plan_id "
      "JOIN visit_sessions s ON s.id = v.session_id WHERE " +
      where + " = " + params.AddInteger(id) +
      " AND pl.status = 'published' AND v.status <> 'cancelled' AND s.session_date >= " +
      params.Add(from) + " AND s.session_date <= " + params.Add(to) + " ORDER BY v.id";
  std::vector<VisitRow> rows;
  VINCULO_RETURN_IF_ERROR(ForRows(txn, query, params, "report visits", [&](const soci::row& row) {
    rows.push_back({GetInteger(row, 0), GetInteger(row, 1), GetText(row, 2),
                    GetOptionalInteger(row, 3), GetOptionalInteger(row, 4),
                    GetOptionalInteger(row, 5)});
  }));
  return rows;
}

}  // namespace

Result<std::vector<VisitRow>> Visits(Txn& txn, long long organisation_id, const std::string& from,
                                     const std::string& to) {
  return VisitsWhere(txn, "pl.organisation_id", organisation_id, from, to);
}

Result<std::vector<VisitRow>> VisitsAtFacility(Txn& txn, long long facility_id,
                                               const std::string& from, const std::string& to) {
  return VisitsWhere(txn, "s.facility_id", facility_id, from, to);
}

Result<std::vector<TripRow>> Trips(Txn& txn, long long organisation_id, const std::string& from,
                                   const std::string& to) {
  Params params;
  const std::string query =
      "SELECT t.trip_date, t.cost, "
      "CASE WHEN h.latitude IS NULL THEN 0 ELSE 1 END, COALESCE(h.latitude, 0), "
      "CASE WHEN h.longitude IS NULL THEN 0 ELSE 1 END, COALESCE(h.longitude, 0), "
      "CASE WHEN f.latitude IS NULL THEN 0 ELSE 1 END, COALESCE(f.latitude, 0), "
      "CASE WHEN f.longitude IS NULL THEN 0 ELSE 1 END, COALESCE(f.longitude, 0) "
      "FROM plan_trips t JOIN plans pl ON pl.id = t.plan_id JOIN homes h ON h.id = t.home_id "
      "JOIN facilities f ON f.id = t.facility_id WHERE pl.organisation_id = " +
      params.AddInteger(organisation_id) +
      " AND pl.status = 'published' AND t.status <> 'cancelled' AND t.trip_date >= " +
      params.Add(from) + " AND t.trip_date <= " + params.Add(to) + " ORDER BY t.id";
  std::vector<TripRow> rows;
  VINCULO_RETURN_IF_ERROR(ForRows(txn, query, params, "report trips", [&](const soci::row& row) {
    TripRow trip;
    trip.trip_date = GetText(row, 0);
    trip.cost = GetDouble(row, 1);
    trip.home_latitude = OptionalCoordinate(row, 2);
    trip.home_longitude = OptionalCoordinate(row, 4);
    trip.facility_latitude = OptionalCoordinate(row, 6);
    trip.facility_longitude = OptionalCoordinate(row, 8);
    rows.push_back(std::move(trip));
  }));
  return rows;
}

Result<std::vector<long long>> FacilitiesRun(Txn& txn, long long organisation_id) {
  Params params;
  const std::string query = "SELECT id FROM facilities WHERE archived = 0 AND organisation_id = " +
                            params.AddInteger(organisation_id) + " ORDER BY id";
  std::vector<long long> ids;
  VINCULO_RETURN_IF_ERROR(ForRows(txn, query, params, "facilities run", [&](const soci::row& row) {
    ids.push_back(GetInteger(row, 0));
  }));
  return ids;
}

Result<std::vector<LeaveRow>> LeavesDue(Txn& txn, long long organisation_id,
                                        const std::string& from, const std::string& to) {
  Params params;
  const std::string query =
      "SELECT l.due_back_at, l.returned_at FROM nursery_leaves l "
      "JOIN facilities f ON f.id = l.facility_id WHERE f.organisation_id = " +
      params.AddInteger(organisation_id) + " AND l.due_back_at >= " + params.Add(from) +
      " AND l.due_back_at < " + params.Add(to) + " ORDER BY l.id";
  std::vector<LeaveRow> rows;
  VINCULO_RETURN_IF_ERROR(ForRows(txn, query, params, "leaves due", [&](const soci::row& row) {
    rows.push_back({GetText(row, 0), GetOptionalText(row, 1)});
  }));
  return rows;
}

Result<std::vector<LeavingRow>> NurseryLeavings(Txn& txn, long long organisation_id,
                                                const std::string& from, const std::string& to) {
  Params params;
  const std::string query =
      "SELECT p.child_id, p.ended_on FROM placements p JOIN facilities f ON f.id = p.facility_id "
      "WHERE p.placement = 'inside_with_mother' AND f.organisation_id = " +
      params.AddInteger(organisation_id) + " AND p.ended_on >= " + params.Add(from) +
      " AND p.ended_on <= " + params.Add(to) + " ORDER BY p.child_id";
  std::vector<LeavingRow> rows;
  VINCULO_RETURN_IF_ERROR(
      ForRows(txn, query, params, "nursery leavings", [&](const soci::row& row) {
        rows.push_back({GetInteger(row, 0), GetText(row, 1)});
      }));
  return rows;
}

namespace {

// Parent `p` released from `from` to `to`, linked to a child of the organisation.
std::string ReleasedOfOrganisation(Params& params, long long organisation_id,
                                   const std::string& from, const std::string& to) {
  return "p.archived = 0 AND p.custody_status = 'released' AND p.released_on IS NOT NULL AND "
         "p.released_on >= " +
         params.Add(from) + " AND p.released_on <= " + params.Add(to) +
         " AND EXISTS (SELECT 1 FROM parent_child_links k JOIN children c ON c.id = k.child_id "
         "WHERE k.parent_id = p.id AND k.archived = 0 AND c.archived = 0 AND c.organisation_id = " +
         params.AddInteger(organisation_id) + ")";
}

}  // namespace

Result<std::vector<ReleaseRow>> Releases(Txn& txn, long long organisation_id,
                                         const std::string& from, const std::string& to) {
  Params params;
  const std::string query =
      "SELECT p.id, p.released_on, (SELECT MIN(r.created_at) FROM reunification_plans r WHERE "
      "r.parent_id = p.id) FROM parents p WHERE " +
      ReleasedOfOrganisation(params, organisation_id, from, to) + " ORDER BY p.id";
  std::vector<ReleaseRow> rows;
  VINCULO_RETURN_IF_ERROR(ForRows(txn, query, params, "releases", [&](const soci::row& row) {
    rows.push_back({GetInteger(row, 0), GetText(row, 1), GetOptionalText(row, 2)});
  }));
  return rows;
}

Result<std::vector<std::pair<long long, std::string>>> ReleaseContacts(Txn& txn,
                                                                       long long organisation_id,
                                                                       const std::string& from,
                                                                       const std::string& to) {
  Params params;
  const std::string query =
      "SELECT f.parent_id, f.contacted_on FROM follow_up_contacts f JOIN parents p ON p.id = "
      "f.parent_id WHERE " +
      ReleasedOfOrganisation(params, organisation_id, from, to) +
      " ORDER BY f.parent_id, f.contacted_on";
  std::vector<std::pair<long long, std::string>> rows;
  VINCULO_RETURN_IF_ERROR(ForRows(
      txn, query, params, "follow-up contacts",
      [&](const soci::row& row) { rows.emplace_back(GetInteger(row, 0), GetText(row, 1)); }));
  return rows;
}

Result<std::vector<ReleasedChildRow>> ReleasedChildren(Txn& txn, long long organisation_id,
                                                       const std::string& from,
                                                       const std::string& to,
                                                       const std::string& on) {
  Params params;
  const std::string placed =
      "CASE WHEN EXISTS (SELECT 1 FROM placements pl WHERE pl.child_id = c.id AND pl.placement = "
      "'with_released_parent' AND pl.started_on <= " +
      params.Add(on) + " AND (pl.ended_on IS NULL OR pl.ended_on > " + params.Add(on) +
      ")) THEN 1 ELSE 0 END";
  const std::string query =
      "SELECT c.id, " + placed + " FROM children c WHERE c.archived = 0 AND c.organisation_id = " +
      params.AddInteger(organisation_id) +
      " AND EXISTS (SELECT 1 FROM parent_child_links k JOIN parents p ON p.id = k.parent_id "
      "WHERE k.child_id = c.id AND k.archived = 0 AND p.archived = 0 AND p.custody_status = "
      "'released' AND p.released_on >= " +
      params.Add(from) + " AND p.released_on <= " + params.Add(to) + ") ORDER BY c.id";
  std::vector<ReleasedChildRow> rows;
  VINCULO_RETURN_IF_ERROR(
      ForRows(txn, query, params, "children of released parents", [&](const soci::row& row) {
        rows.push_back({GetInteger(row, 0), GetInteger(row, 1) != 0});
      }));
  return rows;
}

Result<std::vector<std::pair<long long, std::string>>> PlanApprovals(Txn& txn) {
  Params params;
  const std::string query =
      "SELECT child_id, approved_on FROM transition_plans "
      "WHERE status = 'approved' AND approved_on IS NOT NULL ORDER BY child_id";
  std::vector<std::pair<long long, std::string>> rows;
  VINCULO_RETURN_IF_ERROR(ForRows(txn, query, params, "plan approvals", [&](const soci::row& row) {
    rows.emplace_back(GetInteger(row, 0), GetText(row, 1));
  }));
  return rows;
}

}  // namespace vinculo::report_store
