#include "cli/output_file.h"

#include <unistd.h>

#include <cstdio>
#include <filesystem>

namespace vinculo {

Status WriteFileWhole(const std::string& path, const std::string& bytes, const std::string& field) {
  const std::filesystem::path target(path);
  const std::filesystem::path folder =
      target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
  std::string temporary = (folder / (".vinculo-output-XXXXXX")).string();
  const int descriptor = mkstemp(temporary.data());
  if (descriptor < 0) {
    return Status(StatusCode::kNotFound, "cannot write in the folder of " + path, field);
  }
  FILE* file = fdopen(descriptor, "wb");
  bool written = file && std::fwrite(bytes.data(), 1, bytes.size(), file) == bytes.size();
  written = file && std::fclose(file) == 0 && written;
  if (!file) close(descriptor);
  std::error_code error;
  if (written) std::filesystem::rename(temporary, target, error);
  if (!written || error) {
    std::remove(temporary.c_str());
    return Status(StatusCode::kUnavailable, "could not write " + path, field);
  }
  return Status::Ok();
}

}  // namespace vinculo
