// The nursery supply subcommands of `vinculo`:
//   vinculo needs --facility F [--as-of YYYY-MM-DD] [--json] [--db ...]
// prints what the children living inside facility F need on the date and a
// month later, per catalogue item: children, needed, already given (durable),
// in stock and the shortfall. Run as the machine's operator (the system).
// Kept out of cli.cc so the subcommand table there grows by one line.
#pragma once

#include <string>

namespace CLI {
class App;
}  // namespace CLI

namespace vinculo {

class SupplyCommands {
 public:
  // Adds the subcommands to `app`; their --db option writes into `db`.
  void Add(CLI::App& app, std::string& db, const char* db_help);
  // Whether one of these subcommands was chosen on the command line.
  bool Chosen() const;
  // Runs the chosen subcommand; returns the exit code (cli/exit_codes.h).
  int Run(const std::string& db) const;

 private:
  CLI::App* needs_ = nullptr;
  long long facility_id_ = 0;
  std::string as_of_;
  bool json_ = false;
};

}  // namespace vinculo
