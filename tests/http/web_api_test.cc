// What the web UI needs from the server: the user's own language preference
// (PATCH /api/v1/auth/me) and the built app served from the same origin with
// an SPA fallback, content types and cache headers.
#include <httplib.h>

#include <filesystem>
#include <fstream>

#include "api_fixture.h"

namespace vinculo::testing {
namespace {

using nlohmann::json;

TEST_F(ApiTest, AUserChangesHerOwnLanguageAndKeepsItAtTheNextLogin) {
  const std::string token = TokenFor("caregiver_a");
  EXPECT_EQ(Call("GET", "/api/v1/auth/me", token).body["language"], "es");

  HttpAnswer changed = Call("PATCH", "/api/v1/auth/me", token, json{{"language", "en"}}.dump());
  ASSERT_EQ(changed.status, 200) << changed.raw;
  EXPECT_EQ(changed.body["language"], "en");
  EXPECT_EQ(changed.body["username"], "caregiver_a");
  // The same session sees it at once (the session cache is evicted), and so
  // does the next login.
  EXPECT_EQ(Call("GET", "/api/v1/auth/me", token).body["language"], "en");
  HttpAnswer login = Call("POST", "/api/v1/auth/login", "",
                          json{{"username", "caregiver_a"}, {"password", kPassword}}.dump());
  ASSERT_EQ(login.status, 200);
  EXPECT_EQ(login.body["user"]["language"], "en");
  // Nobody else's language changed.
  EXPECT_EQ(Get("/api/v1/auth/me", "coordinator_a").body["language"], "es");
}

TEST_F(ApiTest, ARefusedLanguageChangeNamesTheFieldAndChangesNothing) {
  const std::string token = TokenFor("coordinator_a");
  HttpAnswer wrong = Call("PATCH", "/api/v1/auth/me", token, json{{"language", "fr"}}.dump());
  EXPECT_EQ(wrong.status, 422);
  EXPECT_EQ(wrong.content_type, "application/problem+json");
  EXPECT_EQ(wrong.body["field"], "language");
  HttpAnswer missing = Call("PATCH", "/api/v1/auth/me", token, json::object().dump());
  EXPECT_EQ(missing.status, 422);
  EXPECT_EQ(missing.body["field"], "language");
  HttpAnswer other = Call("PATCH", "/api/v1/auth/me", token,
                          json{{"language", "en"}, {"role", "administrator"}}.dump());
  EXPECT_EQ(other.status, 422);
  EXPECT_EQ(other.body["field"], "role");
  json me = Call("GET", "/api/v1/auth/me", token).body;
  EXPECT_EQ(me["language"], "es");
  EXPECT_EQ(me["role"], "programme_coordinator");
  EXPECT_EQ(Call("PATCH", "/api/v1/auth/me", "", json{{"language", "en"}}.dump()).status, 401);
}

// An ApiServer that also serves a small built web UI from a temporary folder.
class WebServingTest : public ApiTest {
 protected:
  void SetUp() override {
    web_dir_ = std::filesystem::temp_directory_path() /
               ("vinculo-web-test-" + std::to_string(::getpid()) + "-" +
                std::to_string(reinterpret_cast<uintptr_t>(this)));
    std::filesystem::create_directories(web_dir_ / "assets");
    std::ofstream(web_dir_ / "index.html") << "<!doctype html><title>Vínculo</title>";
    std::ofstream(web_dir_ / "assets" / "index-abc123.js") << "console.log(1);";
    std::ofstream(web_dir_ / "assets" / "index-abc123.css") << "body{}";
    world_ = MakeWorld();
    ASSERT_NE(world_, nullptr);
    ApiOptions options;
    options.port = 0;
    options.threads = 4;
    options.web_dir = web_dir_.string();
    server_ = std::make_unique<ApiServer>(world_->context, options);
    ASSERT_TRUE(server_->Bind().ok());
    port_ = server_->port();
    server_thread_ = std::thread([this] { server_->Run(); });
  }
  void TearDown() override {
    ApiTest::TearDown();
    std::filesystem::remove_all(web_dir_);
  }
  httplib::Result Fetch(const std::string& path) {
    httplib::Client client("127.0.0.1", port_);
    return client.Get(path);
  }
  std::filesystem::path web_dir_;
};

TEST_F(WebServingTest, ServesTheAppWithContentTypesAndCacheHeaders) {
  auto index = Fetch("/");
  ASSERT_TRUE(index);
  EXPECT_EQ(index->status, 200);
  EXPECT_EQ(index->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(index->get_header_value("Cache-Control"), "no-cache");
  EXPECT_EQ(index->get_header_value_count("Cache-Control"), 1u);

  auto script = Fetch("/assets/index-abc123.js");
  ASSERT_TRUE(script);
  EXPECT_EQ(script->status, 200);
  EXPECT_EQ(script->body, "console.log(1);");
  EXPECT_EQ(script->get_header_value("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(script->get_header_value("Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(script->get_header_value_count("Cache-Control"), 1u);
  auto style = Fetch("/assets/index-abc123.css");
  ASSERT_TRUE(style);
  EXPECT_EQ(style->get_header_value("Content-Type"), "text/css; charset=utf-8");
}

TEST_F(WebServingTest, AppPathsFallBackToIndexButApiAndAssetsDoNot) {
  for (const char* path : {"/children", "/children/12", "/login?next=%2Fnursery", "/admin"}) {
    auto page = Fetch(path);
    ASSERT_TRUE(page) << path;
    EXPECT_EQ(page->status, 200) << path;
    EXPECT_NE(page->body.find("<title>Vínculo</title>"), std::string::npos) << path;
    EXPECT_EQ(page->get_header_value("Cache-Control"), "no-cache") << path;
  }
  auto api = Fetch("/api/v1/no-such-thing");
  ASSERT_TRUE(api);
  EXPECT_EQ(api->status, 404);
  EXPECT_EQ(api->get_header_value("Content-Type"), "application/problem+json");
  auto asset = Fetch("/assets/missing-123.js");
  ASSERT_TRUE(asset);
  EXPECT_EQ(asset->status, 404);
  // The API still answers with JSON and no-store.
  auto health = Fetch("/api/v1/health");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  EXPECT_EQ(health->get_header_value("Cache-Control"), "no-store");
}

// Issue 16: the service worker is served from the root (so that it may
// control the whole app) as JavaScript and revalidated, under the same
// Content-Security-Policy (script-src 'self' covers a worker of this origin);
// a build without one answers 404, not index.html as a script.
TEST_F(WebServingTest, Issue16_TheServiceWorkerIsServedFromTheRootAsJavaScript) {
  auto missing = Fetch("/sw.js");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  std::ofstream(web_dir_ / "sw.js") << "self.addEventListener(\"fetch\", () => {});";
  auto worker = Fetch("/sw.js");
  ASSERT_TRUE(worker);
  EXPECT_EQ(worker->status, 200);
  EXPECT_EQ(worker->body, "self.addEventListener(\"fetch\", () => {});");
  EXPECT_EQ(worker->get_header_value("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(worker->get_header_value("Cache-Control"), "no-cache");
  EXPECT_EQ(worker->get_header_value_count("Cache-Control"), 1u);
  EXPECT_NE(worker->get_header_value("Content-Security-Policy").find("script-src 'self'"),
            std::string::npos);
}

}  // namespace
}  // namespace vinculo::testing
