import Foundation
import Testing
@testable import Documents

/// Issue 12, finding 2: small files that cost minutes and gigabytes. Each hostile sample read
/// with the upload limits is refused with a `DocumentError` naming the file and the limit it
/// passed — or, if it is within the limits, read with no more cells than they allow. Time and
/// peak memory in a release build are measured by `Benchmarks/hostile.sh` (docs/benchmarks.md);
/// here the debug build's time is only bounded loosely, by three times the time limit.
@Suite("Hostile uploads within time and memory limits")
struct HostileUploadTests {
    @Test("Each hostile sample is refused naming the file and the limit, or read within the limits",
          arguments: HostileSamples.all)
    func hostileSample(_ sample: HostileSample) throws {
        let data = try sample.make()
        if let folder = ProcessInfo.processInfo.environment["OVERSIGHT_HOSTILE_DIR"] {
            // Benchmarks/hostile.sh measures the same files in a release build.
            try data.write(to: URL(fileURLWithPath: folder).appendingPathComponent(sample.fileName))
        }
        let clock = ContinuousClock()
        let start = clock.now
        let outcome = Result { () throws(DocumentError) -> Document in
            try DocumentReader.read(data: data, fileName: sample.fileName, limits: .upload)
        }
        let elapsed = clock.now - start
        switch outcome {
        case .success(let document):
            #expect(sample.expected == nil, "\(sample.fileName) was read, but \(String(describing: sample.expected)) was expected")
            let cells = document.tables.reduce(0) { $0 + $1.rows.reduce(0) { $0 + $1.cells.count } }
            #expect(cells <= ReadingLimits.upload.maximumCellCount)
        case .failure(let error):
            #expect(error.fileName == sample.fileName)
            #if DEBUG
            // A debug build reads 10–30 times slower than release, and on a busy machine some
            // samples meet the time limit before the limit that stops them in release
            // (Benchmarks/hostile.sh shows which stops each there).
            let stoppedByClock = error.reason == .tookTooLong(limit: ReadingLimits.upload.timeLimit!)
            #else
            let stoppedByClock = false
            #endif
            #expect(error.reason == sample.expected || stoppedByClock, "\(error)")
            #expect(error.description.hasPrefix(sample.fileName + ""))
            #expect(error.message.contains(Self.limitAsWritten(error.reason)), "the message names the limit: \(error.message)")
        }
        // The upload time limit stops any read. A debug build shares the machine with other
        // tests and builds (wall-clock time stretches), and decoding the text before the first
        // check is not counted: three times the limit only catches a read that ignores the
        // clock (the bombs and spans without their limits take minutes).
        #expect(elapsed < ReadingLimits.upload.timeLimit! * 3, "\(sample.fileName) took \(elapsed)")
    }

    @Test("A read that takes longer than its time limit is stopped, naming the limit")
    func timeLimit() throws {
        // Legitimate work, just a lot of it: 600,000 small rows of CSV with a 1 ms budget.
        let data = Data(String(repeating: "a,b,c\n", count: 600_000).utf8)
        var limits = ReadingLimits.upload
        limits.timeLimit = .milliseconds(1)
        let error = try #require(throws: DocumentError.self) {
            try DocumentReader.read(data: data, fileName: "slow.csv", limits: limits)
        }
        #expect(error.reason == .tookTooLong(limit: .milliseconds(1)))
        #expect(error.fileName == "slow.csv")
    }

    @Test("The time limit also stops a workbook and a Word document", arguments: ["slow.xlsx", "slow.docx"])
    func timeLimitInOfficeFiles(fileName: String) throws {
        let data: Data
        if fileName.hasSuffix(".xlsx") {
            let rows = (1...60_000).map { #"<row r="\#($0)"><c r="A\#($0)"><v>\#($0)</v></c></row>"# }.joined()
            data = try OfficeFixture.workbook(sheets: [("S", "<sheetData>\(rows)</sheetData>")])
        } else {
            data = try OfficeFixture.document(body: String(repeating: OfficeFixture.paragraph("A line of the plan"), count: 60_000))
        }
        var limits = ReadingLimits.upload
        limits.timeLimit = .milliseconds(1)
        let error = try #require(throws: DocumentError.self) {
            try DocumentReader.read(data: data, fileName: fileName, limits: limits)
        }
        #expect(error.reason == .tookTooLong(limit: .milliseconds(1)))
    }

    @Test("Real files are well within the upload limits")
    func realFilesFit() throws {
        for name in ["ofsted-annex-a-template-2019.xlsx", "wokingham-ilacs-improvement-plan-2023.txt",
                     "west-sussex-practice-improvement-plan-2019.txt"] {
            let data = try Data(contentsOf: OfficeFixture.fixture(name))
            let document = try DocumentReader.read(data: data, fileName: name, limits: .upload)
            #expect(!document.tables.isEmpty)
        }
    }

    @Test("A merge over a million rows of a short sheet covers only the rows there are")
    func mergesClipped() throws {
        let rows = (1...3).map { #"<row r="\#($0)"><c r="A\#($0)"><v>\#($0)</v></c></row>"# }.joined()
        let data = try OfficeFixture.workbook(sheets: [("S", "<sheetData>\(rows)</sheetData><mergeCells><mergeCell ref=\"A2:B1048576\"/><mergeCell ref=\"C9:D9\"/></mergeCells>")])
        let table = try XLSXReader(data: data, fileName: "m.xlsx", limits: .upload).table(sheetAt: 1)
        #expect(table.mergedRegions == [CellRegion(firstRow: 2, firstColumn: 1, lastRow: 3, lastColumn: 2)])
        #expect(table.fillingMergedCells().rows.map { $0.cells.map(\.text) } == [["1"], ["2", "2"], ["2", "2"]])
    }

    @Test("A quote mark after text in a CSV field stays text, as before the quoting fix")
    func quoteAfterText() throws {
        let document = try DocumentReader.read(data: Data("a,b\n  x\"y,\"q\"\"r\"\"\"\n".utf8), fileName: "q.csv", limits: .upload)
        #expect(document.tables.first?.rows.last?.cells.map(\.text) == ["x\"y", "q\"r\""])
    }

    /// How a limit appears in the message, so the person knows which one they met.
    static func limitAsWritten(_ reason: DocumentError.Reason) -> String {
        switch reason {
        case .tooManyCells: return "4,000,000 cells"
        case .tooManySheets(let limit), .tooManyEntries(let limit), .nestedTooDeeply(let limit),
             .tooManyColumns(let limit), .tooManyRows(let limit): return String(limit)
        case .partTooLarge(_, let limit), .uncompressedTooLarge(let limit), .cellTooLong(let limit), .fileTooLarge(let limit):
            return "\(limit / (1024 * 1024)) MB"
        case .tookTooLong(let limit): return "\(limit.components.seconds) seconds"
        default: return ""
        }
    }
}
