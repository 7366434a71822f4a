#!/usr/bin/env bash
# Issue 16's CIN census benchmark: a generated census with about 15,000 children in need
# (16,500 children from `generate cin-census`; the rest are referrals with no further action),
# read by CINCensusReader and every measure the census feeds computed over the collection year,
# each run timed by the command itself (`generate cin-census --time-reading`). Prints each run's
# timing line and the median total.
# Usage: Benchmarks/cin-census.sh [runs, default 3]
#   CONFIGURATION  debug (default: the shared machine takes no release builds) or release
#   BENCH_DIR      where the generated census is kept between runs (default /tmp/oversight-cin-bench)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
configuration=${CONFIGURATION:-debug}
dir=${BENCH_DIR:-/tmp/oversight-cin-bench}
mkdir -p "$dir"
swift build -c "$configuration" --product oversight >/dev/null
oversight=$(swift build -c "$configuration" --show-bin-path)/oversight
census=$dir/census-16500.xml
totals=()
for run in $(seq 1 "$runs"); do
  # The first run writes the file; every run reads it back and computes.
  "$oversight" generate cin-census --children 16500 --seed 1 --as-at 2024-03-31 --out "$census" --time-reading >"$dir/run$run.txt"
  grep -E '^read ' "$dir/run$run.txt" | head -1
  line=$(grep -o 'timing:.*' "$dir/run$run.txt")
  echo "run $run ($configuration): $line"
  totals+=("$(echo "$line" | sed -E 's/.*total ([0-9.]+) s.*/\1/')")
done
echo "file: $(du -h "$census" | cut -f1)"
printf '%s\n' "${totals[@]}" | sort -n | awk '{a[NR]=$1} END {print "median total: " a[int((NR+1)/2)] " s over " NR " runs"}'
