import Core
import Foundation

/// A meeting's audit entries in words: its status, cancellation, attendance and minutes as a
/// clerk says them ("Cancelled on 3 Dec 2026 by Owen Price (Editor): Not quorate", members by
/// name), never as JSON. Entries of other records (minutes, action points) keep the plain row.
enum MeetingHistoryWords {
    static let decoder = JSONDecoder()

    static func row(_ entry: AuditEntry, board: Board) -> HistoryRow {
        var row = HistoryRow(entry)
        if entry.entity == "minutes", let changed = minutesFields(entry) {
            row.fields = changed
            row.hasFields = !changed.isEmpty
            return row
        }
        guard entry.entity == "meeting", entry.change == .update,
              let before = meeting(entry.before), let after = meeting(entry.after) else { return row }
        row.fields = fields(before: before, after: after, board: board)
        row.hasFields = !row.fields.isEmpty
        return row
    }

    /// The minutes as the trail records them (`MinutesInTrail`): each item's minute, and the status.
    struct MinutesInTrail: Decodable {
        struct ItemMinute: Decodable {
            var item: Int
            var minute: AgendaItem.Minute
        }
        var status: String?
        var numbers: String?
        var minutes: [ItemMinute]
    }

    /// A change to the minutes item by item ("Minute of item 4: … → …"), not the whole list.
    static func minutesFields(_ entry: AuditEntry) -> [HistoryRow.FieldRow]? {
        func decode(_ json: String?) -> MinutesInTrail? { json.flatMap { try? decoder.decode(MinutesInTrail.self, from: Data($0.utf8)) } }
        guard let after = decode(entry.after) else { return nil }
        let before = decode(entry.before)
        var rows: [HistoryRow.FieldRow] = []
        if let was = before?.status, let now = after.status, was != now {
            rows.append(HistoryRow.FieldRow(fieldLabel: "Status", beforeText: AuditWords.words(was), afterText: AuditWords.words(now)))
        }
        if before?.numbers != after.numbers {
            rows.append(HistoryRow.FieldRow(fieldLabel: "Minute numbers", beforeText: before?.numbers ?? "not numbered", afterText: after.numbers ?? "not numbered"))
        }
        let old = Dictionary((before?.minutes ?? []).map { ($0.item, $0.minute) }, uniquingKeysWith: { first, _ in first })
        for item in after.minutes where old[item.item] != item.minute {
            rows.append(HistoryRow.FieldRow(fieldLabel: "Minute of item \(item.item)", beforeText: minute(old[item.item]), afterText: minute(item.minute)))
        }
        return rows
    }

    static func meeting(_ json: String?) -> Meeting? {
        guard let json else { return nil }
        return try? decoder.decode(Meeting.self, from: Data(json.utf8))
    }

    static func names(_ ids: [Int64], board: Board) -> String {
        ids.isEmpty ? "none" : ids.map { board.name(of: $0) }.joined(separator: "; ")
    }

    /// The fields that differ, in the order of the meeting page.
    static func fields(before: Meeting, after: Meeting, board: Board) -> [HistoryRow.FieldRow] {
        var rows: [HistoryRow.FieldRow] = []
        func add(_ label: String, _ was: String, _ now: String) {
            if was != now { rows.append(HistoryRow.FieldRow(fieldLabel: label, beforeText: was, afterText: now)) }
        }
        add("Date", before.date.formattedLong, after.date.formattedLong)
        add("Time", before.time?.formatted ?? "not set", after.time?.formatted ?? "not set")
        add("Venue", before.venue, after.venue)
        add("Status", before.status.word, after.status.word)
        add("Cancellation", before.cancellation?.sentence ?? "not cancelled", after.cancellation?.sentence ?? "not cancelled")
        add("Present", names(before.attendance.present, board: board), names(after.attendance.present, board: board))
        add("Apologies", names(before.attendance.apologies, board: board), names(after.attendance.apologies, board: board))
        func substitutes(_ attendance: Attendance) -> String {
            attendance.substitutes.isEmpty ? "none" : attendance.substitutes.map { $0.sentence(on: board) }.joined(separator: "; ")
        }
        add("Substitutes", substitutes(before.attendance), substitutes(after.attendance))
        func also(_ attendance: Attendance) -> String {
            attendance.alsoInAttendance.isEmpty ? "none" : attendance.alsoInAttendance.map(\.text).joined(separator: "; ")
        }
        add("Also in attendance", also(before.attendance), also(after.attendance))
        add("Minutes", before.minutesStatus.text, after.minutesStatus.text)
        for changed in MinutesLifecycle.changedMinutes(from: before.agenda, to: after.agenda) {
            let now = after.agenda.first { $0.number == changed.itemNumber }?.minute
            add("Minute of item \(changed.itemNumber)", minute(changed.minute), minute(now))
        }
        for amendment in after.minutesAmendments.dropFirst(before.minutesAmendments.count) {
            add("Change to approved minutes", "–", amendment.sentence)
        }
        if before.agenda.map(\.title) != after.agenda.map(\.title) {
            add("Agenda", before.agenda.map { "\($0.number). \($0.title)" }.joined(separator: "; "),
                after.agenda.map { "\($0.number). \($0.title)" }.joined(separator: "; "))
        }
        return rows
    }

    static func minute(_ minute: AgendaItem.Minute?) -> String {
        guard let minute, !(minute.narrative.isEmpty && minute.resolutions.isEmpty) else { return "not written" }
        let parts = [minute.label.isEmpty ? nil : "Minute \(minute.label)", minute.narrative.isEmpty ? nil : minute.narrative]
            + minute.resolutions.map { "Resolved: " + $0 }
        return parts.compactMap { $0 }.joined(separator: " ")
    }
}
