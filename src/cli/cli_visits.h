// The visit programme's subcommands of `vinculo` (issue 4):
//   vinculo plan --db DB --org ORG --month YYYY-MM [--json] [--time-limit S]
// builds, solves and stores the month's draft plan as the installation's
// administrator and prints it (a summary table, or the plan as JSON).
// AddVisitCommands registers the options before parsing; the returned
// runner executes whichever was chosen after parsing.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace CLI {
class App;
}  // namespace CLI

namespace vinculo {

class VisitCommands {
 public:
  // The exit code when one of the visit subcommands was chosen; nullopt otherwise.
  std::optional<int> RunIfChosen();

 private:
  friend std::unique_ptr<VisitCommands> AddVisitCommands(CLI::App& app, std::string& db);
  std::string* db_ = nullptr;
  CLI::App* plan_ = nullptr;
  long long organisation_id_ = 0;
  std::string month_;
  bool as_json_ = false;
  double time_limit_seconds_ = 20;
};

std::unique_ptr<VisitCommands> AddVisitCommands(CLI::App& app, std::string& db);

}  // namespace vinculo
