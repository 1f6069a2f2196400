#include "json/supply_json.h"

#include <nlohmann/json.hpp>

#include "service/figures.h"

namespace vinculo {

namespace {
template <typename T>
nlohmann::json OrNull(const std::optional<T>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

nlohmann::json NeedsOnDateToJson(const NeedsOnDate& period) {
  nlohmann::json items = nlohmann::json::array();
  const auto cell = [&](long long count) -> nlohmann::json {
    auto shown = SmallCell(count, period.suppress_small_cells);
    return shown ? nlohmann::json(*shown) : nlohmann::json(nullptr);
  };
  for (const ItemNeed& need : period.items) {
    // needed, allocated and shortfall follow from the children counted.
    const bool hidden = !SmallCell(need.children, period.suppress_small_cells);
    const auto derived = [&](long long count) {
      return hidden ? nlohmann::json(nullptr) : nlohmann::json(count);
    };
    items.push_back({{"item_id", need.item.id},
                     {"code", need.item.code},
                     {"name_es", need.item.name_es},
                     {"name_en", need.item.name_en},
                     {"unit", need.item.unit},
                     {"kind", need.item.kind},
                     {"children", cell(need.children)},
                     {"needed", derived(need.needed)},
                     {"allocated", derived(need.allocated)},
                     {"in_stock", need.in_stock},
                     {"shortfall", derived(need.shortfall)}});
  }
  return {{"date", period.date}, {"children", cell(period.children)}, {"items", std::move(items)}};
}
}  // namespace

nlohmann::json SupplyItemToJson(const SupplyItemRow& item) {
  return {{"id", item.id},
          {"version", item.version},
          {"archived", item.archived},
          {"code", item.code},
          {"name_es", item.name_es},
          {"name_en", item.name_en},
          {"unit", item.unit},
          {"from_months", item.from_months},
          {"to_months", OrNull(item.to_months)},
          {"quantity", item.quantity},
          {"kind", item.kind},
          {"created_at", item.created_at},
          {"updated_at", item.updated_at}};
}

nlohmann::json FacilityNeedsToJson(const FacilityNeeds& needs) {
  return {{"facility_id", needs.facility_id},
          {"facility", needs.facility},
          {"children_inside", SmallCell(needs.children_inside, needs.suppress_small_cells)
                                  ? nlohmann::json(needs.children_inside)
                                  : nlohmann::json(nullptr)},
          {"now", NeedsOnDateToJson(needs.now)},
          {"next_month", NeedsOnDateToJson(needs.next_month)}};
}

nlohmann::json StockLineToJson(const StockLine& line) {
  return {{"item_id", line.item.id},      {"code", line.item.code}, {"name_es", line.item.name_es},
          {"name_en", line.item.name_en}, {"unit", line.item.unit}, {"quantity", line.quantity}};
}

nlohmann::json DonationToJson(const SupplyDonationRow& donation) {
  return {{"id", donation.id},
          {"facility_id", donation.facility_id},
          {"item_id", donation.item_id},
          {"quantity", donation.quantity},
          {"received_quantity", donation.received_quantity},
          {"donated_on", donation.donated_on},
          {"donor_type", donation.donor_type},
          {"donor_name", OrNull(donation.donor_name)},
          {"note", OrNull(donation.note)},
          {"correction_reason", OrNull(donation.correction_reason)},
          {"recorded_by", donation.recorded_by},
          {"created_at", donation.created_at},
          {"updated_at", donation.updated_at}};
}

nlohmann::json AllocationToJson(const SupplyAllocationRow& allocation) {
  return {{"id", allocation.id},
          {"facility_id", allocation.facility_id},
          {"item_id", allocation.item_id},
          {"child_id", allocation.child_id},
          {"quantity", allocation.quantity},
          {"allocated_on", allocation.allocated_on},
          {"note", OrNull(allocation.note)},
          {"recorded_by", allocation.recorded_by},
          {"created_at", allocation.created_at}};
}

}  // namespace vinculo
