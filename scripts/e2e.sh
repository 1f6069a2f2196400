#!/usr/bin/env bash
# End-to-end tests of the web UI (web/e2e): builds the web UI if needed, then
# node's test runner drives Debian's chromium (playwright-core) against a
# real `vinculo serve` on a loopback port over a fresh demo database.
# Screenshots go to test-artifacts/. Usage: scripts/e2e.sh [path/to/vinculo]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
binary=$(realpath "${1:-$root/build/vinculo}")

if [ ! -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
  echo "e2e: ${CHROMIUM:-/usr/bin/chromium} is missing; run scripts/install-deps.sh test" >&2
  exit 1
fi
"$root/scripts/web-build.sh"
# playwright-core needs Node.js 20 or later; node20.sh finds or installs one.
node=$("$root/scripts/node20.sh")
cd "$root/web"
VINCULO_BINARY="$binary" VINCULO_E2E_ARTIFACTS="$root/test-artifacts" \
  "$node" --test --test-concurrency=1 --test-timeout=300000 e2e/
