#!/usr/bin/env bash
# Issue 14: two `vinculo serve` on one PostgreSQL behind HAProxy, against one,
# for throughput. Run alone (bench/two_servers.sh, 5 to 10 minutes) or by
# `make bench` when BENCH_NATIONAL=1.
#
# Method: scripts/pg.sh's throw-away PostgreSQL; `vinculo generate` at
# BENCH_SCALE (national by default); the coordinator of the largest
# organisation; servers A and B on the same database, 96 threads each (16
# pooled connections each, as `vinculo serve` on PostgreSQL always has);
# HAProxy (round robin, keep-alive on both sides) in front of A and B. Each
# workload is measured against A alone, then through HAProxy to A and B, then
# again in the same order (wrk: 2 threads, BENCH_CONNECTIONS keep-alive
# connections, BENCH_DURATION after a 2 s warm-up), so that the machine's
# drift falls on both sides (every workload is run once through both
# servers before any is measured):
#   child   GET one child of the organisation
#   list    GET children with a filter, a search and a page
#   record  POST a visit record over 2,000 visits of the organisation's plans
# Prints requests/s, p50/p99 and two ÷ one per workload. HAProxy itself is
# measured too (a third server behind it: A through HAProxy alone), so that
# what the proxy costs is not read as what the second server adds.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
build_dir="${BUILD_DIR:-build}"
duration="${BENCH_DURATION:-8s}"
connections="${BENCH_CONNECTIONS:-64}"
seed="${BENCH_SEED:-2026}"
scale="${BENCH_SCALE:-national}"
password="Girasol-Tranvia-2031"
for tool in wrk haproxy jq psql; do
  command -v "$tool" >/dev/null || { echo "two_servers: $tool is missing (scripts/install-deps.sh test bench)" >&2; exit 69; }
done

work=$(mktemp -d /tmp/vinculo-two.XXXXXX)
pg_dir=$(mktemp -d /tmp/vinculo-two-pg.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  scripts/pg.sh stop "$pg_dir" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

db=$(scripts/pg.sh start "$pg_dir" "$(free_port)")
started=$(date +%s.%N)
"$build_dir/vinculo" generate --scale "$scale" --seed "$seed" --db "$db" >"$work/generate.txt"
generate_seconds=$(awk -v s="$started" -v e="$(date +%s.%N)" 'BEGIN {printf "%.1f", e - s}')
organisation=$(grep -oE 'largest organisation: [0-9]+' "$work/generate.txt" | grep -oE '[0-9]+$')
printf '%s\n' "$password" | "$build_dir/vinculo" user add --db "$db" --username bench.coordinator \
  --role programme_coordinator --org "$organisation" --password-stdin >/dev/null

serve() {  # port name
  "$build_dir/vinculo" serve --db "$db" --port "$1" --threads 96 \
    --audit-journal "$work/$2.audit-journal" >"$work/serve-$2.log" 2>&1 &
  pids+=($!)
  wait_for "http://127.0.0.1:$1/api/v1/health"
}
port_a=$(free_port); serve "$port_a" a
port_b=$(free_port); serve "$port_b" b
balancer() {  # port, then the servers' ports
  local port="$1"; shift
  {
    printf 'global\n  maxconn 4096\n'
    printf 'defaults\n  mode http\n  timeout connect 2s\n  timeout client 30s\n  timeout server 30s\n  option http-keep-alive\n'
    printf 'frontend vinculo\n  bind 127.0.0.1:%s\n  default_backend servers\n' "$port"
    printf 'backend servers\n  balance roundrobin\n'
    local name=0
    for server in "$@"; do name=$((name + 1)); printf '  server s%s 127.0.0.1:%s\n' "$name" "$server"; done
  } >"$work/haproxy-$port.cfg"
  haproxy -db -f "$work/haproxy-$port.cfg" >"$work/haproxy-$port.log" 2>&1 &
  pids+=($!)
  wait_for "http://127.0.0.1:$port/api/v1/health"
}
port_one=$(free_port); balancer "$port_one" "$port_a"
port_two=$(free_port); balancer "$port_two" "$port_a" "$port_b"

token=$(curl -sf -X POST -H 'Content-Type: application/json' \
  -d "{\"username\":\"bench.coordinator\",\"password\":\"$password\"}" \
  "http://127.0.0.1:$port_a/api/v1/auth/login" | jq -r .token)
auth="Authorization: Bearer $token"
child=$(curl -sf -H "$auth" "http://127.0.0.1:$port_a/api/v1/children?limit=1" | jq '.items[0].id')
list_query="placement=relatives&q=Qui&limit=50"
cursor=$(curl -sf -H "$auth" "http://127.0.0.1:$port_a/api/v1/children?$list_query" | jq -r '.next_cursor // empty')
list_path="/api/v1/children?$list_query${cursor:+&cursor=$cursor}"  # a small scale has one page
visit_ids=$(psql "$db" -Atc "SELECT v.id FROM plan_visits v JOIN plans p ON p.id = v.plan_id
                             WHERE p.organisation_id = $organisation ORDER BY v.id LIMIT 2000" | paste -sd, -)
record_script "$work/record.lua" "$visit_ids" "$token"

# Waits until neither server has a request at the database (at most 30 s):
# a slow workload's requests still running after wrk stops would otherwise
# fall on the next measurement of server A.
settle() {
  for _ in $(seq 1 300); do
    local busy=0
    for port in "$port_a" "$port_b"; do
      in_use=$(curl -sf "http://127.0.0.1:$port/metrics" | awk '$1 == "vinculo_db_pool_in_use" {print $2}')
      [ "${in_use:-0}" -le 0 ] || busy=1
    done
    [ "$busy" = 0 ] && return 0
    sleep 0.1
  done
}

run() {  # workload port
  settle
  case "$1" in
    child) measure "http://127.0.0.1:$2/api/v1/children/$child" -H "$auth" ;;
    list) measure "http://127.0.0.1:$2$list_path" -H "$auth" ;;
    record) measure "http://127.0.0.1:$2/" -s "$work/record.lua" ;;
  esac
}

# Every workload once through both servers first: the first writes after
# generation (autovacuum, the statements' first plans) fall outside the figures.
for workload in child list record; do run "$workload" "$port_two" >/dev/null; done
# Each side's "requests/s p50 p99 non_2xx", by side and round (one1, two2, ...).
declare -A seen=()
mean() { awk -v a="${seen[${1}1]%% *}" -v b="${seen[${1}2]%% *}" 'BEGIN {printf "%.0f", (a + b) / 2}'; }
fmt() { read -r rps p50 p99 errors <<<"${seen[$1]}"; printf '%.0f (p99 %s ms%s)' "$rps" "$p99" "$([ "$errors" = 0 ] || echo ", $errors non-2xx")"; }
rows=""
for workload in child list record; do
  for round in 1 2; do
    seen[one$round]=$(run "$workload" "$port_a")
    seen[proxy$round]=$(run "$workload" "$port_one")
    seen[two$round]=$(run "$workload" "$port_two")
  done
  one=$(mean one); proxy=$(mean proxy); two=$(mean two)
  rows+="| $workload | $(fmt one1) / $(fmt one2) | $(fmt proxy1) / $(fmt proxy2) | $(fmt two1) / $(fmt two2) | $(awk -v t="$two" -v o="$one" 'BEGIN {printf "%.2f", t / o}') | $(awk -v t="$two" -v p="$proxy" 'BEGIN {printf "%.2f", t / p}') |"$'\n'
done

cat <<REPORT

Two servers on one PostgreSQL (issue 14), seed $seed, scale $scale, $(date -u +%Y-%m-%dT%H:%MZ)
generate: $generate_seconds s; largest organisation $organisation; wrk -t2 -c$connections -d$duration, each side twice, alternated
load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)

| workload | one server (A), round 1 / 2 | A through HAProxy | A and B through HAProxy | two ÷ one | two ÷ one through HAProxy |
| --- | --- | --- | --- | --- | --- |
$rows
REPORT
