// The `vinculo workshops` subcommands: `calendar` lists a facility's workshop
// sessions between two dates, as a table or as JSON (the same fields as the
// API's GET /api/v1/workshops/sessions). Added to the command table by
// AddWorkshopCommands before parsing; run by RunWorkshopCommands after.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace vinculo {

struct WorkshopCommands {
  CLI::App* workshops = nullptr;
  CLI::App* calendar = nullptr;
  std::string db;
  long long facility_id = 0;
  std::string from;
  std::string to;
  bool as_json = false;
};

// Registers the subcommands; `default_db` is the --db default.
void AddWorkshopCommands(CLI::App& app, WorkshopCommands& commands, const std::string& default_db,
                         const char* db_help);
// The exit code of the subcommand that was given (cli/exit_codes.h).
int RunWorkshopCommands(const WorkshopCommands& commands);

}  // namespace vinculo
