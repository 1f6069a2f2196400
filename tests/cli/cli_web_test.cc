// `vinculo serve --web-root`: a folder without a built web UI is refused with
// the command that builds it, before the database is opened.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

#include "cli/exit_codes.h"

namespace vinculo::testing {
namespace {

TEST(CliWebTest, ServeRefusesAWebRootWithoutABuiltWebUi) {
  const std::string command = std::string(VINCULO_BINARY) +
                              " serve --db /nonexistent/never.db --port 0 --web-root "
                              "/nonexistent/web/dist 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string out;
  std::array<char, 4096> buffer;
  size_t read = 0;
  while ((read = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) out.append(buffer.data(), read);
  const int status = pclose(pipe);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), kExitNotFound) << out;
  EXPECT_NE(out.find("--web-root /nonexistent/web/dist holds no index.html"), std::string::npos)
      << out;
  EXPECT_NE(out.find("make web"), std::string::npos) << out;
}

}  // namespace
}  // namespace vinculo::testing
