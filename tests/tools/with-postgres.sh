#!/usr/bin/env bash
# Runs a command against a private, throw-away PostgreSQL server:
#   tests/tools/with-postgres.sh pytest ...
# initdb in a temporary folder, started as the "postgres" user on a free loopback port, stopped and
# removed afterwards. Exports DATABASE_URL for the command, plus ICRTOP_PG_CTL / ICRTOP_PGDATA /
# ICRTOP_PG_USER so that the resilience tests can stop and restart the server.
set -euo pipefail

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
  echo "!! PostgreSQL server binaries not found (Debian package 'postgresql')." >&2
  if [ "${CI:-}" = "true" ]; then echo "CI=true: failing." >&2; exit 1; fi
  echo "!! SKIPPING the PostgreSQL run." >&2
  exit 0
fi

run_as=()
pg_user=$(id -un)
if [ "$(id -u)" -eq 0 ]; then
  run_as=(runuser -u postgres --)
  pg_user=postgres
fi

tmp=$(mktemp -d /tmp/icrtop-pg.XXXXXX)
chmod 755 "$tmp"
[ "$(id -u)" -eq 0 ] && chown postgres:postgres "$tmp"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')

cleanup() {
  "${run_as[@]}" "$bindir/pg_ctl" -D "$tmp/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT

"${run_as[@]}" "$bindir/initdb" -D "$tmp/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
"${run_as[@]}" "$bindir/pg_ctl" -D "$tmp/data" -l "$tmp/server.log" -w \
  -o "-p $port -k $tmp -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
"$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres icrtop

export DATABASE_URL="postgres://postgres@127.0.0.1:$port/icrtop"
export ICRTOP_PG_CTL="$bindir/pg_ctl" ICRTOP_PGDATA="$tmp/data" ICRTOP_PG_USER="$pg_user" ICRTOP_PG_PORT="$port" ICRTOP_PG_SOCKET_DIR="$tmp"
echo "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (data in $tmp)"
"$@"
