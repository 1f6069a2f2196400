// vinculo: the server and command line of Vínculo, software for programmes
// that keep children connected to parents in prison.
#include "cli/cli.h"

namespace vinculo {
// jemalloc options, src/common/allocator_config.cc.
const char* AllocatorConfig();
// Declines libquadmath's printf hooks, src/common/printf_hooks.cc.
bool PrintfHooksDeclined();
}  // namespace vinculo

int main(int argc, char** argv) {
  // Keeps the jemalloc options (malloc_conf) linked into the binary.
  static_cast<void>(vinculo::AllocatorConfig());
  static_cast<void>(vinculo::PrintfHooksDeclined());
  return vinculo::RunCli(argc, argv);
}
