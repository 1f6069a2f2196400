// Routes for signing in and out, the signed-in user, user administration and
// summary figures.
#include "http/router.h"
#include "json/record_json.h"

namespace vinculo::http_internal {
namespace {

nlohmann::json ActorToJson(const Actor& actor) {
  nlohmann::json object = {{"user_id", actor.user_id},
                           {"username", actor.username},
                           {"role", RoleName(actor.role)},
                           {"language", actor.language},
                           {"sees_restricted_fields", SeesRestrictedFields(actor.role)},
                           {"sees_case_records", SeesCaseRecords(actor.role)}};
  object["organisation_id"] =
      actor.organisation_id ? nlohmann::json(*actor.organisation_id) : nullptr;
  object["facility_id"] = actor.facility_id ? nlohmann::json(*actor.facility_id) : nullptr;
  object["staff_id"] = actor.staff_id ? nlohmann::json(*actor.staff_id) : nullptr;
  nlohmann::json access = nlohmann::json::object();
  for (const RecordKind* kind : AllRecordKinds()) {
    const Access granted = KindAccess(actor.role, *kind);
    access[std::string(kind->name)] = granted == Access::kWrite  ? "write"
                                      : granted == Access::kRead ? "read"
                                                                 : "none";
  }
  object["access"] = std::move(access);
  return object;
}

nlohmann::json CountRowsToJson(const std::vector<CountRow>& rows, bool with_id) {
  nlohmann::json items = nlohmann::json::array();
  for (const CountRow& row : rows) {
    nlohmann::json item = {{"key", row.key}};
    if (with_id) item["facility_id"] = row.id;
    item["count"] = row.count ? nlohmann::json(*row.count) : nlohmann::json(nullptr);
    items.push_back(std::move(item));
  }
  return items;
}

}  // namespace

void RegisterAccountRoutes(Router& router) {
  Services& services = router.services();

  router.Public(
      "POST", "/api/v1/auth/login",
      [&services](const httplib::Request& request, httplib::Response&) -> Result<Reply> {
        auto body = JsonBody(request);
        if (!body.ok()) return body.status();
        VINCULO_RETURN_IF_ERROR(OnlyMembers(*body, {"username", "password"}));
        auto username = OptionalString(*body, "username");
        if (!username.ok()) return username.status();
        auto password = OptionalString(*body, "password");
        if (!password.ok()) return password.status();
        if (!*username) return InvalidArgument("username", "is required");
        if (!*password) return InvalidArgument("password", "is required");
        auto login = services.auth.Login(**username, **password, RemoteAddress(request));
        if (!login.ok()) return login.status();
        Reply reply = JsonReply({{"token", login->token},
                                 {"expires_at", login->expires_at},
                                 {"user", UserToJson(login->user)}});
        auto expires = ParseTimestamp(login->expires_at);
        const long long max_age = expires.ok() ? std::chrono::duration_cast<std::chrono::seconds>(
                                                     *expires - services.context.clock->Now())
                                                     .count()
                                               : 0;
        reply.headers.emplace_back(
            "Set-Cookie", SessionCookie(login->token, max_age, services.options.secure_cookies));
        return reply;
      });

  router.Public("POST", "/api/v1/auth/logout",
                [&services](const httplib::Request& request, httplib::Response&) -> Result<Reply> {
                  const std::string token = SessionToken(request);
                  if (!token.empty()) VINCULO_RETURN_IF_ERROR(services.auth.Logout(token));
                  Reply reply = NoContent();
                  reply.headers.emplace_back("Set-Cookie",
                                             SessionCookie("", 0, services.options.secure_cookies));
                  return reply;
                });

  router.Authed("GET", "/api/v1/auth/me",
                [](const httplib::Request&, const Actor& actor) -> Result<Reply> {
                  return JsonReply(ActorToJson(actor));
                });

  // The signed-in user's own preferences; today only the interface language.
  router.Authed("PATCH", "/api/v1/auth/me",
                [&services](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
                  VINCULO_ASSIGN_OR_RETURN(nlohmann::json body, JsonBody(request));
                  VINCULO_RETURN_IF_ERROR(OnlyMembers(body, {"language"}));
                  VINCULO_ASSIGN_OR_RETURN(std::optional<std::string> language,
                                           OptionalString(body, "language"));
                  if (!language) return InvalidArgument("language", "is required");
                  VINCULO_ASSIGN_OR_RETURN(User user, services.auth.SetLanguage(actor, *language));
                  Actor changed = actor;
                  changed.language = user.language;
                  return JsonReply(ActorToJson(changed));
                });

  router.Authed("GET", "/api/v1/users",
                [&services](const httplib::Request&, const Actor& actor) -> Result<Reply> {
                  auto users = services.auth.ListUsers(actor);
                  if (!users.ok()) return users.status();
                  return ItemsReply(*users, UserToJson);
                });

  router.Authed("GET", R"(/api/v1/users/(\d+))",
                [&services](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
                  auto id = PathId(request, 1);
                  if (!id.ok()) return id.status();
                  auto user = services.auth.GetUser(actor, *id);
                  if (!user.ok()) return user.status();
                  Reply reply = JsonReply(UserToJson(*user));
                  reply.etag_version = user->version;
                  return reply;
                });

  // An administrator changes a user's staff link (null unlinks), display
  // name, language or role; If-Match with the version read.
  router.Authed(
      "PATCH", R"(/api/v1/users/(\d+))",
      [&services](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
        VINCULO_ASSIGN_OR_RETURN(long long user_id, PathId(request, 1));
        VINCULO_ASSIGN_OR_RETURN(long long version, IfMatchVersion(request));
        VINCULO_ASSIGN_OR_RETURN(nlohmann::json body, JsonBody(request));
        VINCULO_RETURN_IF_ERROR(
            OnlyMembers(body, {"staff_id", "display_name", "language", "role"}));
        UserChange change;
        if (body.contains("staff_id")) {
          VINCULO_ASSIGN_OR_RETURN(std::optional<long long> staff_id,
                                   OptionalInteger(body, "staff_id"));
          change.staff_id = staff_id;  // null unlinks
        }
        for (const char* name : {"display_name", "language", "role"}) {
          if (body.contains(name) && body[name].is_null()) {
            return InvalidArgument(name, "cannot be null");
          }
        }
        VINCULO_ASSIGN_OR_RETURN(change.display_name, OptionalString(body, "display_name"));
        VINCULO_ASSIGN_OR_RETURN(change.language, OptionalString(body, "language"));
        VINCULO_ASSIGN_OR_RETURN(std::optional<std::string> role, OptionalString(body, "role"));
        if (role) {
          VINCULO_ASSIGN_OR_RETURN(change.role, ParseRole(*role));
        }
        VINCULO_ASSIGN_OR_RETURN(User user,
                                 services.auth.UpdateUser(actor, user_id, change, version));
        Reply reply = JsonReply(UserToJson(user));
        reply.etag_version = user.version;
        return reply;
      });

  router.Authed(
      "POST", "/api/v1/users",
      [&services](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
        auto body = JsonBody(request);
        if (!body.ok()) return body.status();
        VINCULO_RETURN_IF_ERROR(
            OnlyMembers(*body, {"username", "password", "role", "organisation_id", "facility_id",
                                "staff_id", "display_name", "language"}));
        NewUser user;
        auto username = OptionalString(*body, "username");
        auto password = OptionalString(*body, "password");
        auto role = OptionalString(*body, "role");
        auto organisation_id = OptionalInteger(*body, "organisation_id");
        auto facility_id = OptionalInteger(*body, "facility_id");
        auto staff_id = OptionalInteger(*body, "staff_id");
        auto display_name = OptionalString(*body, "display_name");
        auto language = OptionalString(*body, "language");
        for (const Status& status :
             {username.status(), password.status(), role.status(), organisation_id.status(),
              facility_id.status(), staff_id.status(), display_name.status(), language.status()}) {
          VINCULO_RETURN_IF_ERROR(status);
        }
        if (!*role) return InvalidArgument("role", "is required");
        auto parsed_role = ParseRole(**role);
        if (!parsed_role.ok()) return parsed_role.status();
        user.username = username->value_or("");
        user.password = password->value_or("");
        user.role = *parsed_role;
        user.organisation_id = *organisation_id;
        user.facility_id = *facility_id;
        user.staff_id = *staff_id;
        user.display_name = display_name->value_or("");
        user.language = language->value_or("es");
        auto created = services.auth.AddUser(actor, user);
        if (!created.ok()) return created.status();
        Reply reply = JsonReply(UserToJson(*created), 201);
        reply.etag_version = created->version;
        reply.location = "/api/v1/users/" + std::to_string(created->id);
        return reply;
      });

  for (const bool disable : {true, false}) {
    router.Authed(
        "POST", disable ? R"(/api/v1/users/(\d+)/disable)" : R"(/api/v1/users/(\d+)/enable)",
        [&services, disable](const httplib::Request& request, const Actor& actor) -> Result<Reply> {
          auto id = PathId(request, 1);
          if (!id.ok()) return id.status();
          auto version = IfMatchVersion(request);
          if (!version.ok()) return version.status();
          auto user = services.auth.SetDisabled(actor, *id, *version, disable);
          if (!user.ok()) return user.status();
          Reply reply = JsonReply(UserToJson(*user));
          reply.etag_version = user->version;
          return reply;
        });
  }

  router.Authed(
      "GET", "/api/v1/figures/summary",
      [&services](const httplib::Request&, const Actor& actor) -> Result<Reply> {
        auto figures = services.figures.Summary(actor);
        if (!figures.ok()) return figures.status();
        nlohmann::json facilities = nlohmann::json::array();
        for (const FacilityOccupancy& facility : figures->facilities) {
          facilities.push_back({{"facility_id", facility.facility_id},
                                {"name", facility.name},
                                {"official_capacity", facility.official_capacity},
                                {"current_population", facility.current_population},
                                {"occupancy_percent", facility.occupancy_percent}});
        }
        return JsonReply(
            {{"as_of", figures->as_of},
             {"small_cells_suppressed_below", figures->suppressed_small_cells
                                                  ? nlohmann::json(kSmallCellThreshold)
                                                  : nlohmann::json(nullptr)},
             {"children_by_placement", CountRowsToJson(figures->children_by_placement, false)},
             {"children_inside_by_facility",
              CountRowsToJson(figures->children_inside_by_facility, true)},
             {"parents_by_facility", CountRowsToJson(figures->parents_by_facility, true)},
             {"facilities", std::move(facilities)}});
      });
}

}  // namespace vinculo::http_internal
