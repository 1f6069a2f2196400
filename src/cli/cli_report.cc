#include "cli/cli_report.h"

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <iostream>

#include "cli/exit_codes.h"
#include "cli/open_store.h"
#include "cli/output_file.h"
#include "service/figures.h"
#include "service/programme_report.h"

namespace vinculo {
namespace {

int Fail(const Status& status) {
  std::cerr << "vinculo: " << status.ToString() << "\n";
  return ExitCodeFor(status.code());
}

}  // namespace

void ReportCommands::Add(CLI::App& app, std::string& db, const char* db_help) {
  report_ = app.add_subcommand(
      "report",
      "Write an organisation's monthly programme report (outcome measures, activity, charts) "
      "as PDF, XLSX or CSV; anonymised, small counts withheld");
  report_->add_option("--db", db, db_help);
  CLI::Option* organisation =
      report_->add_option("--org", organisation_id_, "The organisation id (programme report)");
  CLI::Option* facility =
      report_->add_option("--facility", facility_id_, "The facility id (facility report)");
  CLI::Option* jurisdiction = report_->add_option(
      "--jurisdiction", jurisdiction_id_,
      "The jurisdiction id (open data: every facility's month as CSV, small cells withheld)");
  organisation->excludes(facility)->excludes(jurisdiction);
  facility->excludes(organisation)->excludes(jurisdiction);
  jurisdiction->excludes(organisation)->excludes(facility);
  report_->add_option("--month", month_, "The month, YYYY-MM (not after the current month)")
      ->required();
  report_->add_option("--format", format_, "pdf, xlsx or csv")->required();
  report_->add_option("--out", out_, "The file to write (replaced whole, or left untouched)")
      ->required();
  report_->add_option("--lang", language_, "es or en")->capture_default_str();
  report_
      ->add_option("--small-cell-threshold", small_cell_threshold_,
                   "Counts from 1 to this minus 1 are withheld; 1 withholds nothing")
      ->capture_default_str();
}

bool ReportCommands::Chosen() const { return report_ && report_->parsed(); }

int ReportCommands::Run(const std::string& db) const {
  // The request is checked before the database is opened, so a bad
  // argument fails the same way whatever the database.
  auto format = ParseReportFormat(format_);
  if (!format.ok()) return Fail(format.status());
  if (facility_id_ == 0 && jurisdiction_id_ == 0 && organisation_id_ < 1) {
    return Fail(InvalidArgument(
        "org", "give --org, --facility or --jurisdiction: an id, a whole number from 1"));
  }
  if (jurisdiction_id_ != 0 && *format == ReportFormat::kPdf) {
    return Fail(InvalidArgument("format", "open data (--jurisdiction) is csv or xlsx"));
  }
  if (facility_id_ < 0) {
    return Fail(InvalidArgument("facility", "must be a facility id (a whole number from 1)"));
  }
  auto store = OpenReady(db, 1);
  if (!store.ok()) return Fail(store.status());
  SystemClock clock;
  AuditLog audit(**store);
  ServiceContext context{store->get(), &clock, &audit};
  ReportRequest request;
  request.organisation_id = organisation_id_;
  request.facility_id = facility_id_;
  request.month = month_;
  request.language = language_;
  request.small_cell_threshold = small_cell_threshold_;
  Result<std::string> bytes = std::string();
  if (jurisdiction_id_ != 0) {
    if (*format == ReportFormat::kXlsx) {
      auto sheet = ReportService(context).OpenDataSheet(Actor::System(), jurisdiction_id_, request);
      bytes = sheet.ok() ? SheetToXlsx(*sheet) : Result<std::string>(sheet.status());
    } else {
      bytes = ReportService(context).OpenDataCsv(Actor::System(), jurisdiction_id_, request);
    }
  } else if (auto file = ReportService(context).MonthlyFile(Actor::System(), request, *format);
             file.ok()) {
    bytes = std::move(file->bytes);
  } else {
    bytes = file.status();
  }
  audit.Flush();
  if (!bytes.ok()) return Fail(bytes.status());
  if (Status written = WriteFileWhole(out_, *bytes, "out"); !written.ok()) return Fail(written);
  std::cerr << "vinculo: wrote " << out_ << " (" << bytes->size() << " bytes)\n";
  return kExitOk;
}

}  // namespace vinculo
