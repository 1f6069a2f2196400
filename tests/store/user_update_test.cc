// An administrator changes a user (AuthService::UpdateUser) on a real
// database, both engines: a caregiver's staff link is set, moved and removed,
// and her session sees it on the next request, not 5 s later; a staff record
// of another organisation, a facility user, a role that does not fit, one's
// own role, a stale version, other organisations' users and other roles are
// refused and change nothing; every change is audited. The clock is fixed at
// 2026-11-23.
#include <gtest/gtest.h>

#include "service/auth_service.h"
#include "support/visit_world.h"

namespace vinculo::testing {
namespace {

class UserUpdateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    world_ = MakeWorld();
    ASSERT_NE(world_, nullptr);
    programme_ = AddVisitProgramme(*world_);
    ASSERT_GT(programme_.template_id, 0);
  }

  const Actor& As(const std::string& name) { return world_->actor(name); }
  long long IdOf(const std::string& name) { return As(name).user_id; }

  User Read(const std::string& name) {
    auto user = world_->auth->GetUser(Actor::System(), IdOf(name));
    EXPECT_TRUE(user.ok()) << user.status().ToString();
    return user.ok() ? *user : User{};
  }

  Result<User> Update(const std::string& as, const std::string& name, const UserChange& change) {
    return world_->auth->UpdateUser(As(as), IdOf(name), change, Read(name).version);
  }

  static UserChange StaffLink(std::optional<long long> staff_id) {
    UserChange change;
    change.staff_id = staff_id;
    return change;
  }

  std::unique_ptr<World> world_;
  VisitProgramme programme_;
};

TEST_F(UserUpdateTest, AStaffLinkIsSetMovedAndRemovedAndTheSessionSeesItAtOnce) {
  auto login = world_->auth->Login("caregiver_a_unlinked", kPassword, "127.0.0.1");
  ASSERT_TRUE(login.ok()) << login.status().ToString();
  auto before = world_->auth->Authenticate(login->token, "127.0.0.1");
  ASSERT_TRUE(before.ok());
  EXPECT_FALSE(before->staff_id.has_value());  // and now cached for up to 5 s

  const long long version = Read("caregiver_a_unlinked").version;
  auto linked = Update("admin_a", "caregiver_a_unlinked", StaffLink(programme_.staff_2));
  ASSERT_TRUE(linked.ok()) << linked.status().ToString();
  EXPECT_EQ(linked->staff_id, programme_.staff_2);
  EXPECT_EQ(linked->version, version + 1);
  EXPECT_TRUE(linked->password_hash.empty());
  auto after = world_->auth->Authenticate(login->token, "127.0.0.1");
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->staff_id, programme_.staff_2);
  // The password still works: only the named fields changed.
  EXPECT_TRUE(world_->auth->Login("caregiver_a_unlinked", kPassword, "127.0.0.1").ok());

  ASSERT_TRUE(Update("admin_a", "caregiver_a_unlinked", StaffLink(programme_.staff_1)).ok());
  EXPECT_EQ(world_->auth->Authenticate(login->token, "127.0.0.1")->staff_id, programme_.staff_1);
  auto unlinked = Update("admin_a", "caregiver_a_unlinked", StaffLink(std::nullopt));
  ASSERT_TRUE(unlinked.ok()) << unlinked.status().ToString();
  EXPECT_FALSE(unlinked->staff_id.has_value());
  EXPECT_FALSE(world_->auth->Authenticate(login->token, "127.0.0.1")->staff_id.has_value());

  // Each change is in the user's audit trail, by whom and what.
  std::vector<AuditEvent> trail;
  ASSERT_TRUE(world_->database->store()
                  .Read([&](Txn& txn) -> Status {
                    VINCULO_ASSIGN_OR_RETURN(
                        trail, txn.AuditTrail("users", IdOf("caregiver_a_unlinked"), 50));
                    return Status::Ok();
                  })
                  .ok());
  int updates = 0;
  for (const AuditEvent& event : trail) {
    if (event.action != "update") continue;
    ++updates;
    EXPECT_EQ(event.username, "admin_a");
    EXPECT_NE(event.detail.find("staff_id"), std::string::npos) << event.detail;
  }
  EXPECT_EQ(updates, 3);
}

TEST_F(UserUpdateTest, OnlyAStaffRecordOfTheUsersOwnOrganisationIsLinked) {
  auto foreign = world_->records->Create(As("admin"), StaffKind(),
                                         {{"organisation_id", world_->organisation_b},
                                          {"given_names", std::string("Rosa")},
                                          {"family_names", std::string("Sintética Sur")},
                                          {"staff_role", std::string("caregiver")}});
  ASSERT_TRUE(foreign.ok()) << foreign.status().ToString();
  const User before = Read("caregiver_a");
  for (long long staff_id : {foreign->id, 987654321LL}) {
    // Not even the installation administrator links across organisations.
    for (const char* as : {"admin_a", "admin"}) {
      auto refused = Update(as, "caregiver_a", StaffLink(staff_id));
      EXPECT_EQ(refused.status().code(), StatusCode::kInvalidArgument) << as;
      EXPECT_EQ(refused.status().field(), "staff_id") << as;
    }
  }
  // A facility's user belongs to no organisation, so to no staff record.
  auto facility_user = Update("admin", "visits_officer_a", StaffLink(programme_.staff_1));
  EXPECT_EQ(facility_user.status().field(), "staff_id");
  const User after = Read("caregiver_a");
  EXPECT_EQ(after.staff_id, before.staff_id);
  EXPECT_EQ(after.version, before.version);
}

TEST_F(UserUpdateTest, OnlyAnAdministratorOfTheUsersOrganisationChangesHer) {
  UserChange rename;
  rename.display_name = "Marta S.";
  for (const char* as : {"coordinator_a", "caregiver_a", "auditor"}) {
    EXPECT_EQ(Update(as, "caregiver_a2", rename).status().code(), StatusCode::kForbidden) << as;
  }
  // Organisation A's administrator does not see organisation B's users, nor a
  // facility's.
  EXPECT_EQ(Update("admin_a", "coordinator_b", rename).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(Update("admin_a", "visits_officer_a", rename).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(world_->auth->UpdateUser(As("admin_a"), 987654321, rename, 1).status().code(),
            StatusCode::kNotFound);
  EXPECT_NE(Read("coordinator_b").display_name, "Marta S.");
  auto renamed = Update("admin_a", "caregiver_a2", rename);
  ASSERT_TRUE(renamed.ok()) << renamed.status().ToString();
  EXPECT_EQ(renamed->display_name, "Marta S.");
}

TEST_F(UserUpdateTest, BadValuesRolesThatDoNotFitAndStaleVersionsChangeNothing) {
  const User before = Read("caregiver_a");
  const struct {
    UserChange change;
    const char* field;
  } cases[] = {
      {{std::nullopt, std::string("   "), std::nullopt, std::nullopt}, "display_name"},
      {{std::nullopt, std::string(201, 'a'), std::nullopt, std::nullopt}, "display_name"},
      {{std::nullopt, std::nullopt, std::string("fr"), std::nullopt}, "language"},
      // A caregiver of an organisation cannot become a prison's visits officer
      // without a facility, which is not changed here.
      {{std::nullopt, std::nullopt, std::nullopt, Role::kVisitsOfficer}, "role"},
  };
  for (const auto& bad : cases) {
    auto refused = Update("admin_a", "caregiver_a", bad.change);
    EXPECT_EQ(refused.status().code(), StatusCode::kInvalidArgument) << bad.field;
    EXPECT_EQ(refused.status().field(), bad.field);
  }
  UserChange own_role;
  own_role.role = Role::kCaregiver;
  EXPECT_EQ(Update("admin_a", "admin_a", own_role).status().field(), "role");

  UserChange language;
  language.language = "en";
  auto stale =
      world_->auth->UpdateUser(As("admin_a"), IdOf("caregiver_a"), language, before.version + 5);
  EXPECT_EQ(stale.status().code(), StatusCode::kPreconditionFailed);
  const User unchanged = Read("caregiver_a");
  EXPECT_EQ(unchanged.version, before.version);
  EXPECT_EQ(unchanged.language, before.language);
  EXPECT_EQ(unchanged.role, Role::kCaregiver);
  EXPECT_EQ(unchanged.display_name, before.display_name);

  // A role that fits the organisation: a caregiver becomes a social worker;
  // the language changes in the same write.
  UserChange promote;
  promote.role = Role::kSocialWorker;
  promote.language = "en";
  auto changed = Update("admin_a", "caregiver_a", promote);
  ASSERT_TRUE(changed.ok()) << changed.status().ToString();
  EXPECT_EQ(changed->role, Role::kSocialWorker);
  EXPECT_EQ(changed->language, "en");
  EXPECT_EQ(changed->version, before.version + 1);
  EXPECT_EQ(changed->staff_id, before.staff_id);
  // Nothing to change: nothing written.
  auto same = Update("admin_a", "caregiver_a", promote);
  ASSERT_TRUE(same.ok());
  EXPECT_EQ(same->version, changed->version);
}

}  // namespace
}  // namespace vinculo::testing
