// The demo programme's parenting workshops: one running cohort for mothers
// and one for fathers of the village's children held in one prison, in its
// chapel, every 15 days, led by the village's psychologist, with attendance
// marked for the sessions already held. Dates are relative to today.
#pragma once

#include "service/context.h"

namespace vinculo {

// kNotFound when the facility has no chapel or the organisation no social
// worker; any error of WorkshopService otherwise.
Status CreateDemoWorkshops(ServiceContext context, long long facility_id,
                           long long organisation_id);

}  // namespace vinculo
