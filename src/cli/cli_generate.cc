#include "cli/cli_generate.h"

#include <CLI/CLI.hpp>
#include <chrono>
#include <iomanip>
#include <iostream>

#include "cli/exit_codes.h"
#include "service/audit_log.h"
#include "service/record_service.h"
#include "service/rule_set.h"
#include "service/synthetic_dataset.h"

namespace vinculo {
namespace {

int Fail(const Status& status) {
  std::cerr << "vinculo: " << status.ToString() << "\n";
  return ExitCodeFor(status.code());
}

}  // namespace

std::unique_ptr<GenerateCommand> AddGenerateCommand(CLI::App& app, std::string& db) {
  auto command = std::make_unique<GenerateCommand>();
  command->db_ = &db;
  CLI::App* generate = app.add_subcommand(
      "generate",
      "Create a synthetic dataset (generated names, five years of history) for benchmarks: "
      "the same scale, seed and as-of date give the same data");
  generate->add_option("--db", db, "SQLite file path or PostgreSQL connection string");
  generate
      ->add_option("--scale", command->scale_,
                   "village (500 children), region (25,000) or national (250,000 children, "
                   "150,000 parents, 500 prisons)")
      ->required();
  generate->add_option("--seed", command->seed_, "Seed of every draw")->capture_default_str();
  generate->add_option("--as-of", command->as_of_,
                       "Last day of the history, YYYY-MM-DD (default: today)");
  generate->add_flag("--force", command->force_,
                     "Add to a database that already holds records (new ids follow its own)");
  command->generate_ = generate;
  return command;
}

std::optional<int> GenerateCommand::RunIfChosen() {
  if (!generate_ || !*generate_) return std::nullopt;
  DatasetOptions options;
  auto scale = ParseDatasetScale(scale_);
  if (!scale.ok()) return Fail(scale.status());
  options.scale = *scale;
  options.seed = seed_;
  options.force = force_;
  options.as_of = UtcDate(std::chrono::system_clock::now());
  if (!as_of_.empty()) {
    auto as_of = ParseDate(as_of_, "as-of");
    if (!as_of.ok()) return Fail(as_of.status());
    options.as_of = *as_of;
  }
  const auto started = std::chrono::steady_clock::now();
  auto store = Store::Open(*db_, 1);
  if (!store.ok()) return Fail(store.status());
  auto migrated = (*store)->Migrate();
  if (!migrated.ok()) return Fail(migrated.status());
  {
    // The rules as `vinculo init` loads them, stamped with the as-of date so
    // that their rows and audit lines are the same on every run.
    FixedClock clock(StartOfDayUtc(options.as_of));
    AuditLog audit(**store);
    RecordService records(ServiceContext{store->get(), &clock, &audit});
    auto csv = DefaultRuleSetCsv();
    if (!csv.ok()) return Fail(csv.status());
    auto rules = LoadCoresidenceRules(records, Actor::System(), *csv);
    if (!rules.ok()) return Fail(rules.status());
    Status flushed = audit.Flush();
    if (!flushed.ok()) return Fail(flushed);
  }
  auto report = GenerateDataset(**store, options);
  if (!report.ok()) {
    std::cerr << "vinculo: nothing was generated.\n";
    return Fail(report.status());
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  for (const DatasetReport::Table& table : report->tables) {
    std::cout << std::left << std::setw(28) << table.name << std::right << std::setw(10)
              << table.rows << std::fixed << std::setprecision(2) << std::setw(8) << table.seconds
              << " s\n";
  }
  std::cout << "Generated the " << scale_ << " dataset (seed " << seed_ << ", as of "
            << FormatDate(options.as_of) << ") in " << *db_ << ": " << report->total_rows
            << " rows in " << std::fixed << std::setprecision(1) << seconds
            << " s; largest organisation: " << report->largest_organisation_id
            << ". Accounts have no password: add your own with vinculo user add.\n";
  return kExitOk;
}

}  // namespace vinculo
