// vinculo: the server and command line of Vínculo, software for programmes
// that keep children connected to parents in prison.
#include "cli/cli.h"

int main(int argc, char** argv) { return vinculo::RunCli(argc, argv); }
