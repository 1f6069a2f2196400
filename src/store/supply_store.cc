// The nursery supply tables (migration 4): the catalogue of needs by age,
// donations, stock and allocations. Stock changes are single statements whose
// WHERE clause carries the rule (TakeStock), so they hold under concurrent
// writers on both engines without reading the stock first.
#include "store/supply_store.h"

#include <soci/soci.h>

#include <string>
#include <vector>

#include "store/sql_util.h"

namespace vinculo::supply_store {
using store_internal::GetInteger;
using store_internal::GetOptionalInteger;
using store_internal::GetOptionalText;
using store_internal::GetText;
using store_internal::Params;
using store_internal::Select;

namespace {

constexpr const char* kItemColumns =
    "id, version, archived, code, name_es, name_en, unit, from_months, to_months, quantity, kind, "
    "created_at, updated_at";

SupplyItemRow ReadItem(const soci::row& row) {
  SupplyItemRow item;
  item.id = GetInteger(row, 0);
  item.version = GetInteger(row, 1);
  item.archived = GetInteger(row, 2) != 0;
  item.code = GetText(row, 3);
  item.name_es = GetText(row, 4);
  item.name_en = GetText(row, 5);
  item.unit = GetText(row, 6);
  item.from_months = GetInteger(row, 7);
  item.to_months = GetOptionalInteger(row, 8);
  item.quantity = GetInteger(row, 9);
  item.kind = GetText(row, 10);
  item.created_at = GetText(row, 11);
  item.updated_at = GetText(row, 12);
  return item;
}

constexpr const char* kDonationColumns =
    "id, facility_id, item_id, quantity, received_quantity, donated_on, donor_type, donor_name, "
    "note, correction_reason, recorded_by, created_at, updated_at";

SupplyDonationRow ReadDonation(const soci::row& row) {
  SupplyDonationRow donation;
  donation.id = GetInteger(row, 0);
  donation.facility_id = GetInteger(row, 1);
  donation.item_id = GetInteger(row, 2);
  donation.quantity = GetInteger(row, 3);
  donation.received_quantity = GetInteger(row, 4);
  donation.donated_on = GetText(row, 5);
  donation.donor_type = GetText(row, 6);
  donation.donor_name = GetOptionalText(row, 7);
  donation.note = GetOptionalText(row, 8);
  donation.correction_reason = GetOptionalText(row, 9);
  donation.recorded_by = GetInteger(row, 10);
  donation.created_at = GetText(row, 11);
  donation.updated_at = GetText(row, 12);
  return donation;
}

constexpr const char* kAllocationColumns =
    "id, facility_id, item_id, child_id, quantity, allocated_on, note, recorded_by, created_at";

SupplyAllocationRow ReadAllocation(const soci::row& row) {
  SupplyAllocationRow allocation;
  allocation.id = GetInteger(row, 0);
  allocation.facility_id = GetInteger(row, 1);
  allocation.item_id = GetInteger(row, 2);
  allocation.child_id = GetInteger(row, 3);
  allocation.quantity = GetInteger(row, 4);
  allocation.allocated_on = GetText(row, 5);
  allocation.note = GetOptionalText(row, 6);
  allocation.recorded_by = GetInteger(row, 7);
  allocation.created_at = GetText(row, 8);
  return allocation;
}

}  // namespace

Result<std::vector<SupplyItemRow>> SupplyItems(Txn& txn, bool include_archived) {
  try {
    Params params;
    const std::string query = std::string("SELECT ") + kItemColumns + " FROM supply_items" +
                              (include_archived ? "" : " WHERE archived = 0") + " ORDER BY id";
    return Select<SupplyItemRow>(txn, query, params, ReadItem);
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "reading the needs catalogue");
  }
}

Result<SupplyItemRow> GetSupplyItem(Txn& txn, long long id) {
  try {
    Params params;
    const std::string query = std::string("SELECT ") + kItemColumns +
                              " FROM supply_items WHERE id = " + params.AddInteger(id);
    auto rows = Select<SupplyItemRow>(txn, query, params, ReadItem);
    if (rows.empty()) return NotFound("no catalogue item " + std::to_string(id));
    return rows.front();
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "reading a catalogue item");
  }
}

Result<SupplyItemRow> InsertSupplyItem(Txn& txn, const SupplyItemRow& item,
                                       const std::string& now) {
  try {
    Params params;
    const std::string query =
        "INSERT INTO supply_items (created_at, updated_at, code, name_es, name_en, unit, "
        "from_months, to_months, quantity, kind) VALUES (" +
        params.Add(now) + ", " + params.Add(now) + ", " + params.Add(item.code) + ", " +
        params.Add(item.name_es) + ", " + params.Add(item.name_en) + ", " + params.Add(item.unit) +
        ", " + params.AddInteger(item.from_months) + ", " + params.AddOptional(item.to_months) +
        ", " + params.AddInteger(item.quantity) + ", " + params.Add(item.kind) + ") RETURNING id";
    long long id = 0;
    txn.session() << query, soci::use(params.values()), soci::into(id);
    return GetSupplyItem(txn, id);
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "adding a catalogue item");
  }
}

Result<SupplyItemRow> UpdateSupplyItem(Txn& txn, const SupplyItemRow& item,
                                       long long expected_version, const std::string& now) {
  try {
    Params params;
    const long long updated = store_internal::ExecuteWith(
        txn,
        "UPDATE supply_items SET version = version + 1, updated_at = " + params.Add(now) +
            ", archived = " + params.AddInteger(item.archived ? 1 : 0) +
            ", code = " + params.Add(item.code) + ", name_es = " + params.Add(item.name_es) +
            ", name_en = " + params.Add(item.name_en) + ", unit = " + params.Add(item.unit) +
            ", from_months = " + params.AddInteger(item.from_months) +
            ", to_months = " + params.AddOptional(item.to_months) +
            ", quantity = " + params.AddInteger(item.quantity) +
            ", kind = " + params.Add(item.kind) + " WHERE id = " + params.AddInteger(item.id) +
            " AND version = " + params.AddInteger(expected_version),
        params);
    if (updated == 0) {
      VINCULO_ASSIGN_OR_RETURN(SupplyItemRow stored, GetSupplyItem(txn, item.id));
      return Status(StatusCode::kPreconditionFailed,
                    "catalogue item " + std::to_string(item.id) + " is at version " +
                        std::to_string(stored.version) + ", not " +
                        std::to_string(expected_version) + ": read it again",
                    "If-Match");
    }
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "changing a catalogue item");
  }
  return GetSupplyItem(txn, item.id);
}

Result<SupplyDonationRow> InsertDonation(Txn& txn, const SupplyDonationRow& donation) {
  try {
    Params params;
    const std::string query =
        "INSERT INTO supply_donations (facility_id, item_id, quantity, received_quantity, "
        "donated_on, donor_type, donor_name, note, correction_reason, recorded_by, created_at, "
        "updated_at) VALUES (" +
        params.AddInteger(donation.facility_id) + ", " + params.AddInteger(donation.item_id) +
        ", " + params.AddInteger(donation.quantity) + ", " + params.AddInteger(donation.quantity) +
        ", " + params.Add(donation.donated_on) + ", " + params.Add(donation.donor_type) + ", " +
        params.AddOptional(donation.donor_name) + ", " + params.AddOptional(donation.note) +
        ", NULL, " + params.AddInteger(donation.recorded_by) + ", " +
        params.Add(donation.created_at) + ", " + params.Add(donation.created_at) + ") RETURNING id";
    long long id = 0;
    txn.session() << query, soci::use(params.values()), soci::into(id);
    return GetDonation(txn, id);
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "recording a donation");
  }
}

Result<SupplyDonationRow> GetDonation(Txn& txn, long long id) {
  try {
    Params params;
    const std::string query = std::string("SELECT ") + kDonationColumns +
                              " FROM supply_donations WHERE id = " + params.AddInteger(id);
    auto rows = Select<SupplyDonationRow>(txn, query, params, ReadDonation);
    if (rows.empty()) return NotFound("no donation " + std::to_string(id));
    return rows.front();
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "reading a donation");
  }
}

Status CorrectDonation(Txn& txn, long long id, long long quantity, const std::string& reason,
                       const std::string& now) {
  try {
    Params params;
    store_internal::ExecuteWith(
        txn,
        "UPDATE supply_donations SET quantity = " + params.AddInteger(quantity) +
            ", correction_reason = " + params.Add(reason) + ", updated_at = " + params.Add(now) +
            " WHERE id = " + params.AddInteger(id),
        params);
    return Status::Ok();
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "correcting a donation");
  }
}

Result<std::vector<SupplyDonationRow>> Donations(Txn& txn, long long facility_id) {
  try {
    Params params;
    const std::string query =
        std::string("SELECT ") + kDonationColumns +
        " FROM supply_donations WHERE facility_id = " + params.AddInteger(facility_id) +
        " ORDER BY donated_on DESC, id DESC";
    return Select<SupplyDonationRow>(txn, query, params, ReadDonation);
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "reading donations");
  }
}

Status AddStock(Txn& txn, long long facility_id, long long item_id, long long quantity,
                const std::string& now) {
  try {
    // One statement on both engines (SQLite 3.24+ and PostgreSQL share the
    // ON CONFLICT upsert), so two first donations of an item cannot collide.
    Params params;
    store_internal::ExecuteWith(
        txn,
        "INSERT INTO supply_stock (facility_id, item_id, quantity, updated_at) VALUES (" +
            params.AddInteger(facility_id) + ", " + params.AddInteger(item_id) + ", " +
            params.AddInteger(quantity) + ", " + params.Add(now) +
            ") ON CONFLICT (facility_id, item_id) DO UPDATE SET quantity = "
            "supply_stock.quantity + excluded.quantity, updated_at = excluded.updated_at",
        params);
    return Status::Ok();
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "adding to the stock");
  }
}

Result<bool> TakeStock(Txn& txn, long long facility_id, long long item_id, long long quantity,
                       const std::string& now) {
  try {
    // The condition is evaluated on the row as locked by the UPDATE: on
    // PostgreSQL a second writer waits for the first and re-checks it against
    // the committed quantity; SQLite has one writer at a time.
    Params params;
    const long long updated = store_internal::ExecuteWith(
        txn,
        "UPDATE supply_stock SET quantity = quantity - " + params.AddInteger(quantity) +
            ", updated_at = " + params.Add(now) + " WHERE facility_id = " +
            params.AddInteger(facility_id) + " AND item_id = " + params.AddInteger(item_id) +
            " AND quantity >= " + params.AddInteger(quantity),
        params);
    return updated == 1;
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "taking from the stock");
  }
}

Result<std::vector<SupplyStockRow>> Stock(Txn& txn, long long facility_id) {
  try {
    Params params;
    const std::string query =
        "SELECT facility_id, item_id, quantity FROM supply_stock WHERE facility_id = " +
        params.AddInteger(facility_id) + " ORDER BY item_id";
    return Select<SupplyStockRow>(txn, query, params, [](const soci::row& row) {
      return SupplyStockRow{GetInteger(row, 0), GetInteger(row, 1), GetInteger(row, 2)};
    });
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "reading the stock");
  }
}

Result<SupplyAllocationRow> InsertAllocation(Txn& txn, const SupplyAllocationRow& allocation) {
  try {
    Params params;
    const std::string query =
        "INSERT INTO supply_allocations (facility_id, item_id, child_id, quantity, allocated_on, "
        "note, recorded_by, created_at) VALUES (" +
        params.AddInteger(allocation.facility_id) + ", " + params.AddInteger(allocation.item_id) +
        ", " + params.AddInteger(allocation.child_id) + ", " +
        params.AddInteger(allocation.quantity) + ", " + params.Add(allocation.allocated_on) + ", " +
        params.AddOptional(allocation.note) + ", " + params.AddInteger(allocation.recorded_by) +
        ", " + params.Add(allocation.created_at) + ") RETURNING id";
    SupplyAllocationRow stored = allocation;
    txn.session() << query, soci::use(params.values()), soci::into(stored.id);
    return stored;
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "recording an allocation");
  }
}

Result<std::vector<SupplyAllocationRow>> Allocations(Txn& txn, long long facility_id) {
  try {
    Params params;
    const std::string query =
        std::string("SELECT ") + kAllocationColumns +
        " FROM supply_allocations WHERE facility_id = " + params.AddInteger(facility_id) +
        " ORDER BY allocated_on DESC, id DESC";
    return Select<SupplyAllocationRow>(txn, query, params, ReadAllocation);
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "reading allocations");
  }
}

Result<std::vector<ChildItemTotal>> AllocatedPerChild(Txn& txn, long long facility_id) {
  try {
    Params params;
    const std::string query =
        "SELECT child_id, item_id, SUM(quantity) FROM supply_allocations WHERE facility_id = " +
        params.AddInteger(facility_id) + " GROUP BY child_id, item_id ORDER BY child_id, item_id";
    return Select<ChildItemTotal>(txn, query, params, [](const soci::row& row) {
      return ChildItemTotal{GetInteger(row, 0), GetInteger(row, 1), GetInteger(row, 2)};
    });
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "reading allocations per child");
  }
}

}  // namespace vinculo::supply_store
