#include "api_fixture.h"

#include <gtest/gtest.h>

namespace vinculo::testing {

void ApiTest::SetUp() {
  world_ = MakeWorld();
  ASSERT_NE(world_, nullptr);
  ApiOptions options;
  options.port = 0;
  options.threads = 8;
  server_ = std::make_unique<ApiServer>(world_->context, options);
  ASSERT_TRUE(server_->Bind().ok());
  port_ = server_->port();
  server_thread_ = std::thread([this] { server_->Run(); });
}

void ApiTest::TearDown() {
  if (server_) server_->Stop();
  if (server_thread_.joinable()) server_thread_.join();
  server_.reset();
}

std::string ApiTest::TokenFor(const std::string& username) {
  auto cached = tokens_.find(username);
  if (cached != tokens_.end()) return cached->second;
  httplib::Client client("127.0.0.1", port_);
  nlohmann::json body = {{"username", username}, {"password", kPassword}};
  auto response = client.Post("/api/v1/auth/login", body.dump(), "application/json");
  EXPECT_TRUE(response) << "no answer from the server";
  if (!response) return {};
  EXPECT_EQ(response->status, 200) << response->body;
  auto parsed = nlohmann::json::parse(response->body, nullptr, false);
  std::string token =
      parsed.is_object() && parsed.contains("token") ? parsed["token"].get<std::string>() : "";
  tokens_[username] = token;
  return token;
}

HttpAnswer ApiTest::Call(const std::string& method, const std::string& path,
                         const std::string& token, const std::string& body,
                         httplib::Headers headers) {
  httplib::Client client("127.0.0.1", port_);
  client.set_read_timeout(std::chrono::seconds(30));
  if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
  httplib::Result response{nullptr, httplib::Error::Unknown};
  if (method == "GET") {
    response = client.Get(path, headers);
  } else if (method == "POST") {
    response = client.Post(path, headers, body, "application/json");
  } else if (method == "PATCH") {
    response = client.Patch(path, headers, body, "application/json");
  } else if (method == "PUT") {
    response = client.Put(path, headers, body, "application/json");
  } else if (method == "DELETE") {
    response = client.Delete(path, headers);
  }
  HttpAnswer answer;
  EXPECT_TRUE(response) << method << " " << path << ": no answer";
  if (!response) return answer;
  answer.status = response->status;
  answer.raw = response->body;
  answer.content_type = response->get_header_value("Content-Type");
  answer.etag = response->get_header_value("ETag");
  answer.set_cookie = response->get_header_value("Set-Cookie");
  answer.body = nlohmann::json::parse(response->body, nullptr, false);
  return answer;
}

}  // namespace vinculo::testing
