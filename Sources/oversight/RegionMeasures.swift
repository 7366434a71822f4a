import ArgumentParser
import Core
import Foundation
import Measures

/// One authority's folder in a region: its name is the folder's.
struct AuthorityFolder: Sendable {
    var name: String
    var workbook: URL?
    var events: URL?
    /// Why the folder cannot be read (no workbook, or several).
    var problem: String?

    /// The authority folders directly under `folder`, by name. A folder holds one `.xlsx`
    /// workbook and, optionally, an `events` folder of local event CSVs.
    static func all(in folder: URL) throws -> [AuthorityFolder] {
        let files = FileManager.default
        let names = try files.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix(".") }.sorted()
        return try names.compactMap { name in
            let url = folder.appendingPathComponent(name, isDirectory: true)
            var isFolder: ObjCBool = false
            guard files.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue else { return nil }
            let contents = try files.contentsOfDirectory(atPath: url.path)
            // Excel leaves "~$name.xlsx" lock files beside an open workbook.
            let workbooks = contents.filter { $0.lowercased().hasSuffix(".xlsx") && !$0.hasPrefix("~$") && !$0.hasPrefix(".") }.sorted()
            let events = url.appendingPathComponent("events", isDirectory: true)
            var authority = AuthorityFolder(name: name, events: files.fileExists(atPath: events.path) ? events : nil)
            switch workbooks.count {
            case 1: authority.workbook = url.appendingPathComponent(workbooks[0])
            case 0: authority.problem = "no Annex A workbook (.xlsx) in \(url.path)"
            default: authority.problem = "several workbooks in \(url.path) (\(workbooks.joined(separator: ", "))): keep one"
            }
            return authority
        }
    }
}

/// What a region run keeps of one authority: its printed table and CSV lines. The counted rows
/// are dropped as soon as the figures are taken, so memory does not grow with the region.
struct AuthorityOutcome: Sendable {
    var authority: String
    var report: String
    var csvLines: [String]
    var readSeconds = 0.0
    var computeSeconds = 0.0
    var failed = false
}

extension MeasuresCompute {
    func computeRegion(folder: String, asAt: Day) async throws {
        let authorities: [AuthorityFolder]
        do {
            authorities = try AuthorityFolder.all(in: URL(fileURLWithPath: folder, isDirectory: true))
        } catch {
            throw MeasuresInputError(description: "--region: cannot read the folder \(folder): \(error.localizedDescription)")
        }
        guard !authorities.isEmpty else { throw MeasuresInputError(description: "--region: no authority folders in \(folder).") }
        let measures = try selectedMeasures()
        let chosen = Period.containing(asAt, kind: period), options = EngineOptions(convention: convention)
        let showProgress = progress && isatty(STDERR_FILENO) == 1

        // Two authorities at a time: each is read and computed on its own, and two fit this
        // machine's cores while keeping at most two authorities' records in memory.
        let width = min(2, max(1, ProcessInfo.processInfo.activeProcessorCount))
        var outcomes: [AuthorityOutcome] = []
        await withTaskGroup(of: AuthorityOutcome.self) { group in
            var waiting = authorities.makeIterator()
            func startNext() {
                guard let authority = waiting.next() else { return }
                group.addTask { Self.compute(authority, measures: measures, period: chosen, asAt: asAt, options: options) }
            }
            for _ in 0..<width { startNext() }
            while let outcome = await group.next() {
                outcomes.append(outcome)
                if showProgress {
                    FileHandle.standardError.write(Data("\r\u{1B}[K\(outcomes.count)/\(authorities.count) authorities".utf8))
                }
                startNext()
            }
        }
        if showProgress { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        outcomes.sort { $0.authority < $1.authority }

        for outcome in outcomes { print(outcome.report + "\n") }
        let failed = outcomes.filter(\.failed).map(\.authority)
        print("\(outcomes.count - failed.count) of \(outcomes.count) authorities computed, \(measures.count) measure\(measures.count == 1 ? "" : "s") each.")
        if timing {
            reportTiming(read: .seconds(outcomes.reduce(0) { $0 + $1.readSeconds }),
                         computed: .seconds(outcomes.reduce(0) { $0 + $1.computeSeconds }), summed: true)
        }
        if let out {
            let header = "authority," + MeasuresOutput.csv([]).trimmingCharacters(in: .newlines)
            let text = ([header] + outcomes.flatMap(\.csvLines)).joined(separator: "\n") + "\n"
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: out))
            } catch {
                throw MeasuresInputError(description: "cannot write \(out): \(error.localizedDescription)")
            }
            print("Wrote \(outcomes.flatMap(\.csvLines).count) results to \(out).")
        }
        if !failed.isEmpty {
            throw MeasuresInputError(description: "not computed: \(failed.joined(separator: ", ")) (see above).")
        }
    }

    private static func compute(_ authority: AuthorityFolder, measures: [CatalogueMeasure], period: Period, asAt: Day,
                                options: EngineOptions) -> AuthorityOutcome {
        let heading = "== \(authority.name)"
        guard let workbook = authority.workbook else {
            return AuthorityOutcome(authority: authority.name, report: "\(heading): \(authority.problem ?? "no workbook")", csvLines: [], failed: true)
        }
        let needed = MeasureCatalogue.inputs(of: measures)
        let clock = ContinuousClock(), started = clock.now
        var inputs: MeasureInputs
        do {
            inputs = try AnnexAReader.read(url: workbook, lists: needed.lists)
            inputs.noteSource("\(ReturnKind.annexA.rawValue) (\(workbook.lastPathComponent))")
            if let events = authority.events {
                var local = try LocalEventReader.read(folder: events, kinds: needed.events)
                local.noteSource("\(ReturnKind.localEvents.rawValue) (\(events.lastPathComponent))")
                inputs.merge(local)
            }
        } catch {
            return AuthorityOutcome(authority: authority.name, report: "\(heading): \(error)", csvLines: [], failed: true)
        }
        let read = clock.now
        let results = MeasureEngine(inputs: inputs, options: options).compute(measures, period: period, asAt: asAt, detail: .figuresOnly)
        let computed = clock.now
        let name = MeasuresOutput.csvField(authority.name)
        let lines = MeasuresOutput.csv(results).split(separator: "\n").dropFirst().map { name + "," + $0 }
        return AuthorityOutcome(
            authority: authority.name,
            report: "\(heading) (\(workbook.lastPathComponent)\(authority.events == nil ? "" : " and events"))\n"
                + MeasuresOutput.table(results) + "\n" + MeasuresOutput.dataQualitySummary(inputs.dataQuality),
            csvLines: lines, readSeconds: (read - started).seconds, computeSeconds: (computed - read).seconds)
    }

    func reportTiming(read: Duration, computed: Duration, summed: Bool = false) {
        let note = summed ? " (summed over authorities, two at a time)" : ""
        let line = "timing: read " + String(format: "%.3f", read.seconds) + " s, computed " + String(format: "%.3f", computed.seconds) + " s" + note
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
