// VisitService::ChildVisits: a child's visits across published plans, for the
// child's page. Kept out of visit_service.cc, which holds the plan lifecycle.
#include <map>

#include "domain/access.h"
#include "service/visit_service.h"
#include "service/visit_settings.h"
#include "store/visit_store.h"

namespace vinculo {
namespace vs = visit_store;

Result<std::vector<ChildVisit>> VisitService::ChildVisits(const Actor& actor, long long child_id) {
  if (!Allows(actor.role, Permission::kSeeCaseRecords)) {
    return Forbidden("auditors see figures only");
  }
  std::vector<ChildVisit> visits;
  VINCULO_RETURN_IF_ERROR(context_.store->Read([&](Txn& txn) -> Status {
    // The child as the actor may read it (organisation, home), then the
    // organisation's visit programme as the actor may read it.
    VINCULO_ASSIGN_OR_RETURN(Record child, txn.Get(ChildKind(), child_id, actor));
    VINCULO_RETURN_IF_ERROR(visit_internal::CheckOrganisation(
        actor, child.Integer("organisation_id").value_or(0), false));
    VINCULO_ASSIGN_OR_RETURN(std::vector<ChildVisitRow> rows, vs::ChildVisits(txn, child_id));
    const Actor system = Actor::System();
    // A caregiver sees the visits on her own trips only: escort id -> whether
    // the escort is her staff record.
    std::map<long long, bool> own_escort;
    std::map<long long, std::string> parent_names;
    for (ChildVisitRow& row : rows) {
      if (actor.role == Role::kCaregiver) {
        VINCULO_ASSIGN_OR_RETURN(PlanTripRow trip, vs::GetTrip(txn, row.visit.trip_id));
        VINCULO_ASSIGN_OR_RETURN(bool own,
                                 visit_internal::IsOwnTrip(txn, actor, trip.escort_id, own_escort));
        if (!own) continue;
      }
      auto name = parent_names.find(row.visit.parent_id);
      if (name == parent_names.end()) {
        std::string text;
        if (auto parent = txn.Get(ParentKind(), row.visit.parent_id, system); parent.ok()) {
          text = parent->Text("given_names").value_or("") + " " +
                 parent->Text("family_names").value_or("");
        }
        name = parent_names.emplace(row.visit.parent_id, std::move(text)).first;
      }
      ChildVisit visit;
      visit.parent_name = name->second;
      visit.status = row.visit.status == PlannedVisitStatus::kCancelled ? "cancelled"
                     : row.visit.attended                               ? "recorded"
                                                                        : "planned";
      visit.row = std::move(row);
      visits.push_back(std::move(visit));
    }
    return Status::Ok();
  }));
  if (context_.audit) {
    context_.audit->RecordRead(
        Event(actor, "visits", "children", child_id, std::to_string(visits.size()) + " visits"));
  }
  return visits;
}

}  // namespace vinculo
