#!/usr/bin/env bash
# Measures building the board pack of a meeting whose agenda takes the progress report and KPI
# scorecard of a 300-action, 70-KPI plan, as HTML and as .docx, release build.
# The pack's build time is measured inside the command (`--timing`: reading the meeting, the board
# and the plan from SQLite, building the pack, writing the file; the HTML templates load once
# before it, as the server loads them at start); /usr/bin/time gives the whole process.
# Usage: Benchmarks/pack.sh [runs per format, default 5]
# SCRATCH_PATH=.build-x Benchmarks/pack.sh builds in that folder instead of .build.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
scratch=()
if [ -n "${SCRATCH_PATH:-}" ]; then scratch=(--scratch-path "$SCRATCH_PATH"); fi
swift build -c release "${scratch[@]}" --product oversight >/dev/null
bin=$(swift build -c release "${scratch[@]}" --show-bin-path)/oversight
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db="$work/bench.sqlite"
# The demo's two boards, whose Improvement Board meetings take the generated plan's papers.
plan=$("$bin" generate plan --db "$db" --actions 300 --measures 70 --boards 2>/dev/null)
meeting=$("$bin" board list --db "$db" | awk -F'\t' 'NR == 2 { print $3 }')
echo "plan $plan (300 actions, 70 KPIs); next Improvement Board meeting $meeting"
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
for format in html docx; do
  out="$work/pack.$format"
  "$bin" meeting pack "$meeting" --db "$db" --format "$format" --out "$out" 2>/dev/null   # warm the file cache
  : >"$work/built" ; : >"$work/wall"
  for _ in $(seq 1 "$runs"); do
    /usr/bin/time -f '%e' -o "$work/time" "$bin" meeting pack "$meeting" --db "$db" --format "$format" --out "$out" --timing 2>"$work/err"
    sed -n 's/.*pack built in \([0-9.]*\) ms.*/\1/p' "$work/err" >>"$work/built"
    awk '{ print $1 * 1000 }' "$work/time" >>"$work/wall"
    grep '^timing:' "$work/err"
  done
  echo "== $format ($(wc -c <"$out") bytes): pack built in $(median <"$work/built") ms median, process $(median <"$work/wall") ms median wall clock, $runs runs"
done
