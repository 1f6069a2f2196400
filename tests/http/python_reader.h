// Runs a python3 script (Debian's python3 with python3-icalendar: a reader
// that shares no code with ours) on `content` written to a temporary file
// given as sys.argv[1]; returns its standard output and error, prefixed
// "python3 failed: " when it exits non-zero. For the tests of the iCalendar
// feeds.
#pragma once

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace vinculo::testing {

inline std::string RunPythonOn(const std::string& script, const std::string& content) {
  const std::filesystem::path path =
      std::filesystem::temp_directory_path() / ("vinculo_python_" + std::to_string(getpid()));
  std::ofstream(path, std::ios::binary) << content;
  setenv("SCRIPT", script.c_str(), 1);
  const std::string command = "/usr/bin/python3 -c \"$SCRIPT\" " + path.string() + " 2>&1";
  std::string out;
  if (FILE* pipe = popen(command.c_str(), "r")) {
    char buffer[512];
    while (fgets(buffer, sizeof(buffer), pipe)) out += buffer;
    if (pclose(pipe) != 0) out = "python3 failed: " + out;
  }
  std::filesystem::remove(path);
  return out;
}

}  // namespace vinculo::testing
