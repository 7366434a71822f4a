#!/usr/bin/env bash
# Reads a 100,000-row, 20-column workbook with our reader and with openpyxl (read-only mode)
# and prints rows per second and peak memory for each, plus the same for a 10,000-row file to
# show that memory does not grow with the file; then our reader alone on the same rows with
# text inline (no shared-strings table), where any growth would be the rows' own. Release
# build; each run timed by /usr/bin/time.
# Usage: Benchmarks/xlsx.sh [runs, default 3]
#   SCRATCH_PATH  SwiftPM scratch folder for the release build (default .build)
#   BENCH_DIR     where the generated workbooks are kept between runs (default /tmp/oversight-xlsx-bench)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
scratch=${SCRATCH_PATH:-.build}
dir=${BENCH_DIR:-/tmp/oversight-xlsx-bench}
python3 -c 'import openpyxl' 2>/dev/null || python3 -m pip install --quiet openpyxl
swift build -c release --scratch-path "$scratch" --product oversight-bench >/dev/null
bench=$(swift build -c release --scratch-path "$scratch" --show-bin-path)/oversight-bench
mkdir -p "$dir"
for rows in 10000 100000; do
  [ -f "$dir/tracker-$rows.xlsx" ] || python3 Benchmarks/make_xlsx.py "$rows" "$dir/tracker-$rows.xlsx"
  [ -f "$dir/inline-$rows.xlsx" ] || python3 Benchmarks/make_xlsx.py "$rows" "$dir/inline-$rows.xlsx" --inline-strings
done
echo "python $(python3 -c 'import sys; print(sys.version.split()[0])'), openpyxl $(python3 -c 'import openpyxl; print(openpyxl.__version__)'), load average: $(cut -d' ' -f1-3 /proc/loadavg)"
results=$(mktemp)
trap 'rm -f "$results"' EXIT
for rows in 10000 100000; do
  file="$dir/tracker-$rows.xlsx"
  echo "== $file ($(du -k "$file" | cut -f1) KB zipped; sheet $(unzip -l "$file" xl/worksheets/sheet1.xml | awk 'NR==4{print int($1/1024)}') KB, shared strings $(unzip -l "$file" xl/sharedStrings.xml | awk 'NR==4{print int($1/1024)}') KB unzipped)"
  for reader in oversight openpyxl; do
    for run in $(seq 1 "$runs"); do
      if [ "$reader" = oversight ]; then command=("$bench" read-xlsx "$file"); else command=(python3 Benchmarks/openpyxl_read.py "$file"); fi
      line=$( { /usr/bin/time -f "TIME %e %M %U" "${command[@]}" | head -1; } 2>&1 )
      echo "$reader run $run: $(echo "$line" | tr '\n' ' ')"
      echo "$rows $reader $(echo "$line" | awk '/^rows/{r=$2; s=$6} /^TIME/{w=$2; m=$3; u=$4} END{print r, s, w, m, u}')" >>"$results"
    done
  done
done
for rows in 10000 100000; do
  file="$dir/inline-$rows.xlsx"
  for run in $(seq 1 "$runs"); do
    line=$( { /usr/bin/time -f "TIME %e %M %U" "$bench" read-xlsx "$file" | head -1; } 2>&1 )
    echo "oversight, text inline, $rows rows, run $run: $(echo "$line" | tr '\n' ' ')"
    echo "$rows oversight-inline $(echo "$line" | awk '/^rows/{r=$2; s=$6} /^TIME/{w=$2; m=$3; u=$4} END{print r, s, w, m, u}')" >>"$results"
  done
done
python3 - "$results" <<'PY'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    size, reader, rows, seconds, wall, kb, user = line.split()
    runs.setdefault((int(size), reader), []).append((int(rows), float(seconds), float(wall), int(kb), float(user)))
print()
print("| file | reader | rows read | read time (median) | rows/s | whole process (median) | CPU, user (median) | peak memory (max) |")
print("| --- | --- | --- | --- | --- | --- | --- | --- |")
speed = {}
cpu = {}
for (size, reader), values in sorted(runs.items()):
    rows = values[0][0]
    seconds = statistics.median(v[1] for v in values)
    wall = statistics.median(v[2] for v in values)
    peak = max(v[3] for v in values) / 1024
    user = statistics.median(v[4] for v in values)
    speed[(size, reader)] = rows / seconds
    cpu[(size, reader)] = user
    label = {"oversight-inline": "oversight, text inline"}.get(reader, reader)
    print(f"| {size:,} rows | {label} | {rows:,} | {seconds:.3f} s | {rows / seconds:,.0f} | {wall:.2f} s | {user:.2f} s | {peak:.0f} MB |")
print()
for size in sorted({size for size, _ in runs}):
    if (size, "oversight") in speed and (size, "openpyxl") in speed:
        print(f"{size:,} rows: oversight reads {speed[(size, 'oversight')] / speed[(size, 'openpyxl')]:.1f}x as many rows per second as openpyxl"
              f" (whole process, CPU time: {cpu[(size, 'openpyxl')] / cpu[(size, 'oversight')]:.1f}x less)")
PY
