// An ApiServer on a loopback port over a World's database, and a small HTTP
// client that signs in as any of the world's users. Real sockets, real
// database: nothing of ours is mocked.
#pragma once

#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>
#include <thread>

#include "http/api_server.h"
#include "support/world.h"

namespace vinculo::testing {

struct HttpAnswer {
  int status = 0;
  nlohmann::json body;
  std::string raw;
  std::string content_type;
  std::string etag;
  std::string set_cookie;
};

class ApiTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  // Signs in (password kPassword) and returns the bearer token.
  std::string TokenFor(const std::string& username);
  HttpAnswer Call(const std::string& method, const std::string& path, const std::string& token,
                  const std::string& body = "", httplib::Headers headers = {});
  HttpAnswer Get(const std::string& path, const std::string& as) {
    return Call("GET", path, TokenFor(as));
  }
  HttpAnswer Post(const std::string& path, const std::string& as, const nlohmann::json& body) {
    return Call("POST", path, TokenFor(as), body.dump());
  }
  HttpAnswer Patch(const std::string& path, const std::string& as, const nlohmann::json& body,
                   const std::string& etag) {
    return Call("PATCH", path, TokenFor(as), body.dump(), {{"If-Match", etag}});
  }
  HttpAnswer Put(const std::string& path, const std::string& as, const nlohmann::json& body,
                 const std::string& etag) {
    return Call("PUT", path, TokenFor(as), body.dump(), {{"If-Match", etag}});
  }

  std::unique_ptr<World> world_;
  std::unique_ptr<ApiServer> server_;
  std::thread server_thread_;
  int port_ = 0;
  std::map<std::string, std::string> tokens_;
};

}  // namespace vinculo::testing
