#!/usr/bin/env bash
# The Debian package (issue 18), as an operator gets it: builds it with CPack,
# reads its control data (dependencies from dpkg-shlibdeps, maintainer
# scripts), verifies the systemd unit with systemd-analyze, extracts it, then
# starts the unit's own ExecStartPre and ExecStart lines as an unprivileged
# user with no new privileges and the unit's StateDirectory created, as
# systemd would (this machine is a container without systemd as PID 1); signs
# in to the demo, reads the web UI, sends SIGTERM and expects exit 0.
# Usage: scripts/package-test.sh BUILD_DIR
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=$(cd "${1:-build}" && pwd)
work=$(mktemp -d /tmp/vinculo-package.XXXXXX)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then kill -KILL "$server_pid"; fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "package-test: $*" >&2; exit 1; }

# 1. Build the package.
(cd "$build_dir" && cpack -G DEB -B "$work/out" >"$work/cpack.log" 2>&1) ||
  { cat "$work/cpack.log" >&2; fail "cpack failed"; }
deb=$(ls "$work"/out/vinculo_*.deb)
echo "package-test: built $(basename "$deb") ($(stat -c %s "$deb") bytes)"

# 2. Its control data.
dpkg-deb --field "$deb" Package | grep -qx vinculo || fail "Package is not vinculo"
depends=$(dpkg-deb --field "$deb" Depends)
echo "package-test: Depends: $depends"
for needed in libsodium23 libsqlite3-0 libpq5 libical3 libhpdf libjemalloc2 libsoci-core \
              libstdc++6 adduser tzdata fonts-dejavu-core; do
  grep -q "$needed" <<<"$depends" || fail "Depends lacks $needed"
done
dpkg-deb -e "$deb" "$work/control"
for script in postinst prerm postrm; do
  [ -x "$work/control/$script" ] || fail "no executable $script"
  sh -n "$work/control/$script" || fail "$script does not parse"
done
grep -q "adduser --system" "$work/control/postinst" || fail "postinst creates no system user"

# 3. Its files.
root="$work/root"
dpkg-deb -x "$deb" "$root"
chmod 755 "$work" "$root"
unit="$root/usr/lib/systemd/system/vinculo.service"
for file in usr/bin/vinculo usr/share/vinculo/coresidence_rules.csv \
            usr/share/vinculo/web/index.html usr/lib/systemd/system/vinculo.service \
            usr/share/doc/vinculo/operations.md; do
  [ -e "$root/$file" ] || fail "the package lacks /$file"
done
value() { sed -n "s/^$1=//p" "$unit" | tail -1; }
[ "$(value User)" = vinculo ] || fail "the unit's User is not vinculo"
[ "$(value StateDirectory)" = vinculo ] || fail "the unit has no StateDirectory=vinculo"
for option in NoNewPrivileges=yes ProtectSystem=strict ProtectHome=yes PrivateTmp=yes; do
  grep -qx "$option" "$unit" || fail "the unit lacks $option"
done

# 4. systemd's own check of the unit (a copy whose command lines name the
#    extracted binary, as /usr/bin/vinculo is not installed here), and its
#    exposure score.
if command -v systemd-analyze >/dev/null; then
  mkdir -p "$work/unit"
  sed "s#/usr/#$root/usr/#g" "$unit" >"$work/unit/vinculo.service"
  if ! systemd-analyze verify "$work/unit/vinculo.service" >"$work/verify.log" 2>&1; then
    cat "$work/verify.log" >&2
    fail "systemd-analyze verify refuses the unit"
  fi
  if [ -s "$work/verify.log" ]; then
    cat "$work/verify.log" >&2
    fail "systemd-analyze verify complains about the unit"
  fi
  exposure=$(systemd-analyze security --offline=yes "$work/unit/vinculo.service" 2>/dev/null |
    tail -1 || true)
  echo "package-test: systemd-analyze security: ${exposure:-not available}"
fi

# 5. Run the unit's own command lines, as systemd would: the unit's user
#    (`nobody` stands in when the package's postinst has not created `vinculo`
#    on this machine), no new privileges, StateDirectory created and owned by
#    that user, WorkingDirectory there. Paths point into the extracted tree.
run_user=vinculo
getent passwd "$run_user" >/dev/null || run_user=nobody
state="$work/state"
mkdir -p "$state" && chmod 750 "$state"
port=0
for _ in $(seq 1 50); do
  port=$((20000 + RANDOM % 20000))
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
done
localise() {
  sed -e "s#/usr/#$root/usr/#g" -e "s#/var/lib/vinculo#$state#g" -e "s#--port 8080#--port $port#" <<<"$1"
}
# setpriv's arguments that make the unit's user, with no new privileges.
as_user=(--no-new-privs)
if [ "$(id -u)" = 0 ]; then
  as_user+=(--reuid="$run_user" --regid="$(id -g "$run_user")" --clear-groups --inh-caps=-all)
fi
as_unit_user() { (cd "$state" && exec setpriv "${as_user[@]}" -- "$@"); }
[ "$(id -u)" = 0 ] && chown "$run_user:" "$state"
pre=$(localise "$(value ExecStartPre)")
start=$(localise "$(value ExecStart)")
# The demo programme, as docs/operations.md tells an operator to try it.
# shellcheck disable=SC2086
as_unit_user $root/usr/bin/vinculo init --db "$state/vinculo.db" --demo >"$work/demo.log" 2>&1 ||
  { cat "$work/demo.log" >&2; fail "init --demo failed"; }
# shellcheck disable=SC2086
as_unit_user $pre >"$work/pre.log" 2>&1 || { cat "$work/pre.log" >&2; fail "ExecStartPre failed"; }
# shellcheck disable=SC2086
# (not through the function: $! must be the server itself, which SIGTERM reaches)
(cd "$state" && exec setpriv "${as_user[@]}" -- $start) >"$work/serve.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do
  if curl -fsS "http://127.0.0.1:$port/api/v1/health" >/dev/null 2>&1; then break; fi
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/serve.log" >&2; fail "the server died"; }
  sleep 0.1
done
owner=$(stat -c %U "$state/vinculo.db")
[ "$owner" = "$run_user" ] || [ "$(id -u)" != 0 ] || fail "the database belongs to $owner"

# 6. The demo: sign in, read who we are, and the web UI from /usr/share/vinculo/web.
login=$(curl -fsS -H 'Content-Type: application/json' \
  -d '{"username":"admin","password":"vinculo-demo-2026"}' \
  "http://127.0.0.1:$port/api/v1/auth/login") || { cat "$work/serve.log" >&2; fail "login failed"; }
token=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])' <<<"$login")
curl -fsS -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/auth/me" |
  grep -q '"username":"admin"' || fail "auth/me does not answer the demo admin"
curl -fsS "http://127.0.0.1:$port/" | grep -qi "<html" || fail "the web UI is not served"
echo "package-test: $run_user served the demo on 127.0.0.1:$port; login works"

# 7. SIGTERM: a clean exit 0.
kill -TERM "$server_pid"
code=0
wait "$server_pid" || code=$?
server_pid=""
[ "$code" = 0 ] || { cat "$work/serve.log" >&2; fail "exit $code after SIGTERM"; }
echo "package-test: SIGTERM, exit 0"
