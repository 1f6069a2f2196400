// SessionCache: the actors behind recently seen session tokens, so that an
// authenticated request does not cost two extra database queries.
//
// An entry lives at most `ttl` (default 5 s) and never past its session's own
// expiry. Logout, disabling a user and changing one (AuthService::UpdateUser:
// staff link, role, language) evict at once in this process; another
// server process sharing the same PostgreSQL sees a revocation within `ttl`,
// the documented bound. Bounded: when full it is cleared. Thread-safe.
#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "domain/access.h"

namespace vinculo {

class SessionCache {
 public:
  explicit SessionCache(std::chrono::seconds ttl = std::chrono::seconds(5),
                        size_t max_entries = 100000)
      : ttl_(ttl), max_entries_(max_entries) {}

  // The cached actor for `token_hash`, if cached less than ttl ago and the
  // session has not expired at `now`.
  std::optional<Actor> Find(const std::string& token_hash,
                            std::chrono::system_clock::time_point now);
  void Put(const std::string& token_hash, const Actor& actor,
           std::chrono::system_clock::time_point session_expires_at,
           std::chrono::system_clock::time_point now);
  void Evict(const std::string& token_hash);
  void EvictUser(long long user_id);

 private:
  struct Entry {
    Actor actor;
    std::chrono::system_clock::time_point valid_until;
  };
  const std::chrono::seconds ttl_;
  const size_t max_entries_;
  std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;  // guarded by mutex_
};

}  // namespace vinculo
