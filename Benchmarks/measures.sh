#!/usr/bin/env bash
# Issue 5's KPI engine benchmarks, release build, each run under /usr/bin/time:
#   (a) one authority's year, all 33 measures: 15,000 children, and 21,250 children (about
#       100,000 rows across the lists and event files);
#   (b) a region: 30 authorities of five sizes, about 3 million rows, in one
#       `measures compute --region` run;
#   (c) ASM-45WD, ICPC-15WD and CLA-REVIEW on (a)'s 15,000-children workbook, by
#       Benchmarks/pandas_measures.py and by `measures compute --measures`, checked to be identical.
# Prints medians of the runs (peak memory: the largest), then the comparison's verdict.
# Usage: Benchmarks/measures.sh [runs of (a) and (c), default 3] [runs of (b), default 1]
#   SCRATCH_PATH  SwiftPM scratch folder for the release build (default .build)
#   BENCH_DIR     where the generated data is kept between runs (default /tmp/oversight-measures-bench)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
region_runs=${2:-1}
scratch=${SCRATCH_PATH:-.build}
dir=${BENCH_DIR:-/tmp/oversight-measures-bench}
as_at=2024-03-31
python3 -c 'import pandas, openpyxl' 2>/dev/null || python3 -m pip install --quiet pandas openpyxl
swift build -c release --scratch-path "$scratch" --product oversight >/dev/null
oversight=$(swift build -c release --scratch-path "$scratch" --show-bin-path)/oversight

# generate FOLDER CHILDREN SEED: a workbook and event files, once, with the generator's
# summary (rows per list and file) in $dir/rows/.
generate() {
  [ -f "$1/annex-a.xlsx" ] && return
  mkdir -p "$1"
  "$oversight" generate annex-a --children "$2" --seed "$3" --as-at "$as_at" --out "$1/annex-a.xlsx" --events "$1/events" \
    >"$dir/rows/$(basename "$1").txt"
}
rows() { grep -h -o '[0-9]* rows\.' "$@" | awk '{sum += $1} END {print sum}'; }
mkdir -p "$dir/region" "$dir/rows"
generate "$dir/la15000" 15000 1
generate "$dir/la21250" 21250 2
sizes=(8500 14875 21250 27625 34000) # 0.4 to 1.6 times 21,250 children; 21,250 on average
for n in $(seq 1 30); do
  generate "$dir/region/LA$(printf %02d "$n")" "${sizes[$((n % 5))]}" $((100 + n))
done
"$oversight" calendar holidays --format csv >"$dir/holidays.csv"

results=$dir/results.txt
: >"$results"
# timed LABEL COMMAND...: runs the command, output to $dir/LABEL.out, and records
# "LABEL wall user peak" with the command's own "timing:" line when it prints one.
timed() {
  local label=$1; shift
  /usr/bin/time -f "%e s %U s %M KB" -o "$dir/time.txt" "$@" >"$dir/$label.out" 2>&1
  echo "$label $(cat "$dir/time.txt") $(grep -h -o 'timing:.*' "$dir/$label.out" | head -1)" | tee -a "$results"
}
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); python $(python3 -c 'import sys; print(sys.version.split()[0])'), pandas $(python3 -c 'import pandas; print(pandas.__version__)'), openpyxl $(python3 -c 'import openpyxl; print(openpyxl.__version__)')"
echo "rows: (a) $(rows "$dir/rows/la15000.txt") and $(rows "$dir/rows/la21250.txt"); (b) $(rows "$dir"/rows/LA*.txt) in 30 authorities ($(du -sh "$dir/region" | cut -f1))"
three="ASM-45WD,ICPC-15WD,CLA-REVIEW"
for run in $(seq 1 "$runs"); do
  for la in la15000 la21250; do
    timed "a-$la" "$oversight" measures compute --annex-a "$dir/$la/annex-a.xlsx" --events "$dir/$la/events" \
      --as-at "$as_at" --period year --timing
  done
  timed c-oversight "$oversight" measures compute --annex-a "$dir/la15000/annex-a.xlsx" --as-at "$as_at" --period year \
    --measures "$three" --out "$dir/ours.csv" --timing
  timed c-pandas python3 Benchmarks/pandas_measures.py "$dir/la15000/annex-a.xlsx" "$dir/holidays.csv" "$as_at"
done
for run in $(seq 1 "$region_runs"); do
  timed b-region "$oversight" measures compute --region "$dir/region" --as-at "$as_at" --period year \
    --out "$dir/region.csv" --timing
done
echo
python3 - "$results" <<'PY'
import re, statistics, sys
runs = {}
for line in open(sys.argv[1]):
    label, wall, _, user, _, kb, _, *timing = line.split()
    read, computed = (float(x) for x in re.findall(r"[\d.]+(?= s)", " ".join(timing))[:2]) if timing else (None, None)
    runs.setdefault(label, []).append((float(wall), float(user), int(kb), read, computed))
print("| run | runs | wall clock (median) | CPU, user (median) | peak memory (max) | of which reading / computing (median) |")
print("| --- | --- | --- | --- | --- | --- |")
median = lambda values, i: statistics.median(v[i] for v in values)
for label, values in runs.items():
    split = f"{median(values, 3):.3f} s / {median(values, 4):.3f} s" if values[0][3] is not None else ""
    print(f"| {label} | {len(values)} | {median(values, 0):.2f} s | {median(values, 1):.2f} s | {max(v[2] for v in values) / 1024:.0f} MB | {split} |")
ours, theirs = runs["c-oversight"], runs["c-pandas"]
print(f"\n(c) pandas / oversight: end to end {median(theirs, 0) / median(ours, 0):.1f}x (wall), {median(theirs, 1) / median(ours, 1):.1f}x (CPU);"
      f" computing only {median(theirs, 4) / median(ours, 4):.1f}x; reading only {median(theirs, 3) / median(ours, 3):.1f}x")
PY
echo
echo "pandas:"; grep -v '^timing' "$dir/c-pandas.out"
echo "oversight:"; cut -d, -f1,6-8 "$dir/ours.csv"
python3 Benchmarks/pandas_measures.py "$dir/la15000/annex-a.xlsx" "$dir/holidays.csv" "$as_at" --compare "$dir/ours.csv" | tail -n +5
