// Issue 14: `vinculo generate`, the synthetic dataset, as an operator runs
// it, once per engine at village scale (national is measured by
// bench/national.sh): the same seed gives identical rows in every table and
// the same audit chain; the rows look like the field (children inside, split
// families, overcrowded prisons, five years of visits, workshops and leave);
// an unknown scale and a database already holding data are refused without
// changing anything, and a run that fails part-way leaves nothing behind.
#include <gtest/gtest.h>
#include <soci/soci.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "cli/exit_codes.h"
#include "support/table_snapshot.h"
#include "support/test_database.h"

namespace vinculo::testing {
namespace {

struct CommandRun {
  int exit_code = -1;
  std::string out;  // stdout and stderr together
};

std::string Quote(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

CommandRun Vinculo(const std::string& arguments, const std::string& input = "") {
  std::string command = std::string(VINCULO_BINARY) + " " + arguments + " 2>&1";
  std::string input_path;
  if (!input.empty()) {
    input_path = std::filesystem::temp_directory_path() /
                 ("vinculo_generate_stdin_" + std::to_string(getpid()));
    std::ofstream(input_path) << input;
    command += " < " + input_path;
  }
  CommandRun run;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return run;
  std::array<char, 4096> buffer;
  size_t read = 0;
  while ((read = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) {
    run.out.append(buffer.data(), read);
  }
  const int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  if (!input_path.empty()) std::filesystem::remove(input_path);
  return run;
}

std::string Db(TestDatabase& database) { return "--db " + Quote(database.target()); }

const std::string kVillage = "generate --scale village --seed 7 --as-of 2026-11-23 ";

long long Scalar(Store& store, const std::string& query) {
  long long value = -1;
  Status read = store.Read([&](Txn& txn) {
    txn.session() << query, soci::into(value);
    return Status::Ok();
  });
  EXPECT_TRUE(read.ok()) << read.ToString();
  return value;
}

// The audit log's last place and hash: the hash chains every event before it.
std::string AuditHead(Store& store) {
  std::string head;
  Status read = store.Read([&](Txn& txn) {
    long long seq = 0;
    std::string hash;
    txn.session() << "SELECT seq, hash FROM audit_chain_head WHERE id = 1", soci::into(seq),
        soci::into(hash);
    head = std::to_string(seq) + ":" + hash;
    return Status::Ok();
  });
  EXPECT_TRUE(read.ok()) << read.ToString();
  return head;
}

std::unique_ptr<TestDatabase> Fresh() {
  auto database = TestDatabase::Create(1);
  if (database) database->Close();
  return database;
}

TEST(GenerateCliTest, Issue14_TheSameSeedGivesTheSameRowsInEveryTable) {
  auto first = Fresh();
  auto second = Fresh();
  ASSERT_TRUE(first && second);
  CommandRun made = Vinculo(kVillage + Db(*first));
  ASSERT_EQ(made.exit_code, 0) << made.out;
  EXPECT_NE(made.out.find("Generated the village dataset"), std::string::npos) << made.out;
  ASSERT_EQ(Vinculo(kVillage + Db(*second)).exit_code, 0);
  ASSERT_TRUE(first->Reopen(1).ok());
  ASSERT_TRUE(second->Reopen(1).ok());
  const std::string rows = EveryRow(first->store());
  EXPECT_EQ(rows, EveryRow(second->store())) << FirstDifference(rows, EveryRow(second->store()));
  EXPECT_EQ(AuditHead(first->store()), AuditHead(second->store()));
  long long chained = 0;
  ASSERT_TRUE(first->store()
                  .Read([&](Txn& txn) {
                    auto verified = txn.VerifyAuditChain();
                    if (!verified.ok()) return verified.status();
                    chained = *verified;
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_GT(chained, 800);

  auto other = Fresh();
  ASSERT_TRUE(other);
  ASSERT_EQ(Vinculo("generate --scale village --seed 8 --as-of 2026-11-23 " + Db(*other)).exit_code,
            0);
  ASSERT_TRUE(other->Reopen(1).ok());
  EXPECT_NE(rows, EveryRow(other->store())) << "another seed, another village";
}

TEST(GenerateCliTest, Issue14_TheVillageLooksLikeTheField) {
  auto database = Fresh();
  ASSERT_TRUE(database);
  ASSERT_EQ(Vinculo(kVillage + Db(*database)).exit_code, 0);
  ASSERT_TRUE(database->Reopen(1).ok());
  Store& store = database->store();
  EXPECT_EQ(Scalar(store, "SELECT COUNT(*) FROM children"), 500);
  EXPECT_EQ(Scalar(store, "SELECT COUNT(*) FROM parents"), 300);
  EXPECT_EQ(Scalar(store, "SELECT COUNT(*) FROM facilities"), 4);
  // About 3 % live inside with their mothers, each admitted to her prison's nursery.
  const long long inside =
      Scalar(store, "SELECT COUNT(*) FROM children WHERE placement = 'inside_with_mother'");
  EXPECT_GE(inside, 5);
  EXPECT_LE(inside, 20);
  EXPECT_EQ(Scalar(store,
                   "SELECT COUNT(*) FROM children c JOIN nursery_admissions a ON a.child_id = c.id "
                   "JOIN facilities f ON f.id = c.facility_id WHERE f.has_nursery = 1"),
            inside);
  EXPECT_EQ(Scalar(store,
                   "SELECT COUNT(*) FROM children c WHERE c.placement = "
                   "'inside_with_mother' AND NOT EXISTS (SELECT 1 FROM parent_child_links "
                   "l JOIN parents p ON p.id = l.parent_id WHERE l.child_id = c.id AND "
                   "l.relation = 'mother' AND p.sex = 'female' AND p.facility_id = "
                   "c.facility_id AND p.custody_status = 'incarcerated')"),
            0)
      << "a child inside lives with her mother, in her mother's prison";
  EXPECT_GT(Scalar(store,
                   "SELECT COUNT(*) FROM facilities WHERE current_population > "
                   "official_capacity"),
            0)
      << "overcrowded prisons";
  // Families split: children with two parents held in two different prisons.
  EXPECT_GT(Scalar(store,
                   "SELECT COUNT(*) FROM parent_child_links a JOIN parent_child_links b "
                   "ON a.child_id = b.child_id AND a.parent_id < b.parent_id JOIN parents "
                   "pa ON pa.id = a.parent_id JOIN parents pb ON pb.id = b.parent_id "
                   "WHERE pa.facility_id <> pb.facility_id"),
            0);
  // Issue 14, migration 30: every link loaded in bulk carries its child's
  // organisation and its parent's facility and archived flag, as their rows
  // say (the dashboard counts an organisation's parents from these copies).
  EXPECT_GT(Scalar(store, "SELECT COUNT(*) FROM parent_child_links"), 300);
  EXPECT_EQ(Scalar(store,
                   "SELECT COUNT(*) FROM parent_child_links l JOIN parents p ON p.id = "
                   "l.parent_id JOIN children c ON c.id = l.child_id WHERE "
                   "COALESCE(l.parent_facility_id, -1) <> p.facility_id OR l.parent_archived <> "
                   "p.archived OR COALESCE(l.child_organisation_id, -1) <> "
                   "COALESCE(c.organisation_id, -1)"),
            0);
  // Five years of history: visits in at least 50 months, workshops, leave.
  EXPECT_GE(Scalar(store,
                   "SELECT COUNT(DISTINCT month) FROM plans p JOIN plan_visits v ON "
                   "v.plan_id = p.id"),
            50);
  EXPECT_EQ(Scalar(store, "SELECT COUNT(*) FROM plans WHERE status = 'published'"),
            Scalar(store, "SELECT COUNT(*) FROM plans"));
  // No session holds more than its places; every visit's session is in its parent's prison.
  EXPECT_EQ(Scalar(store,
                   "SELECT COUNT(*) FROM visit_sessions WHERE booked_families > "
                   "capacity_families OR booked_people > capacity_people"),
            0);
  EXPECT_EQ(Scalar(store,
                   "SELECT COUNT(*) FROM plan_visits v JOIN visit_sessions s ON s.id = "
                   "v.session_id JOIN parents p ON p.id = v.parent_id WHERE s.facility_id "
                   "<> p.facility_id"),
            0);
  EXPECT_GT(Scalar(store, "SELECT COUNT(*) FROM workshop_attendance"), 100);
  EXPECT_GT(Scalar(store, "SELECT COUNT(*) FROM nursery_leaves"), inside);
  EXPECT_EQ(Scalar(store, "SELECT COUNT(*) FROM escort_available_dates"),
            Scalar(store,
                   "SELECT COUNT(*) FROM escort_available_dates e JOIN escorts s ON s.id "
                   "= e.escort_id WHERE e.available_on > '2026-11-30'"))
      << "escorts are free in the month to plan";
  // Every name is generated: the synthetic organisations say so.
  EXPECT_EQ(Scalar(store, "SELECT COUNT(*) FROM organisations WHERE name NOT LIKE '%(sint%'"), 0);
}

TEST(GenerateCliTest, Issue14_BadInputIsRefusedAndChangesNothing) {
  auto database = Fresh();
  ASSERT_TRUE(database);
  CommandRun city = Vinculo("generate --scale city --seed 7 " + Db(*database));
  EXPECT_EQ(city.exit_code, kExitInvalidInput) << city.out;
  EXPECT_NE(city.out.find("scale"), std::string::npos) << city.out;
  EXPECT_NE(city.out.find("village, region or national"), std::string::npos) << city.out;
  EXPECT_EQ(Vinculo("generate --seed 7 " + Db(*database)).exit_code, kExitUsage);

  ASSERT_EQ(Vinculo(kVillage + Db(*database)).exit_code, 0);
  ASSERT_TRUE(database->Reopen(1).ok());
  const std::string before = EveryRow(database->store());
  database->Close();
  CommandRun again = Vinculo(kVillage + Db(*database));
  EXPECT_EQ(again.exit_code, kExitConflict) << again.out;
  EXPECT_NE(again.out.find("--force"), std::string::npos) << again.out;
  ASSERT_TRUE(database->Reopen(1).ok());
  EXPECT_EQ(before, EveryRow(database->store()));
  database->Close();

  CommandRun forced = Vinculo(kVillage + "--force " + Db(*database));
  ASSERT_EQ(forced.exit_code, 0) << forced.out;
  ASSERT_TRUE(database->Reopen(1).ok());
  EXPECT_EQ(Scalar(database->store(), "SELECT COUNT(*) FROM children"), 1000);
  EXPECT_EQ(Scalar(database->store(), "SELECT COUNT(DISTINCT pseudonym) FROM children"), 1000);
}

// A run that fails part-way (here: a generated account's name is taken)
// writes nothing at all: no organisation, no child, no visit.
TEST(GenerateCliTest, Issue14_AFailedRunLeavesNothingHalfWritten) {
  auto database = Fresh();
  ASSERT_TRUE(database);
  ASSERT_EQ(Vinculo("init " + Db(*database)).exit_code, 0);
  ASSERT_EQ(Vinculo("user add " + Db(*database) +
                        " --username coordinacion.o2 --role auditor --password-stdin",
                    "una-clave-bastante-larga\n")
                .exit_code,
            0);
  ASSERT_TRUE(database->Reopen(1).ok());
  const std::string before = EveryRow(database->store());
  database->Close();
  CommandRun failed = Vinculo(kVillage + "--force " + Db(*database));
  EXPECT_EQ(failed.exit_code, kExitConflict) << failed.out;
  EXPECT_NE(failed.out.find("nothing was generated"), std::string::npos) << failed.out;
  ASSERT_TRUE(database->Reopen(1).ok());
  EXPECT_EQ(before, EveryRow(database->store()))
      << FirstDifference(before, EveryRow(database->store()));
  EXPECT_EQ(Scalar(database->store(), "SELECT COUNT(*) FROM plan_visits"), 0);
}

}  // namespace
}  // namespace vinculo::testing
