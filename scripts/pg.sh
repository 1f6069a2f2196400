#!/usr/bin/env bash
# Starts or stops a throw-away PostgreSQL for the tests, on a loopback port in
# a temporary folder. As root, initdb and pg_ctl run as the postgres user.
#   scripts/pg.sh start DIR PORT   prints the connection string on stdout
#   scripts/pg.sh stop DIR
#   scripts/pg.sh halt DIR      stops the server, keeping its data (tests of
#   scripts/pg.sh resume DIR    a database that goes away and comes back)
set -euo pipefail
action="${1:?usage: pg.sh start DIR PORT | stop DIR}"
dir="${2:?folder}"

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bindir" ]; then
  echo "pg.sh: PostgreSQL server binaries not found (run scripts/install-deps.sh test)" >&2
  exit 69
fi

as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$action" in
  start)
    port="${3:?port}"
    mkdir -p "$dir"
    if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$dir"; fi
    chmod 700 "$dir"
    as_pg "$bindir/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 70; }
    # No TCP beyond loopback, socket in the folder, fsync off: a test server.
    echo "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" >"$dir/options"
    as_pg "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 -o "$(cat "$dir/options")" \
      start >/dev/null || { cat "$dir/server.log" >&2; exit 70; }
    as_pg "$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres -E UTF8 vinculo_test
    echo "host=127.0.0.1 port=$port dbname=vinculo_test user=postgres"
    ;;
  stop)
    if [ -f "$dir/data/postmaster.pid" ]; then
      as_pg "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
  halt)
    # Fast, not immediate: the clients' connections are cut all the same, but
    # what was committed is on disk first. With synchronous_commit=off an
    # immediate stop loses the last commits (a session just signed in).
    as_pg "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
    ;;
  resume)
    as_pg "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 -o "$(cat "$dir/options")" \
      start >/dev/null || { cat "$dir/server.log" >&2; exit 70; }
    ;;
  *) echo "pg.sh: unknown action $action" >&2; exit 64 ;;
esac
