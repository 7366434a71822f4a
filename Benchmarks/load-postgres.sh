#!/usr/bin/env bash
# Issue 14's load test on PostgreSQL: a new PostgreSQL 15 cluster with its own durability
# settings (fsync on: scripts/test-postgres.sh with OVERSIGHT_POSTGRES_DURABLE=1), a new
# database in it, and Benchmarks/load.sh against it with the same arguments; the cluster is
# deleted afterwards.
# Usage: OVERSIGHT=/path/to/release/oversight Benchmarks/load-postgres.sh [seconds] [servers] [people]
set -euo pipefail
cd "$(dirname "$0")/.."
OVERSIGHT_POSTGRES_DURABLE=1 scripts/test-postgres.sh bash -c '
  set -euo pipefail
  base="${OVERSIGHT_TEST_POSTGRES_URL%%\?*}"
  url="${base%/*}/oversight_load?sslmode=disable"
  psql "${OVERSIGHT_TEST_POSTGRES_URL}" -qc "CREATE DATABASE oversight_load"
  echo "PostgreSQL $(psql "$url" -Atc "SHOW server_version"), fsync $(psql "$url" -Atc "SHOW fsync"), synchronous_commit $(psql "$url" -Atc "SHOW synchronous_commit")"
  DATABASE="$url" Benchmarks/load.sh "$@"
' load-postgres "$@"
