#include "common/line_journal.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace vinculo {

namespace {

std::string SlotPath(const std::string& base, int slot) {
  return slot == 0 ? base : base + "." + std::to_string(slot);
}

Status SystemError(const std::string& what, const std::string& path) {
  return Status(StatusCode::kUnavailable,
                "audit journal: cannot " + what + " " + path + ": " + std::strerror(errno));
}

// Writes all of `data` at the file's end; a short write is continued.
bool WriteAll(int fd, const char* data, size_t size) {
  while (size > 0) {
    const ssize_t written = ::write(fd, data, size);
    if (written < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data += written;
    size -= static_cast<size_t>(written);
  }
  return true;
}

// Reads `size` bytes at `offset` into `out`; fewer when the file ends first.
bool ReadAt(int fd, long long offset, size_t size, std::string& out) {
  out.assign(size, '\0');
  size_t done = 0;
  while (done < size) {
    const ssize_t got =
        ::pread(fd, out.data() + done, size - done, static_cast<off_t>(offset) + done);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) return false;
    if (got == 0) break;
    done += static_cast<size_t>(got);
  }
  out.resize(done);
  return true;
}

}  // namespace

Result<std::unique_ptr<LineJournal>> LineJournal::TakeOver(const std::string& path) {
  const std::string lock_path = path + ".lock";
  const int lock_fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (lock_fd < 0) return SystemError("create", lock_path);
  if (::flock(lock_fd, LOCK_EX | LOCK_NB) != 0) {
    ::close(lock_fd);
    if (errno == EWOULDBLOCK) return std::unique_ptr<LineJournal>();
    return SystemError("lock", lock_path);
  }
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0) {
    const Status error = SystemError("open", path);
    ::close(lock_fd);
    return error;
  }
  struct stat info {};
  ::fstat(fd, &info);
  return std::unique_ptr<LineJournal>(new LineJournal(path, lock_fd, fd, info.st_size));
}

Result<std::unique_ptr<LineJournal>> LineJournal::Open(const std::string& base) {
  for (int slot = 0; slot < kSlots; ++slot) {
    auto journal = TakeOver(SlotPath(base, slot));
    if (!journal.ok()) return journal.status();
    if (*journal) return std::move(*journal);
  }
  return Status(StatusCode::kUnavailable,
                "audit journal: all " + std::to_string(kSlots) + " slots of " + base +
                    " are held by running servers; give this one its own --audit-journal");
}

std::vector<std::string> LineJournal::Slots(const std::string& base, const std::string& except) {
  std::vector<std::string> slots;
  std::error_code error;
  for (int slot = 0; slot < kSlots; ++slot) {
    const std::string path = SlotPath(base, slot);
    if (path != except && std::filesystem::exists(path, error)) slots.push_back(path);
  }
  return slots;
}

LineJournal::~LineJournal() {
  if (fd_ >= 0) ::close(fd_);
  if (lock_fd_ >= 0) ::close(lock_fd_);  // releases the flock
}

Result<std::vector<std::string>> LineJournal::Lines() const {
  std::string text;
  if (!ReadAt(fd_, 0, static_cast<size_t>(size_), text)) return SystemError("read", path_);
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    // A last line without its '\n' was cut off mid-write: not a whole line.
    if (end == std::string::npos) break;
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

Status LineJournal::Append(std::string_view line) {
  std::string record;
  record.reserve(line.size() + 1);
  record.append(line);
  record.push_back('\n');
  // One write(2), never a second for the rest: beside other appenders a
  // second write would land after their lines and cut this one in two.
  ssize_t written = ::write(fd_, record.data(), record.size());
  while (written < 0 && errno == EINTR) written = ::write(fd_, record.data(), record.size());
  if (written != static_cast<ssize_t>(record.size())) {
    return SystemError("append to", path_);
  }
  size_ += static_cast<long long>(record.size());
  return Status::Ok();
}

Status LineJournal::DropFront(long long bytes) {
  if (bytes <= 0) return Status::Ok();
  if (bytes >= size_) {
    if (::ftruncate(fd_, 0) != 0) return SystemError("truncate", path_);
    size_ = 0;
    return Status::Ok();
  }
  std::string tail;
  if (!ReadAt(fd_, bytes, static_cast<size_t>(size_ - bytes), tail) ||
      static_cast<long long>(tail.size()) != size_ - bytes) {
    return SystemError("read", path_);
  }
  const std::string next_path = path_ + ".next";
  const int next =
      ::open(next_path.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0600);
  if (next < 0) return SystemError("create", next_path);
  if (!WriteAll(next, tail.data(), tail.size()) ||
      ::rename(next_path.c_str(), path_.c_str()) != 0) {
    const Status error = SystemError("replace", path_);
    ::close(next);
    ::unlink(next_path.c_str());
    return error;
  }
  ::close(fd_);
  fd_ = next;
  size_ = static_cast<long long>(tail.size());
  return Status::Ok();
}

}  // namespace vinculo
