// Issue 13 (p99): the gate in front of the request handlers lets at most its
// slots run at once, admits the others in arrival order, and lets a request
// that has waited its longest wait run anyway.
#include "http/request_gate.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace vinculo::http_internal {
namespace {

using namespace std::chrono_literals;

// Waits (bounded) until `gate` has `count` requests waiting.
bool WaitForWaiting(const RequestGate& gate, size_t count) {
  for (int attempt = 0; attempt < 2000; ++attempt) {
    if (gate.waiting() == count) return true;
    std::this_thread::sleep_for(1ms);
  }
  return false;
}

TEST(RequestGateTest, Issue13_AtMostTheSlotsRunAndTheOthersGoInArrivalOrder) {
  RequestGate gate(2, std::chrono::milliseconds(60'000));
  std::optional<RequestGate::Pass> first(std::in_place, gate);
  std::optional<RequestGate::Pass> second(std::in_place, gate);
  std::mutex order_mutex;
  std::vector<int> order;
  std::atomic<int> running{0};
  std::atomic<int> most_running{0};
  std::vector<std::thread> waiters;
  for (int arrival = 0; arrival < 5; ++arrival) {
    waiters.emplace_back([&, arrival] {
      const RequestGate::Pass pass(gate);
      const int now_running = ++running;
      int seen = most_running.load();
      while (now_running > seen && !most_running.compare_exchange_weak(seen, now_running)) {
      }
      {
        std::lock_guard lock(order_mutex);
        order.push_back(arrival);
      }
      std::this_thread::sleep_for(2ms);
      --running;
    });
    // The next one arrives only once this one is queued.
    ASSERT_TRUE(WaitForWaiting(gate, static_cast<size_t>(arrival) + 1));
  }
  // Both slots are held: nobody has run yet.
  {
    std::lock_guard lock(order_mutex);
    EXPECT_TRUE(order.empty());
  }
  // One slot comes free: the waiters pass it on one after the other, in the
  // order they came (with both slots free, two would run at once and the
  // order they write in would be the scheduler's).
  first.reset();
  for (std::thread& waiter : waiters) waiter.join();
  EXPECT_EQ(order, (std::vector<int>{0, 1, 2, 3, 4}));
  EXPECT_EQ(most_running.load(), 1);
  second.reset();
  EXPECT_EQ(gate.waiting(), 0u);
}

TEST(RequestGateTest, Issue13_ARequestThatWaitedItsLongestWaitRunsAnyway) {
  RequestGate gate(1, std::chrono::milliseconds(300));
  const RequestGate::Pass held(gate);  // a long request holding the only slot
  const auto start = std::chrono::steady_clock::now();
  { const RequestGate::Pass late(gate); }
  const auto waited = std::chrono::steady_clock::now() - start;
  EXPECT_GE(waited, 300ms);
  EXPECT_LT(waited, 5s);
  EXPECT_EQ(gate.waiting(), 0u);
  // The late request held no slot, so leaving gave none away: the next
  // request still waits for the long one.
  std::atomic<bool> admitted{false};
  std::thread next([&] {
    const RequestGate::Pass pass(gate);
    admitted = true;
  });
  ASSERT_TRUE(WaitForWaiting(gate, 1));
  EXPECT_FALSE(admitted.load());
  next.join();  // after its own longest wait
  EXPECT_TRUE(admitted.load());
}

}  // namespace
}  // namespace vinculo::http_internal
