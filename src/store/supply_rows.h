// Rows of the nursery supply tables (migration 4) as the store reads and
// writes them: the catalogue of needs by age, donations, stock and
// allocations of stock to children. Plain value types; dates are ISO text as
// stored, quantities whole units of the item's unit.
#pragma once

#include <optional>
#include <string>

namespace vinculo {

// One line of the catalogue: every child whose age in whole months is in
// [from_months, to_months) needs `quantity` of it, once (durable: a crib,
// a bed, a set of clothes) or every month (monthly: nappies, formula).
struct SupplyItemRow {
  long long id = 0;
  long long version = 1;
  bool archived = false;
  std::string code;  // stable key: "crib", "nappies"
  std::string name_es;
  std::string name_en;
  std::string unit;  // "piece", "tin", "nappy", "set"
  long long from_months = 0;
  std::optional<long long> to_months;  // absent: no upper limit
  long long quantity = 1;              // per child (per month when monthly)
  std::string kind;                    // durable | monthly
  std::string created_at;
  std::string updated_at;
};

// A gift of `quantity` of one item to one facility. A correction changes
// `quantity` (0 withdraws it) and keeps `received_quantity` and the reason.
struct SupplyDonationRow {
  long long id = 0;
  long long facility_id = 0;
  long long item_id = 0;
  long long quantity = 0;
  long long received_quantity = 0;
  std::string donated_on;
  std::string donor_type;  // family | charity | other
  std::optional<std::string> donor_name;
  std::optional<std::string> note;
  std::optional<std::string> correction_reason;
  long long recorded_by = 0;
  std::string created_at;
  std::string updated_at;
};

// What one facility holds of one item now.
struct SupplyStockRow {
  long long facility_id = 0;
  long long item_id = 0;
  long long quantity = 0;
};

// Stock handed to one child living inside.
struct SupplyAllocationRow {
  long long id = 0;
  long long facility_id = 0;
  long long item_id = 0;
  long long child_id = 0;
  long long quantity = 0;
  std::string allocated_on;
  std::optional<std::string> note;
  long long recorded_by = 0;
  std::string created_at;
};

// How much of each durable item each child has received (all time).
struct ChildItemTotal {
  long long child_id = 0;
  long long item_id = 0;
  long long quantity = 0;
};

}  // namespace vinculo
