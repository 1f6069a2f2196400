#!/usr/bin/env bash
# Installs the Debian 12 packages Vínculo needs to build, test and run.
# Idempotent: asks apt only for what is absent, so a second run is a no-op.
# Usage: scripts/install-deps.sh [build|test|bench|sanitize]   (default: build)
set -euo pipefail
profile="${1:-build}"

build_pkgs=(
  build-essential cmake ninja-build ccache pkg-config
  libcpp-httplib-dev libbrotli-dev zlib1g-dev nlohmann-json3-dev libsoci-dev libboost-dev libsqlite3-dev libpq-dev
  coinor-libcbc-dev libsodium-dev libcli11-dev libspdlog-dev libical-dev libjemalloc-dev libhpdf-dev
  libpwquality-dev cracklib-runtime libxlsxwriter-dev libicu-dev
  fonts-dejavu-core
  libgtest-dev libgmock-dev libbenchmark-dev
)
# The web UI is built with node/npm (never needed to serve it) and tested in
# chromium. A node and npm installed another way are kept.
web_build_pkgs=()
command -v node >/dev/null 2>&1 || web_build_pkgs+=(nodejs)
command -v npm >/dev/null 2>&1 || web_build_pkgs+=(npm)
build_pkgs+=("${web_build_pkgs[@]}")
# python3-icalendar reads the iCalendar feeds with a parser other than ours.
# libreoffice-calc-nogui reads the XLSX reports (headless conversion to CSV).
# The browser journeys run in chromium-headless-shell (the same Chromium build
# without the desktop shell, two thirds of the CPU); chromium for bench/cold_load.mjs
# and for runs in the full browser (CHROMIUM=/usr/bin/chromium scripts/e2e.sh).
test_pkgs=(postgresql sqlite3 poppler-utils chromium chromium-headless-shell python3-icalendar haproxy libreoffice-calc-nogui iproute2)
# The package test (scripts/package-test.sh): systemd-analyze checks the unit,
# curl signs in to the extracted server; dpkg-shlibdeps comes with build-essential.
test_pkgs+=(systemd curl)
# jq reads the API's answers in bench/national.sh and bench/two_servers.sh.
bench_pkgs=(wrk curl jq)
# make test-sanitize and make fuzz: clang with its sanitizer and libFuzzer runtimes.
sanitize_pkgs=(clang-14 libclang-rt-14-dev)

wanted=("${build_pkgs[@]}")
case "$profile" in
  build) ;;
  test) wanted+=("${test_pkgs[@]}") ;;
  bench) wanted+=("${test_pkgs[@]}" "${bench_pkgs[@]}") ;;
  sanitize) wanted+=("${test_pkgs[@]}" "${sanitize_pkgs[@]}") ;;
  *) echo "install-deps: unknown profile '$profile' (build|test|bench|sanitize)" >&2; exit 2 ;;
esac

missing=()
for pkg in "${wanted[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done

if [ "${#missing[@]}" -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  echo "install-deps: done"
fi

# The OpenAPI 3 validator the tests run (npm: @apidevtools/swagger-parser,
# pinned in tests/openapi/package-lock.json); offline once installed.
if [ "$profile" != build ]; then
  "$(dirname "$0")/openapi-check.sh" --install
fi
