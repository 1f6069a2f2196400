// SupplyService: what the children living inside a prison nursery need, and
// what the programme has to give them, for a signed-in Actor.
//
// The catalogue of needs by age (crib under 24 months, bed from 24; formula,
// baby food, nappies, clothes by size band, school supplies from 48 months)
// is reference data: every signed-in user reads it, only an installation
// administrator changes it. Per facility: the needs of the children inside on
// a date and a month later, donations (which add stock), the stock, and
// allocations of stock to children (which take it, transactionally: the stock
// is never negative, even under concurrent allocations).
//
// Scope: a facility-bound user (nursery officer) sees and writes her facility
// only; an organisation-bound user the facilities of her organisation; an
// installation administrator or auditor every facility. Another facility is
// not found (404), as for records. Administrators, programme coordinators,
// social workers and nursery officers record donations and allocations;
// auditors see figures only (needs, shortfall, stock), never donors or which
// child got what; caregivers and visits officers have no access. Every write
// is one transaction with its audit event. Thread-safe: no mutable state.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "service/context.h"
#include "store/supply_store.h"

namespace vinculo {

// A new catalogue item, or the changes to one (absent: unchanged). For a
// change, `clear_to_months` removes the upper limit.
struct SupplyItemFields {
  std::optional<std::string> code;
  std::optional<std::string> name_es;
  std::optional<std::string> name_en;
  std::optional<std::string> unit;
  std::optional<long long> from_months;
  std::optional<long long> to_months;
  bool clear_to_months = false;
  std::optional<long long> quantity;
  std::optional<std::string> kind;  // durable | monthly
};

struct DonationRequest {
  long long item_id = 0;
  long long quantity = 0;
  std::optional<std::string> donated_on;  // YYYY-MM-DD, default today, not in the future
  std::string donor_type;                 // family | charity | other
  std::optional<std::string> donor_name;
  std::optional<std::string> note;
};

// A correction of a recorded donation: its quantity becomes `quantity`
// (0 withdraws it); the stock moves by the difference.
struct DonationCorrection {
  long long quantity = 0;
  std::string reason;
};

struct AllocationRequest {
  long long child_id = 0;
  long long item_id = 0;
  long long quantity = 0;
  std::optional<std::string> allocated_on;  // YYYY-MM-DD, default today, not in the future
  std::optional<std::string> note;
};

// One catalogue item's figures for a facility on one date.
struct ItemNeed {
  SupplyItemRow item;
  long long children = 0;   // children inside whose age is in the item's band
  long long needed = 0;     // children x quantity (per month when monthly)
  long long allocated = 0;  // durable: already given to those children, up to their need
  long long in_stock = 0;
  long long shortfall = 0;  // needed - allocated - in_stock, never below zero
};

struct NeedsOnDate {
  // For auditors: counts of children from 1 to 4, and the figures derived
  // from them (needed, allocated, shortfall), are left out (SmallCell).
  bool suppress_small_cells = false;
  std::string date;        // YYYY-MM-DD
  long long children = 0;  // children counted on this date
  std::vector<ItemNeed> items;
};

struct FacilityNeeds {
  long long facility_id = 0;
  std::string facility;
  long long children_inside = 0;
  bool suppress_small_cells = false;  // as NeedsOnDate's
  NeedsOnDate now;                    // on as_of
  NeedsOnDate next_month;             // a month after as_of
};

struct StockLine {
  SupplyItemRow item;
  long long quantity = 0;
};

class SupplyService {
 public:
  explicit SupplyService(ServiceContext context) : context_(context) {}

  // --- The catalogue ---
  // Active items (archived too when asked), in id order; any signed-in user.
  Result<std::vector<SupplyItemRow>> Catalogue(const Actor& actor, bool include_archived = false);
  // kNotFound when absent.
  Result<SupplyItemRow> CatalogueItem(const Actor& actor, long long id);
  // kForbidden unless an installation administrator; kInvalidArgument naming
  // the field (code, name_es, name_en, unit, from_months, to_months, quantity,
  // kind); kConflict naming code when it is taken.
  Result<SupplyItemRow> AddCatalogueItem(const Actor& actor, const SupplyItemFields& fields);
  // As AddCatalogueItem, plus kNotFound and kPreconditionFailed (stale version).
  Result<SupplyItemRow> ChangeCatalogueItem(const Actor& actor, long long id,
                                            long long expected_version,
                                            const SupplyItemFields& changes);
  // Archives the item: it leaves the needs and takes no new donations; past
  // donations and allocations keep it. kPreconditionFailed when stale.
  Result<SupplyItemRow> ArchiveCatalogueItem(const Actor& actor, long long id,
                                             long long expected_version);

  // The ids of the facilities with a nursery whose needs and stock the actor
  // sees (empty for a role without access): the web UI's choice of facility.
  Result<std::vector<long long>> NurseryFacilities(const Actor& actor);

  // --- Per facility ---
  // Needs on `as_of` (default today) and a month later, per active item.
  // Children are those living inside now, with their ages on each date; a
  // child whose age-out date (the nursery's co-residence rules, extensions
  // included) falls on or before the later date is not counted a month later.
  // Without `next_month` (a home's shortfalls of today), `next_month` is left
  // empty and the facility's age-out board is not read.
  Result<FacilityNeeds> Needs(const Actor& actor, long long facility_id,
                              std::optional<Date> as_of = std::nullopt, bool next_month = true);
  // Every active item with the quantity in stock (0 when none).
  Result<std::vector<StockLine>> Stock(const Actor& actor, long long facility_id);

  // kInvalidArgument naming item_id, quantity (1 to 1,000,000), donated_on,
  // donor_type, donor_name or note; kNotFound for a facility out of scope.
  Result<SupplyDonationRow> RecordDonation(const Actor& actor, long long facility_id,
                                           const DonationRequest& request);
  // kInvalidArgument naming quantity (negative) or reason (empty); kConflict
  // naming quantity when the stock no longer holds what would be taken back.
  Result<SupplyDonationRow> CorrectDonation(const Actor& actor, long long facility_id,
                                            long long donation_id,
                                            const DonationCorrection& correction);
  Result<std::vector<SupplyDonationRow>> Donations(const Actor& actor, long long facility_id);

  // Takes stock and gives it to a child living inside the facility.
  // kInvalidArgument naming child_id (not inside this facility, or not
  // visible), item_id, quantity or allocated_on; kConflict naming quantity
  // when the stock does not hold that much. Nothing changes on any error.
  Result<SupplyAllocationRow> Allocate(const Actor& actor, long long facility_id,
                                       const AllocationRequest& request);
  Result<std::vector<SupplyAllocationRow>> Allocations(const Actor& actor, long long facility_id);

 private:
  // Which facility the actor may see: the facility record, or kNotFound.
  Result<Record> VisibleFacility(Txn& txn, const Actor& actor, long long facility_id) const;
  AuditEvent Event(const Actor& actor, const char* action, const char* kind, long long id,
                   std::string detail = {}) const;

  ServiceContext context_;
};

}  // namespace vinculo
