#!/usr/bin/env bash
# Prints the path of a Node.js of major version 20 or later, for the web UI's
# end-to-end tests: playwright-core refuses older ones, and Debian 12 ships 18.
# The machine's `node` is used when it is new enough; otherwise Node.js 20 is
# installed once from the npm registry's own package of the binary
# (node-linux-<arch>) into .tools/ of the checkout, which git ignores.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
minimum_major=20
pinned_version=20.20.2

major_of() { "$1" --version 2>/dev/null | sed -n 's/^v\([0-9][0-9]*\)\..*/\1/p'; }

if command -v node >/dev/null 2>&1; then
  system_major=$(major_of node)
  if [ -n "$system_major" ] && [ "$system_major" -ge "$minimum_major" ]; then
    command -v node
    exit 0
  fi
fi

case "$(uname -m)" in
  x86_64) arch=x64 ;;
  aarch64) arch=arm64 ;;
  *) echo "node20: no Node.js package for $(uname -m); install Node.js $minimum_major or later" >&2; exit 69 ;;
esac
prefix="$root/.tools/node-$pinned_version"
binary="$prefix/node_modules/node-linux-$arch/bin/node"
if [ ! -x "$binary" ] || [ "$(major_of "$binary")" != "$minimum_major" ]; then
  echo "node20: the machine's node is older than $minimum_major; installing node-linux-$arch@$pinned_version into .tools/" >&2
  mkdir -p "$prefix"
  # --ignore-scripts: the package is the binary itself, nothing needs to run.
  npm install --prefix "$prefix" --no-save --no-audit --no-fund --ignore-scripts \
    "node-linux-$arch@$pinned_version" >&2
fi
if [ ! -x "$binary" ]; then
  echo "node20: $binary is missing after the install" >&2
  exit 70
fi
echo "$binary"
