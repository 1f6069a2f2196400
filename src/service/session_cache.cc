#include "service/session_cache.h"

namespace vinculo {

std::optional<Actor> SessionCache::Find(const std::string& token_hash,
                                        std::chrono::system_clock::time_point now) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = entries_.find(token_hash);
  if (it == entries_.end()) return std::nullopt;
  if (now >= it->second.valid_until) {
    entries_.erase(it);
    return std::nullopt;
  }
  return it->second.actor;
}

void SessionCache::Put(const std::string& token_hash, const Actor& actor,
                       std::chrono::system_clock::time_point session_expires_at,
                       std::chrono::system_clock::time_point now) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (entries_.size() >= max_entries_) entries_.clear();
  entries_[token_hash] = Entry{actor, std::min(session_expires_at, now + ttl_)};
}

void SessionCache::Evict(const std::string& token_hash) {
  std::lock_guard<std::mutex> lock(mutex_);
  entries_.erase(token_hash);
}

void SessionCache::EvictUser(long long user_id) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::erase_if(entries_,
                [user_id](const auto& entry) { return entry.second.actor.user_id == user_id; });
}

}  // namespace vinculo
