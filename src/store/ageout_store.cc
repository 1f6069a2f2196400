#include "store/ageout_store.h"

#include <utility>

#include "store/sql_util.h"
#include "store/visit_store_internal.h"

namespace vinculo::ageout_store {
namespace {

using store_internal::GetInteger;
using store_internal::GetOptionalInteger;
using store_internal::GetOptionalText;
using store_internal::GetText;
using store_internal::Params;
using store_internal::ReadEnum;
using visit_store::internal::Execute;
using visit_store::internal::ForRows;
using visit_store::internal::InsertReturningId;
using visit_store::internal::KeepRow;

constexpr const char* kDecisionColumns =
    "d.id, d.child_id, d.version, d.facility_id, d.age_out_date, d.basis, d.rule_id, "
    "d.extension_id, d.max_age_months, d.source, d.policy, d.occasion, d.decided_by, "
    "d.decided_at";

constexpr const char* kProposalColumns =
    "p.id, p.version, p.child_id, p.decision_id, p.kept_date, p.kept_rule_id, p.proposed_date, "
    "p.proposed_basis, p.proposed_rule_id, p.proposed_extension_id, p.proposed_max_age_months, "
    "p.proposed_source, p.reason, p.status, p.created_at, p.updated_at, p.decided_by, "
    "p.decided_at";

AgeOutDecisionRow ReadDecision(const soci::row& row) {
  AgeOutDecisionRow decision;
  decision.id = GetInteger(row, 0);
  decision.child_id = GetInteger(row, 1);
  decision.version = GetInteger(row, 2);
  decision.facility_id = GetInteger(row, 3);
  decision.age_out_date = GetText(row, 4);
  decision.basis = GetText(row, 5);
  decision.rule_id = GetOptionalInteger(row, 6);
  decision.extension_id = GetOptionalInteger(row, 7);
  decision.max_age_months = GetOptionalInteger(row, 8);
  decision.source = GetText(row, 9);
  decision.policy = GetText(row, 10);
  decision.occasion = GetText(row, 11);
  decision.decided_by = GetOptionalInteger(row, 12);
  decision.decided_at = GetText(row, 13);
  return decision;
}

Result<AgeOutProposalRow> ReadProposal(const soci::row& row) {
  AgeOutProposalRow proposal;
  proposal.id = GetInteger(row, 0);
  proposal.version = GetInteger(row, 1);
  proposal.child_id = GetInteger(row, 2);
  proposal.decision_id = GetInteger(row, 3);
  proposal.kept_date = GetText(row, 4);
  proposal.kept_rule_id = GetOptionalInteger(row, 5);
  proposal.proposed_date = GetText(row, 6);
  proposal.proposed_basis = GetText(row, 7);
  proposal.proposed_rule_id = GetOptionalInteger(row, 8);
  proposal.proposed_extension_id = GetOptionalInteger(row, 9);
  proposal.proposed_max_age_months = GetOptionalInteger(row, 10);
  proposal.proposed_source = GetText(row, 11);
  proposal.reason = GetText(row, 12);
  VINCULO_ASSIGN_OR_RETURN(proposal.status,
                           ReadEnum(row, 13, ParseAgeOutProposalStatus, "ageout_proposals.status"));
  proposal.created_at = GetText(row, 14);
  proposal.updated_at = GetText(row, 15);
  proposal.decided_by = GetOptionalInteger(row, 16);
  proposal.decided_at = GetOptionalText(row, 17);
  return proposal;
}

Result<std::optional<AgeOutProposalRow>> OneProposal(Txn& txn, const std::string& where,
                                                     Params& params) {
  std::optional<AgeOutProposalRow> found;
  VINCULO_RETURN_IF_ERROR(ForRows(
      txn, std::string("SELECT ") + kProposalColumns + " FROM ageout_proposals p WHERE " + where,
      params, "reading an age-out proposal",
      [&](const soci::row& row) { return KeepRow(found, ReadProposal(row)); }));
  return found;
}

}  // namespace

static std::string InsideWhere(const Actor& actor, const InsideFilter& filter, Params& params) {
  std::string where = " WHERE c.archived = 0 AND c.placement = 'inside_with_mother'";
  if (filter.facility_id) where += " AND c.facility_id = " + params.AddInteger(*filter.facility_id);
  if (filter.child_id) where += " AND c.id = " + params.AddInteger(*filter.child_id);
  if (filter.jurisdiction_id) {
    where += " AND c.facility_id IN (SELECT id FROM facilities WHERE jurisdiction_id = " +
             params.AddInteger(*filter.jurisdiction_id) + ")";
  }
  return where + " AND " +
         store_internal::ScopePredicate(
             ChildKind(), actor, params, "c",
             filter.child_id ? store_internal::ScopeShape::kRow : store_internal::ScopeShape::kSet);
}

// The board reads every child's decision (100,000 at national scale): a
// bulk fetch into column vectors, as ForEachChildInside reads the children,
// not a dynamic row per decision (that made the board half as slow again,
// docs/benchmarks.md). `query` selects kDecisionColumns.
static Result<std::vector<AgeOutDecisionRow>> FetchDecisions(Txn& txn, const std::string& query,
                                                             Params& params) {
  constexpr std::size_t kBatch = 2000;
  std::vector<AgeOutDecisionRow> rows;
  try {
    std::vector<long long> ids(kBatch), child_ids(kBatch), versions(kBatch), facilities(kBatch);
    std::vector<long long> rule_ids(kBatch), extension_ids(kBatch), months(kBatch),
        decided_by(kBatch);
    std::vector<soci::indicator> rule_inds(kBatch), extension_inds(kBatch), month_inds(kBatch),
        decided_by_inds(kBatch);
    std::vector<std::string> dates(kBatch), bases(kBatch), sources(kBatch), policies(kBatch),
        occasions(kBatch), decided_at(kBatch);
    soci::statement statement =
        (txn.session().prepare << query, soci::use(params.values()), soci::into(ids),
         soci::into(child_ids), soci::into(versions), soci::into(facilities), soci::into(dates),
         soci::into(bases), soci::into(rule_ids, rule_inds),
         soci::into(extension_ids, extension_inds), soci::into(months, month_inds),
         soci::into(sources), soci::into(policies), soci::into(occasions),
         soci::into(decided_by, decided_by_inds), soci::into(decided_at));
    statement.execute();
    auto optional = [](long long value, soci::indicator indicator) {
      return indicator == soci::i_null ? std::nullopt : std::optional<long long>(value);
    };
    while (statement.fetch()) {
      for (std::size_t row_idx = 0; row_idx < ids.size(); ++row_idx) {
        AgeOutDecisionRow& row = rows.emplace_back();
        row.id = ids[row_idx];
        row.child_id = child_ids[row_idx];
        row.version = versions[row_idx];
        row.facility_id = facilities[row_idx];
        row.age_out_date = std::move(dates[row_idx]);
        row.basis = std::move(bases[row_idx]);
        row.rule_id = optional(rule_ids[row_idx], rule_inds[row_idx]);
        row.extension_id = optional(extension_ids[row_idx], extension_inds[row_idx]);
        row.max_age_months = optional(months[row_idx], month_inds[row_idx]);
        row.source = std::move(sources[row_idx]);
        row.policy = std::move(policies[row_idx]);
        row.occasion = std::move(occasions[row_idx]);
        row.decided_by = optional(decided_by[row_idx], decided_by_inds[row_idx]);
        row.decided_at = std::move(decided_at[row_idx]);
      }
    }
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "reading the kept age-out decisions");
  }
  return rows;
}

Result<std::vector<AgeOutDecisionRow>> DecisionsInside(Txn& txn, const Actor& actor,
                                                       const InsideFilter& filter) {
  Params params;
  const std::string query = std::string("SELECT ") + kDecisionColumns +
                            " FROM ageout_decisions d JOIN children c ON c.id = d.child_id" +
                            InsideWhere(actor, filter, params) + " ORDER BY d.child_id";
  return FetchDecisions(txn, query, params);
}

Result<std::vector<AgeOutDecisionRow>> AllDecisions(Txn& txn) {
  Params params;
  return FetchDecisions(
      txn,
      std::string("SELECT ") + kDecisionColumns + " FROM ageout_decisions d ORDER BY d.child_id",
      params);
}

Result<DecisionsStamp> ReadDecisionsStamp(Txn& txn) {
  Params params;
  DecisionsStamp stamp;
  VINCULO_RETURN_IF_ERROR(ForRows(
      txn,
      "SELECT COUNT(*), COALESCE(MAX(id), 0), CAST(COALESCE(SUM(version), 0) AS BIGINT), "
      "CAST(COALESCE(SUM(child_id * 1009 + facility_id * 7919 + version * 31), 0) AS BIGINT) "
      "FROM ageout_decisions",
      params, "reading the kept decisions' stamp", [&](const soci::row& row) {
        stamp.count = GetInteger(row, 0);
        stamp.max_id = GetInteger(row, 1);
        stamp.versions = GetInteger(row, 2);
        stamp.mix = GetInteger(row, 3);
      }));
  return stamp;
}

Result<std::vector<AgeOutProposalRow>> PendingProposalsInside(Txn& txn, const Actor& actor,
                                                              const InsideFilter& filter) {
  Params params;
  std::vector<AgeOutProposalRow> rows;
  VINCULO_RETURN_IF_ERROR(ForRows(
      txn,
      std::string("SELECT ") + kProposalColumns +
          " FROM ageout_proposals p JOIN children c ON c.id = p.child_id" +
          InsideWhere(actor, filter, params) + " AND p.status = 'pending' ORDER BY p.child_id",
      params, "reading the pending age-out proposals",
      [&](const soci::row& row) { return KeepRow(rows, ReadProposal(row)); }));
  return rows;
}

Result<std::vector<long long>> FacilitiesOf(Txn& txn, long long jurisdiction_id) {
  Params params;
  std::vector<long long> ids;
  VINCULO_RETURN_IF_ERROR(ForRows(
      txn,
      "SELECT id FROM facilities WHERE jurisdiction_id = " + params.AddInteger(jurisdiction_id) +
          " ORDER BY id",
      params, "reading a jurisdiction's facilities",
      [&](const soci::row& row) { ids.push_back(GetInteger(row, 0)); }));
  return ids;
}

Result<std::optional<AgeOutDecisionRow>> DecisionOf(Txn& txn, long long child_id) {
  Params params;
  std::optional<AgeOutDecisionRow> found;
  VINCULO_RETURN_IF_ERROR(
      ForRows(txn,
              std::string("SELECT ") + kDecisionColumns +
                  " FROM ageout_decisions d WHERE d.child_id = " + params.AddInteger(child_id),
              params, "reading an age-out decision",
              [&](const soci::row& row) { found = ReadDecision(row); }));
  return found;
}

Result<AgeOutDecisionRow> KeepDecision(Txn& txn, AgeOutDecisionRow row) {
  Params update;
  VINCULO_ASSIGN_OR_RETURN(
      long long updated,
      Execute(txn,
              "UPDATE ageout_decisions SET version = version + 1, facility_id = " +
                  update.AddInteger(row.facility_id) + ", age_out_date = " +
                  update.Add(row.age_out_date) + ", basis = " + update.Add(row.basis) +
                  ", rule_id = " + update.AddOptional(row.rule_id) +
                  ", extension_id = " + update.AddOptional(row.extension_id) +
                  ", max_age_months = " + update.AddOptional(row.max_age_months) +
                  ", source = " + update.Add(row.source) + ", policy = " + update.Add(row.policy) +
                  ", occasion = " + update.Add(row.occasion) +
                  ", decided_by = " + update.AddOptional(row.decided_by) +
                  ", decided_at = " + update.Add(row.decided_at) +
                  " WHERE child_id = " + update.AddInteger(row.child_id),
              update, "keeping an age-out decision"));
  if (updated == 0) {
    Params insert;
    const std::string query =
        "INSERT INTO ageout_decisions (child_id, version, facility_id, age_out_date, basis, "
        "rule_id, extension_id, max_age_months, source, policy, occasion, decided_by, "
        "decided_at) VALUES (" +
        insert.AddInteger(row.child_id) + ", 1, " + insert.AddInteger(row.facility_id) + ", " +
        insert.Add(row.age_out_date) + ", " + insert.Add(row.basis) + ", " +
        insert.AddOptional(row.rule_id) + ", " + insert.AddOptional(row.extension_id) + ", " +
        insert.AddOptional(row.max_age_months) + ", " + insert.Add(row.source) + ", " +
        insert.Add(row.policy) + ", " + insert.Add(row.occasion) + ", " +
        insert.AddOptional(row.decided_by) + ", " + insert.Add(row.decided_at) + ") RETURNING id";
    VINCULO_ASSIGN_OR_RETURN(row.id,
                             InsertReturningId(txn, query, insert, "keeping an age-out decision"));
    row.version = 1;
    return row;
  }
  VINCULO_ASSIGN_OR_RETURN(std::optional<AgeOutDecisionRow> stored, DecisionOf(txn, row.child_id));
  if (!stored) return Internal("the age-out decision just kept cannot be read back");
  return *stored;
}

Status ForgetDecision(Txn& txn, long long child_id) {
  Params params;
  return Execute(txn,
                 "DELETE FROM ageout_decisions WHERE child_id = " + params.AddInteger(child_id),
                 params, "forgetting an age-out decision")
      .status();
}

Result<std::optional<AgeOutProposalRow>> PendingProposalOf(Txn& txn, long long child_id) {
  Params params;
  return OneProposal(
      txn, "p.child_id = " + params.AddInteger(child_id) + " AND p.status = 'pending'", params);
}

Result<AgeOutProposalRow> ProposePending(Txn& txn, AgeOutProposalRow row) {
  Params update;
  VINCULO_ASSIGN_OR_RETURN(
      long long updated,
      Execute(
          txn,
          "UPDATE ageout_proposals SET version = version + 1, decision_id = " +
              update.AddInteger(row.decision_id) + ", kept_date = " + update.Add(row.kept_date) +
              ", kept_rule_id = " + update.AddOptional(row.kept_rule_id) +
              ", proposed_date = " + update.Add(row.proposed_date) +
              ", proposed_basis = " + update.Add(row.proposed_basis) +
              ", proposed_rule_id = " + update.AddOptional(row.proposed_rule_id) +
              ", proposed_extension_id = " + update.AddOptional(row.proposed_extension_id) +
              ", proposed_max_age_months = " + update.AddOptional(row.proposed_max_age_months) +
              ", proposed_source = " + update.Add(row.proposed_source) + ", reason = " +
              update.Add(row.reason) + ", updated_at = " + update.Add(row.updated_at) +
              " WHERE child_id = " + update.AddInteger(row.child_id) + " AND status = 'pending'",
          update, "replacing an age-out proposal"));
  if (updated == 0) {
    Params insert;
    const std::string query =
        "INSERT INTO ageout_proposals (version, child_id, decision_id, kept_date, kept_rule_id, "
        "proposed_date, proposed_basis, proposed_rule_id, proposed_extension_id, "
        "proposed_max_age_months, proposed_source, reason, status, created_at, updated_at) "
        "VALUES (1, " +
        insert.AddInteger(row.child_id) + ", " + insert.AddInteger(row.decision_id) + ", " +
        insert.Add(row.kept_date) + ", " + insert.AddOptional(row.kept_rule_id) + ", " +
        insert.Add(row.proposed_date) + ", " + insert.Add(row.proposed_basis) + ", " +
        insert.AddOptional(row.proposed_rule_id) + ", " +
        insert.AddOptional(row.proposed_extension_id) + ", " +
        insert.AddOptional(row.proposed_max_age_months) + ", " + insert.Add(row.proposed_source) +
        ", " + insert.Add(row.reason) + ", 'pending', " + insert.Add(row.updated_at) + ", " +
        insert.Add(row.updated_at) + ") RETURNING id";
    VINCULO_RETURN_IF_ERROR(
        InsertReturningId(txn, query, insert, "proposing an age-out change").status());
  }
  VINCULO_ASSIGN_OR_RETURN(std::optional<AgeOutProposalRow> stored,
                           PendingProposalOf(txn, row.child_id));
  if (!stored) return Internal("the age-out proposal just made cannot be read back");
  return *stored;
}

Status WithdrawPending(Txn& txn, long long child_id, const std::string& now) {
  Params params;
  return Execute(txn,
                 "UPDATE ageout_proposals SET status = 'withdrawn', version = version + 1, "
                 "updated_at = " +
                     params.Add(now) + " WHERE child_id = " + params.AddInteger(child_id) +
                     " AND status = 'pending'",
                 params, "withdrawing an age-out proposal")
      .status();
}

Result<AgeOutProposalRow> GetProposal(Txn& txn, long long id) {
  Params params;
  VINCULO_ASSIGN_OR_RETURN(std::optional<AgeOutProposalRow> found,
                           OneProposal(txn, "p.id = " + params.AddInteger(id), params));
  if (!found) return NotFound("no age-out proposal " + std::to_string(id));
  return *found;
}

Result<AgeOutProposalRow> DecideProposal(Txn& txn, long long id, long long expected_version,
                                         AgeOutProposalStatus status, long long decided_by,
                                         const std::string& now) {
  Params params;
  // One conditional update: two people deciding at once, only one wins.
  VINCULO_ASSIGN_OR_RETURN(
      long long updated,
      Execute(
          txn,
          "UPDATE ageout_proposals SET status = " + params.Add(AgeOutProposalStatusName(status)) +
              ", version = version + 1, decided_by = " + params.AddInteger(decided_by) +
              ", decided_at = " + params.Add(now) + ", updated_at = " + params.Add(now) +
              " WHERE id = " + params.AddInteger(id) +
              " AND status = 'pending' AND version = " + params.AddInteger(expected_version),
          params, "deciding an age-out proposal"));
  VINCULO_ASSIGN_OR_RETURN(AgeOutProposalRow stored, GetProposal(txn, id));
  if (updated == 0) {
    if (stored.status != AgeOutProposalStatus::kPending) {
      return Conflict(
          std::string("the proposal was ") + AgeOutProposalStatusName(stored.status) + " already",
          "status");
    }
    return Status(StatusCode::kPreconditionFailed,
                  "the proposal was replaced by a later change of the rules (now version " +
                      std::to_string(stored.version) + "); read it again");
  }
  return stored;
}

Result<std::vector<AgeOutProposalRow>> Proposals(Txn& txn, const Actor& actor,
                                                 const ProposalFilter& filter) {
  Params params;
  std::string where = " WHERE c.archived = 0 AND " +
                      store_internal::ScopePredicate(ChildKind(), actor, params, "c",
                                                     store_internal::ScopeShape::kSet);
  if (filter.facility_id) where += " AND c.facility_id = " + params.AddInteger(*filter.facility_id);
  if (filter.child_id) where += " AND p.child_id = " + params.AddInteger(*filter.child_id);
  if (filter.status) {
    where += " AND p.status = " + params.Add(AgeOutProposalStatusName(*filter.status));
  }
  std::vector<AgeOutProposalRow> rows;
  VINCULO_RETURN_IF_ERROR(
      ForRows(txn,
              std::string("SELECT ") + kProposalColumns +
                  " FROM ageout_proposals p JOIN children c ON c.id = p.child_id" + where +
                  " ORDER BY p.id DESC",
              params, "listing age-out proposals",
              [&](const soci::row& row) { return KeepRow(rows, ReadProposal(row)); }));
  return rows;
}

}  // namespace vinculo::ageout_store
