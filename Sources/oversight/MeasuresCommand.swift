import ArgumentParser
import Core
import Foundation
import Measures
import Store

struct MeasuresCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "measures",
        abstract: "Compute the catalogue's KPIs from an Annex A workbook and local event files.",
        subcommands: [MeasuresCompute.self, MeasuresRetention.self]
    )
}

struct MeasuresRetention: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retention",
        abstract: "Show or set how many days the analysis pages keep the lists of children.",
        discussion: """
            The figures of each run on /analysis are kept; the child-level detail behind them (the \
            drill-down lists) is deleted this many days after the run, by the server within the hour. \
            Each deletion is in the audit trail. The default is \(AnalysisRetention.defaultDays) days.

            Example:
              oversight measures retention --days 14 --organisation 'Northmoor Borough Council'
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Option(help: ArgumentHelp("Keep the lists of children this many days (1 to 365).", valueName: "n"))
    var days: Int?

    @Option(help: ArgumentHelp("The organisation (default: the only or first one).", valueName: "name"))
    var organisation: String?

    func validate() throws {
        if let days, !AnalysisRetention.allowedDays.contains(days) {
            throw ValidationError("--days must be from \(AnalysisRetention.allowedDays.lowerBound) to \(AnalysisRetention.allowedDays.upperBound), not \(days).")
        }
    }

    func run() async throws {
        let store = try await SQLStore.open(database.db)
        do {
            let chosen = try await OrganisationChoice.choose(in: store, named: organisation)
            if let days {
                try await store.setAnalysisRetentionDays(days, organisationID: chosen.id)
            }
            let kept = try await store.analysisRetentionDays(organisationID: chosen.id)
            print("\(chosen.name): the lists of children of each analysis run are deleted \(kept) day\(kept == 1 ? "" : "s") after the run.")
        } catch {
            try? await store.close()
            throw error
        }
        try await store.close()
    }
}

extension Period.Kind: ExpressibleByArgument {}

struct MeasuresCompute: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compute",
        abstract: "Compute every catalogue measure for a period or as at a date.",
        discussion: """
            Reads the Ofsted Annex A workbook (Lists 3–10) and, with --events, the local event CSVs \
            in a folder (contacts.csv, strategy_discussions.csv, missing_episodes.csv, supervision.csv, \
            peps.csv, ehc_plans.csv). Events are counted in the period containing the as-at date; open \
            items are measured as at that date. Unusable rows are listed in the data-quality summary \
            and never stop a measure.

            Example:
              oversight measures compute --annex-a annex-a.xlsx --events events/ --as-at 2024-03-31 --period quarter --out results.json

            With --input (repeatable), each file, or each file in a folder, is recognised by its \
            content: an Annex A workbook, SSDA903 tables (CSVs with the DfE column names, several \
            files making one return) or local event CSVs. Each result names the files that fed it \
            (the sources column of the CSV, sources in the JSON); when two files supply the same \
            Annex A list, the first is used, so no child is counted twice:
              oversight measures compute --input annex-a.xlsx --input ssda903/ --as-at 2024-03-31 --out results.csv

            With --region, a folder with one folder per authority (each holding its workbook and, \
            optionally, an events folder) is computed in one run, and --out writes one CSV with an \
            authority column:
              oversight measures compute --region region/ --as-at 2024-03-31 --period year --out region.csv
            """
    )

    @Option(name: .customLong("annex-a"), help: ArgumentHelp("The Annex A workbook (.xlsx).", valueName: "file"))
    var annexA: String?

    @Option(name: .customLong("input"), help: ArgumentHelp(
        "A file or folder of files, each recognised by its content: an Annex A workbook, SSDA903 tables (CSVs with the DfE column names) or local event CSVs. Repeat for more.",
        valueName: "path"))
    var inputPaths: [String] = []

    @Option(help: ArgumentHelp(
        "Instead of --annex-a: a folder with one folder per authority, each holding one Annex A workbook and, optionally, an 'events' folder.",
        valueName: "dir"))
    var region: String?

    @Option(help: ArgumentHelp("Only these measures: catalogue ids separated by commas, such as ASM-45WD,ICPC-15WD.", valueName: "ids"))
    var measures: String?

    @Flag(help: "Print how long reading the files and computing took, on standard error.")
    var timing = false

    @Option(help: ArgumentHelp("A folder of local event CSV files.", valueName: "dir"))
    var events: String?

    @Option(name: .customLong("as-at"), help: ArgumentHelp("The as-at date, YYYY-MM-DD.", valueName: "date"))
    var asAt: String

    @Option(help: "The period containing the as-at date: month, quarter (financial), year (financial) or rolling12.")
    var period: Period.Kind = .month

    @Option(help: "statutory (the start day is not counted) or peer (the start day is day 1).")
    var convention: TimescaleConvention = .statutory

    @Option(help: ArgumentHelp("Write the results to a .csv or .json file.", valueName: "file"))
    var out: String?

    @Flag(help: "Show progress on standard error when it is a terminal.")
    var progress = false

    @Option(help: ArgumentHelp(
        "Store the results into this database's plan measures whose source names a catalogue id (replacing a value already there for the period).",
        valueName: "path"))
    var db: String?

    @Option(help: ArgumentHelp("With --db: only this organisation's measures (default: every organisation's).", valueName: "name"))
    var organisation: String?

    func validate() throws {
        guard (annexA == nil && inputPaths.isEmpty) != (region == nil) else {
            throw ValidationError("Give either --annex-a or --input (one authority's files) or --region (a folder of authorities).")
        }
        if region != nil {
            if events != nil { throw ValidationError("--region reads each authority's own 'events' folder; leave out --events.") }
            if db != nil { throw ValidationError("--db stores one authority's results; it cannot be used with --region.") }
            if let out, !out.lowercased().hasSuffix(".csv") { throw ValidationError("With --region, --out must name a .csv file, not '\(out)'.") }
        }
        _ = try selectedMeasures()
        guard Day(iso: asAt) != nil else {
            throw ValidationError("--as-at must be a date in the form YYYY-MM-DD (such as 2024-03-31), not '\(asAt)'.")
        }
        if let out, !(out.lowercased().hasSuffix(".csv") || out.lowercased().hasSuffix(".json")) {
            throw ValidationError("--out must name a .csv or .json file, not '\(out)'.")
        }
    }

    /// The measures --measures names, in catalogue order; every measure without it.
    func selectedMeasures() throws -> [CatalogueMeasure] {
        guard let measures else { return MeasureCatalogue.all }
        let ids: [MeasureID]
        do { ids = try MeasureID.parseList(measures) } catch { throw ValidationError("--measures: \(error) (docs/measures.md defines them).") }
        guard !ids.isEmpty else { throw ValidationError("--measures: name at least one catalogue id, such as ASM-45WD.") }
        return MeasureCatalogue.all.filter { ids.contains($0.id) }
    }

    func run() async throws {
        let day = Day(iso: asAt)!
        if let region { return try await computeRegion(folder: region, asAt: day) }
        let showProgress = progress && isatty(STDERR_FILENO) == 1
        func say(_ text: String) { if showProgress { FileHandle.standardError.write(Data("\r\u{1B}[K\(text)".utf8)) } }
        let measures = try selectedMeasures(), needed = MeasureCatalogue.inputs(of: measures)
        let clock = ContinuousClock(), started = clock.now
        var inputs: MeasureInputs
        // Named in the JSON output and on stored values: the workbook, else the files given.
        let fileName = annexA.map { URL(fileURLWithPath: $0).lastPathComponent }
            ?? inputPaths.map { URL(fileURLWithPath: $0).lastPathComponent }.joined(separator: ", ")
        do {
            if inputPaths.isEmpty, let annexA {
                let url = URL(fileURLWithPath: annexA)
                inputs = try AnnexAReader.read(url: url, lists: needed.lists) { list in say("Reading \(list)…") }
                inputs.noteSource("\(ReturnKind.annexA.rawValue) (\(url.lastPathComponent))")
            } else {
                // Each file recognised by its content; the workbook, when given too, first.
                say("Reading…")
                inputs = try ReturnFiles.read(paths: (annexA.map { [$0] } ?? []).map { URL(fileURLWithPath: $0) }
                                              + inputPaths.map { URL(fileURLWithPath: $0) })
            }
            if let events {
                var local = try LocalEventReader.read(folder: URL(fileURLWithPath: events, isDirectory: true), kinds: needed.events)
                local.noteSource("\(ReturnKind.localEvents.rawValue) (\(URL(fileURLWithPath: events).lastPathComponent))")
                inputs = ReturnFiles.combine([inputs, local])
            }
        } catch {
            throw MeasuresInputError(description: "\(error)")
        }
        let read = clock.now
        let engine = MeasureEngine(inputs: inputs, options: EngineOptions(convention: convention))
        let chosen = Period.containing(day, kind: period)
        // Only the JSON output carries the counted rows; the table, the CSV and --db need the figures alone.
        let detail: ResultDetail = out?.lowercased().hasSuffix(".json") == true ? .rows : .figuresOnly
        let results = engine.compute(measures, period: chosen, asAt: day, detail: detail) { done, total in
            let width = 30, filled = width * done / total
            say("[" + String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled) + "] \(done)/\(total) measures")
        }
        if showProgress { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        if timing { reportTiming(read: read - started, computed: clock.now - read) }

        print(MeasuresOutput.table(results))
        print("")
        print(MeasuresOutput.dataQualitySummary(inputs.dataQuality))
        if let out {
            let text = out.lowercased().hasSuffix(".json")
                ? MeasuresOutput.json(results, fileName: fileName)
                : MeasuresOutput.csv(results)
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: out))
            } catch {
                throw MeasuresInputError(description: "cannot write \(out): \(error.localizedDescription)")
            }
            print("Wrote \(results.count) results to \(out).")
        }
        if let db { try await store(results, in: db, fileName: fileName) }
    }

    /// Records each result as a dated, computed value on every plan measure whose source names
    /// its catalogue id; a value already there for the period is replaced (and audited).
    private func store(_ results: [MeasureResult], in path: String, fileName: String) async throws {
        let store = try await SQLStore.open(path)
        var stored = 0, skipped: [String] = []
        do {
            var organisations = try await store.organisations()
            if let organisation {
                organisations = organisations.filter { $0.name == organisation }
                if organisations.isEmpty { throw MeasuresInputError(description: "--organisation: there is no organisation named '\(organisation)'.") }
            }
            let values = results.map {
                $0.analysisResult.computedValue(period: $0.period, asAt: $0.asAt, convention: $0.convention.rawValue, workbookName: fileName)
            }
            for org in organisations {
                let outcome = try await store.recordComputedValues(values, organisationID: org.id)
                stored += outcome.recorded.count
                skipped += outcome.notRecorded
            }
        } catch {
            try? await store.close()
            throw error
        }
        try await store.close()
        print("Stored \(stored) value\(stored == 1 ? "" : "s") for \(results.first?.period.label ?? "") in \(path)."
              + (skipped.isEmpty ? "" : " Not stored: " + skipped.joined(separator: "; ") + "."))
    }
}

struct MeasuresInputError: Error, CustomStringConvertible {
    let description: String
}

enum MeasuresOutput {
    static func formatted(_ value: Double?, unit: String) -> String {
        guard let value else { return "–" }
        switch unit {
        case "%": return String(format: "%.1f%%", value)
        case "count": return String(format: "%.0f", value)
        default: return String(format: "%.1f", value)
        }
    }

    static func number(_ value: Double?) -> String {
        guard let value else { return "" }
        return value.rounded() == value ? MeasureFormatting.number(value, decimals: 0) : String(format: "%.4f", value)
    }

    static func table(_ results: [MeasureResult]) -> String {
        var rows: [[String]] = [["measure", "period", "numerator", "denominator", "value", "excluded"]]
        for r in results {
            rows.append([r.measure.id.rawValue, r.period.label,
                         r.missingInput == nil ? number(r.numerator) : "",
                         r.missingInput == nil ? number(r.denominator) : "",
                         r.missingInput.map { "no input (\($0))" } ?? formatted(r.value, unit: r.measure.unit),
                         r.missingInput == nil ? String(r.excluded.count) : ""])
        }
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { index, cell in
                index == 0 || index == 1 || index == 4 ? cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[index] - cell.count) + cell
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }.joined(separator: "\n")
    }

    static func dataQualitySummary(_ issues: [DataQualityIssue]) -> String {
        guard !issues.isEmpty else { return "Data quality: no unusable values." }
        let bySheet = Dictionary(grouping: issues, by: \.sheet)
        var lines = ["Data quality: \(issues.count) unusable value\(issues.count == 1 ? "" : "s") (\(issues.filter(\.rowDropped).count) rows not used)"]
        for sheet in bySheet.keys.sorted() {
            let list = bySheet[sheet]!
            lines.append("  \(sheet): \(list.count)")
            for issue in list.prefix(5) { lines.append("    \(issue)") }
            if list.count > 5 { lines.append("    … and \(list.count - 5) more") }
        }
        return lines.joined(separator: "\n")
    }

    static func csvField(_ field: String) -> String {
        field.contains(",") || field.contains("\"") ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
    }

    static func csv(_ results: [MeasureResult]) -> String {
        var lines = ["measure,title,period,as_at,convention,numerator,denominator,value,counted,excluded,missing_input,sources"]
        for r in results {
            let fields = [r.measure.id.rawValue, r.measure.title, r.period.label, r.asAt.iso, r.convention.rawValue,
                          r.missingInput == nil ? number(r.numerator) : "", number(r.denominator), number(r.value),
                          String(r.countedTotal), String(r.excluded.count), r.missingInput ?? "", r.sources.joined(separator: "; ")]
            lines.append(fields.map(csvField).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    struct JSONResult: Encodable {
        var measure: String
        var title: String
        var unit: String
        var period: String
        var as_at: String
        var convention: String
        var numerator: Double?
        var denominator: Double?
        var value: Double?
        var counted: Int
        var excluded: Int
        var missing_input: String?
        var computed_from: String
        var sources: [String]
        var counted_rows: [CountedRow]
        var excluded_rows: [ExcludedRow]
        var breakdowns: [BreakdownGroup]

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(measure, forKey: .measure); try c.encode(title, forKey: .title); try c.encode(unit, forKey: .unit)
            try c.encode(period, forKey: .period); try c.encode(as_at, forKey: .as_at); try c.encode(convention, forKey: .convention)
            // Explicit nulls, so every result carries every field.
            try c.encode(numerator, forKey: .numerator); try c.encode(denominator, forKey: .denominator); try c.encode(value, forKey: .value)
            try c.encode(counted, forKey: .counted); try c.encode(excluded, forKey: .excluded)
            try c.encode(missing_input, forKey: .missing_input); try c.encode(computed_from, forKey: .computed_from)
            try c.encode(sources, forKey: .sources)
            try c.encode(counted_rows, forKey: .counted_rows); try c.encode(excluded_rows, forKey: .excluded_rows)
            try c.encode(breakdowns, forKey: .breakdowns)
        }
        enum Keys: String, CodingKey {
            case measure, title, unit, period, as_at, convention, numerator, denominator, value, counted, excluded,
                 missing_input, computed_from, sources, counted_rows, excluded_rows, breakdowns
        }
    }

    static func json(_ results: [MeasureResult], fileName: String) -> String {
        let items = results.map { r in
            JSONResult(measure: r.measure.id.rawValue, title: r.measure.title, unit: r.measure.unit, period: r.period.label, as_at: r.asAt.iso,
                       convention: r.convention.rawValue, numerator: r.missingInput == nil ? r.numerator : nil,
                       denominator: r.denominator, value: r.value, counted: r.countedTotal, excluded: r.excluded.count,
                       missing_input: r.missingInput, computed_from: "\(fileName) as at \(r.asAt.iso)", sources: r.sources,
                       counted_rows: r.counted, excluded_rows: r.excluded, breakdowns: r.breakdowns)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Drill-down rows in the same style as the top-level keys: child_id, days_taken, in_numerator…
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let data = (try? encoder.encode(items)) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

struct GenerateAnnexA: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "annex-a",
        abstract: "Write a synthetic Annex A workbook (and local event CSVs), deterministic per seed.",
        discussion: """
            Fictional children with realistic volumes: most assessments and conferences in time, a \
            tail late, open items, and a few bad rows for the data-quality report. The same \
            --children, --seed and --as-at give the same files.

            Example:
              oversight generate annex-a --children 15000 --seed 1 --out annex-a.xlsx --events events/
            """
    )

    @Option(help: "How many children.")
    var children: Int = 1000

    @Option(help: "The random seed.")
    var seed: UInt64 = 1

    @Option(help: ArgumentHelp("The workbook to write (.xlsx).", valueName: "file"))
    var out: String

    @Option(help: ArgumentHelp("A folder to write the local event CSVs into.", valueName: "dir"))
    var events: String?

    @Option(name: .customLong("as-at"), help: ArgumentHelp("The last day of the data, YYYY-MM-DD.", valueName: "date"))
    var asAt: String = "2024-03-31"

    func validate() throws {
        guard (1...5_000_000).contains(children) else { throw ValidationError("--children must be from 1 to 5000000") }
        guard Day(iso: asAt) != nil else { throw ValidationError("--as-at must be a date in the form YYYY-MM-DD, not '\(asAt)'.") }
        guard out.lowercased().hasSuffix(".xlsx") else { throw ValidationError("--out must name a .xlsx file, not '\(out)'.") }
    }

    func run() throws {
        let generator = AnnexAGenerator(children: children, seed: seed, asAt: Day(iso: asAt)!)
        let summary = try generator.write(workbook: URL(fileURLWithPath: out),
                                          eventsFolder: events.map { URL(fileURLWithPath: $0, isDirectory: true) })
        print("Wrote \(out)" + (events.map { " and the event files in \($0)" } ?? "") + ": \(summary.total) rows.")
        for name in summary.rows.keys.sorted() { print("  \(name): \(summary.rows[name]!)") }
    }
}
