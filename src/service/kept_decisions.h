// The kept age-out decisions of every child living inside, shared by the
// whole-installation board and forecast (issue 15). Each request reads one
// aggregate (ageout_store::ReadDecisionsStamp) and reads the decisions
// themselves only when it changed since the last read of this database: a
// law change, an admission or a placement changes the stamp in the same
// transaction as the decision, so a request never sees an older decision than
// its own transaction would read. Every server of a deployment checks the
// stamp in the database, so none serves another's stale copy.
//
// The vector holds every decision, whoever may see the child: callers look up
// only the children they have read within the user's scope.
#pragma once

#include <memory>
#include <vector>

#include "common/status.h"
#include "store/ageout_store.h"
#include "store/store.h"

namespace vinculo {

using KeptDecisions = std::shared_ptr<const std::vector<AgeOutDecisionRow>>;

// The decisions as `txn` reads them, by child id; `store` is the database
// `txn` belongs to (the cache is per database).
Result<KeptDecisions> ReadKeptDecisions(const Store& store, Txn& txn);

}  // namespace vinculo
