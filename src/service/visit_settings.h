// Internal to the visit programme's service files (visit_service.cc,
// visit_settings.cc): the organisation access rule they share and the
// organisation's travel rates read inside a transaction.
#pragma once

#include "service/visit_service.h"
#include "store/store.h"

namespace vinculo::visit_internal {

// An organisation's programme: its coordinators and administrators (and an
// installation administrator) write; its social workers and caregivers read;
// an auditor gets kForbidden; anyone of another organisation kNotFound.
Status CheckOrganisation(const Actor& actor, long long organisation_id, bool write);

// The organisation's stored travel rates, or `defaults` as version 1 with
// `stored` false. No access check: the caller has made it.
Result<VisitSettingsRow> OrganisationVisitSettings(Txn& txn, long long organisation_id,
                                                   const VisitOptions& defaults);

}  // namespace vinculo::visit_internal
