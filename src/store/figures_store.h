// The reads behind the summary figures (service/figures.h) that the generic
// record operations make dear: the facilities' occupancy table, which read
// every facility as a whole record (500 in the national dataset, each field
// decoded into a Record) for four of its columns. Free functions over a Txn,
// like store/report_store.h. Facilities are reference data (ScopeRule
// kReference): every actor sees every one, so there is no scope here.
#pragma once

#include <string>
#include <vector>

#include "store/store.h"

namespace vinculo::figures_store {

struct FacilityOccupancyRow {
  long long facility_id = 0;
  std::string name;
  long long official_capacity = 0;
  long long current_population = 0;
};

// Every facility not archived, by id, with what the occupancy table shows:
// the same facilities, in the same order, as Txn::List of FacilityKind.
Result<std::vector<FacilityOccupancyRow>> FacilityOccupancies(Txn& txn);

}  // namespace vinculo::figures_store
