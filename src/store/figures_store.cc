#include "store/figures_store.h"

#include <soci/soci.h>

#include <map>

#include "store/sql_util.h"

namespace vinculo::figures_store {

namespace {

// A (facility id, count) row of the counts below.
FacilityCount ReadFacilityCount(const soci::row& row) {
  return FacilityCount{store_internal::GetInteger(row, 0), store_internal::GetInteger(row, 1)};
}

}  // namespace

Result<std::vector<FacilityOccupancyRow>> FacilityOccupancies(Txn& txn) {
  try {
    store_internal::Params params;
    return store_internal::Select<FacilityOccupancyRow>(
        txn,
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
    // The parents linked to its children: the index's entries for the
    // organisation come ordered by facility and then parent, so SQLite groups
    // them as it reads them (a parent of two of its children counts once);
    // a UNION of both sides below sorted them all in a temporary b-tree
    // first, 1.7 times the time.
    store_internal::Params linked_params;
    const std::string linked =
        "SELECT l.parent_facility_id, COUNT(DISTINCT l.parent_id) FROM parent_child_links l "
        "WHERE l.child_organisation_id = " +
        linked_params.AddInteger(organisation_id) +
        " AND l.archived = 0 AND l.parent_archived = 0 GROUP BY l.parent_facility_id ORDER BY "
        "l.parent_facility_id";
    std::vector<FacilityCount> counts = store_internal::Select<FacilityCount>(
        txn, linked, linked_params, ReadFacilityCount);
    // The parents it follows and that are not among those: a parent's
    // facility is the same on each of her links, so one probe of the same
    // index with her facility and id tells.
    store_internal::Params followed_params;
    const std::string followed =
        "SELECT p.facility_id, COUNT(*) FROM parents p WHERE p.organisation_id = " +
        followed_params.AddInteger(organisation_id) +
        " AND p.archived = 0 AND NOT EXISTS (SELECT 1 FROM parent_child_links l WHERE "
        "l.child_organisation_id = " +
        followed_params.AddInteger(organisation_id) +
        " AND l.archived = 0 AND l.parent_archived = 0 AND l.parent_facility_id = p.facility_id "
        "AND l.parent_id = p.id) GROUP BY p.facility_id ORDER BY p.facility_id";
    std::vector<FacilityCount> unlinked = store_internal::Select<FacilityCount>(
        txn, followed, followed_params, ReadFacilityCount);
    if (unlinked.empty()) return counts;
    // Both by facility id: a facility in both summed, in facility order.
    std::map<long long, long long> by_facility;
    for (const std::vector<FacilityCount>* side : {&counts, &unlinked}) {
      for (const FacilityCount& count : *side) by_facility[count.facility_id] += count.count;
    }
    std::vector<FacilityCount> merged;
    merged.reserve(by_facility.size());
    for (const auto& [facility_id, count] : by_facility) merged.push_back({facility_id, count});
    return merged;
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "counting the organisation's parents");
  }
}

Result<std::vector<FacilityCount>> ChildrenInsideByFacility(Txn& txn, const Actor& actor) {
  try {
    store_internal::Params params;
    const std::string query =
        "SELECT t.facility_id, COUNT(*) FROM children t WHERE t.archived = 0 AND t.facility_id IS "
        "NOT NULL AND " +
        store_internal::ScopePredicate(ChildKind(), actor, params, "t",
                                       store_internal::ScopeShape::kSet) +
        " GROUP BY t.facility_id ORDER BY t.facility_id";
    return store_internal::Select<FacilityCount>(txn, query, params, ReadFacilityCount);
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "counting the children inside by facility");
  }
}

}  // namespace vinculo::figures_store
