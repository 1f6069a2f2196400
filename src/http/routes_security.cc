// Routes of issue 13 (docs/security.md): changing one's own password and the
// sign-in lockouts administrators watch. Kept apart from routes_account.cc so
// the account routes' conversion to an operation table is not disturbed.
#include <chrono>

#include "http/router.h"
#include "json/record_json.h"

namespace vinculo::http_internal {

void RegisterSecurityRoutes(Router& router) {
  Services& services = router.services();

  // Re-enter the current password; every session ends and this client gets
  // a new one (token and cookie), as at sign-in.
  router.Authed(
      "POST", "/api/v1/auth/password",
      [&services](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
        VINCULO_ASSIGN_OR_RETURN(nlohmann::json body, JsonBody(request));
        VINCULO_RETURN_IF_ERROR(OnlyMembers(body, {"current_password", "new_password"}));
        VINCULO_ASSIGN_OR_RETURN(std::optional<std::string> current,
                                 OptionalString(body, "current_password"));
        VINCULO_ASSIGN_OR_RETURN(std::optional<std::string> chosen,
                                 OptionalString(body, "new_password"));
        if (!current) return InvalidArgument("current_password", "is required");
        if (!chosen) return InvalidArgument("new_password", "is required");
        VINCULO_ASSIGN_OR_RETURN(LoginResult login,
                                 services.auth.ChangeOwnPassword(actor, *current, *chosen));
        Reply reply = JsonReply({{"token", login.token},
                                 {"expires_at", login.expires_at},
                                 {"user", UserToJson(login.user)}});
        auto expires = ParseTimestamp(login.expires_at);
        const long long max_age = expires.ok() ? std::chrono::duration_cast<std::chrono::seconds>(
                                                     *expires - services.context.clock->Now())
                                                     .count()
                                               : 0;
        reply.headers.emplace_back(
            "Set-Cookie", SessionCookie(login.token, max_age, services.options.secure_cookies));
        return reply;
      });

  router.Authed("GET", "/api/v1/auth/lockouts",
                [&services](const httplib::Request&, const Actor& actor) -> Result<Reply> {
                  VINCULO_ASSIGN_OR_RETURN(std::vector<LoginThrottle::Wait> waits,
                                           services.auth.CurrentLoginWaits(actor));
                  return ItemsReply(waits, [](const LoginThrottle::Wait& wait) {
                    return nlohmann::json{{"kind", wait.kind},
                                          {"key", wait.key},
                                          {"failures", wait.failures},
                                          {"until", FormatTimestamp(wait.until)},
                                          {"locked_out", wait.locked_out}};
                  });
                });
}

}  // namespace vinculo::http_internal
