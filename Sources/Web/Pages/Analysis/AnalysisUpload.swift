import Core
import Documents
import Foundation
import Measures

/// The upload form as posted: the files and the choices, read into records ready to compute,
/// or the problems to show in the error summary. Nothing here is stored or logged.
struct AnalysisUpload: Sendable {
    var workbook: MultipartForm.Part?
    var returns: [MultipartForm.Part]
    var events: [MultipartForm.Part]
    var asAt: DateField
    var period: String
    var convention: String

    init(form: MultipartForm) {
        workbook = form.files("annex-a").first
        returns = form.files("returns")
        events = form.files("events")
        asAt = DateField(day: form.field("as-at-day"), month: form.field("as-at-month"), year: form.field("as-at-year"))
        period = form.field("period") ?? ""
        convention = form.field("convention") ?? ""
    }

    /// What the engine needs.
    struct Inputs: Sendable {
        var records: MeasureInputs
        var asAt: Day
        var periodKind: Period.Kind
        var convention: TimescaleConvention
        var fileNames: [String]
    }

    /// Problems keyed by the field they are about, so each shows beside its field too.
    struct Problems: Error, Sendable {
        var workbook: String?
        var returns: String?
        var events: String?
        var asAt: DateField.Problem?
        var period: String?
        var convention: String?

        var links: [ErrorLink] {
            var links: [ErrorLink] = []
            if let workbook { links.append(ErrorLink(href: "#annex-a", message: workbook)) }
            if let returns { links.append(ErrorLink(href: "#returns", message: returns)) }
            if let events { links.append(ErrorLink(href: "#events", message: events)) }
            if let asAt { links.append(ErrorLink(href: "#as-at-\(asAt.firstPart)", message: asAt.message)) }
            if let period { links.append(ErrorLink(href: "#period-month", message: period)) }
            if let convention { links.append(ErrorLink(href: "#convention-statutory", message: convention)) }
            return links
        }

        var isEmpty: Bool { links.isEmpty }
    }

    /// Checks the choices and the files' content (not their names' extensions), then reads them
    /// with the upload limits (`ReadingLimits.upload`). A workbook that cannot be read is named
    /// with its sheet, row and column, or with the limit it passed. Blocking: run it on the
    /// `ParsingQueue`.
    func read(today: Day) -> Result<Inputs, Problems> {
        var problems = Problems()
        var day: Day?
        switch asAt.read(name: "As-at date", latest: today) {
        case let .success(value): day = value
        case let .failure(error): problems.asAt = error.problem
        }
        let kind = Period.Kind(rawValue: period)
        if kind == nil { problems.period = "Select the period to compute" }
        let chosenConvention = TimescaleConvention(rawValue: convention)
        if chosenConvention == nil { problems.convention = "Select how working days are counted" }

        var records = MeasureInputs()
        var parts: [MeasureInputs] = []
        if let workbook {
            do {
                let format = try DocumentReader.format(of: workbook.data, fileName: workbook.fileName ?? "")
                if format != .xlsx {
                    problems.workbook = "\(workbook.fileName ?? "The file") is \(format.displayName), not an Excel workbook (.xlsx): choose the Annex A workbook"
                } else {
                    records = try AnnexAReader.read(data: workbook.data, fileName: workbook.fileName ?? "annex-a.xlsx", limits: .upload)
                    records.noteSource("\(ReturnKind.annexA.rawValue) (\(workbook.fileName ?? "annex-a.xlsx"))")
                    parts.append(records)
                    if !records.supplied.contains(where: { $0.hasPrefix("list") }) {
                        problems.workbook = "\(workbook.fileName ?? "The workbook") has no Annex A list that Oversight reads (sheets named List 3 to List 10, each with a Child Unique ID column)"
                    }
                }
            } catch let error as DocumentError {
                problems.workbook = error.description
            } catch {
                problems.workbook = "\(workbook.fileName ?? "The workbook") could not be read: \(error)"
            }
        } else if returns.isEmpty {
            problems.workbook = "Select the Annex A workbook, or upload a return's files below"
        }

        // The return's files are recognised by their content, never their names.
        if !returns.isEmpty {
            let files = returns.map { (fileName: $0.fileName ?? "return.csv", data: $0.data) }
            if let stray = files.first(where: { ![.ssda903, .cinCensus].contains(ReturnFiles.kind(of: $0.data, fileName: $0.fileName)) }) {
                problems.returns = "\(stray.fileName) is neither an SSDA903 table (a CSV whose first line holds the DfE column names, such as CHILD, DECOM, RNE, LS, CIN, PLACE) nor a CIN census (the DfE's XML)"
            } else {
                do {
                    parts.append(try ReturnFiles.read(files: files, limits: .upload))
                } catch {
                    problems.returns = "\(error)"
                }
            }
        }

        var eventProblems: [String] = []
        for file in events {
            let name = file.fileName ?? ""
            guard let eventKind = LocalEventKind.from(fileName: name) else {
                eventProblems.append("\(name): the name must say which events the file holds (contacts, strategy discussions, missing episodes, supervision, PEPs or EHC plans)")
                continue
            }
            do {
                let format = try DocumentReader.format(of: file.data, fileName: name)
                guard format == .csv else {
                    eventProblems.append("\(name) is \(format.displayName), not a CSV file")
                    continue
                }
                let document = try CSVReader.read(data: file.data, fileName: name, limits: .upload)
                var local = LocalEventReader.read(rows: document.tables.first?.rows ?? [], kind: eventKind, fileName: name)
                local.noteSource("\(ReturnKind.localEvents.rawValue) (\(name))")
                parts.append(local)
            } catch {
                eventProblems.append(error.description)
            }
        }
        if !eventProblems.isEmpty { problems.events = eventProblems.joined(separator: ". ") }

        guard problems.isEmpty, let day, let kind, let chosenConvention, workbook != nil || !returns.isEmpty else { return .failure(problems) }
        return .success(Inputs(records: ReturnFiles.combine(parts), asAt: day, periodKind: kind, convention: chosenConvention,
                               fileNames: (workbook.map { [$0.fileName ?? "annex-a.xlsx"] } ?? []) + returns.compactMap(\.fileName)
                                   + events.compactMap(\.fileName)))
    }
}
