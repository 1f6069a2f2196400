#include "cli/cli_visits.h"

#include <CLI/CLI.hpp>
#include <iomanip>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/exit_codes.h"
#include "json/visit_json.h"
#include "service/visit_service.h"

namespace vinculo {
namespace {

int Fail(const Status& status) {
  std::cerr << "vinculo: " << status.ToString() << "\n";
  return ExitCodeFor(status.code());
}

}  // namespace

std::unique_ptr<VisitCommands> AddVisitCommands(CLI::App& app, std::string& db) {
  auto commands = std::make_unique<VisitCommands>();
  commands->db_ = &db;
  CLI::App* plan = app.add_subcommand(
      "plan", "Build, solve and store an organisation's visit plan for a month (a draft)");
  plan->add_option("--db", db, "SQLite file path or PostgreSQL connection string");
  plan->add_option("--org", commands->organisation_id_, "Organisation id")->required();
  plan->add_option("--month", commands->month_, "Month, YYYY-MM")->required();
  plan->add_flag("--json", commands->as_json_, "Print the plan as JSON");
  plan->add_option("--time-limit", commands->time_limit_seconds_, "Solver time limit in seconds")
      ->capture_default_str()
      ->check(CLI::Range(0.1, 600.0));
  commands->plan_ = plan;
  return commands;
}

std::optional<int> VisitCommands::RunIfChosen() {
  if (!plan_ || !*plan_) return std::nullopt;
  auto store = Store::Open(*db_, 1);
  if (!store.ok()) return Fail(store.status());
  auto version = (*store)->SchemaVersion();
  if (!version.ok()) return Fail(version.status());
  if (*version < Store::LatestSchemaVersion()) {
    return Fail(Status(StatusCode::kConflict, "the database schema is at version " +
                                                  std::to_string(*version) +
                                                  "; run: vinculo migrate --db " + *db_));
  }
  SystemClock clock;
  AuditLog audit(**store);
  ServiceContext context{store->get(), &clock, &audit};
  VisitOptions options;
  options.time_limit_seconds = time_limit_seconds_;
  VisitService visits(context, options);
  auto plan = visits.BuildPlan(Actor::System(), organisation_id_, month_);
  if (!plan.ok()) return Fail(plan.status());
  if (as_json_) {
    std::cout << PlanToJson(*plan).dump(2) << "\n";
    return kExitOk;
  }
  const PlanRow& row = plan->plan;
  std::cout << "plan " << row.id << " (" << VisitPlanStatusName(row.status) << ") for organisation "
            << row.organisation_id << ", " << row.month << "\n";
  std::cout << std::fixed << std::setprecision(2) << "  visits " << plan->visits.size()
            << ", trips " << plan->trips.size() << ", unscheduled " << plan->unscheduled.size()
            << ", coverage " << row.coverage << " (bound " << row.bound << ", gap " << row.gap * 100
            << "%), travel cost " << row.travel_cost << "\n";
  std::cout << "  first-come baseline: visits " << row.baseline_visits << ", trips "
            << row.baseline_trips << ", coverage " << row.baseline_coverage << ", travel cost "
            << row.baseline_travel_cost << "\n";
  std::cout << "  trips saved against first-come: " << plan->trips_saved << "\n";
  for (const auto& [kind, groups] :
       {std::pair{"home", &plan->by_home}, std::pair{"facility", &plan->by_facility}}) {
    for (const PlanGroupFigures& figures : *groups) {
      std::cout << "  " << kind << " "
                << (figures.id == 0 ? std::string("(none)") : std::to_string(figures.id)) << ": "
                << figures.visits << " visits, " << figures.visited.size() << " pairs visited, "
                << figures.short_of_frequency.size() << " short of their frequency, "
                << figures.waiting.size() << " waiting\n";
    }
  }
  for (const PlanUnscheduledRow& left : plan->unscheduled) {
    std::cout << "  unscheduled: child " << left.child_id << " / parent " << left.parent_id << ": "
              << left.reason << (left.detail.empty() ? "" : " (" + left.detail + ")") << "\n";
  }
  for (const PlanUnscheduledRow& left : plan->short_of_frequency) {
    std::cout << "  short: child " << left.child_id << " / parent " << left.parent_id << ": "
              << left.reason << " (" << left.detail << ")\n";
  }
  for (const std::string& note : plan->notes) std::cout << "  note: " << note << "\n";
  return kExitOk;
}

}  // namespace vinculo
