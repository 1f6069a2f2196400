// Migration 10 rebuilds SQLite's audit_events without AUTOINCREMENT (and
// changes nothing on PostgreSQL). On both engines: a database at schema 9 with
// audit lines is upgraded, every line keeps its id and content, and lines
// appended afterwards get larger ids. On SQLite the rebuilt table no longer
// uses the sqlite_sequence table.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include "support/test_database.h"

namespace vinculo::testing {
namespace {

AuditEvent Line(long long user_id, const std::string& action, long long record_id) {
  AuditEvent event;
  event.at = "2026-11-23T10:00:0" + std::to_string(record_id % 10) + "Z";
  event.user_id = user_id;
  event.username = "usuaria" + std::to_string(user_id);
  event.action = action;
  event.record_kind = "children";
  event.record_id = record_id;
  event.remote_address = "127.0.0.1";
  event.detail = action == "list" ? "sibling" : "";
  return event;
}

std::vector<long long> Ids(Store& store) {
  std::vector<long long> ids;
  Status status = store.Read([&](Txn& txn) -> Status {
    soci::rowset<soci::row> rows =
        (txn.session().prepare << "SELECT id FROM audit_events ORDER BY id");
    for (const soci::row& row : rows) {
      ids.push_back(row.get_properties(0).get_data_type() == soci::dt_long_long
                        ? row.get<long long>(0)
                        : row.get<int>(0));
    }
    return Status::Ok();
  });
  EXPECT_TRUE(status.ok()) << status.ToString();
  return ids;
}

TEST(AuditMigration, KeepsEveryLineAndItsIdAndAppendsAfterThem) {
  auto database = TestDatabase::Create(2, 9);
  ASSERT_NE(database, nullptr);
  Store& store = database->store();
  ASSERT_EQ(*store.SchemaVersion(), 9);
  const std::vector<AuditEvent> before = {Line(1, "read", 7), Line(2, "list", 7),
                                          Line(1, "update", 8)};
  // Written as a server at version 9 wrote them (the hash chain of
  // migration 14 does not exist yet).
  ASSERT_TRUE(store
                  .Write([&](Txn& txn) -> Status {
                    for (AuditEvent event : before) {
                      txn.session() << "INSERT INTO audit_events (at, user_id, username, action, "
                                       "record_kind, record_id, remote_address, detail) VALUES "
                                       "(:at, :user_id, :username, :action, :record_kind, "
                                       ":record_id, :remote_address, :detail)",
                          soci::use(event.at), soci::use(event.user_id), soci::use(event.username),
                          soci::use(event.action), soci::use(event.record_kind),
                          soci::use(event.record_id), soci::use(event.remote_address),
                          soci::use(event.detail);
                    }
                    return Status::Ok();
                  })
                  .ok());
  const std::vector<long long> ids_before = Ids(store);
  ASSERT_EQ(ids_before.size(), 3u);

  auto applied = store.Migrate();
  ASSERT_TRUE(applied.ok()) << applied.status().ToString();
  // Migration 10 first; later ones (issue 18's time zones, ...) follow it.
  ASSERT_FALSE(applied->empty());
  EXPECT_EQ(applied->front(), 10);
  EXPECT_EQ(Ids(store), ids_before);

  std::vector<AuditEvent> trail;
  ASSERT_TRUE(store
                  .Read([&](Txn& txn) -> Status {
                    auto found = txn.AuditTrail("children", 7, 10);
                    if (!found.ok()) return found.status();
                    trail = *found;
                    return Status::Ok();
                  })
                  .ok());
  ASSERT_EQ(trail.size(), 2u);  // newest first
  EXPECT_EQ(trail[0].action, "list");
  EXPECT_EQ(trail[0].username, "usuaria2");
  EXPECT_EQ(trail[0].detail, "sibling");
  EXPECT_EQ(trail[1].action, "read");
  EXPECT_EQ(trail[1].at, "2026-11-23T10:00:07Z");
  EXPECT_EQ(trail[1].remote_address, "127.0.0.1");

  ASSERT_TRUE(store
                  .Write([&](Txn& txn) {
                    return txn.AppendAudit({Line(3, "read", 9), Line(3, "read", 9)});
                  })
                  .ok());
  const std::vector<long long> ids_after = Ids(store);
  ASSERT_EQ(ids_after.size(), 5u);
  EXPECT_GT(ids_after[3], ids_before.back());
  EXPECT_GT(ids_after[4], ids_after[3]);

  if (database->engine() == Engine::kSqlite) {
    std::string table_sql;
    long long sequences = -1;
    ASSERT_TRUE(store
                    .Read([&](Txn& txn) -> Status {
                      txn.session() << "SELECT sql FROM sqlite_master WHERE name = 'audit_events'",
                          soci::into(table_sql);
                      txn.session() << "SELECT COUNT(*) FROM sqlite_sequence WHERE name = "
                                       "'audit_events'",
                          soci::into(sequences);
                      return Status::Ok();
                    })
                    .ok());
    EXPECT_EQ(table_sql.find("AUTOINCREMENT"), std::string::npos) << table_sql;
    EXPECT_EQ(sequences, 0);
  }
}

}  // namespace
}  // namespace vinculo::testing
