// The monthly programme report (issue 18): an organisation's outcome
// measures (domain/outcome_measures.h) and activity counts for one month,
// with the six months up to it for the charts, as figures and as a file a
// coordinator can send to a funder: PDF (tables and charts, Spanish or
// English), XLSX or CSV.
//
// Anonymised by default: counts only, never a name, and every count of
// children, visits or places from 1 to small_cell_threshold - 1 withheld
// (the small-cell rule of figures.h; 5 unless asked otherwise, never below 5
// for auditors), with every share or mean built on a withheld count.
// Who may ask: administrators, programme coordinators and auditors; an
// organisation they cannot see (another one, when they are bound to one)
// reads as not found. Thread-safe (no state beyond the context).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/outcome_measures.h"
#include "service/context.h"
#include "service/spreadsheet.h"

namespace vinculo {

enum class ReportFormat { kPdf, kXlsx, kCsv };
// "pdf" | "xlsx" | "csv"; kInvalidArgument naming `format` otherwise.
Result<ReportFormat> ParseReportFormat(const std::string& text);

struct ReportRequest {
  long long organisation_id = 0;       // the programme report's organisation
  long long facility_id = 0;           // or, for the facility report, the facility
  std::string month;                   // YYYY-MM, not after the current month
  std::string language = "es";         // es | en
  long long small_cell_threshold = 5;  // counts below it (and above 0) are withheld; >= 1
};

struct ReportMeasure {
  const MeasureDefinition* definition = nullptr;
  std::optional<double> numerator;  // absent when withheld
  std::optional<long long> denominator;
  std::optional<double> value;  // absent when withheld or the denominator is 0
};

// A count of the month's activity (children, visits, trips, places) or an
// amount (kilometres, cost); absent when withheld.
struct ReportCount {
  std::string code;
  std::string label;  // in the report's language
  std::optional<double> value;
  bool amount = false;  // kilometres or money, shown with decimals
};

// One month of the charts.
struct ReportTrendPoint {
  std::string month;  // YYYY-MM
  std::optional<long long> visits_attended;
  std::optional<long long> visits_scored;
  std::optional<double> mood_before;
  std::optional<double> mood_after;
};

// A programme report is an organisation's; a facility report a prison's
// (capacity against population, children inside, visits received, workshops).
enum class ReportSubject { kOrganisation, kFacility };

struct ProgrammeReport {
  ReportSubject subject = ReportSubject::kOrganisation;
  long long organisation_id = 0;  // the organisation's or the facility's id
  std::string organisation;       // its name
  std::string month;
  std::string language;
  std::string generated_at;
  bool month_in_progress = false;  // the current month: figures so far
  long long small_cell_threshold = 5;
  std::vector<ReportMeasure> measures;  // OutcomeMeasures() order; none in a facility report
  std::vector<ReportCount> activity;
  std::vector<ReportTrendPoint> trend;  // the six months to `month`, oldest first
};

struct ReportFile {
  std::string bytes;
  std::string content_type;
  std::string file_name;  // "informe-2026-11-org-3.pdf"
};

class ReportService {
 public:
  explicit ReportService(ServiceContext context) : context_(context) {}

  // kForbidden for other roles; kInvalidArgument naming month (not YYYY-MM,
  // or after the current month: reason date_in_future), lang or
  // small_cell_threshold; kNotFound naming organisation_id for an
  // organisation that does not exist or that the actor cannot see. Records
  // one audit event ("report", organisations, id).
  Result<ProgrammeReport> Monthly(const Actor& actor, const ReportRequest& request);
  // A facility's month (request.facility_id): official capacity, population,
  // occupancy, parents and children inside, visits received from every
  // organisation, workshop sessions and places. Administrators, coordinators,
  // visits and nursery officers and auditors; a facility the actor does not
  // act for (MayActForFacility: installation-wide, attached to it, or of the
  // organisation that runs it) reads as not found, naming facility_id. The
  // same checks of month, lang and small_cell_threshold as Monthly.
  Result<ProgrammeReport> FacilityMonthly(const Actor& actor, const ReportRequest& request);
  // Open data: one CSV line (UTF-8 with a byte order mark) per facility of a
  // jurisdiction with the facility report's figures for the month, then the
  // jurisdiction's total; counts of people from 1 to the threshold - 1
  // withheld (empty), the threshold never below 5 whoever asks.
  // Administrators and auditors; kNotFound naming jurisdiction_id.
  Result<std::string> OpenDataCsv(const Actor& actor, long long jurisdiction_id,
                                  const ReportRequest& request);
  // The same open data as a sheet (service/spreadsheet.h), for its XLSX.
  Result<Sheet> OpenDataSheet(const Actor& actor, long long jurisdiction_id,
                              const ReportRequest& request);
  // Either report as a file (the facility's when request.facility_id is
  // set); nothing is written anywhere on error.
  Result<ReportFile> MonthlyFile(const Actor& actor, const ReportRequest& request,
                                 ReportFormat format);

 private:
  ServiceContext context_;
};

// The writers, pure (no store): exposed for tests.
Result<std::string> RenderReportPdf(const ProgrammeReport& report);
Result<std::string> RenderReportXlsx(const ProgrammeReport& report);
std::string RenderReportCsv(const ProgrammeReport& report);

}  // namespace vinculo
