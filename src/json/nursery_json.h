// JSON encoding of the nursery's answers (the age-out board, extensions,
// admissions, pregnancies, the forecast), shared by the HTTP API and the
// `vinculo ageouts` command so both print the same fields. Pure functions,
// thread-safe.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <utility>
#include <vector>

#include "service/nursery_service.h"

namespace vinculo {

// {child_id, pseudonym, name (null for roles that never see names),
//  facility_id, facility, date_of_birth, age_out_date, days_remaining,
//  rule: {basis, rule_id, extension_id, max_age_months, source}, alert_level,
//  transition_plan (missing | draft | approved), needs_plan,
//  problem (only when the age-out cannot be computed),
//  decision (the kept decision, or null), proposal (the pending one, or null)}
nlohmann::json AgeOutRowToJson(const AgeOutRow& row);
nlohmann::json AgeOutDecisionToJson(const AgeOutDecisionRow& decision);
nlohmann::json AgeOutProposalToJson(const AgeOutProposalRow& proposal);
nlohmann::json ExtensionToJson(const ExtensionRow& extension);
nlohmann::json AdmissionToJson(const NurseryAdmission& admission);
nlohmann::json PregnancyToJson(const PregnancyRow& pregnancy);
nlohmann::json ForecastMonthToJson(const ForecastMonth& month);

// The OpenAPI schemas (by name) of the replies above written from a
// ReplyShape (json/reply_shape.h): AgeOutRow, AgeOutDecision, AgeOutProposal,
// Extension, Admission and Pregnancy.
std::vector<std::pair<std::string, nlohmann::json>> NurseryReplySchemas();

}  // namespace vinculo
