#include "common/thread_cache.h"

#include <cstddef>

// jemalloc's control interface, weak: null in a program linked without it.
extern "C" int mallctl(const char* name, void* old_value, std::size_t* old_size, void* new_value,
                       std::size_t new_size) __attribute__((weak));

namespace vinculo {

std::uint64_t ThreadAllocatedBytes() {
  // jemalloc's own per-thread counter, read through the pointer it gives.
  thread_local const std::uint64_t* allocated = [] {
    std::uint64_t* counter = nullptr;
    std::size_t size = sizeof(counter);
    if (mallctl == nullptr || mallctl("thread.allocatedp", &counter, &size, nullptr, 0) != 0) {
      return static_cast<std::uint64_t*>(nullptr);
    }
    return counter;
  }();
  return allocated ? *allocated : 0;
}

void ReturnThreadCache() {
  if (mallctl != nullptr) mallctl("thread.tcache.flush", nullptr, nullptr, nullptr, 0);
}

}  // namespace vinculo
