#include "cli/cli_backup.h"

#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/exit_codes.h"
#include "store/backup.h"
#include "store/store.h"

namespace vinculo {
namespace {

int Fail(const Status& status) {
  std::cerr << "vinculo: " << status.ToString() << "\n";
  return ExitCodeFor(status.code());
}

}  // namespace

void BackupCommands::Add(CLI::App& app, std::string& db, const char* db_help) {
  backup_ = app.add_subcommand(
      "backup",
      "Copy the database to a file while it is in use (SQLite's online backup, or pg_dump)");
  backup_->add_option("--db", db, db_help);
  backup_->add_option("--out", out_path_, "The backup file to write")->required();
  restore_ = app.add_subcommand(
      "restore",
      "Replace the database by a backup, after checking the file is whole and not from a newer "
      "schema; stop the server first");
  restore_->add_option("--db", db, db_help);
  restore_->add_option("--file", in_path_, "The backup file to read")
      ->required()
      ->check(CLI::ExistingFile);
}

bool BackupCommands::Chosen() const {
  return (backup_ && backup_->parsed()) || (restore_ && restore_->parsed());
}

int BackupCommands::Run(const std::string& db) const {
  if (backup_->parsed()) {
    auto report = BackupDatabase(db, out_path_);
    if (!report.ok()) return Fail(report.status());
    std::cout << "Backed up " << db << " to " << out_path_ << " (schema version "
              << report->schema_version << ", " << report->bytes << " bytes).\n";
    return kExitOk;
  }
  auto report = RestoreDatabase(db, in_path_, Store::LatestSchemaVersion());
  if (!report.ok()) {
    std::cerr << "vinculo: nothing was restored.\n";
    return Fail(report.status());
  }
  std::cout << "Restored " << in_path_ << " into " << db << " (schema version "
            << report->schema_version << ")";
  if (report->schema_version < Store::LatestSchemaVersion()) {
    std::cout << "; run: vinculo migrate --db " << db;
  }
  std::cout << ".\n";
  return kExitOk;
}

}  // namespace vinculo
