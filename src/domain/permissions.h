// What each role may do: one table (permissions.cc) naming every permission
// in the field's words, module by module, with the roles that hold it.
//
// The record kinds' access is rows of the same table (a read and a write
// permission per ScopeRule), from which KindAccess follows; the services ask
// Allows() before their own scope checks (which organisation, facility or
// escort), and the HTTP rows' role gates, the OpenAPI x-roles and the web
// UI's capabilities come from RolesWith(). Which records of a kind a user sees
// is not here: that is the kind's ScopeRule, which the store turns into SQL.
// All functions are pure; the table is constant, so they are thread-safe.
#pragma once

#include <vector>

#include "domain/record.h"

namespace vinculo {

enum class Permission {
  // Record kinds, by ScopeRule (KindAccess).
  kReadReferenceData,  // jurisdictions, rules, organisations, facilities, wings, spaces
  kWriteReferenceData,
  kReadHomesAndStaff,  // an organisation's homes and staff
  kWriteHomesAndStaff,
  kReadChildren,
  kWriteChildren,
  kReadParents,  // incarcerated parents
  kWriteParents,
  kReadParentChildLinks,
  kWriteParentChildLinks,
  kSeeRestrictedFields,  // offence category and other restricted fields
  kSeeCaseRecords,       // a child's or parent's records and case work, not figures only
  // Users and the installation.
  kManageUsers,
  kReadAuditTrail,
  kSeeLoginWaits,
  kReadSummaryFigures,
  // Nursery (children living inside with their mothers).
  kWriteNurseryCase,
  kApproveTransitionPlan,
  kKeepHealthSchedule,
  kRecordCoresidenceException,
  // Nursery supplies.
  kKeepSupplyCatalogue,
  kReadSupplyFigures,
  kKeepSupplies,
  // Visits.
  kManageVisitSessions,
  kReadVisitSessions,
  kReadEntranceList,
  kReadVisits,
  kPlanVisits,
  kRecordVisits,
  // Workshops.
  kEditWorkshopCourses,
  kManageWorkshops,
  kSetFacilityWorkshopRules,
  // Reunification.
  kWriteReunification,
  kSetFollowUpPeriod,
  // Reports.
  kReadProgrammeReport,
  kReadFacilityReport,
  kExportOpenData,
};

// Every permission, in the table's order.
const std::vector<Permission>& AllPermissions();
// "keep_supplies": the permission's name, for test messages and logs.
const char* PermissionName(Permission permission);
// Whether `role` holds `permission`.
bool Allows(Role role, Permission permission);
// The roles holding `permission`, in AllRoles() order.
const std::vector<Role>& RolesWith(Permission permission);

enum class Access { kNone, kRead, kWrite };

// What a role may do with a kind, before record-level scoping: kWrite with the
// write permission of the kind's ScopeRule, else kRead with its read
// permission, else kNone.
Access KindAccess(Role role, const RecordKind& kind);
// Allows(role, Permission::kSeeRestrictedFields).
bool SeesRestrictedFields(Role role);
// Allows(role, Permission::kSeeCaseRecords).
bool SeesCaseRecords(Role role);

}  // namespace vinculo
