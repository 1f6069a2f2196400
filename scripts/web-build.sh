#!/usr/bin/env bash
# Builds the web UI into web/dist: `npm ci` only when node_modules is missing
# or package-lock.json changed since the last install, then `npm run build`
# only when a source is newer than the last build. Node is needed to build,
# never to serve.
set -euo pipefail
cd "$(dirname "$0")/../web"

if ! command -v npm >/dev/null 2>&1; then
  echo "web-build: npm is missing; run scripts/install-deps.sh build" >&2
  exit 2
fi

stamp=node_modules/.vinculo-lock.sha256
lock_sum=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -d node_modules ] || [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock_sum" ]; then
  echo "web-build: npm ci"
  npm ci --no-audit --no-fund
  echo "$lock_sum" >"$stamp"
fi

if [ ! -f dist/index.html ] ||
  [ -n "$(find src index.html package-lock.json vite.config.ts vite-pwa.ts vite-compress.ts tsconfig.json -newer dist/index.html -print -quit)" ]; then
  echo "web-build: npm run build"
  npm run build
else
  echo "web-build: web/dist is up to date"
fi
