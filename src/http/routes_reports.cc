// The reports (issue 18): an organisation's monthly programme report and a
// facility's monthly report as a file (PDF, XLSX or CSV), the same as
// `vinculo report --org` and `--facility`.
#include "http/operation.h"
#include "service/programme_report.h"

namespace vinculo::http_internal {
namespace {

using V = ValueType;

// The organisation's report, or the facility's when `facility` is set.
Result<Reply> MonthlyReport(Call& call, bool facility) {
  VINCULO_ASSIGN_OR_RETURN(ReportFormat format, ParseReportFormat(call.QueryText("format")));
  ReportRequest request;
  (facility ? request.facility_id : request.organisation_id) = call.id();
  request.month = call.QueryText("month");
  // The caller's own language unless she asks for the other one.
  request.language = call.HasQuery("lang")          ? call.QueryText("lang")
                     : call.user().language == "en" ? "en"
                                                    : "es";
  if (auto threshold = call.QueryInteger("small_cell_threshold")) {
    request.small_cell_threshold = *threshold;
  }
  VINCULO_ASSIGN_OR_RETURN(
      ReportFile file,
      ReportService(call.services.context).MonthlyFile(call.user(), request, format));
  Reply reply = RawReply(std::move(file.bytes), file.content_type);
  reply.headers.push_back(
      {"Content-Disposition", "attachment; filename=\"" + file.file_name + "\""});
  return reply;
}

// Both reports' query parameters and media types.
std::vector<Field> MonthlyReportQuery() {
  return {
      Required("month", V::kMonth, "The month, YYYY-MM."),
      Required("format", V::kText, "pdf, xlsx or csv.").OneOf({"pdf", "xlsx", "csv"}),
      Optional("lang", V::kText, "es or en (default: the caller's language).").OneOf({"es", "en"}),
      Optional("small_cell_threshold", V::kInteger,
               "Counts from 1 to this minus 1 are withheld (default 5; 1 withholds "
               "nothing).")};
}
constexpr const char* kReportTypes =
    "application/pdf, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, "
    "text/csv";

}  // namespace

std::vector<Operation> ReportOperations() {
  return {
      {.method = "GET",
       .path = "/api/v1/organisations/{id}/reports/monthly",
       .operation_id = "getMonthlyReport",
       .tag = "Reports",
       .summary = "An organisation's monthly programme report (PDF, XLSX or CSV)",
       .description =
           "The outcome measures (docs/reports.md: numerator, denominator, period), the month's "
           "activity and the six months to it, as a file to download. Anonymised: counts only, "
           "never a name; counts from 1 to small_cell_threshold - 1 (default 5; auditors never "
           "below 5) are withheld with every share or mean built on them. 422 naming month for "
           "a month after the current one (code date_in_future) and naming format for an unknown "
           "format; an organisation the caller cannot see answers 404.",
       .roles = RolesWith(Permission::kReadProgrammeReport),
       .query = MonthlyReportQuery(),
       .reply_type = kReportTypes,
       .errors = {404},
       .handler = [](Call& call) { return MonthlyReport(call, false); }},
      {.method = "GET",
       .path = "/api/v1/facilities/{id}/reports/monthly",
       .operation_id = "getFacilityMonthlyReport",
       .tag = "Reports",
       .summary = "A facility's monthly report (PDF, XLSX or CSV)",
       .description =
           "Official capacity against population, parents on record and children living "
           "inside, visits received from every organisation (attended, missed, children who "
           "visited) and workshop sessions and places in the month, with the six months of "
           "visits and moods to it. Anonymised like the programme report; capacity, population "
           "and sessions are not counts of people and are never withheld. A facility the caller "
           "does not act for (installation-wide, attached to it, or of the organisation that "
           "runs it) answers 404.",
       .roles = RolesWith(Permission::kReadFacilityReport),
       .query = MonthlyReportQuery(),
       .reply_type = kReportTypes,
       .errors = {404},
       .handler = [](Call& call) { return MonthlyReport(call, true); }},
      {.method = "GET",
       .path = "/api/v1/jurisdictions/{id}/open-data",
       .operation_id = "getJurisdictionOpenData",
       .tag = "Reports",
       .summary = "A jurisdiction's open data for a month (CSV)",
       .description =
           "One line per facility of the jurisdiction with the facility report's figures for "
           "the month, then the jurisdiction's total; counts of people from 1 to "
           "small_cell_threshold - 1 are withheld (empty), the threshold never below 5. UTF-8 "
           "with a byte order mark (format=xlsx: the same cells as a workbook). 404 naming "
           "jurisdiction_id for an unknown one.",
       .roles = RolesWith(Permission::kExportOpenData),
       .query = {Required("month", V::kMonth, "The month, YYYY-MM."),
                 Optional("small_cell_threshold", V::kInteger,
                          "Counts from 1 to this minus 1 are withheld (never below 5)."),
                 Optional("format", V::kText, "csv (default) or xlsx.").OneOf({"csv", "xlsx"})},
       .reply_type = "text/csv, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
       .errors = {404},
       .handler = [](Call& call) -> Result<Reply> {
         ReportRequest request;
         request.month = call.QueryText("month");
         if (auto threshold = call.QueryInteger("small_cell_threshold")) {
           request.small_cell_threshold = *threshold;
         }
         if (call.QueryText("format") == "xlsx") {
           VINCULO_ASSIGN_OR_RETURN(
               Sheet sheet,
               ReportService(call.services.context).OpenDataSheet(call.user(), call.id(), request));
           return SheetReply(call, sheet,
                             "open-data-" + request.month + "-" + std::to_string(call.id()));
         }
         VINCULO_ASSIGN_OR_RETURN(
             std::string csv,
             ReportService(call.services.context).OpenDataCsv(call.user(), call.id(), request));
         Reply reply = RawReply(std::move(csv), "text/csv; charset=utf-8");
         reply.headers.push_back({"Content-Disposition", "attachment; filename=\"open-data-" +
                                                             request.month + "-" +
                                                             std::to_string(call.id()) + ".csv\""});
         return reply;
       }},
  };
}

}  // namespace vinculo::http_internal
