#!/usr/bin/env bash
# Issue 16's SSDA903 benchmark: a generated return for about 1,000 children looked after
# (`generate ssda903 --children 32000`: 1,099 looked after, with their care leavers), read by
# SSDA903Reader and every 903 measure computed over the collection year by `measures compute
# --timing`, which prints the reading and computing times. Prints each run's timing and wall time.
# Usage: Benchmarks/ssda903.sh [runs, default 3]
#   CONFIGURATION  debug (default: the shared machine takes no release builds) or release
#   BENCH_DIR      where the generated return is kept (default /tmp/oversight-903-bench)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
configuration=${CONFIGURATION:-debug}
dir=${BENCH_DIR:-/tmp/oversight-903-bench}
swift build -c "$configuration" --product oversight >/dev/null
oversight=$(swift build -c "$configuration" --show-bin-path)/oversight
rm -rf "$dir/return"
"$oversight" generate ssda903 --children 32000 --seed 1 --as-at 2024-03-31 --out "$dir/return"
measures=903-MOVES,903-MISSING,903-OC2-HEALTH,903-OC2-TEETH,903-OC2-IMMS,903-CL-IN-TOUCH,903-CL-EET,903-CL-ACCOM,903-UASC,903-REVIEWS,903-REVIEW-PN,903-STABILITY-LT,903-MISSING-INCIDENTS,903-AWAY-INCIDENTS,903-SDQ,903-SDQ-AVG,903-A1,903-A1-426,903-A2,903-A2-121,903-A10
for run in $(seq 1 "$runs"); do
  start=$(date +%s.%N)
  line=$("$oversight" measures compute --input "$dir/return" --as-at 2024-03-31 --period year --measures "$measures" \
    --timing --out "$dir/results.json" 2>&1 | grep -o 'timing:.*')
  end=$(date +%s.%N)
  echo "run $run ($configuration): $line; whole command $(echo "$end - $start" | bc) s"
done
