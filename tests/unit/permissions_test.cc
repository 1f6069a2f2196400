// The permission table pinned whole (issue 17): every permission with exactly
// its roles, and every role's access to every record kind. A change to
// domain/permissions.cc fails here until this file says the same, so giving or
// taking a role is a visible decision in review.
#include "domain/permissions.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "domain/access.h"

namespace vinculo {
namespace {

using Roles = std::vector<std::string>;

const Roles kEveryRole = {"administrator",   "programme_coordinator", "caregiver", "social_worker",
                          "nursery_officer", "visits_officer",        "auditor"};
const Roles kCaseWorkers = {"administrator", "programme_coordinator", "caregiver",
                            "social_worker", "nursery_officer",       "visits_officer"};

// Written out by hand, not computed from the table under test.
const std::map<Permission, Roles>& Expected() {
  using P = Permission;
  static const std::map<Permission, Roles> kExpected = {
      {P::kReadReferenceData, kEveryRole},
      {P::kWriteReferenceData, {"administrator"}},
      {P::kReadHomesAndStaff,
       {"administrator", "programme_coordinator", "caregiver", "social_worker"}},
      {P::kWriteHomesAndStaff, {"administrator", "programme_coordinator"}},
      {P::kReadChildren, kCaseWorkers},
      {P::kWriteChildren,
       {"administrator", "programme_coordinator", "social_worker", "nursery_officer"}},
      {P::kReadParents, kCaseWorkers},
      {P::kWriteParents,
       {"administrator", "programme_coordinator", "social_worker", "nursery_officer",
        "visits_officer"}},
      {P::kReadParentChildLinks, kCaseWorkers},
      {P::kWriteParentChildLinks,
       {"administrator", "programme_coordinator", "social_worker", "nursery_officer"}},
      {P::kSeeRestrictedFields, {"administrator", "social_worker"}},
      {P::kSeeCaseRecords, kCaseWorkers},
      {P::kManageUsers, {"administrator"}},
      {P::kReadAuditTrail, {"administrator"}},
      {P::kSeeLoginWaits, {"administrator"}},
      {P::kReadSummaryFigures,
       {"administrator", "programme_coordinator", "social_worker", "nursery_officer",
        "visits_officer", "auditor"}},
      {P::kWriteNurseryCase, {"administrator", "social_worker", "nursery_officer"}},
      {P::kApproveTransitionPlan, {"administrator", "programme_coordinator", "nursery_officer"}},
      {P::kKeepHealthSchedule, {"administrator"}},
      {P::kRecordCoresidenceException, {"administrator"}},
      {P::kKeepSupplyCatalogue, {"administrator"}},
      {P::kReadSupplyFigures,
       {"administrator", "programme_coordinator", "social_worker", "nursery_officer", "auditor"}},
      {P::kKeepSupplies,
       {"administrator", "programme_coordinator", "social_worker", "nursery_officer"}},
      {P::kManageVisitSessions, {"administrator", "visits_officer"}},
      {P::kReadVisitSessions,
       {"administrator", "programme_coordinator", "caregiver", "social_worker", "visits_officer"}},
      {P::kReadEntranceList, {"administrator", "programme_coordinator", "visits_officer"}},
      {P::kReadVisits, {"administrator", "programme_coordinator", "caregiver", "social_worker"}},
      {P::kPlanVisits, {"administrator", "programme_coordinator"}},
      {P::kRecordVisits, {"administrator", "programme_coordinator", "caregiver"}},
      {P::kEditWorkshopCourses, {"administrator", "programme_coordinator"}},
      {P::kManageWorkshops, {"administrator", "programme_coordinator", "social_worker"}},
      {P::kSetFacilityWorkshopRules, {"administrator"}},
      {P::kWriteReunification, {"administrator", "programme_coordinator", "social_worker"}},
      {P::kSetFollowUpPeriod, {"administrator", "programme_coordinator"}},
      {P::kReadProgrammeReport, {"administrator", "programme_coordinator", "auditor"}},
      {P::kReadFacilityReport,
       {"administrator", "programme_coordinator", "nursery_officer", "visits_officer", "auditor"}},
      {P::kExportOpenData, {"administrator", "auditor"}},
  };
  return kExpected;
}

Roles NamesOf(const std::vector<Role>& roles) {
  Roles names;
  for (Role role : roles) names.push_back(RoleName(role));
  return names;
}

TEST(PermissionsTest, Issue17_EveryPermissionHasExactlyItsRoles) {
  ASSERT_EQ(AllPermissions().size(), Expected().size())
      << "a permission was added or removed: pin its roles here";
  for (Permission permission : AllPermissions()) {
    SCOPED_TRACE(PermissionName(permission));
    auto expected = Expected().find(permission);
    ASSERT_NE(expected, Expected().end()) << "no pinned roles";
    EXPECT_EQ(NamesOf(RolesWith(permission)), expected->second);
  }
}

TEST(PermissionsTest, AllowsSaysWhatRolesWithLists) {
  for (Permission permission : AllPermissions()) {
    const Roles pinned = Expected().at(permission);
    for (Role role : AllRoles()) {
      const bool listed = std::find(pinned.begin(), pinned.end(), RoleName(role)) != pinned.end();
      EXPECT_EQ(Allows(role, permission), listed)
          << RoleName(role) << " / " << PermissionName(permission);
    }
  }
}

TEST(PermissionsTest, EveryPermissionHasItsOwnName) {
  std::set<std::string> names;
  for (Permission permission : AllPermissions()) {
    EXPECT_TRUE(names.insert(PermissionName(permission)).second) << PermissionName(permission);
  }
}

// The record kinds' matrix, one line per role: the access to jurisdiction,
// co-residence rule, organisation, facility, wing, space, home, staff, parent,
// child and parent-child link (R read, W write, - none).
TEST(PermissionsTest, Issue17_EveryRoleHasExactlyItsAccessToEveryKind) {
  const std::vector<const RecordKind*> kinds = {
      &JurisdictionKind(), &CoresidenceRuleKind(), &OrganisationKind(),   &FacilityKind(),
      &WingKind(),         &SpaceKind(),           &HomeKind(),           &StaffKind(),
      &ParentKind(),       &ChildKind(),           &ParentChildLinkKind()};
  ASSERT_EQ(kinds.size(), AllRecordKinds().size()) << "a kind was added: pin its access here";
  const std::map<std::string, std::string> expected = {
      {"administrator", "WWWWWWWWWWW"},   {"programme_coordinator", "RRRRRRWWWWW"},
      {"caregiver", "RRRRRRRRRRR"},       {"social_worker", "RRRRRRRRWWW"},
      {"nursery_officer", "RRRRRR--WWW"}, {"visits_officer", "RRRRRR--WRR"},
      {"auditor", "RRRRRR-----"},
  };
  ASSERT_EQ(expected.size(), AllRoles().size());
  for (Role role : AllRoles()) {
    std::string line;
    for (const RecordKind* kind : kinds) {
      const Access access = KindAccess(role, *kind);
      line += access == Access::kWrite ? 'W' : access == Access::kRead ? 'R' : '-';
    }
    EXPECT_EQ(line, expected.at(RoleName(role))) << RoleName(role);
  }
}

}  // namespace
}  // namespace vinculo
