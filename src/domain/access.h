// Who is asking, and what their role lets them do with each kind of record.
//
// The permission table, record kinds' access included, is in permissions.h,
// so the HTTP API, the CLI and the UI agree on it. Record-level scoping (which
// children of a kind a user may see) is the ScopeRule of each RecordKind,
// which the store turns into SQL. All functions are pure; Actor is a value type.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "domain/permissions.h"
#include "domain/record.h"

namespace vinculo {

// The signed-in user behind a request or a CLI command.
struct Actor {
  long long user_id = 0;  // 0 for the CLI acting as the system
  std::string username;
  Role role = Role::kAuditor;
  std::optional<long long> organisation_id;
  std::optional<long long> facility_id;
  std::optional<long long> staff_id;  // the staff record the user is, if linked
  std::string remote_address;         // "127.0.0.1" or "cli"
  std::string language = "es";

  // An administrator attached to no organisation or facility manages the whole
  // installation (the demo "admin"). Everybody else is scoped.
  bool IsGlobal() const { return role == Role::kAdministrator && !organisation_id && !facility_id; }
  // The CLI run by the machine's operator: global administrator.
  static Actor System();
};

const char* RoleName(Role role);  // "programme_coordinator"
Result<Role> ParseRole(std::string_view text);
const std::vector<Role>& AllRoles();

// Whether a role reads and writes field `spec` of `kind`: not a restricted
// field without SeesRestrictedFields, and not a field its work does not need
// (issue 13: a visits officer arranges visits at her prison; a child's home
// address, coordinates and school are not hers to know).
bool SeesField(Role role, const RecordKind& kind, const FieldSpec& spec);

// Who sees the records of a scope, in words, for the API document: the rule
// the store's SQL applies (store/sql_util.cc) and the defaults the record
// service gives on create.
std::string_view ScopeRuleDescription(ScopeRule rule);

// Whether a role must belong to an organisation, a facility, or may be either.
enum class Affiliation { kOrganisation, kFacility, kEither };
Affiliation RoleAffiliation(Role role);

}  // namespace vinculo
