import Core
import Documents
import Foundation

/// A meeting's minutes as a Word document (.docx): attendance, each item's numbered minute with
/// its resolutions, and the action points raised. Drafts say so at the top and at the foot of
/// every page.
public enum MinutesDocument {
    /// Writes the minutes to `url`.
    public static func write(_ minutes: BoardMinutes, to url: URL, created: Date = Date()) throws {
        let draft = minutes.isDraft ? "Draft minutes" : "Minutes"
        let writer = try DOCXWriter(url: url, properties: .init(
            title: "\(draft): \(minutes.boardName), \(minutes.meetingDate.formattedLong)", subject: "Minutes", created: created,
            footer: "\(draft): \(minutes.boardName), \(minutes.meetingDate.formattedLong)"))
        try writer.paragraph([.bold(draft)])
        try writer.title(minutes.boardName)
        try writer.paragraph([.bold(minutes.when)])
        try writer.paragraph(minutes.venue)
        guard minutes.isHeld else {
            try writer.paragraph("This meeting has not been held, so it has no minutes.")
            try writer.close()
            return
        }
        if let chair = minutes.chair { try writer.paragraph("Chair: \(chair)") }
        try writer.paragraph("Status of these minutes: \(minutes.record.status)")
        try writeRecord(minutes.record, writer, headingLevel: 1)
        try writer.heading("Action points raised", level: 1)
        if minutes.actionPoints.isEmpty {
            try writer.paragraph("No action point was raised at this meeting.")
        } else {
            try writer.table(columns: [.init("Item", weight: 3), .init("Action point", weight: 12), .init("Owner", weight: 6), .init("Due", weight: 6)],
                             rows: minutes.actionPoints.map { [DOCXWriter.Cell(String($0.itemNumber)), DOCXWriter.Cell($0.text),
                                                               DOCXWriter.Cell($0.owner), DOCXWriter.Cell($0.due)] })
        }
        try writer.close()
    }

    /// The minutes as the bytes of a .docx file, for a download.
    public static func data(_ minutes: BoardMinutes, created: Date = Date()) throws -> Data {
        try PaperFile.data { try write(minutes, to: $0, created: created) }
    }

    /// "northmoor-childrens-services-improvement-board-2026-03-10-minutes.docx".
    public static func fileName(_ minutes: BoardMinutes) -> String {
        PaperFile.name(board: minutes.boardName, date: minutes.meetingDate, what: "minutes")
    }

    /// Attendance and the numbered minutes; the pack uses it for the last meeting's minutes.
    static func writeRecord(_ record: BoardPack.PreviousMinutes, _ writer: DOCXWriter, headingLevel: Int) throws {
        try writer.heading("Attendance", level: headingLevel)
        func list(_ label: String, _ names: [String]) throws {
            try writer.paragraph([.bold(label + ": "), DOCXWriter.Run(names.isEmpty ? "None" : names.joined(separator: "; "))])
        }
        try list("Present", record.present)
        try list("Apologies", record.apologies)
        if !record.substitutes.isEmpty { try writer.bullets(record.substitutes.map { [DOCXWriter.Run($0)] }) }
        try list("Also in attendance", record.alsoInAttendance)
        try writer.heading("Minutes", level: headingLevel)
        if record.minutes.isEmpty { try writer.paragraph("No minute has been written yet.") }
        for minute in record.minutes {
            let number = minute.label.isEmpty ? "Item \(minute.itemNumber)." : minute.label
            try writer.heading("\(number) \(minute.title)" + (minute.isExempt ? " (exempt)" : ""), level: headingLevel + 1)
            // One paragraph a line, as the pages show it.
            for line in minute.narrative.components(separatedBy: .newlines) {
                let paragraph = line.trimmingCharacters(in: .whitespaces)
                if !paragraph.isEmpty { try writer.paragraph(paragraph) }
            }
            for resolution in minute.resolutions { try writer.paragraph([.bold(resolution)]) }
        }
    }
}
