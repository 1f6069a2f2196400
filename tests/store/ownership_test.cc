// Issue 13, ownership: writes that reached into other organisations' data.
// Each was done from outside against the server as it was; here through the
// services on a real database (SQLite or PostgreSQL).
#include <gtest/gtest.h>

#include "service/csv_exchange.h"
#include "service/nursery_care_service.h"
#include "service/workshop_service.h"
#include "support/supply_world.h"
#include "support/workshop_world.h"
#include "support/world.h"

namespace vinculo::testing {
namespace {

class OwnershipTest : public ::testing::Test {
 protected:
  void SetUp() override {
    world_ = MakeWorld();
    ASSERT_NE(world_, nullptr);
    fixture_ = AddWorkshopWorld(*world_);
    workshops_ = std::make_unique<WorkshopService>(world_->context);
  }
  // Facility A is run by organisation A from now on.
  void LetOrganisationARunFacilityA() {
    auto facility =
        world_->records->Get(world_->actor("admin"), FacilityKind(), world_->facility_a);
    ASSERT_TRUE(facility.ok());
    auto run =
        world_->records->Update(world_->actor("admin"), FacilityKind(), world_->facility_a,
                                facility->version, {{"organisation_id", world_->organisation_a}});
    ASSERT_TRUE(run.ok()) << run.status().ToString();
  }
  std::unique_ptr<World> world_;
  WorkshopFixture fixture_;
  std::unique_ptr<WorkshopService> workshops_;
};

TEST_F(OwnershipTest, Issue13_ACourseAnotherOrganisationRunsIsNotRewrittenByACoordinator) {
  CohortRequest request;
  request.course_id = fixture_.short_course;
  request.facility_id = world_->facility_a;
  request.group_kind = "women";
  request.facilitator_user_id = fixture_.facilitator;
  request.space_id = fixture_.chapel_a;
  request.start_date = "2026-11-30";
  ASSERT_TRUE(workshops_->CreateCohort(world_->actor("social_worker_a"), request).ok());
  const std::vector<CourseTopicRow> topics = {{0, "Juego y vínculo", "Play and bonding"}};
  auto foreign =
      workshops_->ReplaceTopics(world_->actor("coordinator_b"), fixture_.short_course, 1, topics);
  EXPECT_EQ(foreign.status().code(), StatusCode::kForbidden);
  EXPECT_EQ(foreign.status().field(), "course_id");
  // The organisation whose cohorts alone run it, and the installation's
  // administrator, still can.
  auto own =
      workshops_->ReplaceTopics(world_->actor("coordinator_a"), fixture_.short_course, 1, topics);
  ASSERT_TRUE(own.ok()) << own.status().ToString();
  EXPECT_TRUE(
      workshops_->ReplaceTopics(world_->actor("admin"), fixture_.short_course, 2, topics).ok());
}

TEST_F(OwnershipTest, Issue13_AFacilitysSettingsAreItsOwnOrganisations) {
  const Actor admin_a = world_->actor("admin_a");
  EXPECT_EQ(workshops_->AddClosure(admin_a, world_->facility_a, "2026-12-01", "Requisa").code(),
            StatusCode::kForbidden);
  EXPECT_EQ(workshops_->SetMixedGroupsAllowed(admin_a, world_->facility_a, true).code(),
            StatusCode::kForbidden);
  LetOrganisationARunFacilityA();
  EXPECT_TRUE(workshops_->AddClosure(admin_a, world_->facility_a, "2026-12-01", "Requisa").ok());
  EXPECT_TRUE(workshops_->SetMixedGroupsAllowed(admin_a, world_->facility_a, true).ok());
  // Facility B is still not organisation A's.
  EXPECT_EQ(workshops_->AddClosure(admin_a, world_->facility_b, "2026-12-01", "Requisa").code(),
            StatusCode::kForbidden);
}

TEST_F(OwnershipTest, Issue13_OnlyTheInstallationsAdministratorEditsTheHealthSchedule) {
  NurseryCareService care(world_->context);
  auto scoped = care.AddScheduleEntry(world_->actor("admin_a"), {"vaccine", "Fiebre amarilla", 15});
  EXPECT_EQ(scoped.status().code(), StatusCode::kForbidden);
  auto schedule = care.HealthSchedule(world_->actor("admin"));
  ASSERT_TRUE(schedule.ok());
  ASSERT_FALSE(schedule->empty());
  EXPECT_EQ(care.SetScheduleEntryActive(world_->actor("admin_a"), schedule->front().id, false)
                .status()
                .code(),
            StatusCode::kForbidden);
  EXPECT_TRUE(
      care.AddScheduleEntry(world_->actor("admin"), {"vaccine", "Fiebre amarilla", 15}).ok());
}

TEST_F(OwnershipTest, Issue13_AVisitsOfficerDoesNotHandAParentToAnotherOrganisation) {
  Record parent = world_->AddParent("A", "female");
  auto moved =
      world_->records->Update(world_->actor("visits_officer_a"), ParentKind(), parent.id,
                              parent.version, {{"organisation_id", world_->organisation_b}});
  EXPECT_EQ(moved.status().code(), StatusCode::kForbidden);
  EXPECT_EQ(moved.status().field(), "organisation_id");
  auto seen = world_->records->Get(world_->actor("coordinator_b"), ParentKind(), parent.id);
  EXPECT_EQ(seen.status().code(), StatusCode::kNotFound) << "organisation B never received it";
  auto unchanged = world_->records->Get(world_->actor("admin"), ParentKind(), parent.id);
  ASSERT_TRUE(unchanged.ok());
  EXPECT_EQ(unchanged->Integer("organisation_id"), world_->organisation_a);
}

TEST_F(OwnershipTest, Issue13_ANurseryOfficerDoesNotFileAChildUnderAnOrganisation) {
  auto filed = world_->records->Create(world_->actor("nursery_officer_a"), ChildKind(),
                                       {{"given_names", std::string("Sami")},
                                        {"family_names", std::string("Quispe Huamán")},
                                        {"date_of_birth", std::string("2025-06-01")},
                                        {"sex", std::string("female")},
                                        {"placement", std::string("inside_with_mother")},
                                        {"facility_id", world_->facility_a},
                                        {"organisation_id", world_->organisation_b}});
  EXPECT_EQ(filed.status().code(), StatusCode::kForbidden);
  EXPECT_EQ(filed.status().field(), "organisation_id");
  // An organisation's own staff still file under their own organisation.
  Record own = world_->AddChild("A", "Killa");
  EXPECT_EQ(own.Integer("organisation_id"), world_->organisation_a);
}

// Issue 13, the same rule for a change: a nursery officer does not hand a
// child living in her facility to an organisation, neither by changing the
// child's organisation_id nor through a placement change naming one, and
// the organisation never reads the child.
TEST_F(OwnershipTest, Issue13_ANurseryOfficerDoesNotMoveAChildToAnOrganisation) {
  const SupplyChildren inside = AddSupplyChildren(*world_);
  const Actor& officer = world_->actor("nursery_officer_a");
  auto child = world_->records->Get(officer, ChildKind(), inside.newborn_a);
  ASSERT_TRUE(child.ok()) << child.status().ToString();
  auto patched = world_->records->Update(officer, ChildKind(), child->id, child->version,
                                         {{"organisation_id", world_->organisation_b}});
  EXPECT_EQ(patched.status().code(), StatusCode::kForbidden);
  EXPECT_EQ(patched.status().field(), "organisation_id");
  PlacementChange change;
  change.placement = "inside_with_mother";
  change.started_on = "2026-11-23";
  change.facility_id = world_->facility_a;
  change.organisation_id = world_->organisation_b;
  auto placed = world_->records->ChangePlacement(officer, child->id, child->version, change);
  EXPECT_EQ(placed.status().code(), StatusCode::kForbidden);
  EXPECT_EQ(placed.status().field(), "organisation_id");
  EXPECT_EQ(
      world_->records->Get(world_->actor("coordinator_b"), ChildKind(), child->id).status().code(),
      StatusCode::kNotFound)
      << "organisation B never received the child";
  auto unchanged = world_->records->Get(world_->actor("admin"), ChildKind(), child->id);
  ASSERT_TRUE(unchanged.ok());
  EXPECT_EQ(unchanged->version, child->version);
  EXPECT_FALSE(unchanged->Integer("organisation_id").has_value());
}

TEST_F(OwnershipTest, Issue13_AVisitsOfficerDoesNotReadAChildsHomeOrSchool) {
  Record mother = world_->AddParent("A", "female");
  Record child = world_->AddChild("A", "Inti");
  world_->Link(mother.id, child.id, "mother");
  auto seen = world_->records->Get(world_->actor("visits_officer_a"), ChildKind(), child.id);
  ASSERT_TRUE(seen.ok()) << seen.status().ToString();
  for (const char* field :
       {"home_address", "home_latitude", "home_longitude", "school_name", "school_grade"}) {
    EXPECT_EQ(seen->values.count(field), 0u) << field;
  }
  EXPECT_EQ(seen->Text("given_names"), "Inti") << "what visits need stays";
  auto coordinator = world_->records->Get(world_->actor("coordinator_a"), ChildKind(), child.id);
  ASSERT_TRUE(coordinator.ok());
  EXPECT_EQ(coordinator->Text("home_address"), "Jr. Sintético 123, Ayacucho");
}

TEST_F(OwnershipTest, Issue13_ADefaultExportHoldsNoQuasiIdentifiersNorOffence) {
  world_->AddChild("A", "Inti");
  world_->AddParent("A", "female");
  auto children = ExportCsv(*world_->records, world_->actor("coordinator_a"), ChildKind(), {});
  ASSERT_TRUE(children.ok()) << children.status().ToString();
  for (const char* withheld : {"2019-02-28", "Jr. Sintético", "-13.16", "Inti"}) {
    EXPECT_EQ(children->find(withheld), std::string::npos) << withheld << "\n" << *children;
  }
  auto parents = ExportCsv(*world_->records, world_->actor("admin"), ParentKind(), {});
  ASSERT_TRUE(parents.ok());
  EXPECT_EQ(parents->find("drug_transport"), std::string::npos) << *parents;
  // Asked for, by a role that may read case records, everything comes.
  ExportOptions named;
  named.with_names = true;
  auto full = ExportCsv(*world_->records, world_->actor("admin"), ChildKind(), named);
  ASSERT_TRUE(full.ok());
  EXPECT_NE(full->find("2019-02-28"), std::string::npos);
  EXPECT_NE(full->find("Inti"), std::string::npos);
}

}  // namespace
}  // namespace vinculo::testing
