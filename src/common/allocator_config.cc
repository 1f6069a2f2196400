// jemalloc options for every program that links jemalloc (the `vinculo`
// binary and bench/bench_nursery), read by jemalloc at start-up through the
// `malloc_conf` symbol; MALLOC_CONF in the environment still overrides them.
// Programs without jemalloc ignore the symbol.
//
// dirty_decay_ms:-1: freed pages stay with the process instead of being
// handed back to the kernel (madvise) and faulted in again on the next use.
// The age-out board allocates and frees ~30 MB of result rows per call; with
// jemalloc's defaults (dirty_decay_ms 10000, oversize_threshold 8 MiB, whose
// arena purges at once) those pages were purged on every call. Measured with
// bench_nursery, 100,000 children, 2 shared cores (wall / CPU per call, page
// faults of the whole process, setup included, about 13,000):
//   defaults                              board 345 / 321 ms, 69,000 faults
//   dirty_decay_ms:-1                     board 208-220 / 198-210 ms, 13,400 faults
//   oversize_threshold:1 GiB              board 325 / 307 ms, 84,900 faults (the
//     normal arena's 10 s decay still purges the board's pages)
//   dirty_decay_ms:60000 (and muzzy)      board 331 / 309 ms, 75,900 faults
//   background_thread:true                board 324 / 294 ms, 76,600 faults
// The forecast (190 ms) did not change with any of them; they were not kept.
// The cost: memory freed after a peak (a large board or export) stays
// resident in the process and is reused by later requests.
//
// narenas:1 (issue 14): one arena for every thread instead of jemalloc's four
// per core. Each arena keeps its own freed pages (dirty_decay_ms:-1 never
// hands them back) and reuses them only for the threads assigned to it, so
// with 8 arenas the server held each arena's own peak: on the national
// dataset with every workload of bench/national.sh (`serve --threads 96`), 200
// to 300 MB of freed pages were held in the arenas at the end, against 17 to
// 110 MB with one (docs/benchmarks.md). The requests that run at once are
// few (8 handlers on SQLite, two cores here) and each thread allocates from
// its own cache, which takes the arena's lock once per batch; on a machine
// with many cores and PostgreSQL, MALLOC_CONF=narenas:N gives more.
//
// tcache_max:4096 (issue 14): a thread caches freed objects of up to 4 KiB,
// not 32 KiB. The 96 threads' caches held 66 to 96 MB at the end of the same
// run (each keeps up to 20 objects of each size class up to its maximum),
// 40 to 45 MB with this; peak 271 to 290 MiB without it, 241 and 256 MiB with
// it, requests/s within the run-to-run noise of the loaded machine
// (docs/benchmarks.md). Larger objects go to the arena, under its lock.
extern "C" {
// jemalloc reads this name; it must have external C linkage.
// NOLINTNEXTLINE(readability-identifier-naming)
const char* malloc_conf = "dirty_decay_ms:-1,narenas:1,tcache_max:4096";
}

namespace vinculo {

// Referenced from main() and the benchmark so that the linker takes this
// file out of libvinculo_common.a (jemalloc defines a weak malloc_conf of its
// own, so the symbol alone would not pull it in).
const char* AllocatorConfig() { return malloc_conf; }

}  // namespace vinculo
