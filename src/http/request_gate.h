// Internal to src/http: how many requests run their handler at once.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>

namespace vinculo::http_internal {

// A first-come, first-served gate in front of the request handlers: at most
// `slots` handlers run at once, the others wait in arrival order. The server
// has a thread per connection, so without the gate 64 busy connections are 64
// runnable threads sharing two cores: the scheduler then serves them in no
// particular order and preempts handlers holding the pool's, the audit
// queue's or SQLite's locks, and the slowest requests wait several times the
// average (issue 13: p99 above 10 ms at an average of 2.4). Through the gate
// a request waits for the ones that came before it, and no longer.
//
// A request that has waited `longest_wait` runs without a slot, so that a few
// long handlers (a monthly plan, a report) holding every slot delay the others
// by at most that much.
class RequestGate {
 public:
  RequestGate(size_t slots, std::chrono::milliseconds longest_wait)
      : slots_(slots), longest_wait_(longest_wait) {}
  RequestGate(const RequestGate&) = delete;
  RequestGate& operator=(const RequestGate&) = delete;

  // Holds a slot (or, after the longest wait, none) for its lifetime.
  class Pass {
   public:
    explicit Pass(RequestGate& gate) : gate_(gate), holds_slot_(gate.Enter()) {}
    ~Pass() {
      if (holds_slot_) gate_.Leave();
    }
    Pass(const Pass&) = delete;
    Pass& operator=(const Pass&) = delete;

   private:
    RequestGate& gate_;
    bool holds_slot_;
  };

  // Handlers waiting now (for tests).
  size_t waiting() const;

 private:
  struct Waiter {
    std::condition_variable admitted;
    bool has_slot = false;
  };
  bool Enter();
  void Leave();

  const size_t slots_;
  const std::chrono::milliseconds longest_wait_;
  mutable std::mutex mutex_;
  size_t busy_ = 0;              // GUARDED_BY(mutex_)
  std::deque<Waiter*> waiting_;  // GUARDED_BY(mutex_), oldest first
};

}  // namespace vinculo::http_internal
