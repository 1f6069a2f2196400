#!/usr/bin/env bash
# make bench: the API throughput benchmark of issue 2, on the demo data.
#
# Method: a fresh SQLite database with the demo programme; `vinculo serve` with
# 96 worker threads; a programme coordinator signs in; wrk (2 threads, 64
# keep-alive connections, 15 s after a 3 s warm-up) requests one child of her
# organisation with the Bearer token. The same wrk run is made against a bare
# cpp-httplib server returning a body of the same size, so the ratio is known.
# Three rounds (BENCH_ROUNDS), each the API then the bare server; the verdict
# is on the medians and every round is printed. Everything runs on this
# machine's loopback; wrk shares the 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
root=$(pwd)
build_dir="${BUILD_DIR:-build}"
duration="${BENCH_DURATION:-15s}"
connections="${BENCH_CONNECTIONS:-64}"
rounds="${BENCH_ROUNDS:-3}"

work=$(mktemp -d /tmp/vinculo-bench.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

# Prints "requests_per_second p99_ms" from wrk's --latency output.
run_wrk() {
  local url="$1"; shift
  wrk -t2 -c"$connections" -d3s "$@" "$url" >/dev/null
  wrk -t2 -c"$connections" -d"$duration" --latency "$@" "$url" >"$work/wrk.txt"
  local rps p99
  rps=$(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt")
  p99=$(awk '$1 == "99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; print v}' "$work/wrk.txt")
  if grep -q "Non-2xx" "$work/wrk.txt"; then
    echo "bench: wrk saw error responses:" >&2; cat "$work/wrk.txt" >&2; exit 70
  fi
  echo "$rps $p99"
}

"$build_dir/vinculo" init --db "$work/demo.db" --demo >/dev/null
api_port=$(free_port)
"$build_dir/vinculo" serve --db "$work/demo.db" --port "$api_port" --threads 96 ${BENCH_SERVE_ARGS:-} >"$work/serve.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$api_port/api/v1/health"

token=$(curl -sf -X POST -H 'Content-Type: application/json' \
  -d '{"username":"coordinadora","password":"vinculo-demo-2026"}' \
  "http://127.0.0.1:$api_port/api/v1/auth/login" | sed -E 's/.*"token":"([^"]+)".*/\1/')
child_id=$(curl -sf -H "Authorization: Bearer $token" "http://127.0.0.1:$api_port/api/v1/children?limit=1" |
  grep -oE '[{,]"id":[0-9]+' | head -n 1 | grep -oE '[0-9]+')
child_url="http://127.0.0.1:$api_port/api/v1/children/$child_id"
curl -sf -H "Authorization: Bearer $token" "$child_url" >"$work/child.json"
child_bytes=$(wc -c <"$work/child.json")

bare_port=$(free_port)
"$build_dir/bench/bench_bare_server" "$bare_port" 96 &
pids+=($!)
wait_for "http://127.0.0.1:$bare_port/health"

# Rounds alternate the two servers, so that a drift in the machine's speed
# (it shares its host) falls on both; the verdict is on the medians.
median() { printf '%s\n' "$@" | sort -g | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
api_rps_all=(); api_p99_all=(); bare_rps_all=(); bare_p99_all=()
rows=""
for round in $(seq 1 "$rounds"); do
  read -r api_rps api_p99 < <(run_wrk "$child_url" -H "Authorization: Bearer $token")
  read -r bare_rps bare_p99 < <(run_wrk "http://127.0.0.1:$bare_port/child")
  api_rps_all+=("$api_rps"); api_p99_all+=("$api_p99")
  bare_rps_all+=("$bare_rps"); bare_p99_all+=("$bare_p99")
  rows+="| $round | $api_rps | $api_p99 | $bare_rps | $bare_p99 |"$'\n'
done
api_rps=$(median "${api_rps_all[@]}"); api_p99=$(median "${api_p99_all[@]}")
bare_rps=$(median "${bare_rps_all[@]}"); bare_p99=$(median "${bare_p99_all[@]}")
ratio=$(awk -v a="$api_rps" -v b="$bare_rps" 'BEGIN {printf "%.2f", a / b}')
verdict=$(awk -v r="$api_rps" -v p="$api_p99" 'BEGIN {print (r >= 15000 && p < 10) ? "met" : "NOT met"}')
rounds_met=$(for i in "${!api_rps_all[@]}"; do
  awk -v r="${api_rps_all[$i]}" -v p="${api_p99_all[$i]}" 'BEGIN {if (r >= 15000 && p < 10) print}'
done | wc -l)

cat <<REPORT
GET /api/v1/children/$child_id (SQLite, Bearer, scoped, audited; $child_bytes-byte body)
against bare cpp-httplib (stock, fixed body of the same size):

| round | API requests/s | API p99 (ms) | bare requests/s | bare p99 (ms) |
| --- | --- | --- | --- | --- |
${rows}| median | $api_rps | $api_p99 | $bare_rps | $bare_p99 |

ratio API / bare (medians): $ratio; target (>= 15,000 requests/s and p99 < 10 ms): $verdict
on the medians, met in $rounds_met of $rounds rounds
wrk -t2 -c$connections -d$duration per round after a 3 s warm-up, $(nproc) cores, $(date -u +%Y-%m-%d)
REPORT

# Issue 16: a cold first load of the web UI in chromium (target: under 1 s),
# against a cold navigation to one of the build's tiny files. In the full
# browser, as a user's, not in the headless shell the journeys use.
echo
echo "Web UI cold load (bench/cold_load.mjs):"
if [ -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
  binary=$(realpath "$build_dir/vinculo")
  (cd "$root/web" && CHROMIUM="${CHROMIUM:-/usr/bin/chromium}" VINCULO_BINARY="$binary" \
    "$("$root/scripts/node20.sh")" ../bench/cold_load.mjs 9)
else
  echo "(chromium is missing: scripts/install-deps.sh test)"
fi

# Issue 3: the age-out board and the 12-month forecast for 100,000 children
# living inside across 1,000 facilities (SQLite, data generated in-process,
# generation not timed). Target: each under 200 ms.
echo
echo "Nursery at national scale (bench/nursery_bench.cc):"
"$build_dir/bench/bench_nursery" --benchmark_format=console

# Issue 13: an audited read journaled ahead of its answer (survives SIGKILL)
# against the queue alone, in one process.
echo
echo "Audit journal (bench/audit_bench.cc):"
"$build_dir/bench/bench_audit" --benchmark_format=console

# Issue 14: a reply compressed at brotli's quality 5 (http/reply_body.cc)
# against httplib's own compressor (quality 11), which compressed every reply
# to a browser before; same body, same run.
echo
echo "Reply compression (bench/reply_bench.cc):"
"$build_dir/bench/bench_reply" --benchmark_format=console

# Issue 4: the visit planner on generated instances, first-come beside it.
# (a) 300 pairs, 4 facilities, 12 escorts; (b) 50,000 pairs, 300 facilities,
# 2,000 escorts. Targets: (a) proven optimal under 1 s; (b) a complete plan
# under 30 s with coverage within 1% of the bound.
echo
echo "Visit planner (bench/planner_bench.cc):"
"$build_dir/bench/bench_planner" 2026 25
