import ArgumentParser
import Core
import Foundation
import Reports
import Store

struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export records to files.",
        subcommands: [ExportPlan.self]
    )
}

struct ExportPlan: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Export a plan's actions with their ratings and reasons.",
        discussion: "CSV opens in Excel (UTF-8 with a byte order mark, one row per action). XLSX is a tracker workbook (an Actions sheet, one row per action, and a Measures sheet) that `oversight import plan` reads back; it needs --out. JSON carries the whole plan."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json, csv, xlsx
    }

    @OptionGroup var database: DatabaseOptions

    @Argument(help: "The plan's id (shown in its address, /plans/ID).")
    var id: Int64

    @Option(help: "json, csv or xlsx.")
    var format: Format = .json

    @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var out: String?

    @Option(help: ArgumentHelp("Rate the actions as at this date (YYYY-MM-DD); today by default.", valueName: "date"))
    var asAt: String?

    @Option(help: ArgumentHelp("The organisation the plan belongs to, when the database holds several.", valueName: "name"))
    var organisation: String?

    func run() async throws {
        let day: Day
        if let asAt {
            guard let parsed = Day(iso: asAt) else { throw ValidationError("--as-at must be a date in the form YYYY-MM-DD, not '\(asAt)'") }
            day = parsed
        } else {
            day = Day.today()
        }
        guard database.exists else {
            throw ValidationError("There is no database at \(database.shown). Name one with --db.")
        }
        let store = try await SQLStore.open(database.db)
        let organisations = try await store.organisations()
        let candidates = organisation.map { name in organisations.filter { $0.name == name } } ?? organisations
        var found: PlanContents?
        var measures: [Measure] = []
        for org in candidates {
            do {
                found = try await store.planContents(id: id, organisationID: org.id, fullHistory: true)
                if format == .xlsx { measures = try await store.measures(organisationID: org.id) }
                break
            } catch StoreError.notFound {
                continue
            }
        }
        try await store.close()
        guard let contents = found else { throw ValidationError("There is no plan \(id) in \(database.shown).") }
        if format == .xlsx {
            guard let out else { throw ValidationError("--format xlsx writes a workbook: name the file with --out FILE.xlsx.") }
            try PlanWorkbook.write(contents, measures: measures, asAt: day, to: URL(fileURLWithPath: out))
            FileHandle.standardError.write(Data("Wrote plan \(id) as xlsx to \(out).\n".utf8))
            return
        }
        let data: Data = switch format {
        case .json: try PlanExport.json(contents, asAt: day)
        case .csv, .xlsx: Data(PlanExport.csv(contents, asAt: day).utf8)
        }
        if let out {
            try data.write(to: URL(fileURLWithPath: out))
            FileHandle.standardError.write(Data("Wrote plan \(id) as \(format.rawValue) to \(out).\n".utf8))
        } else {
            FileHandle.standardOutput.write(data)
        }
    }
}
