// The nursery supply tables (migration 4): the catalogue of needs by age,
// donations, stock and allocations. Free functions over a Txn, like
// visit_store.h, so that store.h does not grow with every module
// (docs/architecture.md). Same contract as Txn's methods: called inside
// Store::Read or Store::Write, errors as values (driver errors become
// kConflict, kUnavailable, ...). No scoping here: SupplyService decides which
// facilities the actor may see before calling.
#pragma once

#include <string>
#include <vector>

#include "store/store.h"
#include "store/supply_rows.h"

namespace vinculo::supply_store {

// The catalogue in id order, archived items too when `include_archived`.
Result<std::vector<SupplyItemRow>> SupplyItems(Txn& txn, bool include_archived);
// kNotFound when absent.
Result<SupplyItemRow> GetSupplyItem(Txn& txn, long long id);
// kConflict when the code is taken.
Result<SupplyItemRow> InsertSupplyItem(Txn& txn, const SupplyItemRow& item, const std::string& now);
// Writes every field of `item` (archived included) if the stored version is
// `expected_version`; bumps the version. kPreconditionFailed when stale,
// kNotFound when absent, kConflict when the code is taken.
Result<SupplyItemRow> UpdateSupplyItem(Txn& txn, const SupplyItemRow& item,
                                       long long expected_version, const std::string& now);
Result<SupplyDonationRow> InsertDonation(Txn& txn, const SupplyDonationRow& donation);
// kNotFound when absent.
Result<SupplyDonationRow> GetDonation(Txn& txn, long long id);
Status CorrectDonation(Txn& txn, long long id, long long quantity, const std::string& reason,
                       const std::string& now);
Result<std::vector<SupplyDonationRow>> Donations(Txn& txn, long long facility_id);
// Adds `quantity` (> 0) to the facility's stock of the item.
Status AddStock(Txn& txn, long long facility_id, long long item_id, long long quantity,
                const std::string& now);
// Takes `quantity` (> 0) from the stock with one conditional UPDATE
// (... WHERE quantity >= ?): false, and nothing changed, when there is not
// that much. Two concurrent takers can never drive the stock below zero.
Result<bool> TakeStock(Txn& txn, long long facility_id, long long item_id, long long quantity,
                       const std::string& now);
// The facility's stock rows (items never donated have none).
Result<std::vector<SupplyStockRow>> Stock(Txn& txn, long long facility_id);
Result<SupplyAllocationRow> InsertAllocation(Txn& txn, const SupplyAllocationRow& allocation);
Result<std::vector<SupplyAllocationRow>> Allocations(Txn& txn, long long facility_id);
// Per child and item, everything allocated in the facility (all time).
Result<std::vector<ChildItemTotal>> AllocatedPerChild(Txn& txn, long long facility_id);

}  // namespace vinculo::supply_store
