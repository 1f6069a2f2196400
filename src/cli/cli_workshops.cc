#include "cli/cli_workshops.h"

#include <iomanip>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/exit_codes.h"
#include "json/workshop_json.h"
#include "service/workshop_service.h"

namespace vinculo {
namespace {

int Fail(const Status& status) {
  std::cerr << "vinculo: " << status.ToString() << "\n";
  return ExitCodeFor(status.code());
}

int Calendar(const WorkshopCommands& commands) {
  SessionQuery query;
  query.facility_id = commands.facility_id;
  auto from = ParseDate(commands.from, "from");
  if (!from.ok()) return Fail(from.status());
  auto to = ParseDate(commands.to, "to");
  if (!to.ok()) return Fail(to.status());
  query.from = *from;
  query.to = *to;
  auto store = Store::Open(commands.db, 1);
  if (!store.ok()) return Fail(store.status());
  auto version = (*store)->SchemaVersion();
  if (!version.ok()) return Fail(version.status());
  if (*version < Store::LatestSchemaVersion()) {
    return Fail(Status(StatusCode::kConflict,
                       "the database schema is not current; run: vinculo "
                       "migrate --db " +
                           commands.db));
  }
  SystemClock clock;
  AuditLog audit(**store);
  ServiceContext context{store->get(), &clock, &audit};
  WorkshopService workshops(context);
  // The operator of the machine acts as the installation's administrator.
  auto sessions = workshops.Sessions(Actor::System(), query);
  if (!sessions.ok()) return Fail(sessions.status());
  if (commands.as_json) {
    nlohmann::json rows = nlohmann::json::array();
    for (const SessionView& session : *sessions) rows.push_back(SessionToJson(session));
    std::cout << rows.dump(2) << "\n";
    return kExitOk;
  }
  std::cout << std::left << std::setw(12) << "date" << std::setw(14) << "time" << std::setw(8)
            << "cohort" << std::setw(8) << "group" << std::setw(6) << "no."
            << "topic\n";
  for (const SessionView& view : *sessions) {
    const WorkshopSessionRow& session = view.session;
    std::cout << std::left << std::setw(12) << session.session_date << std::setw(14)
              << (ClockText(session.start_minute) + "-" + ClockText(session.end_minute))
              << std::setw(8) << session.cohort_id << std::setw(8) << view.group_kind
              << std::setw(6) << session.position << view.topic_es << "\n";
  }
  std::cout << sessions->size() << " workshop sessions.\n";
  return kExitOk;
}

}  // namespace

void AddWorkshopCommands(CLI::App& app, WorkshopCommands& commands, const std::string& default_db,
                         const char* db_help) {
  commands.db = default_db;
  commands.workshops = app.add_subcommand("workshops", "Parenting workshops in prison");
  commands.workshops->require_subcommand(1);
  commands.calendar = commands.workshops->add_subcommand(
      "calendar", "List a facility's workshop sessions between two dates");
  commands.calendar->add_option("--db", commands.db, db_help);
  commands.calendar->add_option("--facility", commands.facility_id, "Facility id")->required();
  commands.calendar->add_option("--from", commands.from, "First day, YYYY-MM-DD")->required();
  commands.calendar->add_option("--to", commands.to, "Last day, YYYY-MM-DD")->required();
  commands.calendar->add_flag("--json", commands.as_json, "Print a JSON array instead of a table");
}

int RunWorkshopCommands(const WorkshopCommands& commands) {
  if (commands.calendar && *commands.calendar) return Calendar(commands);
  return kExitUsage;
}

}  // namespace vinculo
