#!/usr/bin/env bash
# Issue 16's compute-only comparison: five measures computed by Benchmarks/pandas_compute.py
# (pandas, each measure timed alone after the rows are loaded, median of RUNS) and by
# `oversight measures compute --measures ID --timing` (the engine's "computed" time, which
# starts after the files are read into records; median of RUNS runs per measure), on the same
# generated inputs: an Annex A workbook for 15,000 children (ASM-45WD, ICPC-15WD, CLA-REVIEW)
# and an SSDA903 return for about 1,100 children looked after (903-MOVES, 903-OC2-HEALTH).
# The figures are checked to be identical; then the side-by-side table is printed.
# Usage: Benchmarks/pandas-compute.sh [runs, default 15]
#   OVERSIGHT   the oversight binary to time (default: the debug build, built if needed;
#               the shared machine takes no release builds here)
#   BENCH_DIR   where the generated inputs are kept between runs (default /tmp/oversight-pandas-compute)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-15}
dir=${BENCH_DIR:-/tmp/oversight-pandas-compute}
as_at=2024-03-31
if [ -z "${OVERSIGHT:-}" ]; then
  swift build --product oversight >/dev/null
  OVERSIGHT=$(swift build --show-bin-path)/oversight
fi
python3 -c 'import pandas, openpyxl' 2>/dev/null || python3 -m pip install --quiet pandas openpyxl
mkdir -p "$dir"
[ -f "$dir/annex-a.xlsx" ] || "$OVERSIGHT" generate annex-a --children 15000 --seed 1 --as-at "$as_at" --out "$dir/annex-a.xlsx" >/dev/null
[ -f "$dir/return/episodes.csv" ] || "$OVERSIGHT" generate ssda903 --children 32000 --seed 1 --as-at "$as_at" --out "$dir/return" >/dev/null
"$OVERSIGHT" calendar holidays --format csv >"$dir/holidays.csv"

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "python $(python3 -c 'import sys; print(sys.version.split()[0])'), pandas $(python3 -c 'import pandas; print(pandas.__version__)'); oversight: $OVERSIGHT"
echo "inputs: $(du -h "$dir/annex-a.xlsx" | cut -f1) workbook; 903 episodes $(($(wc -l <"$dir/return/episodes.csv") - 1)) rows, OC2 $(($(wc -l <"$dir/return/oc2.csv") - 1)) rows"

python3 Benchmarks/pandas_compute.py "$dir/annex-a.xlsx" "$dir/return" "$dir/holidays.csv" "$as_at" --runs "$runs" >"$dir/pandas.txt"

# ours MEASURE INPUT...: the engine's compute time for one measure, RUNS times, into $dir/ours-MEASURE.txt
: >"$dir/ours.txt"
for measure in ASM-45WD ICPC-15WD CLA-REVIEW 903-MOVES 903-OC2-HEALTH; do
  case $measure in
    903-*) input=(--input "$dir/return") ;;
    *) input=(--annex-a "$dir/annex-a.xlsx") ;;
  esac
  for run in $(seq 1 "$runs"); do
    "$OVERSIGHT" measures compute "${input[@]}" --as-at "$as_at" --period year --measures "$measure" --timing \
      --out "$dir/ours-$measure.csv" 2>&1 >/dev/null | grep -o 'computed [0-9.]* s' | awk -v m="$measure" '{print m, $2}' >>"$dir/ours.txt"
  done
done
# Our figures, all five in one CSV for the check.
{ head -1 "$dir/ours-ASM-45WD.csv"; for m in ASM-45WD ICPC-15WD CLA-REVIEW 903-MOVES 903-OC2-HEALTH; do tail -n +2 "$dir/ours-$m.csv"; done; } >"$dir/ours.csv"
python3 Benchmarks/pandas_compute.py "$dir/annex-a.xlsx" "$dir/return" "$dir/holidays.csv" "$as_at" --runs 1 --compare "$dir/ours.csv" \
  | grep -E '^(IDENTICAL|DIFFERENT|.*: pandas )' || true

python3 - "$dir/pandas.txt" "$dir/ours.txt" "$runs" <<'PY'
import re, statistics, sys
pandas = {m: float(s) for m, s in re.findall(r"^compute (\S+) median ([\d.]+) s", open(sys.argv[1]).read(), re.M) if m != "total"}
figures = dict(re.findall(r"^figure (\S+) (numerator .*)$", open(sys.argv[1]).read(), re.M))
ours = {}
for line in open(sys.argv[2]):
    measure, seconds = line.split()
    ours.setdefault(measure, []).append(float(seconds))
print(f"\n| measure | figure | pandas, compute only (median of {sys.argv[3]}) | oversight, compute only (median of {sys.argv[3]}) | pandas ÷ oversight |")
print("| --- | --- | --- | --- | --- |")
total_p = total_o = 0.0
for measure, p in pandas.items():
    o = statistics.median(ours[measure])
    total_p, total_o = total_p + p, total_o + o
    n, d = re.findall(r"numerator (\d+) denominator (\d+)", figures[measure])[0]
    print(f"| {measure} | {n}/{d} | {p * 1000:.1f} ms | {o * 1000:.1f} ms | {p / o:.2f}× |" if o > 0 else f"| {measure} | {n}/{d} | {p * 1000:.1f} ms | <1 ms | — |")
print(f"| total | | {total_p * 1000:.1f} ms | {total_o * 1000:.1f} ms | {total_p / total_o:.2f}× |")
PY
