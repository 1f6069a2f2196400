#include "service/login_throttle.h"

#include <algorithm>

namespace vinculo {

namespace {
int SecondsUntil(LoginThrottle::TimePoint until, LoginThrottle::TimePoint now) {
  const auto left = std::chrono::ceil<std::chrono::seconds>(until - now).count();
  return static_cast<int>(std::max<long long>(1, left));
}
}  // namespace

Status LoginThrottle::Check(const std::string& username, const std::string& address,
                            TimePoint now) {
  std::lock_guard lock(mutex_);
  TimePoint until = now;
  if (auto it = accounts_.find(username); it != accounts_.end()) {
    until = std::max(until, it->second.wait_until);
  }
  if (auto it = addresses_.find(address); it != addresses_.end()) {
    until = std::max(until, it->second.wait_until);
  }
  if (until <= now) return Status::Ok();
  const int seconds = SecondsUntil(until, now);
  return Status(StatusCode::kTooManyAttempts,
                "too many failed sign-ins; try again in " + std::to_string(seconds) + " s")
      .WithRetryAfter(seconds);
}

bool LoginThrottle::Count(Table& table, const std::string& key, int free_failures, TimePoint now) {
  Entry& entry = table[key];
  if (entry.failures > 0 && now - entry.last_failure > kForgetAfter) entry = Entry{};
  ++entry.failures;
  entry.last_failure = now;
  const int over = entry.failures - free_failures;
  if (over <= 0) return false;
  // 1 s doubled for each failure past the free ones, at most kLongestWait.
  auto wait = kLongestWait;
  if (over <= 12)
    wait = std::min<std::chrono::seconds>(kLongestWait, kFirstWait * (1 << (over - 1)));
  entry.wait_until = now + wait;
  return true;
}

void LoginThrottle::Forget(Table& table, TimePoint now) {
  if (table.size() < kMaxTracked) return;
  for (auto it = table.begin(); it != table.end();) {
    it = now - it->second.last_failure > kForgetAfter && it->second.wait_until <= now
             ? table.erase(it)
             : std::next(it);
  }
  // Still full (a flood within the hour): the oldest failures go.
  while (table.size() >= kMaxTracked) {
    auto oldest = std::min_element(table.begin(), table.end(), [](const auto& a, const auto& b) {
      return a.second.last_failure < b.second.last_failure;
    });
    table.erase(oldest);
  }
}

std::vector<LoginThrottle::Wait> LoginThrottle::Failed(const std::string& username,
                                                       const std::string& address, TimePoint now) {
  std::lock_guard lock(mutex_);
  Forget(accounts_, now);
  Forget(addresses_, now);
  std::vector<Wait> started;
  if (Count(accounts_, username, kFreeAccountFailures, now)) {
    const Entry& entry = accounts_[username];
    started.push_back({"account", username, entry.failures, entry.wait_until,
                       entry.wait_until - now >= kLongestWait});
  }
  if (Count(addresses_, address, kFreeAddressFailures, now)) {
    const Entry& entry = addresses_[address];
    started.push_back({"address", address, entry.failures, entry.wait_until,
                       entry.wait_until - now >= kLongestWait});
  }
  return started;
}

void LoginThrottle::Succeeded(const std::string& username) {
  std::lock_guard lock(mutex_);
  // The address keeps its count: signing in to one's own account must not
  // reset the count of guesses at others' from the same address.
  accounts_.erase(username);
}

std::vector<LoginThrottle::Wait> LoginThrottle::Current(TimePoint now) const {
  std::lock_guard lock(mutex_);
  std::vector<Wait> waits;
  for (const auto& [kind, table] :
       {std::pair<const char*, const Table*>{"account", &accounts_}, {"address", &addresses_}}) {
    for (const auto& [key, entry] : *table) {
      if (entry.wait_until <= now) continue;
      waits.push_back({kind, key, entry.failures, entry.wait_until,
                       entry.wait_until - entry.last_failure >= kLongestWait});
    }
  }
  std::sort(waits.begin(), waits.end(),
            [](const Wait& a, const Wait& b) { return a.until > b.until; });
  return waits;
}

}  // namespace vinculo
