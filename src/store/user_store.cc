// Users, their sessions, and the audit log.
#include <soci/soci.h>

#include "store/session_notices.h"
#include "store/sql_util.h"
#include "store/store.h"

namespace vinculo {
using store_internal::Params;

namespace {

// Tells every server sharing the database, when (and if) this transaction
// commits, to forget what it cached of the session or the user
// (store/session_notices.h). SQLite: one process, which evicts by itself.
void NotifySessionServers(soci::session& sql, Engine engine, const SessionNotice& notice) {
  if (engine != Engine::kPostgres) return;
  std::string channel = kSessionNoticeChannel;
  std::string payload = SessionNoticePayload(notice);
  sql << "SELECT pg_notify(:channel, :payload)", soci::use(channel), soci::use(payload);
}

constexpr const char* kUserColumns =
    "id, username, password_hash, role, organisation_id, facility_id, display_name, language, "
    "disabled, version, created_at, staff_id";

Result<User> ReadUser(const soci::row& row) {
  User user;
  user.id = store_internal::GetInteger(row, 0);
  user.username = store_internal::GetText(row, 1);
  user.password_hash = store_internal::GetText(row, 2);
  auto role = ParseRole(store_internal::GetText(row, 3));
  if (!role.ok()) return Internal("user " + user.username + " has an unknown role");
  user.role = *role;
  user.organisation_id = store_internal::GetOptionalInteger(row, 4);
  user.facility_id = store_internal::GetOptionalInteger(row, 5);
  user.display_name = store_internal::GetText(row, 6);
  user.language = store_internal::GetText(row, 7);
  user.disabled = store_internal::GetInteger(row, 8) != 0;
  user.version = store_internal::GetInteger(row, 9);
  user.created_at = store_internal::GetText(row, 10);
  user.staff_id = store_internal::GetOptionalInteger(row, 11);
  return user;
}

Result<std::vector<User>> QueryUsers(soci::session& sql, const std::string& query, Params& params) {
  std::vector<User> users;
  auto collect = [&](soci::rowset<soci::row>& rows) -> Status {
    for (const soci::row& row : rows) {
      auto user = ReadUser(row);
      if (!user.ok()) return user.status();
      users.push_back(std::move(*user));
    }
    return Status::Ok();
  };
  Status status;
  if (params.empty()) {
    soci::rowset<soci::row> rows = (sql.prepare << query);
    status = collect(rows);
  } else {
    soci::rowset<soci::row> rows = (sql.prepare << query, soci::use(params.values()));
    status = collect(rows);
  }
  if (!status.ok()) return status;
  return users;
}

}  // namespace

Result<User> Txn::InsertUser(const User& user, const std::string& now) {
  try {
    Params params;
    const std::string query =
        "INSERT INTO users (username, password_hash, role, organisation_id, facility_id, "
        "display_name, language, disabled, version, created_at, updated_at, staff_id) VALUES (" +
        params.Add(user.username) + ", " + params.Add(user.password_hash) + ", " +
        params.Add(std::string(RoleName(user.role))) + ", " +
        params.AddOptional(user.organisation_id) + ", " + params.AddOptional(user.facility_id) +
        ", " + params.Add(user.display_name) + ", " + params.Add(user.language) + ", " +
        params.AddInteger(user.disabled ? 1 : 0) + ", 1, " + params.Add(now) + ", " +
        params.Add(now) + ", " + params.AddOptional(user.staff_id) + ") RETURNING id";
    long long id = 0;
    sql_ << query, soci::use(params.values()), soci::into(id);
    return GetUser(id);
  } catch (const std::exception& error) {
    Status status = StatusFromDriverError(error.what(), "creating a user");
    if (status.code() == StatusCode::kConflict &&
        status.message().find("unique") != std::string::npos) {
      return Conflict("the username '" + user.username + "' is taken", "username");
    }
    return status;
  }
}

Result<User> Txn::FindUser(const std::string& username) {
  try {
    Params params;
    auto users = QueryUsers(sql_,
                            std::string("SELECT ") + kUserColumns +
                                " FROM users WHERE username = " + params.Add(username),
                            params);
    if (!users.ok()) return users.status();
    if (users->empty()) return NotFound("no user named " + username);
    return users->front();
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "reading a user");
  }
}

Result<User> Txn::GetUser(long long id) {
  try {
    Params params;
    auto users = QueryUsers(
        sql_,
        std::string("SELECT ") + kUserColumns + " FROM users WHERE id = " + params.AddInteger(id),
        params);
    if (!users.ok()) return users.status();
    if (users->empty()) return NotFound("no user with id " + std::to_string(id));
    return users->front();
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "reading a user");
  }
}

Result<std::vector<User>> Txn::ListUsers(const Actor& actor) {
  try {
    Params params;
    std::string where = "1=1";
    if (!actor.IsGlobal()) {
      if (actor.organisation_id) {
        where = "organisation_id = " + params.AddInteger(*actor.organisation_id);
      } else if (actor.facility_id) {
        where = "facility_id = " + params.AddInteger(*actor.facility_id);
      } else {
        where = "1=0";
      }
    }
    return QueryUsers(
        sql_,
        std::string("SELECT ") + kUserColumns + " FROM users WHERE " + where + " ORDER BY username",
        params);
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "listing users");
  }
}

Result<User> Txn::UpdateUser(const User& user, long long expected_version, const std::string& now) {
  try {
    Params params;
    const std::string query = "UPDATE users SET password_hash = " + params.Add(user.password_hash) +
                              ", role = " + params.Add(std::string(RoleName(user.role))) +
                              ", organisation_id = " + params.AddOptional(user.organisation_id) +
                              ", facility_id = " + params.AddOptional(user.facility_id) +
                              ", staff_id = " + params.AddOptional(user.staff_id) +
                              ", display_name = " + params.Add(user.display_name) +
                              ", language = " + params.Add(user.language) +
                              ", disabled = " + params.AddInteger(user.disabled ? 1 : 0) +
                              ", version = version + 1, updated_at = " + params.Add(now) +
                              " WHERE id = " + params.AddInteger(user.id) +
                              " AND version = " + params.AddInteger(expected_version);
    if (store_internal::ExecuteWith(*this, query, params) == 0) {
      auto current = GetUser(user.id);
      if (!current.ok()) return current.status();
      return Status(StatusCode::kPreconditionFailed, "the user was changed by someone else");
    }
    NotifySessionServers(sql_, engine_, {.user_id = user.id});
    return GetUser(user.id);
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "updating a user");
  }
}

Status Txn::InsertSession(const SessionRow& session) {
  try {
    Params params;
    store_internal::ExecuteWith(
        *this,
        "INSERT INTO sessions (token_hash, user_id, created_at, expires_at, remote_address) VALUES "
        "(" +
            params.Add(session.token_hash) + ", " + params.AddInteger(session.user_id) + ", " +
            params.Add(session.created_at) + ", " + params.Add(session.expires_at) + ", " +
            params.Add(session.remote_address) + ")",
        params);
    return Status::Ok();
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "opening a session");
  }
}

Result<SessionRow> Txn::FindLiveSession(const std::string& token_hash, const std::string& now) {
  try {
    Params params;
    const std::string query =
        "SELECT id, token_hash, user_id, created_at, expires_at, remote_address, last_seen_at "
        "FROM sessions "
        "WHERE token_hash = " +
        params.Add(token_hash) + " AND revoked_at IS NULL AND expires_at > " + params.Add(now);
    soci::rowset<soci::row> rows = (sql_.prepare << query, soci::use(params.values()));
    for (const soci::row& row : rows) {
      SessionRow session;
      session.id = store_internal::GetInteger(row, 0);
      session.token_hash = store_internal::GetText(row, 1);
      session.user_id = store_internal::GetInteger(row, 2);
      session.created_at = store_internal::GetText(row, 3);
      session.expires_at = store_internal::GetText(row, 4);
      session.remote_address = store_internal::GetText(row, 5);
      session.last_seen_at = store_internal::GetText(row, 6);
      return session;
    }
    return Status(StatusCode::kUnauthenticated, "the session has expired or was signed out");
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "reading a session");
  }
}

Status Txn::RevokeSession(const std::string& token_hash, const std::string& now) {
  try {
    Params params;
    store_internal::ExecuteWith(*this,
                                "UPDATE sessions SET revoked_at = " + params.Add(now) +
                                    " WHERE token_hash = " + params.Add(token_hash) +
                                    " AND revoked_at IS NULL",
                                params);
    NotifySessionServers(sql_, engine_, {.token_hash = token_hash});
    return Status::Ok();
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "closing a session");
  }
}

Status Txn::TouchSession(const std::string& token_hash, const std::string& now) {
  try {
    Params params;
    store_internal::ExecuteWith(*this,
                                "UPDATE sessions SET last_seen_at = " + params.Add(now) +
                                    " WHERE token_hash = " + params.Add(token_hash),
                                params);
    return Status::Ok();
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "recording a session's use");
  }
}

Status Txn::RevokeUserSessions(long long user_id, const std::string& now) {
  try {
    Params params;
    store_internal::ExecuteWith(*this,
                                "UPDATE sessions SET revoked_at = " + params.Add(now) +
                                    " WHERE user_id = " + params.AddInteger(user_id) +
                                    " AND revoked_at IS NULL",
                                params);
    NotifySessionServers(sql_, engine_, {.user_id = user_id});
    return Status::Ok();
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "closing sessions");
  }
}

Result<std::vector<AuditEvent>> Txn::AuditTrail(const std::string& record_kind, long long record_id,
                                                int limit) {
  try {
    Params params;
    std::string where = "1=1";
    if (!record_kind.empty()) where += " AND record_kind = " + params.Add(record_kind);
    if (record_id > 0) where += " AND record_id = " + params.AddInteger(record_id);
    const std::string query =
        "SELECT at, user_id, username, action, record_kind, record_id, remote_address, detail FROM "
        "audit_events WHERE " +
        where + " ORDER BY id DESC LIMIT " + std::to_string(limit);
    std::vector<AuditEvent> events;
    auto collect = [&](soci::rowset<soci::row>& rows) {
      for (const soci::row& row : rows) {
        AuditEvent event;
        event.at = store_internal::GetText(row, 0);
        event.user_id = store_internal::GetInteger(row, 1);
        event.username = store_internal::GetText(row, 2);
        event.action = store_internal::GetText(row, 3);
        event.record_kind = store_internal::GetText(row, 4);
        event.record_id = store_internal::GetInteger(row, 5);
        event.remote_address = store_internal::GetText(row, 6);
        event.detail = store_internal::GetText(row, 7);
        events.push_back(std::move(event));
      }
    };
    if (params.empty()) {
      soci::rowset<soci::row> rows = (sql_.prepare << query);
      collect(rows);
    } else {
      soci::rowset<soci::row> rows = (sql_.prepare << query, soci::use(params.values()));
      collect(rows);
    }
    return events;
  } catch (const std::exception& error) {
    return StatusFromDriverError(error.what(), "reading the audit log");
  }
}

}  // namespace vinculo
