#!/usr/bin/env bash
# Issue 13: the code under AddressSanitizer and UndefinedBehaviorSanitizer,
# and the fuzz targets under libFuzzer. One clang build in build-sanitize
# (VINCULO_FUZZ: ASan, UBSan and libFuzzer's coverage) serves both.
#   scripts/sanitize.sh test [ctest args]   the unit, store, HTTP, CLI and planner
#                                           suites on SQLite and PostgreSQL (not the
#                                           browser journeys nor the OpenAPI check)
#   scripts/sanitize.sh fuzz                each fuzz target for FUZZ_SECONDS (60)
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-test}"
shift || true
build_dir="${SANITIZE_BUILD_DIR:-build-sanitize}"

if [ ! -f "$build_dir/build.ninja" ]; then
  CC=clang-14 CXX=clang++-14 cmake -S . -B "$build_dir" -G Ninja \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DVINCULO_FUZZ=ON -DVINCULO_BUILD_TESTS=ON
fi

# A finding stops the run with its report; leaks are findings too.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:detect_stack_use_after_return=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
# httplib, SOCI and libpq keep some allocations for the process's life.
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$PWD/scripts/lsan.supp:print_suppressions=0}"

case "$mode" in
  test)
    cmake --build "$build_dir"
    BUILD_DIR="$build_dir" scripts/test.sh -E '^(e2e|openapi)\.' "$@"
    ;;
  fuzz)
    cmake --build "$build_dir" --target fuzz_dates fuzz_csv fuzz_request
    seconds="${FUZZ_SECONDS:-60}"
    for target in dates csv request; do
      corpus="$build_dir/fuzz-corpus/$target"
      mkdir -p "$corpus"
      echo "fuzz: $target for ${seconds} s"
      # The corpus grows in the build folder; fuzz/corpus keeps the seeds.
      "$build_dir/fuzz/fuzz_$target" -max_total_time="$seconds" -print_final_stats=1 \
        -artifact_prefix="$build_dir/fuzz-$target-" "$corpus" "fuzz/corpus/$target" 2>&1 |
        grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|#[0-9]+ +DONE)|ERROR|SUMMARY' || true
      if ls "$build_dir"/fuzz-"$target"-crash-* >/dev/null 2>&1; then
        echo "fuzz: $target found a failing input: $(ls "$build_dir"/fuzz-"$target"-crash-*)" >&2
        exit 1
      fi
    done
    ;;
  *)
    echo "sanitize: unknown mode '$mode' (test|fuzz)" >&2
    exit 2
    ;;
esac
