// AuthService: signing in and out, and turning a session token into an Actor.
//
// Login checks the password with argon2id and opens a session that expires
// after `session_ttl` (default 12 hours). The token goes to the client once;
// the store keeps only its hash. Unknown users and wrong passwords get the
// same answer and take the same time. Users are managed here too.
// Thread-safe.
#pragma once

#include <chrono>

#include "service/context.h"
#include "service/login_throttle.h"
#include "service/session_cache.h"
#include "store/session_notices.h"

namespace vinculo {

// A session ends after this long without a request, whatever is left of its
// absolute lifetime (issue 13). Its last use is written at most once per
// kSessionTouchInterval, so the timeout is exact to within that.
inline constexpr std::chrono::minutes kSessionIdleTimeout{30};
inline constexpr std::chrono::seconds kSessionTouchInterval{60};

struct LoginResult {
  std::string token;
  std::string expires_at;
  User user;
};

struct NewUser {
  std::string username;
  std::string password;
  Role role = Role::kCaregiver;
  std::optional<long long> organisation_id;
  std::optional<long long> facility_id;
  // The staff record the user is (a caregiver who escorts children); a staff
  // record of the user's own organisation.
  std::optional<long long> staff_id;
  std::string display_name;
  std::string language = "es";
};

// What an administrator changes of a user; an absent member stays as it is.
struct UserChange {
  // Present with a value: link to that staff record; present and empty: unlink.
  std::optional<std::optional<long long>> staff_id;
  std::optional<std::string> display_name;
  std::optional<std::string> language;  // es | en
  std::optional<Role> role;
};

class AuthService {
 public:
  explicit AuthService(ServiceContext context,
                       std::chrono::seconds session_ttl = std::chrono::hours(12))
      : context_(context),
        session_ttl_(session_ttl),
        session_cache_(std::make_unique<SessionCache>()),
        throttle_(std::make_unique<LoginThrottle>()) {
    // On PostgreSQL other servers revoke too: cache nothing until their
    // notices can be heard (ListenForRevocations).
    if (context_.store->engine() == Engine::kPostgres) session_cache_->SetEnabled(false);
  }

  // On PostgreSQL, listens for the session notices of every server sharing
  // the database (store/session_notices.h) and evicts what they name, so a
  // logout, a disabled account or a changed user takes effect on this server
  // at once; the SessionCache is on only while the notices can be heard. The
  // server calls it once; a command-line run needs no cache. Nothing on
  // SQLite, where one process serves a database file.
  void ListenForRevocations();

  // kUnauthenticated for an unknown user, a wrong password or a disabled
  // account; each is audited ("login_failed") and counted by the
  // LoginThrottle. kTooManyAttempts (with the seconds to wait) while the
  // account or the address must wait, or when too many passwords are being
  // checked at once (PasswordHashingSlot).
  Result<LoginResult> Login(const std::string& username, const std::string& password,
                            const std::string& remote_address);
  // The actor behind a live token; kUnauthenticated otherwise, and when the
  // session went unused for kSessionIdleTimeout (it is then revoked). Answers
  // from the SessionCache when it can (session_cache.h says when that is).
  Result<Actor> Authenticate(const std::string& token, const std::string& remote_address);
  Status Logout(const std::string& token);

  // Adds a user. Administrators only; a scoped administrator only within her
  // own organisation or facility. The CLI passes Actor::System().
  Result<User> AddUser(const Actor& actor, const NewUser& user);
  Result<std::vector<User>> ListUsers(const Actor& actor);
  // One user; kNotFound when absent or outside the administrator's scope.
  Result<User> GetUser(const Actor& actor, long long user_id);
  // Enables or disables an account; disabling signs the user out everywhere.
  Result<User> SetDisabled(const Actor& actor, long long user_id, long long expected_version,
                           bool disabled);

  // Changes a user's staff link, display name, language or role if her
  // version is `expected_version`. Administrators only (kForbidden), for users
  // of their own organisation or facility (kNotFound otherwise; a global
  // administrator for all). kInvalidArgument naming staff_id (not a staff
  // record of the user's own organisation), display_name (empty or over 200
  // bytes), language, or role (one's own, or one that does not fit the user's
  // organisation or facility, which do not change here); kPreconditionFailed
  // when someone else changed the user first. Audited. The user's cached
  // sessions are dropped in this process, so her next request sees the change;
  // other servers sharing a PostgreSQL database drop them when the change
  // commits (ListenForRevocations). A change that changes nothing writes nothing.
  Result<User> UpdateUser(const Actor& actor, long long user_id, const UserChange& change,
                          long long expected_version);

  // Sets the signed-in user's own interface language ("es" or "en"); any
  // user may change her own, nobody else's.
  Result<User> SetLanguage(const Actor& actor, const std::string& language);

  // The signed-in user changes her own password, re-entering the current one.
  // Every session of hers ends, this one too, and a new session is opened
  // and returned (the caller's new token). kInvalidArgument naming
  // current_password when it is not right (audited and throttled like a
  // failed sign-in) or new_password when the policy refuses it
  // (CheckPasswordPolicy, with her username and the old password);
  // kTooManyAttempts while she must wait. Audited ("password_changed").
  Result<LoginResult> ChangeOwnPassword(const Actor& actor, const std::string& current_password,
                                        const std::string& new_password);

  static Actor ActorFor(const User& user, const std::string& remote_address);

  // Accounts and addresses that must wait before signing in again.
  // Administrators only (kForbidden).
  Result<std::vector<LoginThrottle::Wait>> CurrentLoginWaits(const Actor& actor) const;

 private:
  // Audits a failed sign-in (user_id 0 for an unknown username), counts it,
  // and logs and audits any wait or lockout it starts.
  void RecordFailedLogin(const std::string& username, long long user_id,
                         const std::string& remote_address, const std::string& reason);

  ServiceContext context_;
  std::chrono::seconds session_ttl_;
  std::unique_ptr<SessionCache> session_cache_;
  std::unique_ptr<LoginThrottle> throttle_;
  // Declared after the cache it feeds, so it stops first.
  std::unique_ptr<SessionNoticeListener> notices_;
};

}  // namespace vinculo
