#include "service/demo_visits.h"

#include <set>

#include "domain/visit_rules.h"
#include "service/visit_service.h"
#include "store/visit_store.h"

namespace vinculo {

Status SeedVisitDemo(ServiceContext context, long long organisation_id) {
  const Actor system = Actor::System();
  std::set<long long> facilities;
  std::vector<long long> caregivers;
  VINCULO_RETURN_IF_ERROR(context.store->Read([&](Txn& txn) -> Status {
    VINCULO_ASSIGN_OR_RETURN(std::vector<PairSourceRow> pairs,
                             visit_store::PairSources(txn, organisation_id));
    for (const PairSourceRow& pair : pairs) {
      if (pair.custody_status != "released") facilities.insert(pair.facility_id);
    }
    ListQuery query;
    query.limit = 200;
    VINCULO_ASSIGN_OR_RETURN(Page staff, txn.List(StaffKind(), query, system));
    for (const Record& member : staff.items) {
      if (member.Integer("organisation_id").value_or(0) == organisation_id &&
          member.Text("staff_role").value_or("") == "caregiver") {
        caregivers.push_back(member.id);
      }
    }
    return Status::Ok();
  }));

  VisitService visits(context);
  const Date today = context.Today();
  const Date first{today.year, today.month, 1};
  bool first_facility = true;
  for (long long facility_id : facilities) {
    TemplateRequest request;
    request.facility_id = facility_id;
    request.valid_from = FormatDate(first);
    request.start_time = "09:00";
    request.end_time = "11:00";
    request.capacity_families = 10;
    request.capacity_people = 40;
    if (first_facility) {
      request.pattern = "weekly";
      request.weekday = 6;  // Saturday
    } else {
      request.pattern = "every_n_days";
      request.interval = 15;
    }
    first_facility = false;
    VINCULO_RETURN_IF_ERROR(visits.CreateTemplate(system, request).status());
  }

  std::vector<std::string> weekends;
  for (Date day = first; day < AddMonths(first, 3); day = AddDays(day, 1)) {
    if (IsoWeekday(day) >= 6) weekends.push_back(FormatDate(day));
  }
  for (long long staff_id : caregivers) {
    EscortRequest escort;
    escort.staff_id = staff_id;
    escort.available_dates = weekends;
    VINCULO_RETURN_IF_ERROR(visits.SetEscort(system, organisation_id, escort).status());
  }
  return visits.GenerateRequirements(system, organisation_id).status();
}

}  // namespace vinculo
