// The server's own connection loop (http/keep_alive_server.h) on a real
// socket: keep-alive, pipelining, interim "100 Continue" answers, responses
// larger than its send buffer, and stopping with idle connections open.
#include <chrono>
#include <string>
#include <vector>

#include "api_fixture.h"
#include "raw_connection.h"

namespace vinculo::testing {
namespace {

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
