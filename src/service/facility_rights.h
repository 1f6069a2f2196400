// Who acts for a facility (issue 13). A prison is shared by every
// organisation working there: what is the facility's own (its settings, its
// closures, the audit trail of it and of its wings and spaces) is for an
// installation administrator, someone attached to the facility itself, or
// someone of the organisation that runs it (`facilities.organisation_id`).
// Callers add their own role checks (only administrators set closures).
#pragma once

#include "common/status.h"
#include "domain/access.h"
#include "domain/record.h"

namespace vinculo {

// Ok, or kForbidden naming `facility_id`: the facility itself is reference
// data every signed-in user reads, so the refusal does not hide it.
Status MayActForFacility(const Actor& actor, const Record& facility);

}  // namespace vinculo
