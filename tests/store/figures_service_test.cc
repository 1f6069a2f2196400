// The summary figures through FiguresService on a real database (SQLite or
// PostgreSQL). Issue 14: the occupancy table reads four columns of the
// facilities (figures_store) instead of whole records; it must list the same
// facilities, in the same order, with the same figures, as the records a
// List of facilities gives, for every actor who may read the figures. An
// organisation's parents are counted from the copies each parent-child link
// keeps of its child's organisation and its parent's facility and archived
// flag (migration 30): after every write that changes one of those facts the
// figures must be what the parents' and children's own rows say.
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <future>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

#include "service/figures.h"
#include "store/figures_store.h"
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

// The parents by facility as each actor's summary gives them, beside the same
// count made from the parents' and children's own rows (Txn::CountBy with the
// actor's scope, which reads no copy), small cells suppressed as the summary
// does.
using FacilityCounts = std::vector<std::pair<long long, std::optional<long long>>>;

FacilityCounts SummaryParents(World& world, const Actor& actor) {
  FacilityCounts counts;
  auto summary = FiguresService(world.context).Summary(actor);
  EXPECT_TRUE(summary.ok()) << summary.status().ToString();
  if (!summary.ok()) return counts;
  for (const CountRow& row : summary->parents_by_facility) counts.emplace_back(row.id, row.count);
  return counts;
}

FacilityCounts ParentsFromTheirRows(World& world, const Actor& actor) {
  Actor scope = actor;
  scope.role = Role::kAdministrator;  // counting needs only the scope
  FacilityCounts counts;
  Status read = world.context.store->Read([&](Txn& txn) -> Status {
    VINCULO_ASSIGN_OR_RETURN(auto rows, txn.CountBy(ParentKind(), "facility_id", scope));
    for (const auto& [facility_id, count] : rows) {
      counts.emplace_back(std::stoll(facility_id), SmallCell(count, SuppressesSmallCells(actor)));
    }
    return Status::Ok();
  });
  EXPECT_TRUE(read.ok()) << read.ToString();
  return counts;
}

void ExpectEveryActorsParentsAsTheirRowsSay(World& world) {
  FiguresService figures(world.context);
  for (const auto& [name, actor] : world.actors) {
    if (!figures.Summary(actor).ok()) continue;
    EXPECT_EQ(SummaryParents(world, actor), ParentsFromTheirRows(world, actor)) << name;
  }
}

Record Reread(World& world, const RecordKind& kind, long long id) {
  auto record = world.records->Get(world.actor("admin"), kind, id);
  EXPECT_TRUE(record.ok()) << record.status().ToString();
  return record.ok() ? *record : Record{};
}

// A parent no organisation follows: counted by an organisation only through
// her links to its children.
Record AddUnfollowedParent(World& world, long long facility_id) {
  auto parent = world.records->Create(world.actor("admin"), ParentKind(),
                                      {{"given_names", std::string("Juana")},
                                       {"family_names", std::string("Condori Apaza")},
                                       {"sex", std::string("female")},
                                       {"facility_id", facility_id},
                                       {"custody_status", std::string("incarcerated")},
                                       {"admission_date", std::string("2023-01-15")}});
  EXPECT_TRUE(parent.ok()) << parent.status().ToString();
  return parent.ok() ? *parent : Record{};
}

TEST(FiguresServiceTest, Issue14_AnOrganisationsParentsFollowTransfersArchivesLinksAndMoves) {
  std::unique_ptr<World> world = MakeWorld();
  ASSERT_NE(world, nullptr);
  const Actor admin = world->actor("admin");
  const Actor coordinator_b = world->actor("coordinator_b");
  const long long a = world->facility_a;
  const long long b = world->facility_b;
  const Record first_b = world->AddChild("B", "Killa");
  const Record second_b = world->AddChild("B", "Sisa");
  const Record child_a = world->AddChild("A", "Wayta");
  // Rosa: followed by organisation A, mother of both children of B (counted once).
  const Record rosa = world->AddParent("A");
  const Record rosa_first = world->Link(rosa.id, first_b.id, "mother");
  const Record rosa_second = world->Link(rosa.id, second_b.id, "mother");
  // Juan: followed by A, father of Killa (B) and of Wayta (A).
  const Record juan = world->AddParent("B", "male");
  world->Link(juan.id, first_b.id, "father");
  world->Link(juan.id, child_a.id, "father");
  // Juana: followed by no one, mother of Wayta (A) only.
  const Record juana = AddUnfollowedParent(*world, a);
  world->Link(juana.id, child_a.id, "mother");
  EXPECT_EQ(SummaryParents(*world, coordinator_b), (FacilityCounts{{a, 1}, {b, 1}}));
  ExpectEveryActorsParentsAsTheirRowsSay(*world);

  {
    SCOPED_TRACE("Rosa transferred to prison B");
    TransferRequest transfer;
    transfer.to_facility_id = b;
    transfer.transferred_on = "2026-11-20";
    transfer.reason = "acercamiento familiar";
    ASSERT_TRUE(world->records->TransferParent(admin, rosa.id, rosa.version, transfer).ok());
    EXPECT_EQ(SummaryParents(*world, coordinator_b), (FacilityCounts{{b, 2}}));
    ExpectEveryActorsParentsAsTheirRowsSay(*world);
  }
  {
    SCOPED_TRACE("Juan archived, then restored");
    ASSERT_TRUE(world->records->SetArchived(admin, ParentKind(), juan.id, juan.version, true).ok());
    EXPECT_EQ(SummaryParents(*world, coordinator_b), (FacilityCounts{{b, 1}}));
    ExpectEveryActorsParentsAsTheirRowsSay(*world);
    const Record archived = Reread(*world, ParentKind(), juan.id);
    ASSERT_TRUE(
        world->records->SetArchived(admin, ParentKind(), juan.id, archived.version, false).ok());
    EXPECT_EQ(SummaryParents(*world, coordinator_b), (FacilityCounts{{b, 2}}));
    ExpectEveryActorsParentsAsTheirRowsSay(*world);
  }
  {
    SCOPED_TRACE("Rosa's links to the children of B archived, one at a time");
    ASSERT_TRUE(
        world->records
            ->SetArchived(admin, ParentChildLinkKind(), rosa_first.id, rosa_first.version, true)
            .ok());
    EXPECT_EQ(SummaryParents(*world, coordinator_b), (FacilityCounts{{b, 2}}));
    ASSERT_TRUE(
        world->records
            ->SetArchived(admin, ParentChildLinkKind(), rosa_second.id, rosa_second.version, true)
            .ok());
    EXPECT_EQ(SummaryParents(*world, coordinator_b), (FacilityCounts{{b, 1}}));
    ExpectEveryActorsParentsAsTheirRowsSay(*world);
  }
  {
    SCOPED_TRACE("Wayta moves to organisation B with a placement change");
    PlacementChange change;
    change.placement = "relatives";
    change.started_on = "2026-11-23";
    change.organisation_id = world->organisation_b;
    auto moved = world->records->ChangePlacement(admin, child_a.id, child_a.version, change);
    ASSERT_TRUE(moved.ok()) << moved.status().ToString();
    // Juana, held in A, now the mother of a child of B; Juan counted once.
    EXPECT_EQ(SummaryParents(*world, coordinator_b), (FacilityCounts{{a, 1}, {b, 1}}));
    ExpectEveryActorsParentsAsTheirRowsSay(*world);
  }
  {
    SCOPED_TRACE("Wayta back to organisation A by an edit of her record");
    const Record moved = Reread(*world, ChildKind(), child_a.id);
    ASSERT_TRUE(world->records
                    ->Update(admin, ChildKind(), child_a.id, moved.version,
                             {{"organisation_id", world->organisation_a}})
                    .ok());
    EXPECT_EQ(SummaryParents(*world, coordinator_b), (FacilityCounts{{b, 1}}));
    ExpectEveryActorsParentsAsTheirRowsSay(*world);
  }
  {
    SCOPED_TRACE("Juana registered as the mother of Sisa (B), then transferred to B");
    world->Link(juana.id, second_b.id, "mother");
    EXPECT_EQ(SummaryParents(*world, coordinator_b), (FacilityCounts{{a, 1}, {b, 1}}));
    TransferRequest transfer;
    transfer.to_facility_id = b;
    transfer.transferred_on = "2026-11-22";
    transfer.reason = "traslado";
    const Record before = Reread(*world, ParentKind(), juana.id);
    ASSERT_TRUE(world->records->TransferParent(admin, juana.id, before.version, transfer).ok());
    EXPECT_EQ(SummaryParents(*world, coordinator_b), (FacilityCounts{{b, 2}}));
    ExpectEveryActorsParentsAsTheirRowsSay(*world);
  }
  {
    SCOPED_TRACE("organisation B follows Rosa, whose links to its children are archived");
    const Record now = Reread(*world, ParentKind(), rosa.id);
    ASSERT_TRUE(world->records
                    ->Update(admin, ParentKind(), rosa.id, now.version,
                             {{"organisation_id", world->organisation_b}})
                    .ok());
    EXPECT_EQ(SummaryParents(*world, coordinator_b), (FacilityCounts{{b, 3}}));
    ExpectEveryActorsParentsAsTheirRowsSay(*world);
  }
  {
    SCOPED_TRACE("a link re-pointed from Wayta (A) to Killa (B) by SQL");
    // No service does this (a link's ends are immutable fields); the copies
    // must follow any write all the same.
    const Record kusi = AddUnfollowedParent(*world, a);
    const Record kusi_wayta = world->Link(kusi.id, child_a.id, "mother");
    EXPECT_EQ(SummaryParents(*world, coordinator_b), (FacilityCounts{{b, 3}}));
    Status repointed = world->context.store->Write([&](Txn& txn) -> Status {
      return txn.Execute("UPDATE parent_child_links SET child_id = " + std::to_string(first_b.id) +
                         " WHERE id = " + std::to_string(kusi_wayta.id));
    });
    ASSERT_TRUE(repointed.ok()) << repointed.ToString();
    EXPECT_EQ(SummaryParents(*world, coordinator_b), (FacilityCounts{{a, 1}, {b, 3}}));
    ExpectEveryActorsParentsAsTheirRowsSay(*world);
  }
  {
    SCOPED_TRACE("a link written by SQL with wrong copies (a bulk load's mistake)");
    const Record ayar = AddUnfollowedParent(*world, a);
    Status inserted = world->context.store->Write([&](Txn& txn) -> Status {
      return txn.Execute(
          "INSERT INTO parent_child_links (created_at, updated_at, parent_id, child_id, "
          "relation, child_organisation_id, parent_facility_id, parent_archived) VALUES "
          "('2026-11-23T12:00:00Z', '2026-11-23T12:00:00Z', " +
          std::to_string(ayar.id) + ", " + std::to_string(second_b.id) + ", 'mother', " +
          std::to_string(world->organisation_a) + ", " + std::to_string(b) + ", 1)");
    });
    ASSERT_TRUE(inserted.ok()) << inserted.ToString();
    EXPECT_EQ(SummaryParents(*world, coordinator_b), (FacilityCounts{{a, 2}, {b, 3}}));
    ExpectEveryActorsParentsAsTheirRowsSay(*world);
  }
}

// The children inside by facility leave out, in SQL, the children who do
// not live inside; for every actor they are the groups of Txn::CountBy
// (which counts those too, as the group "") other than that one.
TEST(FiguresServiceTest, Issue14_TheChildrenInsideAreEveryGroupButThoseLivingOutside) {
  std::unique_ptr<World> world = MakeWorld();
  ASSERT_NE(world, nullptr);
  world->AddChild("A", "Killa");  // lives with relatives, like Ayar
  const Record inside_a = world->AddChild("A", "Sisa");
  const Record inside_b = world->AddChild("B", "Wayta");
  world->AddChild("B", "Ayar");
  // Placed inside by SQL: the counts do not ask how a child came to live there.
  Status placed = world->context.store->Write([&](Txn& txn) -> Status {
    for (long long child_id : {inside_a.id, inside_b.id}) {
      VINCULO_RETURN_IF_ERROR(txn.Execute(
          "UPDATE children SET placement = 'inside_with_mother', facility_id = " +
          std::to_string(world->facility_b) + " WHERE id = " + std::to_string(child_id)));
    }
    return Status::Ok();
  });
  ASSERT_TRUE(placed.ok()) << placed.ToString();
  int compared = 0;
  for (const auto& [name, actor] : world->actors) {
    SCOPED_TRACE(name);
    std::vector<std::pair<long long, long long>> every_group_but_outside;
    std::vector<std::pair<long long, long long>> inside;
    Status read = world->context.store->Read([&](Txn& txn) -> Status {
      VINCULO_ASSIGN_OR_RETURN(auto groups, txn.CountBy(ChildKind(), "facility_id", actor));
      for (const auto& [facility_id, count] : groups) {
        if (!facility_id.empty())
          every_group_but_outside.emplace_back(std::stoll(facility_id), count);
      }
      VINCULO_ASSIGN_OR_RETURN(auto rows, figures_store::ChildrenInsideByFacility(txn, actor));
      for (const figures_store::FacilityCount& row : rows) {
        inside.emplace_back(row.facility_id, row.count);
      }
      return Status::Ok();
    });
    if (!read.ok()) continue;  // an actor who may not read children
    EXPECT_EQ(inside, every_group_but_outside);
    ++compared;
  }
  EXPECT_GT(compared, 3);
  Status counted = world->context.store->Read([&](Txn& txn) -> Status {
    VINCULO_ASSIGN_OR_RETURN(auto rows,
                             figures_store::ChildrenInsideByFacility(txn, Actor::System()));
    EXPECT_EQ(rows.size(), 1u);
    if (!rows.empty()) {
      EXPECT_EQ(rows[0].facility_id, world->facility_b);
      EXPECT_EQ(rows[0].count, 2);
    }
    return Status::Ok();
  });
  EXPECT_TRUE(counted.ok()) << counted.ToString();
}

// PostgreSQL (READ COMMITTED): a link written while its parent's transfer is
// not yet committed must wait for it and keep her new prison. Without the
// trigger's FOR SHARE the link would not wait (the foreign key's FOR KEY
// SHARE does not conflict with the transfer's update) and would copy the old
// prison, which the transfer's own update of her links, already run, could
// not see. On SQLite the link's write waits in the writers' queue.
TEST(FiguresServiceTest, Issue14_ALinkWrittenDuringItsParentsTransferKeepsHerNewPrison) {
  std::unique_ptr<World> world = MakeWorld();
  ASSERT_NE(world, nullptr);
  const Record child = world->AddChild("B", "Killa");
  const Record parent = AddUnfollowedParent(*world, world->facility_a);
  std::promise<void> transferred;
  std::thread transfer([&] {
    Status written = world->context.store->Write([&](Txn& txn) -> Status {
      VINCULO_RETURN_IF_ERROR(
          txn.Execute("UPDATE parents SET facility_id = " + std::to_string(world->facility_b) +
                      " WHERE id = " + std::to_string(parent.id)));
      transferred.set_value();
      // Long enough for the link below to reach the parent's row.
      std::this_thread::sleep_for(std::chrono::milliseconds(400));
      return Status::Ok();
    });
    EXPECT_TRUE(written.ok()) << written.ToString();
  });
  transferred.get_future().wait();
  world->Link(parent.id, child.id, "mother");
  transfer.join();
  EXPECT_EQ(SummaryParents(*world, world->actor("coordinator_b")),
            (FacilityCounts{{world->facility_b, 1}}));
  ExpectEveryActorsParentsAsTheirRowsSay(*world);
}

}  // namespace
}  // namespace vinculo::testing
