#include "service/audit_log.h"

#include <spdlog/spdlog.h>

namespace vinculo {

namespace {
// A batch is written every 200 ms, or sooner once this many reads are queued.
// Each commit moves SQLite's WAL on: every pooled connection then drops its
// page cache, and the readers that start next race to record the new WAL
// position (retrying, then sleeping, when they lose). Under load, batches of
// 256 meant 90 commits a second; 4,096 keeps a batch's transaction short
// (tens of milliseconds) and the queue's memory small.
constexpr size_t kBatchSize = 4096;
constexpr auto kBatchInterval = std::chrono::milliseconds(200);
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

AuditLog::AuditLog(Store& store) : store_(store), writer_([this] { Run(); }) {}

AuditLog::~AuditLog() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  writer_.join();
  Flush();
}

void AuditLog::RecordRead(AuditEvent event) {
  size_t queued = 0;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    queue_.push_back(std::move(event));
    queued = queue_.size();
  }
  if (queued >= kBatchSize) wake_.notify_one();
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
  {
    std::lock_guard<std::mutex> lock(mutex_);
    batch.assign(std::make_move_iterator(queue_.begin()), std::make_move_iterator(queue_.end()));
    queue_.clear();
  }
  if (batch.empty()) return Status::Ok();
  return WriteBatch(std::move(batch));
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
    wake_.wait_for(lock, kBatchInterval,
                   [this] { return stopping_ || queue_.size() >= kBatchSize; });
    if (queue_.empty()) continue;
    lock.unlock();
    Flush();
    lock.lock();
  }
}

}  // namespace vinculo
