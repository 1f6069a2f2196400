// Routes of the prison nursery: the age-out board, a child's admission and
// co-residence extensions, pregnancies, and the 12-month forecast.
#include <charconv>

#include "http/router.h"
#include "json/nursery_json.h"
#include "json/record_json.h"
#include "service/nursery_service.h"

namespace vinculo::http_internal {
namespace {

// A whole number from `min_value` to `max_value`, or kInvalidArgument naming `name`.
Result<long long> WholeNumber(const std::string& text, const char* name, long long min_value,
                              long long max_value) {
  long long number = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (error != std::errc() || end != text.data() + text.size() || number < min_value ||
      number > max_value) {
    return InvalidArgument(name, "must be a whole number from " + std::to_string(min_value) +
                                     " to " + std::to_string(max_value));
  }
  return number;
}

// Refuses query parameters this route does not know, naming the first.
Status OnlyParams(const httplib::Request& request, std::initializer_list<std::string_view> known) {
  for (const auto& [name, value] : request.params) {
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      return InvalidArgument(name, "is not a parameter of this request");
    }
  }
  return Status::Ok();
}

Result<std::optional<long long>> FacilityParam(const httplib::Request& request) {
  if (!request.has_param("facility_id")) return std::optional<long long>();
  auto id = WholeNumber(request.get_param_value("facility_id"), "facility_id", 1,
                        std::numeric_limits<long long>::max());
  if (!id.ok()) return id.status();
  return std::optional<long long>(*id);
}

Result<std::string> RequiredString(const nlohmann::json& body, const char* name) {
  auto value = OptionalString(body, name);
  if (!value.ok()) return value.status();
  if (!*value) return InvalidArgument(name, "is required");
  return **value;
}

}  // namespace

void RegisterNurseryRoutes(Router& router) {
  Services& services = router.services();

  router.Authed(
      "GET", "/api/v1/nursery/ageouts",
      [&services](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
        VINCULO_RETURN_IF_ERROR(OnlyParams(request, {"facility_id", "within_days", "as_of"}));
        AgeOutQuery query;
        VINCULO_ASSIGN_OR_RETURN(query.facility_id, FacilityParam(request));
        if (request.has_param("within_days")) {
          VINCULO_ASSIGN_OR_RETURN(
              long long within,
              WholeNumber(request.get_param_value("within_days"), "within_days", 0, 36500));
          query.within_days = static_cast<int>(within);
        }
        if (request.has_param("as_of")) {
          VINCULO_ASSIGN_OR_RETURN(query.as_of,
                                   ParseDate(request.get_param_value("as_of"), "as_of"));
        }
        NurseryService nursery(services.context);
        VINCULO_ASSIGN_OR_RETURN(std::vector<AgeOutRow> board, nursery.AgeOutBoard(actor, query));
        return ItemsReply(board, AgeOutRowToJson);
      });

  router.Authed(
      "POST", R"(/api/v1/children/(\d+)/admission)",
      [&services](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
        VINCULO_ASSIGN_OR_RETURN(long long child_id, PathId(request, 1));
        VINCULO_ASSIGN_OR_RETURN(nlohmann::json body, JsonBody(request));
        VINCULO_RETURN_IF_ERROR(OnlyMembers(body, {"admitted_on", "review_date"}));
        AdmissionRequest admission;
        VINCULO_ASSIGN_OR_RETURN(admission.admitted_on, RequiredString(body, "admitted_on"));
        VINCULO_ASSIGN_OR_RETURN(admission.review_date, OptionalString(body, "review_date"));
        NurseryService nursery(services.context);
        VINCULO_ASSIGN_OR_RETURN(NurseryAdmission stored,
                                 nursery.RecordAdmission(actor, child_id, admission));
        return JsonReply(AdmissionToJson(stored));
      });

  router.Authed("POST", R"(/api/v1/children/(\d+)/extensions)",
                [&services](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
                  VINCULO_ASSIGN_OR_RETURN(long long child_id, PathId(request, 1));
                  VINCULO_ASSIGN_OR_RETURN(nlohmann::json body, JsonBody(request));
                  VINCULO_RETURN_IF_ERROR(OnlyMembers(body, {"reason", "new_age_out_date"}));
                  ExtensionRequest extension;
                  VINCULO_ASSIGN_OR_RETURN(std::optional<std::string> reason,
                                           OptionalString(body, "reason"));
                  extension.reason = reason.value_or("");
                  VINCULO_ASSIGN_OR_RETURN(extension.new_age_out_date,
                                           RequiredString(body, "new_age_out_date"));
                  NurseryService nursery(services.context);
                  VINCULO_ASSIGN_OR_RETURN(ExtensionRow stored,
                                           nursery.RequestExtension(actor, child_id, extension));
                  return JsonReply(ExtensionToJson(stored), 201);
                });

  router.Authed("POST", R"(/api/v1/extensions/(\d+)/decision)",
                [&services](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
                  VINCULO_ASSIGN_OR_RETURN(long long extension_id, PathId(request, 1));
                  VINCULO_ASSIGN_OR_RETURN(nlohmann::json body, JsonBody(request));
                  VINCULO_RETURN_IF_ERROR(OnlyMembers(body, {"decision", "note"}));
                  VINCULO_ASSIGN_OR_RETURN(std::string verdict, RequiredString(body, "decision"));
                  if (verdict != "approved" && verdict != "refused") {
                    return InvalidArgument("decision", "must be approved or refused");
                  }
                  ExtensionDecision decision;
                  decision.approve = verdict == "approved";
                  VINCULO_ASSIGN_OR_RETURN(std::optional<std::string> note,
                                           OptionalString(body, "note"));
                  decision.note = note.value_or("");
                  NurseryService nursery(services.context);
                  VINCULO_ASSIGN_OR_RETURN(ExtensionRow decided,
                                           nursery.DecideExtension(actor, extension_id, decision));
                  return JsonReply(ExtensionToJson(decided));
                });

  router.Authed(
      "GET", "/api/v1/nursery/forecast",
      [&services](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
        VINCULO_RETURN_IF_ERROR(OnlyParams(request, {"facility_id", "from", "months"}));
        ForecastQuery query;
        VINCULO_ASSIGN_OR_RETURN(query.facility_id, FacilityParam(request));
        query.from_month = services.context.Today();
        if (request.has_param("from")) {
          // "YYYY-MM": the first month of the forecast.
          VINCULO_ASSIGN_OR_RETURN(query.from_month,
                                   ParseDate(request.get_param_value("from") + "-01", "from"));
          if (request.get_param_value("from").size() != 7) {
            return InvalidArgument("from", "must be a month, YYYY-MM");
          }
        }
        if (request.has_param("months")) {
          VINCULO_ASSIGN_OR_RETURN(long long months,
                                   WholeNumber(request.get_param_value("months"), "months", 1, 36));
          query.months = static_cast<int>(months);
        }
        NurseryService nursery(services.context);
        VINCULO_ASSIGN_OR_RETURN(std::vector<ForecastMonth> forecast,
                                 nursery.Forecast(actor, query));
        return ItemsReply(forecast, ForecastMonthToJson);
      });

  router.Authed("POST", "/api/v1/pregnancies",
                [&services](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
                  VINCULO_ASSIGN_OR_RETURN(nlohmann::json body, JsonBody(request));
                  VINCULO_RETURN_IF_ERROR(OnlyMembers(body, {"parent_id", "due_date"}));
                  PregnancyRequest pregnancy;
                  VINCULO_ASSIGN_OR_RETURN(std::optional<long long> parent_id,
                                           OptionalInteger(body, "parent_id"));
                  if (!parent_id) return InvalidArgument("parent_id", "is required");
                  pregnancy.parent_id = *parent_id;
                  VINCULO_ASSIGN_OR_RETURN(pregnancy.due_date, RequiredString(body, "due_date"));
                  NurseryService nursery(services.context);
                  VINCULO_ASSIGN_OR_RETURN(PregnancyRow stored,
                                           nursery.RegisterPregnancy(actor, pregnancy));
                  return JsonReply(PregnancyToJson(stored), 201);
                });
}

}  // namespace vinculo::http_internal
