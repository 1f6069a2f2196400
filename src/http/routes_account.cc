// The operations of the system (health, this document), signing in and out,
// the signed-in user, user administration and summary figures.
#include "http/operation.h"
#include "json/account_json.h"
#include "json/record_json.h"
#include "json/today_json.h"
#include "service/supply_service.h"
#include "service/today.h"

namespace vinculo::http_internal {
namespace {

using V = ValueType;

Result<Reply> Health(Call& call) {
  Store& store = *call.services.context.store;
  VINCULO_ASSIGN_OR_RETURN(int version, store.SchemaVersion());
  return JsonReply(
      HealthToJson({version, store.engine() == Engine::kSqlite ? "sqlite" : "postgresql"}));
}

Result<Reply> Login(Call& call) {
  VINCULO_ASSIGN_OR_RETURN(
      LoginResult login,
      call.services.auth.Login(call.body.Text("username"), call.body.Text("password"),
                               RemoteAddress(call.request)));
  return SignedInReply(call.services, login);
}

Result<Reply> Logout(Call& call) {
  const std::string token = SessionToken(call.request);
  if (!token.empty()) VINCULO_RETURN_IF_ERROR(call.services.auth.Logout(token));
  Reply reply = NoContent();
  reply.headers.emplace_back("Set-Cookie",
                             SessionCookie("", 0, call.services.options.secure_cookies));
  return reply;
}

// The signed-in user's own preferences; today only the interface language.
// The signed-in user as GET /auth/me shows her: who she is, what her role may
// do, and the nursery facilities in her scope.
Result<Reply> MeReply(Call& call, const Actor& actor) {
  VINCULO_ASSIGN_OR_RETURN(std::vector<long long> nurseries,
                           SupplyService(call.services.context).NurseryFacilities(actor));
  return JsonReply(MeToJson({actor, Capabilities(actor.role), std::move(nurseries)}));
}

Result<Reply> ChangeMe(Call& call) {
  VINCULO_ASSIGN_OR_RETURN(User user,
                           call.services.auth.SetLanguage(call.user(), call.body.Text("language")));
  Actor changed = call.user();
  changed.language = user.language;
  return MeReply(call, changed);
}

// An administrator changes a user's staff link (null unlinks), display name,
// language or role; If-Match with the version read.
Result<Reply> ChangeUser(Call& call) {
  const Body& body = call.body;
  UserChange change;
  if (body.Has("staff_id")) change.staff_id = body.OptionalInteger("staff_id");  // null unlinks
  for (const char* name : {"display_name", "language", "role"}) {
    if (body.IsNull(name)) return InvalidArgument(name, "cannot be null");
  }
  change.display_name = body.OptionalText("display_name");
  change.language = body.OptionalText("language");
  if (std::optional<std::string> role = body.OptionalText("role")) {
    VINCULO_ASSIGN_OR_RETURN(change.role, ParseRole(*role));
  }
  VINCULO_ASSIGN_OR_RETURN(
      User user, call.services.auth.UpdateUser(call.user(), call.id(), change, call.version));
  return VersionedReply(user, UserToJson);
}

Result<Reply> AddUser(Call& call) {
  const Body& body = call.body;
  NewUser user;
  VINCULO_ASSIGN_OR_RETURN(user.role, ParseRole(body.Text("role")));
  user.username = body.Text("username");
  user.password = body.Text("password");
  user.organisation_id = body.OptionalInteger("organisation_id");
  user.facility_id = body.OptionalInteger("facility_id");
  user.staff_id = body.OptionalInteger("staff_id");
  user.display_name = body.Text("display_name");
  user.language = body.OptionalText("language").value_or("es");
  VINCULO_ASSIGN_OR_RETURN(User created, call.services.auth.AddUser(call.user(), user));
  Reply reply = VersionedReply(created, UserToJson, 201);
  reply.location = "/api/v1/users/" + std::to_string(created.id);
  return reply;
}

Handler SetDisabled(bool disable) {
  return [disable](Call& call) -> Result<Reply> {
    VINCULO_ASSIGN_OR_RETURN(
        User user, call.services.auth.SetDisabled(call.user(), call.id(), call.version, disable));
    return VersionedReply(user, UserToJson);
  };
}

Result<Reply> SummaryFigures(Call& call) {
  VINCULO_ASSIGN_OR_RETURN(auto figures, call.services.figures.Summary(call.user()));
  return JsonReply(SummaryFiguresToJson(figures));
}

std::vector<Operation> SessionOperations() {
  return {
      {.method = "GET",
       .path = "/api/v1/health",
       .operation_id = "getHealth",
       .tag = "System",
       .summary = "Check the server",
       .description = "Answers without signing in. Reads the database schema version, so a "
                      "database that cannot be reached is a 503.",
       .gate = Gate::kPublic,
       .reply = "Health",
       .handler = Health},
      {.method = "GET",
       .path = "/api/v1/openapi.json",
       .operation_id = "getOpenApiDocument",
       .tag = "System",
       .summary = "Read this OpenAPI document",
       .description = "This document, compiled into the server.",
       .gate = Gate::kPublic,
       .reply = "OpenApiDocument",
       .handler = [](Call&) -> Result<Reply> {
         return RawReply(OpenApiDocument(), "application/json");
       }},
      {.method = "POST",
       .path = "/api/v1/auth/login",
       .operation_id = "login",
       .tag = "Auth",
       .summary = "Sign in",
       .description = "Checks the password and opens a session (12 hours). The token comes back in "
                      "the body, for Authorization: Bearer, and in the HttpOnly, SameSite=Strict "
                      "cookie vinculo_session, for the web UI. An unknown user, a wrong password "
                      "and a disabled account get the same 401. Written to the audit log.",
       .request = "LoginRequest",
       .gate = Gate::kPublic,
       .body = BodyKind::kFields,
       .fields = {Required("username", V::kText), Required("password", V::kText)},
       .reply = "LoginResponse",
       .errors = {401, 429},
       .handler = Login},
      {.method = "POST",
       .path = "/api/v1/auth/logout",
       .operation_id = "logout",
       .tag = "Auth",
       .summary = "Sign out",
       .description =
           "Revokes the session of the token sent (bearer or cookie), if any, and clears the "
           "cookie. Answers 204 also without a session or with one that has already ended.",
       .gate = Gate::kPublic,
       .status = 204,
       .handler = Logout},
      {.method = "GET",
       .path = "/api/v1/auth/me",
       .operation_id = "getMe",
       .tag = "Auth",
       .summary = "Read the signed-in user",
       .description = "Who is signed in, and what the role may do with each record kind.",
       .reply = "Me",
       .handler = [](Call& call) -> Result<Reply> { return MeReply(call, call.user()); }},
      {.method = "GET",
       .path = "/api/v1/me/today",
       .operation_id = "getMyToday",
       .tag = "Auth",
       .summary = "Read what needs the signed-in user today",
       .description =
           "The signed-in user's home (issue 16): for her role, the things that need her today, "
           "each with the ids it is about and the web UI route of its action. A nursery officer: "
           "overdue leave returns, age-outs without an approved transition plan, supplies short "
           "today. A caregiver: her trips of today with visit times and children. A programme "
           "coordinator: the pairs this month's and next month's plans leave out (by reason), the "
           "draft plan to publish, released families not contacted for 30 days. A social worker: "
           "overdue leave returns, age-outs without a plan, families not contacted. A visits "
           "officer: today's sessions of her facility (the entrance lists). An auditor: the "
           "figures, small cells withheld. An administrator: the nursery's, the coordinator's "
           "and the visits officer's items her scope gives. Each item is read through the list "
           "it links to, as the user, so it counts exactly what that list shows her; an item "
           "with nothing in it is left out. At most 20 entries per item; `count` is of all.",
       .reply = "Today",
       .handler = [](Call& call) -> Result<Reply> {
         VINCULO_ASSIGN_OR_RETURN(TodayView view,
                                  TodayService(call.services.context).Today(call.user()));
         return JsonReply(TodayToJson(view));
       }},
      {.method = "PATCH",
       .path = "/api/v1/auth/me",
       .operation_id = "updateMe",
       .tag = "Auth",
       .summary = "Change the signed-in user's preferences",
       .description =
           "Sets the signed-in user's own interface language (es or en), which the web UI uses for "
           "text, dates and numbers. Any signed-in user may change her own; nobody else's.",
       .request = "MePreferences",
       .body = BodyKind::kFields,
       .fields = {Required("language", V::kText, "Interface language.").OneOf({"es", "en"})},
       .reply = "Me",
       .handler = ChangeMe},
  };
}

std::vector<Operation> UserOperations() {
  return {
      {.method = "GET",
       .path = "/api/v1/users",
       .operation_id = "listUsers",
       .tag = "Users",
       .summary = "List users",
       .description =
           "Administrators only. A global administrator sees every user; an administrator of an "
           "organisation or facility sees its users. Ordered by username; not paginated.",
       .roles = RolesWith(Permission::kManageUsers),
       .reply = "items:User",
       .handler = [](Call& call) -> Result<Reply> {
         VINCULO_ASSIGN_OR_RETURN(auto users, call.services.auth.ListUsers(call.user()));
         return ItemsReply(users, UserToJson);
       }},
      {.method = "GET",
       .path = "/api/v1/users/{id}",
       .operation_id = "getUser",
       .tag = "Users",
       .summary = "Read a user",
       .description =
           "One user account, without its password hash. Administrators only (403 otherwise), for "
           "users of their own organisation or facility (404 otherwise; a global administrator "
           "sees all). The ETag is the user's version, for PATCH, disable and enable.",
       .roles = RolesWith(Permission::kManageUsers),
       .reply = "User",
       .handler = [](Call& call) -> Result<Reply> {
         VINCULO_ASSIGN_OR_RETURN(User user, call.services.auth.GetUser(call.user(), call.id()));
         return VersionedReply(user, UserToJson);
       }},
      {.method = "PATCH",
       .path = "/api/v1/users/{id}",
       .operation_id = "updateUser",
       .tag = "Users",
       .summary = "Change a user's staff link, display name, language or role",
       .description =
           "Administrators only (403 otherwise), for users of their own organisation or facility "
           "(404 otherwise; a global administrator for all). Only the fields sent change. "
           "`staff_id` links the user to a staff record of her own organisation (422 naming "
           "staff_id otherwise, also for a user of a facility) and null unlinks her. `role` must "
           "fit the user's organisation or facility, which do not change here (422 naming role), "
           "and an administrator cannot change her own role. Needs If-Match with the user's "
           "version (428 without, 412 when someone else changed the user first). The user's "
           "sessions pick the change up on their next request in this server; another server "
           "process sharing the database within 5 seconds (the session cache). Audited.",
       .request = "UserChange",
       .roles = RolesWith(Permission::kManageUsers),
       .if_match = true,
       .body = BodyKind::kFields,
       .fields = {Optional("staff_id", V::kId,
                           "A staff record of the user's own organisation; null unlinks.")
                      .Nullable(),
                  Optional("display_name", V::kText), Optional("language", V::kText),
                  Optional("role", V::kText,
                           "Must fit the user's organisation or facility; not one's own.")},
       .reply = "User",
       .errors = {409},
       .handler = ChangeUser},
      {.method = "POST",
       .path = "/api/v1/users",
       .operation_id = "createUser",
       .tag = "Users",
       .summary = "Add a user",
       .description =
           "Administrators only; an administrator of an organisation or facility adds users only "
           "to it (403). Organisation roles (programme_coordinator, caregiver) need "
           "organisation_id; facility roles (nursery_officer, visits_officer) need facility_id; a "
           "social_worker needs one of them; a user never has both. Written to the audit log.",
       .request = "NewUser",
       .roles = RolesWith(Permission::kManageUsers),
       .body = BodyKind::kFields,
       .fields =
           {Optional("username", V::kText,
                     "3 to 40 lower-case letters, digits, '.', '_' or '-'; unique (409)."),
            Optional("password", V::kText, "10 to 256 bytes."), Required("role", V::kText),
            Optional("organisation_id", V::kId, "Needed by programme_coordinator and caregiver."),
            Optional("facility_id", V::kId,
                     "Needed by nursery_officer and visits_officer; never together with "
                     "organisation_id."),
            Optional(
                "staff_id", V::kId,
                "Links the user to a staff record of her own organisation (422 naming staff_id for "
                "an unknown one or one of another organisation). A caregiver linked to an escort's "
                "staff record sees that escort's trips; unlinked, none."),
            Optional("display_name", V::kText, "Defaults to the username."),
            Optional("language", V::kText)},
       .status = 201,
       .reply = "User",
       .errors = {409},
       .handler = AddUser},
      {.method = "POST",
       .path = "/api/v1/users/{id}/disable",
       .operation_id = "disableUser",
       .tag = "Users",
       .summary = "Disable a user",
       .description = "Disables the account and signs the user out everywhere. Administrators "
                      "cannot disable themselves (422). Administrators only, for users they can "
                      "list (404 otherwise). Needs If-Match with the user's version (from the "
                      "User's version field or the ETag of the last change); no request body.",
       .roles = RolesWith(Permission::kManageUsers),
       .if_match = true,
       .reply = "User",
       .errors = {422},
       .handler = SetDisabled(true)},
      {.method = "POST",
       .path = "/api/v1/users/{id}/enable",
       .operation_id = "enableUser",
       .tag = "Users",
       .summary = "Enable a user",
       .description = "Lets a disabled user sign in again. Administrators only, for users they can "
                      "list (404 otherwise). Needs If-Match with the user's version (from the "
                      "User's version field or the ETag of the last change); no request body.",
       .roles = RolesWith(Permission::kManageUsers),
       .if_match = true,
       .reply = "User",
       .errors = {422},
       .handler = SetDisabled(false)},
      {.method = "GET",
       .path = "/api/v1/figures/summary",
       .operation_id = "getSummaryFigures",
       .tag = "Figures",
       .summary = "Read summary figures",
       .description = "Counts for dashboards, donors and auditors, never names, within the "
                      "caller's organisation or facility (all for an unaffiliated user). For "
                      "auditors every count from 1 to 4 is suppressed (null) so that a small group "
                      "cannot be singled out. Caregivers may not read figures (403).",
       .roles = RolesWith(Permission::kReadSummaryFigures),
       .reply = "SummaryFigures",
       .handler = SummaryFigures},
  };
}

}  // namespace

Reply SignedInReply(const Services& services, const LoginResult& login) {
  Reply reply = JsonReply(LoginToJson(login));
  auto expires = ParseTimestamp(login.expires_at);
  const long long max_age = expires.ok() ? std::chrono::duration_cast<std::chrono::seconds>(
                                               *expires - services.context.clock->Now())
                                               .count()
                                         : 0;
  reply.headers.emplace_back("Set-Cookie",
                             SessionCookie(login.token, max_age, services.options.secure_cookies));
  return reply;
}

std::vector<Operation> AccountOperations() {
  return Concatenated({SessionOperations, UserOperations});
}

}  // namespace vinculo::http_internal
