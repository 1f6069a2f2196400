#include "service/figures.h"

#include <cmath>
#include <map>
#include <utility>
#include <vector>

#include "store/figures_store.h"

namespace vinculo {
namespace {

// Counting needs no read access to the records themselves, only their scope:
// an auditor counts as if she were an administrator of her own affiliation.
Actor CountingScope(const Actor& actor) {
  Actor scope = actor;
  scope.role = Role::kAdministrator;
  return scope;
}

}  // namespace

Result<SummaryFigures> FiguresService::Summary(const Actor& actor) {
  if (!Allows(actor.role, Permission::kReadSummaryFigures)) {
    return Forbidden("figures are for coordinators, officers, administrators and auditors");
  }
  const Actor scope = CountingScope(actor);
  const bool suppress = SuppressesSmallCells(actor);
  SummaryFigures figures;
  figures.as_of = context_.Now();
  figures.suppressed_small_cells = suppress;
  auto cell = [&](long long count) { return SmallCell(count, suppress); };
  Status status = context_.store->Read([&](Txn& txn) -> Status {
    // Facilities are reference data, the same for every actor: their four
    // columns, not whole records (issue 14: decoding 500 records was a tenth
    // of the dashboard's time).
    std::map<long long, std::string> facility_names;
    VINCULO_ASSIGN_OR_RETURN(std::vector<figures_store::FacilityOccupancyRow> facilities,
                             figures_store::FacilityOccupancies(txn));
    for (figures_store::FacilityOccupancyRow& facility : facilities) {
      facility_names[facility.facility_id] = facility.name;
      FacilityOccupancy occupancy;
      occupancy.facility_id = facility.facility_id;
      occupancy.name = std::move(facility.name);
      occupancy.official_capacity = facility.official_capacity;
      occupancy.current_population = facility.current_population;
      if (occupancy.official_capacity > 0) {
        occupancy.occupancy_percent =
            std::round(1000.0 * static_cast<double>(occupancy.current_population) /
                       static_cast<double>(occupancy.official_capacity)) /
            10.0;
      }
      figures.facilities.push_back(std::move(occupancy));
    }
    auto by_placement = txn.CountBy(ChildKind(), "placement", scope);
    if (!by_placement.ok()) return by_placement.status();
    for (const auto& [placement, count] : *by_placement) {
      figures.children_by_placement.push_back({placement, 0, cell(count)});
    }
    VINCULO_ASSIGN_OR_RETURN(std::vector<figures_store::FacilityCount> inside,
                             figures_store::ChildrenInsideByFacility(txn, scope));
    for (const figures_store::FacilityCount& inside_count : inside) {
      figures.children_inside_by_facility.push_back({facility_names[inside_count.facility_id],
                                                     inside_count.facility_id,
                                                     cell(inside_count.count)});
    }
    if (!scope.IsGlobal() && scope.organisation_id) {
      // An organisation's parents from the copies its links keep (issue 14:
      // seeking each child's links and each linked parent was 70 % of the
      // summary's time at national scale).
      VINCULO_ASSIGN_OR_RETURN(
          std::vector<figures_store::FacilityCount> parents,
          figures_store::OrganisationParentsByFacility(txn, *scope.organisation_id));
      for (const figures_store::FacilityCount& parent_count : parents) {
        figures.parents_by_facility.push_back({facility_names[parent_count.facility_id],
                                               parent_count.facility_id, cell(parent_count.count)});
      }
      return Status::Ok();
    }
    auto parents = txn.CountBy(ParentKind(), "facility_id", scope);
    if (!parents.ok()) return parents.status();
    for (const auto& [facility_id, count] : *parents) {
      if (facility_id.empty()) continue;
      const long long id = std::stoll(facility_id);
      figures.parents_by_facility.push_back({facility_names[id], id, cell(count)});
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return figures;
}

}  // namespace vinculo
