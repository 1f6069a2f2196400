// Internal to src/cli: opening the database a command works on.
#pragma once

#include <memory>
#include <string>

#include "common/status.h"
#include "store/store.h"

namespace vinculo {

// Opens `db` with `pool_size` connections. kNotFound when the database is not
// initialised, kConflict (naming `vinculo migrate`) when its schema is older
// than this release's; the store otherwise.
Result<std::unique_ptr<Store>> OpenReady(const std::string& db, int pool_size);

}  // namespace vinculo
