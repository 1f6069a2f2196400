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
# The TAP report goes to the output and to a file; when a journey fails, its
# failure (the assertion, the expected and actual values, the stack) is
# printed again at the end, where a CI log that keeps only the tail shows it.
mkdir -p "$root/test-artifacts"
report="$root/test-artifacts/e2e-report.tap"
status=0
VINCULO_BINARY="$binary" VINCULO_E2E_ARTIFACTS="$root/test-artifacts" \
  "$node" --test --test-concurrency=1 --test-timeout=300000 \
  --test-reporter=tap --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination="$report" e2e/ || status=$?
if [ "$status" -ne 0 ]; then
  echo "e2e: what failed (from $report):"
  # Each failed test with its YAML block, up to the block's end ("...").
  awk '/^ *not ok /{show=1} show{print} show && /^ *\.\.\.$/{show=0}' "$report" | cut -c1-400 | head -150
fi
exit "$status"
