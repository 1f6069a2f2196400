# Helpers shared by the benchmark scripts (sourced, not run): a free loopback
# port, waiting for a URL to answer, and one wrk measurement. `measure` uses
# the caller's $work (a folder), $connections and $duration.

free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 20000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
  echo "bench: no free port" >&2; exit 69
}

# Waits up to 30 s for `$1` to answer 2xx.
wait_for() {
  for _ in $(seq 1 300); do
    if curl -sf "$1" >/dev/null 2>&1; then return 0; fi
    sleep 0.1
  done
  echo "bench: $1 did not answer" >&2; exit 69
}

# wrk's latency line in milliseconds ("1.23ms", "456.00us", "1.20s").
to_ms() { awk '{v=$1; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; printf "%.2f", v}'; }

# Prints "requests/s p50_ms p99_ms non_2xx" for one wrk run after a 2 s warm-up.
measure() {
  local url="$1"; shift
  wrk -t2 -c"$connections" -d2s "$@" "$url" >/dev/null
  wrk -t2 -c"$connections" -d"$duration" --latency "$@" "$url" >"$work/wrk.txt"
  local rps p50 p99 errors
  rps=$(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt")
  p50=$(awk '$1 == "50%" {print $2}' "$work/wrk.txt" | to_ms)
  p99=$(awk '$1 == "99%" {print $2}' "$work/wrk.txt" | to_ms)
  errors=$(awk '/Non-2xx/ {print $NF}' "$work/wrk.txt")
  echo "$rps $p50 $p99 ${errors:-0}"
}

# Writes to `$1` a wrk script that POSTs a visit record (attended, moods,
# photos) as bearer `$3`, over the visits whose ids are `$2` (comma-separated),
# each wrk thread starting at its own offset.
record_script() {
  cat >"$1" <<LUA
ids = {$2}
counter = 1
function setup(thread) thread:set("offset", counter * 997); counter = counter + 1 end
i = 0
body = '{"attended":true,"mood_before":3,"mood_after":4,"brought":["photos"]}'
headers = {["Authorization"] = "Bearer $3", ["Content-Type"] = "application/json"}
request = function()
  i = i + 1
  local id = ids[((i + (offset or 0)) % #ids) + 1]
  return wrk.format("POST", "/api/v1/plan-visits/" .. id .. "/record", headers, body)
end
LUA
}
