// Routes of the nursery's needs and donations: the needs catalogue (read by
// everyone signed in, changed by installation administrators) and, per
// facility, needs by age, stock, donations and allocations to children.
#include <algorithm>

#include "http/router.h"
#include "json/record_json.h"
#include "json/supply_json.h"
#include "service/supply_service.h"

namespace vinculo::http_internal {
namespace {

// Refuses query parameters this route does not know, naming the first.
Status KnownParams(const httplib::Request& request, std::initializer_list<std::string_view> known) {
  for (const auto& [name, value] : request.params) {
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      return InvalidArgument(name, "is not a parameter of this request");
    }
  }
  return Status::Ok();
}

Result<long long> RequiredInteger(const nlohmann::json& body, const char* name) {
  auto value = OptionalInteger(body, name);
  if (!value.ok()) return value.status();
  if (!*value) return InvalidArgument(name, "is required");
  return **value;
}

Result<std::string> RequiredText(const nlohmann::json& body, const char* name) {
  auto value = OptionalString(body, name);
  if (!value.ok()) return value.status();
  if (!*value) return InvalidArgument(name, "is required");
  return **value;
}

Reply ItemReply(const SupplyItemRow& item, int status = 200) {
  Reply reply = JsonReply(SupplyItemToJson(item), status);
  reply.etag_version = item.version;
  if (status == 201) reply.location = "/api/v1/nursery/supply-items/" + std::to_string(item.id);
  return reply;
}

Result<SupplyItemFields> ItemFields(const httplib::Request& request) {
  VINCULO_ASSIGN_OR_RETURN(nlohmann::json body, JsonBody(request));
  VINCULO_RETURN_IF_ERROR(OnlyMembers(body, {"code", "name_es", "name_en", "unit", "from_months",
                                             "to_months", "quantity", "kind"}));
  SupplyItemFields fields;
  VINCULO_ASSIGN_OR_RETURN(fields.code, OptionalString(body, "code"));
  VINCULO_ASSIGN_OR_RETURN(fields.name_es, OptionalString(body, "name_es"));
  VINCULO_ASSIGN_OR_RETURN(fields.name_en, OptionalString(body, "name_en"));
  VINCULO_ASSIGN_OR_RETURN(fields.unit, OptionalString(body, "unit"));
  VINCULO_ASSIGN_OR_RETURN(fields.from_months, OptionalInteger(body, "from_months"));
  VINCULO_ASSIGN_OR_RETURN(fields.to_months, OptionalInteger(body, "to_months"));
  // An explicit null removes the upper limit ("from 24 months on").
  fields.clear_to_months = body.contains("to_months") && body["to_months"].is_null();
  VINCULO_ASSIGN_OR_RETURN(fields.quantity, OptionalInteger(body, "quantity"));
  VINCULO_ASSIGN_OR_RETURN(fields.kind, OptionalString(body, "kind"));
  return fields;
}

}  // namespace

void RegisterSupplyRoutes(Router& router) {
  Services& services = router.services();
  const std::string catalogue = "/api/v1/nursery/supply-items";

  router.Authed("GET", catalogue,
                [&services](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
                  VINCULO_RETURN_IF_ERROR(KnownParams(request, {"archived"}));
                  const std::string archived = request.get_param_value("archived");
                  if (!archived.empty() && archived != "true" && archived != "false") {
                    return InvalidArgument("archived", "must be true or false");
                  }
                  SupplyService supplies(services.context);
                  VINCULO_ASSIGN_OR_RETURN(std::vector<SupplyItemRow> items,
                                           supplies.Catalogue(actor, archived == "true"));
                  return ItemsReply(items, SupplyItemToJson);
                });

  router.Authed("POST", catalogue,
                [&services](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
                  VINCULO_ASSIGN_OR_RETURN(SupplyItemFields fields, ItemFields(request));
                  SupplyService supplies(services.context);
                  VINCULO_ASSIGN_OR_RETURN(SupplyItemRow item,
                                           supplies.AddCatalogueItem(actor, fields));
                  return ItemReply(item, 201);
                });

  router.Authed("GET", catalogue + R"(/(\d+))",
                [&services](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
                  VINCULO_ASSIGN_OR_RETURN(long long id, PathId(request, 1));
                  SupplyService supplies(services.context);
                  VINCULO_ASSIGN_OR_RETURN(SupplyItemRow item, supplies.CatalogueItem(actor, id));
                  return ItemReply(item);
                });

  router.Authed("PATCH", catalogue + R"(/(\d+))",
                [&services](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
                  VINCULO_ASSIGN_OR_RETURN(long long id, PathId(request, 1));
                  VINCULO_ASSIGN_OR_RETURN(long long version, IfMatchVersion(request));
                  VINCULO_ASSIGN_OR_RETURN(SupplyItemFields changes, ItemFields(request));
                  SupplyService supplies(services.context);
                  VINCULO_ASSIGN_OR_RETURN(SupplyItemRow item, supplies.ChangeCatalogueItem(
                                                                   actor, id, version, changes));
                  return ItemReply(item);
                });

  router.Authed("POST", catalogue + R"(/(\d+)/archive)",
                [&services](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
                  VINCULO_ASSIGN_OR_RETURN(long long id, PathId(request, 1));
                  VINCULO_ASSIGN_OR_RETURN(long long version, IfMatchVersion(request));
                  SupplyService supplies(services.context);
                  VINCULO_ASSIGN_OR_RETURN(SupplyItemRow item,
                                           supplies.ArchiveCatalogueItem(actor, id, version));
                  return ItemReply(item);
                });

  router.Authed(
      "GET", R"(/api/v1/facilities/(\d+)/needs)",
      [&services](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
        VINCULO_ASSIGN_OR_RETURN(long long facility_id, PathId(request, 1));
        VINCULO_RETURN_IF_ERROR(KnownParams(request, {"as_of"}));
        std::optional<Date> as_of;
        if (request.has_param("as_of")) {
          VINCULO_ASSIGN_OR_RETURN(as_of, ParseDate(request.get_param_value("as_of"), "as_of"));
        }
        SupplyService supplies(services.context);
        VINCULO_ASSIGN_OR_RETURN(FacilityNeeds needs, supplies.Needs(actor, facility_id, as_of));
        return JsonReply(FacilityNeedsToJson(needs));
      });

  router.Authed("GET", R"(/api/v1/facilities/(\d+)/stock)",
                [&services](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
                  VINCULO_ASSIGN_OR_RETURN(long long facility_id, PathId(request, 1));
                  VINCULO_RETURN_IF_ERROR(KnownParams(request, {}));
                  SupplyService supplies(services.context);
                  VINCULO_ASSIGN_OR_RETURN(std::vector<StockLine> stock,
                                           supplies.Stock(actor, facility_id));
                  return ItemsReply(stock, StockLineToJson);
                });

  router.Authed("GET", R"(/api/v1/facilities/(\d+)/donations)",
                [&services](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
                  VINCULO_ASSIGN_OR_RETURN(long long facility_id, PathId(request, 1));
                  VINCULO_RETURN_IF_ERROR(KnownParams(request, {}));
                  SupplyService supplies(services.context);
                  VINCULO_ASSIGN_OR_RETURN(std::vector<SupplyDonationRow> donations,
                                           supplies.Donations(actor, facility_id));
                  return ItemsReply(donations, DonationToJson);
                });

  router.Authed("POST", R"(/api/v1/facilities/(\d+)/donations)",
                [&services](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
                  VINCULO_ASSIGN_OR_RETURN(long long facility_id, PathId(request, 1));
                  VINCULO_ASSIGN_OR_RETURN(nlohmann::json body, JsonBody(request));
                  VINCULO_RETURN_IF_ERROR(OnlyMembers(body, {"item_id", "quantity", "donated_on",
                                                             "donor_type", "donor_name", "note"}));
                  DonationRequest donation;
                  VINCULO_ASSIGN_OR_RETURN(donation.item_id, RequiredInteger(body, "item_id"));
                  VINCULO_ASSIGN_OR_RETURN(donation.quantity, RequiredInteger(body, "quantity"));
                  VINCULO_ASSIGN_OR_RETURN(donation.donated_on, OptionalString(body, "donated_on"));
                  VINCULO_ASSIGN_OR_RETURN(donation.donor_type, RequiredText(body, "donor_type"));
                  VINCULO_ASSIGN_OR_RETURN(donation.donor_name, OptionalString(body, "donor_name"));
                  VINCULO_ASSIGN_OR_RETURN(donation.note, OptionalString(body, "note"));
                  SupplyService supplies(services.context);
                  VINCULO_ASSIGN_OR_RETURN(SupplyDonationRow stored,
                                           supplies.RecordDonation(actor, facility_id, donation));
                  return JsonReply(DonationToJson(stored), 201);
                });

  router.Authed("POST", R"(/api/v1/facilities/(\d+)/donations/(\d+)/correction)",
                [&services](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
                  VINCULO_ASSIGN_OR_RETURN(long long facility_id, PathId(request, 1));
                  VINCULO_ASSIGN_OR_RETURN(long long donation_id, PathId(request, 2));
                  VINCULO_ASSIGN_OR_RETURN(nlohmann::json body, JsonBody(request));
                  VINCULO_RETURN_IF_ERROR(OnlyMembers(body, {"quantity", "reason"}));
                  DonationCorrection correction;
                  VINCULO_ASSIGN_OR_RETURN(correction.quantity, RequiredInteger(body, "quantity"));
                  VINCULO_ASSIGN_OR_RETURN(correction.reason, RequiredText(body, "reason"));
                  SupplyService supplies(services.context);
                  VINCULO_ASSIGN_OR_RETURN(
                      SupplyDonationRow stored,
                      supplies.CorrectDonation(actor, facility_id, donation_id, correction));
                  return JsonReply(DonationToJson(stored));
                });

  router.Authed("GET", R"(/api/v1/facilities/(\d+)/allocations)",
                [&services](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
                  VINCULO_ASSIGN_OR_RETURN(long long facility_id, PathId(request, 1));
                  VINCULO_RETURN_IF_ERROR(KnownParams(request, {}));
                  SupplyService supplies(services.context);
                  VINCULO_ASSIGN_OR_RETURN(std::vector<SupplyAllocationRow> allocations,
                                           supplies.Allocations(actor, facility_id));
                  return ItemsReply(allocations, AllocationToJson);
                });

  router.Authed(
      "POST", R"(/api/v1/facilities/(\d+)/allocations)",
      [&services](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
        VINCULO_ASSIGN_OR_RETURN(long long facility_id, PathId(request, 1));
        VINCULO_ASSIGN_OR_RETURN(nlohmann::json body, JsonBody(request));
        VINCULO_RETURN_IF_ERROR(
            OnlyMembers(body, {"child_id", "item_id", "quantity", "allocated_on", "note"}));
        AllocationRequest allocation;
        VINCULO_ASSIGN_OR_RETURN(allocation.child_id, RequiredInteger(body, "child_id"));
        VINCULO_ASSIGN_OR_RETURN(allocation.item_id, RequiredInteger(body, "item_id"));
        VINCULO_ASSIGN_OR_RETURN(allocation.quantity, RequiredInteger(body, "quantity"));
        VINCULO_ASSIGN_OR_RETURN(allocation.allocated_on, OptionalString(body, "allocated_on"));
        VINCULO_ASSIGN_OR_RETURN(allocation.note, OptionalString(body, "note"));
        SupplyService supplies(services.context);
        VINCULO_ASSIGN_OR_RETURN(SupplyAllocationRow stored,
                                 supplies.Allocate(actor, facility_id, allocation));
        return JsonReply(AllocationToJson(stored), 201);
      });
}

}  // namespace vinculo::http_internal
