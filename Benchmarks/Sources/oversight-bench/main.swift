import Documents
import Foundation

// Measures Documents' readers on real files, for docs/benchmarks.md. Release builds only;
// `Benchmarks/xlsx.sh` builds it and runs it beside openpyxl.
//
//   oversight-bench read-xlsx FILE
//
// reads every row of every sheet and prints rows, cells, seconds and rows per second.

let usage = "usage: oversight-bench read-xlsx FILE"
let arguments = CommandLine.arguments.dropFirst()
guard arguments.count == 2, arguments.first == "read-xlsx", let path = arguments.last else {
    FileHandle.standardError.write(Data((usage + "\n").utf8))
    exit(2)
}

/// What was read, folded into numbers that depend on every cell's value, so the optimiser
/// cannot skip building the values and the runs can be compared with each other.
struct Tally {
    var rows = 0
    var cells = 0
    var textBytes = 0
    var numberTotal = 0.0
    var dateDays = 0

    mutating func take(_ row: TableRow) {
        rows += 1
        for cell in row.cells {
            switch cell {
            case .empty: continue
            case .text(let text): textBytes += text.utf8.count
            case .number(let number): numberTotal += number
            case .boolean(let value): numberTotal += value ? 1 : 0
            case .date(let date): dateDays += date.year * 400 + date.month * 31 + date.day
            case .error(let code): textBytes += code.utf8.count
            }
            cells += 1
        }
    }
}

do {
    let clock = ContinuousClock()
    var tally = Tally()
    let elapsed = try clock.measure {
        let reader = try XLSXReader(url: URL(fileURLWithPath: path))
        for sheet in reader.sheetNames {
            try reader.forEachRow(inSheet: sheet) { tally.take($0) }
        }
    }
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    print("rows \(tally.rows)  cells \(tally.cells)  seconds \(String(format: "%.3f", seconds))  rows/s \(Int(Double(tally.rows) / seconds))")
    print("check: text bytes \(tally.textBytes), number total \(tally.numberTotal), date sum \(tally.dateDays)")
} catch {
    FileHandle.standardError.write(Data("oversight-bench: \(error)\n".utf8))
    exit(1)
}
