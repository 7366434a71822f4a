#!/usr/bin/env bash
# Measures the plan overview page and the plan's actions API on a 300-action plan, release build,
# with wrk on loopback: one connection, one thread, so each figure is one request's latency.
# Usage: Benchmarks/web.sh [seconds per run, default 10]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-10}
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
swift build -c release --product oversight >/dev/null
bin=$(swift build -c release --show-bin-path)/oversight
work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
db="$work/bench.sqlite"
plan=$("$bin" generate plan --db "$db" --actions 300 --measures 70)
# Requests are signed in, as in use: a viewer's session cookie for the page, a token for the API.
echo 'quiet lantern orchard' | "$bin" user add --db "$db" --organisation "Synthetic Council" --email perf@example.org --name 'Load Test' --role viewer >/dev/null
token=$("$bin" token create --db "$db" --organisation "Synthetic Council" --user perf@example.org --role viewer)
port=18080
"$bin" serve --db "$db" --port "$port" --organisation "Synthetic Council" >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
session=$(curl -s -o /dev/null -D - -d 'email=perf@example.org&password=quiet+lantern+orchard' "http://127.0.0.1:$port/login" \
  | sed -n 's/^[Ss]et-[Cc]ookie: oversight_session=\([^;]*\).*/\1/p')
auth() { case "$1" in /api/*) echo "Authorization: Bearer $token" ;; *) echo "Cookie: oversight_session=$session" ;; esac; }
echo "plan $plan: $(curl -s -H "$(auth /api/)" "http://127.0.0.1:$port/api/v1/plans/$plan/actions" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["actions"]), "actions")')"
for path in "/plans/$plan" "/api/v1/plans/$plan/actions"; do
  curl -sf -o /dev/null -H "$(auth "$path")" "http://127.0.0.1:$port$path"   # warm up
  echo "== GET $path ($(curl -s -H "$(auth "$path")" "http://127.0.0.1:$port$path" | wc -c) bytes)"
  wrk -t1 -c1 -d"${seconds}s" --latency -H "$(auth "$path")" "http://127.0.0.1:$port$path" | grep -E "Latency|50%|75%|90%|99%|Requests/sec|requests in"
done
