#!/usr/bin/env bash
# Runs every test through ctest with a throw-away PostgreSQL on a loopback
# port, and stops PostgreSQL whatever happens (the EXIT trap).
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir="${BUILD_DIR:-build}"

# This run's scratch folder: every test's TMPDIR (SQLite files, templates,
# the journeys' servers) and PostgreSQL's cluster, removed at the end. On a
# tmpfs when the machine has one with room (/dev/shm with 2 GiB free), else
# in /tmp; VINCULO_TEST_TMP names another parent. Each PostgreSQL case creates
# and drops a database, hundreds of files each: on ext4 that was about half of
# PostgreSQL's CPU in the tests (perf: inode allocation under ext4_create,
# docs/benchmarks.md "The suite's scratch on a tmpfs").
parent=${VINCULO_TEST_TMP:-}
if [ -z "$parent" ]; then
  parent=/tmp
  if [ "$(stat -f -c %T /dev/shm 2>/dev/null)" = tmpfs ] && [ -w /dev/shm ] \
    && [ "$(df -P -k /dev/shm | awk 'NR==2{print $4}')" -ge $((2 * 1024 * 1024)) ]; then
    parent=/dev/shm
  fi
fi
scratch=$(mktemp -d "$parent/vinculo-test.XXXXXX")
chmod 1777 "$scratch"  # as /tmp: PostgreSQL's user and the package test's user write here too
export TMPDIR=$scratch
echo "test: scratch in $scratch"
pg_dir=$(mktemp -d "$scratch/pg.XXXXXX")
trap 'scripts/pg.sh stop "$pg_dir"; rm -rf "$scratch"' EXIT

# A free loopback port: nothing answers a connection there. The ports are
# below Linux's ephemeral range (32768 and up), where an outgoing connection
# may hold a port nothing listens on; a start that still meets a taken port
# is tried again on another.
free_port() {
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 12000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
  done
}
for attempt in 1 2 3 4 5; do
  free_port
  if VINCULO_TEST_PG=$(scripts/pg.sh start "$pg_dir" "$port"); then break; fi
  scripts/pg.sh stop "$pg_dir"
  if [ "$attempt" = 5 ]; then echo "test: PostgreSQL did not start" >&2; exit 70; fi
  echo "test: PostgreSQL could not start on port $port; trying another" >&2
  pg_dir=$(mktemp -d "$scratch/pg.XXXXXX")
done
export VINCULO_TEST_PG
echo "test: PostgreSQL on 127.0.0.1:$port"

# One slot more than the cores: the browser journeys (about half a core, and
# first: their COST) run beside the C++ suites, which keep every core busy.
started=$(date +%s)
status=0
ctest --test-dir "$build_dir" --output-on-failure -j "$(($(nproc) + 1))" "$@" || status=$?
# The browser journeys run first and finish mid-run, so their failures (and
# a journey that passed only at its second try, scripts/e2e.sh) are printed
# again here, last, where a CI log that keeps only its tail shows them.
for report in test-artifacts/e2e-report*.tap; do
  [ -f "$report" ] && [ "$(stat -c %Y "$report")" -ge "$started" ] || continue
  case "$report" in
    *-first-try.tap) echo "--- FLAKY (failed at the first try): $report" ;;
    *) [ "$status" -ne 0 ] || continue; echo "--- $report" ;;
  esac
  node=$(scripts/node20.sh 2>/dev/null) || node=node
  "$node" scripts/e2e-failures.mjs --brief "$report" || true
done
exit "$status"
