#include "service/facility_rights.h"

namespace vinculo {

Status MayActForFacility(const Actor& actor, const Record& facility) {
  if (actor.IsGlobal()) return Status::Ok();
  if (actor.facility_id && *actor.facility_id == facility.id) return Status::Ok();
  const std::optional<long long> runner = facility.Integer("organisation_id");
  if (actor.organisation_id && runner && *actor.organisation_id == *runner) return Status::Ok();
  return Forbidden(
      "only the facility's own administrators or an installation administrator act for it",
      "facility_id");
}

}  // namespace vinculo
