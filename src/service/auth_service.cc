#include "service/auth_service.h"

#include <spdlog/spdlog.h>

#include <regex>

#include "service/secrets.h"

namespace vinculo {
namespace {

Status Unauthenticated(const std::string& message) {
  return Status(StatusCode::kUnauthenticated, message);
}

// A valid argon2id hash of a random password: verifying against it makes a
// login for an unknown user cost as much as one for a known user.
const std::string& DecoyHash() {
  static const std::string kDecoy = [] {
    auto hash = HashPassword(NewSessionToken());
    return hash.ok() ? *hash : std::string();
  }();
  return kDecoy;
}

// Whether a user of `role` may have this affiliation; kInvalidArgument naming
// the field to fix (`field_for_role` when the role itself is what changes).
Status CheckRoleFits(Role role, const std::optional<long long>& organisation_id,
                     const std::optional<long long>& facility_id, const char* organisation_field,
                     const char* facility_field) {
  const bool affiliated = organisation_id || facility_id;
  switch (RoleAffiliation(role)) {
    case Affiliation::kOrganisation:
      if (!organisation_id) {
        return InvalidArgument(organisation_field,
                               std::string("a ") + RoleName(role) + " belongs to an organisation");
      }
      break;
    case Affiliation::kFacility:
      if (!facility_id) {
        return InvalidArgument(facility_field,
                               std::string("a ") + RoleName(role) + " belongs to a facility");
      }
      break;
    case Affiliation::kEither:
      // Only administrators and auditors may stand above every organisation.
      if (!affiliated && role == Role::kSocialWorker) {
        return InvalidArgument(organisation_field,
                               "a social worker belongs to an organisation or a facility");
      }
      break;
  }
  return Status::Ok();
}

// Staff records belong to organisations: a user is linked only to one of her
// own organisation's (an unknown id and a foreign one read alike).
Status CheckStaffLink(Txn& txn, long long staff_id,
                      const std::optional<long long>& organisation_id) {
  auto staff = txn.Get(StaffKind(), staff_id, Actor::System());
  if (!staff.ok() || !organisation_id || staff->Integer("organisation_id") != organisation_id) {
    return InvalidArgument("staff_id", "there is no such staff record in the user's organisation");
  }
  return Status::Ok();
}

constexpr size_t kMaxDisplayName = 200;
// The longest username (as typed at sign-in) kept in the audit log and the throttle.
constexpr size_t kMaxAuditedUsername = 100;

}  // namespace

Actor AuthService::ActorFor(const User& user, const std::string& remote_address) {
  Actor actor;
  actor.user_id = user.id;
  actor.username = user.username;
  actor.role = user.role;
  actor.organisation_id = user.organisation_id;
  actor.facility_id = user.facility_id;
  actor.staff_id = user.staff_id;
  actor.remote_address = remote_address;
  actor.language = user.language;
  return actor;
}

Result<LoginResult> AuthService::Login(const std::string& username, const std::string& password,
                                       const std::string& remote_address) {
  const Status refused = Unauthenticated("the username or password is not right");
  // The account as typed, bounded: it is a key of the throttle and goes to the audit log.
  const std::string account = username.substr(0, kMaxAuditedUsername);
  VINCULO_RETURN_IF_ERROR(throttle_->Check(account, remote_address, context_.clock->Now()));
  if (username.empty() || password.empty() || password.size() > 256) {
    RecordFailedLogin(account, 0, remote_address, "empty or overlong");
    return refused;
  }
  VINCULO_ASSIGN_OR_RETURN(PasswordHashingSlot slot, PasswordHashingSlot::Acquire());
  User user;
  Status found = context_.store->Read([&](Txn& txn) -> Status {
    auto row = txn.FindUser(username);
    if (!row.ok()) return row.status();
    user = std::move(*row);
    return Status::Ok();
  });
  if (!found.ok()) {
    if (found.code() != StatusCode::kNotFound) return found;
    VerifyPassword(password, DecoyHash());
    RecordFailedLogin(account, 0, remote_address, "unknown username");
    return refused;
  }
  if (!VerifyPassword(password, user.password_hash)) {
    RecordFailedLogin(account, user.id, remote_address, "wrong password");
    return refused;
  }
  if (user.disabled) {
    RecordFailedLogin(account, user.id, remote_address, "account disabled");
    return refused;
  }
  throttle_->Succeeded(account);

  LoginResult result;
  result.token = NewSessionToken();
  result.expires_at = FormatTimestamp(context_.clock->Now() + session_ttl_);
  SessionRow session;
  session.token_hash = TokenHash(result.token);
  session.user_id = user.id;
  session.created_at = context_.Now();
  session.expires_at = result.expires_at;
  session.remote_address = remote_address;
  Status opened = context_.store->Write([&](Txn& txn) -> Status {
    VINCULO_RETURN_IF_ERROR(txn.InsertSession(session));
    return txn.AppendAudit({AuditEventFor(ActorFor(user, remote_address), session.created_at,
                                          "login", "users", user.id)});
  });
  if (!opened.ok()) return opened;
  user.password_hash.clear();
  result.user = std::move(user);
  return result;
}

void AuthService::RecordFailedLogin(const std::string& username, long long user_id,
                                    const std::string& remote_address, const std::string& reason) {
  const auto now = context_.clock->Now();
  std::vector<AuditEvent> events;
  AuditEvent failed;
  failed.at = FormatTimestamp(now);
  failed.user_id = user_id;
  failed.username = username;
  failed.action = "login_failed";
  failed.record_kind = "users";
  failed.record_id = user_id;
  failed.remote_address = remote_address;
  failed.detail = reason;
  events.push_back(failed);
  for (const LoginThrottle::Wait& wait : throttle_->Failed(username, remote_address, now)) {
    const long long seconds =
        std::chrono::duration_cast<std::chrono::seconds>(wait.until - now).count();
    spdlog::warn("sign-in {} for {} {} after {} failures: {} s",
                 wait.locked_out ? "lockout" : "wait", wait.kind, wait.key, wait.failures, seconds);
    AuditEvent throttled = failed;
    throttled.action = wait.locked_out ? "login_locked" : "login_throttled";
    throttled.detail = wait.kind + " " + wait.key + " waits " + std::to_string(seconds) +
                       " s after " + std::to_string(wait.failures) + " failures";
    events.push_back(std::move(throttled));
  }
  Status written = context_.store->Write([&](Txn& txn) { return txn.AppendAudit(events); });
  if (!written.ok()) spdlog::error("could not audit a failed sign-in: {}", written.ToString());
}

Result<LoginResult> AuthService::ChangeOwnPassword(const Actor& actor,
                                                   const std::string& current_password,
                                                   const std::string& new_password) {
  if (actor.user_id <= 0) return Forbidden("only a signed-in user has a password");
  VINCULO_RETURN_IF_ERROR(
      throttle_->Check(actor.username, actor.remote_address, context_.clock->Now()));
  if (current_password.size() > 256) return InvalidArgument("current_password", "is not right");
  VINCULO_RETURN_IF_ERROR(
      CheckPasswordPolicy(new_password, "new_password", actor.username, current_password));
  VINCULO_ASSIGN_OR_RETURN(PasswordHashingSlot slot, PasswordHashingSlot::Acquire());
  User user;
  VINCULO_RETURN_IF_ERROR(context_.store->Read([&](Txn& txn) -> Status {
    VINCULO_ASSIGN_OR_RETURN(user, txn.GetUser(actor.user_id));
    return Status::Ok();
  }));
  if (!VerifyPassword(current_password, user.password_hash)) {
    RecordFailedLogin(actor.username, actor.user_id, actor.remote_address,
                      "wrong current password when changing it");
    return InvalidArgument("current_password", "is not right");
  }
  VINCULO_ASSIGN_OR_RETURN(std::string hash, HashPassword(new_password));
  LoginResult result;
  result.token = NewSessionToken();
  result.expires_at = FormatTimestamp(context_.clock->Now() + session_ttl_);
  SessionRow session;
  session.token_hash = TokenHash(result.token);
  session.user_id = user.id;
  session.created_at = context_.Now();
  session.expires_at = result.expires_at;
  session.remote_address = actor.remote_address;
  Status status = context_.store->Write([&](Txn& txn) -> Status {
    User changed = user;
    changed.password_hash = hash;
    VINCULO_ASSIGN_OR_RETURN(User written,
                             txn.UpdateUser(changed, user.version, session.created_at));
    VINCULO_RETURN_IF_ERROR(txn.RevokeUserSessions(user.id, session.created_at));
    VINCULO_RETURN_IF_ERROR(txn.InsertSession(session));
    result.user = std::move(written);
    return txn.AppendAudit({AuditEventFor(actor, session.created_at, "password_changed", "users",
                                          user.id, "every other session ended")});
  });
  if (!status.ok()) return status;
  session_cache_->EvictUser(user.id);
  throttle_->Succeeded(actor.username);
  result.user.password_hash.clear();
  return result;
}

Result<std::vector<LoginThrottle::Wait>> AuthService::CurrentLoginWaits(const Actor& actor) const {
  // Usernames and addresses of every organisation: installation administrators only.
  if (!Allows(actor.role, Permission::kSeeLoginWaits) || !actor.IsGlobal()) {
    return Forbidden("only installation administrators see sign-in lockouts");
  }
  return throttle_->Current(context_.clock->Now());
}

Result<Actor> AuthService::Authenticate(const std::string& token,
                                        const std::string& remote_address) {
  if (token.empty() || token.size() > 128) return Unauthenticated("sign in first");
  const std::string token_hash = TokenHash(token);
  const auto now = context_.clock->Now();
  const uint64_t generation = session_cache_->Generation();
  if (auto cached = session_cache_->Find(token_hash, now)) {
    cached->remote_address = remote_address;
    return *cached;
  }
  Actor actor;
  std::string expires_at;
  bool idle = false;
  bool touch = false;
  Status status = context_.store->Read([&](Txn& txn) -> Status {
    auto session = txn.FindLiveSession(token_hash, FormatTimestamp(now));
    if (!session.ok()) return session.status();
    auto last_use =
        ParseTimestamp(session->last_seen_at.empty() ? session->created_at : session->last_seen_at);
    if (last_use.ok()) {
      idle = now - *last_use >= kSessionIdleTimeout;
      touch = now - *last_use >= kSessionTouchInterval;
    }
    if (idle) return Status::Ok();
    auto user = txn.GetUser(session->user_id);
    if (!user.ok()) return user.status();
    if (user->disabled) return Unauthenticated("the account is disabled");
    actor = ActorFor(*user, remote_address);
    expires_at = session->expires_at;
    return Status::Ok();
  });
  if (!status.ok()) {
    if (status.code() == StatusCode::kNotFound) return Unauthenticated("sign in first");
    return status;
  }
  if (idle) {
    VINCULO_RETURN_IF_ERROR(context_.store->Write(
        [&](Txn& txn) { return txn.RevokeSession(token_hash, FormatTimestamp(now)); }));
    return Unauthenticated("the session ended after " +
                           std::to_string(kSessionIdleTimeout.count()) +
                           " minutes without use; sign in again");
  }
  if (touch) {
    VINCULO_RETURN_IF_ERROR(context_.store->Write(
        [&](Txn& txn) { return txn.TouchSession(token_hash, FormatTimestamp(now)); }));
  }
  if (auto expiry = ParseTimestamp(expires_at); expiry.ok()) {
    session_cache_->Put(token_hash, actor, *expiry, now, generation);
  }
  return actor;
}

void AuthService::ListenForRevocations() {
  if (notices_) return;
  SessionCache* cache = session_cache_.get();
  notices_ = SessionNoticeListener::Start(
      *context_.store, {.on_notice =
                            [cache](const SessionNotice& notice) {
                              if (!notice.token_hash.empty()) {
                                cache->Evict(notice.token_hash);
                              } else {
                                cache->EvictUser(notice.user_id);
                              }
                            },
                        .on_listening = [cache](bool listening) { cache->SetEnabled(listening); }});
}

Status AuthService::Logout(const std::string& token) {
  const std::string token_hash = TokenHash(token);
  Status status = context_.store->Write(
      [&](Txn& txn) { return txn.RevokeSession(token_hash, context_.Now()); });
  // After the commit, so that no request reading before it caches it again.
  session_cache_->Evict(token_hash);
  return status;
}

Result<User> AuthService::AddUser(const Actor& actor, const NewUser& request) {
  if (!Allows(actor.role, Permission::kManageUsers))
    return Forbidden("only administrators add users");
  static const std::regex kUsername("[a-z0-9][a-z0-9._-]{2,39}");
  if (!std::regex_match(request.username, kUsername)) {
    return InvalidArgument("username",
                           "must be 3 to 40 lower-case letters, digits, '.', '_' or '-'");
  }
  VINCULO_RETURN_IF_ERROR(CheckPasswordPolicy(request.password, "password", request.username));
  if (request.language != "es" && request.language != "en") {
    return InvalidArgument("language", "must be es or en");
  }
  if (request.organisation_id && request.facility_id) {
    return InvalidArgument("facility_id",
                           "a user belongs to an organisation or a facility, not both");
  }
  VINCULO_RETURN_IF_ERROR(CheckRoleFits(request.role, request.organisation_id, request.facility_id,
                                        "organisation_id", "facility_id"));
  if (!actor.IsGlobal()) {
    const bool same_org = actor.organisation_id && request.organisation_id == actor.organisation_id;
    const bool same_facility = actor.facility_id && request.facility_id == actor.facility_id;
    if (!same_org && !same_facility) {
      return Forbidden("an administrator adds users only to her own organisation or facility",
                       actor.organisation_id ? "organisation_id" : "facility_id");
    }
  }
  VINCULO_ASSIGN_OR_RETURN(PasswordHashingSlot slot, PasswordHashingSlot::Acquire());
  auto hash = HashPassword(request.password);
  if (!hash.ok()) return hash.status();
  User user;
  user.username = request.username;
  user.password_hash = *hash;
  user.role = request.role;
  user.organisation_id = request.organisation_id;
  user.facility_id = request.facility_id;
  user.staff_id = request.staff_id;
  user.display_name = request.display_name.empty() ? request.username : request.display_name;
  user.language = request.language;
  User created;
  Status status = context_.store->Write([&](Txn& txn) -> Status {
    if (request.organisation_id) {
      auto org = txn.Get(OrganisationKind(), *request.organisation_id, actor);
      if (!org.ok()) return InvalidArgument("organisation_id", "there is no such organisation");
    }
    if (request.facility_id) {
      auto facility = txn.Get(FacilityKind(), *request.facility_id, actor);
      if (!facility.ok()) return InvalidArgument("facility_id", "there is no such facility");
    }
    if (request.staff_id) {
      VINCULO_RETURN_IF_ERROR(CheckStaffLink(txn, *request.staff_id, request.organisation_id));
    }
    auto inserted = txn.InsertUser(user, context_.Now());
    if (!inserted.ok()) return inserted.status();
    VINCULO_RETURN_IF_ERROR(txn.AppendAudit({AuditEventFor(actor, context_.Now(), "create", "users",
                                                           inserted->id, RoleName(request.role))}));
    created = std::move(*inserted);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  created.password_hash.clear();
  return created;
}

Result<std::vector<User>> AuthService::ListUsers(const Actor& actor) {
  if (!Allows(actor.role, Permission::kManageUsers))
    return Forbidden("only administrators list users");
  std::vector<User> users;
  Status status = context_.store->Read([&](Txn& txn) -> Status {
    auto rows = txn.ListUsers(actor);
    if (!rows.ok()) return rows.status();
    users = std::move(*rows);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  for (User& user : users) user.password_hash.clear();
  return users;
}

Result<User> AuthService::GetUser(const Actor& actor, long long user_id) {
  if (!Allows(actor.role, Permission::kManageUsers))
    return Forbidden("only administrators read users");
  User found;
  Status status = context_.store->Read([&](Txn& txn) -> Status {
    auto user = txn.GetUser(user_id);
    if (!user.ok()) return user.status();
    const bool in_scope =
        actor.IsGlobal() ||
        (actor.organisation_id && user->organisation_id == actor.organisation_id) ||
        (actor.facility_id && user->facility_id == actor.facility_id);
    if (!in_scope) return NotFound("no user with id " + std::to_string(user_id));
    found = std::move(*user);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  found.password_hash.clear();
  return found;
}

Result<User> AuthService::SetDisabled(const Actor& actor, long long user_id,
                                      long long expected_version, bool disabled) {
  if (!Allows(actor.role, Permission::kManageUsers))
    return Forbidden("only administrators manage users");
  if (disabled && user_id == actor.user_id) {
    return InvalidArgument("disabled", "you cannot disable your own account");
  }
  User result;
  Status status = context_.store->Write([&](Txn& txn) -> Status {
    auto visible = txn.ListUsers(actor);
    if (!visible.ok()) return visible.status();
    const User* target = nullptr;
    for (const User& user : *visible) {
      if (user.id == user_id) target = &user;
    }
    if (!target) return NotFound("no user with id " + std::to_string(user_id));
    User changed = *target;
    changed.disabled = disabled;
    auto written = txn.UpdateUser(changed, expected_version, context_.Now());
    if (!written.ok()) return written.status();
    if (disabled) VINCULO_RETURN_IF_ERROR(txn.RevokeUserSessions(user_id, context_.Now()));
    result = std::move(*written);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  // After the commit, so that no request reading before it caches her again.
  session_cache_->EvictUser(user_id);
  result.password_hash.clear();
  return result;
}

Result<User> AuthService::UpdateUser(const Actor& actor, long long user_id,
                                     const UserChange& change, long long expected_version) {
  if (!Allows(actor.role, Permission::kManageUsers))
    return Forbidden("only administrators change users");
  std::string display_name;
  if (change.display_name) {
    const auto first = change.display_name->find_first_not_of(" \t\r\n");
    if (first != std::string::npos) {
      const auto last = change.display_name->find_last_not_of(" \t\r\n");
      display_name = change.display_name->substr(first, last - first + 1);
    }
    if (display_name.empty()) return InvalidArgument("display_name", "cannot be empty");
    if (display_name.size() > kMaxDisplayName) {
      return InvalidArgument("display_name", "is longer than 200 bytes");
    }
  }
  if (change.language && *change.language != "es" && *change.language != "en") {
    return InvalidArgument("language", "must be es or en");
  }
  if (change.role && user_id == actor.user_id) {
    return InvalidArgument("role", "you cannot change your own role");
  }
  User result;
  std::vector<std::string> changed_fields;
  Status status = context_.store->Write([&](Txn& txn) -> Status {
    auto current = txn.GetUser(user_id);
    if (!current.ok()) return current.status();
    const bool in_scope =
        actor.IsGlobal() ||
        (actor.organisation_id && current->organisation_id == actor.organisation_id) ||
        (actor.facility_id && current->facility_id == actor.facility_id);
    if (!in_scope) return NotFound("no user with id " + std::to_string(user_id));
    User changed = *current;
    if (change.staff_id) {
      if (*change.staff_id) {
        VINCULO_RETURN_IF_ERROR(CheckStaffLink(txn, **change.staff_id, current->organisation_id));
      }
      changed.staff_id = *change.staff_id;
      if (changed.staff_id != current->staff_id) {
        changed_fields.push_back("staff_id " + (changed.staff_id ? std::to_string(*changed.staff_id)
                                                                 : std::string("none")));
      }
    }
    if (change.display_name && display_name != current->display_name) {
      changed.display_name = display_name;
      changed_fields.push_back("display_name");
    }
    if (change.language && *change.language != current->language) {
      changed.language = *change.language;
      changed_fields.push_back("language " + *change.language);
    }
    if (change.role && *change.role != current->role) {
      // The user keeps her organisation or facility: the new role must fit it.
      VINCULO_RETURN_IF_ERROR(CheckRoleFits(*change.role, current->organisation_id,
                                            current->facility_id, "role", "role"));
      changed.role = *change.role;
      changed_fields.push_back(std::string("role ") + RoleName(current->role) + " to " +
                               RoleName(*change.role));
    }
    if (current->version != expected_version) {
      return Status(StatusCode::kPreconditionFailed, "the user was changed by someone else");
    }
    if (changed_fields.empty()) {
      result = std::move(*current);
      return Status::Ok();
    }
    auto written = txn.UpdateUser(changed, expected_version, context_.Now());
    if (!written.ok()) return written.status();
    std::string detail;
    for (const std::string& field : changed_fields) {
      detail += (detail.empty() ? "" : ", ") + field;
    }
    VINCULO_RETURN_IF_ERROR(txn.AppendAudit(
        {AuditEventFor(actor, context_.Now(), "update", "users", user_id, detail)}));
    result = std::move(*written);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  // Her cached sessions carry the old staff link, role and language: the next
  // request reads the user again (see session_cache.h for other processes).
  if (!changed_fields.empty()) session_cache_->EvictUser(user_id);
  result.password_hash.clear();
  return result;
}

Result<User> AuthService::SetLanguage(const Actor& actor, const std::string& language) {
  if (language != "es" && language != "en") {
    return InvalidArgument("language", "must be es or en");
  }
  if (actor.user_id <= 0) return Forbidden("only a signed-in user has a language");
  User result;
  Status status = context_.store->Write([&](Txn& txn) -> Status {
    auto current = txn.GetUser(actor.user_id);
    if (!current.ok()) return current.status();
    User changed = *current;
    changed.language = language;
    auto written = txn.UpdateUser(changed, current->version, context_.Now());
    if (!written.ok()) return written.status();
    result = std::move(*written);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  session_cache_->EvictUser(actor.user_id);
  result.password_hash.clear();
  return result;
}

}  // namespace vinculo
