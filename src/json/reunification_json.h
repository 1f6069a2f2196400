// JSON encoding of reunification plans, their steps, follow-up contacts and
// the follow-up settings (issue 15), shared by the HTTP API. Dates
// "YYYY-MM-DD". Pure, thread-safe.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <utility>
#include <vector>

#include "service/reunification_service.h"

namespace vinculo {

// {id, parent {id, name, custody_status, expected_release_date,
//  released_on}, status, note, version, created_at, closed_at, overdue_steps,
//  steps: [ReunificationStepToJson]}
nlohmann::json ReunificationPlanToJson(const ReunificationPlan& plan);
// {id, plan_id, kind, description, owner {id, name}, due_on, status,
//  overdue, version, updated_at}
nlohmann::json ReunificationStepToJson(const ReunificationStep& step);
// {id, parent {...}, status, version, steps, open_steps, overdue_steps}
nlohmann::json ReunificationPlanSummaryToJson(const ReunificationPlanSummary& summary);
nlohmann::json StepOwnerToJson(const StepOwner& owner);  // {id, name, role}
nlohmann::json FollowUpContactToJson(const reunification_store::FollowUpContactRow& row);
// {follow_up_days, items: [{parent {id, name}, released_on, follow_up_until,
//  last_contacted_on, contacts, due}]}
nlohmann::json FollowUpListToJson(const FollowUpList& list);
nlohmann::json FollowUpSettingsToJson(const reunification_store::FollowUpSettingsRow& row);

// The OpenAPI schemas (by name) of the replies above written from a
// ReplyShape (json/reply_shape.h): ReunificationPlan, ReunificationPlanParent,
// ReunificationPlanSummary, ReunificationStep, ReunificationStepOwner,
// FollowUpContact, FollowUpList and FollowUpSettings.
std::vector<std::pair<std::string, nlohmann::json>> ReunificationReplySchemas();

}  // namespace vinculo
