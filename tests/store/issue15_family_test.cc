// Issue 15, "the family", through FamilyService on a real database (SQLite or
// PostgreSQL): a family split across two prisons (support/family_world.h)
// read as one: its members and where each is, the distances between them
// (checked against a haversine written here, sharing nothing with
// domain/geo), the siblings apart, the timeline in order, the next planned
// and the last attended visit of a pair, scoping (another organisation's
// child is absent; a family of only foreign members is not found, exactly as
// a missing child), the read audited, and the sibling link refusals. The
// clock is fixed at 2026-11-23.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "domain/family.h"
#include "service/family_service.h"
#include "service/visit_service.h"
#include "support/family_world.h"
#include "support/visit_world.h"

namespace vinculo::testing {
namespace {

// The haversine on a sphere of 6371 km, written out again on purpose.
double ExpectedKm(double lat1, double lon1, double lat2, double lon2) {
  constexpr double kPi = 3.14159265358979323846;
  const double to_radians = kPi / 180.0;
  const double dlat = (lat2 - lat1) * to_radians;
  const double dlon = (lon2 - lon1) * to_radians;
  const double h = std::pow(std::sin(dlat / 2), 2) + std::cos(lat1 * to_radians) *
                                                         std::cos(lat2 * to_radians) *
                                                         std::pow(std::sin(dlon / 2), 2);
  return 2 * 6371.0 * std::asin(std::sqrt(h));
}

class Issue15FamilyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    world_ = MakeWorld();
    ASSERT_NE(world_, nullptr);
    family_ = AddSplitFamily(*world_);
    ASSERT_GT(family_.sibling_link, 0);
    families_ = std::make_unique<FamilyService>(world_->context);
  }

  FamilyView Read(const std::string& as, long long child_id) {
    auto view = families_->Family(world_->actor(as), child_id);
    EXPECT_TRUE(view.ok()) << view.status().ToString();
    return view.ok() ? *view : FamilyView{};
  }

  static std::set<long long> ChildIds(const FamilyView& view) {
    std::set<long long> ids;
    for (const FamilyChild& child : view.children) ids.insert(child.record.id);
    return ids;
  }
  static std::set<long long> ParentIds(const FamilyView& view) {
    std::set<long long> ids;
    for (const FamilyParent& parent : view.parents) ids.insert(parent.record.id);
    return ids;
  }
  static const FamilyDistance* Distance(const FamilyView& view, const std::string& from_kind,
                                        long long from_id, const std::string& to_kind,
                                        long long to_id) {
    for (const FamilyDistance& distance : view.distances) {
      if (distance.from_kind == from_kind && distance.from_id == from_id &&
          distance.to_kind == to_kind && distance.to_id == to_id) {
        return &distance;
      }
    }
    return nullptr;
  }

  size_t SiblingLinkRows() {
    size_t rows = 0;
    Status read = world_->context.store->Read([&](Txn& txn) -> Status {
      for (long long child :
           {family_.child_ayacucho, family_.child_lima, family_.half_sister, family_.child_b}) {
        auto links = family_store::SiblingLinksOf(txn, child);
        if (!links.ok()) return links.status();
        rows += links->size();
      }
      return Status::Ok();
    });
    EXPECT_TRUE(read.ok()) << read.ToString();
    return rows;
  }

  std::unique_ptr<World> world_;
  SplitFamily family_;
  std::unique_ptr<FamilyService> families_;
};

TEST_F(Issue15FamilyTest, Issue15_AFamilySplitAcrossTwoPrisonsIsReadAsOneFromAnyOfItsChildren) {
  for (long long from : {family_.child_ayacucho, family_.child_lima, family_.half_sister}) {
    SCOPED_TRACE(from);
    const FamilyView view = Read("coordinator_a", from);
    EXPECT_EQ(ChildIds(view), (std::set<long long>{family_.child_ayacucho, family_.child_lima,
                                                   family_.half_sister}));
    EXPECT_EQ(ParentIds(view), (std::set<long long>{family_.mother, family_.father}));
    ASSERT_EQ(view.carers.size(), 1u);
    EXPECT_EQ(view.carers[0].staff_id, family_.carer);
    EXPECT_EQ(view.carers[0].home_id, family_.home_ayacucho);
    EXPECT_EQ(view.apart_days, kSiblingsApartDefaultDays);
  }
}

TEST_F(Issue15FamilyTest, Issue15_EachMemberIsWhereTheRecordsSayNow) {
  const FamilyView view = Read("coordinator_a", family_.child_ayacucho);
  for (const FamilyChild& child : view.children) {
    if (child.record.id == family_.child_ayacucho) {
      EXPECT_EQ(child.place.kind, "home");
      EXPECT_EQ(child.place.home_id, family_.home_ayacucho);
      EXPECT_EQ(child.place.home_name, "Casa Huamanga");
      EXPECT_EQ(child.place.since, "2026-11-23");
    } else if (child.record.id == family_.child_lima) {
      EXPECT_EQ(child.place.home_id, family_.home_lima);
    } else {
      EXPECT_EQ(child.place.kind, "relatives");
      EXPECT_FALSE(child.place.home_id.has_value());
    }
  }
  for (const FamilyParent& parent : view.parents) {
    EXPECT_EQ(parent.place.kind, "facility");
    if (parent.record.id == family_.mother) {
      EXPECT_EQ(parent.place.facility_id, world_->facility_a);
      EXPECT_EQ(parent.place.since, "2022-05-10");
      EXPECT_EQ(parent.days_to_release, 899);  // 2026-11-23 to 2029-05-10
    } else {
      EXPECT_EQ(parent.place.facility_id, family_.prison_cusco);
      EXPECT_EQ(parent.place.facility_name, "Penal de Qenqoro (sintético)");
      EXPECT_EQ(parent.days_to_release, 112);  // to 2027-03-15
    }
  }
  // The half sister joins through the sibling link, the others through a parent.
  ASSERT_EQ(view.siblings.size(), 2u);
  EXPECT_EQ(view.siblings[0].relation, "shared_parent");
  EXPECT_EQ(view.siblings[1].relation, "half");
  EXPECT_EQ(view.siblings[1].link_id, family_.sibling_link);
}

TEST_F(Issue15FamilyTest, Issue15_DistancesBetweenParentsHomesAndPrisonsAndSiblingsAreRight) {
  const FamilyView view = Read("coordinator_a", family_.child_ayacucho);
  // Two parents, four child-parent links, two sibling pairs.
  EXPECT_EQ(view.distances.size(), 7u);
  struct Case {
    const char* from_kind;
    long long from_id;
    const char* to_kind;
    long long to_id;
    double expected;
  } cases[] = {
      {"parent", std::min(family_.mother, family_.father), "parent",
       std::max(family_.mother, family_.father),
       ExpectedKm(kFacilityALatitude, kFacilityALongitude, kCuscoLatitude, kCuscoLongitude)},
      {"child", family_.child_lima, "parent", family_.father,
       ExpectedKm(kLimaHomeLatitude, kLimaHomeLongitude, kCuscoLatitude, kCuscoLongitude)},
      {"child", family_.child_ayacucho, "parent", family_.mother,
       ExpectedKm(kAyacuchoHomeLatitude, kAyacuchoHomeLongitude, kFacilityALatitude,
                  kFacilityALongitude)},
      {"child", std::min(family_.child_ayacucho, family_.child_lima), "child",
       std::max(family_.child_ayacucho, family_.child_lima),
       ExpectedKm(kAyacuchoHomeLatitude, kAyacuchoHomeLongitude, kLimaHomeLatitude,
                  kLimaHomeLongitude)},
      {"child", std::min(family_.child_ayacucho, family_.half_sister), "child",
       std::max(family_.child_ayacucho, family_.half_sister),
       ExpectedKm(kAyacuchoHomeLatitude, kAyacuchoHomeLongitude, kRelativesLatitude,
                  kRelativesLongitude)},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.from_kind) + std::to_string(c.from_id) + "-" + c.to_kind +
                 std::to_string(c.to_id));
    const FamilyDistance* distance = Distance(view, c.from_kind, c.from_id, c.to_kind, c.to_id);
    ASSERT_NE(distance, nullptr);
    EXPECT_NEAR(distance->km, c.expected, 0.06);
  }
  // Ayacucho to Cusco is far: more than 200 km, less than 300.
  const FamilyDistance* parents = Distance(view, "parent", std::min(family_.mother, family_.father),
                                           "parent", std::max(family_.mother, family_.father));
  ASSERT_NE(parents, nullptr);
  EXPECT_EQ(parents->relation, "parents");
  EXPECT_GT(parents->km, 200);
  EXPECT_LT(parents->km, 300);
}

TEST_F(Issue15FamilyTest, Issue15_SiblingsWhoHaveNotSeenEachOtherAreListedPastTheWindow) {
  const FamilyView view = Read("coordinator_a", family_.child_ayacucho);
  // Two homes and relatives, no visit together ever: both pairs apart, never seen.
  ASSERT_EQ(view.siblings_apart.size(), 2u);
  for (const FamilySiblingsApart& pair : view.siblings_apart) {
    EXPECT_FALSE(pair.last_seen_on.has_value());
    EXPECT_FALSE(pair.days_apart.has_value());
  }
  auto window = families_->Family(world_->actor("coordinator_a"), family_.child_ayacucho, 0);
  ASSERT_FALSE(window.ok());
  EXPECT_EQ(window.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(window.status().field(), "apart_days");
  EXPECT_EQ(families_->Family(world_->actor("coordinator_a"), family_.child_ayacucho, 3651)
                .status()
                .field(),
            "apart_days");
}

TEST_F(Issue15FamilyTest, Issue15_TheTimelineIsOneListInDateOrder) {
  const FamilyView view = Read("coordinator_a", family_.child_lima);
  ASSERT_FALSE(view.timeline.empty());
  for (size_t i = 1; i < view.timeline.size(); ++i) {
    EXPECT_LE(view.timeline[i - 1].on, view.timeline[i].on) << i;
  }
  // Births first (2015, 2017, 2019), the parents' imprisonment, the
  // placements of the day they were registered, the father's release ahead.
  EXPECT_EQ(view.timeline.front().kind, "born");
  EXPECT_EQ(view.timeline.front().child_id, family_.child_lima);
  EXPECT_EQ(view.timeline.front().on, "2015-09-20");
  auto count = [&](const std::string& kind) {
    return std::count_if(view.timeline.begin(), view.timeline.end(),
                         [&](const FamilyEvent& event) { return event.kind == kind; });
  };
  EXPECT_EQ(count("born"), 3);
  EXPECT_EQ(count("imprisoned"), 2);
  EXPECT_EQ(count("placement"), 3);
  EXPECT_EQ(count("expected_release"), 2);
  EXPECT_EQ(view.timeline.back().kind, "expected_release");
  EXPECT_EQ(view.timeline.back().parent_id, family_.mother);
  EXPECT_EQ(view.timeline.back().on, "2029-05-10");
}

TEST_F(Issue15FamilyTest, Issue15_ATransferAppearsInTheTimelineAndMovesTheParent) {
  auto father = world_->records->Get(Actor::System(), ParentKind(), family_.father);
  ASSERT_TRUE(father.ok());
  auto moved =
      world_->records->TransferParent(world_->actor("admin"), family_.father, father->version,
                                      {world_->facility_a, "2026-11-20", "cercanía"});
  ASSERT_TRUE(moved.ok()) << moved.status().ToString();
  const FamilyView view = Read("coordinator_a", family_.child_ayacucho);
  auto transfer = std::find_if(view.timeline.begin(), view.timeline.end(),
                               [](const FamilyEvent& event) { return event.kind == "transfer"; });
  ASSERT_NE(transfer, view.timeline.end());
  EXPECT_EQ(transfer->on, "2026-11-20");
  EXPECT_EQ(transfer->facility_id, world_->facility_a);
  for (const FamilyParent& parent : view.parents) {
    if (parent.record.id != family_.father) continue;
    EXPECT_EQ(parent.place.facility_id, world_->facility_a);
    EXPECT_EQ(parent.place.since, "2026-11-20");
  }
  // Both parents in one prison now: 0 km apart.
  const FamilyDistance* parents = Distance(view, "parent", std::min(family_.mother, family_.father),
                                           "parent", std::max(family_.mother, family_.father));
  ASSERT_NE(parents, nullptr);
  EXPECT_EQ(parents->km, 0);
}

TEST_F(Issue15FamilyTest, Issue15_AnotherOrganisationsChildIsAbsentFromTheFamily) {
  // Organisation A never sees the mother's child of organisation B.
  for (const char* as : {"coordinator_a", "social_worker_a", "caregiver_a"}) {
    SCOPED_TRACE(as);
    const FamilyView view = Read(as, family_.child_ayacucho);
    EXPECT_FALSE(ChildIds(view).count(family_.child_b));
    for (const FamilyEvent& event : view.timeline) EXPECT_NE(event.child_id, family_.child_b);
    for (const FamilyDistance& distance : view.distances) {
      EXPECT_FALSE(distance.from_kind == "child" && distance.from_id == family_.child_b);
      EXPECT_FALSE(distance.to_kind == "child" && distance.to_id == family_.child_b);
    }
    for (const FamilyParentLink& link : view.parent_links) {
      EXPECT_NE(link.child_id, family_.child_b);
    }
  }
  // Organisation B sees its own child and the mother, none of A's children,
  // nor the father (linked to A's children only).
  const FamilyView view_b = Read("coordinator_b", family_.child_b);
  EXPECT_EQ(ChildIds(view_b), std::set<long long>{family_.child_b});
  EXPECT_EQ(ParentIds(view_b), std::set<long long>{family_.mother});
  EXPECT_TRUE(view_b.siblings.empty());
  EXPECT_TRUE(view_b.siblings_apart.empty());
  EXPECT_TRUE(view_b.carers.empty());
  // The installation administrator sees all four children.
  EXPECT_EQ(ChildIds(Read("admin", family_.child_b)).size(), 4u);
}

TEST_F(Issue15FamilyTest, Issue15_AFamilyOfOnlyForeignMembersIsNotFoundLikeAMissingChild) {
  auto foreign = families_->Family(world_->actor("coordinator_b"), family_.child_ayacucho);
  auto missing = families_->Family(world_->actor("coordinator_b"), 999999);
  ASSERT_FALSE(foreign.ok());
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(foreign.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(foreign.status().field(), missing.status().field());
  // Auditors see figures only.
  EXPECT_EQ(families_->Family(world_->actor("auditor"), family_.child_ayacucho).status().code(),
            StatusCode::kForbidden);
}

TEST_F(Issue15FamilyTest, Issue15_APrisonsStaffSeeTheFamilyThroughTheParentHeldThere) {
  // The visits officer of facility A sees the mother's children, none of
  // their homes, nor the father held elsewhere (no link of his is hers).
  const FamilyView view = Read("visits_officer_a", family_.child_ayacucho);
  EXPECT_TRUE(ChildIds(view).count(family_.child_ayacucho));
  EXPECT_TRUE(ChildIds(view).count(family_.child_b));
  EXPECT_FALSE(ParentIds(view).count(family_.father));
  for (const FamilyChild& child : view.children) {
    EXPECT_FALSE(child.place.home_id.has_value());
    EXPECT_FALSE(child.record.values.count("home_address"));
  }
  EXPECT_TRUE(view.carers.empty());
  // Without homes or addresses she sees no distances from a child.
  for (const FamilyDistance& distance : view.distances) EXPECT_NE(distance.from_kind, "child");
}

TEST_F(Issue15FamilyTest, Issue15_ReadingAFamilyIsAuditedForEveryChildAndParentShown) {
  Read("coordinator_a", family_.child_ayacucho);
  world_->audit->Flush();
  auto trail_of = [&](const char* kind, long long id) {
    std::vector<AuditEvent> events;
    EXPECT_TRUE(world_->context.store
                    ->Read([&](Txn& txn) -> Status {
                      auto trail = txn.AuditTrail(kind, id, 50);
                      if (!trail.ok()) return trail.status();
                      events = std::move(*trail);
                      return Status::Ok();
                    })
                    .ok());
    return std::count_if(events.begin(), events.end(), [](const AuditEvent& event) {
      return event.action == "read" && event.detail == "family" &&
             event.username == "coordinator_a";
    });
  };
  EXPECT_EQ(trail_of("children", family_.child_lima), 1);
  EXPECT_EQ(trail_of("children", family_.half_sister), 1);
  EXPECT_EQ(trail_of("parents", family_.father), 1);
  EXPECT_EQ(trail_of("children", family_.child_b), 0);
}

TEST_F(Issue15FamilyTest, Issue15_ALinkThatWouldMakeAChildHerOwnSiblingIsRefusedAndWritesNothing) {
  const size_t before = SiblingLinkRows();
  auto own = families_->LinkSiblings(world_->actor("coordinator_a"), family_.child_lima,
                                     {family_.child_lima, "full"});
  ASSERT_FALSE(own.ok());
  EXPECT_EQ(own.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(own.status().field(), "sibling_id");
  EXPECT_EQ(own.status().refusal(), Refusal::kOwnSibling);
  // A child of another organisation reads as one that does not exist.
  auto foreign = families_->LinkSiblings(world_->actor("coordinator_a"), family_.child_lima,
                                         {family_.child_b, "half"});
  EXPECT_EQ(foreign.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(foreign.status().field(), "sibling_id");
  auto relation = families_->LinkSiblings(world_->actor("coordinator_a"), family_.child_lima,
                                          {family_.half_sister, "cousin"});
  EXPECT_EQ(relation.status().field(), "relation");
  // The pair linked already, from either end.
  auto twice = families_->LinkSiblings(world_->actor("coordinator_a"), family_.half_sister,
                                       {family_.child_ayacucho, "half"});
  EXPECT_EQ(twice.status().code(), StatusCode::kConflict);
  EXPECT_EQ(twice.status().field(), "sibling_id");
  // A caregiver reads families but does not change them.
  EXPECT_EQ(families_
                ->LinkSiblings(world_->actor("caregiver_a"), family_.child_lima,
                               {family_.half_sister, "half"})
                .status()
                .code(),
            StatusCode::kForbidden);
  EXPECT_EQ(SiblingLinkRows(), before);
  // The database refuses it too, whatever the caller.
  Status raw = world_->context.store->Write([&](Txn& txn) {
    return txn.Execute(
        "INSERT INTO sibling_links (child_id, sibling_id, relation, created_by, "
        "created_at) VALUES (" +
        std::to_string(family_.child_lima) + ", " + std::to_string(family_.child_lima) +
        ", 'full', 0, '2026-11-23')");
  });
  EXPECT_FALSE(raw.ok());
  EXPECT_EQ(SiblingLinkRows(), before);
}

// The visit programme's world: a published December plan gives each pair its
// next planned visit; once recorded, the visit is the pair's last attended.
TEST(Issue15FamilyVisitsTest, Issue15_EachPairShowsItsNextPlannedAndLastAttendedVisit) {
  auto world = MakeWorld();
  ASSERT_NE(world, nullptr);
  const VisitProgramme programme = AddVisitProgramme(*world);
  ASSERT_GT(programme.template_id, 0);
  VisitService visits(world->context);
  auto plan = visits.BuildPlan(world->actor("coordinator_a"), world->organisation_a, "2026-12");
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  ASSERT_TRUE(visits.PublishPlan(world->actor("coordinator_a"), plan->plan.id).ok());
  FamilyService families(world->context);
  auto view = families.Family(world->actor("coordinator_a"), programme.child_1);
  ASSERT_TRUE(view.ok()) << view.status().ToString();
  const FamilyPairVisits* with_mother = nullptr;
  for (const FamilyPairVisits& pair : view->pairs) {
    if (pair.child_id == programme.child_1 && pair.parent_id == programme.mother) {
      with_mother = &pair;
    }
  }
  ASSERT_NE(with_mother, nullptr);
  ASSERT_TRUE(with_mother->next_planned.has_value());
  EXPECT_EQ(with_mother->next_planned->date.substr(0, 7), "2026-12");
  EXPECT_EQ(with_mother->next_planned->facility_id, world->facility_a);
  EXPECT_FALSE(with_mother->last_attended.has_value());
  const long long visit_id = with_mother->next_planned->visit_id;
  const std::string date = with_mother->next_planned->date;

  auto day = ParseDate(date, "date");
  ASSERT_TRUE(day.ok());
  world->clock->Set(StartOfDayUtc(*day) + std::chrono::hours(18));
  VisitRecordRequest record;
  record.attended = true;
  auto recorded = visits.RecordVisit(world->actor("coordinator_a"), visit_id, record);
  ASSERT_TRUE(recorded.ok()) << recorded.status().ToString();
  view = families.Family(world->actor("coordinator_a"), programme.child_1);
  ASSERT_TRUE(view.ok());
  for (const FamilyPairVisits& pair : view->pairs) {
    if (pair.child_id != programme.child_1 || pair.parent_id != programme.mother) continue;
    ASSERT_TRUE(pair.last_attended.has_value());
    EXPECT_EQ(pair.last_attended->visit_id, visit_id);
    EXPECT_EQ(pair.last_attended->date, date);
    if (pair.next_planned) {
      EXPECT_GT(pair.next_planned->date, date);
    }
  }
  auto attended =
      std::find_if(view->timeline.begin(), view->timeline.end(), [&](const FamilyEvent& event) {
        return event.kind == "visit" && event.status == "attended";
      });
  ASSERT_NE(attended, view->timeline.end());
  EXPECT_EQ(attended->on, date);
}

}  // namespace
}  // namespace vinculo::testing
