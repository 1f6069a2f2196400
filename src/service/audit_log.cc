#include "service/audit_log.h"

#include <spdlog/spdlog.h>

#include <cstdlib>
#include <iterator>
#include <optional>
#include <vector>

namespace vinculo {

namespace {
// A batch is written every 200 ms, or sooner once this many reads are queued.
// Each commit moves SQLite's WAL on: every pooled connection then drops its
// page cache, and the readers that start next race to record the new WAL
// position (retrying, then sleeping, when they lose). Under load, batches of
// 256 meant 90 commits a second; 4,096 keeps a batch's transaction short
// (tens of milliseconds) and the queue's memory small.
constexpr size_t kBatchSize = 4096;
// Reads queued beyond this wait for the writer (issue 14): under sustained
// reads on two cores the writer got too little time and the queue grew by
// 20,000 events a second (a board is a line per child), 927 MiB in the
// national benchmark. Each waits at most kQueueWait: its line is journaled
// already, and a database that refuses the batch must not hold every read.
constexpr size_t kQueueLimit = 8 * kBatchSize;
constexpr auto kQueueWait = std::chrono::seconds(2);

// A journal line: the event's fields separated by tabs, each with '\\', tab
// and newline escaped, so a line is one event whatever a username holds.
constexpr int kJournalFields = 8;

void AppendEscaped(std::string& line, const std::string& field) {
  for (char c : field) {
    if (c == '\\') {
      line += "\\\\";
    } else if (c == '\t') {
      line += "\\t";
    } else if (c == '\n') {
      line += "\\n";
    } else {
      line += c;
    }
  }
}

std::string JournalLine(const AuditEvent& event) {
  std::string line;
  line.reserve(96 + event.detail.size());
  const std::string fields[kJournalFields] = {
      event.at,          std::to_string(event.user_id),   event.username,       event.action,
      event.record_kind, std::to_string(event.record_id), event.remote_address, event.detail};
  for (int i = 0; i < kJournalFields; ++i) {
    if (i > 0) line += '\t';
    AppendEscaped(line, fields[i]);
  }
  return line;
}

// The event of a journal line; nullopt when the line is not one.
std::optional<AuditEvent> EventFromJournalLine(const std::string& line) {
  std::vector<std::string> fields(1);
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (c == '\t') {
      fields.emplace_back();
    } else if (c == '\\' && i + 1 < line.size()) {
      const char next = line[++i];
      fields.back() += next == 't' ? '\t' : next == 'n' ? '\n' : next;
    } else {
      fields.back() += c;
    }
  }
  if (fields.size() != kJournalFields) return std::nullopt;
  AuditEvent event;
  char* end = nullptr;
  event.at = fields[0];
  event.user_id = std::strtoll(fields[1].c_str(), &end, 10);
  if (fields[1].empty() || *end != '\0') return std::nullopt;
  event.username = fields[2];
  event.action = fields[3];
  event.record_kind = fields[4];
  event.record_id = std::strtoll(fields[5].c_str(), &end, 10);
  if (fields[5].empty() || *end != '\0') return std::nullopt;
  event.remote_address = fields[6];
  event.detail = fields[7];
  if (event.at.empty() || event.action.empty()) return std::nullopt;
  return event;
}

}  // namespace

AuditEvent AuditEventFor(const Actor& actor, std::string at, std::string action,
                         std::string record_kind, long long record_id, std::string detail) {
  AuditEvent event;
  event.at = std::move(at);
  event.user_id = actor.user_id;
  event.username = actor.username;
  event.action = std::move(action);
  event.record_kind = std::move(record_kind);
  event.record_id = record_id;
  event.remote_address = actor.remote_address;
  event.detail = std::move(detail);
  return event;
}

AuditLog::AuditLog(Store& store, std::chrono::milliseconds batch_interval)
    : store_(store), batch_interval_(batch_interval), writer_([this] { Run(); }) {}

Status AuditLog::Recover(LineJournal& journal) {
  auto lines = journal.Lines();
  if (!lines.ok()) return lines.status();
  std::vector<AuditEvent> events;
  for (const std::string& line : *lines) {
    auto event = EventFromJournalLine(line);
    if (event) {
      events.push_back(std::move(*event));
    } else {
      spdlog::warn("audit journal {}: a line that is not an event was skipped", journal.path());
    }
  }
  if (!events.empty()) {
    Status written = store_.Write([&](Txn& txn) { return txn.AppendAudit(events); });
    if (!written.ok()) return written;
    spdlog::warn(
        "audit journal {}: {} read events of a server that stopped without writing them "
        "are now in the audit log",
        journal.path(), events.size());
  }
  recovered_ += events.size();
  return journal.DropFront(journal.size());
}

Status AuditLog::UseJournal(const std::string& base) {
  std::lock_guard<std::mutex> write_lock(write_mutex_);
  auto own = LineJournal::Open(base);
  if (!own.ok()) return own.status();
  // This process's own slot may hold what its last holder left.
  Status recovered = Recover(**own);
  if (!recovered.ok()) return recovered;
  for (const std::string& path : LineJournal::Slots(base, (*own)->path())) {
    auto orphan = LineJournal::TakeOver(path);
    if (!orphan.ok()) return orphan.status();
    if (!*orphan) continue;  // a running server's
    recovered = Recover(**orphan);
    if (!recovered.ok()) return recovered;
  }
  std::unique_lock<std::shared_mutex> journal_lock(journal_mutex_);
  journal_ = std::move(*own);
  return Status::Ok();
}

AuditLog::~AuditLog() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  drained_.notify_all();
  writer_.join();
  Flush();
}

void AuditLog::RecordRead(AuditEvent event) { Record(std::span<AuditEvent>(&event, 1)); }

void AuditLog::RecordReads(std::vector<AuditEvent> events) { Record(events); }

void AuditLog::Record(std::span<AuditEvent> events) {
  size_t queued = 0;
  bool journaled = true;
  {
    // Shared: the write(2) of one reader's line does not hold up the others
    // (a global lock held across a system call queued every request behind
    // it, issue 13's p99).
    std::shared_lock<std::shared_mutex> journal_lock(journal_mutex_);
    if (journal_) {
      for (const AuditEvent& event : events) {
        Status appended = journal_->Append(JournalLine(event));
        if (!appended.ok()) {
          spdlog::error("{}; these reads are written to the database before they are answered",
                        appended.message());
          journaled = false;
          break;
        }
      }
    }
    std::lock_guard<std::mutex> lock(mutex_);
    queue_.insert(queue_.end(), std::make_move_iterator(events.begin()),
                  std::make_move_iterator(events.end()));
    queued = queue_.size();
  }
  if (!journaled) {
    Flush();
    return;
  }
  if (queued >= kBatchSize) wake_.notify_one();
  if (queued > kQueueLimit) {
    std::unique_lock<std::mutex> lock(mutex_);
    drained_.wait_for(lock, kQueueWait,
                      [this] { return stopping_ || queue_.size() <= kQueueLimit; });
  }
}

size_t AuditLog::QueuedEvents() {
  std::lock_guard<std::mutex> lock(mutex_);
  return queue_.size();
}

Status AuditLog::Flush() {
  // Holding the writer lock first means a batch the background thread has
  // already taken from the queue is committed before this returns: "flushed"
  // includes events in flight, not only those still queued.
  std::lock_guard<std::mutex> write_lock(write_mutex_);
  std::vector<AuditEvent> batch;
  long long journaled_bytes = 0;
  {
    std::unique_lock<std::shared_mutex> journal_lock(journal_mutex_);
    std::lock_guard<std::mutex> lock(mutex_);
    batch.assign(std::make_move_iterator(queue_.begin()), std::make_move_iterator(queue_.end()));
    queue_.clear();
    if (journal_) journaled_bytes = journal_->size();
  }
  drained_.notify_all();
  if (batch.empty()) return Status::Ok();
  Status written = WriteBatch(std::move(batch));
  if (written.ok() && journaled_bytes > 0) {
    std::unique_lock<std::shared_mutex> journal_lock(journal_mutex_);
    Status dropped = journal_->DropFront(journaled_bytes);
    // Kept lines are only written again after a crash: logged, not fatal.
    if (!dropped.ok()) spdlog::error("{}", dropped.message());
  }
  return written;
}

// Called with write_mutex_ held.
Status AuditLog::WriteBatch(std::vector<AuditEvent> batch) {
  Status status = store_.Write([&](Txn& txn) { return txn.AppendAudit(batch); });
  if (!status.ok()) {
    // Keep the events for the next attempt rather than lose who read what.
    spdlog::error("audit log: {} read events not written yet: {}", batch.size(), status.ToString());
    std::lock_guard<std::mutex> queue_lock(mutex_);
    queue_.insert(queue_.begin(), std::make_move_iterator(batch.begin()),
                  std::make_move_iterator(batch.end()));
  }
  return status;
}

void AuditLog::Run() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stopping_) {
    wake_.wait_for(lock, batch_interval_,
                   [this] { return stopping_ || queue_.size() >= kBatchSize; });
    if (queue_.empty()) continue;
    lock.unlock();
    Flush();
    lock.lock();
  }
}

}  // namespace vinculo
