// Issue 14: every statement of a transaction goes through its connection's
// statement cache (store/statement_cache.h), prepared once and executed again
// with new values; preparing each anew was a quarter of a visit record's time
// in SQLite's writer lock. On both engines: the values bound at each call are
// the ones written and read (text, whole and real numbers, flags, NULL as NULL
// and not ''), a statement is kept once per SQL text and parameter types, and
// one that failed is dropped and prepared again.
#include "store/statement_cache.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "store/sql_util.h"
#include "support/test_database.h"

namespace vinculo::testing {
namespace {

using store_internal::Params;

struct Probe {
  long long id = 0;
  std::string label;
  double amount = 0;
  long long flag = 0;
  std::optional<std::string> note;
};

class StatementCacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    database_ = TestDatabase::Create(1);
    ASSERT_NE(database_, nullptr);
    ASSERT_TRUE(database_->store()
                    .Write([](Txn& txn) {
                      return txn.Execute(
                          "CREATE TABLE cache_probe (id BIGINT PRIMARY KEY, label TEXT NOT NULL, "
                          "amount DOUBLE PRECISION NOT NULL, flag BIGINT NOT NULL, note TEXT)");
                    })
                    .ok());
  }

  static std::string InsertSql(Params& params, const Probe& probe, bool flag_as_bool) {
    return "INSERT INTO cache_probe (id, label, amount, flag, note) VALUES (" +
           params.AddInteger(probe.id) + ", " + params.Add(probe.label) + ", " +
           params.Add(Value{probe.amount}) + ", " +
           (flag_as_bool ? params.Add(Value{probe.flag != 0}) : params.AddInteger(probe.flag)) +
           ", " + params.AddOptional(probe.note) + ")";
  }

  Status Insert(const Probe& probe, bool flag_as_bool = false) {
    return database_->store().Write([&](Txn& txn) -> Status {
      Params params;
      const std::string sql = InsertSql(params, probe, flag_as_bool);
      store_internal::ExecuteWith(txn, sql, params);
      return Status::Ok();
    });
  }

  std::vector<Probe> ReadFrom(long long first_id) {
    std::vector<Probe> probes;
    Status status = database_->store().Read([&](Txn& txn) -> Status {
      Params params;
      const std::string sql = "SELECT id, label, amount, flag, note FROM cache_probe WHERE id >= " +
                              params.AddInteger(first_id) + " ORDER BY id";
      probes = store_internal::Select<Probe>(txn, sql, params, [](const soci::row& row) {
        return Probe{store_internal::GetInteger(row, 0), store_internal::GetText(row, 1),
                     store_internal::GetDouble(row, 2), store_internal::GetInteger(row, 3),
                     store_internal::GetOptionalText(row, 4)};
      });
      return Status::Ok();
    });
    EXPECT_TRUE(status.ok()) << status.message();
    return probes;
  }

  size_t Kept() {
    size_t kept = 0;
    Status status = database_->store().Read([&](Txn& txn) -> Status {
      kept = txn.statement_cache()->size();
      return Status::Ok();
    });
    EXPECT_TRUE(status.ok());
    return kept;
  }

  std::unique_ptr<TestDatabase> database_;
};

TEST_F(StatementCacheTest, Issue14_EachCallWritesAndReadsItsOwnValuesNullIncluded) {
  ASSERT_TRUE(Insert({1, "Quilla", 2.5, 1, "primera"}).ok());
  ASSERT_TRUE(Insert({2, "Amaru", 0.25, 0, std::nullopt}).ok());
  ASSERT_TRUE(Insert({3, "", -7, 1, std::string()}).ok());
  ASSERT_TRUE(Insert({4, "Ñusta", 1e6, 0, "cuarta"}, /*flag_as_bool=*/true).ok());

  const std::vector<Probe> probes = ReadFrom(1);
  ASSERT_EQ(probes.size(), 4u);
  EXPECT_EQ(probes[0].label, "Quilla");
  EXPECT_DOUBLE_EQ(probes[0].amount, 2.5);
  EXPECT_EQ(probes[0].flag, 1);
  EXPECT_EQ(probes[0].note, std::optional<std::string>("primera"));
  EXPECT_EQ(probes[1].label, "Amaru");
  EXPECT_DOUBLE_EQ(probes[1].amount, 0.25);
  EXPECT_EQ(probes[1].flag, 0);
  EXPECT_EQ(probes[1].note, std::nullopt) << "a NULL is bound as NULL, not as ''";
  EXPECT_EQ(probes[2].label, "");
  EXPECT_DOUBLE_EQ(probes[2].amount, -7);
  EXPECT_EQ(probes[2].note, std::optional<std::string>("")) << "'' is bound as '', not as NULL";
  EXPECT_EQ(probes[3].label, "Ñusta");
  EXPECT_EQ(probes[3].flag, 0) << "a flag is bound as a whole number";
  // The same SELECT with another value reads other rows.
  EXPECT_EQ(ReadFrom(3).size(), 2u);
  EXPECT_EQ(ReadFrom(5).size(), 0u);
}

TEST_F(StatementCacheTest, Issue14_AStatementIsKeptOncePerTextAndTypesAndDroppedWhenItFails) {
  const size_t before = Kept();
  ASSERT_TRUE(Insert({1, "Quilla", 1, 1, "a"}).ok());
  ASSERT_EQ(Kept(), before + 1) << "the INSERT is kept";
  ASSERT_TRUE(Insert({2, "Amaru", 2, 0, "b"}).ok());
  EXPECT_EQ(Kept(), before + 1) << "the same text and types: the same statement, run again";
  ASSERT_TRUE(Insert({3, "Killa", 3, 0, std::nullopt}).ok());
  EXPECT_EQ(Kept(), before + 2) << "a NULL where text was: another statement";

  // A duplicate id fails: the statement is dropped, the write changes nothing,
  // and the next call prepares it again and works.
  Status duplicate = Insert({2, "Otra", 9, 0, "c"});
  EXPECT_FALSE(duplicate.ok());
  EXPECT_EQ(Kept(), before + 1);
  ASSERT_TRUE(Insert({4, "Inti", 4, 1, "d"}).ok());
  EXPECT_EQ(Kept(), before + 2);
  const std::vector<Probe> probes = ReadFrom(1);
  ASSERT_EQ(probes.size(), 4u);
  EXPECT_EQ(probes[1].label, "Amaru");
  EXPECT_EQ(probes[3].label, "Inti");
}

}  // namespace
}  // namespace vinculo::testing
