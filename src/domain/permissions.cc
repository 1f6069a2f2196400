#include "domain/permissions.h"

#include <array>
#include <initializer_list>

#include "domain/access.h"

namespace vinculo {

namespace {

using RoleBits = unsigned;

constexpr RoleBits Bits(std::initializer_list<Role> roles) {
  RoleBits bits = 0;
  for (Role role : roles) bits |= RoleBits{1} << static_cast<unsigned>(role);
  return bits;
}

struct PermissionRow {
  Permission permission;
  const char* name;
  RoleBits roles;
};

using enum Role;
using P = Permission;

// The permission table: who may do what, before scope. One row per
// permission, in the enum's order (checked below).
constexpr PermissionRow kPermissions[] = {
    // --- Record kinds, by ScopeRule ---
    // Reference data is every signed-in user's; administrators keep it.
    {P::kReadReferenceData, "read_reference_data",
     Bits({kAdministrator, kProgrammeCoordinator, kCaregiver, kSocialWorker, kNurseryOfficer,
           kVisitsOfficer, kAuditor})},
    {P::kWriteReferenceData, "write_reference_data", Bits({kAdministrator})},
    // Homes and staff are the coordinator's, who runs the organisation's
    // programme; caregivers and social workers read them, facility officers
    // and auditors do not.
    {P::kReadHomesAndStaff, "read_homes_and_staff",
     Bits({kAdministrator, kProgrammeCoordinator, kCaregiver, kSocialWorker})},
    {P::kWriteHomesAndStaff, "write_homes_and_staff",
     Bits({kAdministrator, kProgrammeCoordinator})},
    // Children: coordinators and social workers (case records) and nursery
    // officers (the children living inside her facility) write; caregivers
    // read their organisation's, visits officers read them for the entrance
    // list. Auditors see pseudonymised figures only.
    {P::kReadChildren, "read_children",
     Bits({kAdministrator, kProgrammeCoordinator, kCaregiver, kSocialWorker, kNurseryOfficer,
           kVisitsOfficer})},
    {P::kWriteChildren, "write_children",
     Bits({kAdministrator, kProgrammeCoordinator, kSocialWorker, kNurseryOfficer})},
    // Incarcerated parents: as children, and the visits officer keeps her
    // facility's parent register.
    {P::kReadParents, "read_parents",
     Bits({kAdministrator, kProgrammeCoordinator, kCaregiver, kSocialWorker, kNurseryOfficer,
           kVisitsOfficer})},
    {P::kWriteParents, "write_parents",
     Bits({kAdministrator, kProgrammeCoordinator, kSocialWorker, kNurseryOfficer, kVisitsOfficer})},
    // Parent-child links: as children.
    {P::kReadParentChildLinks, "read_parent_child_links",
     Bits({kAdministrator, kProgrammeCoordinator, kCaregiver, kSocialWorker, kNurseryOfficer,
           kVisitsOfficer})},
    {P::kWriteParentChildLinks, "write_parent_child_links",
     Bits({kAdministrator, kProgrammeCoordinator, kSocialWorker, kNurseryOfficer})},
    // Offence category and other restricted fields: case work only.
    {P::kSeeRestrictedFields, "see_restricted_fields", Bits({kAdministrator, kSocialWorker})},
    // Auditors see pseudonymised figures only, never a child's or parent's
    // record, a family, a nursery child's care, a plan or a workshop cohort.
    {P::kSeeCaseRecords, "see_case_records",
     Bits({kAdministrator, kProgrammeCoordinator, kCaregiver, kSocialWorker, kNurseryOfficer,
           kVisitsOfficer})},

    // --- Users and the installation ---
    {P::kManageUsers, "manage_users", Bits({kAdministrator})},
    {P::kReadAuditTrail, "read_audit_trail", Bits({kAdministrator})},
    // Usernames and addresses of every organisation (installation
    // administrators only, which the service checks).
    {P::kSeeLoginWaits, "see_login_waits", Bits({kAdministrator})},
    // Counts for coordinators, officers, administrators and auditors; not
    // caregivers.
    {P::kReadSummaryFigures, "read_summary_figures",
     Bits({kAdministrator, kProgrammeCoordinator, kSocialWorker, kNurseryOfficer, kVisitsOfficer,
           kAuditor})},

    // --- Nursery ---
    // A nursery child's care records and co-residence (admission, extension,
    // age-out proposals, leave, authorised adults and their document ids,
    // appointments, school).
    {P::kWriteNurseryCase, "write_nursery_case",
     Bits({kAdministrator, kSocialWorker, kNurseryOfficer})},
    // A transition plan is approved by the programme or the facility.
    {P::kApproveTransitionPlan, "approve_transition_plan",
     Bits({kAdministrator, kProgrammeCoordinator, kNurseryOfficer})},
    // The health schedule is the installation's, shared by every organisation.
    {P::kKeepHealthSchedule, "keep_health_schedule", Bits({kAdministrator})},
    // A child living inside against the co-residence rule, with a documented
    // reason.
    {P::kRecordCoresidenceException, "record_coresidence_exception", Bits({kAdministrator})},

    // --- Nursery supplies ---
    // The needs catalogue is the installation's.
    {P::kKeepSupplyCatalogue, "keep_supply_catalogue", Bits({kAdministrator})},
    // Needs, shortfall and stock; auditors see these figures only.
    {P::kReadSupplyFigures, "read_supply_figures",
     Bits({kAdministrator, kProgrammeCoordinator, kSocialWorker, kNurseryOfficer, kAuditor})},
    // Donors, donations and which child got what.
    {P::kKeepSupplies, "keep_supplies",
     Bits({kAdministrator, kProgrammeCoordinator, kSocialWorker, kNurseryOfficer})},

    // --- Visits ---
    // A facility's visiting sessions, exclusions and calendar: its visits
    // officers.
    {P::kManageVisitSessions, "manage_visit_sessions", Bits({kAdministrator, kVisitsOfficer})},
    // Sessions are read by the facility's staff and by the staff of care
    // organisations, who plan visits to every facility.
    {P::kReadVisitSessions, "read_visit_sessions",
     Bits({kAdministrator, kProgrammeCoordinator, kCaregiver, kSocialWorker, kVisitsOfficer})},
    // The list at the entrance: the facility's staff, and a coordinator for
    // her own organisation's families.
    {P::kReadEntranceList, "read_entrance_list",
     Bits({kAdministrator, kProgrammeCoordinator, kVisitsOfficer})},
    // An organisation's visit programme (requirements, escorts, plans) is read
    // by its staff ...
    {P::kReadVisits, "read_visits",
     Bits({kAdministrator, kProgrammeCoordinator, kCaregiver, kSocialWorker})},
    // ... and changed by its coordinators.
    {P::kPlanVisits, "plan_visits", Bits({kAdministrator, kProgrammeCoordinator})},
    // The escort (a caregiver, on her own trips) or a coordinator records a visit.
    {P::kRecordVisits, "record_visits", Bits({kAdministrator, kProgrammeCoordinator, kCaregiver})},

    // --- Workshops ---
    {P::kEditWorkshopCourses, "edit_workshop_courses",
     Bits({kAdministrator, kProgrammeCoordinator})},
    // Cohorts, enrolments, sessions, attendance and certificates of the
    // organisation's workshops.
    {P::kManageWorkshops, "manage_workshops",
     Bits({kAdministrator, kProgrammeCoordinator, kSocialWorker})},
    // A facility's closures and whether it allows mixed groups.
    {P::kSetFacilityWorkshopRules, "set_facility_workshop_rules", Bits({kAdministrator})},

    // --- Reunification ---
    // Plans, steps and follow-up contacts.
    {P::kWriteReunification, "write_reunification",
     Bits({kAdministrator, kProgrammeCoordinator, kSocialWorker})},
    {P::kSetFollowUpPeriod, "set_follow_up_period", Bits({kAdministrator, kProgrammeCoordinator})},

    // --- Reports ---
    {P::kReadProgrammeReport, "read_programme_report",
     Bits({kAdministrator, kProgrammeCoordinator, kAuditor})},
    // A facility's month: administrators, programme coordinators, visits and
    // nursery officers and auditors; not caregivers or social workers.
    {P::kReadFacilityReport, "read_facility_report",
     Bits({kAdministrator, kProgrammeCoordinator, kNurseryOfficer, kVisitsOfficer, kAuditor})},
    // A jurisdiction's facilities in one public CSV.
    {P::kExportOpenData, "export_open_data", Bits({kAdministrator, kAuditor})},
};

constexpr size_t kPermissionCount = std::size(kPermissions);

constexpr bool RowsFollowTheEnum() {
  for (size_t row = 0; row < kPermissionCount; ++row) {
    if (static_cast<size_t>(kPermissions[row].permission) != row) return false;
  }
  return static_cast<size_t>(Permission::kExportOpenData) + 1 == kPermissionCount;
}
static_assert(RowsFollowTheEnum(), "one row per Permission, in the enum's order");

const PermissionRow& RowOf(Permission permission) {
  return kPermissions[static_cast<size_t>(permission)];
}

// The read and the write permission of each ScopeRule.
struct KindPermissions {
  Permission read;
  Permission write;
};

KindPermissions PermissionsOf(ScopeRule scope) {
  switch (scope) {
    case ScopeRule::kReference:
      return {P::kReadReferenceData, P::kWriteReferenceData};
    case ScopeRule::kOrganisation:
      return {P::kReadHomesAndStaff, P::kWriteHomesAndStaff};
    case ScopeRule::kChild:
      return {P::kReadChildren, P::kWriteChildren};
    case ScopeRule::kParent:
      return {P::kReadParents, P::kWriteParents};
    case ScopeRule::kLink:
      return {P::kReadParentChildLinks, P::kWriteParentChildLinks};
  }
  return {P::kReadReferenceData, P::kWriteReferenceData};
}

}  // namespace

const std::vector<Permission>& AllPermissions() {
  static const std::vector<Permission> kAll = [] {
    std::vector<Permission> all;
    for (const PermissionRow& row : kPermissions) all.push_back(row.permission);
    return all;
  }();
  return kAll;
}

const char* PermissionName(Permission permission) { return RowOf(permission).name; }

bool Allows(Role role, Permission permission) {
  return (RowOf(permission).roles >> static_cast<unsigned>(role)) & 1U;
}

const std::vector<Role>& RolesWith(Permission permission) {
  static const std::array<std::vector<Role>, kPermissionCount> kRoles = [] {
    std::array<std::vector<Role>, kPermissionCount> roles;
    for (size_t row = 0; row < kPermissionCount; ++row) {
      for (Role role : AllRoles()) {
        if (Allows(role, kPermissions[row].permission)) roles[row].push_back(role);
      }
    }
    return roles;
  }();
  return kRoles[static_cast<size_t>(permission)];
}

Access KindAccess(Role role, const RecordKind& kind) {
  const KindPermissions needed = PermissionsOf(kind.scope);
  if (Allows(role, needed.write)) return Access::kWrite;
  if (Allows(role, needed.read)) return Access::kRead;
  return Access::kNone;
}

bool SeesRestrictedFields(Role role) { return Allows(role, P::kSeeRestrictedFields); }

bool SeesCaseRecords(Role role) { return Allows(role, P::kSeeCaseRecords); }

}  // namespace vinculo
