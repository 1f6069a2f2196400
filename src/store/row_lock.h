// Row locks for the rules that count rows (a cohort's places): the counting
// transaction locks the row that owns the count first, so two requests at the
// same moment take turns instead of both reading the same count. Locks are
// taken in the fixed order docs/operations.md gives, never the other way round.
#pragma once

#include "common/status.h"
#include "store/store.h"

namespace vinculo {

// Locks row `id` of `table` until the transaction ends (PostgreSQL: SELECT
// ... FOR UPDATE). Nothing on SQLite, whose write transaction (BEGIN
// IMMEDIATE) already holds the whole database. `table` is one of ours, never
// user input.
Status LockRow(Txn& txn, const char* table, long long id);

}  // namespace vinculo
