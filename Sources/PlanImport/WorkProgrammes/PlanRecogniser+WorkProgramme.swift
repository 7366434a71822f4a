import Core
import Documents
import Foundation

extension PlanRecogniser {
    /// Reads a table as a board's work programme (`WorkProgrammeReader`), saying why in the
    /// table's reading; false when it has no work programme's header row (an item column beside
    /// a lead or a date, or meetings as columns), so nothing is read from it.
    mutating func readWorkProgramme(_ table: Table, reason: String) -> Bool {
        guard let layout = WorkProgrammeReader.layout(of: table) else { return false }
        let (entries, found) = WorkProgrammeReader.read(table, layout: layout)
        for problem in found {
            warnings.append(ImportWarning(fileName: fileName, table: table.source.index, row: problem.row,
                                          location: table.source.describe(row: problem.row), message: problem.message))
        }
        let programme = ImportedWorkProgramme(title: workProgrammeTitle(table), table: table.source.index,
                                              location: table.source.describe(), entries: entries)
        let summary = Self.workProgrammeCounts(programme)
        readings.append(reading(table, .workProgramme, reason + " (\(summary))"))
        if entries.isEmpty {
            warnings.append(ImportWarning(fileName: fileName, table: table.source.index, location: table.source.describe(),
                                          message: "This table is read as a work programme, but none of its items has a meeting date or a standing rule Oversight can read, so nothing from it is imported."))
        } else {
            notes.append(note(table, message: "Read as a board's work programme: \(summary). It is imported into the board you choose."))
            workProgrammes.append(programme)
        }
        region = []
        planOfLastTable = nil
        pending = pending.filter { if case .theme = $0 { false } else { true } }
        return true
    }

    /// "3 meetings, 5 items, 2 standing items".
    static func workProgrammeCounts(_ programme: ImportedWorkProgramme) -> String {
        func count(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        return [count(programme.meetings.count, "meeting"), count(programme.plannedCount, "item"),
                count(programme.standingCount, "standing item")].joined(separator: ", ")
    }

    /// The nearest line above naming a work programme ("Work programme 2023-24"), else the
    /// table's heading, else "Work programme".
    func workProgrammeTitle(_ table: Table) -> String {
        let naming = ["work programme", "work program", "forward plan", "workplan", "work plan"]
        let line = region.reversed().first { paragraph in
            let normal = HeaderRecognition.normalise(paragraph.text)
            return paragraph.text.count <= 120 && naming.contains { normal.contains($0) }
        }?.text ?? table.heading
        return line?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "Work programme"
    }
}
