#include "cli/cli_supplies.h"

#include <CLI/CLI.hpp>
#include <iomanip>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/exit_codes.h"
#include "json/supply_json.h"
#include "service/supply_service.h"

namespace vinculo {
namespace {

int Fail(const Status& status) {
  std::cerr << "vinculo: " << status.ToString() << "\n";
  return ExitCodeFor(status.code());
}

void PrintPeriod(const NeedsOnDate& period) {
  std::cout << "On " << period.date << " (" << period.children << " children):\n"
            << std::left << std::setw(18) << "item" << std::right << std::setw(10) << "children"
            << std::setw(10) << "needed" << std::setw(10) << "given" << std::setw(10) << "in stock"
            << std::setw(11) << "shortfall"
            << "  unit\n";
  for (const ItemNeed& need : period.items) {
    std::cout << std::left << std::setw(18) << need.item.code << std::right << std::setw(10)
              << need.children << std::setw(10) << need.needed << std::setw(10) << need.allocated
              << std::setw(10) << need.in_stock << std::setw(11) << need.shortfall << "  "
              << need.item.unit << (need.item.kind == "monthly" ? " per month" : "") << "\n";
  }
}

}  // namespace

void SupplyCommands::Add(CLI::App& app, std::string& db, const char* db_help) {
  needs_ = app.add_subcommand(
      "needs",
      "What the children living inside a facility need now and next month, with stock "
      "and shortfall");
  needs_->add_option("--db", db, db_help);
  needs_->add_option("--facility", facility_id_, "The facility id")
      ->required()
      ->check(CLI::PositiveNumber);
  needs_->add_option("--as-of", as_of_, "The date, YYYY-MM-DD (default: today, UTC)");
  needs_->add_flag("--json", json_, "Print JSON instead of a table");
}

bool SupplyCommands::Chosen() const { return needs_ && needs_->parsed(); }

int SupplyCommands::Run(const std::string& db) const {
  std::optional<Date> as_of;
  if (!as_of_.empty()) {
    auto parsed = ParseDate(as_of_, "as-of");
    if (!parsed.ok()) return Fail(parsed.status());
    as_of = *parsed;
  }
  auto store = Store::Open(db, 1);
  if (!store.ok()) return Fail(store.status());
  auto version = (*store)->SchemaVersion();
  if (!version.ok()) return Fail(version.status());
  if (*version < Store::LatestSchemaVersion()) {
    return Fail(Status(StatusCode::kConflict, "the database schema is at version " +
                                                  std::to_string(*version) +
                                                  "; run: vinculo init (or migrate) --db " + db));
  }
  SystemClock clock;
  AuditLog audit(**store);
  ServiceContext context{store->get(), &clock, &audit};
  SupplyService supplies(context);
  auto needs = supplies.Needs(Actor::System(), facility_id_, as_of);
  audit.Flush();
  if (!needs.ok()) return Fail(needs.status());
  if (json_) {
    std::cout << FacilityNeedsToJson(*needs).dump(2) << "\n";
    return kExitOk;
  }
  std::cout << needs->facility << " (facility " << needs->facility_id << "), "
            << needs->children_inside << " children living inside.\n";
  PrintPeriod(needs->now);
  PrintPeriod(needs->next_month);
  return kExitOk;
}

}  // namespace vinculo
