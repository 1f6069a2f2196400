// Issue 15, "the law enforced", nursery side, through RecordService on a real
// database (SQLite or PostgreSQL): a child cannot begin to live inside a
// prison with the mother where the co-residence rule in force does not allow
// it or the facility has no nursery, on create and on a placement change,
// unless an administrator records a documented exception (audited). The clock
// is fixed at 2026-11-23.
#include <gtest/gtest.h>

#include "service/record_service.h"
#include "support/coresidence_world.h"

namespace vinculo::testing {
namespace {

class Issue15CoresidenceLawTest : public ::testing::Test {
 protected:
  void SetUp() override {
    world_ = MakeWorld();
    ASSERT_NE(world_, nullptr);
    // A synthetic jurisdiction whose law allowed co-residence until mid-2026
    // and forbids it from 2026-07-01.
    const long long norway =
        AddJurisdiction(*world_, "NO", "Norge (syntetisk)", true, "2026-07-01");
    forbidden_ = AddPrison(*world_, norway, "Fengsel Syntetisk", true);
    // In Peru, where co-residence is allowed, but a men's prison with no nursery.
    no_nursery_ = AddPrison(*world_, world_->jurisdiction_pe, "Penal Sintético de Varones", false);
  }

  FieldValues ChildInside(long long facility_id) const {
    return {{"given_names", std::string("Solveig")},
            {"family_names", std::string("Syntetisk")},
            {"date_of_birth", std::string("2026-05-01")},
            {"sex", std::string("female")},
            {"organisation_id", world_->organisation_a},
            {"placement", std::string("inside_with_mother")},
            {"facility_id", facility_id}};
  }

  // Children of the facility, archived or not: "nothing saved" is none.
  size_t ChildrenIn(long long facility_id) {
    ListQuery query;
    query.filters["facility_id"] = facility_id;
    auto page = world_->records->List(world_->actor("admin"), ChildKind(), query);
    EXPECT_TRUE(page.ok()) << page.status().ToString();
    return page.ok() ? page->items.size() : 0;
  }

  std::vector<AuditEvent> Trail(long long child_id) {
    std::vector<AuditEvent> events;
    Status read = world_->context.store->Read([&](Txn& txn) -> Status {
      auto trail = txn.AuditTrail("children", child_id, 20);
      if (!trail.ok()) return trail.status();
      events = std::move(*trail);
      return Status::Ok();
    });
    EXPECT_TRUE(read.ok()) << read.ToString();
    return events;
  }

  PlacementChange MoveInside(long long facility_id) const {
    PlacementChange change;
    change.placement = "inside_with_mother";
    change.facility_id = facility_id;
    change.started_on = "2026-11-23";  // the day AddChild registered her
    change.note = "con su madre";
    return change;
  }

  std::unique_ptr<World> world_;
  long long forbidden_ = 0;
  long long no_nursery_ = 0;
};

TEST_F(Issue15CoresidenceLawTest,
       Issue15_AChildCannotBeAdmittedToLiveInsideWhereCoResidenceIsNotAllowed) {
  for (const char* as : {"admin", "social_worker_a"}) {
    SCOPED_TRACE(as);
    auto created = world_->records->Create(world_->actor(as), ChildKind(), ChildInside(forbidden_));
    ASSERT_FALSE(created.ok());
    EXPECT_EQ(created.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(created.status().field(), "facility_id");
    EXPECT_NE(created.status().message().find("not allowed in Norge"), std::string::npos)
        << created.status().message();
  }
  EXPECT_EQ(ChildrenIn(forbidden_), 0u);
}

TEST_F(Issue15CoresidenceLawTest, Issue15_AChildCannotBeAdmittedToAPrisonWithoutANursery) {
  auto created = world_->records->Create(world_->actor("social_worker_a"), ChildKind(),
                                         ChildInside(no_nursery_));
  ASSERT_FALSE(created.ok());
  EXPECT_EQ(created.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(created.status().field(), "facility_id");
  EXPECT_NE(created.status().message().find("no nursery"), std::string::npos)
      << created.status().message();
  EXPECT_EQ(ChildrenIn(no_nursery_), 0u);
}

TEST_F(Issue15CoresidenceLawTest, Issue15_APlacementChangeCannotMoveHerToAPrisonWithoutANursery) {
  const Record child = world_->AddChild("A");
  for (long long facility : {no_nursery_, forbidden_}) {
    SCOPED_TRACE(facility);
    auto moved = world_->records->ChangePlacement(world_->actor("social_worker_a"), child.id,
                                                  child.version, MoveInside(facility));
    ASSERT_FALSE(moved.ok());
    EXPECT_EQ(moved.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(moved.status().field(), "facility_id");
  }
  // Nothing saved: same version, same placement, one placement in the history.
  auto now = world_->records->Get(world_->actor("admin"), ChildKind(), child.id);
  ASSERT_TRUE(now.ok());
  EXPECT_EQ(now->version, child.version);
  EXPECT_EQ(now->Text("placement"), "relatives");
  auto history = world_->records->Placements(world_->actor("admin"), child.id);
  ASSERT_TRUE(history.ok());
  EXPECT_EQ(history->size(), 1u);
}

TEST_F(Issue15CoresidenceLawTest, Issue15_TheRuleInForceOnTheDayDecides) {
  // A synthetic law that forbids co-residence from 2027: today it is still
  // allowed, so the move of today is.
  const long long chile = AddJurisdiction(*world_, "CL", "Chile", true, "2027-01-01");
  const long long santiago = AddPrison(*world_, chile, "CPF Sintético", true);
  const Record child = world_->AddChild("A");
  auto moved = world_->records->ChangePlacement(world_->actor("social_worker_a"), child.id,
                                                child.version, MoveInside(santiago));
  ASSERT_TRUE(moved.ok()) << moved.status().ToString();
  EXPECT_EQ(moved->Integer("facility_id"), santiago);
}

TEST_F(Issue15CoresidenceLawTest, Issue15_AnAdministratorsDocumentedExceptionAdmitsHer) {
  const std::string reason =
      "Resolución judicial sintética 12/2026: lactancia, traslado imposible por salud";
  FieldValues values = ChildInside(forbidden_);
  values["coresidence_exception"] = reason;
  auto created = world_->records->Create(world_->actor("admin"), ChildKind(), values);
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  EXPECT_EQ(created->Text("coresidence_exception"), reason);
  EXPECT_EQ(ChildrenIn(forbidden_), 1u);
  bool audited = false;
  for (const AuditEvent& event : Trail(created->id)) {
    if (event.action != "coresidence_exception") continue;
    audited = true;
    EXPECT_EQ(event.user_id, world_->actor("admin").user_id);
    EXPECT_NE(event.detail.find(reason), std::string::npos) << event.detail;
  }
  EXPECT_TRUE(audited);

  // And on a placement change: the exception belongs to that placement.
  const Record other = world_->AddChild("A", "Sigrid");
  PlacementChange change = MoveInside(no_nursery_);
  change.coresidence_exception = "Orden judicial sintética: sin plaza en otra cuna";
  auto moved =
      world_->records->ChangePlacement(world_->actor("admin"), other.id, other.version, change);
  ASSERT_TRUE(moved.ok()) << moved.status().ToString();
  EXPECT_EQ(moved->Text("coresidence_exception"), *change.coresidence_exception);
  // Moving her out clears it.
  PlacementChange out;
  out.placement = "relatives";
  out.started_on = "2026-11-23";
  auto left =
      world_->records->ChangePlacement(world_->actor("admin"), other.id, moved->version, out);
  ASSERT_TRUE(left.ok()) << left.status().ToString();
  EXPECT_FALSE(left->Text("coresidence_exception"));
}

TEST_F(Issue15CoresidenceLawTest, Issue15_OnlyAnAdministratorRecordsAnException) {
  FieldValues values = ChildInside(forbidden_);
  values["coresidence_exception"] = std::string("Lo pide la trabajadora social");
  auto created = world_->records->Create(world_->actor("social_worker_a"), ChildKind(), values);
  ASSERT_FALSE(created.ok());
  EXPECT_EQ(created.status().code(), StatusCode::kForbidden);
  EXPECT_EQ(created.status().field(), "coresidence_exception");
  EXPECT_EQ(ChildrenIn(forbidden_), 0u);

  const Record child = world_->AddChild("A");
  PlacementChange change = MoveInside(no_nursery_);
  change.coresidence_exception = "Lo pide la trabajadora social";
  auto moved = world_->records->ChangePlacement(world_->actor("social_worker_a"), child.id,
                                                child.version, change);
  ASSERT_FALSE(moved.ok());
  EXPECT_EQ(moved.status().code(), StatusCode::kForbidden);
}

TEST_F(Issue15CoresidenceLawTest, Issue15_AnExceptionWhereNothingIsRefusedDocumentsNothing) {
  FieldValues values = ChildInside(world_->facility_b);  // MX, a nursery, no rule against
  values["coresidence_exception"] = std::string("Por si acaso");
  auto created = world_->records->Create(world_->actor("admin"), ChildKind(), values);
  ASSERT_FALSE(created.ok());
  EXPECT_EQ(created.status().field(), "coresidence_exception");
  EXPECT_NE(created.status().message().find("nothing refuses"), std::string::npos)
      << created.status().message();
  // Without it, the same child is admitted.
  auto plain =
      world_->records->Create(world_->actor("admin"), ChildKind(), ChildInside(world_->facility_b));
  EXPECT_TRUE(plain.ok()) << plain.status().ToString();
}

}  // namespace
}  // namespace vinculo::testing
