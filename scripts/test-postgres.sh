#!/usr/bin/env bash
# Starts a throwaway PostgreSQL 15 cluster for the tests, runs the command given with
# OVERSIGHT_TEST_POSTGRES_URL set to it, and stops and deletes the cluster however the command
# ends. Without a command it prints the address and keeps the cluster until interrupted (for
# development: `scripts/test-postgres.sh &`, then use the address it prints).
#
# The cluster lives in a new temporary folder, listens on a free port on 127.0.0.1 only, and
# trusts local connections (nothing but this machine can reach it). PostgreSQL refuses to run
# as root, so as root the cluster is made and run by the `postgres` user.
set -euo pipefail
bin="${OVERSIGHT_POSTGRES_BIN:-/usr/lib/postgresql/15/bin}"
if [ ! -x "$bin/pg_ctl" ]; then
  echo "test-postgres: no PostgreSQL 15 at $bin (apt-get install postgresql-15)" >&2
  exit 2
fi
dir="$(mktemp -d /tmp/oversight-pg-XXXXXX)"
as_owner=()
user="$(id -un)"
if [ "$(id -u)" -eq 0 ]; then
  user=postgres
  chown postgres "$dir"
  if command -v runuser >/dev/null; then as_owner=(runuser -u postgres --); else as_owner=(su postgres -s /bin/sh -c); fi
fi
run() {
  if [ "${as_owner[0]:-}" = "su" ]; then "${as_owner[@]}" "$(printf '%q ' "$@")"; else "${as_owner[@]}" "$@"; fi
}
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
stop() {
  run "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT
trap 'exit 130' INT TERM
# C locale and UTF-8: the store sorts with its own collations, so the server's locale must not matter.
run "$bin/initdb" -D "$dir/data" -U "$user" --auth=trust --encoding=UTF8 --locale=C >"$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log" >&2; exit 1; }
# Sockets in the cluster's own folder; fsync off: a throwaway cluster need not survive a crash.
# OVERSIGHT_POSTGRES_DURABLE=1 keeps PostgreSQL's own durability settings (for benchmarks:
# Benchmarks/load-postgres.sh), so a commit waits for the disk as a council's server would.
durability="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
if [ "${OVERSIGHT_POSTGRES_DURABLE:-}" = "1" ]; then durability=""; fi
run "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
  -o "-p $port -c listen_addresses=127.0.0.1 -k $dir $durability -c max_connections=1000" \
  start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
export OVERSIGHT_TEST_POSTGRES_URL="postgres://$user@127.0.0.1:$port/postgres?sslmode=disable"
if [ "$#" -eq 0 ]; then
  echo "$OVERSIGHT_TEST_POSTGRES_URL"
  while true; do sleep 3600 & wait $!; done
fi
"$@"
