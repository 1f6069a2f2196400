#!/usr/bin/env bash
# Issue 14: the API on the national dataset, on SQLite and on PostgreSQL.
# Run by `make bench` when BENCH_NATIONAL=1 (it takes 6 to 10 minutes on the
# shared 2-core machine), or alone: bench/national.sh.
#
# Method, per engine: `vinculo generate --scale national` (timed: 500
# prisons, 150,000 parents, 250,000 children, five years of history);
# accounts added for the benchmark (an administrator, the coordinator of the
# largest organisation, the nursery officer of the prison with the most
# children inside); `vinculo serve` with 96 worker threads; then wrk (2
# threads, 64 keep-alive connections, BENCH_DURATION after a 2 s warm-up) on
#   child      GET one child of the coordinator's organisation
#   list       GET children with a filter (placement), a search (q) and a page (cursor)
#   search     GET children found by a full name typed without accents
#              ("angela huaman": every word must begin a word of the child's
#              folded names, issue 16), the coordinator's whole organisation
#   board      GET the nursery board (age-outs) of the officer's prison
#   dashboard  GET the coordinator's summary figures (the dashboard's largest call)
#   record     POST a visit record, over 2,000 visits of the organisation's plans
#   mixed      10 child : 4 list : 2 board : 1 dashboard : 3 record
# and the month's plan for the largest organisation built and published once
# (curl, seconds). The anchor is the bare cpp-httplib server of bench/run.sh
# (fixed 640-byte body), measured before and after each engine's runs; every
# requests/s is also given as a ratio to the anchor's mean, which is what to
# compare across runs on this shared machine. Peak memory is the server's
# VmHWM after all runs. PostgreSQL is scripts/pg.sh's throw-away server (fsync
# and synchronous_commit off: a test server, not a durable one).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
build_dir="${BUILD_DIR:-build}"
duration="${BENCH_DURATION:-10s}"
connections="${BENCH_CONNECTIONS:-64}"
engines="${BENCH_ENGINES:-sqlite postgres}"
seed="${BENCH_SEED:-2026}"
scale="${BENCH_SCALE:-national}"  # region or village to try the script quickly
# The workloads to run, in this order (a subset measures one without the
# backlog the heavier ones leave: their reads' audit lines, still being written).
# list-browser is the list as a browser asks for it (Accept-Encoding: gzip, deflate, br):
# the reply compressed by the server (src/http/reply_body.h); the others ask for none.
workloads="${BENCH_WORKLOADS:-child list list-browser search board dashboard home record mixed}"
password="Girasol-Tranvia-2031"

work=$(mktemp -d /tmp/vinculo-national.XXXXXX)
pids=()
pg_dir=""
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  if [ -n "$pg_dir" ]; then scripts/pg.sh stop "$pg_dir" || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

login() {
  curl -sf -X POST -H 'Content-Type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"$password\"}" "$api/api/v1/auth/login" | jq -r .token
}

add_user() {
  printf '%s\n' "$password" | "$build_dir/vinculo" user add --db "$db" --username "$1" --role "$2" \
    "${@:3}" --password-stdin >/dev/null
}

bare_port=$(free_port)
"$build_dir/bench/bench_bare_server" "$bare_port" 96 &
pids+=($!)
wait_for "http://127.0.0.1:$bare_port/health"

report=""
for engine in $engines; do
  if [ "$engine" = sqlite ]; then
    db="$work/national.db"
    sql() { sqlite3 "$db" "$1"; }
  else
    # Its own folder: pg.sh hands it to the postgres user, who cannot enter $work.
    pg_dir=$(mktemp -d /tmp/vinculo-national-pg.XXXXXX)
    db=$(scripts/pg.sh start "$pg_dir" "$(free_port)")
    sql() { psql "$db" -Atc "$1"; }
  fi
  started=$(date +%s.%N)
  "$build_dir/vinculo" generate --scale "$scale" --seed "$seed" --db "$db" >"$work/generate.txt"
  generate_seconds=$(awk -v s="$started" -v e="$(date +%s.%N)" 'BEGIN {printf "%.1f", e - s}')
  generate_rows=$(grep -oE '[0-9]+ rows' "$work/generate.txt" | grep -oE '[0-9]+')
  organisation=$(grep -oE 'largest organisation: [0-9]+' "$work/generate.txt" | grep -oE '[0-9]+$')
  facility=$(sql "SELECT facility_id FROM children WHERE placement = 'inside_with_mother'
                  GROUP BY facility_id ORDER BY COUNT(*) DESC, facility_id LIMIT 1")
  add_user bench.admin administrator
  add_user bench.coordinator programme_coordinator --org "$organisation"
  add_user bench.nursery nursery_officer --facility "$facility"

  api_port=$(free_port)
  "$build_dir/vinculo" serve --db "$db" --port "$api_port" --threads 96 \
    --audit-journal "$work/$engine.audit-journal" >"$work/serve-$engine.log" 2>&1 &
  server=$!
  pids+=("$server")
  api="http://127.0.0.1:$api_port"
  wait_for "$api/api/v1/health"
  coordinator=$(login bench.coordinator)
  nursery=$(login bench.nursery)
  administrator=$(login bench.admin)
  auth_c="Authorization: Bearer $coordinator"
  auth_n="Authorization: Bearer $nursery"
  auth_a="Authorization: Bearer $administrator"
  child=$(curl -sf -H "$auth_c" "$api/api/v1/children?limit=1" | jq '.items[0].id')
  list_query="placement=relatives&q=Qui&limit=50"
  cursor=$(curl -sf -H "$auth_c" "$api/api/v1/children?$list_query" | jq -r '.next_cursor')
  list_path="/api/v1/children?$list_query&cursor=$cursor"
  inside=$(curl -sf -H "$auth_n" "$api/api/v1/nursery/ageouts" | jq '.items | length')

  # The visits to record: 2,000 of the organisation's published plans.
  visit_ids=$(sql "SELECT v.id FROM plan_visits v JOIN plans p ON p.id = v.plan_id
                   WHERE p.organisation_id = $organisation ORDER BY v.id LIMIT 2000" | paste -sd, -)
  record_script "$work/record.lua" "$visit_ids" "$coordinator"
  cat >"$work/mixed.lua" <<LUA
ids = {$visit_ids}
counter = 1
function setup(thread) thread:set("offset", counter * 997); counter = counter + 1 end
i = 0
body = '{"attended":true,"mood_before":3,"mood_after":4,"brought":["photos"]}'
coordinator = {["Authorization"] = "Bearer $coordinator", ["Content-Type"] = "application/json"}
nursery = {["Authorization"] = "Bearer $nursery"}
request = function()
  i = i + 1
  local r = i % 20
  if r < 10 then return wrk.format("GET", "/api/v1/children/$child", coordinator)
  elseif r < 14 then return wrk.format("GET", "$list_path", coordinator)
  elseif r < 16 then return wrk.format("GET", "/api/v1/nursery/ageouts", nursery)
  elseif r < 17 then return wrk.format("GET", "/api/v1/figures/summary", coordinator)
  end
  local id = ids[((i + (offset or 0)) % #ids) + 1]
  return wrk.format("POST", "/api/v1/plan-visits/" .. id .. "/record", coordinator, body)
end
LUA

  rows=""
  read -r anchor_before _ _ _ < <(measure "http://127.0.0.1:$bare_port/child")
  declare -A figures=()
  for workload in $workloads; do
    case "$workload" in
      child) figures[child]=$(measure "$api/api/v1/children/$child" -H "$auth_c") ;;
      list) figures[list]=$(measure "$api$list_path" -H "$auth_c") ;;
      list-browser) figures[list-browser]=$(measure "$api$list_path" -H "$auth_c" \
                      -H "Accept-Encoding: gzip, deflate, br") ;;
      search) figures[search]=$(measure "$api/api/v1/children?q=angela%20huaman&limit=25" -H "$auth_c") ;;
      board) figures[board]=$(measure "$api/api/v1/nursery/ageouts" -H "$auth_n") ;;
      dashboard) figures[dashboard]=$(measure "$api/api/v1/figures/summary" -H "$auth_c") ;;
      # The home of an administrator of the whole installation (issue 16): every
      # nursery's items, the largest read a home makes.
      home) figures[home]=$(measure "$api/api/v1/me/today" -H "$auth_a") ;;
      record) figures[record]=$(measure "$api/" -s "$work/record.lua") ;;
      mixed) figures[mixed]=$(measure "$api/" -s "$work/mixed.lua") ;;
      *) echo "national.sh: unknown workload $workload" >&2; exit 64 ;;
    esac
  done
  read -r anchor_after _ _ _ < <(measure "http://127.0.0.1:$bare_port/child")
  anchor=$(awk -v a="$anchor_before" -v b="$anchor_after" 'BEGIN {printf "%.0f", (a + b) / 2}')

  # The month after the history, planned and published for the largest organisation.
  month=$(sql "SELECT MIN(available_on) FROM escort_available_dates" | cut -c1-7)
  plan_reply=$(curl -s -w '\n%{time_total} %{http_code}' -X POST -H "$auth_c" \
    -H 'Content-Type: application/json' -d "{\"month\":\"$month\"}" \
    "$api/api/v1/organisations/$organisation/plans")
  read -r build_seconds build_status < <(tail -n 1 <<<"$plan_reply")
  plan_id=$(head -n -1 <<<"$plan_reply" | jq -r '.id // empty')
  plan_pairs=$(head -n -1 <<<"$plan_reply" | jq -r '"\(.visits // [] | length) visits, coverage \(.coverage // "?")"')
  publish_reply=$(curl -s -o /dev/null -w "%{time_total} %{http_code}" -X POST -H "$auth_c" -H "Content-Length: 0" \
    "$api/api/v1/plans/$plan_id/publish")
  read -r publish_seconds publish_status <<<"$publish_reply"

  peak=$(awk '/VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/$server/status")
  kill "$server"; wait "$server" 2>/dev/null || true

  target() {  # workload, rps, p99 -> the issue's target on SQLite and whether it is met
    case "$1" in
      child) awk -v r="$2" -v p="$3" 'BEGIN {print (r >= 15000 && p < 10) ? "≥15,000/s, p99<10 ms: met" : "≥15,000/s, p99<10 ms: NOT met"}' ;;
      list|list-browser|search|board|dashboard) awk -v r="$2" -v p="$3" 'BEGIN {print (r >= 2000 && p < 50) ? "≥2,000/s, p99<50 ms: met" : "≥2,000/s, p99<50 ms: NOT met"}' ;;
      record) awk -v r="$2" 'BEGIN {print (r >= 2000) ? "≥2,000/s: met" : "≥2,000/s: NOT met"}' ;;
      *) echo "-" ;;
    esac
  }
  for workload in $workloads; do
    read -r rps p50 p99 errors <<<"${figures[$workload]}"
    ratio=$(awk -v a="$rps" -v b="$anchor" 'BEGIN {printf "%.3f", a / b}')
    rows+="| $engine | $workload | $rps | $p50 | $p99 | $errors | $ratio | $(target "$workload" "$rps" "$p99") |"$'\n'
  done
  engine_report="### $engine
generate --scale $scale: $generate_rows rows in $generate_seconds s; largest organisation $organisation; board of facility $facility ($inside children inside)
anchor (bare cpp-httplib, 640-byte body): $anchor_before requests/s before, $anchor_after after
plan for $month: built in $build_seconds s (HTTP $build_status, visits/coverage $plan_pairs), published in $publish_seconds s (HTTP $publish_status)
server peak memory (VmHWM): $peak MiB (target < 300 MiB)

| engine | workload | requests/s | p50 (ms) | p99 (ms) | non-2xx | ratio to anchor | target (SQLite) |
| --- | --- | --- | --- | --- | --- | --- | --- |
$rows
"
  echo "$engine_report"  # as soon as it is known: the next engine may fail
  report+="$engine_report"
  if [ "$engine" != sqlite ]; then scripts/pg.sh stop "$pg_dir"; pg_dir=""; fi
done

cat <<REPORT
Summary: national dataset (issue 14), seed $seed, $(nproc) cores shared with other work (load average $(cut -d' ' -f1-3 /proc/loadavg)), $(date -u +%Y-%m-%dT%H:%MZ)
wrk -t2 -c$connections -d$duration after a 2 s warm-up per workload

$report
REPORT
