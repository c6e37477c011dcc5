#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL server on a free loopback port; the server and its data are
# removed afterwards, whatever the command's outcome. DATABASE_URL is exported to the command.
set -euo pipefail
pgbin=/usr/lib/postgresql/15/bin
root=$(mktemp -d /tmp/prongsai-pg.XXXXXX)
chown postgres:postgres "$root" 2>/dev/null || true
chmod 700 "$root"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

as_pg() { if [ "$(id -u)" -eq 0 ]; then (cd /tmp && runuser -u postgres -- "$@"); else "$@"; fi; }

cleanup() {
  # PG_LOG_TO: keep the server's log (with PG_EXTRA_OPTIONS="-c log_min_duration_statement=1000", the slow
  # statements of a run) before the data directory goes.
  if [ -n "${PG_LOG_TO:-}" ]; then cp "$root/log" "$PG_LOG_TO" 2>/dev/null || true; fi
  as_pg "$pgbin/pg_ctl" -D "$root/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$root"
}
trap cleanup EXIT INT TERM

as_pg "$pgbin/initdb" -D "$root/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
as_pg "$pgbin/pg_ctl" -D "$root/data" -l "$root/log" -w -t 30 start \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $root -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 ${PG_EXTRA_OPTIONS:-}" >/dev/null
if [ -f /usr/share/postgresql/15/extension/icu_ext.control ]; then
  as_pg "$pgbin/psql" -h 127.0.0.1 -p "$port" -U postgres -d template1 -qc "CREATE EXTENSION IF NOT EXISTS icu_ext" || true
fi
as_pg "$pgbin/psql" -h 127.0.0.1 -p "$port" -U postgres -d template1 -qc "CREATE EXTENSION IF NOT EXISTS pg_trgm"
echo "PostgreSQL $($pgbin/postgres --version | awk '{print $3}') on 127.0.0.1:$port"
export DATABASE_URL="postgres://postgres@127.0.0.1:$port/prongsai"
"$@"
