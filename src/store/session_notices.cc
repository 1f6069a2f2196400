#include "store/session_notices.h"

#include <libpq-fe.h>
#include <poll.h>
#include <spdlog/spdlog.h>

#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "store/store.h"

namespace vinculo {
namespace {

constexpr std::string_view kUserPrefix = "user:";
constexpr std::string_view kSessionPrefix = "session:";
// How long the thread waits for a notice before it looks whether to stop.
constexpr int kPollMilliseconds = 200;
// Waits between connection attempts, doubling from the first to the last.
constexpr std::chrono::milliseconds kFirstRetry{100};
constexpr std::chrono::milliseconds kLongestRetry{2000};

}  // namespace

std::string SessionNoticePayload(const SessionNotice& notice) {
  if (!notice.token_hash.empty()) return std::string(kSessionPrefix) + notice.token_hash;
  return std::string(kUserPrefix) + std::to_string(notice.user_id);
}

std::optional<SessionNotice> ParseSessionNoticePayload(const std::string& payload) {
  SessionNotice notice;
  if (payload.rfind(kSessionPrefix, 0) == 0 && payload.size() > kSessionPrefix.size()) {
    notice.token_hash = payload.substr(kSessionPrefix.size());
    return notice;
  }
  if (payload.rfind(kUserPrefix, 0) == 0) {
    try {
      size_t used = 0;
      const std::string digits = payload.substr(kUserPrefix.size());
      notice.user_id = std::stoll(digits, &used);
      if (used == digits.size() && notice.user_id > 0) return notice;
    } catch (const std::exception&) {
    }
  }
  return std::nullopt;
}

struct SessionNoticeListener::Impl {
  std::string target;
  Callbacks callbacks;
  std::mutex mutex;
  std::condition_variable wake;
  bool stopping = false;  // guarded by mutex
  // Used by one thread at a time: Start's, then the listener's.
  PGconn* connection = nullptr;
  bool listening = false;
  std::thread thread;

  // Connects and LISTENs; on success reports listening.
  bool Connect() {
    // The operator's connection string first; what follows overrides it: a
    // bounded connection attempt, and TCP keepalives so that a silently lost
    // server is noticed within about 25 s.
    const char* keywords[] = {"dbname",
                              "connect_timeout",
                              "keepalives",
                              "keepalives_idle",
                              "keepalives_interval",
                              "keepalives_count",
                              "application_name",
                              nullptr};
    const char* values[] = {target.c_str(), "2", "1", "10", "5", "3", "vinculo-session-notices",
                            nullptr};
    connection = PQconnectdbParams(keywords, values, 1);
    if (PQstatus(connection) != CONNECTION_OK) {
      spdlog::debug("session notices: cannot connect: {}", PQerrorMessage(connection));
      PQfinish(connection);
      connection = nullptr;
      return false;
    }
    PGresult* result = PQexec(connection, (std::string("LISTEN ") + kSessionNoticeChannel).c_str());
    const bool ok = PQresultStatus(result) == PGRES_COMMAND_OK;
    PQclear(result);
    if (!ok) {
      spdlog::warn("session notices: LISTEN failed: {}", PQerrorMessage(connection));
      PQfinish(connection);
      connection = nullptr;
      return false;
    }
    listening = true;
    spdlog::info("session notices: listening on {}", kSessionNoticeChannel);
    callbacks.on_listening(true);
    return true;
  }

  void Drop() {
    spdlog::warn("session notices: connection lost ({}); caching no sessions until it is back",
                 connection ? PQerrorMessage(connection) : "");
    if (connection) PQfinish(connection);
    connection = nullptr;
    if (listening) {
      listening = false;
      callbacks.on_listening(false);
    }
  }

  void Deliver() {
    while (PGnotify* raw = PQnotifies(connection)) {
      const std::string payload = raw->extra ? raw->extra : "";
      PQfreemem(raw);
      if (auto notice = ParseSessionNoticePayload(payload)) {
        callbacks.on_notice(*notice);
      } else {
        spdlog::warn("session notices: ignoring the payload '{}'", payload);
      }
    }
  }

  // Waits `delay` or until told to stop; true when stopping.
  bool WaitOrStop(std::chrono::milliseconds delay) {
    std::unique_lock<std::mutex> lock(mutex);
    return wake.wait_for(lock, delay, [this] { return stopping; });
  }

  void Run() {
    std::chrono::milliseconds retry = kFirstRetry;
    while (!WaitOrStop(std::chrono::milliseconds(0))) {
      if (!connection) {
        if (Connect()) {
          retry = kFirstRetry;
        } else {
          if (WaitOrStop(retry)) break;
          retry = std::min(retry * 2, kLongestRetry);
        }
        continue;
      }
      pollfd watched{PQsocket(connection), POLLIN, 0};
      const int ready = poll(&watched, 1, kPollMilliseconds);
      if (ready < 0 && errno != EINTR) {
        Drop();
        continue;
      }
      if (ready > 0) {
        if (PQconsumeInput(connection) == 0) {
          Drop();
          continue;
        }
        Deliver();
      }
      if (PQstatus(connection) != CONNECTION_OK) Drop();
    }
    if (connection) PQfinish(connection);
    connection = nullptr;
  }
};

SessionNoticeListener::SessionNoticeListener(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

std::unique_ptr<SessionNoticeListener> SessionNoticeListener::Start(const Store& store,
                                                                    Callbacks callbacks) {
  if (store.engine() != Engine::kPostgres) return nullptr;
  auto impl = std::make_unique<Impl>();
  impl->target = store.target();
  impl->callbacks = std::move(callbacks);
  if (!impl->Connect()) impl->callbacks.on_listening(false);
  Impl* running = impl.get();
  impl->thread = std::thread([running] { running->Run(); });
  return std::unique_ptr<SessionNoticeListener>(new SessionNoticeListener(std::move(impl)));
}

SessionNoticeListener::~SessionNoticeListener() {
  {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    impl_->stopping = true;
  }
  impl_->wake.notify_all();
  if (impl_->thread.joinable()) impl_->thread.join();
}

}  // namespace vinculo
