// common/thread_cache.h against the jemalloc that `vinculo` links: this test
// program links it too (the other suites use the C library's malloc, where
// both functions do nothing).
#include "common/thread_cache.h"

#include <gtest/gtest.h>
#include <jemalloc/jemalloc.h>

#include <cstdint>
#include <memory>
#include <vector>

namespace vinculo::testing {
namespace {

// Bytes held in the caches of every thread, from jemalloc's statistics.
std::size_t CachedBytes() {
  std::uint64_t epoch = 1;
  std::size_t epoch_size = sizeof(epoch);
  EXPECT_EQ(mallctl("epoch", &epoch, &epoch_size, &epoch, epoch_size), 0);
  std::size_t bytes = 0;
  std::size_t size = sizeof(bytes);
  // 4096 is MALLCTL_ARENAS_ALL: every arena merged.
  EXPECT_EQ(mallctl("stats.arenas.4096.tcache_bytes", &bytes, &size, nullptr, 0), 0);
  return bytes;
}

// Issue 14: a thread that served a large request keeps the objects it freed
// in its cache; handed back, they leave the cache (and serve every thread).
TEST(ThreadCacheTest, Issue14_ALargeRequestsCacheIsHandedBackToTheArena) {
  ReturnThreadCache();
  const std::uint64_t allocated_before = ThreadAllocatedBytes();
  {
    // A request's worth of small objects (SQLite's pages are 5 KiB with
    // their header), freed at its end.
    std::vector<std::unique_ptr<char[]>> objects;
    for (int object_idx = 0; object_idx < 2000; ++object_idx) {
      objects.push_back(std::make_unique<char[]>(5000));
      objects.back()[0] = 1;
    }
  }
  EXPECT_GE(ThreadAllocatedBytes() - allocated_before, 2000u * 5000u);
  const std::size_t cached = CachedBytes();
  EXPECT_GT(cached, 50'000u);
  ReturnThreadCache();
  EXPECT_LT(CachedBytes(), cached / 10);
}

}  // namespace
}  // namespace vinculo::testing
