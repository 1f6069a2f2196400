// A fresh, migrated database for one test, on the engine chosen by the
// environment: VINCULO_TEST_ENGINE=sqlite (default) uses a temporary file;
// VINCULO_TEST_ENGINE=postgres uses a new schema in the server named by
// VINCULO_TEST_PG (a key=value connection string, set by scripts/test.sh).
// The same tests run against both engines; the database is removed afterwards.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "store/store.h"

namespace vinculo::testing {

class TestDatabase {
 public:
  // Fails the current test (and returns nullptr) if the engine is unreachable.
  // `schema_version` 0 means the latest; another stops the migrations there.
  static std::unique_ptr<TestDatabase> Create(int pool_size = 4, int schema_version = 0);
  // A database holding the demo programme exactly as `binary init --demo`
  // makes it, with that command's output in `init_output`. The command runs
  // once per binary (its size and time), day and engine into a template that
  // each test copies (issue 14: the demo took 2 s of every such test). The
  // pool is closed, as for a server process.
  static std::unique_ptr<TestDatabase> CreateWithDemo(const std::string& binary,
                                                      std::string& init_output);
  // A database that `build` filled once and each test copies: built by the
  // first test process that asks, per test binary (its size and time),
  // migrations, engine and `key` (which names everything else the content
  // depends on), under a lock, then kept as a template. `build` writes into
  // the database it is given and returns text kept beside the template;
  // every copy gets that text in `kept`. The pool is open, of `pool_size`.
  using Builder = std::function<Result<std::string>(TestDatabase& database)>;
  static std::unique_ptr<TestDatabase> CreateFromTemplate(const std::string& key,
                                                          const Builder& build, std::string& kept,
                                                          int pool_size = 4);
  ~TestDatabase();

  Store& store() { return *store_; }
  // What `vinculo --db` takes to reach this same database.
  const std::string& target() const { return target_; }
  Engine engine() const { return store_->engine(); }
  // Closes the pool (so a server process can use the database alone).
  void Close() { store_.reset(); }
  Status Reopen(int pool_size = 4);

 private:
  std::string target_;
  std::string sqlite_path_;
  std::string pg_base_;
  std::string pg_schema_;
  std::unique_ptr<Store> store_;

  // Create's body: a copy of `template_name` (a PostgreSQL database or a
  // SQLite file; empty: the migrated template, or none before a schema version).
  static std::unique_ptr<TestDatabase> Make(int pool_size, int schema_version,
                                            const std::string& template_name);
  // CreateFromTemplate's body, `fingerprint` naming the template in full.
  static std::unique_ptr<TestDatabase> FromTemplate(const std::string& fingerprint,
                                                    const Builder& build, std::string& kept,
                                                    int pool_size);
};

// "sqlite" or "postgres", from VINCULO_TEST_ENGINE.
std::string TestEngineName();

}  // namespace vinculo::testing
