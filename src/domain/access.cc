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

std::string_view ScopeRuleDescription(ScopeRule rule) {
  switch (rule) {
    case ScopeRule::kReference:
      return "Reference data: every signed-in user reads every record.";
    case ScopeRule::kOrganisation:
      return "Belongs to its organisation_id: users of an organisation see only their "
             "organisation's records; a global administrator (no organisation or facility) sees "
             "all. On create, organisation_id defaults to the signed-in user's organisation.";
    case ScopeRule::kChild:
      return "Children's data is scoped: a user of an organisation sees the children whose "
             "organisation_id is hers; a user of a facility sees the children living inside it "
             "and the children of parents held there (through an active parent-child link); a "
             "global administrator sees all. A record out of scope answers 404, so its existence "
             "is not revealed. On create, organisation_id defaults to the signed-in user's "
             "organisation.";
    case ScopeRule::kParent:
      return "Scoped: a user of an organisation sees the parents her organisation follows "
             "(organisation_id) and the parents of its children (through an active parent-child "
             "link); a user of a facility sees the parents held there; a global administrator "
             "sees all. A record out of scope answers 404. On create, organisation_id defaults to "
             "the signed-in user's organisation and facility_id to the signed-in user's "
             "facility.";
    case ScopeRule::kLink:
      return "Visible when both the parent and the child are visible to the user.";
  }
  return {};
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
