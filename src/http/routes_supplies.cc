// The operations of the nursery's needs and donations: the needs catalogue
// (read by everyone signed in, changed by installation administrators) and,
// per facility, needs by age, stock, donations and allocations to children.
#include "http/operation.h"
#include "json/record_json.h"
#include "json/supply_json.h"
#include "service/supply_service.h"

namespace vinculo::http_internal {
namespace {

using V = ValueType;

SupplyService Supplies(const Call& call) { return SupplyService(call.services.context); }

Reply ItemReply(const SupplyItemRow& item, int status = 200) {
  Reply reply = VersionedReply(item, SupplyItemToJson, status);
  if (status == 201) reply.location = "/api/v1/nursery/supply-items/" + std::to_string(item.id);
  return reply;
}

SupplyItemFields ItemFields(const Body& body) {
  SupplyItemFields fields;
  fields.code = body.OptionalText("code");
  fields.name_es = body.OptionalText("name_es");
  fields.name_en = body.OptionalText("name_en");
  fields.unit = body.OptionalText("unit");
  fields.from_months = body.OptionalInteger("from_months");
  fields.to_months = body.OptionalInteger("to_months");
  // An explicit null removes the upper limit ("from 24 months on").
  fields.clear_to_months = body.IsNull("to_months");
  fields.quantity = body.OptionalInteger("quantity");
  fields.kind = body.OptionalText("kind");
  return fields;
}

const std::vector<Field>& ItemFieldRules() {
  static const std::vector<Field> kFields = {
      Optional("code", V::kText),           Optional("name_es", V::kText),
      Optional("name_en", V::kText),        Optional("unit", V::kText),
      Optional("from_months", V::kInteger), Optional("to_months", V::kInteger).Nullable(),
      Optional("quantity", V::kInteger),    Optional("kind", V::kText)};
  return kFields;
}

Result<Reply> RecordDonation(Call& call) {
  const Body& body = call.body;
  DonationRequest donation;
  donation.item_id = body.Integer("item_id");
  donation.quantity = body.Integer("quantity");
  donation.donated_on = body.OptionalText("donated_on");
  donation.donor_type = body.Text("donor_type");
  donation.donor_name = body.OptionalText("donor_name");
  donation.note = body.OptionalText("note");
  VINCULO_ASSIGN_OR_RETURN(SupplyDonationRow stored,
                           Supplies(call).RecordDonation(call.user(), call.id(), donation));
  return JsonReply(DonationToJson(stored), 201);
}

Result<Reply> CorrectDonation(Call& call) {
  DonationCorrection correction{call.body.Integer("quantity"), call.body.Text("reason")};
  VINCULO_ASSIGN_OR_RETURN(
      SupplyDonationRow stored,
      Supplies(call).CorrectDonation(call.user(), call.id(0), call.id(1), correction));
  return JsonReply(DonationToJson(stored));
}

Result<Reply> Allocate(Call& call) {
  const Body& body = call.body;
  AllocationRequest allocation;
  allocation.child_id = body.Integer("child_id");
  allocation.item_id = body.Integer("item_id");
  allocation.quantity = body.Integer("quantity");
  allocation.allocated_on = body.OptionalText("allocated_on");
  allocation.note = body.OptionalText("note");
  VINCULO_ASSIGN_OR_RETURN(SupplyAllocationRow stored,
                           Supplies(call).Allocate(call.user(), call.id(), allocation));
  return JsonReply(AllocationToJson(stored), 201);
}

// The needs catalogue.
std::vector<Operation> CatalogueOperations() {
  const std::string catalogue = "/api/v1/nursery/supply-items";
  return {
      {.method = "GET",
       .path = catalogue,
       .operation_id = "listSupplyItems",
       .tag = "Nursery supplies",
       .summary = "The catalogue of needs by age",
       .description = "Every item a child may need, with its age band [from_months, to_months) and "
                      "the quantity per child (once when durable, per month when monthly). "
                      "Readable by every signed-in user.",
       .query = {Optional("archived", V::kBoolean, "true: the archived items instead.")},
       .reply = "items:SupplyItem",
       .handler = [](Call& call) -> Result<Reply> {
         VINCULO_ASSIGN_OR_RETURN(
             std::vector<SupplyItemRow> items,
             Supplies(call).Catalogue(call.user(), call.QueryBool("archived").value_or(false)));
         return ItemsReply(items, SupplyItemToJson);
       }},
      {.method = "POST",
       .path = catalogue,
       .operation_id = "createSupplyItem",
       .tag = "Nursery supplies",
       .summary = "Add an item to the needs catalogue",
       .description = "Installation administrators only. Every field is required except to_months "
                      "(absent: no upper age). Written to the audit log.",
       .request = "SupplyItemFields",
       .roles = RolesWith(Permission::kKeepSupplyCatalogue),
       .body = BodyKind::kFields,
       .fields = ItemFieldRules(),
       .status = 201,
       .reply = "SupplyItem",
       .errors = {409},
       .handler = [](Call& call) -> Result<Reply> {
         VINCULO_ASSIGN_OR_RETURN(SupplyItemRow item, Supplies(call).AddCatalogueItem(
                                                          call.user(), ItemFields(call.body)));
         return ItemReply(item, 201);
       }},
      {.method = "GET",
       .path = catalogue + "/{id}",
       .operation_id = "getSupplyItem",
       .tag = "Nursery supplies",
       .summary = "One catalogue item",
       .description = "Readable by every signed-in user.",
       .reply = "SupplyItem",
       .handler = [](Call& call) -> Result<Reply> {
         VINCULO_ASSIGN_OR_RETURN(SupplyItemRow item,
                                  Supplies(call).CatalogueItem(call.user(), call.id()));
         return ItemReply(item);
       }},
      {.method = "PATCH",
       .path = catalogue + "/{id}",
       .operation_id = "updateSupplyItem",
       .tag = "Nursery supplies",
       .summary = "Change a catalogue item",
       .description = "Installation administrators only. Members present are changed; to_months "
                      "null removes the upper age. If-Match is required. Written to the audit log.",
       .request = "SupplyItemFields",
       .roles = RolesWith(Permission::kKeepSupplyCatalogue),
       .if_match = true,
       .body = BodyKind::kFields,
       .fields = ItemFieldRules(),
       .reply = "SupplyItem",
       .errors = {409},
       .handler = [](Call& call) -> Result<Reply> {
         VINCULO_ASSIGN_OR_RETURN(SupplyItemRow item,
                                  Supplies(call).ChangeCatalogueItem(
                                      call.user(), call.id(), call.version, ItemFields(call.body)));
         return ItemReply(item);
       }},
      {.method = "POST",
       .path = catalogue + "/{id}/archive",
       .operation_id = "archiveSupplyItem",
       .tag = "Nursery supplies",
       .summary = "Archive a catalogue item",
       .description =
           "Installation administrators only. The item leaves the needs and takes no new "
           "donations; past donations and allocations keep it. If-Match is required.",
       .roles = RolesWith(Permission::kKeepSupplyCatalogue),
       .if_match = true,
       .reply = "SupplyItem",
       .handler = [](Call& call) -> Result<Reply> {
         VINCULO_ASSIGN_OR_RETURN(SupplyItemRow item, Supplies(call).ArchiveCatalogueItem(
                                                          call.user(), call.id(), call.version));
         return ItemReply(item);
       }},
  };
}

// A facility's needs, stock, donations and allocations.
std::vector<Operation> FacilitySupplyOperations() {
  return {
      {.method = "GET",
       .path = "/api/v1/facilities/{id}/needs",
       .operation_id = "facilityNeeds",
       .tag = "Nursery supplies",
       .summary = "What the children inside need now and next month",
       .description = "For every active catalogue item: the children living inside whose age "
                      "(whole months) on the date is in the item's band, what they need, what "
                      "durable items they already received (up to their need), the stock, and the "
                      "shortfall (needed - allocated - in stock, never below zero). A month later, "
                      "children whose age-out date has come by then are no longer counted. Figures "
                      "only: auditors may read them. A nursery officer reaches her own facility "
                      "only (another facility: 404); an organisation-bound user the facilities of "
                      "her organisation; an installation administrator or auditor every facility.",
       .roles = RolesWith(Permission::kReadSupplyFigures),
       .query = {Optional("as_of", V::kDate, "The date, YYYY-MM-DD (default: today).")},
       .reply = "FacilityNeeds",
       .handler = [](Call& call) -> Result<Reply> {
         VINCULO_ASSIGN_OR_RETURN(
             FacilityNeeds needs,
             Supplies(call).Needs(call.user(), call.id(), call.QueryDate("as_of")));
         return JsonReply(FacilityNeedsToJson(needs));
       }},
      {.method = "GET",
       .path = "/api/v1/facilities/{id}/stock",
       .operation_id = "facilityStock",
       .tag = "Nursery supplies",
       .summary = "Stock per item",
       .description =
           "Every active catalogue item with the quantity the facility holds (0 when none). "
           "Figures only: auditors may read them. A nursery officer reaches her own facility only "
           "(another facility: 404); an organisation-bound user the facilities of her "
           "organisation; an installation administrator or auditor every facility.",
       .roles = RolesWith(Permission::kReadSupplyFigures),
       .reply = "items:StockLine",
       .handler = [](Call& call) -> Result<Reply> {
         VINCULO_ASSIGN_OR_RETURN(auto stock, Supplies(call).Stock(call.user(), call.id()));
         return ItemsReply(stock, StockLineToJson);
       }},
      {.method = "GET",
       .path = "/api/v1/facilities/{id}/donations",
       .operation_id = "listDonations",
       .tag = "Nursery supplies",
       .summary = "Donations received",
       .description = "Newest first. Administrators, programme coordinators, social workers and "
                      "nursery officers. A nursery officer reaches her own facility only (another "
                      "facility: 404); an organisation-bound user the facilities of her "
                      "organisation; an installation administrator or auditor every facility.",
       .roles = RolesWith(Permission::kKeepSupplies),
       .reply = "items:Donation",
       .handler = [](Call& call) -> Result<Reply> {
         VINCULO_ASSIGN_OR_RETURN(auto rows, Supplies(call).Donations(call.user(), call.id()));
         return ItemsReply(rows, DonationToJson);
       }},
      {.method = "POST",
       .path = "/api/v1/facilities/{id}/donations",
       .operation_id = "recordDonation",
       .tag = "Nursery supplies",
       .summary = "Record a donation",
       .description =
           "Adds the quantity to the facility's stock in the same transaction. Quantity from 1 to "
           "1,000,000; donated_on defaults to today and cannot be in the future; donor_type "
           "family, charity or other. Administrators, programme coordinators, social workers and "
           "nursery officers. A nursery officer reaches her own facility only (another facility: "
           "404); an organisation-bound user the facilities of her organisation; an installation "
           "administrator or auditor every facility. Written to the audit log.",
       .request = "DonationRequest",
       .roles = RolesWith(Permission::kKeepSupplies),
       .body = BodyKind::kFields,
       .fields = {Required("item_id", V::kId), Required("quantity", V::kInteger),
                  Optional("donated_on", V::kDate), Required("donor_type", V::kText),
                  Optional("donor_name", V::kText), Optional("note", V::kText)},
       .status = 201,
       .reply = "Donation",
       .handler = RecordDonation},
      {.method = "POST",
       .path = "/api/v1/facilities/{id}/donations/{donation_id}/correction",
       .operation_id = "correctDonation",
       .tag = "Nursery supplies",
       .summary = "Correct or withdraw a donation",
       .description = "Sets the donation's quantity (0 withdraws it) with a reason; the stock "
                      "moves by the difference. Refused with 409 naming quantity when the stock no "
                      "longer holds what would be taken back (it was allocated): the stock never "
                      "goes negative. Administrators, programme coordinators, social workers and "
                      "nursery officers. A nursery officer reaches her own facility only (another "
                      "facility: 404); an organisation-bound user the facilities of her "
                      "organisation; an installation administrator or auditor every facility.",
       .request = "DonationCorrection",
       .roles = RolesWith(Permission::kKeepSupplies),
       .body = BodyKind::kFields,
       .fields = {Required("quantity", V::kInteger), Required("reason", V::kText)},
       .reply = "Donation",
       .errors = {409},
       .handler = CorrectDonation},
      {.method = "GET",
       .path = "/api/v1/facilities/{id}/allocations",
       .operation_id = "listAllocations",
       .tag = "Nursery supplies",
       .summary = "Stock given to children",
       .description = "Newest first. Which child got what is case data: auditors get 403. "
                      "Administrators, programme coordinators, social workers and nursery "
                      "officers. A nursery officer reaches her own facility only (another "
                      "facility: 404); an organisation-bound user the facilities of her "
                      "organisation; an installation administrator or auditor every facility.",
       .roles = RolesWith(Permission::kKeepSupplies),
       .reply = "items:Allocation",
       .handler = [](Call& call) -> Result<Reply> {
         VINCULO_ASSIGN_OR_RETURN(auto rows, Supplies(call).Allocations(call.user(), call.id()));
         return ItemsReply(rows, AllocationToJson);
       }},
      {.method = "POST",
       .path = "/api/v1/facilities/{id}/allocations",
       .operation_id = "allocateSupply",
       .tag = "Nursery supplies",
       .summary = "Give stock to a child living inside",
       .description =
           "Takes the quantity from the stock with one conditional update inside the transaction, "
           "so concurrent allocations never drive the stock negative. The child must live inside "
           "this facility (422 naming child_id otherwise); not enough stock is 409 naming "
           "quantity, and nothing changes. Administrators, programme coordinators, social workers "
           "and nursery officers. A nursery officer reaches her own facility only (another "
           "facility: 404); an organisation-bound user the facilities of her organisation; an "
           "installation administrator or auditor every facility. Written to the audit log.",
       .request = "AllocationRequest",
       .roles = RolesWith(Permission::kKeepSupplies),
       .body = BodyKind::kFields,
       .fields = {Required("child_id", V::kId), Required("item_id", V::kId),
                  Required("quantity", V::kInteger), Optional("allocated_on", V::kDate),
                  Optional("note", V::kText)},
       .status = 201,
       .reply = "Allocation",
       .errors = {409},
       .handler = Allocate},
  };
}

}  // namespace

std::vector<Operation> SupplyOperations() {
  return Concatenated({CatalogueOperations, FacilitySupplyOperations});
}

}  // namespace vinculo::http_internal
