// Helpers shared by the HTTP tests that race requests or start processes
// (issue 14): calls released together, counts of their statuses, and a free
// loopback port.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "http/api_fixture.h"

namespace vinculo::testing {

// Runs `count` calls at once: every thread waits until all are ready, then
// calls. Returns the answers in call order.
inline std::vector<HttpAnswer> AtOnce(int count, const std::function<HttpAnswer(int)>& call) {
  std::vector<HttpAnswer> answers(count);
  std::atomic<int> ready{0};
  std::vector<std::thread> threads;
  for (int call_idx = 0; call_idx < count; ++call_idx) {
    threads.emplace_back([&, call_idx] {
      ready.fetch_add(1);
      while (ready.load() < count) std::this_thread::yield();
      answers[call_idx] = call(call_idx);
    });
  }
  for (std::thread& thread : threads) thread.join();
  return answers;
}

inline int CountStatus(const std::vector<HttpAnswer>& answers, int status) {
  int count = 0;
  for (const HttpAnswer& answer : answers) count += answer.status == status ? 1 : 0;
  return count;
}

// Each answer's status and the start of its body, one per line.
inline std::string Raw(const std::vector<HttpAnswer>& answers) {
  std::string text;
  for (const HttpAnswer& answer : answers)
    text += std::to_string(answer.status) + " " + answer.raw.substr(0, 200) + "\n";
  return text;
}

// A loopback port nothing listens on now (bound, read and closed again).
inline int FreePort() {
  const int probe = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  int port = 0;
  if (bind(probe, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
      getsockname(probe, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
    port = ntohs(address.sin_port);
  }
  close(probe);
  return port;
}

}  // namespace vinculo::testing
