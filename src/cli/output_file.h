// Files the CLI writes for other programs (reports, exports): whole or not at
// all, so that a crash, a full disk or a refused request never leaves half a
// file where a previous one was.
#pragma once

#include <string>

#include "common/status.h"

namespace vinculo {

// Writes `bytes` to `path`: a temporary file in the same folder, flushed and
// closed, then renamed over `path`. On failure nothing at `path` changes; the
// Status names `field` (the option that gave the path).
Status WriteFileWhole(const std::string& path, const std::string& bytes, const std::string& field);

}  // namespace vinculo
