// LoginThrottle: growing waits and a temporary lockout after failed sign-ins,
// counted per account (the username as typed) and per client address
// (issue 13).
//
// After kFreeAccountFailures failures in a row for an account (kFreeAddress-
// Failures for an address, which several people may share behind one
// router), each further failure makes the next attempt wait twice as long:
// 1 s, 2 s, 4 s, ... up to kLongestWait (15 minutes); a wait of that length
// is a lockout. An attempt during a wait is refused without looking at the
// password, so the right password does not get through either. A successful
// sign-in clears its account's count; failures older than kForgetAfter
// are forgotten. At most kMaxTracked keys are remembered (the oldest go
// first), so a flood of invented usernames costs bounded memory.
//
// In memory, per server process: several processes over one PostgreSQL
// each throttle on their own (docs/security.md). Time comes from the caller
// (the service's Clock), so tests are exact. Thread-safe.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "common/status.h"

namespace vinculo {

class LoginThrottle {
 public:
  using TimePoint = std::chrono::system_clock::time_point;
  static constexpr int kFreeAccountFailures = 5;
  static constexpr int kFreeAddressFailures = 20;
  static constexpr std::chrono::seconds kFirstWait{1};
  static constexpr std::chrono::seconds kLongestWait{15 * 60};
  static constexpr std::chrono::seconds kForgetAfter{60 * 60};
  static constexpr size_t kMaxTracked = 100'000;

  // A key that must wait now, for administrators (GET /api/v1/auth/lockouts).
  struct Wait {
    std::string kind;  // "account" or "address"
    std::string key;   // the username or the address
    int failures = 0;
    TimePoint until;
    bool locked_out = false;  // the wait is kLongestWait
  };

  // OK, or kTooManyAttempts with the seconds to wait (retry_after_seconds)
  // while the account or the address must wait.
  Status Check(const std::string& username, const std::string& address, TimePoint now);
  // Counts a failure. Returns the waits it started (empty while failures are
  // still free), so that the caller logs them.
  std::vector<Wait> Failed(const std::string& username, const std::string& address, TimePoint now);
  // Clears the account's count (not the address's: see Succeeded's body).
  void Succeeded(const std::string& username);
  // Every key that must wait at `now`, the longest wait first.
  std::vector<Wait> Current(TimePoint now) const;

 private:
  struct Entry {
    int failures = 0;
    TimePoint last_failure;
    TimePoint wait_until;
  };
  using Table = std::map<std::string, Entry>;
  // Counts a failure of `key` in `table`; true when it now has to wait.
  static bool Count(Table& table, const std::string& key, int free_failures, TimePoint now);
  static void Forget(Table& table, TimePoint now);

  mutable std::mutex mutex_;
  Table accounts_;   // GUARDED_BY(mutex_)
  Table addresses_;  // GUARDED_BY(mutex_)
};

}  // namespace vinculo
