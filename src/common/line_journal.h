// LineJournal: an append-only file of text lines that outlives the process
// writing it. A line handed to Append() is in the kernel's page cache when the
// call returns, so it survives a SIGKILL or a crash of this process (not a
// power cut: nothing here calls fsync). The owner drops the lines it has dealt
// with by their byte count (DropFront); what a process left behind is read
// back by the next one (TakeOver).
//
// Several processes may journal beside one another: a journal is a slot,
// `base`, `base.1`, `base.2`, ..., each held by one process through an
// exclusive flock(2) on `<slot>.lock`, which the kernel releases when its
// holder dies, however it dies. Open() takes the first free slot; Orphans()
// lists the slots nobody holds, whose lines a dead process left.
//
// Append may run on several threads at once (one write(2) each on an O_APPEND
// descriptor, which the kernel does not interleave); Lines, DropFront and the
// destructor must not overlap with anything else: the owner excludes them
// (AuditLog holds a reader-writer lock, appends shared).
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace vinculo {

class LineJournal {
 public:
  // The slots a journal with this base may use: `base`, `base.1`, ...
  static constexpr int kSlots = 32;

  // Takes the first free slot of `base` (creating its folder's file if
  // needed). Unavailable when every slot is held, or the folder cannot be
  // written (the message names the path).
  static Result<std::unique_ptr<LineJournal>> Open(const std::string& base);

  // Takes the slot `path` if no process holds it (nullptr when one does).
  static Result<std::unique_ptr<LineJournal>> TakeOver(const std::string& path);

  // The existing slots of `base` other than `except`: candidates for
  // TakeOver after a crash.
  static std::vector<std::string> Slots(const std::string& base, const std::string& except);

  ~LineJournal();
  LineJournal(const LineJournal&) = delete;
  LineJournal& operator=(const LineJournal&) = delete;

  const std::string& path() const { return path_; }
  // Bytes in the journal now.
  long long size() const { return size_.load(); }

  // The lines now in the journal, without their '\n'.
  Result<std::vector<std::string>> Lines() const;
  // Appends `line` (which must not contain '\n') with one write(2). A short
  // write (a full disk) is an error; its cut line is skipped by Lines().
  Status Append(std::string_view line);
  // Forgets the first `bytes` bytes (whole lines already dealt with), keeping
  // what was appended after them. The kept tail is written to a new file that
  // replaces the journal by rename(2), so a crash leaves the old or the new
  // journal, never a mix.
  Status DropFront(long long bytes);

 private:
  LineJournal(std::string path, int lock_fd, int fd, long long size)
      : path_(std::move(path)), lock_fd_(lock_fd), fd_(fd), size_(size) {}

  std::string path_;
  int lock_fd_ = -1;
  int fd_ = -1;
  std::atomic<long long> size_ = 0;
};

}  // namespace vinculo
