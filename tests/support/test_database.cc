#include "support/test_database.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <random>

#include "service/secrets.h"

namespace vinculo::testing {
namespace {

std::string UniqueSuffix() {
  static std::atomic<int> counter{0};
  std::random_device device;
  return std::to_string(getpid()) + "_" + std::to_string(counter++) + "_" +
         std::to_string(device() % 100000);
}

}  // namespace

std::string TestEngineName() {
  const char* engine = std::getenv("VINCULO_TEST_ENGINE");
  return engine && std::string(engine) == "postgres" ? "postgres" : "sqlite";
}

std::unique_ptr<TestDatabase> TestDatabase::Create(int pool_size, int schema_version) {
  // Test users need no protection against guessing: hash their passwords at
  // argon2id's minimum cost (the demo alone creates seven users per database).
  UseMinimumPasswordCostForTests();
  auto database = std::unique_ptr<TestDatabase>(new TestDatabase());
  if (TestEngineName() == "postgres") {
    const char* base = std::getenv("VINCULO_TEST_PG");
    if (!base || !*base) {
      ADD_FAILURE() << "VINCULO_TEST_ENGINE=postgres needs VINCULO_TEST_PG (run `make test`, "
                       "which starts a throw-away PostgreSQL)";
      return nullptr;
    }
    database->pg_base_ = base;
    database->pg_schema_ = "test_" + UniqueSuffix();
    auto admin = Store::Open(base, 1);
    if (!admin.ok()) {
      ADD_FAILURE() << "cannot reach the test PostgreSQL: " << admin.status().ToString();
      return nullptr;
    }
    Status created = (*admin)->Write(
        [&](Txn& txn) { return txn.Execute("CREATE SCHEMA " + database->pg_schema_); });
    if (!created.ok()) {
      ADD_FAILURE() << created.ToString();
      return nullptr;
    }
    database->target_ =
        std::string(base) + " options='-c search_path=" + database->pg_schema_ + "'";
  } else {
    database->sqlite_path_ =
        (std::filesystem::temp_directory_path() / ("vinculo_test_" + UniqueSuffix() + ".db"))
            .string();
    database->target_ = database->sqlite_path_;
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
      (*admin)->Write(
          [&](Txn& txn) { return txn.Execute("DROP SCHEMA " + pg_schema_ + " CASCADE"); });
    }
  }
}

}  // namespace vinculo::testing
