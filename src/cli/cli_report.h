// `vinculo report`: an organisation's monthly programme report (--org), a
// facility's monthly report (--facility), both as PDF, XLSX or CSV, or a
// jurisdiction's open data (--jurisdiction, CSV) (service/programme_report.h), as the operator of
// the machine (the installation's administrator). The file appears whole or
// not at all: it is written beside --out under a temporary name and renamed.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace vinculo {

class ReportCommands {
 public:
  // Adds the subcommand to `app`; its --db option writes into `db`.
  void Add(CLI::App& app, std::string& db, const char* db_help);
  bool Chosen() const;
  // Runs it; returns the exit code (cli/exit_codes.h).
  int Run(const std::string& db) const;

 private:
  CLI::App* report_ = nullptr;
  long long organisation_id_ = 0;
  long long facility_id_ = 0;
  long long jurisdiction_id_ = 0;
  std::string month_;
  std::string format_;
  std::string out_;
  std::string language_ = "es";
  long long small_cell_threshold_ = 5;
};

}  // namespace vinculo
