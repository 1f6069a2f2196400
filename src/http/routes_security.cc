// Operations of issue 13 (docs/security.md): changing one's own password and
// the sign-in waits administrators watch.
#include "http/operation.h"
#include "json/account_json.h"
#include "service/login_throttle.h"

namespace vinculo::http_internal {
namespace {

using V = ValueType;

// Re-enter the current password; every session ends and this client gets a
// new one (token and cookie), as at sign-in.
Result<Reply> ChangeOwnPassword(Call& call) {
  VINCULO_ASSIGN_OR_RETURN(LoginResult login, call.services.auth.ChangeOwnPassword(
                                                  call.user(), call.body.Text("current_password"),
                                                  call.body.Text("new_password")));
  return SignedInReply(call.services, login);
}

Result<Reply> LoginWaits(Call& call) {
  VINCULO_ASSIGN_OR_RETURN(std::vector<LoginThrottle::Wait> waits,
                           call.services.auth.CurrentLoginWaits(call.user()));
  return ItemsReply(waits, [](const LoginThrottle::Wait& wait) {
    return LoginWaitToJson(
        {wait.kind, wait.key, wait.failures, FormatTimestamp(wait.until), wait.locked_out});
  });
}

}  // namespace

std::vector<Operation> SecurityOperations() {
  return {
      {.method = "POST",
       .path = "/api/v1/auth/password",
       .operation_id = "changeOwnPassword",
       .tag = "Auth",
       .summary = "Change one's own password",
       .description =
           "The signed-in user re-enters her current password and chooses a new one. Every "
           "session of hers ends, this one too; the answer carries a new session (token and "
           "cookie), as at sign-in. A wrong current password is audited and throttled like a "
           "failed sign-in.",
       .request = "PasswordChange",
       .body = BodyKind::kFields,
       .fields = {Required("current_password", V::kText, "The password in use now."),
                  Required("new_password", V::kText,
                           "At least 10 characters, not in or derived from a dictionary, not "
                           "systematic (1234567890), not containing the username, not too like "
                           "the old one (libpwquality's defaults).")},
       .reply = "LoginResponse",
       .errors = {429},
       .handler = ChangeOwnPassword},
      {.method = "GET",
       .path = "/api/v1/auth/lockouts",
       .operation_id = "listLoginWaits",
       .tag = "Auth",
       .summary = "Accounts and addresses that must wait to sign in",
       .description =
           "After 5 failed sign-ins in a row for an account (20 for an address) each further "
           "failure doubles the wait before the next attempt, from 1 s up to a 15-minute "
           "lockout. Installation administrators only.",
       .roles = RolesWith(Permission::kSeeLoginWaits),
       .reply = "items:LoginWait",
       .handler = LoginWaits},
  };
}

}  // namespace vinculo::http_internal
