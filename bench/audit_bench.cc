// Issue 13: what journaling each read ahead of its answer costs. A read of a
// child queues one audit event (AuditLog::RecordRead); with the journal it is
// also appended to a file with one write(2) before the answer. Both variants
// run in the same process, so the ratio holds on a noisy machine; the
// background writer commits batches to a SQLite database as in `serve`.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <memory>
#include <string>

#include "service/audit_log.h"
#include "store/store.h"

namespace {

using vinculo::AuditEvent;
using vinculo::AuditLog;
using vinculo::Store;

struct Setup {
  std::filesystem::path folder;
  std::unique_ptr<Store> store;
  Setup() {
    folder = std::filesystem::temp_directory_path() /
             ("vinculo-audit-bench-" + std::to_string(::getpid()));
    std::filesystem::create_directories(folder);
    auto opened = Store::Open((folder / "bench.db").string(), 2);
    if (!opened.ok()) std::abort();
    store = std::move(*opened);
    if (!store->Migrate().ok()) std::abort();
  }
  ~Setup() {
    store.reset();
    std::filesystem::remove_all(folder);
  }
};

Setup& Shared() {
  static Setup setup;
  return setup;
}

AuditEvent ReadOfAChild(long long id) {
  AuditEvent event;
  event.at = "2026-12-06T03:00:00Z";
  event.user_id = 2;
  event.username = "coordinator.lima";
  event.action = "read";
  event.record_kind = "children";
  event.record_id = id;
  event.remote_address = "127.0.0.1";
  return event;
}

void RecordReads(benchmark::State& state, bool journal) {
  AuditLog audit(*Shared().store);
  if (journal && !audit.UseJournal((Shared().folder / "journal").string()).ok()) std::abort();
  long long id = 0;
  for (auto _ : state) audit.RecordRead(ReadOfAChild(++id % 1000 + 1));
  state.SetItemsProcessed(state.iterations());
}

void BM_RecordRead_QueueOnly(benchmark::State& state) { RecordReads(state, false); }
void BM_RecordRead_Journaled(benchmark::State& state) { RecordReads(state, true); }
BENCHMARK(BM_RecordRead_QueueOnly)->MinTime(2.0)->UseRealTime();
BENCHMARK(BM_RecordRead_Journaled)->MinTime(2.0)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
