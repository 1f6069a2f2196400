#include "domain/outcome_measures.h"

#include <map>
#include <set>
#include <utility>

namespace vinculo {

const std::vector<MeasureDefinition>& OutcomeMeasures() {
  static const std::vector<MeasureDefinition> kMeasures = {
      {OutcomeMeasure::kVisitsPerChild, "visits_per_child", "Visitas por niña o niño",
       "Visits per child", "visits of the month's published plans recorded as attended",
       "children with at least one imprisoned parent to visit (an active visit requirement, the "
       "parent not released)",
       "calendar month of the session",
       "visitas de los planes publicados del mes registradas como realizadas",
       "niñas y niños con al menos una madre o un padre en prisión por visitar (un requisito de "
       "visita activo, sin liberación)",
       "mes calendario de la sesión", MeasureUnit::kPerUnit, true},
      {OutcomeMeasure::kMonthlyContact, "monthly_contact_share",
       "Niñas y niños en contacto mensual con cada madre o padre",
       "Children in monthly contact with each parent",
       "children with an attended visit to every imprisoned parent they have a requirement for",
       "children with at least one imprisoned parent to visit", "calendar month of the session",
       "niñas y niños con una visita realizada a cada madre o padre en prisión de sus requisitos",
       "niñas y niños con al menos una madre o un padre en prisión por visitar",
       "mes calendario de la sesión", MeasureUnit::kShare, true},
      {OutcomeMeasure::kMoodBefore, "mood_before_mean", "Ánimo antes de la visita (1-5)",
       "Mood before the visit (1-5)",
       "sum of the caregiver's scores before attended visits scored both before and after",
       "attended visits scored both before and after", "calendar month of the session",
       "suma de las puntuaciones de la persona cuidadora antes de las visitas realizadas puntuadas "
       "antes y después",
       "visitas realizadas puntuadas antes y después", "mes calendario de la sesión",
       MeasureUnit::kMeanScore, false},
      {OutcomeMeasure::kMoodAfter, "mood_after_mean", "Ánimo después de la visita (1-5)",
       "Mood after the visit (1-5)",
       "sum of the caregiver's scores after attended visits scored both before and after",
       "attended visits scored both before and after", "calendar month of the session",
       "suma de las puntuaciones de la persona cuidadora después de las visitas realizadas "
       "puntuadas antes y después",
       "visitas realizadas puntuadas antes y después", "mes calendario de la sesión",
       MeasureUnit::kMeanScore, false},
      {OutcomeMeasure::kMoodImproved, "mood_improved_share",
       "Visitas con mejor ánimo después que antes", "Visits with a better mood after than before",
       "attended visits scored higher after than before",
       "attended visits scored both before and after", "calendar month of the session",
       "visitas realizadas con mejor puntuación después que antes",
       "visitas realizadas puntuadas antes y después", "mes calendario de la sesión",
       MeasureUnit::kShare, true},
      {OutcomeMeasure::kWorkshopCompletion, "workshop_completion_share",
       "Talleres de crianza completados", "Parenting workshops completed",
       "places whose parent attended the cohort's completion share of sessions (75 % by default)",
       "places (enrolled, completed or left; not the waiting list) in the organisation's cohorts "
       "whose last session falls in the month",
       "month of the cohort's last session",
       "plazas cuya madre o padre asistió a la proporción de sesiones que completa el grupo (75 % "
       "por defecto)",
       "plazas (inscritas, completadas o dejadas; no la lista de espera) en los grupos de la "
       "organización cuya última sesión cae en el mes",
       "mes de la última sesión del grupo", MeasureUnit::kShare, true},
      {OutcomeMeasure::kAgeOutsPlannedInTime, "age_outs_planned_in_time_share",
       "Egresos por edad con plan a tiempo", "Age-outs with a plan made in time",
       "age-outs whose transition plan was approved at least 90 days before the age-out date",
       "children of the organisation's nurseries whose age-out date falls in the month (still "
       "inside), or who left the nursery in the month",
       "calendar month of the age-out date",
       "egresos cuyo plan de transición se aprobó al menos 90 días antes de la fecha de egreso",
       "niñas y niños de las guarderías de la organización cuya fecha de egreso cae en el mes (aún "
       "dentro), o que salieron de la guardería en el mes",
       "mes calendario de la fecha de egreso", MeasureUnit::kShare, true},
      {OutcomeMeasure::kLeaveReturnsOnTime, "leave_returns_on_time_share",
       "Salidas con regreso a tiempo", "Leaves returned on time",
       "leaves returned at or before their due time",
       "leaves from the organisation's nurseries due back in the month (UTC)",
       "calendar month of the due time", "salidas que regresaron a su hora prevista o antes",
       "salidas de las guarderías de la organización con regreso previsto en el mes (UTC)",
       "mes calendario del regreso previsto", MeasureUnit::kShare, true},
      {OutcomeMeasure::kKilometresPerVisit, "kilometres_per_visit", "Kilómetros por visita",
       "Kilometres per visit",
       "kilometres of the month's trips, there and back (great-circle distance home-prison)",
       "visits recorded as attended", "calendar month of the trip",
       "kilómetros de los viajes del mes, ida y vuelta (distancia geodésica hogar-prisión)",
       "visitas registradas como realizadas", "mes calendario del viaje", MeasureUnit::kKilometres,
       false},
      {OutcomeMeasure::kCostPerVisit, "travel_cost_per_visit", "Costo de viaje por visita",
       "Travel cost per visit", "travel cost of the month's trips as the plans priced them",
       "visits recorded as attended", "calendar month of the trip",
       "costo de los viajes del mes según los planes", "visitas registradas como realizadas",
       "mes calendario del viaje", MeasureUnit::kMoney, false},
      {OutcomeMeasure::kReleasesPlannedAhead, "releases_planned_ahead_share",
       "Liberaciones con plan de reunificación previo",
       "Releases with a reunification plan made before",
       "released parents whose first reunification plan was opened on or before the release date",
       "parents of the organisation's children (a parent-child link) whose release date falls in "
       "the month",
       "calendar month of the release date",
       "madres y padres liberados cuyo primer plan de reunificación se abrió el día de la "
       "liberación o antes",
       "madres y padres de niñas y niños de la organización (un vínculo madre/padre-hijo) cuya "
       "fecha de liberación cae en el mes",
       "mes calendario de la fecha de liberación", MeasureUnit::kShare, true},
      {OutcomeMeasure::kChildrenBackWithParent, "children_with_released_parent_share",
       "Niñas y niños con la madre o el padre liberado", "Children placed with the released parent",
       "those children whose placement on the month's last day is with the released parent",
       "children of the organisation with a parent released in the month",
       "calendar month of the release date",
       "esas niñas y niños cuya situación el último día del mes es con la madre o el padre "
       "liberado",
       "niñas y niños de la organización con una madre o un padre liberado en el mes",
       "mes calendario de la fecha de liberación", MeasureUnit::kShare, true},
      {OutcomeMeasure::kFollowUpContactsInPeriod, "follow_up_contacts_share",
       "Familias con contacto de seguimiento en el mes", "Families followed up in the month",
       "those families with at least one follow-up contact dated in the month",
       "released parents of the organisation's children within their follow-up period (release "
       "date to release date + the organisation's follow-up days, 180 by default) on some day of "
       "the month",
       "calendar month of the contact",
       "esas familias con al menos un contacto de seguimiento fechado en el mes",
       "madres y padres liberados de niñas y niños de la organización dentro de su periodo de "
       "seguimiento (de la liberación a la liberación + los días de seguimiento de la "
       "organización, 180 por defecto) algún día del mes",
       "mes calendario del contacto", MeasureUnit::kShare, true},
  };
  return kMeasures;
}

const MeasureDefinition& DefinitionOf(OutcomeMeasure measure) {
  for (const MeasureDefinition& definition : OutcomeMeasures()) {
    if (definition.measure == measure) return definition;
  }
  return OutcomeMeasures().front();  // unreachable: every measure is listed
}

bool PlannedInTime(const Date& age_out, const std::optional<Date>& approved_on) {
  return approved_on && DaysBetween(*approved_on, age_out) >= kTransitionPlanLeadDays;
}

bool InFollowUpPeriod(const Date& released_on, long long follow_up_days, const Date& first,
                      const Date& last) {
  return released_on <= last && AddDays(released_on, follow_up_days) >= first;
}

namespace {

MeasureValue Ratio(OutcomeMeasure measure, double numerator, long long denominator) {
  MeasureValue value;
  value.measure = measure;
  value.numerator = numerator;
  value.denominator = denominator;
  if (denominator > 0) value.value = numerator / static_cast<double>(denominator);
  return value;
}

bool Scored(const VisitFact& visit) {
  return visit.attended.value_or(false) && visit.mood_before && visit.mood_after;
}

}  // namespace

std::vector<MeasureValue> ComputeOutcomes(const MonthFacts& facts) {
  // Children and the parents each must see.
  std::map<long long, std::set<long long>> parents_of_child;
  for (const ContactPair& pair : facts.pairs)
    parents_of_child[pair.child_id].insert(pair.parent_id);
  const auto children = static_cast<long long>(parents_of_child.size());

  long long attended = 0;
  std::set<std::pair<long long, long long>> pairs_seen;
  long long scored = 0;
  double before_sum = 0;
  double after_sum = 0;
  long long improved = 0;
  for (const VisitFact& visit : facts.visits) {
    if (!visit.attended.value_or(false)) continue;
    ++attended;
    pairs_seen.insert({visit.child_id, visit.parent_id});
    if (Scored(visit)) {
      ++scored;
      before_sum += *visit.mood_before;
      after_sum += *visit.mood_after;
      if (*visit.mood_after > *visit.mood_before) ++improved;
    }
  }
  long long in_contact = 0;
  for (const auto& [child_id, parents] : parents_of_child) {
    bool every_parent = true;
    for (long long parent_id : parents) every_parent &= pairs_seen.count({child_id, parent_id}) > 0;
    if (every_parent) ++in_contact;
  }
  double kilometres = 0;
  double cost = 0;
  for (const TripFact& trip : facts.trips) {
    kilometres += trip.kilometres;
    cost += trip.cost;
  }
  long long completed = 0;
  for (const PlaceFact& place : facts.places) completed += place.completed ? 1 : 0;
  long long in_time = 0;
  for (const AgeOutFact& age_out : facts.age_outs) {
    in_time += PlannedInTime(age_out.age_out, age_out.plan_approved_on) ? 1 : 0;
  }
  long long on_time = 0;
  for (const LeaveFact& leave : facts.leaves) {
    // ISO UTC timestamps compare as text.
    on_time += leave.returned_at && *leave.returned_at <= leave.due_back_at ? 1 : 0;
  }

  // Release and reunification: releases of the month, and the families
  // within their follow-up period in it.
  long long released = 0, planned_ahead = 0, in_period = 0, contacted = 0;
  for (const ReleaseFact& release : facts.releases) {
    if (release.released_on >= facts.first_day && release.released_on <= facts.last_day) {
      ++released;
      planned_ahead += release.plan_opened_on && *release.plan_opened_on <= release.released_on;
    }
    if (!InFollowUpPeriod(release.released_on, facts.follow_up_days, facts.first_day,
                          facts.last_day)) {
      continue;
    }
    ++in_period;
    bool in_month = false;
    for (const Date& contact : release.contacts) {
      in_month |= contact >= facts.first_day && contact <= facts.last_day;
    }
    contacted += in_month;
  }
  // A child with both parents released in the month counts once.
  std::map<long long, bool> children_back;
  for (const ReleasedChildFact& child : facts.released_children) {
    children_back[child.child_id] |= child.with_released_parent;
  }
  long long back = 0;
  for (const auto& [child_id, with_parent] : children_back) back += with_parent;

  // Every element of OutcomeMeasures(), in its order.
  return {
      Ratio(OutcomeMeasure::kVisitsPerChild, static_cast<double>(attended), children),
      Ratio(OutcomeMeasure::kMonthlyContact, static_cast<double>(in_contact), children),
      Ratio(OutcomeMeasure::kMoodBefore, before_sum, scored),
      Ratio(OutcomeMeasure::kMoodAfter, after_sum, scored),
      Ratio(OutcomeMeasure::kMoodImproved, static_cast<double>(improved), scored),
      Ratio(OutcomeMeasure::kWorkshopCompletion, static_cast<double>(completed),
            static_cast<long long>(facts.places.size())),
      Ratio(OutcomeMeasure::kAgeOutsPlannedInTime, static_cast<double>(in_time),
            static_cast<long long>(facts.age_outs.size())),
      Ratio(OutcomeMeasure::kLeaveReturnsOnTime, static_cast<double>(on_time),
            static_cast<long long>(facts.leaves.size())),
      Ratio(OutcomeMeasure::kKilometresPerVisit, kilometres, attended),
      Ratio(OutcomeMeasure::kCostPerVisit, cost, attended),
      Ratio(OutcomeMeasure::kReleasesPlannedAhead, static_cast<double>(planned_ahead), released),
      Ratio(OutcomeMeasure::kChildrenBackWithParent, static_cast<double>(back),
            static_cast<long long>(children_back.size())),
      Ratio(OutcomeMeasure::kFollowUpContactsInPeriod, static_cast<double>(contacted), in_period),
  };
}

}  // namespace vinculo
