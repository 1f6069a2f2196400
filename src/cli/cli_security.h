// The security subcommands of `vinculo` (issue 13):
//   vinculo password --username U [--db ...]
// changes U's own password: standard input holds the current password on
// its first line and the new one on its second (never the command line).
// Every session of U ends. The same rules as the API (the password policy,
// the sign-in throttle of this process, the audit line).
//   vinculo audit verify [--db ...]
// walks the audit log's hash chain: exit 0 with the number of events when it
// is whole, 65 naming the first event edited, inserted or deleted otherwise.
// Kept out of cli.cc so the subcommand table there grows by one line.
#pragma once

#include <string>

namespace CLI {
class App;
}  // namespace CLI

namespace vinculo {

class SecurityCommands {
 public:
  // Adds the subcommands to `app`; their --db option writes into `db`.
  void Add(CLI::App& app, std::string& db, const char* db_help);
  // Whether one of these subcommands was chosen on the command line.
  bool Chosen() const;
  // Runs the chosen subcommand; returns the exit code (cli/exit_codes.h).
  int Run(const std::string& db) const;

 private:
  int ChangePassword(const std::string& db) const;
  int VerifyAudit(const std::string& db) const;

  CLI::App* password_ = nullptr;
  CLI::App* audit_verify_ = nullptr;
  std::string username_;
};

}  // namespace vinculo
