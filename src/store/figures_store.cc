#include "store/figures_store.h"

#include <soci/soci.h>

#include "store/sql_util.h"

namespace vinculo::figures_store {

Result<std::vector<FacilityOccupancyRow>> FacilityOccupancies(Txn& txn) {
  try {
    store_internal::Params params;
    return store_internal::Select<FacilityOccupancyRow>(
        txn.session(),
        "SELECT id, name, official_capacity, current_population FROM facilities "
        "WHERE archived = 0 ORDER BY id",
        params, [](const soci::row& row) {
          return FacilityOccupancyRow{store_internal::GetInteger(row, 0),
                                      store_internal::GetText(row, 1),
                                      store_internal::GetOptionalInteger(row, 2).value_or(0),
                                      store_internal::GetOptionalInteger(row, 3).value_or(0)};
        });
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "reading the facilities' occupancy");
  }
}

}  // namespace vinculo::figures_store
