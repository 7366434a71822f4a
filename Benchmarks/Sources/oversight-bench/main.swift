import Documents
import Foundation

// Measures Documents' readers on real files, for docs/benchmarks.md. Release builds only;
// `Benchmarks/xlsx.sh` builds it and runs it beside openpyxl.
//
//   oversight-bench read-xlsx FILE
//
// reads every row of every sheet and prints rows, cells, seconds and rows per second.

//   oversight-bench read-upload FILE
//
// reads a file as an upload is read (in memory, with `ReadingLimits.upload`) and prints
// whether it was read or refused (with the message), and the seconds; `Benchmarks/hostile.sh`
// runs it under /usr/bin/time for peak memory.

let usage = "usage: oversight-bench read-xlsx FILE | oversight-bench read-upload FILE"
let arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.count == 2, ["read-xlsx", "read-upload"].contains(arguments[0]) else {
    FileHandle.standardError.write(Data((usage + "\n").utf8))
    exit(2)
}
let path = arguments[1]

if arguments[0] == "read-upload" {
    let data: Data
    do {
        data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
        FileHandle.standardError.write(Data("oversight-bench: \(error)\n".utf8))
        exit(1)
    }
    let clock = ContinuousClock()
    let start = clock.now
    let outcome: String
    do {
        let document = try DocumentReader.read(data: data, fileName: URL(fileURLWithPath: path).lastPathComponent, limits: .upload)
        let cells = document.tables.reduce(0) { $0 + $1.rows.reduce(0) { $0 + $1.cells.count } }
        outcome = "read: \(document.tables.count) tables, \(cells) cells"
    } catch {
        outcome = "refused: \(error)"
    }
    let elapsed = clock.now - start
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    print("seconds \(String(format: "%.3f", seconds))  \(outcome)")
    exit(0)
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
