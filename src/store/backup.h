// Backups of a Vínculo database and their restore, on either engine.
//
// SQLite: SQLite's online backup API copies the database page by page from a
// connection of its own, so a server may keep reading and writing meanwhile
// (a write during the copy restarts it; the copy is of one consistent
// moment). The backup is itself a SQLite file, written next to its target and
// renamed into place only when complete.
// PostgreSQL: pg_dump's custom format (of the schema on the connection's
// search_path when it names one), restored with pg_restore --clean.
//
// A restore first checks the file whole: a truncated or damaged file, a file
// that is no Vínculo database, or one from a newer schema than this binary
// knows is refused and the target is left untouched. Thread-compatible: one
// call at a time per target.
#pragma once

#include <string>

#include "common/status.h"

namespace vinculo {

struct BackupReport {
  int schema_version = 0;
  long long bytes = 0;
};

// Copies the database `target` (what `vinculo --db` takes) to the file
// `out_path`. kUnavailable if the database cannot be read or the file
// written (or pg_dump fails).
Result<BackupReport> BackupDatabase(const std::string& target, const std::string& out_path);

// Replaces the contents of database `target` by the backup `in_path`.
// kInvalidArgument (field "file") for a truncated, damaged or foreign file;
// kConflict for a backup from a newer schema than `latest_schema_version`.
Result<BackupReport> RestoreDatabase(const std::string& target, const std::string& in_path,
                                     int latest_schema_version);

}  // namespace vinculo
