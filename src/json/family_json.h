// JSON encoding of the family view and of a sibling link (issue 15), shared by
// the HTTP API. Dates "YYYY-MM-DD", times of day "HH:MM". Pure, thread-safe.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <utility>
#include <vector>

#include "service/family_service.h"

namespace vinculo {

// {child_id, as_of, apart_days, children: [{record, place}], parents:
//  [{record, place, days_to_release}], carers, parent_links, siblings,
//  distances, pairs, siblings_apart, timeline}
nlohmann::json FamilyToJson(const FamilyView& view);
// {parent {id, name}, facility {id, name}, expected_release_date,
//  days_to_release, changes, reunification_plan_id, overdue_steps, alerts}
nlohmann::json ReleaseCountdownEntryToJson(const ReleaseCountdownEntry& entry);
// The OpenAPI schema of the reply above (ReleaseCountdownEntry), written from
// a ReplyShape (json/reply_shape.h).
std::vector<std::pair<std::string, nlohmann::json>> ReleaseCountdownReplySchemas();
nlohmann::json SiblingLinkToJson(const family_store::SiblingLinkRow& row);

// The OpenAPI schemas (by name) of the family view and of a sibling link,
// written from a ReplyShape (json/reply_shape.h): Family and SiblingLink.
std::vector<std::pair<std::string, nlohmann::json>> FamilyReplySchemas();

}  // namespace vinculo
