#!/usr/bin/env bash
# Times a dry-run import — read the file, recognise its plans, write the preview the command
# prints — of every document in the import corpus and of the two sample plans, and prints the
# median and slowest of the runs for each, largest file first. Release build of only the
# modules the importer uses (Core, Documents, PlanImport), in a package made beside the repo,
# so it builds and runs whatever state the web modules are in.
# Usage: Benchmarks/import.sh [runs, default 20]
#   BENCH_DIR  where the small package is made and built (default /tmp/oversight-import-bench)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
runs=${1:-20}
dir=${BENCH_DIR:-/tmp/oversight-import-bench}
mkdir -p "$dir/Sources/import-bench"
for module in Core Documents PlanImport; do ln -sfn "$root/Sources/$module" "$dir/Sources/$module"; done
cp Package.resolved "$dir/"
cat > "$dir/Package.swift" <<'EOF'
// swift-tools-version: 6.1
// Made by Benchmarks/import.sh: the importer's modules from the repo, and a timing executable.
import PackageDescription
let package = Package(
    name: "OversightImportBench",
    platforms: [.macOS(.v14)],
    dependencies: [.package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20")],
    targets: [
        .target(name: "Core"),
        .target(name: "Documents", dependencies: [.product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .target(name: "PlanImport", dependencies: ["Core", "Documents"]),
        .executableTarget(name: "import-bench", dependencies: ["PlanImport", "Documents", "Core"]),
    ]
)
EOF
cat > "$dir/Sources/import-bench/main.swift" <<'EOF'
import Core
import Foundation
import PlanImport

// Each file: one run to warm up, then `runs` timed runs of what `oversight import plan FILE
// --dry-run` does before printing (read, recognise, preview text).
let arguments = CommandLine.arguments.dropFirst()
let runs = Int(arguments.first ?? "") ?? 20
let clock = ContinuousClock()
func milliseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
}
print("| File | Size | Plans | Actions | Median | Slowest |")
print("| --- | --- | --- | --- | --- | --- |")
for path in arguments.dropFirst() {
    let url = URL(fileURLWithPath: path)
    guard let first = try? PlanImporter.importPlans(url: url, options: ImportOptions(asAt: Day(2024, 6, 1))) else {
        print("| \(url.lastPathComponent) | could not be read | | | | |")
        continue
    }
    _ = ImportPreview.text(first)
    var times: [Double] = []
    for _ in 0..<runs {
        let elapsed = clock.measure {
            if let result = try? PlanImporter.importPlans(url: url, options: ImportOptions(asAt: Day(2024, 6, 1))) {
                _ = ImportPreview.text(result)
            }
        }
        times.append(milliseconds(elapsed))
    }
    times.sort()
    let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    let actions = first.plans.reduce(0) { $0 + $1.actions.count }
    print("| \(url.lastPathComponent) | \(size / 1024) KB | \(first.plans.count) | \(actions) | "
          + String(format: "%.1f ms | %.1f ms |", times[times.count / 2], times[times.count - 1]))
}
EOF
swift build -c release --package-path "$dir" --product import-bench >/dev/null
bench=$(swift build -c release --package-path "$dir" --show-bin-path)/import-bench
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg), $runs runs each"
# Largest first: the acceptance figure is the largest corpus document's.
files=$(ls -S Tests/PlanImportTests/Fixtures/Corpus/* | grep -v -e '\.json$' -e '\.py$')
"$bench" "$runs" $files Tests/PlanImportTests/Fixtures/*.txt
