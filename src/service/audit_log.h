// AuditLog: who read or changed which child or parent record, when, from where.
//
// Changes are audited inside the write's own transaction (RecordService does
// that), so a change and its audit line commit together. Reads are queued here
// and written in batches by one background thread, every 200 ms or every 4,096
// events, so that reading a child does not wait on a write lock. The queue is
// flushed on Flush() and on destruction; a crash can lose at most the reads of
// the last batch interval, which docs/architecture.md records as a known
// trade-off. Thread-safe.
#pragma once

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include "store/store.h"

namespace vinculo {

// An audit line for `actor` doing `action` on record `record_id` of
// `record_kind` at `at` (FormatTimestamp), from the actor's remote address.
AuditEvent AuditEventFor(const Actor& actor, std::string at, std::string action,
                         std::string record_kind, long long record_id, std::string detail = {});

class AuditLog {
 public:
  explicit AuditLog(Store& store);
  ~AuditLog();
  AuditLog(const AuditLog&) = delete;
  AuditLog& operator=(const AuditLog&) = delete;

  // Queues a read event; never blocks on the database.
  void RecordRead(AuditEvent event);
  // Writes everything queued so far; returns the store's status.
  Status Flush();
  // Read events queued and not yet written (the server's /metrics).
  size_t QueuedEvents();

 private:
  void Run();
  Status WriteBatch(std::vector<AuditEvent> batch);

  Store& store_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<AuditEvent> queue_;  // guarded by mutex_
  bool stopping_ = false;         // guarded by mutex_
  std::mutex write_mutex_;        // one batch writer at a time; taken before mutex_
  std::thread writer_;
};

}  // namespace vinculo
