// The server's own connection loop (http/keep_alive_server.h) on a real
// socket: keep-alive, pipelining, interim "100 Continue" answers, responses
// larger than its send buffer, and stopping with idle connections open.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <vector>

#include "api_fixture.h"

namespace vinculo::testing {
namespace {

// A plain TCP client that writes raw bytes and reads raw HTTP responses.
class RawConnection {
 public:
  explicit RawConnection(int port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0;
  }
  ~RawConnection() { ::close(fd_); }
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  bool connected() const { return connected_; }

  bool Send(const std::string& bytes) {
    return ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL) ==
           static_cast<ssize_t>(bytes.size());
  }

  // Reads until `count` whole responses (headers + Content-Length body) are
  // here, or `timeout` passes. Returns them, each headers and body.
  std::vector<std::string> ReadResponses(size_t count, std::chrono::milliseconds timeout) {
    std::vector<std::string> responses;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (responses.size() < count) {
      if (auto whole = TakeResponse()) {
        responses.push_back(*whole);
        continue;
      }
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) break;
      pollfd descriptor{fd_, POLLIN, 0};
      if (::poll(&descriptor, 1, static_cast<int>(left.count())) <= 0) break;
      char chunk[16384];
      const ssize_t got = ::recv(fd_, chunk, sizeof(chunk), 0);
      if (got <= 0) break;
      buffer_.append(chunk, static_cast<size_t>(got));
    }
    return responses;
  }

  // True when the server closed the connection within `timeout`.
  bool ClosedWithin(std::chrono::milliseconds timeout) {
    pollfd descriptor{fd_, POLLIN, 0};
    if (::poll(&descriptor, 1, static_cast<int>(timeout.count())) <= 0) return false;
    char byte = 0;
    return ::recv(fd_, &byte, 1, 0) == 0;
  }

 private:
  std::optional<std::string> TakeResponse() {
    const size_t end_of_headers = buffer_.find("\r\n\r\n");
    if (end_of_headers == std::string::npos) return std::nullopt;
    size_t body_length = 0;
    const std::string headers = buffer_.substr(0, end_of_headers);
    const size_t length_at = headers.find("Content-Length: ");
    if (length_at != std::string::npos) {
      body_length = std::stoul(headers.substr(length_at + 16));
    }
    const size_t total = end_of_headers + 4 + body_length;
    if (buffer_.size() < total) return std::nullopt;
    std::string response = buffer_.substr(0, total);
    buffer_.erase(0, total);
    return response;
  }

  int fd_ = -1;
  bool connected_ = false;
  std::string buffer_;
};

std::string StatusLine(const std::string& response) {
  return response.substr(0, response.find("\r\n"));
}

std::string Body(const std::string& response) {
  return response.substr(response.find("\r\n\r\n") + 4);
}

const char kHealthRequest[] = "GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";

TEST_F(ApiTest, OneConnectionCarriesManyRequests) {
  RawConnection connection(port_);
  ASSERT_TRUE(connection.connected());
  for (int round = 0; round < 5; ++round) {
    ASSERT_TRUE(connection.Send(kHealthRequest));
    auto responses = connection.ReadResponses(1, std::chrono::seconds(5));
    ASSERT_EQ(responses.size(), 1u) << "round " << round;
    EXPECT_EQ(StatusLine(responses[0]), "HTTP/1.1 200 OK");
    EXPECT_NE(Body(responses[0]).find("\"status\""), std::string::npos) << responses[0];
  }
}

TEST_F(ApiTest, PipelinedRequestsAreAnsweredInOrder) {
  RawConnection connection(port_);
  ASSERT_TRUE(connection.connected());
  const std::string token = TokenFor("coordinator_a");
  ASSERT_FALSE(token.empty());
  const std::string children =
      "GET /api/v1/children?limit=1 HTTP/1.1\r\nHost: x\r\n"
      "Authorization: Bearer " +
      token + "\r\n\r\n";
  // Three requests in one segment: the second has no session.
  ASSERT_TRUE(connection.Send(std::string(kHealthRequest) +
                              "GET /api/v1/children HTTP/1.1\r\nHost: x\r\n\r\n" + children));
  auto responses = connection.ReadResponses(3, std::chrono::seconds(5));
  ASSERT_EQ(responses.size(), 3u);
  EXPECT_EQ(StatusLine(responses[0]), "HTTP/1.1 200 OK");
  EXPECT_EQ(StatusLine(responses[1]), "HTTP/1.1 401 Unauthorized");
  EXPECT_NE(responses[1].find("application/problem+json"), std::string::npos);
  EXPECT_EQ(StatusLine(responses[2]), "HTTP/1.1 200 OK");
  EXPECT_NE(Body(responses[2]).find("\"items\""), std::string::npos) << responses[2];
}

TEST_F(ApiTest, ContinueIsSentBeforeTheServerWaitsForTheBody) {
  RawConnection connection(port_);
  ASSERT_TRUE(connection.connected());
  const std::string body =
      R"({"username":"coordinator_a","password":")" + std::string(kPassword) + "\"}";
  ASSERT_TRUE(connection.Send(
      "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
      "Expect: 100-continue\r\nContent-Length: " +
      std::to_string(body.size()) + "\r\n\r\n"));
  // A client waits for the interim answer before it sends the body; one held
  // in a buffer would leave both waiting until a timeout.
  auto interim = connection.ReadResponses(1, std::chrono::seconds(2));
  ASSERT_EQ(interim.size(), 1u) << "no 100 Continue";
  EXPECT_EQ(StatusLine(interim[0]), "HTTP/1.1 100 Continue");
  ASSERT_TRUE(connection.Send(body));
  auto final_answer = connection.ReadResponses(1, std::chrono::seconds(5));
  ASSERT_EQ(final_answer.size(), 1u);
  EXPECT_EQ(StatusLine(final_answer[0]), "HTTP/1.1 200 OK");
  EXPECT_NE(Body(final_answer[0]).find("\"token\""), std::string::npos);
}

TEST_F(ApiTest, ResponsesLargerThanTheSendBufferArriveWhole) {
  // The OpenAPI document is several times the 64 KiB the loop buffers.
  httplib::Client client("127.0.0.1", port_);
  auto document = client.Get("/api/v1/openapi.json");
  ASSERT_TRUE(document);
  ASSERT_EQ(document->status, 200);
  ASSERT_GT(document->body.size(), 3u * 64 * 1024);
  EXPECT_EQ(std::to_string(document->body.size()), document->get_header_value("Content-Length"));
  EXPECT_FALSE(nlohmann::json::parse(document->body, nullptr, false).is_discarded());

  // The same bytes over a raw keep-alive connection, twice in a row.
  RawConnection connection(port_);
  ASSERT_TRUE(connection.connected());
  const std::string request = "GET /api/v1/openapi.json HTTP/1.1\r\nHost: x\r\n\r\n";
  ASSERT_TRUE(connection.Send(request + request));
  auto responses = connection.ReadResponses(2, std::chrono::seconds(10));
  ASSERT_EQ(responses.size(), 2u);
  EXPECT_EQ(Body(responses[0]), document->body);
  EXPECT_EQ(Body(responses[1]), document->body);
}

TEST_F(ApiTest, StoppingEndsIdleKeepAliveConnectionsPromptly) {
  RawConnection connection(port_);
  ASSERT_TRUE(connection.connected());
  ASSERT_TRUE(connection.Send(kHealthRequest));
  ASSERT_EQ(connection.ReadResponses(1, std::chrono::seconds(5)).size(), 1u);
  // The connection stays open and idle; stopping must not wait for it to time out.
  const auto started = std::chrono::steady_clock::now();
  server_->Stop();
  server_thread_.join();
  const auto took = std::chrono::steady_clock::now() - started;
  EXPECT_LT(took, std::chrono::seconds(1));
  EXPECT_TRUE(connection.ClosedWithin(std::chrono::seconds(1)));
}

}  // namespace
}  // namespace vinculo::testing
