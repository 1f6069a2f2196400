// The calling thread's cache of freed memory in jemalloc (its tcache), which
// `vinculo` links (src/common/allocator_config.cc). Each thread keeps objects
// it freed for its next allocations; a thread that served a large request and
// then waits for its next connection keeps them. With `serve --threads 96`
// those caches held 70 to 120 MB of the server's memory on the national
// dataset (issue 14, docs/benchmarks.md). Both functions act on the calling
// thread only and are safe to call from any thread; in a program without
// jemalloc (the tests, sanitizer builds) they do nothing.
#pragma once

#include <cstdint>

namespace vinculo {

// Bytes the calling thread has allocated since it began (a running total that
// only grows), or 0 without jemalloc. Cheap: one read through a pointer
// jemalloc gives once per thread.
std::uint64_t ThreadAllocatedBytes();

// Hands the objects cached by the calling thread back to its arena, where
// every thread can reuse them. Its next allocations refill the cache.
void ReturnThreadCache();

}  // namespace vinculo
