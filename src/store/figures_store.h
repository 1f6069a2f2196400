// The reads behind the summary figures (service/figures.h) that the generic
// record operations make dear: the facilities' occupancy table, which read
// every facility as a whole record (500 in the national dataset, each field
// decoded into a Record) for four of its columns, and an organisation's
// parents counted by facility. Free functions over a Txn, like
// store/report_store.h. Facilities are reference data (ScopeRule
// kReference): every actor sees every one, so there is no scope there.
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

struct FacilityCount {
  long long facility_id = 0;
  long long count = 0;
};

// The parents an organisation's staff see (ParentPredicate in sql_util.cc:
// those it follows and those with an active link to one of its children,
// archived children included), not archived, counted by the facility where
// each is held, by facility id: the same figures as Txn::CountBy(ParentKind(),
// "facility_id", actor) for an actor of that organisation. The linked parents
// come from the copies each link keeps of its child's organisation and its
// parent's facility and archived flag (migration 30), one range of an index,
// instead of a seek per child and per parent.
Result<std::vector<FacilityCount>> OrganisationParentsByFacility(Txn& txn,
                                                                 long long organisation_id);

// The children `actor` may count who live inside a facility (facility_id
// set), by facility id: Txn::CountBy(ChildKind(), "facility_id", actor)
// without its group of the children who do not (NULL). Leaving that group
// out lets the database skip it in an index that begins with the scope: an
// organisation's children living outside were read one by one, only to be
// dropped (3,907 index entries a summary for its largest organisation at
// national scale, none of whose children lives inside).
Result<std::vector<FacilityCount>> ChildrenInsideByFacility(Txn& txn, const Actor& actor);

}  // namespace vinculo::figures_store
