#include "service/demo_reunification.h"

#include <map>
#include <optional>
#include <string>

#include "service/reunification_service.h"

namespace vinculo {
namespace {

// The father's release, days from today: inside the 90-day alert window.
constexpr long long kDemoReleaseInDays = 45;
// The shortest sentence of the demo's facilities: three years (demo_programme.cc).
constexpr long long kDemoShortestSentenceDays = 3 * 365;

struct DemoStep {
  const char* kind;
  const char* description;
  const char* owner;  // demo username
  long long due_in_days;
  StepStatus status;
};

// One step overdue (the school place), one in progress, one done, one ahead.
constexpr DemoStep kDemoSteps[] = {
    {"housing", "Alquiler de un cuarto cerca de la casa hogar, con apoyo municipal", "psicologa",
     20, StepStatus::kInProgress},
    {"school_place", "Vacante en la escuela de Huanta para el hijo mayor", "coordinadora", -5,
     StepStatus::kPending},
    {"custody_legal", "Audiencia de tenencia: informe social presentado", "psicologa", -30,
     StepStatus::kDone},
    {"contact_before_release", "Dos visitas más al mes antes de la libertad", "coordinadora", 30,
     StepStatus::kPending},
};

}  // namespace

Status SeedReunificationDemo(ServiceContext context, RecordService& records, long long huanta,
                             long long village) {
  const Actor system = Actor::System();
  const Date release = AddDays(context.Today(), kDemoReleaseInDays);
  // A parent whose sentence, released then, is still one the demo's
  // facilities describe (at least kDemoShortestSentenceDays): the Huanta
  // father of the split family when his fits, else the first that does.
  std::optional<Record> chosen;
  for (std::optional<long long> facility :
       {std::optional<long long>(huanta), std::optional<long long>()}) {
    ListQuery query;
    query.filters["organisation_id"] = village;
    if (facility) query.filters["facility_id"] = *facility;
    query.limit = 500;
    VINCULO_ASSIGN_OR_RETURN(Page held, records.List(system, ParentKind(), query));
    for (const Record& parent : held.items) {
      auto admitted = ParseDate(parent.Text("admission_date").value_or(""), "admission_date");
      if (parent.Text("custody_status") == "incarcerated" && admitted.ok() &&
          DaysBetween(*admitted, release) >= kDemoShortestSentenceDays) {
        chosen = parent;
        break;
      }
    }
    if (chosen) break;
  }
  if (!chosen) return Internal("demo: no parent to release in 45 days");
  const Record& father = *chosen;
  VINCULO_RETURN_IF_ERROR(records
                              .Update(system, ParentKind(), father.id, father.version,
                                      {{"expected_release_date", FormatDate(release)}})
                              .status());

  std::map<std::string, User> users;
  VINCULO_RETURN_IF_ERROR(context.store->Read([&](Txn& txn) -> Status {
    for (const char* name : {"coordinadora", "psicologa"}) {
      VINCULO_ASSIGN_OR_RETURN(users[name], txn.FindUser(name));
    }
    return Status::Ok();
  }));
  const User& coordinator = users.at("coordinadora");
  Actor actor;
  actor.user_id = coordinator.id;
  actor.username = coordinator.username;
  actor.role = coordinator.role;
  actor.organisation_id = village;
  actor.remote_address = "demo";
  ReunificationService plans(context);
  VINCULO_ASSIGN_OR_RETURN(
      ReunificationPlan plan,
      plans.CreatePlan(actor, father.id, "Volver a vivir con sus dos hijos en Huanta"));
  for (const DemoStep& demo : kDemoSteps) {
    NewReunificationStep step;
    step.kind = demo.kind;
    step.description = demo.description;
    step.owner_user_id = users.at(demo.owner).id;
    step.due_on = FormatDate(AddDays(context.Today(), demo.due_in_days));
    step.status = demo.status;
    VINCULO_RETURN_IF_ERROR(plans.AddStep(actor, plan.plan.id, step).status());
  }
  return Status::Ok();
}

}  // namespace vinculo
