import Core
import Foundation

/// An action's audit entries in words: each changed field with its values as a reader says them
/// ("3 March 2027", leads and measures by name, an override as a sentence), never as JSON.
enum ActionHistoryWords {
    /// What ids stand for, to name areas and measures.
    struct Names: Sendable {
        var areas: [Int64: String] = [:]
        var measures: [Int64: String] = [:]
    }

    static let decoder = JSONDecoder()

    /// The entry's row with its fields in words; the plain row where the entry is not an action's
    /// (or cannot be read as one).
    static func row(_ entry: AuditEntry, names: Names) -> HistoryRow {
        var row = HistoryRow(entry)
        guard entry.entity == "action", entry.change == .update,
              let before = action(entry.before), let after = action(entry.after) else { return row }
        row.fields = fields(before: before, after: after, names: names)
        row.hasFields = !row.fields.isEmpty
        return row
    }

    static func action(_ json: String?) -> Action? {
        guard let json else { return nil }
        return try? decoder.decode(Action.self, from: Data(json.utf8))
    }

    static func day(_ value: Day?) -> String { value?.formattedLong ?? "not set" }

    static func list(_ values: [String]) -> String { values.isEmpty ? "none" : values.joined(separator: "; ") }

    /// The fields that differ, in the order of the action page.
    static func fields(before: Action, after: Action, names: Names) -> [HistoryRow.FieldRow] {
        var rows: [HistoryRow.FieldRow] = []
        func add(_ label: String, _ was: String, _ now: String) {
            if was != now { rows.append(HistoryRow.FieldRow(fieldLabel: label, beforeText: was, afterText: now)) }
        }
        // Lists are shown as lists: each lead, milestone and measure on a line of its own.
        func addList(_ label: String, _ was: [String], _ now: [String]) {
            guard was != now else { return }
            rows.append(HistoryRow.FieldRow(label: label, before: was.isEmpty ? .text("none") : .list(was),
                                            after: now.isEmpty ? .text("none") : .list(now)))
        }
        func area(_ id: Int64) -> String { names.areas[id] ?? "an area no longer in the plan" }
        func measures(_ ids: [Int64]) -> [String] { ids.sorted().map { names.measures[$0] ?? "a measure no longer held" } }

        add("Reference", before.ref, after.ref)
        add("Title", before.title, after.title)
        add("Outcome", before.outcome.isEmpty ? "not set" : before.outcome, after.outcome.isEmpty ? "not set" : after.outcome)
        add("Area", area(before.areaID), area(after.areaID))
        addList("Leads", before.leads, after.leads)
        add("Start date", day(before.startDate), day(after.startDate))
        add("Due date", day(before.dueDate), day(after.dueDate))
        for change in after.reprogrammings.dropFirst(before.reprogrammings.count) {
            add("Reason for the new due date", "–", "\(change.reason) (from \(day(change.from)) to \(day(change.to)), by \(change.changedBy))")
        }
        add("Status", before.status.word, after.status.word)
        add("% complete", "\(before.percentComplete)%", "\(after.percentComplete)%")
        add("Completed on", day(before.completedOn), day(after.completedOn))
        addList("Milestones", milestoneItems(before.milestones), milestoneItems(after.milestones))
        addList("Linked measures", measures(before.measureIDs), measures(after.measureIDs))
        add("Rating override", override(before.override), override(after.override))
        for entry in after.evidence.dropFirst(before.evidence.count) {
            add("Evidence of impact added", "–", "\(entry.date.formattedLong), by \(who(entry.author, entry.authorRole)): \(entry.text)")
        }
        add("Making a difference", difference(before.difference), difference(after.difference))
        return rows
    }

    static func who(_ name: String, _ role: String?) -> String { role.map { "\(name) (\($0))" } ?? name }

    static func milestones(_ milestones: [Milestone]) -> String { list(milestoneItems(milestones)) }

    static func milestoneItems(_ milestones: [Milestone]) -> [String] {
        milestones.map { milestone in
            var text = milestone.title + " (due \(day(milestone.dueDate))"
            if let done = milestone.completedOn { text += ", complete \(done.formattedLong)" }
            return text + ")"
        }
    }

    static func override(_ value: RatingOverride?) -> String {
        guard let value else { return "none" }
        var text = "\(value.rating.colour), set by \(value.by) on \(value.on.formattedLong)"
        if let until = value.until { text += " until \(until.formattedLong)" }
        return text + ": \(value.reason)"
    }

    static func difference(_ value: DifferenceJudgement?) -> String {
        guard let value else { return "not recorded" }
        return "\(value.value.word), by \(value.by) on \(value.date.formattedLong)" + (value.note.isEmpty ? "" : ": \(value.note)")
    }
}
