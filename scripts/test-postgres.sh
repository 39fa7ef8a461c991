#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for duban's tests.
#
#   scripts/test-postgres.sh start   # prints DUBAN_TEST_PG=postgresql://… (and starts the server if needed)
#   scripts/test-postgres.sh stop    # stops it and removes its folder
#
# The cluster lives in a folder of its own (default /tmp/duban-test-pg, or $DUBAN_TEST_PG_DIR),
# listens only on a private Unix socket folder and on 127.0.0.1 at a private port
# ($DUBAN_TEST_PG_PORT, default 55432), and runs as the `postgres` user because the
# server refuses to run as root. `start` is idempotent: a running cluster is reused.
set -euo pipefail

dir=${DUBAN_TEST_PG_DIR:-/tmp/duban-test-pg}
port=${DUBAN_TEST_PG_PORT:-55432}
data="$dir/data"
sock="$dir/socket"

bindir=""
for candidate in "$(command -v pg_ctl 2>/dev/null | xargs -r dirname)" /usr/lib/postgresql/*/bin; do
  if [ -n "$candidate" ] && [ -x "$candidate/pg_ctl" ] && [ -x "$candidate/initdb" ]; then bindir=$candidate; break; fi
done
if [ -z "$bindir" ]; then
  echo "test-postgres: PostgreSQL's server programs (initdb, pg_ctl) are not installed; apt-get install postgresql" >&2
  exit 2
fi

as_server_user() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

case "${1:-start}" in
  start)
    if [ ! -f "$data/PG_VERSION" ]; then
      mkdir -p "$dir"
      [ "$(id -u)" = 0 ] && chown postgres: "$dir"
      as_server_user mkdir -p "$data" "$sock"
      as_server_user "$bindir/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 1; }
      # Quick and throwaway: no fsync wait in tests (durability is the server's own business).
      cat >>"$data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$sock'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
CONF
      # The superuser connects without a password (tests create databases and roles);
      # every other login needs its password over TCP, as on a real server.
      cat >"$data/pg_hba.conf" <<HBA
local all all trust
host  all postgres 127.0.0.1/32 trust
host  all all      127.0.0.1/32 scram-sha-256
HBA
    fi
    if ! as_server_user "$bindir/pg_ctl" -D "$data" status >/dev/null 2>&1; then
      as_server_user "$bindir/pg_ctl" -D "$data" -l "$dir/server.log" -w -t 60 start >/dev/null \
        || { cat "$dir/server.log" >&2; exit 1; }
    fi
    echo "DUBAN_TEST_PG=postgresql://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    if [ -f "$data/PG_VERSION" ]; then
      as_server_user "$bindir/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
