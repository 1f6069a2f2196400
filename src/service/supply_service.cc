#include "service/supply_service.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "common/utf8.h"
#include "service/figures.h"
#include "service/nursery_service.h"
#include "store/nursery_store.h"
#include "store/supply_store.h"

namespace vinculo {
namespace {

// Bounds that keep a typing slip (an extra zero or three) out of the stock.
constexpr long long kMaxQuantity = 1000000;
// Catalogue age bands reach 18 years at most: nursery children and their schooling.
constexpr long long kMaxAgeMonths = 216;
constexpr size_t kMaxNameBytes = 200;
constexpr size_t kMaxNoteBytes = 2000;

enum class SupplyAccess { kFigures, kWrite };

Status Require(const Actor& actor, SupplyAccess needed) {
  if (!Allows(actor.role, Permission::kReadSupplyFigures)) {
    return Forbidden(std::string("a ") + RoleName(actor.role) +
                     " has no access to nursery needs and donations");
  }
  if (needed == SupplyAccess::kWrite && !Allows(actor.role, Permission::kKeepSupplies)) {
    return Forbidden(std::string("a ") + RoleName(actor.role) +
                     " sees figures only (needs, shortfall, stock), never donors or which child "
                     "got what");
  }
  return Status::Ok();
}

// The facilities whose nursery supplies the actor sees: her own facility, her
// organisation's, or (an installation administrator or auditor) all.
bool InSupplyScope(const Actor& actor, const Record& facility) {
  if (actor.facility_id) return *actor.facility_id == facility.id;
  if (actor.organisation_id) return facility.Integer("organisation_id") == actor.organisation_id;
  return actor.role == Role::kAdministrator || actor.role == Role::kAuditor;
}

constexpr int kFacilityPage = 500;

std::string Trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

Result<std::string> RequiredText(const std::string& text, const char* field, size_t max_bytes) {
  std::string trimmed = Trimmed(text);
  if (trimmed.empty())
    return InvalidArgument(field, "is required").Because(Refusal::kValueRequired);
  if (trimmed.size() > max_bytes) {
    return InvalidArgument(field, "is longer than " + std::to_string(max_bytes) + " bytes")
        .Because(Refusal::kTextTooLong);
  }
  if (!IsValidUtf8(trimmed)) return InvalidArgument(field, "is not valid UTF-8");
  return trimmed;
}

Result<std::optional<std::string>> OptionalText(const std::optional<std::string>& text,
                                                const char* field, size_t max_bytes) {
  if (!text) return std::optional<std::string>();
  std::string trimmed = Trimmed(*text);
  if (trimmed.empty()) return std::optional<std::string>();
  VINCULO_ASSIGN_OR_RETURN(trimmed, RequiredText(trimmed, field, max_bytes));
  return std::optional<std::string>(trimmed);
}

Status CheckQuantity(long long quantity, const char* field = "quantity") {
  if (quantity < 1 || quantity > kMaxQuantity) {
    return InvalidArgument(field,
                           "must be a whole number from 1 to " + std::to_string(kMaxQuantity))
        .Because(Refusal::kNumberNotPositive);
  }
  return Status::Ok();
}

// A date given by the caller, today when absent; never in the future.
Result<std::string> PastOrToday(const std::optional<std::string>& text, const char* field,
                                const Date& today) {
  if (!text) return FormatDate(today);
  VINCULO_ASSIGN_OR_RETURN(Date date, ParseDate(*text, field));
  if (date > today)
    return InvalidArgument(field, "cannot be in the future").Because(Refusal::kDateInFuture);
  return FormatDate(date);
}

// Checks a whole catalogue item (after merging changes).
Status ValidateItem(SupplyItemRow& item) {
  if (item.code.empty() || item.code.size() > 40 ||
      !std::all_of(item.code.begin(), item.code.end(), [](char letter) {
        return (letter >= 'a' && letter <= 'z') || (letter >= '0' && letter <= '9') ||
               letter == '_';
      })) {
    return InvalidArgument("code", "must be 1 to 40 lowercase letters, digits or _ (\"crib\")")
        .Because(Refusal::kCodeFormat);
  }
  VINCULO_ASSIGN_OR_RETURN(item.name_es, RequiredText(item.name_es, "name_es", kMaxNameBytes));
  VINCULO_ASSIGN_OR_RETURN(item.name_en, RequiredText(item.name_en, "name_en", kMaxNameBytes));
  VINCULO_ASSIGN_OR_RETURN(item.unit, RequiredText(item.unit, "unit", 40));
  if (item.from_months < 0 || item.from_months >= kMaxAgeMonths) {
    return InvalidArgument("from_months", "must be a whole number of months from 0 to " +
                                              std::to_string(kMaxAgeMonths - 1))
        .Because(Refusal::kMonthsInvalid);
  }
  if (item.to_months && (*item.to_months <= item.from_months || *item.to_months > kMaxAgeMonths)) {
    return InvalidArgument("to_months",
                           "must be after from_months (the band is [from, to)) and "
                           "at most " +
                               std::to_string(kMaxAgeMonths))
        .Because(Refusal::kMonthsOrder);
  }
  VINCULO_RETURN_IF_ERROR(CheckQuantity(item.quantity));
  if (item.kind != "durable" && item.kind != "monthly") {
    return InvalidArgument("kind", "must be durable (one per child) or monthly (per month)")
        .Because(Refusal::kValueNotAllowed);
  }
  return Status::Ok();
}

void Merge(SupplyItemRow& item, const SupplyItemFields& fields) {
  if (fields.code) item.code = *fields.code;
  if (fields.name_es) item.name_es = *fields.name_es;
  if (fields.name_en) item.name_en = *fields.name_en;
  if (fields.unit) item.unit = *fields.unit;
  if (fields.from_months) item.from_months = *fields.from_months;
  if (fields.clear_to_months) item.to_months.reset();
  if (fields.to_months) item.to_months = *fields.to_months;
  if (fields.quantity) item.quantity = *fields.quantity;
  if (fields.kind) item.kind = *fields.kind;
}

// The driver reports a taken code as a conflict without a field.
Status NameCodeConflict(const Status& status, const std::string& code) {
  if (status.code() == StatusCode::kConflict) {
    return Conflict("a catalogue item with code " + code + " already exists", "code")
        .Because(Refusal::kCodeTaken);
  }
  return status;
}

bool InBand(const SupplyItemRow& item, long long age_months) {
  return age_months >= item.from_months && (!item.to_months || age_months < *item.to_months);
}

Result<SupplyItemRow> ActiveItem(Txn& txn, long long item_id) {
  auto item = supply_store::GetSupplyItem(txn, item_id);
  if (!item.ok()) {
    if (item.status().code() == StatusCode::kNotFound) {
      return InvalidArgument("item_id", "no catalogue item " + std::to_string(item_id));
    }
    return item.status();
  }
  if (item->archived) {
    return InvalidArgument("item_id", "catalogue item " + item->code + " is archived");
  }
  return item;
}

}  // namespace

AuditEvent SupplyService::Event(const Actor& actor, const char* action, const char* kind,
                                long long id, std::string detail) const {
  return AuditEventFor(actor, context_.Now(), action, kind, id, std::move(detail));
}

Result<Record> SupplyService::VisibleFacility(Txn& txn, const Actor& actor,
                                              long long facility_id) const {
  const std::string missing = "no facility " + std::to_string(facility_id);
  auto facility = txn.Get(FacilityKind(), facility_id, Actor::System());
  if (!facility.ok()) {
    if (facility.status().code() == StatusCode::kNotFound) return NotFound(missing);
    return facility.status();
  }
  if (!InSupplyScope(actor, *facility)) return NotFound(missing);
  return facility;
}

Result<std::vector<long long>> SupplyService::NurseryFacilities(const Actor& actor) {
  std::vector<long long> ids;
  if (!Allows(actor.role, Permission::kReadSupplyFigures)) return ids;
  VINCULO_RETURN_IF_ERROR(context_.store->Read([&](Txn& txn) -> Status {
    ListQuery query;
    query.limit = kFacilityPage;
    for (;;) {
      VINCULO_ASSIGN_OR_RETURN(Page page, txn.List(FacilityKind(), query, Actor::System()));
      for (const Record& facility : page.items) {
        const auto nursery = facility.values.find("has_nursery");
        const bool without_nursery = nursery != facility.values.end() &&
                                     std::holds_alternative<bool>(nursery->second) &&
                                     !std::get<bool>(nursery->second);
        if (!without_nursery && InSupplyScope(actor, facility)) ids.push_back(facility.id);
      }
      if (!page.next_after_id) return Status::Ok();
      query.after_id = *page.next_after_id;
    }
  }));
  return ids;
}

// --- The catalogue -----------------------------------------------------------

Result<std::vector<SupplyItemRow>> SupplyService::Catalogue(const Actor& actor,
                                                            bool include_archived) {
  (void)actor;  // reference data: every signed-in user reads it
  std::vector<SupplyItemRow> items;
  VINCULO_RETURN_IF_ERROR(context_.store->Read([&](Txn& txn) -> Status {
    VINCULO_ASSIGN_OR_RETURN(items, supply_store::SupplyItems(txn, include_archived));
    return Status::Ok();
  }));
  return items;
}

Result<SupplyItemRow> SupplyService::CatalogueItem(const Actor& actor, long long id) {
  (void)actor;
  SupplyItemRow item;
  VINCULO_RETURN_IF_ERROR(context_.store->Read([&](Txn& txn) -> Status {
    VINCULO_ASSIGN_OR_RETURN(item, supply_store::GetSupplyItem(txn, id));
    return Status::Ok();
  }));
  return item;
}

static Status RequireCatalogueAdmin(const Actor& actor) {
  if (!actor.IsGlobal()) {
    return Forbidden("only an installation administrator changes the needs catalogue");
  }
  return Status::Ok();
}

Result<SupplyItemRow> SupplyService::AddCatalogueItem(const Actor& actor,
                                                      const SupplyItemFields& fields) {
  VINCULO_RETURN_IF_ERROR(RequireCatalogueAdmin(actor));
  for (const auto& [value, name] : {std::pair{fields.code.has_value(), "code"},
                                    {fields.name_es.has_value(), "name_es"},
                                    {fields.name_en.has_value(), "name_en"},
                                    {fields.unit.has_value(), "unit"},
                                    {fields.from_months.has_value(), "from_months"},
                                    {fields.quantity.has_value(), "quantity"},
                                    {fields.kind.has_value(), "kind"}}) {
    if (!value) return InvalidArgument(name, "is required").Because(Refusal::kValueRequired);
  }
  SupplyItemRow item;
  Merge(item, fields);
  VINCULO_RETURN_IF_ERROR(ValidateItem(item));
  SupplyItemRow stored;
  Status written = context_.store->Write([&](Txn& txn) -> Status {
    VINCULO_ASSIGN_OR_RETURN(stored, supply_store::InsertSupplyItem(txn, item, context_.Now()));
    return txn.AppendAudit({Event(actor, "create", "supply_items", stored.id, stored.code)});
  });
  if (!written.ok()) return NameCodeConflict(written, item.code);
  return stored;
}

Result<SupplyItemRow> SupplyService::ChangeCatalogueItem(const Actor& actor, long long id,
                                                         long long expected_version,
                                                         const SupplyItemFields& changes) {
  VINCULO_RETURN_IF_ERROR(RequireCatalogueAdmin(actor));
  SupplyItemRow stored;
  std::string code;
  Status written = context_.store->Write([&](Txn& txn) -> Status {
    VINCULO_ASSIGN_OR_RETURN(SupplyItemRow item, supply_store::GetSupplyItem(txn, id));
    Merge(item, changes);
    code = item.code;
    VINCULO_RETURN_IF_ERROR(ValidateItem(item));
    VINCULO_ASSIGN_OR_RETURN(
        stored, supply_store::UpdateSupplyItem(txn, item, expected_version, context_.Now()));
    return txn.AppendAudit({Event(actor, "update", "supply_items", id, stored.code)});
  });
  if (!written.ok()) return NameCodeConflict(written, code);
  return stored;
}

Result<SupplyItemRow> SupplyService::ArchiveCatalogueItem(const Actor& actor, long long id,
                                                          long long expected_version) {
  VINCULO_RETURN_IF_ERROR(RequireCatalogueAdmin(actor));
  SupplyItemRow stored;
  VINCULO_RETURN_IF_ERROR(context_.store->Write([&](Txn& txn) -> Status {
    VINCULO_ASSIGN_OR_RETURN(SupplyItemRow item, supply_store::GetSupplyItem(txn, id));
    item.archived = true;
    VINCULO_ASSIGN_OR_RETURN(
        stored, supply_store::UpdateSupplyItem(txn, item, expected_version, context_.Now()));
    return txn.AppendAudit({Event(actor, "archive", "supply_items", id, stored.code)});
  }));
  return stored;
}

// --- Needs and stock ---------------------------------------------------------

Result<FacilityNeeds> SupplyService::Needs(const Actor& actor, long long facility_id,
                                           std::optional<Date> as_of, bool next_month) {
  VINCULO_RETURN_IF_ERROR(Require(actor, SupplyAccess::kFigures));
  const Date on = as_of.value_or(context_.Today());
  const Date next = AddMonths(on, 1);
  FacilityNeeds needs;
  needs.facility_id = facility_id;
  needs.now.date = FormatDate(on);
  needs.next_month.date = FormatDate(next);
  needs.suppress_small_cells = SuppressesSmallCells(actor);
  needs.now.suppress_small_cells = needs.suppress_small_cells;
  needs.next_month.suppress_small_cells = needs.suppress_small_cells;
  std::vector<SupplyItemRow> items;
  std::map<long long, long long> stock;                           // item -> quantity
  std::map<std::pair<long long, long long>, long long> received;  // (child, item) -> quantity
  std::vector<std::pair<long long, Date>> children;               // child id, date of birth
  VINCULO_RETURN_IF_ERROR(context_.store->Read([&](Txn& txn) -> Status {
    VINCULO_ASSIGN_OR_RETURN(Record facility, VisibleFacility(txn, actor, facility_id));
    needs.facility = facility.Text("name").value_or("");
    VINCULO_ASSIGN_OR_RETURN(items, supply_store::SupplyItems(txn, false));
    VINCULO_ASSIGN_OR_RETURN(std::vector<SupplyStockRow> stock_rows,
                             supply_store::Stock(txn, facility_id));
    for (const SupplyStockRow& row : stock_rows) stock[row.item_id] = row.quantity;
    VINCULO_ASSIGN_OR_RETURN(std::vector<ChildItemTotal> totals,
                             supply_store::AllocatedPerChild(txn, facility_id));
    for (const ChildItemTotal& total : totals) {
      received[{total.child_id, total.item_id}] = total.quantity;
    }
    // The facility is in the actor's scope, so all its children count; only
    // figures leave this function.
    ChildrenInsideFilter filter;
    filter.facility_id = facility_id;
    return nursery_store::ForEachChildInside(
        txn, filter, Actor::System(), [&](const ChildInsideRow& child) {
          auto born = ParseDate(child.date_of_birth, "date_of_birth");
          if (born.ok()) children.emplace_back(child.child_id, *born);
        });
  }));
  needs.children_inside = static_cast<long long>(children.size());
  // Who will have left a month later: the age-out board of this facility, read
  // as the system without a read event (only figures leave this function).
  std::set<long long> leaving;
  if (next_month) {
    ServiceContext quiet = context_;
    quiet.audit = nullptr;
    AgeOutQuery board_query;
    board_query.facility_id = facility_id;
    board_query.as_of = on;
    VINCULO_ASSIGN_OR_RETURN(std::vector<AgeOutRow> board,
                             NurseryService(quiet).AgeOutBoard(Actor::System(), board_query));
    for (const AgeOutRow& row : board) {
      if (row.age_out && row.age_out->age_out_date <= next) leaving.insert(row.child_id);
    }
  }
  for (auto [period, date] : {std::pair{&needs.now, on}, std::pair{&needs.next_month, next}}) {
    const bool later = period == &needs.next_month;
    if (later && !next_month) break;
    for (const auto& [child_id, born] : children) {
      if (born <= date && !(later && leaving.count(child_id))) ++period->children;
    }
    for (const SupplyItemRow& item : items) {
      ItemNeed& need = period->items.emplace_back();
      need.item = item;
      need.in_stock = stock.count(item.id) ? stock[item.id] : 0;
      for (const auto& [child_id, born] : children) {
        if (later && leaving.count(child_id)) continue;
        if (born > date || !InBand(item, WholeMonthsBetween(born, date))) continue;
        ++need.children;
        need.needed += item.quantity;
        if (item.kind == "durable") {
          auto found = received.find({child_id, item.id});
          if (found != received.end()) need.allocated += std::min(found->second, item.quantity);
        }
      }
      need.shortfall = std::max(0LL, need.needed - need.allocated - need.in_stock);
    }
  }
  return needs;
}

Result<std::vector<StockLine>> SupplyService::Stock(const Actor& actor, long long facility_id) {
  VINCULO_RETURN_IF_ERROR(Require(actor, SupplyAccess::kFigures));
  std::vector<StockLine> lines;
  VINCULO_RETURN_IF_ERROR(context_.store->Read([&](Txn& txn) -> Status {
    VINCULO_RETURN_IF_ERROR(VisibleFacility(txn, actor, facility_id).status());
    VINCULO_ASSIGN_OR_RETURN(std::vector<SupplyItemRow> items,
                             supply_store::SupplyItems(txn, false));
    VINCULO_ASSIGN_OR_RETURN(std::vector<SupplyStockRow> rows,
                             supply_store::Stock(txn, facility_id));
    std::map<long long, long long> stock;
    for (const SupplyStockRow& row : rows) stock[row.item_id] = row.quantity;
    for (SupplyItemRow& item : items) {
      const long long quantity = stock.count(item.id) ? stock[item.id] : 0;
      lines.push_back({std::move(item), quantity});
    }
    return Status::Ok();
  }));
  return lines;
}

// --- Donations -----------------------------------------------------------------

Result<SupplyDonationRow> SupplyService::RecordDonation(const Actor& actor, long long facility_id,
                                                        const DonationRequest& request) {
  VINCULO_RETURN_IF_ERROR(Require(actor, SupplyAccess::kWrite));
  VINCULO_RETURN_IF_ERROR(CheckQuantity(request.quantity));
  if (request.donor_type != "family" && request.donor_type != "charity" &&
      request.donor_type != "other") {
    return InvalidArgument("donor_type", "must be family, charity or other");
  }
  SupplyDonationRow donation;
  donation.facility_id = facility_id;
  donation.item_id = request.item_id;
  donation.quantity = request.quantity;
  VINCULO_ASSIGN_OR_RETURN(donation.donated_on,
                           PastOrToday(request.donated_on, "donated_on", context_.Today()));
  donation.donor_type = request.donor_type;
  VINCULO_ASSIGN_OR_RETURN(donation.donor_name,
                           OptionalText(request.donor_name, "donor_name", kMaxNameBytes));
  VINCULO_ASSIGN_OR_RETURN(donation.note, OptionalText(request.note, "note", kMaxNoteBytes));
  donation.recorded_by = actor.user_id;
  donation.created_at = context_.Now();
  SupplyDonationRow stored;
  VINCULO_RETURN_IF_ERROR(context_.store->Write([&](Txn& txn) -> Status {
    VINCULO_RETURN_IF_ERROR(VisibleFacility(txn, actor, facility_id).status());
    VINCULO_ASSIGN_OR_RETURN(SupplyItemRow item, ActiveItem(txn, request.item_id));
    VINCULO_ASSIGN_OR_RETURN(stored, supply_store::InsertDonation(txn, donation));
    VINCULO_RETURN_IF_ERROR(
        supply_store::AddStock(txn, facility_id, item.id, donation.quantity, donation.created_at));
    return txn.AppendAudit({Event(actor, "create", "supply_donations", stored.id,
                                  "facility " + std::to_string(facility_id) + ", " +
                                      std::to_string(donation.quantity) + " " + item.code)});
  }));
  return stored;
}

Result<SupplyDonationRow> SupplyService::CorrectDonation(const Actor& actor, long long facility_id,
                                                         long long donation_id,
                                                         const DonationCorrection& correction) {
  VINCULO_RETURN_IF_ERROR(Require(actor, SupplyAccess::kWrite));
  if (correction.quantity < 0 || correction.quantity > kMaxQuantity) {
    return InvalidArgument("quantity", "must be a whole number from 0 (withdrawn) to " +
                                           std::to_string(kMaxQuantity))
        .Because(Refusal::kNumberInvalid);
  }
  VINCULO_ASSIGN_OR_RETURN(std::string reason,
                           RequiredText(correction.reason, "reason", kMaxNoteBytes));
  SupplyDonationRow stored;
  VINCULO_RETURN_IF_ERROR(context_.store->Write([&](Txn& txn) -> Status {
    VINCULO_RETURN_IF_ERROR(VisibleFacility(txn, actor, facility_id).status());
    auto donation = supply_store::GetDonation(txn, donation_id);
    if (!donation.ok() || donation->facility_id != facility_id) {
      if (!donation.ok() && donation.status().code() != StatusCode::kNotFound) {
        return donation.status();
      }
      return NotFound("no donation " + std::to_string(donation_id) + " in facility " +
                      std::to_string(facility_id));
    }
    const std::string now = context_.Now();
    const long long delta = correction.quantity - donation->quantity;
    if (delta > 0) {
      VINCULO_RETURN_IF_ERROR(
          supply_store::AddStock(txn, facility_id, donation->item_id, delta, now));
    } else if (delta < 0) {
      VINCULO_ASSIGN_OR_RETURN(
          bool taken, supply_store::TakeStock(txn, facility_id, donation->item_id, -delta, now));
      if (!taken) {
        return Conflict("taking back " + std::to_string(-delta) +
                            " would make the stock negative: part of this donation was already "
                            "allocated",
                        "quantity");
      }
    }
    VINCULO_RETURN_IF_ERROR(
        supply_store::CorrectDonation(txn, donation_id, correction.quantity, reason, now));
    VINCULO_ASSIGN_OR_RETURN(stored, supply_store::GetDonation(txn, donation_id));
    return txn.AppendAudit({Event(actor, "correct", "supply_donations", donation_id,
                                  std::to_string(donation->quantity) + " -> " +
                                      std::to_string(correction.quantity) + ": " + reason)});
  }));
  return stored;
}

Result<std::vector<SupplyDonationRow>> SupplyService::Donations(const Actor& actor,
                                                                long long facility_id) {
  VINCULO_RETURN_IF_ERROR(Require(actor, SupplyAccess::kWrite));
  std::vector<SupplyDonationRow> donations;
  VINCULO_RETURN_IF_ERROR(context_.store->Read([&](Txn& txn) -> Status {
    VINCULO_RETURN_IF_ERROR(VisibleFacility(txn, actor, facility_id).status());
    VINCULO_ASSIGN_OR_RETURN(donations, supply_store::Donations(txn, facility_id));
    return Status::Ok();
  }));
  return donations;
}

// --- Allocations ---------------------------------------------------------------

Result<SupplyAllocationRow> SupplyService::Allocate(const Actor& actor, long long facility_id,
                                                    const AllocationRequest& request) {
  VINCULO_RETURN_IF_ERROR(Require(actor, SupplyAccess::kWrite));
  VINCULO_RETURN_IF_ERROR(CheckQuantity(request.quantity));
  SupplyAllocationRow allocation;
  allocation.facility_id = facility_id;
  allocation.item_id = request.item_id;
  allocation.child_id = request.child_id;
  allocation.quantity = request.quantity;
  VINCULO_ASSIGN_OR_RETURN(allocation.allocated_on,
                           PastOrToday(request.allocated_on, "allocated_on", context_.Today()));
  VINCULO_ASSIGN_OR_RETURN(allocation.note, OptionalText(request.note, "note", kMaxNoteBytes));
  allocation.recorded_by = actor.user_id;
  allocation.created_at = context_.Now();
  SupplyAllocationRow stored;
  VINCULO_RETURN_IF_ERROR(context_.store->Write([&](Txn& txn) -> Status {
    VINCULO_RETURN_IF_ERROR(VisibleFacility(txn, actor, facility_id).status());
    const std::string not_inside = "no child living inside facility " + std::to_string(facility_id);
    auto child = txn.Get(ChildKind(), request.child_id, actor);
    if (!child.ok()) {
      if (child.status().code() == StatusCode::kNotFound) {
        return InvalidArgument("child_id", not_inside);
      }
      return child.status();
    }
    if (child->archived || child->Text("placement").value_or("") != "inside_with_mother" ||
        child->Integer("facility_id") != facility_id) {
      return InvalidArgument("child_id", not_inside);
    }
    VINCULO_ASSIGN_OR_RETURN(SupplyItemRow item, ActiveItem(txn, request.item_id));
    VINCULO_ASSIGN_OR_RETURN(bool taken,
                             supply_store::TakeStock(txn, facility_id, item.id, request.quantity,
                                                     allocation.created_at));
    if (!taken) {
      long long in_stock = 0;
      VINCULO_ASSIGN_OR_RETURN(std::vector<SupplyStockRow> rows,
                               supply_store::Stock(txn, facility_id));
      for (const SupplyStockRow& row : rows) {
        if (row.item_id == item.id) in_stock = row.quantity;
      }
      return Conflict("not enough " + item.code + " in stock: " + std::to_string(in_stock) +
                          " left, " + std::to_string(request.quantity) + " asked",
                      "quantity");
    }
    VINCULO_ASSIGN_OR_RETURN(stored, supply_store::InsertAllocation(txn, allocation));
    return txn.AppendAudit({Event(actor, "allocate", "children", request.child_id,
                                  std::to_string(request.quantity) + " " + item.code +
                                      ", allocation " + std::to_string(stored.id))});
  }));
  return stored;
}

Result<std::vector<SupplyAllocationRow>> SupplyService::Allocations(const Actor& actor,
                                                                    long long facility_id) {
  VINCULO_RETURN_IF_ERROR(Require(actor, SupplyAccess::kWrite));
  std::vector<SupplyAllocationRow> allocations;
  VINCULO_RETURN_IF_ERROR(context_.store->Read([&](Txn& txn) -> Status {
    VINCULO_RETURN_IF_ERROR(VisibleFacility(txn, actor, facility_id).status());
    VINCULO_ASSIGN_OR_RETURN(allocations, supply_store::Allocations(txn, facility_id));
    return Status::Ok();
  }));
  // Who looked at which children's allocations: a read of case data.
  if (context_.audit) {
    // In each child's own trail (issue 13).
    for (const SupplyAllocationRow& allocation : allocations) {
      context_.audit->RecordRead(Event(actor, "list", "children", allocation.child_id,
                                       "supply allocation " + std::to_string(allocation.id)));
    }
  }
  return allocations;
}

}  // namespace vinculo
