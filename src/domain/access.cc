#include "domain/access.h"

namespace vinculo {

Actor Actor::System() {
  Actor actor;
  actor.user_id = 0;
  actor.username = "system";
  actor.role = Role::kAdministrator;
  actor.remote_address = "cli";
  return actor;
}

const char* RoleName(Role role) {
  switch (role) {
    case Role::kAdministrator:
      return "administrator";
    case Role::kProgrammeCoordinator:
      return "programme_coordinator";
    case Role::kCaregiver:
      return "caregiver";
    case Role::kSocialWorker:
      return "social_worker";
    case Role::kNurseryOfficer:
      return "nursery_officer";
    case Role::kVisitsOfficer:
      return "visits_officer";
    case Role::kAuditor:
      return "auditor";
  }
  return "unknown";
}

const std::vector<Role>& AllRoles() {
  static const std::vector<Role> kRoles = {
      Role::kAdministrator,  Role::kProgrammeCoordinator, Role::kCaregiver, Role::kSocialWorker,
      Role::kNurseryOfficer, Role::kVisitsOfficer,        Role::kAuditor};
  return kRoles;
}

Result<Role> ParseRole(std::string_view text) {
  for (Role role : AllRoles()) {
    if (text == RoleName(role)) return role;
  }
  return InvalidArgument("role",
                         "must be one of administrator, programme_coordinator, caregiver, "
                         "social_worker, nursery_officer, visits_officer, auditor");
}

Access KindAccess(Role role, const RecordKind& kind) {
  if (role == Role::kAdministrator) return Access::kWrite;
  if (kind.scope == ScopeRule::kReference) return Access::kRead;
  const bool is_case_record = kind.scope == ScopeRule::kChild || kind.scope == ScopeRule::kParent ||
                              kind.scope == ScopeRule::kLink;
  switch (role) {
    case Role::kAdministrator:
      return Access::kWrite;
    case Role::kProgrammeCoordinator:
      // Runs the organisation's programme: its homes, staff and case records.
      return Access::kWrite;
    case Role::kSocialWorker:
      // Case records; staff and homes are the coordinator's.
      return is_case_record ? Access::kWrite : Access::kRead;
    case Role::kCaregiver:
      // Reads her organisation's children and their parents; changes go through
      // the coordinator or social worker.
      return Access::kRead;
    case Role::kNurseryOfficer:
      // Registers and follows the children living inside her facility.
      return is_case_record ? Access::kWrite : Access::kNone;
    case Role::kVisitsOfficer:
      // Keeps the facility's parent register; reads children for the entrance list.
      if (kind.scope == ScopeRule::kParent) return Access::kWrite;
      return is_case_record ? Access::kRead : Access::kNone;
    case Role::kAuditor:
      return Access::kNone;
  }
  return Access::kNone;
}

bool SeesRestrictedFields(Role role) {
  return role == Role::kAdministrator || role == Role::kSocialWorker;
}

bool SeesCaseRecords(Role role) { return role != Role::kAuditor; }

bool SeesField(Role role, const RecordKind& kind, const FieldSpec& spec) {
  if (spec.restricted && !SeesRestrictedFields(role)) return false;
  if (role == Role::kVisitsOfficer && &kind == &ChildKind()) {
    static constexpr std::string_view kNotForVisits[] = {
        "home_address", "home_latitude", "home_longitude", "school_name", "school_grade"};
    for (std::string_view name : kNotForVisits) {
      if (spec.name == name) return false;
    }
  }
  return true;
}

Affiliation RoleAffiliation(Role role) {
  switch (role) {
    case Role::kProgrammeCoordinator:
    case Role::kCaregiver:
      return Affiliation::kOrganisation;
    case Role::kNurseryOfficer:
    case Role::kVisitsOfficer:
      return Affiliation::kFacility;
    case Role::kAdministrator:
    case Role::kSocialWorker:
    case Role::kAuditor:
      return Affiliation::kEither;
  }
  return Affiliation::kEither;
}

}  // namespace vinculo
