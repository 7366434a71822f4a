import Core
import Documents
import Foundation

/// A plan as an Excel tracker: an "Actions" sheet with one row per action, in the columns a
/// council's own tracker has, and a "Measures" sheet with the measures the actions link to.
///
/// The rows are built by `sheets(_:measures:asAt:)`, a pure function; `write(_:measures:asAt:to:)`
/// writes them with `XLSXWriter`. The columns are the ones `PlanImporter` recognises, so the
/// workbook imports back into the same themes, areas and actions (see docs/import.md).
public enum PlanWorkbook {
    /// One sheet: its name and rows (the first row is the header).
    public struct Sheet: Sendable, Hashable {
        public var name: String
        public var rows: [[XLSXWriter.Cell]]
    }

    /// The Actions sheet's header, in order.
    public static let actionColumns = [
        "Theme", "Area ref", "Area", "Ref", "Action", "Outcome", "Lead(s)", "Start", "Due", "Original due",
        "Status", "% complete", "RAG", "RAG reasons", "Milestones", "Latest progress update",
        "Evidence of impact", "Making a difference?", "Measures (codes)",
    ]

    /// The Measures sheet's header, in order.
    public static let measureColumns = ["Code", "Title", "Unit", "Polarity", "Targets"]

    /// The two sheets. Actions in plan order (themes, then areas, then actions by position);
    /// actions outside any area last, with empty Theme and Area cells. `measures` are those of
    /// the plan's organisation; only the ones an action links to are listed.
    public static func sheets(_ contents: PlanContents, measures: [Measure], asAt: Day) -> [Sheet] {
        let assessment = PlanAssessment(contents: contents, asAt: asAt)
        let outline = PlanOutline(contents)
        let byID = Dictionary(measures.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var rows: [[XLSXWriter.Cell]] = [actionColumns.map { .text($0) }]
        for theme in outline.themes {
            for area in theme.areas {
                for index in area.actionIndices {
                    rows.append(actionRow(assessment.actions[index], theme: theme.theme, area: area.area, measures: byID))
                }
            }
        }
        for index in outline.unplacedActionIndices {
            rows.append(actionRow(assessment.actions[index], theme: nil, area: nil, measures: byID))
        }
        var linked: [Measure] = []
        for action in contents.actions {
            for id in action.measureIDs where !linked.contains(where: { $0.id == id }) {
                if let measure = byID[id] { linked.append(measure) }
            }
        }
        var measureRows: [[XLSXWriter.Cell]] = [measureColumns.map { .text($0) }]
        for measure in linked {
            let targets = measure.targets.sorted { $0.dueBy < $1.dueBy }.map { target in
                "\(MeasureFormatting.number(target.value, decimals: measure.decimals)) by \(target.dueBy.formatted)"
                    + (target.isInterim ? " (interim)" : "")
            }
            measureRows.append([.text(measure.code), .text(measure.title), .text(measure.unit.rawValue),
                                .text(measure.polarity.rawValue), .text(targets.joined(separator: "\n"))])
        }
        return [Sheet(name: "Actions", rows: rows), Sheet(name: "Measures", rows: measureRows)]
    }

    /// Writes the workbook to `url` (replacing it).
    public static func write(_ contents: PlanContents, measures: [Measure], asAt: Day, to url: URL) throws {
        let writer = try XLSXWriter(url: url)
        for sheet in sheets(contents, measures: measures, asAt: asAt) {
            try writer.addSheet(named: sheet.name)
            for row in sheet.rows { try writer.addRow(row) }
        }
        try writer.close()
    }

    static func actionRow(_ rated: PlanAssessment.RatedAction, theme: Theme?, area: Area?, measures: [Int64: Measure]) -> [XLSXWriter.Cell] {
        let action = rated.action
        func date(_ day: Day?) -> XLSXWriter.Cell {
            day.map { .date(year: $0.year, month: $0.month, day: $0.day) } ?? .empty
        }
        func text(_ value: String) -> XLSXWriter.Cell { value.isEmpty ? .empty : .text(value) }
        let latest = action.latestUpdate
        return [
            text(theme.map(themeHeading) ?? ""),
            text(area?.ref ?? ""),
            text(area?.title ?? ""),
            text(action.ref),
            text(action.title),
            text(action.outcome),
            text(action.leads.joined(separator: "\n")),
            date(action.startDate),
            date(action.dueDate),
            date(action.originalDueDate),
            .text(action.status.word),
            .number(Double(rated.percentComplete)),
            .text(rated.delivery.rating.colour),
            text(rated.delivery.reasons.joined(separator: "\n")),
            text(action.milestones.map(milestoneLine).joined(separator: "\n")),
            text(latest.map { "\($0.date.formatted) — \($0.text)" } ?? ""),
            text(action.evidence.map { "\($0.date.formatted) — \($0.text)" }.joined(separator: "\n")),
            text(action.difference?.value.word ?? ""),
            text(action.measureIDs.compactMap { measures[$0]?.code }.joined(separator: "; ")),
        ]
    }

    /// `Theme 1: Assessment`, or the title alone when the theme has no reference.
    static func themeHeading(_ theme: Theme) -> String {
        let ref = theme.ref.trimmingCharacters(in: .whitespaces)
        return ref.isEmpty ? theme.title : "Theme \(ref): \(theme.title)"
    }

    /// `30 Sep 2023 — Title (COMPLETE)`; a milestone with no date is its title alone.
    static func milestoneLine(_ milestone: Milestone) -> String {
        let title = milestone.title.replacingOccurrences(of: "\n", with: " ")
        let line = milestone.dueDate.map { "\($0.formatted) — \(title)" } ?? title
        return milestone.isComplete ? line + " (COMPLETE)" : line
    }
}
