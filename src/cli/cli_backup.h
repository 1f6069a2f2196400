// `vinculo backup --out FILE` and `vinculo restore --file FILE` (store/backup.h):
// a consistent copy of the database while the server keeps serving, and its
// restore after checking the file whole. Kept out of cli.cc so the
// subcommand table there grows by one line.
#pragma once

#include <string>

namespace CLI {
class App;
}  // namespace CLI

namespace vinculo {

class BackupCommands {
 public:
  // Adds the subcommands to `app`; their --db option writes into `db`.
  void Add(CLI::App& app, std::string& db, const char* db_help);
  bool Chosen() const;
  // Runs the chosen subcommand; returns the exit code (cli/exit_codes.h).
  int Run(const std::string& db) const;

 private:
  CLI::App* backup_ = nullptr;
  CLI::App* restore_ = nullptr;
  std::string out_path_;
  std::string in_path_;
};

}  // namespace vinculo
