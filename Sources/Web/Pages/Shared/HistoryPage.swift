import Core
import Foundation

/// One audit entry as a row of a history table: when (UK time), who, from where, what changed.
struct HistoryRow: Sendable {
    struct FieldRow: Sendable {
        var fieldLabel: String
        var beforeText: String
        var afterText: String
        /// A list value (milestones, leads, linked measures) shown as a list, not run together.
        var beforeItems: [String] = []
        var afterItems: [String] = []
        var beforeIsList = false
        var afterIsList = false

        init(fieldLabel: String, beforeText: String, afterText: String) {
            self.fieldLabel = fieldLabel
            self.beforeText = beforeText
            self.afterText = afterText
        }

        init(label: String, before: AuditWordedValue, after: AuditWordedValue) {
            fieldLabel = label
            beforeText = before.line
            afterText = after.line
            if case let .list(items) = before, !items.isEmpty { beforeItems = items; beforeIsList = true }
            if case let .list(items) = after, !items.isEmpty { afterItems = items; afterIsList = true }
        }

        init(_ change: AuditWordedChange) { self.init(label: change.label, before: change.before, after: change.after) }
    }

    var whenText: String
    var whoText: String
    var fromText: String
    /// "Renamed area 2.3 ‘Early help’ to ‘Early help and prevention’": the record named, in words.
    var whatText: String
    /// The kind of record ("Area") on the organisation's trail, where the row is not about one record.
    var whichText: String?
    var whichHref: String?
    var fields: [FieldRow]
    var hasFields: Bool

    static let smallRecords: Set<String> = ["measure value", "role", "person", "API token", "invitation", "theme", "area",
                                            "progress update", "action point", "work programme item", "calendar feed link",
                                            "analysis run", "analysis retention", "import", "accessibility statement", "privacy notice"]

    init(_ entry: AuditEntry, names: AuditNames = AuditNames(), showWhich: Bool = false) {
        whenText = UKTime.text(entry.at)
        whoText = entry.actor
        fromText = entry.source ?? "–"
        whatText = AuditWords.summary(entry, names: names)
        if showWhich {
            let noun = AuditRecordType.noun(for: entry.entity)
            whichText = noun.prefix(1).uppercased() + noun.dropFirst()
            // Every entity these link to has a numeric id; anything else is shown without a link.
            whichHref = Int64(entry.entityID).flatMap { id -> Path? in
                switch entry.entity {
                case "action": .actionHistory(id)
                case "measure", "measure value": .measureHistory(id)
                case "plan": .planHistory(id)
                case "board": .board(id)
                case "meeting": .meetingHistory(id)
                case "minutes": .meetingMinutes(id)
                default: nil
                }
            }?.href
        }
        // A create shows its fields only where the record is small or has no page of its own
        // (a value, a role, an account, an area); an action's or a measure's first version is on its page.
        let showsFields = entry.change != .create || Self.smallRecords.contains(entry.entity)
        fields = showsFields ? AuditWords.changes(entry, names: names).map(FieldRow.init) : []
        hasFields = !fields.isEmpty
    }
}

/// `/actions/{id}/history`, `/measures/{id}/history` and `/meetings/{id}/history`: a record's
/// audit trail, newest first.
struct HistoryPage: PageModel, Sendable {
    static let template = Template.history

    var title: String
    var navPlans = false
    var navMeasures = false
    var navBoards = false
    /// Why the changes themselves are not shown, where they are withheld.
    var withheldText: String?
    var breadcrumbs: [Crumb]
    var caption: String
    var heading: String
    var backHref: String
    var backText: String
    var historyCaption: String
    var rows: [HistoryRow]
    var hasRows: Bool

    init(found: ActionInContext, entries: [AuditEntry], names: ActionHistoryWords.Names = .init()) {
        let action = found.action
        title = "History of action \(action.ref): \(action.title)"
        navPlans = true
        breadcrumbs = [Crumb(href: Path.plans.href, label: "Plans"), Crumb(href: Path.plan(found.plan.id).href, label: found.plan.title),
                       Crumb(href: Path.action(action.id).href, label: "Action \(action.ref)")]
        caption = "Action \(action.ref)"
        heading = "History: \(action.title)"
        backHref = Path.action(action.id).href
        backText = "Back to the action"
        historyCaption = "Changes to action \(action.ref), newest first"
        rows = Self.newestFirst(entries).map { ActionHistoryWords.row($0, names: names) }
        hasRows = !rows.isEmpty
    }

    init(measure: Measure, entries: [AuditEntry], suppression: SmallNumbers?) {
        title = "History of measure \(measure.code) \(measure.title)"
        navMeasures = true
        breadcrumbs = [Crumb(href: Path.measures.href, label: "Measures"), Crumb(href: Path.measure(measure.id).href, label: measure.code)]
        caption = "Measure \(measure.code)"
        heading = "History: \(measure.title)"
        backHref = Path.measure(measure.id).href
        backText = "Back to the measure"
        historyCaption = "Changes to measure \(measure.code) and its values, newest first"
        let shown = suppression.map { Self.hidingSmallNumbers(entries, unit: measure.unit, by: $0) } ?? entries
        rows = Self.newestFirst(shown).map { HistoryRow($0) }
        hasRows = !rows.isEmpty
    }

    /// A meeting's entries, its minutes' and those of the action points raised at it.
    /// - Parameter showsChanges: false for a reader who may not see exempt papers when the
    ///   meeting has exempt business: the entries' before and after carry its agenda and minutes.
    init(meeting: Meeting, board: Board, entries: [AuditEntry], showsChanges: Bool) {
        title = "History of the \(board.name) meeting on \(meeting.date.formatted)"
        navBoards = true
        breadcrumbs = [Crumb(href: Path.boards.href, label: "Boards"), Crumb(href: Path.board(board.id).href, label: board.name),
                       Crumb(href: Path.meeting(meeting.id).href, label: meeting.date.formatted)]
        caption = board.name
        heading = "History: meeting on \(meeting.date.formattedLong)"
        backHref = Path.meeting(meeting.id).href
        backText = "Back to the meeting"
        historyCaption = "Changes to the meeting, its minutes and its action points, newest first"
        let newest = Self.newestFirst(entries)
        rows = showsChanges ? newest.map { MeetingHistoryWords.row($0, board: board) } : newest.map {
            var entry = $0
            entry.before = nil
            entry.after = nil
            return HistoryRow(entry)
        }
        hasRows = !rows.isEmpty
        if !showsChanges {
            withheldText = "This meeting has exempt business (Local Government Act 1972, Schedule 12A), so the changes themselves are shown only to board members and the officers who run the board."
        }
    }

    /// Whether any of the meeting's business is exempt, now or in an entry's before or after.
    static func hasExemptBusiness(_ meeting: Meeting, entries: [AuditEntry]) -> Bool {
        meeting.agenda.contains(where: \.isExempt)
            || entries.contains { [$0.before, $0.after].contains { $0?.contains("\"isExempt\":true") == true } }
    }

    /// The measure values' entries with each suppressed figure replaced by the notice: a value's
    /// history must not give back what its page suppresses.
    static func hidingSmallNumbers(_ entries: [AuditEntry], unit: Measure.Unit, by suppression: SmallNumbers) -> [AuditEntry] {
        func hide(_ json: String?) -> String? {
            guard let json, var object = (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: Any] else { return json }
            let figure = { (key: String) in (object[key] as? NSNumber)?.doubleValue }
            // A value that cannot be read is hidden too: better a notice than a leak.
            let suppressed = figure("value").map {
                suppression.suppresses($0, numerator: figure("numerator"), denominator: figure("denominator"), unit: unit)
            } ?? true
            guard suppressed else { return json }
            for key in ["value", "numerator", "denominator"] where object[key] != nil { object[key] = suppression.notice }
            guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else { return nil }
            return String(decoding: data, as: UTF8.self)
        }
        return entries.map { entry in
            guard entry.entity == "measure value" else { return entry }
            var shown = entry
            shown.before = hide(entry.before)
            shown.after = hide(entry.after)
            return shown
        }
    }

    static func newestFirst(_ entries: [AuditEntry]) -> [AuditEntry] {
        entries.sorted { $0.id > $1.id }
    }
}

/// Audit times (UTC, ISO 8601) as UK local time: "25 Nov 2026 14:05".
enum UKTime {
    static let zone = TimeZone(identifier: "Europe/London") ?? .gmt
    static var months: [String] { Day.shortMonthNames }

    static func text(_ stored: String) -> String {
        let date = (try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(stored))
            ?? (try? Date.ISO8601FormatStyle().parse(stored))
        guard let date else { return stored }
        return text(date)
    }

    /// "25 Nov 2026", the day in the UK.
    static func day(_ date: Date) -> String {
        String(text(date).split(separator: " ").prefix(3).joined(separator: " "))
    }

    static func text(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        let hour = parts.hour ?? 0, minute = parts.minute ?? 0
        return "\(parts.day ?? 0) \(months[(parts.month ?? 1) - 1]) \(parts.year ?? 0) "
            + (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)"
    }
}
