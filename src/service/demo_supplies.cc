#include "service/demo_supplies.h"

#include <map>
#include <string>
#include <vector>

#include "service/supply_service.h"
#include "store/nursery_store.h"

namespace vinculo {
namespace {

struct DemoDonation {
  const char* code;
  long long quantity;
  int days_ago;
  const char* donor_type;
  const char* donor_name;  // empty: anonymous
};

// Invented donors; quantities are what a small nursery receives in a season.
constexpr DemoDonation kDonations[] = {
    {"crib", 6, 60, "charity", "Fundación Cunas Sintéticas (demo)"},
    {"bed", 3, 45, "charity", "Parroquia San Sintético (demo)"},
    {"nappies", 1200, 20, "charity", "Banco de Pañales Sintético (demo)"},
    {"formula", 18, 15, "other", ""},
    {"baby_food", 90, 12, "family", "Familia Hernández Peña (demo)"},
    {"clothes_12_24", 12, 30, "family", "Familia Zúñiga Cruz (demo)"},
    {"clothes_24_48", 6, 30, "charity", "Ropero Solidario Sintético (demo)"},
};

}  // namespace

Status CreateDemoSupplies(ServiceContext context, long long facility_id) {
  const Actor system = Actor::System();
  SupplyService supplies(context);
  VINCULO_ASSIGN_OR_RETURN(std::vector<SupplyItemRow> items, supplies.Catalogue(system));
  std::map<std::string, long long> item_ids;
  for (const SupplyItemRow& item : items) item_ids[item.code] = item.id;
  const Date today = context.Today();
  for (const DemoDonation& gift : kDonations) {
    auto item = item_ids.find(gift.code);
    if (item == item_ids.end()) continue;  // an administrator removed it from the catalogue
    DonationRequest donation;
    donation.item_id = item->second;
    donation.quantity = gift.quantity;
    donation.donated_on = FormatDate(AddDays(today, -gift.days_ago));
    donation.donor_type = gift.donor_type;
    if (*gift.donor_name) donation.donor_name = gift.donor_name;
    VINCULO_RETURN_IF_ERROR(supplies.RecordDonation(system, facility_id, donation).status());
  }

  // The children inside, youngest rules first: a crib under 24 months, a bed
  // from then on, and a month of nappies for the first under 36 months; the
  // stock runs out before everyone is served, as it does.
  std::vector<std::pair<long long, Date>> children;
  VINCULO_RETURN_IF_ERROR(context.store->Read([&](Txn& txn) -> Status {
    ChildrenInsideFilter filter;
    filter.facility_id = facility_id;
    return nursery_store::ForEachChildInside(txn, filter, system, [&](const ChildInsideRow& child) {
      auto born = ParseDate(child.date_of_birth, "date_of_birth");
      if (born.ok()) children.emplace_back(child.child_id, *born);
    });
  }));
  std::map<std::string, long long> left = {{"crib", 5}, {"bed", 2}, {"nappies", 6}};
  for (const auto& [child_id, born] : children) {
    const int months = WholeMonthsBetween(born, today);
    std::vector<std::pair<std::string, long long>> gifts;
    gifts.emplace_back(months < 24 ? "crib" : "bed", 1);
    if (months < 36) gifts.emplace_back("nappies", 150);
    for (const auto& [code, quantity] : gifts) {
      if (left[code] == 0 || !item_ids.count(code)) continue;
      --left[code];
      AllocationRequest allocation;
      allocation.child_id = child_id;
      allocation.item_id = item_ids[code];
      allocation.quantity = quantity;
      VINCULO_RETURN_IF_ERROR(supplies.Allocate(system, facility_id, allocation).status());
    }
  }
  return Status::Ok();
}

}  // namespace vinculo
