#include "cli/cli_security.h"

#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/exit_codes.h"
#include "cli/open_store.h"
#include "service/auth_service.h"

namespace vinculo {
namespace {

int Fail(const Status& status) {
  std::cerr << "vinculo: " << status.ToString() << "\n";
  return ExitCodeFor(status.code());
}

std::string ReadLine() {
  std::string line;
  std::getline(std::cin, line);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

}  // namespace

void SecurityCommands::Add(CLI::App& app, std::string& db, const char* db_help) {
  password_ = app.add_subcommand(
      "password",
      "Change a user's own password: the current one on the first line of stdin, the new one "
      "on the second; every session of the user ends");
  password_->add_option("--db", db, db_help);
  password_->add_option("--username", username_, "The user whose password changes")->required();
  CLI::App* audit = app.add_subcommand("audit", "The audit log");
  audit->require_subcommand(1);
  audit_verify_ = audit->add_subcommand(
      "verify",
      "Check the audit log's hash chain; names the first event edited, inserted or "
      "deleted");
  audit_verify_->add_option("--db", db, db_help);
}

bool SecurityCommands::Chosen() const {
  return (password_ && password_->parsed()) || (audit_verify_ && audit_verify_->parsed());
}

int SecurityCommands::Run(const std::string& db) const {
  return audit_verify_->parsed() ? VerifyAudit(db) : ChangePassword(db);
}

int SecurityCommands::VerifyAudit(const std::string& db) const {
  auto store = Store::Open(db, 1);
  if (!store.ok()) return Fail(store.status());
  long long events = 0;
  Status verified = (*store)->Read([&](Txn& txn) -> Status {
    VINCULO_ASSIGN_OR_RETURN(events, txn.VerifyAuditChain());
    return Status::Ok();
  });
  if (!verified.ok()) return Fail(verified);
  std::cout << "The audit log is whole: " << events << " chained events.\n";
  return kExitOk;
}

int SecurityCommands::ChangePassword(const std::string& db) const {
  const std::string current = ReadLine();
  const std::string chosen = ReadLine();
  auto store = OpenReady(db, 1);
  if (!store.ok()) return Fail(store.status());
  SystemClock clock;
  AuditLog audit(**store);
  ServiceContext context{store->get(), &clock, &audit};
  User user;
  Status found = (*store)->Read([&](Txn& txn) -> Status {
    VINCULO_ASSIGN_OR_RETURN(user, txn.FindUser(username_));
    return Status::Ok();
  });
  // An unknown user reads as a wrong password, as at sign-in.
  if (!found.ok() && found.code() != StatusCode::kNotFound) return Fail(found);
  if (!found.ok() || user.disabled) {
    return Fail(InvalidArgument("current_password", "is not right"));
  }
  AuthService auth(context);
  auto changed = auth.ChangeOwnPassword(AuthService::ActorFor(user, "cli"), current, chosen);
  audit.Flush();
  if (!changed.ok()) return Fail(changed.status());
  std::cout << "Changed the password of " << user.username
            << "; every session of the user has ended.\n";
  return kExitOk;
}

}  // namespace vinculo
