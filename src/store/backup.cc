#include "store/backup.h"

#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <vector>

namespace vinculo {
namespace {

// Pages copied per step of the online backup; between steps the source is
// unlocked, so a serving process's writers wait at most one step.
constexpr int kPagesPerStep = 256;
constexpr int kBusyPauseMs = 20;
// The SQLite file header: 16 bytes of magic, the page size at offset 16
// (big-endian, 1 meaning 65536) and the page count at offset 28.
constexpr std::string_view kSqliteMagic("SQLite format 3\0", 16);

bool IsPostgres(const std::string& target) {
  return target.find("dbname=") != std::string::npos || target.find("host=") != std::string::npos ||
         target.rfind("postgres", 0) == 0;
}

struct SqliteCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using SqliteHandle = std::unique_ptr<sqlite3, SqliteCloser>;

Result<SqliteHandle> OpenSqlite(const std::string& path, int flags) {
  sqlite3* raw = nullptr;
  const int code = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  SqliteHandle db(raw);
  if (code != SQLITE_OK) {
    return Status(StatusCode::kUnavailable, "cannot open " + path + ": " +
                                                (raw ? sqlite3_errmsg(raw) : sqlite3_errstr(code)));
  }
  sqlite3_busy_timeout(db.get(), 5000);
  return db;
}

// Copies all of `from` into `to` with the online backup API.
Status CopySqlite(sqlite3* from, sqlite3* to, const std::string& what) {
  sqlite3_backup* backup = sqlite3_backup_init(to, "main", from, "main");
  if (!backup) return Status(StatusCode::kUnavailable, what + ": " + sqlite3_errmsg(to));
  int code = SQLITE_OK;
  do {
    code = sqlite3_backup_step(backup, kPagesPerStep);
    if (code == SQLITE_BUSY || code == SQLITE_LOCKED) sqlite3_sleep(kBusyPauseMs);
  } while (code == SQLITE_OK || code == SQLITE_BUSY || code == SQLITE_LOCKED);
  sqlite3_backup_finish(backup);
  if (code != SQLITE_DONE) {
    return Status(StatusCode::kUnavailable, what + ": " + sqlite3_errstr(code));
  }
  return Status::Ok();
}

// The newest schema_migrations version of an open SQLite database; 0 if it
// has none, -1 if it has no such table.
int SqliteSchemaVersion(sqlite3* db) {
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT MAX(version) FROM schema_migrations", -1, &statement,
                         nullptr) != SQLITE_OK) {
    return -1;
  }
  int version = 0;
  if (sqlite3_step(statement) == SQLITE_ROW) version = sqlite3_column_int(statement, 0);
  sqlite3_finalize(statement);
  return version;
}

// Checks that `path` is a whole SQLite file: its header's page count times
// its page size is its size, and SQLite's quick_check finds nothing wrong.
Status CheckSqliteFile(const std::string& path) {
  std::error_code error;
  const auto size = std::filesystem::file_size(path, error);
  if (error) return Status(StatusCode::kNotFound, "cannot read " + path);
  std::array<unsigned char, 100> header{};
  std::ifstream file(path, std::ios::binary);
  file.read(reinterpret_cast<char*>(header.data()), header.size());
  if (!file || std::string_view(reinterpret_cast<const char*>(header.data()), 16) != kSqliteMagic) {
    return InvalidArgument("file", path + " is not a Vínculo backup (not a SQLite database)");
  }
  unsigned long long page_size = (header[16] << 8) | header[17];
  if (page_size == 1) page_size = 65536;
  const unsigned long long pages = (static_cast<unsigned long long>(header[28]) << 24) |
                                   (header[29] << 16) | (header[30] << 8) | header[31];
  if (pages == 0 || page_size * pages != size) {
    return InvalidArgument("file", path + " is truncated or damaged: " + std::to_string(size) +
                                       " bytes where its header says " +
                                       std::to_string(page_size * pages));
  }
  auto db = OpenSqlite(path, SQLITE_OPEN_READONLY);
  if (!db.ok()) return InvalidArgument("file", db.status().message());
  sqlite3_stmt* statement = nullptr;
  std::string verdict;
  if (sqlite3_prepare_v2(db->get(), "PRAGMA quick_check", -1, &statement, nullptr) == SQLITE_OK &&
      sqlite3_step(statement) == SQLITE_ROW) {
    const unsigned char* text = sqlite3_column_text(statement, 0);
    verdict = text ? reinterpret_cast<const char*>(text) : "";
  }
  sqlite3_finalize(statement);
  if (verdict != "ok") {
    return InvalidArgument("file",
                           path + " is damaged: " + (verdict.empty() ? "unreadable" : verdict));
  }
  return Status::Ok();
}

// Runs a program with arguments (no shell); its standard output goes to
// `output` when given. Returns its exit status, or -1 if it could not start.
int RunProgram(const std::vector<std::string>& arguments, std::string* output) {
  int pipe_fds[2] = {-1, -1};
  if (output && pipe(pipe_fds) != 0) return -1;
  const pid_t pid = fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    if (output) {
      dup2(pipe_fds[1], STDOUT_FILENO);
      close(pipe_fds[0]);
      close(pipe_fds[1]);
    }
    std::vector<char*> argv;
    for (const std::string& argument : arguments)
      argv.push_back(const_cast<char*>(argument.c_str()));
    argv.push_back(nullptr);
    execvp(argv[0], argv.data());
    _exit(127);
  }
  if (output) {
    close(pipe_fds[1]);
    std::array<char, 4096> buffer;
    ssize_t count = 0;
    while ((count = read(pipe_fds[0], buffer.data(), buffer.size())) > 0) {
      output->append(buffer.data(), static_cast<size_t>(count));
    }
    close(pipe_fds[0]);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// The schema named by "options='-c search_path=NAME'" in a connection string.
std::string SearchPathSchema(const std::string& target) {
  const std::string key = "search_path=";
  const size_t at = target.find(key);
  if (at == std::string::npos) return {};
  const size_t start = at + key.size();
  size_t end = target.find_first_of("' ,", start);
  if (end == std::string::npos) end = target.size();
  return target.substr(start, end - start);
}

Result<BackupReport> BackupPostgres(const std::string& target, const std::string& out_path) {
  std::vector<std::string> command = {"pg_dump", "--format=custom", "--no-owner",
                                      "--file=" + out_path, "--dbname=" + target};
  const std::string schema = SearchPathSchema(target);
  if (!schema.empty()) command.push_back("--schema=" + schema);
  if (RunProgram(command, nullptr) != 0) {
    std::filesystem::remove(out_path);
    return Status(StatusCode::kUnavailable, "pg_dump failed (see its message above)");
  }
  BackupReport report;
  std::error_code error;
  report.bytes = static_cast<long long>(std::filesystem::file_size(out_path, error));
  return report;
}

Result<BackupReport> RestorePostgres(const std::string& target, const std::string& in_path,
                                     int latest_schema_version) {
  // The whole archive must read: pg_restore --list walks its table of
  // contents, and the data of schema_migrations gives its schema version.
  std::string listing;
  if (RunProgram({"pg_restore", "--list", in_path}, &listing) != 0 || listing.empty()) {
    return InvalidArgument("file", in_path + " is not a readable pg_dump archive (truncated?)");
  }
  std::string migrations;
  if (RunProgram({"pg_restore", "--data-only", "--table=schema_migrations", "--file=-", in_path},
                 &migrations) != 0) {
    return InvalidArgument("file", in_path + " is truncated or damaged");
  }
  int version = 0;
  bool in_copy = false;
  size_t start = 0;
  while (start < migrations.size()) {
    size_t end = migrations.find('\n', start);
    if (end == std::string::npos) end = migrations.size();
    const std::string line = migrations.substr(start, end - start);
    if (line.rfind("COPY ", 0) == 0) {
      in_copy = true;
    } else if (line == "\\.") {
      in_copy = false;
    } else if (in_copy) {
      version = std::max(version, std::atoi(line.c_str()));
    }
    start = end + 1;
  }
  if (version == 0) return InvalidArgument("file", in_path + " is not a Vínculo backup");
  if (version > latest_schema_version) {
    return Status(StatusCode::kConflict, "the backup's schema (version " + std::to_string(version) +
                                             ") is newer than this program knows (" +
                                             std::to_string(latest_schema_version) +
                                             "); restore it with a newer vinculo");
  }
  if (RunProgram({"pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction",
                  "--exit-on-error", "--dbname=" + target, in_path},
                 nullptr) != 0) {
    return Status(StatusCode::kUnavailable, "pg_restore failed (see its message above)");
  }
  BackupReport report;
  report.schema_version = version;
  return report;
}

}  // namespace

Result<BackupReport> BackupDatabase(const std::string& target, const std::string& out_path) {
  if (IsPostgres(target)) return BackupPostgres(target, out_path);
  auto source = OpenSqlite(target, SQLITE_OPEN_READONLY);
  if (!source.ok()) return source.status();
  const int version = SqliteSchemaVersion(source->get());
  if (version <= 0) {
    return Status(StatusCode::kNotFound, target + " is not an initialised Vínculo database");
  }
  const std::string partial = out_path + ".partial";
  std::filesystem::remove(partial);
  {
    auto destination = OpenSqlite(partial, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    if (!destination.ok()) return destination.status();
    Status copied = CopySqlite(source->get(), destination->get(), "backing up " + target);
    if (!copied.ok()) {
      destination->reset();
      std::filesystem::remove(partial);
      return copied;
    }
    // The copy keeps the source's WAL mode; a backup is one self-contained file.
    sqlite3_exec(destination->get(), "PRAGMA journal_mode=DELETE", nullptr, nullptr, nullptr);
  }
  std::error_code error;
  std::filesystem::rename(partial, out_path, error);
  if (error) return Status(StatusCode::kUnavailable, "cannot write " + out_path);
  BackupReport report;
  report.schema_version = version;
  report.bytes = static_cast<long long>(std::filesystem::file_size(out_path, error));
  return report;
}

Result<BackupReport> RestoreDatabase(const std::string& target, const std::string& in_path,
                                     int latest_schema_version) {
  if (IsPostgres(target)) return RestorePostgres(target, in_path, latest_schema_version);
  VINCULO_RETURN_IF_ERROR(CheckSqliteFile(in_path));
  auto backup = OpenSqlite(in_path, SQLITE_OPEN_READONLY);
  if (!backup.ok()) return backup.status();
  const int version = SqliteSchemaVersion(backup->get());
  if (version <= 0) return InvalidArgument("file", in_path + " is not a Vínculo backup");
  if (version > latest_schema_version) {
    return Status(StatusCode::kConflict, "the backup's schema (version " + std::to_string(version) +
                                             ") is newer than this program knows (" +
                                             std::to_string(latest_schema_version) +
                                             "); restore it with a newer vinculo");
  }
  auto destination = OpenSqlite(target, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  if (!destination.ok()) return destination.status();
  // The backup API replaces the target in one transaction: a failure leaves
  // it as it was.
  VINCULO_RETURN_IF_ERROR(CopySqlite(backup->get(), destination->get(), "restoring " + target));
  BackupReport report;
  report.schema_version = version;
  std::error_code error;
  report.bytes = static_cast<long long>(std::filesystem::file_size(in_path, error));
  return report;
}

}  // namespace vinculo
