// The demo programme (seed 2026, created at 2026-11-23T12:00:00Z, the
// worlds' fixed clock) made once per test binary, engine and migrations by
// CreateDemoProgramme itself, and copied for each test that reads or
// changes it: the demo costs seconds (four monthly plans, every record), a
// copy milliseconds. Tests of the making itself (a second run, a seed's
// determinism, a database that already holds data) make their own.
#pragma once

#include <chrono>
#include <memory>

#include "service/demo_programme.h"
#include "support/test_database.h"

namespace vinculo::testing {

// The demo's creation time and the clock its tests read.
std::chrono::system_clock::time_point DemoCreatedAt();

// A copy of the demo, with the report its creation returned; fails the test
// and returns nullptr if it cannot be made.
std::unique_ptr<TestDatabase> CopyOfTheDemo(DemoReport& report);

}  // namespace vinculo::testing
