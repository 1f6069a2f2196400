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

Result<std::vector<FacilityCount>> OrganisationParentsByFacility(Txn& txn,
                                                                 long long organisation_id) {
  try {
    store_internal::Params params;
    // UNION, not UNION ALL: a parent with two children of the organisation,
    // or followed by it and linked to one of its children, counts once (her
    // facility is the same in every pair: the links' copy is her own).
    const std::string query =
        "SELECT facility_id, COUNT(*) FROM (SELECT l.parent_facility_id AS facility_id, "
        "l.parent_id AS parent_id FROM parent_child_links l WHERE l.child_organisation_id = " +
        params.AddInteger(organisation_id) +
        " AND l.archived = 0 AND l.parent_archived = 0 UNION SELECT p.facility_id, p.id FROM "
        "parents p WHERE p.organisation_id = " +
        params.AddInteger(organisation_id) +
        " AND p.archived = 0) AS scoped GROUP BY facility_id ORDER BY facility_id";
    return store_internal::Select<
        FacilityCount>(txn.session(), query, params, [](const soci::row& row) {
      return FacilityCount{store_internal::GetInteger(row, 0), store_internal::GetInteger(row, 1)};
    });
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "counting the organisation's parents");
  }
}

}  // namespace vinculo::figures_store
