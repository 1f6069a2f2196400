// The demo programme's nursery supplies: donations from families and
// charities to the Mexican women's prison's nursery, and stock already handed
// to some of its children (cribs for the youngest, beds for the older ones,
// a month of nappies), so the needs screen shows stock, allocations and a
// shortfall. Deterministic: the same demo gives the same figures. Called by
// CreateDemoProgramme after the records exist; thread-safe as SupplyService.
#pragma once

#include "service/context.h"

namespace vinculo {

// Records the demo donations and allocations for `facility_id` as the system.
// Returns the first error of SupplyService (each write is its own transaction).
Status CreateDemoSupplies(ServiceContext context, long long facility_id);

}  // namespace vinculo
