#include "store/row_lock.h"

#include <soci/soci.h>

#include <string>

namespace vinculo {

Status LockRow(Txn& txn, const char* table, long long id) {
  if (txn.engine() == Engine::kSqlite) return Status::Ok();
  try {
    long long found = 0;
    soci::indicator indicator = soci::i_null;
    txn.session() << "SELECT id FROM " + std::string(table) + " WHERE id = :id FOR UPDATE",
        soci::use(id), soci::into(found, indicator);
    return Status::Ok();
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "locking a row");
  }
}

}  // namespace vinculo
