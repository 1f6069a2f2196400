// The demo programme's nursery care (issue 3): for the children living in
// the Mexican nursery, an approved transition plan for the child nearest its
// age-out (to the grandmother, with fortnightly visits to the mother), the
// adults authorised to take two children out, a hospital leave that returned
// and a weekend leave that is overdue, and a few check-ups and vaccinations.
// Names are synthetic; dates are relative to the clock's today. Called by
// CreateDemoProgramme once the records exist; each write is its own
// transaction through NurseryCareService, as the system administrator.
#pragma once

#include "service/record_service.h"

namespace vinculo {

// kNotFound when the demo has fewer than two children living inside; any
// error of the services otherwise.
Status SeedNurseryCareDemo(ServiceContext context, RecordService& records);

}  // namespace vinculo
