// Named exit codes of the `vinculo` command, after BSD sysexits(3) so that
// scripts can tell a bad input from a database that is down. Documented in
// docs/cli.md; the only place a Status becomes an exit code.
#pragma once

#include "common/status.h"

namespace vinculo {

enum ExitCode : int {
  kExitOk = 0,
  kExitUsage = 64,         // wrong command line (unknown option, missing argument)
  kExitInvalidInput = 65,  // the data given is wrong (bad CSV row, bad field, bad JSON)
  kExitNotFound = 66,      // a file or record named on the command line does not exist
  kExitUnavailable = 69,   // the database cannot be opened or reached
  kExitInternal = 70,      // a bug; details are in the log
  kExitConflict = 73,      // already exists (a username, a demo in a non-empty database)
  kExitTryAgain = 75,      // changed by someone else meanwhile; run it again
  kExitForbidden = 77,     // the acting user may not do this
};

inline int ExitCodeFor(StatusCode code) {
  switch (code) {
    case StatusCode::kOk:
      return kExitOk;
    case StatusCode::kInvalidArgument:
    case StatusCode::kMalformed:
    case StatusCode::kInfeasible:
      return kExitInvalidInput;
    case StatusCode::kNotFound:
      return kExitNotFound;
    case StatusCode::kConflict:
      return kExitConflict;
    case StatusCode::kForbidden:
    case StatusCode::kUnauthenticated:
      return kExitForbidden;
    case StatusCode::kPreconditionFailed:
    case StatusCode::kPreconditionRequired:
    case StatusCode::kTooManyAttempts:
      return kExitTryAgain;
    case StatusCode::kUnavailable:
      return kExitUnavailable;
    case StatusCode::kInternal:
      return kExitInternal;
  }
  return kExitInternal;
}

}  // namespace vinculo
