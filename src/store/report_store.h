// The reads behind the programme reports (issue 18): plain facts of one
// organisation over a date range, for the outcome measures
// (domain/outcome_measures.h). Free functions over a Txn, like
// store/visit_store.h, so store.h does not grow. No scoping here: the
// ReportService decides who may see the organisation before calling. Counts
// and dates only, never a name.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/store.h"

namespace vinculo::report_store {

// Active visit requirements of the organisation's children whose parent is
// not released and whose link is not marked no-contact.
struct PairRow {
  long long child_id = 0;
  long long parent_id = 0;
};
Result<std::vector<PairRow>> ContactPairs(Txn& txn, long long organisation_id);

// Visits of the organisation's published plans whose session falls from
// `from` to `to` (YYYY-MM-DD, inclusive), cancelled ones left out.
struct VisitRow {
  long long child_id = 0;
  long long parent_id = 0;
  std::string session_date;
  std::optional<long long> attended;  // 0 or 1; absent until recorded
  std::optional<long long> mood_before;
  std::optional<long long> mood_after;
};
Result<std::vector<VisitRow>> Visits(Txn& txn, long long organisation_id, const std::string& from,
                                     const std::string& to);

// Visits of every organisation's published plans at a facility's sessions
// from `from` to `to` (the facility report: visits it received).
Result<std::vector<VisitRow>> VisitsAtFacility(Txn& txn, long long facility_id,
                                               const std::string& from, const std::string& to);

// Trips of the organisation's published plans dated from `from` to `to`, not
// cancelled, with the coordinates of both ends (absent when not recorded).
struct TripRow {
  std::string trip_date;
  double cost = 0;
  std::optional<double> home_latitude, home_longitude;
  std::optional<double> facility_latitude, facility_longitude;
};
Result<std::vector<TripRow>> Trips(Txn& txn, long long organisation_id, const std::string& from,
                                   const std::string& to);

// Facilities the organisation runs (facilities.organisation_id), by id.
Result<std::vector<long long>> FacilitiesRun(Txn& txn, long long organisation_id);

// Leaves from the nurseries of those facilities due back from `from` to
// `to` (UTC timestamps, `to` exclusive).
struct LeaveRow {
  std::string due_back_at;
  std::optional<std::string> returned_at;
};
Result<std::vector<LeaveRow>> LeavesDue(Txn& txn, long long organisation_id,
                                        const std::string& from, const std::string& to);

// Children who left a nursery of those facilities (a placement inside with
// the mother ended) from `from` to `to` (inclusive), with the day they left.
struct LeavingRow {
  long long child_id = 0;
  std::string left_on;
};
Result<std::vector<LeavingRow>> NurseryLeavings(Txn& txn, long long organisation_id,
                                                const std::string& from, const std::string& to);

// Release and reunification (issue 15). Parents linked to a child of the
// organisation (not archived), released from `from` to `to` (inclusive), with
// the day (created_at, a timestamp) of their first reunification plan.
struct ReleaseRow {
  long long parent_id = 0;
  std::string released_on;
  std::optional<std::string> plan_opened_at;
};
Result<std::vector<ReleaseRow>> Releases(Txn& txn, long long organisation_id,
                                         const std::string& from, const std::string& to);
// The follow-up contacts of those same parents: parent id -> contact day.
Result<std::vector<std::pair<long long, std::string>>> ReleaseContacts(Txn& txn,
                                                                       long long organisation_id,
                                                                       const std::string& from,
                                                                       const std::string& to);
// Children of the organisation with a parent released from `from` to `to`,
// each with whether her placement on `on` is with the released parent.
struct ReleasedChildRow {
  long long child_id = 0;
  bool with_released_parent = false;
};
Result<std::vector<ReleasedChildRow>> ReleasedChildren(Txn& txn, long long organisation_id,
                                                       const std::string& from,
                                                       const std::string& to,
                                                       const std::string& on);

// child id -> the day its transition plan was approved, for approved plans.
Result<std::vector<std::pair<long long, std::string>>> PlanApprovals(Txn& txn);

}  // namespace vinculo::report_store
