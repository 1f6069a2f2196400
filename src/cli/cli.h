// The `vinculo` command line: one table of subcommands (serve, init, migrate,
// user add, import, export), each with its own --help. Returns the process
// exit code (cli/exit_codes.h). Messages go to stderr, data to stdout.
#pragma once

namespace vinculo {

int RunCli(int argc, char** argv);

}  // namespace vinculo
