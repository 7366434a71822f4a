import Core
import Documents
import Foundation

/// The board pack as a Word board paper (.docx) for democratic services' committee system: the
/// same `BoardPack` the page prints, section by section, each section on a new page. Ratings are
/// chips of colour that always carry their words.
public enum BoardPackDocument {
    /// Writes the pack to `url`.
    public static func write(_ pack: BoardPack, to url: URL, created: Date = Date()) throws {
        let cover = pack.cover
        let writer = try DOCXWriter(url: url, properties: .init(
            title: "Board pack: \(cover.boardName), \(pack.meetingDate.formattedLong)", subject: "Board pack", created: created,
            footer: "\(cover.boardName), \(pack.meetingDate.formattedLong)"))
        try writeCover(pack, writer)
        try writePreviousMinutes(pack.previousMinutes, writer)
        try writeActionLog(pack.actionLog, writer)
        for report in pack.progressReports { try writeProgressReport(report, writer) }
        for scorecard in pack.scorecards { try writeScorecard(scorecard, writer) }
        try writer.close()
    }

    /// The pack as the bytes of a .docx file, for a download.
    public static func data(_ pack: BoardPack, created: Date = Date()) throws -> Data {
        try PaperFile.data { try write(pack, to: $0, created: created) }
    }

    /// "northmoor-childrens-services-improvement-board-2026-03-10-pack.docx".
    public static func fileName(_ pack: BoardPack) -> String {
        PaperFile.name(board: pack.cover.boardName, date: pack.meetingDate, what: "pack")
    }

    // MARK: Sections

    static func writeCover(_ pack: BoardPack, _ writer: DOCXWriter) throws {
        let cover = pack.cover
        try writer.paragraph([.bold(cover.boardKind)])
        try writer.title(cover.boardName)
        try writer.paragraph([.bold(cover.when)])
        try writer.paragraph(cover.venue)
        try writer.paragraph("Meeting status: \(cover.status)")
        if let chair = cover.chair { try writer.paragraph("Chair: \(chair)") }
        if let vice = cover.viceChair { try writer.paragraph("Vice chair: \(vice)") }
        try writer.heading("Agenda", level: 1)
        let rows = pack.agenda.map { item -> [DOCXWriter.Cell] in
            var title: [[DOCXWriter.Run]] = [[.bold(item.title)]]
            if item.isExempt { title.append([.bold("Exempt (Schedule 12A): not for publication")]) }
            if !item.detail.isEmpty { title.append([.italic(item.detail)]) }
            var papers: [[DOCXWriter.Run]] = item.papers.map { [DOCXWriter.Run($0)] }
            if item.papersWithheld { papers.append([.italic("Exempt papers: for members and officers only")]) }
            if let pages = item.pages { papers.append([.italic(pages)]) }
            return [DOCXWriter.Cell(String(item.number), bold: true), DOCXWriter.Cell(paragraphs: title),
                    DOCXWriter.Cell(item.presenter), DOCXWriter.Cell(item.purpose), DOCXWriter.Cell(paragraphs: papers)]
        }
        try writer.table(columns: [.init("Item", weight: 3), .init("Title", weight: 10), .init("Presented by", weight: 6),
                                   .init("Purpose", weight: 4), .init("Papers", weight: 8)], rows: rows)
    }

    static func writePreviousMinutes(_ previous: BoardPack.PreviousMinutes?, _ writer: DOCXWriter) throws {
        try writer.pageBreak()
        try writer.heading("Minutes of the last meeting", level: 1)
        guard let previous else {
            try writer.paragraph("This is the board's first meeting in Oversight; there are no earlier minutes.")
            return
        }
        try writer.paragraph([.bold(previous.date), DOCXWriter.Run(" · \(previous.status)")])
        try MinutesDocument.writeRecord(previous, writer, headingLevel: 2)
    }

    static func writeActionLog(_ log: [BoardPack.ActionPointEntry], _ writer: DOCXWriter) throws {
        try writer.pageBreak()
        try writer.heading("Action log", level: 1)
        try writer.paragraph("Open and carried-forward action points from earlier meetings, overdue first.")
        guard !log.isEmpty else {
            try writer.paragraph("No action point is open.")
            return
        }
        let rows = log.map { point -> [DOCXWriter.Cell] in
            var due: [[DOCXWriter.Run]] = [[DOCXWriter.Run(point.due)]]
            if let reason = point.overdueReason { due.append([.bold(reason)]) }
            let status = point.isOverdue
                ? DOCXWriter.Cell(paragraphs: [[.bold("Overdue")], [DOCXWriter.Run(point.status)]], shading: shading("red"))
                : DOCXWriter.Cell(point.status)
            return [DOCXWriter.Cell(paragraphs: [[DOCXWriter.Run(point.text)], [.italic(point.raised)]]), DOCXWriter.Cell(point.owner),
                    DOCXWriter.Cell(paragraphs: due), status, DOCXWriter.Cell(point.latestUpdate ?? "None")]
        }
        try writer.table(columns: [.init("Action point", weight: 9), .init("Owner", weight: 5), .init("Due", weight: 5),
                                   .init("Status", weight: 4), .init("Latest update", weight: 9)], rows: rows)
    }

    static func writeProgressReport(_ report: BoardPack.ProgressReport, _ writer: DOCXWriter) throws {
        try writer.pageBreak()
        try writer.heading("Progress report: \(report.planTitle)", level: 1)
        try writer.paragraph([.italic("As at \(report.asAt)")])

        try writer.heading("Delivery by theme", level: 2)
        let counts = report.overall.counts
        let columns = [DOCXWriter.Column("Theme", weight: 10), .init("Actions", weight: 3)]
            + counts.map { DOCXWriter.Column("\($0.colour)\n\($0.word)", weight: 3) }
            + [.init("Average complete", weight: 4)]
        func cells(_ row: BoardPack.ThemeRow, bold: Bool) -> [DOCXWriter.Cell] {
            // A theme's counts line up with the whole plan's columns, by rating.
            let byRating = Dictionary(row.counts.map { ($0.rating, $0.count) }, uniquingKeysWith: +)
            return [DOCXWriter.Cell([row.ref, row.title].filter { !$0.isEmpty }.joined(separator: " "), bold: true),
                    DOCXWriter.Cell(String(row.actions), bold: bold)]
                + counts.map { DOCXWriter.Cell(String(byRating[$0.rating] ?? 0), bold: bold, shading: shading($0.swatch)) }
                + [DOCXWriter.Cell(row.averageComplete ?? "–", bold: bold)]
        }
        try writer.table(columns: columns, rows: report.themes.map { cells($0, bold: false) } + [cells(report.overall, bold: true)])
        try writer.paragraph(report.overall.sentence)

        try writer.heading("Exceptions: red and amber actions", level: 2)
        if report.exceptions.isEmpty {
            try writer.paragraph("No action is red or amber.")
        } else {
            let rows = report.exceptions.map { exception -> [DOCXWriter.Cell] in
                var rating: [[DOCXWriter.Run]] = [[.bold(exception.ratingText)]]
                if exception.newlyRed { rating.append([.bold("Newly red since the last meeting")]) }
                var reasons: [[DOCXWriter.Run]] = exception.reasons.map { [DOCXWriter.Run("• " + $0)] }
                if let update = exception.latestUpdate {
                    let by = [exception.latestUpdateDate, exception.latestUpdateAuthor].compactMap { $0 }.joined(separator: ", ")
                    reasons.append([.italic("Latest update (\(by)): "), DOCXWriter.Run(update)])
                }
                return [DOCXWriter.Cell(exception.ref, bold: true),
                        DOCXWriter.Cell(paragraphs: [[.bold(exception.title)], [DOCXWriter.Run("Lead: \(exception.leads)")]]),
                        DOCXWriter.Cell(paragraphs: rating, shading: shading(exception.rating)), DOCXWriter.Cell(paragraphs: reasons)]
            }
            try writer.table(columns: [.init("Ref", weight: 3), .init("Action", weight: 8), .init("Rating", weight: 4),
                                       .init("Reasons and latest update", weight: 12)], rows: rows)
        }

        try writer.heading("Updates due", level: 2)
        if report.updatesDue.isEmpty {
            try writer.paragraph("No update is due.")
        } else {
            try writer.bullets(report.updatesDue.map { [.bold("\($0.ref) \($0.title)"), DOCXWriter.Run(" (\($0.leads)): \($0.reason)")] })
        }

        try writer.heading("What changed: \(report.changesSince)", level: 2)
        for (heading, changes, showText) in [("Status changes", report.statusChanges, false), ("Completed actions", report.completed, false),
                                             ("New progress updates", report.newUpdates, true)] {
            try writer.heading(heading, level: 3)
            if changes.isEmpty {
                try writer.paragraph("None.")
            } else {
                try writer.bullets(changes.map { change in
                    showText
                        ? [DOCXWriter.Run("\(change.date), \(change.what): "), .bold(change.ref), DOCXWriter.Run(" " + change.text)]
                        : [DOCXWriter.Run("\(change.date): "), .bold(change.ref), DOCXWriter.Run(" \(change.title) — \(change.what)")]
                })
            }
        }
    }

    static func writeScorecard(_ scorecard: BoardPack.Scorecard, _ writer: DOCXWriter) throws {
        try writer.pageBreak()
        try writer.heading("KPI scorecard: \(scorecard.planTitle)", level: 1)
        try writer.paragraph([.italic("As at \(scorecard.asAt). Exceptions first, then red, amber and the rest.")])
        let rows = scorecard.rows.map { row -> [DOCXWriter.Cell] in
            var kpi: [[DOCXWriter.Run]] = [[.bold(row.code), DOCXWriter.Run(" " + row.title)]]
            if row.isException { kpi.append([.bold("Exception: "), DOCXWriter.Run(row.exceptionReason ?? "")]) }
            var target: [[DOCXWriter.Run]] = [[DOCXWriter.Run(row.target ?? "–")]]
            if let reason = row.targetReason { target.append([.italic(reason)]) }
            return [DOCXWriter.Cell(paragraphs: kpi), DOCXWriter.Cell(row.period), DOCXWriter.Cell(row.value, bold: !row.isSuppressed),
                    DOCXWriter.Cell(paragraphs: target), DOCXWriter.Cell(row.ragText, bold: true, shading: shading(row.ragColour)),
                    DOCXWriter.Cell(paragraphs: [[.bold("\(row.arrow) \(row.direction)")], [.italic(row.directionReason)]])]
        }
        try writer.table(columns: [.init("KPI", weight: 8), .init("Period", weight: 3), .init("Value", weight: 3), .init("Target", weight: 5),
                                   .init("RAG", weight: 5), .init("Direction of travel", weight: 7)], rows: rows)
        try writer.paragraph([.italic(DirectionOfTravel.keySentence)])
        try writer.paragraph([.italic(scorecard.suppressionNote)])
    }

    /// Light fills behind dark text (GOV.UK tag colours), by the pack's colour names.
    static func shading(_ colour: String) -> String? {
        switch colour {
        case "red": "F6D7D2"
        case "amber": "FFF1C2"
        case "green": "CCE2D8"
        case "blue": "D2E2F1"
        case "grey": "EEEFEF"
        case "purple": "DBD5E9"
        default: nil
        }
    }
}
