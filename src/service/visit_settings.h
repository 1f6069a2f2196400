// Internal to the visit programme's service files (visit_service.cc,
// visit_plans.cc, visit_settings.cc, visit_hand_edits.cc, child_visits.cc):
// the organisation access rule they share, the organisation's travel rates
// read inside a transaction, and small helpers more than one of them needs.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "domain/session_capacity.h"
#include "planner/planner.h"
#include "service/visit_service.h"
#include "store/store.h"
#include "store/visit_rows.h"

namespace vinculo::visit_internal {

// An organisation's programme: its coordinators and administrators (and an
// installation administrator) write; its social workers and caregivers read;
// an auditor gets kForbidden; anyone of another organisation kNotFound.
Status CheckOrganisation(const Actor& actor, long long organisation_id, bool write);

// The organisation's stored travel rates, or `defaults` as version 1 with
// `stored` false. No access check: the caller has made it.
Result<VisitSettingsRow> OrganisationVisitSettings(Txn& txn, long long organisation_id,
                                                   const VisitOptions& defaults);

// `text` without leading and trailing blanks.
std::string Trimmed(const std::string& text);

// Whether a trip's escort is the actor's own staff record (`known` caches the
// answer per escort within one request).
Result<bool> IsOwnTrip(Txn& txn, const Actor& actor, long long escort_id,
                       std::map<long long, bool>& known);

// Inserts a requirement for each of `sources` (linked pairs) that has none
// yet, with the frequency a transition plan set if there is one; adds to
// `created`.
Status InsertMissingRequirements(Txn& txn, long long organisation_id,
                                 const std::vector<PairSourceRow>& sources, const std::string& now,
                                 long long& created);

// What one plan's planned visits (all but `except_visit`) take of each
// session, counted by the domain's rule (`LoadOf`, domain/session_capacity.h,
// as the planners count them): families, a parent with all her children
// visiting her there being one (issue 19: three siblings seeing their father
// take one place), pairs, and people (each child once, though she sees both
// parents there; each trip's escort once). Publishing reserves these (the
// store takes the session's capacity_unit); a hand edit reserves or releases
// the difference it makes.
std::map<long long, SessionPlaces> SessionLoads(const std::vector<PlanVisitRow>& visits,
                                                long long except_visit = 0);

// The domain's unit (the planner's too) for a session's capacity_unit
// ("families", "pairs", "people"); families for anything else.
CapacityUnit CapacityUnitOf(const std::string& unit);

}  // namespace vinculo::visit_internal
