#!/usr/bin/env bash
# Validates the OpenAPI document the server serves with an OpenAPI 3
# validator (tests/openapi: @apidevtools/swagger-parser run by node).
# Usage: scripts/openapi-check.sh VINCULO_BINARY   (ctest: openapi.validate)
#        scripts/openapi-check.sh --install        (npm ci only)
# `npm ci` runs only when node_modules is missing or the lock file changed, so
# the check works offline once installed.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
checker="$here/tests/openapi"
stamp="$checker/node_modules/.package-lock.json"
if [ ! -f "$stamp" ] || [ "$checker/package-lock.json" -nt "$stamp" ]; then
  (cd "$checker" && npm ci --no-audit --no-fund --loglevel=error)
fi
[ "${1:-}" = "--install" ] && exit 0
binary="${1:?usage: openapi-check.sh VINCULO_BINARY}"
document="$(mktemp --suffix=.json)"
trap 'rm -f "$document"' EXIT
"$binary" openapi --output "$document"
node "$checker/validate.mjs" "$document"
