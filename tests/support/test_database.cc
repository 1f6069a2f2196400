#include "support/test_database.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <random>

#include "service/secrets.h"
#include "store/schema.h"

namespace vinculo::testing {
namespace {

std::string UniqueSuffix() {
  static std::atomic<int> counter{0};
  std::random_device device;
  return std::to_string(getpid()) + "_" + std::to_string(counter++) + "_" +
         std::to_string(device() % 100000);
}

// The hash of `text`, in hex.
std::string Hex(const std::string& text) {
  char hex[17];
  std::snprintf(hex, sizeof(hex), "%016zx", std::hash<std::string>{}(text));
  return hex;
}

// Names the migrated template after what the migrations say, so a changed
// migration gets a new template instead of a stale copy.
std::string MigrationsFingerprint() {
  std::string text;
  for (const Migration& migration : Migrations()) {
    text += std::to_string(migration.version) + migration.sql;
    if (migration.postgres_sql) text += migration.postgres_sql;
  }
  return std::to_string(Store::LatestSchemaVersion()) + "_" + Hex(text);
}

// Holds an exclusive flock on a file for its lifetime: test processes run in
// parallel (ctest -j), and only the first may build a template.
class FileLock {
 public:
  explicit FileLock(const std::string& path) : fd_(open(path.c_str(), O_CREAT | O_RDWR, 0600)) {
    if (fd_ >= 0) flock(fd_, LOCK_EX);
  }
  ~FileLock() {
    if (fd_ >= 0) close(fd_);  // releases the lock
  }
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

 private:
  int fd_;
};

Status Migrated(const std::string& target) {
  auto store = Store::Open(target, 1);
  if (!store.ok()) return store.status();
  return (*store)->Migrate().status();
}

// A migrated SQLite file for this set of migrations, built once per machine
// (the first test process builds it under a lock; a copy is a file copy).
Result<std::string> SqliteTemplate() {
  const auto folder = std::filesystem::temp_directory_path();
  const std::string path =
      (folder / ("vinculo_test_template_" + MigrationsFingerprint() + ".db")).string();
  if (std::filesystem::exists(path)) return path;
  FileLock lock(path + ".lock");
  if (std::filesystem::exists(path)) return path;
  const std::string building = path + ".building_" + UniqueSuffix();
  VINCULO_RETURN_IF_ERROR(Migrated(building));  // closing it checkpoints the WAL
  std::error_code error;
  std::filesystem::rename(building, path, error);
  if (error) return Internal("cannot keep the template database: " + error.message());
  return path;
}

// The PostgreSQL connection string `base` with another dbname.
std::string WithDatabase(const std::string& base, const std::string& database) {
  std::string target;
  size_t start = 0;
  while (start < base.size()) {
    size_t end = base.find(' ', start);
    if (end == std::string::npos) end = base.size();
    const std::string part = base.substr(start, end - start);
    if (!part.empty() && part.rfind("dbname=", 0) != 0) target += part + " ";
    start = end + 1;
  }
  return target + "dbname=" + database;
}

// A migrated PostgreSQL database for this set of migrations, built once per
// server (under an advisory lock) and renamed into place when complete, so a
// test only ever clones a finished template.
Result<std::string> PostgresTemplate(Store& admin, const std::string& base) {
  const std::string name = "vinculo_template_" + MigrationsFingerprint();
  // Never connect to the template itself: CREATE DATABASE ... TEMPLATE fails
  // while anyone is connected to it. Ask the catalogue instead.
  auto exists = [&] {
    return admin
        .Read([&](Txn& txn) {
          return txn.Execute(
              "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = '" + name +
              "') THEN RAISE EXCEPTION 'no template yet'; END IF; END $$");
        })
        .ok();
  };
  if (exists()) return name;
  VINCULO_RETURN_IF_ERROR(
      admin.Read([](Txn& txn) { return txn.Execute("SELECT pg_advisory_lock(1414141414)"); }));
  Status built = [&]() -> Status {
    if (exists()) return Status::Ok();
    const std::string building = name + "_building";
    VINCULO_RETURN_IF_ERROR(
        admin.Read([&](Txn& txn) { return txn.Execute("DROP DATABASE IF EXISTS " + building); }));
    VINCULO_RETURN_IF_ERROR(
        admin.Read([&](Txn& txn) { return txn.Execute("CREATE DATABASE " + building); }));
    VINCULO_RETURN_IF_ERROR(Migrated(WithDatabase(base, building)));
    return admin.Read(
        [&](Txn& txn) { return txn.Execute("ALTER DATABASE " + building + " RENAME TO " + name); });
  }();
  (void)admin.Read([](Txn& txn) { return txn.Execute("SELECT pg_advisory_unlock(1414141414)"); });
  VINCULO_RETURN_IF_ERROR(built);
  return name;
}

// The output of `command` (stdout and stderr) and its exit status.
std::pair<int, std::string> Output(const std::string& command) {
  std::string out;
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return {-1, out};
  char buffer[4096];
  size_t read = 0;
  while ((read = fread(buffer, 1, sizeof(buffer), pipe)) > 0) out.append(buffer, read);
  const int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

std::string Quoted(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

// A program as built: its path, size and modification time.
std::string ProgramFingerprint(const std::string& program) {
  struct stat info {};
  stat(program.c_str(), &info);
  return program + "_" + std::to_string(info.st_size) + "_" + std::to_string(info.st_mtim.tv_sec) +
         "_" + std::to_string(info.st_mtim.tv_nsec);
}

}  // namespace

std::unique_ptr<TestDatabase> TestDatabase::CreateWithDemo(const std::string& binary,
                                                           std::string& init_output) {
  // The demo is dated from today, so a template serves one day.
  const auto today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  const std::string fingerprint = "demo_" + Hex(ProgramFingerprint(binary) + "_" +
                                                std::to_string(today.time_since_epoch().count()));
  auto database = FromTemplate(
      fingerprint,
      [&](TestDatabase& building) -> Result<std::string> {
        building.Close();
        auto [code, out] =
            Output(Quoted(binary) + " init --demo --db " + Quoted(building.target()));
        if (code != 0) return Internal("init --demo failed (" + std::to_string(code) + "): " + out);
        return out;
      },
      init_output, 1);
  if (database != nullptr) database->Close();
  return database;
}

std::unique_ptr<TestDatabase> TestDatabase::CreateFromTemplate(const std::string& key,
                                                               const Builder& build,
                                                               std::string& kept, int pool_size) {
  std::error_code error;
  const std::string self = std::filesystem::read_symlink("/proc/self/exe", error).string();
  return FromTemplate("built_" + Hex(ProgramFingerprint(self) + "_" + key), build, kept, pool_size);
}

std::unique_ptr<TestDatabase> TestDatabase::FromTemplate(const std::string& fingerprint,
                                                         const Builder& build, std::string& kept,
                                                         int pool_size) {
  const bool postgres = TestEngineName() == "postgres";
  const char* base = std::getenv("VINCULO_TEST_PG");
  const std::string server = postgres && base ? Hex(base) : "";
  const std::string key = MigrationsFingerprint() + "_" + fingerprint;
  const auto folder = std::filesystem::temp_directory_path();
  const std::string stem =
      (folder / ("vinculo_test_kept_" + key + (postgres ? "_pg" + server : ""))).string();
  const std::string output_path = stem + ".out";
  const std::string template_name = postgres ? "vinculo_" + key : stem + ".db";
  auto read_output = [&] {
    std::ifstream in(output_path);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  };
  // Ready when both the output and the template are there (a PostgreSQL of
  // an earlier run on the same port has gone, with its templates).
  auto ready = [&] {
    if (!std::filesystem::exists(output_path)) return false;
    if (!postgres) return std::filesystem::exists(template_name);
    auto admin = Store::Open(base, 1);
    return admin.ok() &&
           (*admin)
               ->Read([&](Txn& txn) {
                 return txn.Execute(
                     "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_database WHERE "
                     "datname = '" +
                     template_name + "') THEN RAISE EXCEPTION 'not built yet'; END IF; END $$");
               })
               .ok();
  };
  if (!ready()) {
    FileLock lock(stem + ".lock");
    if (!ready()) {
      // Templates of earlier binaries and days go when a day old.
      std::error_code ignored;
      for (const auto& entry : std::filesystem::directory_iterator(folder, ignored)) {
        const std::string name = entry.path().filename().string();
        if (name.rfind("vinculo_test_kept_", 0) == 0 &&
            entry.last_write_time(ignored) <
                std::filesystem::file_time_type::clock::now() - std::chrono::hours(24)) {
          std::filesystem::remove(entry.path(), ignored);
        }
      }
      // Built in a database of its own, then kept under the template's name.
      auto building = Create(1);
      if (building == nullptr) return nullptr;
      auto out = build(*building);
      if (!out.ok()) {
        ADD_FAILURE() << "building the template " << fingerprint << ": " << out.status().ToString();
        return nullptr;
      }
      building->Close();  // on SQLite, closing the last connection checkpoints the WAL
      if (postgres) {
        auto admin = Store::Open(base, 1);
        if (!admin.ok()) {
          ADD_FAILURE() << admin.status().ToString();
          return nullptr;
        }
        Status renamed = (*admin)->Read([&](Txn& txn) {
          return txn.Execute("ALTER DATABASE " + building->pg_schema_ + " RENAME TO " +
                             template_name);
        });
        if (!renamed.ok()) {
          ADD_FAILURE() << renamed.ToString();
          return nullptr;
        }
        building->pg_schema_.clear();  // kept: it is the template now
      } else {
        std::error_code error;
        std::filesystem::rename(building->sqlite_path_, template_name, error);
        if (error) {
          ADD_FAILURE() << "cannot keep the template " << fingerprint << ": " << error.message();
          return nullptr;
        }
      }
      const std::string writing = output_path + ".writing_" + UniqueSuffix();
      std::ofstream(writing) << *out;
      std::filesystem::rename(writing, output_path);
    }
  }
  kept = read_output();
  return Make(pool_size, 0, template_name);
}

std::string TestEngineName() {
  const char* engine = std::getenv("VINCULO_TEST_ENGINE");
  return engine && std::string(engine) == "postgres" ? "postgres" : "sqlite";
}

std::unique_ptr<TestDatabase> TestDatabase::Create(int pool_size, int schema_version) {
  return Make(pool_size, schema_version, "");
}

std::unique_ptr<TestDatabase> TestDatabase::Make(int pool_size, int schema_version,
                                                 const std::string& template_name) {
  // Test users need no protection against guessing: hash their passwords at
  // argon2id's minimum cost (the demo alone creates seven users per database).
  UseMinimumPasswordCostForTests();
  auto database = std::unique_ptr<TestDatabase>(new TestDatabase());
  // The latest schema is cloned from a template migrated once (issue 14: a
  // PostgreSQL case spent most of its time in the migrations); an older
  // version, for the migration tests, is migrated here step by step.
  const bool from_template = schema_version == 0;
  if (TestEngineName() == "postgres") {
    const char* base = std::getenv("VINCULO_TEST_PG");
    if (!base || !*base) {
      ADD_FAILURE() << "VINCULO_TEST_ENGINE=postgres needs VINCULO_TEST_PG (run `make test`, "
                       "which starts a throw-away PostgreSQL)";
      return nullptr;
    }
    database->pg_base_ = base;
    // The test's own database (the member keeps its older name: it held a schema).
    database->pg_schema_ = "test_" + UniqueSuffix();
    auto admin = Store::Open(base, 1);
    if (!admin.ok()) {
      ADD_FAILURE() << "cannot reach the test PostgreSQL: " << admin.status().ToString();
      return nullptr;
    }
    std::string create = "CREATE DATABASE " + database->pg_schema_;
    // WAL_LOG (PostgreSQL's default) writes the template's pages through the
    // WAL; FILE_COPY copies its files and forces checkpoints. On the test
    // server a clone took 128 ms with FILE_COPY and 148 ms with WAL_LOG, but
    // 0.22 s of the server's CPU against 0.055 s (20 clones each, 2026-12-07):
    // on two cores shared by the whole suite, the CPU is what counts.
    if (!template_name.empty()) {
      create += " TEMPLATE " + template_name + " STRATEGY WAL_LOG";
    } else if (from_template) {
      auto migrated = PostgresTemplate(**admin, base);
      if (!migrated.ok()) {
        ADD_FAILURE() << migrated.status().ToString();
        return nullptr;
      }
      create += " TEMPLATE " + *migrated + " STRATEGY WAL_LOG";
    }
    // CREATE DATABASE cannot run inside a transaction: Read runs it as is.
    Status created = (*admin)->Read([&](Txn& txn) { return txn.Execute(create); });
    if (!created.ok()) {
      ADD_FAILURE() << created.ToString();
      return nullptr;
    }
    database->target_ = WithDatabase(base, database->pg_schema_);
  } else {
    database->sqlite_path_ =
        (std::filesystem::temp_directory_path() / ("vinculo_test_" + UniqueSuffix() + ".db"))
            .string();
    database->target_ = database->sqlite_path_;
    if (from_template) {
      auto template_path =
          template_name.empty() ? SqliteTemplate() : Result<std::string>(template_name);
      std::error_code error;
      if (template_path.ok()) {
        std::filesystem::copy_file(*template_path, database->sqlite_path_, error);
      }
      if (!template_path.ok() || error) {
        ADD_FAILURE() << "cannot copy the template database: "
                      << (error ? error.message() : template_path.status().ToString());
        return nullptr;
      }
    }
  }
  Status opened = database->Reopen(pool_size);
  if (!opened.ok()) {
    ADD_FAILURE() << opened.ToString();
    return nullptr;
  }
  auto migrated = schema_version > 0 ? database->store_->MigrateTo(schema_version)
                                     : database->store_->Migrate();
  if (!migrated.ok()) {
    ADD_FAILURE() << migrated.status().ToString();
    return nullptr;
  }
  return database;
}

Status TestDatabase::Reopen(int pool_size) {
  store_.reset();
  auto store = Store::Open(target_, pool_size);
  if (!store.ok()) return store.status();
  store_ = std::move(*store);
  return Status::Ok();
}

TestDatabase::~TestDatabase() {
  store_.reset();
  if (!sqlite_path_.empty()) {
    std::error_code ignored;
    for (const char* suffix : {"", "-wal", "-shm"}) {
      std::filesystem::remove(sqlite_path_ + suffix, ignored);
    }
  }
  if (!pg_schema_.empty()) {
    auto admin = Store::Open(pg_base_, 1);
    if (admin.ok()) {
      (void)(*admin)->Read([&](Txn& txn) {
        return txn.Execute("DROP DATABASE IF EXISTS " + pg_schema_ + " WITH (FORCE)");
      });
    }
  }
}

}  // namespace vinculo::testing
