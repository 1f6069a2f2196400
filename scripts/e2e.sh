#!/usr/bin/env bash
# End-to-end tests of the web UI (web/e2e): builds the web UI if needed, then
# node's test runner drives Debian's chromium (playwright-core; by default its
# headless shell, CHROMIUM=/usr/bin/chromium for the full browser) against a
# real `vinculo serve` on a loopback port over a fresh demo database.
# Screenshots go to test-artifacts/.
# Usage: scripts/e2e.sh [path/to/vinculo [e2e/one.test.mjs ...]]
#   VINCULO_E2E_NETWORK=loopback: the namespace has loopback only, so the
#   browser believes it has no network at all (navigator.onLine false, no
#   "online" event); the run is skipped (exit 77) where no namespace can be made.
#   VINCULO_E2E_CONCURRENCY: journey files run at once (default 2; each has its
#   own server, database and browser).
#   VINCULO_E2E_RETRY=0: no second try of the files that failed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
binary=$(realpath "${1:-$root/build/vinculo}")
shift || true
files=("$@")
[ ${#files[@]} -gt 0 ] || files=(e2e/)

# The browser (web/e2e/harness.mjs chooses the same way): CHROMIUM if set,
# else Debian's chromium-headless-shell, else Debian's chromium.
if [ -z "${CHROMIUM:-}" ]; then
  for candidate in /usr/bin/chromium-headless-shell /usr/bin/chromium; do
    if [ -x "$candidate" ]; then CHROMIUM=$candidate; break; fi
  done
fi
if [ ! -x "${CHROMIUM:-/usr/bin/chromium-headless-shell}" ]; then
  echo "e2e: ${CHROMIUM:-chromium-headless-shell} is missing; run scripts/install-deps.sh test" >&2
  exit 1
fi
export CHROMIUM
echo "e2e: browser $CHROMIUM"
"$root/scripts/web-build.sh"
# playwright-core needs Node.js 20 or later; node20.sh finds or installs one.
node=$("$root/scripts/node20.sh")
cd "$root/web"
# The journeys run in a network namespace of their own when this machine
# allows one (root, unshare and ip: scripts/e2e-netns.sh), so that the
# browser sees the same network everywhere, whatever the machine's own;
# VINCULO_E2E_NETNS=0 runs them on the machine's network.
wrap=()
if [ "${VINCULO_E2E_NETNS:-1}" != 0 ] && command -v unshare >/dev/null && command -v ip >/dev/null \
  && unshare --net true 2>/dev/null; then
  wrap=(unshare --net -- "$root/scripts/e2e-netns.sh")
elif [ "${VINCULO_E2E_NETWORK:-link}" = loopback ]; then
  echo "e2e: no network namespace can be made here; a run without a link is skipped"
  exit 77
else
  echo "e2e: on this machine's own network (no network namespace here)"
fi
# The TAP report goes to the output and to a file; when a journey fails, a
# few lines of each failure (the first one last) are printed again at the
# end, where a CI log that keeps only the tail shows them.
mkdir -p "$root/test-artifacts"
report="$root/test-artifacts/e2e-report${VINCULO_E2E_NETWORK:+-$VINCULO_E2E_NETWORK}.tap"
journeys() { # REPORT CONCURRENCY FILE...
  local to=$1 concurrency=$2
  shift 2
  VINCULO_BINARY="$binary" VINCULO_E2E_ARTIFACTS="$root/test-artifacts" \
    "${wrap[@]}" "$node" --test --test-concurrency="$concurrency" --test-timeout=300000 \
    --test-reporter=tap --test-reporter-destination=stdout \
    --test-reporter=tap --test-reporter-destination="$to" "$@"
}
rm -f "${report%.tap}-first-try.tap"
status=0
journeys "$report" "${VINCULO_E2E_CONCURRENCY:-2}" "${files[@]}" || status=$?
if [ "$status" -ne 0 ]; then
  "$node" "$root/scripts/e2e-failures.mjs" "$report" || true
  # A second try, one file at a time, of the files that failed (as
  # Playwright's own runner retries on CI): a journey that fails twice fails
  # the run; one that passes the second time passes it, and is named FLAKY at
  # the end of the log with its first failure kept in the first report.
  mapfile -t failed < <("$node" "$root/scripts/e2e-failures.mjs" --files "$report")
  if [ "${VINCULO_E2E_RETRY:-1}" = 1 ] && [ ${#failed[@]} -gt 0 ] && [ "${failed[0]}" != all ]; then
    first="${report%.tap}-first-try.tap"
    mv "$report" "$first"
    echo "e2e: trying ${failed[*]} again, one file at a time"
    status=0
    journeys "$report" 1 "${failed[@]}" || status=$?
    if [ "$status" -eq 0 ]; then
      echo "e2e: FLAKY: ${failed[*]} failed once and passed the second time; the first failure:"
      "$node" "$root/scripts/e2e-failures.mjs" --brief "$first" || true
    else
      "$node" "$root/scripts/e2e-failures.mjs" "$report" || true
    fi
  fi
fi
exit "$status"
