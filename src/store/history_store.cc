// Placement and transfer histories: append-only rows beside the child and
// parent records, so "where was this child in March 2024" has an answer.
#include <soci/soci.h>

#include "store/sql_util.h"
#include "store/store.h"

namespace vinculo {
using store_internal::Params;

namespace {

constexpr const char* kPlacementColumns =
    "id, child_id, placement, facility_id, home_id, organisation_id, started_on, ended_on, note, "
    "recorded_by, created_at";

Placement ReadPlacement(const soci::row& row) {
  Placement placement;
  placement.id = store_internal::GetInteger(row, 0);
  placement.child_id = store_internal::GetInteger(row, 1);
  placement.placement = store_internal::GetText(row, 2);
  placement.facility_id = store_internal::GetOptionalInteger(row, 3);
  placement.home_id = store_internal::GetOptionalInteger(row, 4);
  placement.organisation_id = store_internal::GetOptionalInteger(row, 5);
  placement.started_on = store_internal::GetText(row, 6);
  placement.ended_on = store_internal::GetOptionalText(row, 7);
  placement.note = store_internal::GetText(row, 8);
  placement.recorded_by = store_internal::GetInteger(row, 9);
  placement.created_at = store_internal::GetText(row, 10);
  return placement;
}

constexpr const char* kTransferColumns =
    "id, parent_id, from_facility_id, to_facility_id, transferred_on, reason, recorded_by, "
    "created_at";

Transfer ReadTransfer(const soci::row& row) {
  Transfer transfer;
  transfer.id = store_internal::GetInteger(row, 0);
  transfer.parent_id = store_internal::GetInteger(row, 1);
  transfer.from_facility_id = store_internal::GetInteger(row, 2);
  transfer.to_facility_id = store_internal::GetInteger(row, 3);
  transfer.transferred_on = store_internal::GetText(row, 4);
  transfer.reason = store_internal::GetText(row, 5);
  transfer.recorded_by = store_internal::GetInteger(row, 6);
  transfer.created_at = store_internal::GetText(row, 7);
  return transfer;
}

}  // namespace

Status Txn::ClosePlacement(long long child_id, const std::string& ended_on) {
  try {
    Params params;
    store_internal::ExecuteWith(*this,
                                "UPDATE placements SET ended_on = " + params.Add(ended_on) +
                                    " WHERE child_id = " + params.AddInteger(child_id) +
                                    " AND ended_on IS NULL",
                                params);
    return Status::Ok();
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "closing a placement");
  }
}

Result<Placement> Txn::InsertPlacement(const Placement& placement) {
  try {
    Params params;
    const std::string query =
        "INSERT INTO placements (child_id, placement, facility_id, home_id, organisation_id, "
        "started_on, ended_on, note, recorded_by, created_at) VALUES (" +
        params.AddInteger(placement.child_id) + ", " + params.Add(placement.placement) + ", " +
        params.AddOptional(placement.facility_id) + ", " + params.AddOptional(placement.home_id) +
        ", " + params.AddOptional(placement.organisation_id) + ", " +
        params.Add(placement.started_on) + ", " + params.AddOptional(placement.ended_on) + ", " +
        params.Add(placement.note) + ", " + params.AddInteger(placement.recorded_by) + ", " +
        params.Add(placement.created_at) + ") RETURNING id";
    Placement stored = placement;
    sql_ << query, soci::use(params.values()), soci::into(stored.id);
    return stored;
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "recording a placement");
  }
}

Result<std::vector<Placement>> Txn::Placements(long long child_id) {
  try {
    Params params;
    const std::string query = std::string("SELECT ") + kPlacementColumns +
                              " FROM placements WHERE child_id = " + params.AddInteger(child_id) +
                              " ORDER BY started_on, id";
    std::vector<Placement> placements;
    soci::rowset<soci::row> rows = (sql_.prepare << query, soci::use(params.values()));
    for (const soci::row& row : rows) placements.push_back(ReadPlacement(row));
    return placements;
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "reading placements");
  }
}

Result<Transfer> Txn::InsertTransfer(const Transfer& transfer) {
  try {
    Params params;
    const std::string query =
        "INSERT INTO parent_transfers (parent_id, from_facility_id, to_facility_id, "
        "transferred_on, reason, recorded_by, created_at) VALUES (" +
        params.AddInteger(transfer.parent_id) + ", " +
        params.AddInteger(transfer.from_facility_id) + ", " +
        params.AddInteger(transfer.to_facility_id) + ", " + params.Add(transfer.transferred_on) +
        ", " + params.Add(transfer.reason) + ", " + params.AddInteger(transfer.recorded_by) + ", " +
        params.Add(transfer.created_at) + ") RETURNING id";
    Transfer stored = transfer;
    sql_ << query, soci::use(params.values()), soci::into(stored.id);
    return stored;
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "recording a transfer");
  }
}

Result<std::vector<Transfer>> Txn::Transfers(long long parent_id) {
  try {
    Params params;
    const std::string query =
        std::string("SELECT ") + kTransferColumns +
        " FROM parent_transfers WHERE parent_id = " + params.AddInteger(parent_id) +
        " ORDER BY transferred_on, id";
    std::vector<Transfer> transfers;
    soci::rowset<soci::row> rows = (sql_.prepare << query, soci::use(params.values()));
    for (const soci::row& row : rows) transfers.push_back(ReadTransfer(row));
    return transfers;
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "reading transfers");
  }
}

}  // namespace vinculo
