// The visit programme's tables (migration 5): session templates and sessions,
// requirements, escorts and routes; plans, trips and visits are in
// visit_plan_store.cc. See store/visit_store.h.
#include "store/visit_store.h"

#include <soci/soci.h>

#include "store/sql_util.h"
#include "store/visit_store_internal.h"

namespace vinculo::visit_store {
using internal::Execute;
using internal::ForRows;
using internal::InList;
using internal::InsertReturningId;
using internal::KeepRow;
using store_internal::ExecuteWith;
using store_internal::GetDouble;
using store_internal::GetInteger;
using store_internal::GetOptionalInteger;
using store_internal::GetOptionalText;
using store_internal::GetText;
using store_internal::Params;
using store_internal::ReadEnum;

namespace internal {

Result<long long> Execute(Txn& txn, const std::string& query, Params& params, const char* context) {
  try {
    return ExecuteWith(txn, query, params);
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), context);
  }
}

// INSERT ... RETURNING id (both engines).
Result<long long> InsertReturningId(Txn& txn, const std::string& query, Params& params,
                                    const char* context) {
  try {
    long long id = 0;
    auto read = [&](const soci::row& row) { id = store_internal::GetInteger(row, 0); };
    VINCULO_RETURN_IF_ERROR(store_internal::EachRowOf(txn, query, params, read));
    return id;
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), context);
  }
}

std::string InList(const std::vector<long long>& ids, Params& params) {
  if (ids.empty()) return "(NULL)";
  std::string list = "(";
  for (size_t id_idx = 0; id_idx < ids.size(); ++id_idx) {
    if (id_idx) list += ", ";
    list += params.AddInteger(ids[id_idx]);
  }
  return list + ")";
}

}  // namespace internal

namespace {

std::optional<double> GetOptionalDouble(const soci::row& row, std::size_t index) {
  if (row.get_indicator(index) == soci::i_null) return std::nullopt;
  return GetDouble(row, index);
}

constexpr const char* kTemplateColumns =
    "id, version, facility_id, space_id, pattern, interval_n, weekday, nth, month_day, "
    "anchor_date, valid_from, valid_to, start_minute, end_minute, capacity_families, "
    "capacity_people, wing, created_by, created_at, capacity_unit";

SessionTemplateRow ReadTemplate(const soci::row& row) {
  SessionTemplateRow t;
  t.id = GetInteger(row, 0);
  t.version = GetInteger(row, 1);
  t.facility_id = GetInteger(row, 2);
  t.space_id = GetOptionalInteger(row, 3);
  t.pattern = GetText(row, 4);
  t.interval = GetInteger(row, 5);
  t.weekday = GetInteger(row, 6);
  t.nth = GetInteger(row, 7);
  t.month_day = GetInteger(row, 8);
  t.anchor_date = GetText(row, 9);
  t.valid_from = GetText(row, 10);
  t.valid_to = GetOptionalText(row, 11);
  t.start_minute = GetInteger(row, 12);
  t.end_minute = GetInteger(row, 13);
  t.capacity_families = GetInteger(row, 14);
  t.capacity_people = GetInteger(row, 15);
  t.wing = GetText(row, 16);
  t.created_by = GetInteger(row, 17);
  t.created_at = GetText(row, 18);
  t.capacity_unit = GetText(row, 19);
  return t;
}

constexpr const char* kSessionColumns =
    "id, version, facility_id, space_id, template_id, session_date, start_minute, end_minute, "
    "capacity_families, capacity_people, booked_families, booked_people, wing, status, "
    "blocked_reason, capacity_unit";

Result<VisitSessionRow> ReadSession(const soci::row& row) {
  VisitSessionRow s;
  s.id = GetInteger(row, 0);
  s.version = GetInteger(row, 1);
  s.facility_id = GetInteger(row, 2);
  s.space_id = GetOptionalInteger(row, 3);
  s.template_id = GetInteger(row, 4);
  s.session_date = GetText(row, 5);
  s.start_minute = GetInteger(row, 6);
  s.end_minute = GetInteger(row, 7);
  s.capacity_families = GetInteger(row, 8);
  s.capacity_people = GetInteger(row, 9);
  s.booked_families = GetInteger(row, 10);
  s.booked_people = GetInteger(row, 11);
  s.wing = GetText(row, 12);
  VINCULO_ASSIGN_OR_RETURN(s.status,
                           ReadEnum(row, 13, ParseVisitSessionStatus, "visit_sessions.status"));
  s.blocked_reason = GetText(row, 14);
  s.capacity_unit = GetText(row, 15);
  return s;
}

constexpr const char* kRequirementColumns =
    "id, version, organisation_id, child_id, parent_id, frequency, weight, banned_until, "
    "no_contact, last_visit_on";

RequirementRow ReadRequirement(const soci::row& row) {
  RequirementRow r;
  r.id = GetInteger(row, 0);
  r.version = GetInteger(row, 1);
  r.organisation_id = GetInteger(row, 2);
  r.child_id = GetInteger(row, 3);
  r.parent_id = GetInteger(row, 4);
  r.frequency = GetText(row, 5);
  r.weight = GetDouble(row, 6);
  r.banned_until = GetOptionalText(row, 7);
  r.no_contact = GetInteger(row, 8) != 0;
  r.last_visit_on = GetOptionalText(row, 9);
  return r;
}

}  // namespace

Result<SessionTemplateRow> InsertTemplate(Txn& txn, const SessionTemplateRow& row) {
  Params params;
  const std::string query =
      "INSERT INTO visit_session_templates (created_at, updated_at, facility_id, space_id, "
      "pattern, interval_n, weekday, nth, month_day, anchor_date, valid_from, valid_to, "
      "start_minute, end_minute, capacity_families, capacity_people, capacity_unit, wing, "
      "created_by) VALUES (" +
      params.Add(row.created_at) + ", " + params.Add(row.created_at) + ", " +
      params.AddInteger(row.facility_id) + ", " + params.AddOptional(row.space_id) + ", " +
      params.Add(row.pattern) + ", " + params.AddInteger(row.interval) + ", " +
      params.AddInteger(row.weekday) + ", " + params.AddInteger(row.nth) + ", " +
      params.AddInteger(row.month_day) + ", " + params.Add(row.anchor_date) + ", " +
      params.Add(row.valid_from) + ", " + params.AddOptional(row.valid_to) + ", " +
      params.AddInteger(row.start_minute) + ", " + params.AddInteger(row.end_minute) + ", " +
      params.AddInteger(row.capacity_families) + ", " + params.AddInteger(row.capacity_people) +
      ", " + params.Add(row.capacity_unit) + ", " + params.Add(row.wing) + ", " +
      params.AddInteger(row.created_by) + ") RETURNING id";
  SessionTemplateRow stored = row;
  VINCULO_ASSIGN_OR_RETURN(stored.id,
                           InsertReturningId(txn, query, params, "creating a session template"));
  stored.version = 1;
  return stored;
}

Result<std::vector<SessionTemplateRow>> Templates(Txn& txn, long long facility_id) {
  Params params;
  std::vector<SessionTemplateRow> templates;
  VINCULO_RETURN_IF_ERROR(
      ForRows(txn,
              std::string("SELECT ") + kTemplateColumns +
                  " FROM visit_session_templates WHERE archived = 0 AND facility_id = " +
                  params.AddInteger(facility_id) + " ORDER BY id",
              params, "reading session templates",
              [&](const soci::row& row) { templates.push_back(ReadTemplate(row)); }));
  return templates;
}

Result<VisitExclusionRow> InsertExclusion(Txn& txn, const VisitExclusionRow& row) {
  Params params;
  const std::string query =
      "INSERT INTO visit_exclusions (facility_id, template_id, excluded_on, reason, created_by, "
      "created_at) VALUES (" +
      params.AddInteger(row.facility_id) + ", " + params.AddOptional(row.template_id) + ", " +
      params.Add(row.excluded_on) + ", " + params.Add(row.reason) + ", " +
      params.AddInteger(row.created_by) + ", " + params.Add(row.created_at) + ") RETURNING id";
  VisitExclusionRow stored = row;
  VINCULO_ASSIGN_OR_RETURN(stored.id,
                           InsertReturningId(txn, query, params, "recording an exclusion date"));
  return stored;
}

Result<std::vector<VisitExclusionRow>> Exclusions(Txn& txn, long long facility_id,
                                                  const std::string& from, const std::string& to) {
  Params params;
  std::vector<VisitExclusionRow> exclusions;
  VINCULO_RETURN_IF_ERROR(ForRows(
      txn,
      "SELECT id, facility_id, template_id, excluded_on, reason, created_by, created_at FROM "
      "visit_exclusions WHERE facility_id = " +
          params.AddInteger(facility_id) + " AND excluded_on >= " + params.Add(from) +
          " AND excluded_on <= " + params.Add(to) + " ORDER BY excluded_on, id",
      params, "reading exclusion dates", [&](const soci::row& row) {
        VisitExclusionRow e;
        e.id = GetInteger(row, 0);
        e.facility_id = GetInteger(row, 1);
        e.template_id = GetOptionalInteger(row, 2);
        e.excluded_on = GetText(row, 3);
        e.reason = GetText(row, 4);
        e.created_by = GetInteger(row, 5);
        e.created_at = GetText(row, 6);
        exclusions.push_back(std::move(e));
      }));
  return exclusions;
}

Result<std::vector<VisitSessionRow>> Sessions(Txn& txn, const std::vector<long long>& facility_ids,
                                              const std::string& from, const std::string& to) {
  Params params;
  std::vector<VisitSessionRow> sessions;
  const std::string query =
      std::string("SELECT ") + kSessionColumns + " FROM visit_sessions WHERE facility_id IN " +
      InList(facility_ids, params) + " AND session_date >= " + params.Add(from) +
      " AND session_date <= " + params.Add(to) + " ORDER BY session_date, start_minute, id";
  VINCULO_RETURN_IF_ERROR(
      ForRows(txn, query, params, "reading visiting sessions",
              [&](const soci::row& row) { return KeepRow(sessions, ReadSession(row)); }));
  return sessions;
}

Result<VisitSessionRow> GetSession(Txn& txn, long long id) {
  Params params;
  std::optional<VisitSessionRow> found;
  VINCULO_RETURN_IF_ERROR(ForRows(txn,
                                  std::string("SELECT ") + kSessionColumns +
                                      " FROM visit_sessions WHERE id = " + params.AddInteger(id),
                                  params, "reading a visiting session", [&](const soci::row& row) {
                                    return KeepRow(found, ReadSession(row));
                                  }));
  if (!found) return NotFound("no visiting session " + std::to_string(id));
  return *found;
}

Result<VisitSessionRow> InsertSession(Txn& txn, const VisitSessionRow& row,
                                      const std::string& now) {
  Params params;
  const std::string query =
      "INSERT INTO visit_sessions (facility_id, space_id, template_id, session_date, "
      "start_minute, end_minute, capacity_families, capacity_people, capacity_unit, wing, "
      "status, blocked_reason, created_at, updated_at) VALUES (" +
      params.AddInteger(row.facility_id) + ", " + params.AddOptional(row.space_id) + ", " +
      params.AddInteger(row.template_id) + ", " + params.Add(row.session_date) + ", " +
      params.AddInteger(row.start_minute) + ", " + params.AddInteger(row.end_minute) + ", " +
      params.AddInteger(row.capacity_families) + ", " + params.AddInteger(row.capacity_people) +
      ", " + params.Add(row.capacity_unit) + ", " + params.Add(row.wing) + ", " +
      params.Add(VisitSessionStatusName(row.status)) + ", " + params.Add(row.blocked_reason) +
      ", " + params.Add(now) + ", " + params.Add(now) + ") RETURNING id";
  VisitSessionRow stored = row;
  VINCULO_ASSIGN_OR_RETURN(stored.id,
                           InsertReturningId(txn, query, params, "materialising a session"));
  return stored;
}

Result<std::vector<long long>> BlockSessions(Txn& txn, long long facility_id,
                                             const std::string& date, const std::string& reason,
                                             const std::string& now) {
  std::vector<long long> ids;
  Params select;
  VINCULO_RETURN_IF_ERROR(
      ForRows(txn,
              "SELECT id FROM visit_sessions WHERE status = 'open' AND facility_id = " +
                  select.AddInteger(facility_id) + " AND session_date = " + select.Add(date) +
                  " ORDER BY id",
              select, "finding sessions to block",
              [&](const soci::row& row) { ids.push_back(GetInteger(row, 0)); }));
  if (ids.empty()) return ids;
  Params params;
  const std::string query =
      "UPDATE visit_sessions SET status = 'blocked', blocked_reason = " + params.Add(reason) +
      ", updated_at = " + params.Add(now) + ", version = version + 1 WHERE id IN " +
      InList(ids, params);
  VINCULO_RETURN_IF_ERROR(Execute(txn, query, params, "blocking sessions").status());
  return ids;
}

namespace {
// The places `places` take in a session's own unit, as SQL over its
// capacity_unit column: the domain's `PlacesTaken` (domain/session_capacity.h)
// in SQL, so the reservation is checked where the row is locked.
std::string PlacesInUnit(const SessionPlaces& places, Params& params) {
  // The casts tell PostgreSQL the parameters' type, which a CASE branch
  // does not.
  return "(CASE capacity_unit WHEN 'pairs' THEN CAST(" + params.AddInteger(places.pairs) +
         " AS BIGINT) WHEN 'people' THEN CAST(" + params.AddInteger(places.people) +
         " AS BIGINT) ELSE CAST(" + params.AddInteger(places.families) + " AS BIGINT) END)";
}
}  // namespace

Result<bool> Reserve(Txn& txn, long long session_id, const SessionPlaces& places,
                     const std::string& now) {
  Params params;
  const std::string query = "UPDATE visit_sessions SET booked_families = booked_families + " +
                            PlacesInUnit(places, params) + ", booked_people = booked_people + " +
                            params.AddInteger(places.people) + ", updated_at = " + params.Add(now) +
                            ", version = version + 1 WHERE id = " + params.AddInteger(session_id) +
                            " AND status = 'open' AND booked_families + " +
                            PlacesInUnit(places, params) +
                            " <= capacity_families AND booked_people + " +
                            params.AddInteger(places.people) + " <= capacity_people";
  VINCULO_ASSIGN_OR_RETURN(long long updated,
                           Execute(txn, query, params, "reserving session capacity"));
  return updated == 1;
}

Status Release(Txn& txn, long long session_id, const SessionPlaces& places,
               const std::string& now) {
  Params params;
  const std::string query =
      "UPDATE visit_sessions SET booked_families = CASE WHEN booked_families >= " +
      PlacesInUnit(places, params) + " THEN booked_families - " + PlacesInUnit(places, params) +
      " ELSE 0 END, booked_people = CASE WHEN booked_people >= " +
      params.AddInteger(places.people) + " THEN booked_people - " +
      params.AddInteger(places.people) + " ELSE 0 END, updated_at = " + params.Add(now) +
      ", version = version + 1 WHERE id = " + params.AddInteger(session_id);
  return Execute(txn, query, params, "releasing session capacity").status();
}

Result<std::vector<PairSourceRow>> PairSources(Txn& txn, long long organisation_id) {
  Params params;
  std::vector<PairSourceRow> pairs;
  VINCULO_RETURN_IF_ERROR(ForRows(
      txn,
      "SELECT c.id, p.id, c.home_id, p.facility_id, p.sex, p.custody_status, "
      "p.expected_release_date, p.released_on, h.latitude, h.longitude "
      "FROM parent_child_links l JOIN children c ON c.id = l.child_id "
      "JOIN parents p ON p.id = l.parent_id LEFT JOIN homes h ON h.id = c.home_id "
      "WHERE l.archived = 0 AND c.archived = 0 AND p.archived = 0 AND c.organisation_id = " +
          params.AddInteger(organisation_id) + " ORDER BY c.id, p.id",
      params, "reading the organisation's parent-child pairs", [&](const soci::row& row) -> Status {
        PairSourceRow pair;
        pair.child_id = GetInteger(row, 0);
        pair.parent_id = GetInteger(row, 1);
        pair.home_id = GetOptionalInteger(row, 2);
        pair.facility_id = GetInteger(row, 3);
        pair.parent_sex = GetText(row, 4);
        VINCULO_ASSIGN_OR_RETURN(pair.custody_status,
                                 ReadEnum(row, 5, ParseCustodyStatus, "parents.custody_status"));
        pair.expected_release_date = GetOptionalText(row, 6);
        pair.released_on = GetOptionalText(row, 7);
        pair.home_latitude = GetOptionalDouble(row, 8);
        pair.home_longitude = GetOptionalDouble(row, 9);
        pairs.push_back(std::move(pair));
        return Status::Ok();
      }));
  return pairs;
}

Result<std::vector<RequirementRow>> Requirements(Txn& txn, long long organisation_id) {
  Params params;
  std::vector<RequirementRow> requirements;
  VINCULO_RETURN_IF_ERROR(ForRows(txn,
                                  std::string("SELECT ") + kRequirementColumns +
                                      " FROM visit_requirements WHERE organisation_id = " +
                                      params.AddInteger(organisation_id) + " ORDER BY id",
                                  params, "reading visit requirements", [&](const soci::row& row) {
                                    requirements.push_back(ReadRequirement(row));
                                  }));
  return requirements;
}

Result<RequirementRow> GetRequirement(Txn& txn, long long id) {
  Params params;
  std::optional<RequirementRow> found;
  VINCULO_RETURN_IF_ERROR(
      ForRows(txn,
              std::string("SELECT ") + kRequirementColumns +
                  " FROM visit_requirements WHERE id = " + params.AddInteger(id),
              params, "reading a visit requirement",
              [&](const soci::row& row) { found = ReadRequirement(row); }));
  if (!found) return NotFound("no visit requirement " + std::to_string(id));
  return *found;
}

Result<RequirementRow> InsertRequirement(Txn& txn, const RequirementRow& row,
                                         const std::string& now) {
  Params params;
  const std::string query =
      "INSERT INTO visit_requirements (organisation_id, child_id, parent_id, frequency, weight, "
      "banned_until, no_contact, last_visit_on, created_at, updated_at) VALUES (" +
      params.AddInteger(row.organisation_id) + ", " + params.AddInteger(row.child_id) + ", " +
      params.AddInteger(row.parent_id) + ", " + params.Add(row.frequency) + ", " +
      params.Add(Value{row.weight}) + ", " + params.AddOptional(row.banned_until) + ", " +
      params.AddInteger(row.no_contact ? 1 : 0) + ", " + params.AddOptional(row.last_visit_on) +
      ", " + params.Add(now) + ", " + params.Add(now) + ") RETURNING id";
  RequirementRow stored = row;
  VINCULO_ASSIGN_OR_RETURN(stored.id,
                           InsertReturningId(txn, query, params, "creating a visit requirement"));
  stored.version = 1;
  return stored;
}

Result<RequirementRow> UpdateRequirement(Txn& txn, const RequirementRow& row,
                                         long long expected_version, const std::string& now) {
  Params params;
  const std::string query =
      "UPDATE visit_requirements SET frequency = " + params.Add(row.frequency) +
      ", weight = " + params.Add(Value{row.weight}) +
      ", banned_until = " + params.AddOptional(row.banned_until) +
      ", no_contact = " + params.AddInteger(row.no_contact ? 1 : 0) +
      ", last_visit_on = " + params.AddOptional(row.last_visit_on) +
      ", updated_at = " + params.Add(now) +
      ", version = version + 1 WHERE id = " + params.AddInteger(row.id) +
      " AND version = " + params.AddInteger(expected_version);
  VINCULO_ASSIGN_OR_RETURN(long long updated,
                           Execute(txn, query, params, "updating a visit requirement"));
  if (updated == 0) {
    return Status(StatusCode::kPreconditionFailed,
                  "visit requirement " + std::to_string(row.id) + " was changed meanwhile");
  }
  return GetRequirement(txn, row.id);
}

Result<SiblingSplitRow> InsertSiblingSplit(Txn& txn, const SiblingSplitRow& row) {
  Params check;
  bool exists = false;
  VINCULO_RETURN_IF_ERROR(
      ForRows(txn,
              "SELECT id FROM sibling_splits WHERE requirement_id = " +
                  check.AddInteger(row.requirement_id) + " AND month = " + check.Add(row.month),
              check, "reading sibling splits", [&](const soci::row&) { exists = true; }));
  if (exists) {
    return Conflict("visit requirement " + std::to_string(row.requirement_id) +
                        " is already split from its siblings in " + row.month,
                    "month");
  }
  Params params;
  const std::string query =
      "INSERT INTO sibling_splits (organisation_id, requirement_id, month, reason, created_by, "
      "created_at) VALUES (" +
      params.AddInteger(row.organisation_id) + ", " + params.AddInteger(row.requirement_id) + ", " +
      params.Add(row.month) + ", " + params.Add(row.reason) + ", " +
      params.AddInteger(row.created_by) + ", " + params.Add(row.created_at) + ") RETURNING id";
  SiblingSplitRow stored = row;
  VINCULO_ASSIGN_OR_RETURN(stored.id,
                           InsertReturningId(txn, query, params, "storing a sibling split"));
  return stored;
}

Result<std::vector<SiblingSplitRow>> SiblingSplits(Txn& txn, long long organisation_id,
                                                   const std::string& month) {
  Params params;
  std::vector<SiblingSplitRow> rows;
  VINCULO_RETURN_IF_ERROR(ForRows(
      txn,
      "SELECT s.id, s.organisation_id, s.requirement_id, r.child_id, r.parent_id, s.month, "
      "s.reason, s.created_by, s.created_at FROM sibling_splits s JOIN visit_requirements r ON "
      "r.id = s.requirement_id WHERE s.organisation_id = " +
          params.AddInteger(organisation_id) + " AND s.month = " + params.Add(month) +
          " ORDER BY s.id",
      params, "reading sibling splits", [&](const soci::row& row) {
        rows.push_back({GetInteger(row, 0), GetInteger(row, 1), GetInteger(row, 2),
                        GetInteger(row, 3), GetInteger(row, 4), GetText(row, 5), GetText(row, 6),
                        GetInteger(row, 7), GetText(row, 8)});
      }));
  return rows;
}

Status AddUnavailableDate(Txn& txn, long long child_id, const std::string& date,
                          const std::string& reason) {
  Params check;
  bool exists = false;
  VINCULO_RETURN_IF_ERROR(ForRows(
      txn,
      "SELECT id FROM child_unavailable_dates WHERE child_id = " + check.AddInteger(child_id) +
          " AND unavailable_on = " + check.Add(date),
      check, "reading unavailable dates", [&](const soci::row&) { exists = true; }));
  if (exists) return Status::Ok();
  Params params;
  return Execute(txn,
                 "INSERT INTO child_unavailable_dates (child_id, unavailable_on, reason) VALUES (" +
                     params.AddInteger(child_id) + ", " + params.Add(date) + ", " +
                     params.Add(reason) + ")",
                 params, "recording an unavailable date")
      .status();
}

Result<std::map<long long, std::vector<std::string>>> UnavailableDates(Txn& txn,
                                                                       long long organisation_id,
                                                                       const std::string& from,
                                                                       const std::string& to) {
  Params params;
  std::map<long long, std::vector<std::string>> dates;
  VINCULO_RETURN_IF_ERROR(ForRows(
      txn,
      "SELECT u.child_id, u.unavailable_on FROM child_unavailable_dates u JOIN children c ON "
      "c.id = u.child_id WHERE c.organisation_id = " +
          params.AddInteger(organisation_id) + " AND u.unavailable_on >= " + params.Add(from) +
          " AND u.unavailable_on <= " + params.Add(to) + " ORDER BY u.child_id, u.unavailable_on",
      params, "reading unavailable dates",
      [&](const soci::row& row) { dates[GetInteger(row, 0)].push_back(GetText(row, 1)); }));
  return dates;
}

Result<std::map<long long, std::string>> NurseryLeavings(Txn& txn, long long organisation_id) {
  Params params;
  std::map<long long, std::string> leavings;
  VINCULO_RETURN_IF_ERROR(ForRows(
      txn,
      "SELECT pl.child_id, MAX(pl.ended_on) FROM placements pl JOIN children c ON c.id = "
      "pl.child_id WHERE pl.placement = 'inside_with_mother' AND pl.ended_on IS NOT NULL AND "
      "c.organisation_id = " +
          params.AddInteger(organisation_id) + " GROUP BY pl.child_id",
      params, "reading nursery leavings",
      [&](const soci::row& row) { leavings[GetInteger(row, 0)] = GetText(row, 1); }));
  return leavings;
}

Result<std::map<std::pair<long long, long long>, std::string>> TransitionVisitFrequencies(
    Txn& txn, long long organisation_id) {
  Params params;
  std::map<std::pair<long long, long long>, std::string> frequencies;
  VINCULO_RETURN_IF_ERROR(
      ForRows(txn,
              "SELECT t.child_id, t.parent_id, t.frequency FROM transition_visit_requirements t "
              "JOIN children c ON c.id = t.child_id WHERE c.organisation_id = " +
                  params.AddInteger(organisation_id) + " ORDER BY t.id",
              params, "reading transition plans' visits", [&](const soci::row& row) {
                frequencies[{GetInteger(row, 0), GetInteger(row, 1)}] = GetText(row, 2);
              }));
  return frequencies;
}

Result<EscortRow> UpsertEscort(Txn& txn, long long organisation_id, long long staff_id,
                               long long max_children, const std::string& now) {
  Params update;
  VINCULO_ASSIGN_OR_RETURN(
      long long updated,
      Execute(txn,
              "UPDATE escorts SET max_children = " + update.AddInteger(max_children) +
                  ", updated_at = " + update.Add(now) +
                  ", version = version + 1 WHERE staff_id = " + update.AddInteger(staff_id),
              update, "updating an escort"));
  if (updated == 0) {
    Params params;
    VINCULO_RETURN_IF_ERROR(
        InsertReturningId(txn,
                          "INSERT INTO escorts (organisation_id, staff_id, max_children, "
                          "created_at, updated_at) VALUES (" +
                              params.AddInteger(organisation_id) + ", " +
                              params.AddInteger(staff_id) + ", " + params.AddInteger(max_children) +
                              ", " + params.Add(now) + ", " + params.Add(now) + ") RETURNING id",
                          params, "creating an escort")
            .status());
  }
  Params params;
  std::optional<EscortRow> found;
  VINCULO_RETURN_IF_ERROR(ForRows(
      txn,
      "SELECT e.id, e.organisation_id, e.staff_id, e.max_children, s.home_id, s.given_names, "
      "s.family_names FROM escorts e JOIN staff s ON s.id = e.staff_id WHERE e.staff_id = " +
          params.AddInteger(staff_id),
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
  if (!found) return Internal("the escort of staff " + std::to_string(staff_id) + " vanished");
  return *found;
}

Status LockEscort(Txn& txn, long long escort_id) {
  Params params;
  return Execute(
             txn,
             "UPDATE escorts SET version = version + 1 WHERE id = " + params.AddInteger(escort_id),
             params, "locking an escort")
      .status();
}

Status AddEscortDate(Txn& txn, long long escort_id, const std::string& date) {
  Params check;
  bool exists = false;
  VINCULO_RETURN_IF_ERROR(ForRows(
      txn,
      "SELECT id FROM escort_available_dates WHERE escort_id = " + check.AddInteger(escort_id) +
          " AND available_on = " + check.Add(date),
      check, "reading escort dates", [&](const soci::row&) { exists = true; }));
  if (exists) return Status::Ok();
  Params params;
  return Execute(txn,
                 "INSERT INTO escort_available_dates (escort_id, available_on) VALUES (" +
                     params.AddInteger(escort_id) + ", " + params.Add(date) + ")",
                 params, "recording an escort's available date")
      .status();
}

Result<std::vector<EscortRow>> Escorts(Txn& txn, long long organisation_id, const std::string& from,
                                       const std::string& to) {
  Params params;
  std::vector<EscortRow> escorts;
  std::map<long long, size_t> by_id;
  VINCULO_RETURN_IF_ERROR(ForRows(
      txn,
      "SELECT e.id, e.organisation_id, e.staff_id, e.max_children, s.home_id, s.given_names, "
      "s.family_names FROM escorts e JOIN staff s ON s.id = e.staff_id WHERE s.archived = 0 AND "
      "e.organisation_id = " +
          params.AddInteger(organisation_id) + " ORDER BY e.id",
      params, "reading escorts", [&](const soci::row& row) {
        EscortRow escort;
        escort.id = GetInteger(row, 0);
        escort.organisation_id = GetInteger(row, 1);
        escort.staff_id = GetInteger(row, 2);
        escort.max_children = GetInteger(row, 3);
        escort.home_id = GetOptionalInteger(row, 4);
        escort.name = GetText(row, 5) + " " + GetText(row, 6);
        by_id[escort.id] = escorts.size();
        escorts.push_back(std::move(escort));
      }));
  Params dates;
  VINCULO_RETURN_IF_ERROR(ForRows(
      txn,
      "SELECT d.escort_id, d.available_on FROM escort_available_dates d JOIN escorts e ON e.id = "
      "d.escort_id WHERE e.organisation_id = " +
          dates.AddInteger(organisation_id) + " AND d.available_on >= " + dates.Add(from) +
          " AND d.available_on <= " + dates.Add(to) + " ORDER BY d.escort_id, d.available_on",
      dates, "reading escorts' dates", [&](const soci::row& row) {
        auto found = by_id.find(GetInteger(row, 0));
        if (found != by_id.end()) escorts[found->second].available_dates.push_back(GetText(row, 1));
      }));
  return escorts;
}

Result<std::vector<PlacePoint>> Homes(Txn& txn, long long organisation_id) {
  Params params;
  std::vector<PlacePoint> homes;
  VINCULO_RETURN_IF_ERROR(ForRows(
      txn,
      "SELECT id, name, latitude, longitude FROM homes WHERE archived = 0 AND organisation_id = " +
          params.AddInteger(organisation_id) + " ORDER BY id",
      params, "reading homes", [&](const soci::row& row) {
        homes.push_back({GetInteger(row, 0), GetText(row, 1), GetOptionalDouble(row, 2),
                         GetOptionalDouble(row, 3)});
      }));
  return homes;
}

Result<std::vector<PlacePoint>> Facilities(Txn& txn) {
  Params params;
  std::vector<PlacePoint> facilities;
  VINCULO_RETURN_IF_ERROR(
      ForRows(txn, "SELECT id, name, latitude, longitude FROM facilities ORDER BY id", params,
              "reading facilities", [&](const soci::row& row) {
                facilities.push_back({GetInteger(row, 0), GetText(row, 1),
                                      GetOptionalDouble(row, 2), GetOptionalDouble(row, 3)});
              }));
  return facilities;
}

Result<RouteOverrideRow> UpsertRoute(Txn& txn, const RouteOverrideRow& row,
                                     const std::string& now) {
  Params update;
  VINCULO_ASSIGN_OR_RETURN(long long updated,
                           Execute(txn,
                                   "UPDATE route_overrides SET travel_minutes = " +
                                       update.AddInteger(row.travel_minutes) +
                                       ", cost = " + update.Add(Value{row.cost}) +
                                       " WHERE home_id = " + update.AddInteger(row.home_id) +
                                       " AND facility_id = " + update.AddInteger(row.facility_id),
                                   update, "updating a route"));
  RouteOverrideRow stored = row;
  if (updated == 0) {
    Params params;
    VINCULO_ASSIGN_OR_RETURN(
        stored.id,
        InsertReturningId(
            txn,
            "INSERT INTO route_overrides (home_id, facility_id, travel_minutes, "
            "cost, created_at) VALUES (" +
                params.AddInteger(row.home_id) + ", " + params.AddInteger(row.facility_id) + ", " +
                params.AddInteger(row.travel_minutes) + ", " + params.Add(Value{row.cost}) + ", " +
                params.Add(now) + ") RETURNING id",
            params, "creating a route"));
  }
  return stored;
}

Result<std::vector<RouteOverrideRow>> Routes(Txn& txn, long long organisation_id) {
  Params params;
  std::vector<RouteOverrideRow> routes;
  VINCULO_RETURN_IF_ERROR(ForRows(
      txn,
      "SELECT r.id, r.home_id, r.facility_id, r.travel_minutes, r.cost FROM route_overrides r "
      "JOIN homes h ON h.id = r.home_id WHERE h.organisation_id = " +
          params.AddInteger(organisation_id) + " ORDER BY r.id",
      params, "reading routes", [&](const soci::row& row) {
        routes.push_back({GetInteger(row, 0), GetInteger(row, 1), GetInteger(row, 2),
                          GetInteger(row, 3), GetDouble(row, 4)});
      }));
  return routes;
}

}  // namespace vinculo::visit_store
