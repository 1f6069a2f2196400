// SessionCache: the actors behind recently seen session tokens, so that an
// authenticated request does not cost two extra database queries.
//
// An entry lives at most `ttl` (default 5 s) and never past its session's own
// expiry. Logout, disabling a user and changing one (AuthService::UpdateUser:
// staff link, role, language) evict at once in this process. On PostgreSQL
// every other server evicts at once too: AuthService feeds the cache the
// session notices of store/session_notices.h, and while those cannot be
// heard (the listener's connection is down, or was never started) the cache
// is off: it finds nothing and keeps nothing, so a revoked session is never
// served from it. An eviction or a change of state bumps a generation, and a
// Put that read the database under an older generation is dropped, so an
// actor read before a revocation committed is not cached after it.
// Bounded: when full it is cleared. Thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
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

  // The cached actor for `token_hash`, if cached less than ttl ago, the
  // session has not expired at `now` and the cache is on.
  std::optional<Actor> Find(const std::string& token_hash,
                            std::chrono::system_clock::time_point now);
  // Take before reading the session from the database; pass to Put.
  uint64_t Generation();
  // Keeps `actor` unless the cache is off or anything was evicted since
  // `generation`.
  void Put(const std::string& token_hash, const Actor& actor,
           std::chrono::system_clock::time_point session_expires_at,
           std::chrono::system_clock::time_point now, uint64_t generation);
  void Evict(const std::string& token_hash);
  void EvictUser(long long user_id);
  // Turns the cache on or off; either way everything cached is forgotten.
  void SetEnabled(bool enabled);
  bool enabled();

 private:
  struct Entry {
    Actor actor;
    std::chrono::system_clock::time_point valid_until;
  };
  const std::chrono::seconds ttl_;
  const size_t max_entries_;
  std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;  // guarded by mutex_
  uint64_t generation_ = 0;                         // guarded by mutex_
  bool enabled_ = true;                             // guarded by mutex_
};

}  // namespace vinculo
