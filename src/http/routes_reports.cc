// The programme reports (issue 18): an organisation's monthly report as a
// file (PDF, XLSX or CSV), the same as `vinculo report`.
#include "http/operation.h"
#include "service/programme_report.h"

namespace vinculo::http_internal {
namespace {

using V = ValueType;

Result<Reply> MonthlyReport(Call& call) {
  VINCULO_ASSIGN_OR_RETURN(ReportFormat format, ParseReportFormat(call.QueryText("format")));
  ReportRequest request;
  request.organisation_id = call.id();
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
       .roles = {Role::kAdministrator, Role::kProgrammeCoordinator, Role::kAuditor},
       .query = {Required("month", V::kMonth, "The month, YYYY-MM."),
                 Required("format", V::kText, "pdf, xlsx or csv.").OneOf({"pdf", "xlsx", "csv"}),
                 Optional("lang", V::kText, "es or en (default: the caller's language).")
                     .OneOf({"es", "en"}),
                 Optional("small_cell_threshold", V::kInteger,
                          "Counts from 1 to this minus 1 are withheld (default 5; 1 withholds "
                          "nothing).")},
       .reply_type = "application/pdf, "
                     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, "
                     "text/csv",
       .errors = {404},
       .handler = MonthlyReport},
  };
}

}  // namespace vinculo::http_internal
