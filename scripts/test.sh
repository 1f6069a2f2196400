#!/usr/bin/env bash
# Runs every test through ctest with a throw-away PostgreSQL on a loopback
# port, and stops PostgreSQL whatever happens (the EXIT trap).
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir="${BUILD_DIR:-build}"

pg_dir=$(mktemp -d /tmp/vinculo-pg.XXXXXX)
trap 'scripts/pg.sh stop "$pg_dir"' EXIT

# A free loopback port: nothing answers a connection there.
for _ in $(seq 1 50); do
  port=$((20000 + RANDOM % 20000))
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
done
VINCULO_TEST_PG=$(scripts/pg.sh start "$pg_dir" "$port")
export VINCULO_TEST_PG
echo "test: PostgreSQL on 127.0.0.1:$port"

ctest --test-dir "$build_dir" --output-on-failure -j "$(nproc)" "$@"
