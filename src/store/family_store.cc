#include "store/family_store.h"

#include <utility>

#include "domain/family.h"
#include "store/sql_util.h"
#include "store/visit_store_internal.h"

namespace vinculo::family_store {
namespace {

using store_internal::GetInteger;
using store_internal::GetOptionalText;
using store_internal::GetText;
using store_internal::Params;
using visit_store::internal::ForRows;
using visit_store::internal::InsertReturningId;

}  // namespace

Result<SiblingLinkRow> InsertSiblingLink(Txn& txn, SiblingLinkRow row) {
  VINCULO_RETURN_IF_ERROR(CheckSiblingLink(row.child_id, row.sibling_id));
  if (row.sibling_id < row.child_id) std::swap(row.child_id, row.sibling_id);
  Params params;
  const std::string query =
      "INSERT INTO sibling_links (child_id, sibling_id, relation, created_by, created_at) "
      "VALUES (" +
      params.AddInteger(row.child_id) + ", " + params.AddInteger(row.sibling_id) + ", " +
      params.Add(row.relation) + ", " + params.AddInteger(row.created_by) + ", " +
      params.Add(row.created_at) + ") RETURNING id";
  auto id = InsertReturningId(txn, query, params, "linking siblings");
  if (!id.ok()) {
    if (id.status().code() == StatusCode::kConflict) {
      return Conflict("these children are linked as siblings already", "sibling_id");
    }
    return id.status();
  }
  row.id = *id;
  return row;
}

Result<std::vector<SiblingLinkRow>> SiblingLinksOf(Txn& txn, long long child_id) {
  Params params;
  std::vector<SiblingLinkRow> rows;
  const std::string query =
      "SELECT id, child_id, sibling_id, relation, created_by, created_at FROM sibling_links "
      "WHERE child_id = " +
      params.AddInteger(child_id) + " OR sibling_id = " + params.AddInteger(child_id) +
      " ORDER BY id";
  VINCULO_RETURN_IF_ERROR(
      ForRows(txn, query, params, "reading sibling links", [&](const soci::row& row) {
        rows.push_back({GetInteger(row, 0), GetInteger(row, 1), GetInteger(row, 2), GetText(row, 3),
                        GetInteger(row, 4), GetText(row, 5)});
      }));
  return rows;
}

Status RecordReleaseDate(Txn& txn, long long parent_id, const std::optional<std::string>& before,
                         const std::optional<std::string>& after, long long changed_by,
                         const std::string& now) {
  if (before == after) return Status::Ok();
  Params params;
  const std::string query =
      "INSERT INTO release_date_changes (parent_id, expected_release_date, previous_date, "
      "changed_by, created_at) VALUES (" +
      params.AddInteger(parent_id) + ", " + params.AddOptional(after) + ", " +
      params.AddOptional(before) + ", " + params.AddInteger(changed_by) + ", " + params.Add(now) +
      ") RETURNING id";
  return InsertReturningId(txn, query, params, "recording a release date").status();
}

Result<std::vector<ReleaseDateChange>> ReleaseDateHistory(Txn& txn, long long parent_id) {
  Params params;
  std::vector<ReleaseDateChange> rows;
  const std::string query =
      "SELECT id, parent_id, expected_release_date, previous_date, changed_by, created_at FROM "
      "release_date_changes WHERE parent_id = " +
      params.AddInteger(parent_id) + " ORDER BY id";
  VINCULO_RETURN_IF_ERROR(
      ForRows(txn, query, params, "reading release dates", [&](const soci::row& row) {
        rows.push_back({GetInteger(row, 0), GetInteger(row, 1), GetOptionalText(row, 2),
                        GetOptionalText(row, 3), GetInteger(row, 4), GetText(row, 5)});
      }));
  return rows;
}

Result<std::vector<ReleaseCountdownRow>> ReleaseCountdown(Txn& txn, const Actor& actor,
                                                          const std::string& until, int limit) {
  Params params;
  std::vector<ReleaseCountdownRow> rows;
  const std::string query =
      "SELECT p.id, p.given_names, p.family_names, p.facility_id, f.name, "
      "p.expected_release_date, (SELECT COUNT(*) FROM release_date_changes r WHERE r.parent_id "
      "= p.id) FROM parents p JOIN facilities f ON f.id = p.facility_id WHERE p.archived = 0 AND "
      "p.custody_status = 'incarcerated' AND p.expected_release_date IS NOT NULL AND "
      "p.expected_release_date <= " +
      params.Add(until) + " AND " +
      store_internal::ScopePredicate(ParentKind(), actor, params, "p",
                                     store_internal::ScopeShape::kSet) +
      " ORDER BY p.expected_release_date, p.id LIMIT " + std::to_string(limit);
  VINCULO_RETURN_IF_ERROR(
      ForRows(txn, query, params, "reading the release countdown", [&](const soci::row& row) {
        const long long recorded = GetInteger(row, 6);
        rows.push_back({GetInteger(row, 0), GetText(row, 1), GetText(row, 2), GetInteger(row, 3),
                        GetText(row, 4), GetText(row, 5), recorded > 0 ? recorded - 1 : 0});
      }));
  return rows;
}

Result<std::optional<NurseryAdmission>> AdmissionOf(Txn& txn, long long child_id) {
  Params params;
  std::optional<NurseryAdmission> admission;
  const std::string query =
      "SELECT id, child_id, facility_id, admitted_on, review_date, recorded_by, created_at "
      "FROM nursery_admissions WHERE child_id = " +
      params.AddInteger(child_id);
  VINCULO_RETURN_IF_ERROR(
      ForRows(txn, query, params, "reading an admission", [&](const soci::row& row) {
        NurseryAdmission read;
        read.id = GetInteger(row, 0);
        read.child_id = GetInteger(row, 1);
        read.facility_id = GetInteger(row, 2);
        read.admitted_on = GetText(row, 3);
        read.review_date = GetOptionalText(row, 4);
        read.recorded_by = GetInteger(row, 5);
        read.created_at = GetText(row, 6);
        admission = std::move(read);
      }));
  return admission;
}

}  // namespace vinculo::family_store
