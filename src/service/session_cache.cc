#include "service/session_cache.h"

namespace vinculo {

std::optional<Actor> SessionCache::Find(const std::string& token_hash,
                                        std::chrono::system_clock::time_point now) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!enabled_) return std::nullopt;
  auto it = entries_.find(token_hash);
  if (it == entries_.end()) return std::nullopt;
  if (now >= it->second.valid_until) {
    entries_.erase(it);
    return std::nullopt;
  }
  return it->second.actor;
}

uint64_t SessionCache::Generation() {
  std::lock_guard<std::mutex> lock(mutex_);
  return generation_;
}

void SessionCache::Put(const std::string& token_hash, const Actor& actor,
                       std::chrono::system_clock::time_point session_expires_at,
                       std::chrono::system_clock::time_point now, uint64_t generation) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!enabled_ || generation != generation_) return;
  if (entries_.size() >= max_entries_) entries_.clear();
  entries_[token_hash] = Entry{actor, std::min(session_expires_at, now + ttl_)};
}

void SessionCache::Evict(const std::string& token_hash) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++generation_;
  entries_.erase(token_hash);
}

void SessionCache::EvictUser(long long user_id) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++generation_;
  std::erase_if(entries_,
                [user_id](const auto& entry) { return entry.second.actor.user_id == user_id; });
}

void SessionCache::SetEnabled(bool enabled) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++generation_;
  enabled_ = enabled;
  entries_.clear();
}

bool SessionCache::enabled() {
  std::lock_guard<std::mutex> lock(mutex_);
  return enabled_;
}

}  // namespace vinculo
