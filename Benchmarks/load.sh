#!/usr/bin/env bash
# Issue 14's load test (not a unit test): simulated people — board members reading, action leads
# sending progress updates, editors editing actions — against one or more servers on one
# database loaded with the demo, for a bounded time. Prints per page the requests, errors,
# conflicts and p50/p95/p99 latency (Benchmarks/load.py); fails if any request errs.
# Usage: Benchmarks/load.sh [seconds, default 300] [servers, default 2] [users, default 100]
#   OVERSIGHT   the oversight binary (default: built here with swift build -c release)
#   DATABASE    a --db value for the servers (default: a new SQLite file in a temporary folder)
#   THINK       mean pause between a person's steps in seconds (default 2)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-300}
servers=${2:-2}
users=${3:-100}
if [ -z "${OVERSIGHT:-}" ]; then
  swift build -c release --product oversight >/dev/null
  OVERSIGHT=$(swift build -c release --show-bin-path)/oversight
fi
work=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null; rm -rf "$work"' EXIT
db=${DATABASE:-$work/load.sqlite}
base_port=$((18100 + RANDOM % 500))
urls=()
for n in $(seq 1 "$servers"); do
  port=$((base_port + n))
  # The first server loads the demo (once per database); the others start on what it made.
  demo=(); [ "$n" = 1 ] && demo=(--demo)
  "$OVERSIGHT" serve --db "$db" --port "$port" "${demo[@]}" >"$work/server$n.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.2; done
  curl -sf "http://127.0.0.1:$port/readyz" >/dev/null || { cat "$work/server$n.log"; echo "server $n did not become ready"; exit 1; }
  urls+=("http://127.0.0.1:$port")
done
echo "$servers server(s) on ${db%%\?*} ($("$OVERSIGHT" --version 2>/dev/null || echo oversight)); $users people for $seconds s"
status=0
python3 Benchmarks/load.py --servers "$(IFS=,; echo "${urls[*]}")" --users "$users" --seconds "$seconds" --think "${THINK:-2}" || status=$?
for n in $(seq 1 "$servers"); do
  # A crash or a trap would show in a server's log; say so rather than pass quietly.
  if grep -qiE "fatal error|crash|assertion" "$work/server$n.log"; then echo "server $n's log:"; tail -20 "$work/server$n.log"; status=1; fi
done
exit $status
