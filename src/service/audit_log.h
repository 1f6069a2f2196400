// AuditLog: who read or changed which child or parent record, when, from where.
//
// Changes are audited inside the write's own transaction (RecordService does
// that), so a change and its audit line commit together. Reads are queued here
// and written in batches by one background thread, every 200 ms or every 4,096
// events, so that reading a child does not wait on a write lock; a reader
// waits only when the queue is too long for memory (kQueueLimit). The queue is
// flushed on Flush() and on destruction. With a journal (UseJournal, which
// `vinculo serve` always sets), each read is also appended to a file before
// RecordRead returns, so before the answer is sent: a read that was answered
// survives a SIGKILL or a crash of the server, and the next server to start
// writes it to the database (a batch committed in the instant before the
// crash may then be recorded twice: an overstated trail, never a hidden read).
// If the journal cannot be written, the read is written to the database
// before RecordRead returns. Thread-safe.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <span>
#include <thread>
#include <vector>

#include "common/line_journal.h"
#include "store/store.h"

namespace vinculo {

// An audit line for `actor` doing `action` on record `record_id` of
// `record_kind` at `at` (FormatTimestamp), from the actor's remote address.
AuditEvent AuditEventFor(const Actor& actor, std::string at, std::string action,
                         std::string record_kind, long long record_id, std::string detail = {});

class AuditLog {
 public:
  // Batches are written every `batch_interval` (tests of the journal make it
  // long, so that only the journal holds the reads).
  explicit AuditLog(Store& store,
                    std::chrono::milliseconds batch_interval = std::chrono::milliseconds(200));
  ~AuditLog();
  AuditLog(const AuditLog&) = delete;
  AuditLog& operator=(const AuditLog&) = delete;

  // Journals reads ahead in the slot files of `base` (see LineJournal): first
  // writes to the database the reads that servers which died left in any
  // slot nobody holds, then keeps this process's own slot. Call before
  // serving; an error (unwritable folder) leaves the log without a journal.
  Status UseJournal(const std::string& base);
  // Read events a dead process had journaled and this one wrote (metrics, tests).
  size_t RecoveredEvents() const { return recovered_; }

  // Queues a read event and journals it; blocks on the database only when
  // the journal cannot be written, and for at most 2 s while more than
  // 32,768 reads wait for the writer (memory stays bounded under load).
  void RecordRead(AuditEvent event);
  // The same for many reads at once (a board's line per child), under one
  // lock: as if each were recorded in turn.
  void RecordReads(std::vector<AuditEvent> events);
  // Writes everything queued so far; returns the store's status.
  Status Flush();
  // Read events queued and not yet written (the server's /metrics).
  size_t QueuedEvents();

 private:
  // RecordRead and RecordReads: journal each line, then queue them all.
  void Record(std::span<AuditEvent> events);
  void Run();
  Status WriteBatch(std::vector<AuditEvent> batch);
  Status Recover(LineJournal& journal);

  Store& store_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable drained_;  // the queue was taken by a batch
  const std::chrono::milliseconds batch_interval_;
  std::deque<AuditEvent> queue_;  // guarded by mutex_
  // Holds exactly the queued events, in order, possibly after a prefix of
  // events already committed (a DropFront that failed). Readers append under
  // journal_mutex_ shared, many at once, each its write(2) outside mutex_;
  // Flush takes it exclusively, so that the journal's size and the queue it
  // takes describe the same events. Taken before mutex_.
  std::shared_mutex journal_mutex_;
  std::unique_ptr<LineJournal> journal_;  // guarded by journal_mutex_
  size_t recovered_ = 0;
  bool stopping_ = false;   // guarded by mutex_
  std::mutex write_mutex_;  // one batch writer at a time; taken before the others
  std::thread writer_;
};

}  // namespace vinculo
