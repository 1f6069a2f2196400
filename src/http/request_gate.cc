#include "http/request_gate.h"

#include <algorithm>

namespace vinculo::http_internal {

bool RequestGate::Enter() {
  std::unique_lock lock(mutex_);
  if (busy_ < slots_ && waiting_.empty()) {
    ++busy_;
    return true;
  }
  Waiter waiter;
  waiting_.push_back(&waiter);
  if (waiter.admitted.wait_for(lock, longest_wait_, [&] { return waiter.has_slot; })) return true;
  // Waited long enough: run beside the slots' holders, and leave the queue.
  waiting_.erase(std::find(waiting_.begin(), waiting_.end(), &waiter));
  return false;
}

void RequestGate::Leave() {
  std::lock_guard lock(mutex_);
  if (waiting_.empty()) {
    --busy_;
    return;
  }
  // The slot passes to the oldest waiter as it is (busy_ unchanged).
  Waiter* next = waiting_.front();
  waiting_.pop_front();
  next->has_slot = true;
  next->admitted.notify_one();
}

size_t RequestGate::waiting() const {
  std::lock_guard lock(mutex_);
  return waiting_.size();
}

}  // namespace vinculo::http_internal
