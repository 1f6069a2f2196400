#include "service/demo_nursery_care.h"

#include <algorithm>

#include "service/nursery_care_service.h"
#include "store/nursery_store.h"

namespace vinculo {
namespace {

struct Resident {
  long long child_id = 0;
  std::string date_of_birth;
};

// "2026-11-21T09:00:00Z" for `days` before today at `hour` UTC.
std::string DaysAgoAt(const Date& today, int days, int hour) {
  char time[8];
  std::snprintf(time, sizeof time, "%02d", hour);
  return FormatDate(AddDays(today, -days)) + "T" + time + ":00:00Z";
}

}  // namespace

Status SeedNurseryCareDemo(ServiceContext context, RecordService& records) {
  const Actor system = Actor::System();
  const Date today = context.Today();
  std::vector<Resident> residents;
  VINCULO_RETURN_IF_ERROR(context.store->Read([&](Txn& txn) -> Status {
    return nursery_store::ForEachChildInside(
        txn, ChildrenInsideFilter{}, system, [&](const ChildInsideRow& row) {
          residents.push_back({row.child_id, row.date_of_birth});
        });
  }));
  if (residents.size() < 2) return NotFound("demo programme: fewer than two children inside");
  // Oldest first: the nearest age-outs.
  std::sort(residents.begin(), residents.end(), [](const Resident& left, const Resident& right) {
    return left.date_of_birth < right.date_of_birth;
  });
  const Resident& oldest = residents[0];
  const Resident& second = residents[1];

  std::optional<long long> mother;
  ListQuery links;
  links.limit = 200;
  VINCULO_ASSIGN_OR_RETURN(Page page, records.List(system, ParentChildLinkKind(), links));
  for (const Record& link : page.items) {
    if (link.Integer("child_id") == oldest.child_id) mother = link.Integer("parent_id");
  }

  NurseryCareService care(context);
  TransitionPlanRequest plan;
  plan.destination = "relatives";
  plan.receiving_party = "Abuela materna, Guadalupe Ramírez Sintética";
  plan.consulted = "La madre; la psicóloga del penal; la abuela; DIF municipal";
  plan.steps = {{FormatDate(AddDays(today, 7)), "La abuela visita la guardería dos tardes"},
                {FormatDate(AddDays(today, 21)), "Primer fin de semana en casa de la abuela"},
                {FormatDate(AddDays(today, 35)), "Una semana en casa, de vuelta el domingo"},
                {FormatDate(AddDays(today, 49)), "Mudanza con la abuela"}};
  if (mother) {
    plan.visit_parent_id = mother;
    plan.visit_frequency = "fortnightly";
  }
  VINCULO_ASSIGN_OR_RETURN(TransitionPlanView saved,
                           care.SaveTransitionPlan(system, oldest.child_id, plan));
  VINCULO_RETURN_IF_ERROR(care.ApproveTransitionPlan(system, saved.plan.id).status());

  VINCULO_ASSIGN_OR_RETURN(
      AuthorisedAdultRow grandmother,
      care.AddAuthorisedAdult(system, oldest.child_id,
                              {"Guadalupe Ramírez Sintética", "abuela", "INE 0000000001"}));
  VINCULO_RETURN_IF_ERROR(
      care.AddAuthorisedAdult(system, oldest.child_id,
                              {"Teresa Ramírez Sintética", "tía", "INE 0000000002"})
          .status());
  VINCULO_ASSIGN_OR_RETURN(
      AuthorisedAdultRow aunt,
      care.AddAuthorisedAdult(system, second.child_id,
                              {"Marisol Hernández Sintética", "tía", "INE 0000000003"}));

  // The oldest went to hospital with her grandmother and came back; the
  // second left for the weekend with her aunt and is a day late.
  VINCULO_ASSIGN_OR_RETURN(
      LeaveRow hospital,
      care.StartLeave(system, oldest.child_id,
                      {grandmother.id, "hospital", DaysAgoAt(today, 12, 8),
                       DaysAgoAt(today, 10, 18), "Revisión en el hospital pediátrico"}));
  VINCULO_RETURN_IF_ERROR(
      care.ReturnFromLeave(system, hospital.id, DaysAgoAt(today, 10, 16)).status());
  VINCULO_RETURN_IF_ERROR(care.StartLeave(system, second.child_id,
                                          {aunt.id, "weekend_with_relatives",
                                           DaysAgoAt(today, 3, 9), DaysAgoAt(today, 1, 18), ""})
                              .status());

  // Check-ups and vaccines done for the youngest children, by the schedule.
  VINCULO_ASSIGN_OR_RETURN(std::vector<HealthScheduleRow> schedule, care.HealthSchedule(system));
  const size_t youngest = std::min<size_t>(3, residents.size());
  for (size_t resident_idx = residents.size() - youngest; resident_idx < residents.size();
       ++resident_idx) {
    const Resident& child = residents[resident_idx];
    auto born = ParseDate(child.date_of_birth, "date_of_birth");
    if (!born.ok()) continue;
    for (const HealthScheduleRow& entry : schedule) {
      const Date due = AddMonths(*born, static_cast<int>(entry.age_months));
      // Everything due more than two months ago was done, a few days late.
      if (AddDays(due, 60) > today || entry.age_months > 6) continue;
      AppointmentRequest done;
      done.schedule_id = entry.id;
      done.done_on = FormatDate(AddDays(due, 3));
      VINCULO_RETURN_IF_ERROR(care.RecordAppointment(system, child.child_id, done).status());
    }
  }
  return Status::Ok();
}

}  // namespace vinculo
