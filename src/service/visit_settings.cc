// An organisation's travel rates for the visit programme (migration 8): the
// speed and cost per km of the great-circle estimates used by the plan build,
// hand bookings and moves, and the distance report, where no route override
// exists. See VisitService::Settings and ChangeSettings.
#include "service/visit_settings.h"

#include <cmath>
#include <cstdio>

#include "store/visit_store.h"

namespace vinculo {
namespace visit_internal {

Result<VisitSettingsRow> OrganisationVisitSettings(Txn& txn, long long organisation_id,
                                                   const VisitOptions& defaults) {
  VINCULO_ASSIGN_OR_RETURN(std::optional<VisitSettingsRow> stored,
                           visit_store::GetVisitSettings(txn, organisation_id));
  if (stored) return *stored;
  VisitSettingsRow settings;
  settings.organisation_id = organisation_id;
  settings.version = 1;
  settings.travel_speed_kmh = defaults.speed_kmh;
  settings.cost_per_km = defaults.cost_per_km;
  settings.notice_hours = defaults.notice_hours;
  settings.longest_child_day_minutes = defaults.longest_child_day_minutes;
  settings.stored = false;
  return settings;
}

}  // namespace visit_internal

namespace {

std::string Rate(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", value);
  return text;
}

}  // namespace

Result<VisitSettingsRow> VisitService::Settings(const Actor& actor, long long organisation_id) {
  VINCULO_RETURN_IF_ERROR(visit_internal::CheckOrganisation(actor, organisation_id, false));
  VisitSettingsRow settings;
  VINCULO_RETURN_IF_ERROR(context_.store->Read([&](Txn& txn) -> Status {
    VINCULO_RETURN_IF_ERROR(txn.Get(OrganisationKind(), organisation_id, actor).status());
    VINCULO_ASSIGN_OR_RETURN(
        settings, visit_internal::OrganisationVisitSettings(txn, organisation_id, options_));
    return Status::Ok();
  }));
  return settings;
}

Result<VisitSettingsRow> VisitService::ChangeSettings(const Actor& actor, long long organisation_id,
                                                      const VisitSettingsChange& change,
                                                      long long expected_version) {
  VINCULO_RETURN_IF_ERROR(visit_internal::CheckOrganisation(actor, organisation_id, true));
  if (!std::isfinite(change.travel_speed_kmh) || change.travel_speed_kmh <= 0 ||
      change.travel_speed_kmh > kMaxTravelSpeedKmh) {
    return InvalidArgument("travel_speed_kmh",
                           "must be more than 0 and at most 200 km/h (an average by road)");
  }
  if (!std::isfinite(change.cost_per_km) || change.cost_per_km < 0 ||
      change.cost_per_km > kMaxCostPerKm) {
    return InvalidArgument("cost_per_km", "must be from 0 to 1000 per km");
  }
  if (change.notice_hours && (*change.notice_hours < 0 || *change.notice_hours > kMaxNoticeHours)) {
    return InvalidArgument("notice_hours",
                           "must be from 0 to 672 hours (28 days): a longer notice than the month "
                           "leaves no session to plan");
  }
  if (change.longest_child_day_hours &&
      (!std::isfinite(*change.longest_child_day_hours) || *change.longest_child_day_hours <= 0 ||
       *change.longest_child_day_hours > kMaxLongestChildDayHours ||
       std::lround(*change.longest_child_day_hours * 60) < 1)) {
    return InvalidArgument("longest_child_day_hours",
                           "must be more than 0 and at most 24 hours, door to door");
  }
  VisitSettingsRow stored;
  VINCULO_RETURN_IF_ERROR(context_.store->Write([&](Txn& txn) -> Status {
    VINCULO_RETURN_IF_ERROR(txn.Get(OrganisationKind(), organisation_id, actor).status());
    VINCULO_ASSIGN_OR_RETURN(VisitSettingsRow before, visit_internal::OrganisationVisitSettings(
                                                          txn, organisation_id, options_));
    VisitSettingsRow row;
    row.organisation_id = organisation_id;
    row.travel_speed_kmh = change.travel_speed_kmh;
    row.cost_per_km = change.cost_per_km;
    row.notice_hours = change.notice_hours.value_or(before.notice_hours);
    row.longest_child_day_minutes = change.longest_child_day_hours
                                        ? std::lround(*change.longest_child_day_hours * 60)
                                        : before.longest_child_day_minutes;
    VINCULO_ASSIGN_OR_RETURN(stored, visit_store::PutVisitSettings(txn, row, expected_version,
                                                                   actor.user_id, context_.Now()));
    return txn.AppendAudit({Event(
        actor, "update", "visit_settings", organisation_id,
        Rate(before.travel_speed_kmh) + " km/h, " + Rate(before.cost_per_km) + " per km to " +
            Rate(row.travel_speed_kmh) + " km/h, " + Rate(row.cost_per_km) + " per km; notice " +
            std::to_string(before.notice_hours) + " h to " + std::to_string(row.notice_hours) +
            " h; a child's longest day " + std::to_string(before.longest_child_day_minutes) +
            " min to " + std::to_string(row.longest_child_day_minutes) + " min")});
  }));
  return stored;
}

}  // namespace vinculo
