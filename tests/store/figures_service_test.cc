// The summary figures through FiguresService on a real database (SQLite or
// PostgreSQL). Issue 14: the occupancy table reads four columns of the
// facilities (figures_store) instead of whole records; it must list the same
// facilities, in the same order, with the same figures, as the records a
// List of facilities gives, for every actor who may read the figures.
#include <gtest/gtest.h>

#include <cmath>

#include "service/figures.h"
#include "support/world.h"

namespace vinculo::testing {
namespace {

TEST(FiguresServiceTest, Issue14_TheOccupancyTableIsEveryActiveFacilityAsItsRecordSays) {
  std::unique_ptr<World> world = MakeWorld();
  ASSERT_NE(world, nullptr);
  const Actor admin = world->actor("admin");
  // A third prison, archived: not in the table.
  auto closed = world->records->Create(admin, FacilityKind(),
                                       {{"name", std::string("Penal cerrado (sintético)")},
                                        {"kind", std::string("prison")},
                                        {"jurisdiction_id", world->jurisdiction_pe},
                                        {"official_capacity", 100LL},
                                        {"current_population", 90LL}});
  ASSERT_TRUE(closed.ok()) << closed.status().ToString();
  ASSERT_TRUE(
      world->records->SetArchived(admin, FacilityKind(), closed->id, closed->version, true).ok());

  std::vector<Record> records;
  Status listed = world->context.store->Read([&](Txn& txn) -> Status {
    ListQuery every;
    every.limit = 100000;
    VINCULO_ASSIGN_OR_RETURN(Page page, txn.List(FacilityKind(), every, Actor::System()));
    records = std::move(page.items);
    return Status::Ok();
  });
  ASSERT_TRUE(listed.ok()) << listed.ToString();
  ASSERT_EQ(records.size(), 2u);  // facilities A and B

  FiguresService figures(world->context);
  int compared = 0;
  for (const auto& [name, actor] : world->actors) {
    auto summary = figures.Summary(actor);
    if (!summary.ok()) {
      EXPECT_EQ(summary.status().code(), StatusCode::kForbidden) << name;
      continue;
    }
    SCOPED_TRACE(name);
    ASSERT_EQ(summary->facilities.size(), records.size());
    for (size_t facility_idx = 0; facility_idx < records.size(); ++facility_idx) {
      const Record& record = records[facility_idx];
      const FacilityOccupancy& row = summary->facilities[facility_idx];
      EXPECT_EQ(row.facility_id, record.id);
      EXPECT_EQ(row.name, record.Text("name").value_or(""));
      EXPECT_EQ(row.official_capacity, record.Integer("official_capacity").value_or(0));
      EXPECT_EQ(row.current_population, record.Integer("current_population").value_or(0));
    }
    EXPECT_EQ(summary->facilities[0].facility_id, world->facility_a);
    EXPECT_DOUBLE_EQ(summary->facilities[0].occupancy_percent, 438.1);  // 2,760 of 630 places
    EXPECT_DOUBLE_EQ(summary->facilities[1].occupancy_percent, 95.0);   // 380 of 400
    ++compared;
  }
  EXPECT_GT(compared, 3);
}

}  // namespace
}  // namespace vinculo::testing
