// Materialisation of visiting sessions from their templates, shared by the
// visits module and by the workshops module (which must see every visiting
// session of a space before it books it). Service level: it reads templates
// and writes sessions through visit_store inside the caller's transaction.
#pragma once

#include <string>

#include "common/date.h"
#include "common/status.h"
#include "store/store.h"

namespace vinculo {

// Creates the sessions of the facility's templates that fall from `first` to
// `last` and do not exist yet; existing sessions (booked, blocked) are kept.
Status MaterialiseVisitSessions(Txn& txn, long long facility_id, const Date& first,
                                const Date& last, const std::string& now);

}  // namespace vinculo
