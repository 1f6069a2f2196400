// What every service needs: the store, the clock and the audit log. Owned by
// the caller (the `serve` command or a test), borrowed by the services.
#pragma once

#include "common/date.h"
#include "service/audit_log.h"
#include "store/store.h"

namespace vinculo {

struct ServiceContext {
  Store* store = nullptr;
  const Clock* clock = nullptr;
  AuditLog* audit = nullptr;

  std::string Now() const { return FormatTimestamp(clock->Now()); }
  Date Today() const { return UtcDate(clock->Now()); }
};

}  // namespace vinculo
