#!/usr/bin/env bash
# Runs a command inside a network namespace of its own (scripts/e2e.sh starts
# it under `unshare --net`): loopback, and a pair of linked virtual interfaces
# that reach nothing outside, so the browser believes it is on a network
# (navigator.onLine, the "online" and "offline" events) on every machine the
# same way, whatever that machine's own network is; with
# VINCULO_E2E_NETWORK=loopback, loopback only. Usage: e2e-netns.sh CMD...
set -euo pipefail
ip link set lo up
if [ "${VINCULO_E2E_NETWORK:-link}" = loopback ]; then
  echo "e2e: a network namespace of its own with loopback only (the browser believes it is offline)"
elif ip link add vinculo-e2e0 type veth peer name vinculo-e2e1 2>/dev/null; then
  ip addr add 10.254.0.1/30 dev vinculo-e2e0
  ip addr add 10.254.0.2/30 dev vinculo-e2e1
  ip link set vinculo-e2e0 up
  ip link set vinculo-e2e1 up
  echo "e2e: a network namespace of its own (loopback and a linked pair of virtual interfaces)"
else
  echo "e2e: a network namespace of its own (loopback only: no virtual interfaces here)"
fi
exec "$@"
