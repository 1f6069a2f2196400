// JSON encoding of the nursery supply answers (the needs catalogue, needs per
// facility, stock, donations, allocations), shared by the HTTP API and any
// command that prints them. Pure functions, thread-safe.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <utility>
#include <vector>

#include "service/supply_service.h"

namespace vinculo {

// {id, version, archived, code, name_es, name_en, unit, from_months,
//  to_months (null: no upper limit), quantity, kind, created_at, updated_at}
nlohmann::json SupplyItemToJson(const SupplyItemRow& item);
// {facility_id, facility, children_inside, now: {date, items}, next_month: {date, items}}
// with items {item_id, code, name_es, name_en, unit, kind, children, needed,
// allocated, in_stock, shortfall}.
nlohmann::json FacilityNeedsToJson(const FacilityNeeds& needs);
nlohmann::json StockLineToJson(const StockLine& line);
nlohmann::json DonationToJson(const SupplyDonationRow& donation);
nlohmann::json AllocationToJson(const SupplyAllocationRow& allocation);

// The OpenAPI schemas (by name) of the replies above, written from a
// ReplyShape (json/reply_shape.h): SupplyItem, ItemNeed, NeedsOnDate,
// FacilityNeeds, StockLine, Donation and Allocation.
std::vector<std::pair<std::string, nlohmann::json>> SupplyReplySchemas();

}  // namespace vinculo
