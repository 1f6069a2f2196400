#include "json/supply_json.h"

#include <nlohmann/json.hpp>

#include "json/reply_shape.h"
#include "service/figures.h"

namespace vinculo {

namespace {
namespace rs = reply_schema;

nlohmann::json Int() { return {{"type", "integer"}}; }
nlohmann::json IntFrom(int minimum) { return {{"type", "integer"}, {"minimum", minimum}}; }

// One item's need on a date, with whether its small counts are left out.
struct ItemNeedCell {
  const ItemNeed& need;
  bool suppress_small_cells = false;
};

nlohmann::json Cell(long long count, bool suppress) {
  auto shown = SmallCell(count, suppress);
  return shown ? nlohmann::json(*shown) : nlohmann::json(nullptr);
}

// A count an auditor may not see when it is from 1 to 4 (SmallCell): null then.
nlohmann::json Suppressible(nlohmann::json schema) { return rs::Nullable(std::move(schema)); }

// needed, allocated and shortfall follow from the children counted: left out
// with them.
std::function<nlohmann::json(const ItemNeedCell&)> Derived(long long ItemNeed::*member) {
  return [member](const ItemNeedCell& cell) {
    const bool hidden = !SmallCell(cell.need.children, cell.suppress_small_cells);
    return hidden ? nlohmann::json(nullptr) : nlohmann::json(cell.need.*member);
  };
}

// The replies whose document schema comes from their shape (issue 17).
const ReplyShape<SupplyItemRow>& SupplyItemShape() {
  static const ReplyShape<SupplyItemRow> shape({
      {"id", rs::Id(), MemberOf(&SupplyItemRow::id)},
      {"version", rs::Integer(), MemberOf(&SupplyItemRow::version)},
      {"archived", {{"type", "boolean"}}, MemberOf(&SupplyItemRow::archived)},
      {"code",
       {{"type", "string"}, {"pattern", "^[a-z0-9_]{1,40}$"}},
       MemberOf(&SupplyItemRow::code)},
      {"name_es", {{"type", "string"}, {"maxLength", 200}}, MemberOf(&SupplyItemRow::name_es)},
      {"name_en", {{"type", "string"}, {"maxLength", 200}}, MemberOf(&SupplyItemRow::name_en)},
      {"unit",
       {{"type", "string"},
        {"maxLength", 40},
        {"description", "piece, tin, jar, nappy, set, kit..."}},
       MemberOf(&SupplyItemRow::unit)},
      {"from_months",
       {{"type", "integer"}, {"minimum", 0}, {"maximum", 215}},
       MemberOf(&SupplyItemRow::from_months)},
      {"to_months",
       {{"type", "integer"},
        {"minimum", 1},
        {"maximum", 216},
        {"nullable", true},
        {"description", "First age (months) that no longer needs it; null: no upper age."}},
       [](const SupplyItemRow& item) { return OrNull(item.to_months); }},
      {"quantity",
       {{"type", "integer"},
        {"minimum", 1},
        {"maximum", 1000000},
        {"description", "Per child; per month when kind is monthly."}},
       MemberOf(&SupplyItemRow::quantity)},
      {"kind", rs::Choice({"durable", "monthly"}), MemberOf(&SupplyItemRow::kind)},
      {"created_at", rs::Instant(), MemberOf(&SupplyItemRow::created_at)},
      {"updated_at", rs::Instant(), MemberOf(&SupplyItemRow::updated_at)},
  });
  return shape;
}

const ReplyShape<ItemNeedCell>& ItemNeedShape() {
  static const ReplyShape<ItemNeedCell> shape({
      {"item_id", rs::Id(),
       [](const ItemNeedCell& cell) { return nlohmann::json(cell.need.item.id); }},
      {"code", rs::Text(),
       [](const ItemNeedCell& cell) { return nlohmann::json(cell.need.item.code); }},
      {"name_es", rs::Text(),
       [](const ItemNeedCell& cell) { return nlohmann::json(cell.need.item.name_es); }},
      {"name_en", rs::Text(),
       [](const ItemNeedCell& cell) { return nlohmann::json(cell.need.item.name_en); }},
      {"unit", rs::Text(),
       [](const ItemNeedCell& cell) { return nlohmann::json(cell.need.item.unit); }},
      {"kind", rs::Choice({"durable", "monthly"}),
       [](const ItemNeedCell& cell) { return nlohmann::json(cell.need.item.kind); }},
      {"children", Suppressible(Int()),
       [](const ItemNeedCell& cell) {
         return Cell(cell.need.children, cell.suppress_small_cells);
       }},
      {"needed", Suppressible(Int()), Derived(&ItemNeed::needed)},
      {"allocated", Suppressible(Int()), Derived(&ItemNeed::allocated)},
      {"in_stock", Int(),
       [](const ItemNeedCell& cell) { return nlohmann::json(cell.need.in_stock); }},
      {"shortfall", Suppressible(IntFrom(0)), Derived(&ItemNeed::shortfall)},
  });
  return shape;
}

const ReplyShape<NeedsOnDate>& NeedsOnDateShape() {
  static const ReplyShape<NeedsOnDate> shape({
      {"date", rs::Day(), MemberOf(&NeedsOnDate::date)},
      {"children",
       rs::Described(Suppressible(Int()),
                     "Children inside counted on this date (a month later: without those whose "
                     "age-out date has come)."),
       [](const NeedsOnDate& period) {
         return Cell(period.children, period.suppress_small_cells);
       }},
      {"items", rs::ListOf(rs::Ref("ItemNeed")),
       [](const NeedsOnDate& period) {
         nlohmann::json items = nlohmann::json::array();
         for (const ItemNeed& need : period.items) {
           items.push_back(ItemNeedShape().ToJson({need, period.suppress_small_cells}));
         }
         return items;
       }},
  });
  return shape;
}

const ReplyShape<FacilityNeeds>& FacilityNeedsShape() {
  static const ReplyShape<FacilityNeeds> shape({
      {"facility_id", rs::Id(), MemberOf(&FacilityNeeds::facility_id)},
      {"facility", rs::Text(), MemberOf(&FacilityNeeds::facility)},
      {"children_inside", Suppressible(Int()),
       [](const FacilityNeeds& needs) {
         return SmallCell(needs.children_inside, needs.suppress_small_cells)
                    ? nlohmann::json(needs.children_inside)
                    : nlohmann::json(nullptr);
       }},
      {"now", rs::Ref("NeedsOnDate"),
       [](const FacilityNeeds& needs) { return NeedsOnDateShape().ToJson(needs.now); }},
      {"next_month", rs::Ref("NeedsOnDate"),
       [](const FacilityNeeds& needs) { return NeedsOnDateShape().ToJson(needs.next_month); }},
  });
  return shape;
}

const ReplyShape<StockLine>& StockLineShape() {
  static const ReplyShape<StockLine> shape({
      {"item_id", rs::Id(), [](const StockLine& line) { return nlohmann::json(line.item.id); }},
      {"code", rs::Text(), [](const StockLine& line) { return nlohmann::json(line.item.code); }},
      {"name_es", rs::Text(),
       [](const StockLine& line) { return nlohmann::json(line.item.name_es); }},
      {"name_en", rs::Text(),
       [](const StockLine& line) { return nlohmann::json(line.item.name_en); }},
      {"unit", rs::Text(), [](const StockLine& line) { return nlohmann::json(line.item.unit); }},
      {"quantity", IntFrom(0), MemberOf(&StockLine::quantity)},
  });
  return shape;
}

const ReplyShape<SupplyDonationRow>& DonationShape() {
  static const ReplyShape<SupplyDonationRow> shape({
      {"id", rs::Id(), MemberOf(&SupplyDonationRow::id)},
      {"facility_id", rs::Id(), MemberOf(&SupplyDonationRow::facility_id)},
      {"item_id", rs::Id(), MemberOf(&SupplyDonationRow::item_id)},
      {"quantity", IntFrom(0), MemberOf(&SupplyDonationRow::quantity)},
      {"received_quantity", IntFrom(1), MemberOf(&SupplyDonationRow::received_quantity)},
      {"donated_on", rs::Day(), MemberOf(&SupplyDonationRow::donated_on)},
      {"donor_type", rs::Choice({"family", "charity", "other"}),
       MemberOf(&SupplyDonationRow::donor_type)},
      {"donor_name", rs::Nullable(rs::Text()),
       [](const SupplyDonationRow& donation) { return OrNull(donation.donor_name); }},
      {"note", rs::Nullable(rs::Text()),
       [](const SupplyDonationRow& donation) { return OrNull(donation.note); }},
      {"correction_reason", rs::Nullable(rs::Text()),
       [](const SupplyDonationRow& donation) { return OrNull(donation.correction_reason); }},
      {"recorded_by", rs::Id(), MemberOf(&SupplyDonationRow::recorded_by)},
      {"created_at", rs::Instant(), MemberOf(&SupplyDonationRow::created_at)},
      {"updated_at", rs::Instant(), MemberOf(&SupplyDonationRow::updated_at)},
  });
  return shape;
}

const ReplyShape<SupplyAllocationRow>& AllocationShape() {
  static const ReplyShape<SupplyAllocationRow> shape({
      {"id", rs::Id(), MemberOf(&SupplyAllocationRow::id)},
      {"facility_id", rs::Id(), MemberOf(&SupplyAllocationRow::facility_id)},
      {"item_id", rs::Id(), MemberOf(&SupplyAllocationRow::item_id)},
      {"child_id", rs::Id(), MemberOf(&SupplyAllocationRow::child_id)},
      {"quantity", IntFrom(1), MemberOf(&SupplyAllocationRow::quantity)},
      {"allocated_on", rs::Day(), MemberOf(&SupplyAllocationRow::allocated_on)},
      {"note", rs::Nullable(rs::Text()),
       [](const SupplyAllocationRow& allocation) { return OrNull(allocation.note); }},
      {"recorded_by", rs::Id(), MemberOf(&SupplyAllocationRow::recorded_by)},
      {"created_at", rs::Instant(), MemberOf(&SupplyAllocationRow::created_at)},
  });
  return shape;
}

}  // namespace

std::vector<std::pair<std::string, nlohmann::json>> SupplyReplySchemas() {
  return {{"SupplyItem", SupplyItemShape().Schema()},
          {"ItemNeed", ItemNeedShape().Schema()},
          {"NeedsOnDate", NeedsOnDateShape().Schema()},
          {"FacilityNeeds", FacilityNeedsShape().Schema()},
          {"StockLine", StockLineShape().Schema()},
          {"Donation", DonationShape().Schema()},
          {"Allocation", AllocationShape().Schema()}};
}

nlohmann::json SupplyItemToJson(const SupplyItemRow& item) {
  return SupplyItemShape().ToJson(item);
}

nlohmann::json FacilityNeedsToJson(const FacilityNeeds& needs) {
  return FacilityNeedsShape().ToJson(needs);
}

nlohmann::json StockLineToJson(const StockLine& line) { return StockLineShape().ToJson(line); }

nlohmann::json DonationToJson(const SupplyDonationRow& donation) {
  return DonationShape().ToJson(donation);
}

nlohmann::json AllocationToJson(const SupplyAllocationRow& allocation) {
  return AllocationShape().ToJson(allocation);
}

}  // namespace vinculo
