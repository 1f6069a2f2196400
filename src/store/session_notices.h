// Session notices: how every server sharing one PostgreSQL database learns at
// once that a session was revoked or a user changed (issue 14).
//
// The store sends a notice inside the transaction that revokes a session
// (Txn::RevokeSession), revokes a user's sessions (Txn::RevokeUserSessions)
// or changes a user (Txn::UpdateUser): `SELECT pg_notify('vinculo_sessions',
// ...)`, which PostgreSQL delivers to every listener when, and only if, the
// transaction commits. SQLite sends nothing: one process serves a database
// file (docs/operations.md), and it evicts its own cache.
//
// SessionNoticeListener holds its own libpq connection (LISTEN needs a
// session connection of its own, so not through PgBouncer in transaction
// mode), on a thread of its own that reconnects after a failure. It reports
// every notice, and whether it is listening: while it is not, notices may be
// lost, and the caller must not trust anything it cached (the SessionCache
// then caches nothing). Internal to the store and its one user, AuthService.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace vinculo {

class Store;

inline constexpr const char* kSessionNoticeChannel = "vinculo_sessions";

// One notice: a session ended (token_hash set) or a user changed or lost
// every session (user_id set).
struct SessionNotice {
  long long user_id = 0;
  std::string token_hash;
};

// The payload of a notice and back; nullopt for a payload that is not one.
std::string SessionNoticePayload(const SessionNotice& notice);
std::optional<SessionNotice> ParseSessionNoticePayload(const std::string& payload);

class SessionNoticeListener {
 public:
  struct Callbacks {
    // A notice committed by any process (this one too). Called on the
    // listener's thread.
    std::function<void(const SessionNotice&)> on_notice;
    // true once listening (again), false when the connection is lost. Called
    // on the listener's thread, and once from Start with the first state.
    std::function<void(bool listening)> on_listening;
  };

  // Starts listening on `store`'s PostgreSQL database (one connection attempt
  // before returning, then in the background until it succeeds); nullptr for
  // a SQLite store, which needs none.
  static std::unique_ptr<SessionNoticeListener> Start(const Store& store, Callbacks callbacks);
  // Stops the thread and closes the connection.
  ~SessionNoticeListener();
  SessionNoticeListener(const SessionNoticeListener&) = delete;
  SessionNoticeListener& operator=(const SessionNoticeListener&) = delete;

  struct Impl;

 private:
  explicit SessionNoticeListener(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace vinculo
