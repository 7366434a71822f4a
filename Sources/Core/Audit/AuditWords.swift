import Foundation

/// What the records an audit entry points at are called, to name them instead of giving ids:
/// filled by whoever shows the trail from what it can read of the organisation's records.
public struct AuditNames: Sendable {
    /// "Children First in Northmoor".
    public var plans: [Int64: String] = [:]
    /// "2 Early help", reference then title.
    public var themes: [Int64: String] = [:]
    /// "2.3 Early help".
    public var areas: [Int64: String] = [:]
    /// "1.2.3 Audit case files".
    public var actions: [Int64: String] = [:]
    /// "ASM-45WD Assessments within 45 working days".
    public var measures: [Int64: String] = [:]
    public var boards: [Int64: String] = [:]
    /// "Improvement Board meeting on 3 December 2026".
    public var meetings: [Int64: String] = [:]
    public var people: [Int64: String] = [:]
    /// A board's members by their id on the board: a board's chair is one of them.
    var boardMembers: [Int64: String] = [:]

    public init() {}

    /// The name behind a field holding an id (`areaID`, `measureIDs`, `raisedAtMeetingID`).
    func name(forField field: String, id: Int64) -> String? {
        let key = field.lowercased()
        if key.hasSuffix("planid") { return plans[id].map { "plan ‘\($0)’" } }
        if key.hasSuffix("themeid") { return themes[id].map { "theme \($0)" } }
        if key.hasSuffix("areaid") { return areas[id].map { "area \($0)" } }
        if key.hasSuffix("actionid") { return actions[id].map { "action \($0)" } }
        if key.hasSuffix("measureid") || key.hasSuffix("measureids") { return measures[id].map { "measure \($0)" } }
        if key.hasSuffix("boardid") { return boards[id] }
        if key.hasSuffix("meetingid") || key == "meeting" { return meetings[id] }
        if key.hasSuffix("chairid") { return boardMembers[id] }
        if key.hasSuffix("personid") { return people[id] }
        return nil
    }
}

/// A value of a changed field, in words: one text, or a list shown as a list.
public enum AuditWordedValue: Sendable, Hashable {
    case text(String)
    case list([String])

    /// The whole value as one line (lists joined with semicolons), for CSV and plain text.
    public var line: String {
        switch self {
        case let .text(text): text
        case let .list(items): items.isEmpty ? "none" : items.joined(separator: "; ")
        }
    }
}

/// A changed field in words: "Title: ‘Early help’ → ‘Early help and prevention’".
public struct AuditWordedChange: Sendable, Hashable {
    public var label: String
    public var before: AuditWordedValue
    public var after: AuditWordedValue
}

/// Every audit entry as a reader says it: a sentence naming the record ("Renamed area 2.3
/// ‘Early help’ to ‘Early help and prevention’", "Moved action 1.2.3 to area 2.1 Early help"),
/// and each changed field with dates as "14 November 2026", percentages to one decimal, ids as the
/// names they stand for and lists as lists — never the stored JSON. Pure, so the audit page, the
/// history pages, the API and their tests agree.
public enum AuditWords {
    /// Fields that change with every edit or only say where a record sits in the database.
    public static let quietFields: Set<String> = ["version", "id", "organisationID", "position", "planID"]

    // MARK: The sentence

    public static func summary(_ entry: AuditEntry, names: AuditNames = AuditNames()) -> String {
        let noun = AuditRecordType.noun(for: entry.entity)
        let before = AuditDifference.object(entry.before), after = AuditDifference.object(entry.after)
        let record = after.isEmpty ? before : after
        let name = recordName(entry, record: record, names: names)
        let named = name.map { "\(noun) \($0)" } ?? noun
        switch (entry.entity, entry.change) {
        case ("measure value", .create): return "Recorded a value" + (name.map { " for \($0)" } ?? "")
        case ("measure value", _):
            let reason = text(after["reason"]).flatMap { $0.isEmpty ? nil : $0 }
            return (reason == nil ? "Replaced the value" : "Corrected the value") + (name.map { " for \($0)" } ?? "")
                + (reason.map { ". Reason: \($0)" } ?? "")
        case ("progress update", .create): return "Added a progress update" + (name.map { " to \($0)" } ?? "")
        case ("role", .create): return "Gave \(name ?? "someone") a role"
        case ("role", .delete): return "Removed \(name ?? "someone") from the organisation"
        case ("role", _): return "Changed the role of \(name ?? "someone")"
        case ("invitation", .create): return "Invited \(name ?? "someone")"
        case ("invitation", _): return "Changed the invitation of \(name ?? "someone")"
        case ("API token", .create): return "Created an API token" + (name.map { " for \($0)" } ?? "")
        case ("API token", _): return "Changed an API token" + (name.map { " of \($0)" } ?? "")
        case ("calendar feed link", .delete): return "Revoked the calendar feed link" + (name.map { " of \($0)" } ?? "")
        case ("calendar feed link", _): return "Made a calendar feed link" + (name.map { " for \($0)" } ?? "")
        case ("import", _): return "Imported " + (name ?? "a file")
        case ("minutes", _): return "Changed the minutes" + (name.map { " of the \($0)" } ?? "")
        case ("analysis retention", _): return "Changed how long child-level data from analysis is kept"
        case ("sign-in", _): return "\(name ?? "Someone") signed in with \(text(after["method"]) ?? "single sign-on")"
        case ("single sign-on provider", .create): return "Set up single sign-on" + (name.map { " with \($0)" } ?? "")
        case ("single sign-on provider", .delete): return "Removed single sign-on" + (name.map { " with \($0)" } ?? "")
        case ("single sign-on provider", .update): return "Changed single sign-on with " + (name ?? "the organisation's provider")
        case ("person", .create): return "Created the account of \(name ?? "someone")"
        case ("person", .update) where before["jobTitle"] != nil || after["jobTitle"] != nil:
            let whose = (name ?? "someone") + "'s"
            return text(after["jobTitle"]).map { "Changed \(whose) job title to ‘\($0)’" } ?? "Removed \(whose) job title"
        case ("person", _): return "Changed the account of \(name ?? "someone")"
        case (_, .create): return "Added \(named)"
        case (_, .delete): return "Removed \(named)"
        case (_, .update): return updateSentence(entry, noun: noun, named: named, before: before, after: after, names: names)
        }
    }

    /// A rename, a renumbering or a move said as such; otherwise "Changed area 2.3 ‘Early help’".
    static func updateSentence(_ entry: AuditEntry, noun: String, named: String, before: [String: JSONValue],
                               after: [String: JSONValue], names: AuditNames) -> String {
        let oldTitle = text(before["title"] ?? before["Title"]), newTitle = text(after["title"] ?? after["Title"])
        let oldRef = text(before["ref"] ?? before["Reference"]), newRef = text(after["ref"] ?? after["Reference"])
        var sentences: [String] = []
        if let oldTitle, let newTitle, oldTitle != newTitle {
            sentences.append("Renamed \(noun)\(newRef.map { " " + $0 } ?? "") ‘\(oldTitle)’ to ‘\(newTitle)’")
        }
        if let oldRef, let newRef, oldRef != newRef {
            sentences.append("Renumbered \(noun) ‘\(newTitle ?? "")’ from \(oldRef) to \(newRef)")
        }
        for (field, label) in [("areaID", "area"), ("themeID", "theme")] {
            if let was = before[field], let now = after[field], was != now, case let .number(id) = now {
                let place = names.name(forField: field, id: Int64(exactly: id) ?? 0) ?? "another \(label)"
                sentences.append("Moved \(named) to \(place)")
            }
        }
        if let was = text(before["Theme"]), let now = text(after["Theme"]), was != now {
            sentences.append("Moved \(named) from theme \(was) to theme \(now)")
        }
        for key in ["Place in the theme", "Place in the plan"] {
            if let was = text(before[key]), let now = text(after[key]), was != now,
               text(before["Theme"]) == text(after["Theme"]) {
                sentences.append("Moved \(named) from place \(was) to \(now)")
            }
        }
        guard !sentences.isEmpty else { return "Changed \(named)" }
        return sentences.joined(separator: ". ")
    }

    /// How the record is named in a sentence, from what the entry holds and the names known.
    static func recordName(_ entry: AuditEntry, record: [String: JSONValue], names: AuditNames) -> String? {
        let id = Int64(entry.entityID)
        let title = text(record["title"] ?? record["Title"]).flatMap { $0.isEmpty ? nil : shortened($0) }
        let ref = text(record["ref"] ?? record["Reference"]).flatMap { $0.isEmpty ? nil : $0 }
        func numbered(_ known: [Int64: String]) -> String? {
            if ref != nil || title != nil { return [ref, title.map { "‘\($0)’" }].compactMap { $0 }.joined(separator: " ") }
            return id.flatMap { known[$0] }
        }
        switch entry.entity {
        case "plan": return title.map { "‘\($0)’" } ?? id.flatMap { names.plans[$0] }.map { "‘\($0)’" }
        case "theme": return numbered(names.themes)
        case "area": return numbered(names.areas)
        case "action": return numbered(names.actions)
        case "progress update":
            return number(record["actionID"]).flatMap { names.actions[$0] }.map { "action \($0)" }
        case "measure":
            if let code = text(record["code"]) { return [code, title.map { "‘\($0)’" }].compactMap { $0 }.joined(separator: " ") }
            return id.flatMap { names.measures[$0] }
        case "measure value":
            let period = text(record["period"]).flatMap(periodText)
            let measure = id.flatMap { names.measures[$0] }.map { "measure \($0)" }
            return [period, measure].compactMap { $0 }.joined(separator: " of ").nonEmpty
        case "board": return text(record["name"]) ?? id.flatMap { names.boards[$0] }
        case "meeting":
            if let date = text(record["date"]).flatMap(Day.init(iso:)) {
                let board = number(record["boardID"]).flatMap { names.boards[$0] }
                return (board.map { "of the \($0) " } ?? "") + "on \(date.formattedLong)"
            }
            return id.flatMap { names.meetings[$0] }
        case "minutes": return id.flatMap { names.meetings[$0] }.map { "\($0)" }
        case "action point", "work programme item":
            return (text(record["text"]) ?? title).map { "‘\(shortened($0))’" }
        case "person": return text(record["name"]) ?? id.flatMap { names.people[$0] }
        case "single sign-on provider": return text(record["name"])
        case "role", "API token", "calendar feed link", "sign-in": return text(record["person"]).map(personName) ?? id.flatMap { names.people[$0] }
        case "invitation":
            return [text(record["name"]), text(record["email"]).map { "(\($0))" }].compactMap { $0 }.joined(separator: " ").nonEmpty
        case "import": return text(record["file"]).map { "‘\($0)’" }
        case "analysis run": return text(record["period"]).map { "for \(periodText($0) ?? $0)" }
        default: return nil
        }
    }

    /// "Alex Morgan <admin@…>" → "Alex Morgan": the name is what a reader looks for.
    static func personName(_ actor: String) -> String {
        guard let open = actor.firstIndex(of: "<") else { return actor }
        let name = actor[..<open].trimmingCharacters(in: .whitespaces)
        return name.isEmpty ? actor : name
    }

    /// A long title cut to `length` characters with an ellipsis, to name a record in a sentence.
    public static func shortened(_ text: String, to length: Int = 80) -> String {
        text.count <= length ? text : String(text.prefix(length - 1)).trimmingCharacters(in: .whitespaces) + "…"
    }

    // MARK: The fields

    /// The fields that differ, in words. A create lists the fields it set; a delete, the ones it
    /// removed. Fields the entry's sentence already says (the title of a rename) are kept: the
    /// table is the full record of the change.
    public static func changes(_ entry: AuditEntry, names: AuditNames = AuditNames(), ignoring: Set<String> = quietFields) -> [AuditWordedChange] {
        let old = AuditDifference.object(entry.before), new = AuditDifference.object(entry.after)
        var names = names
        for record in [old, new] {
            guard case let .array(members) = record["members"] else { continue }
            for case let .object(member) in members {
                if let id = number(member["id"]), let name = text(member["name"]) { names.boardMembers[id] = name }
            }
        }
        return Set(old.keys).union(new.keys).subtracting(ignoring).sorted().compactMap { key in
            let was = old[key].flatMap { $0 == .null || $0 == .string("") ? nil : $0 }
            let now = new[key].flatMap { $0 == .null || $0 == .string("") ? nil : $0 }
            guard was != now else { return nil }
            return AuditWordedChange(label: label(for: key), before: value(was, field: key, names: names),
                                     after: value(now, field: key, names: names))
        }
    }

    /// A field's name without the database's "ID": `raisedAtMeetingID` → "Raised at meeting".
    public static func label(for key: String) -> String {
        if AuditDifference.knownLabels[key] != nil { return AuditDifference.label(for: key) }
        if key.hasSuffix("IDs"), key.count > 3 { return AuditDifference.label(for: String(key.dropLast(3)) + "s") }
        if key.hasSuffix("ID"), key.count > 2 { return AuditDifference.label(for: String(key.dropLast(2))) }
        return AuditDifference.label(for: key)
    }

    /// One stored value as a reader says it.
    static func value(_ json: JSONValue?, field: String, names: AuditNames) -> AuditWordedValue {
        guard let json, json != .null, json != .string("") else { return .text("not set") }
        if case let .array(items) = json {
            return .list(items.map { phrase($0, field: singular(field), names: names) })
        }
        return .text(phrase(json, field: field, names: names))
    }

    static func singular(_ field: String) -> String { field.hasSuffix("IDs") ? String(field.dropLast()) : field }

    /// A value inside a sentence: nested records become "Label: value, label: value".
    static func phrase(_ json: JSONValue, field: String, names: AuditNames) -> String {
        switch json {
        case .null: return "not set"
        case let .bool(flag): return flag ? "yes" : "no"
        case let .string(text): return words(text)
        case let .number(number):
            let lower = field.lowercased()
            if lower.hasSuffix("id") || lower.hasSuffix("ids") || lower == "meeting" {
                if let id = Int64(exactly: number), let name = names.name(forField: field, id: id) { return name }
                return "a record no longer held"
            }
            if lower.contains("percent") { return percent(number) }
            if lower.hasSuffix("at") || lower.hasSuffix("until") {
                // Foundation's default JSON encoding of a date: seconds since 1 January 2001.
                return time(Date(timeIntervalSinceReferenceDate: number))
            }
            return figure(number)
        case let .array(items):
            return items.isEmpty ? "none" : items.map { phrase($0, field: singular(field), names: names) }.joined(separator: "; ")
        case let .object(fields):
            // An enum case with no values (`{"everyMeeting":{}}`) is its name in words.
            if fields.count == 1, let (key, inner) = fields.first {
                if case let .object(innerFields) = inner, innerFields.isEmpty { return AuditDifference.label(for: key).lowercased() }
                if case let .object(innerFields) = inner, innerFields.count == 1, let id = innerFields["id"] {
                    return phrase(id, field: key, names: names)
                }
                if key == "_0" { return phrase(inner, field: field, names: names) }
            }
            return fields.keys.sorted().filter { !["version", "id", "organisationID"].contains($0) && fields[$0] != .null && fields[$0] != .string("") }.map { key in
                let inner = fields[key] ?? .null
                if key == "_0" { return phrase(inner, field: field, names: names) }
                return "\(label(for: key)): \(phrase(inner, field: key, names: names))"
            }.joined(separator: ", ")
        }
    }

    /// Text that is a stored date, month or time, said as a date; anything else as it is.
    public static func words(_ text: String) -> String {
        if let day = Day(iso: text) { return day.formattedLong }
        if text.count == 7, let period = periodText(text) { return period }
        if text.count >= 20, text.contains("T"), let date = timestamp(text) { return time(date) }
        return text
    }

    /// "November 2026" for a month; a quarter or year as its readable label.
    static func periodText(_ text: String) -> String? {
        guard let period = Period(label: text) else { return nil }
        if case let .month(year, month) = period { return "\(Day.monthNames[month - 1]) \(year)" }
        return period.readableLabel
    }

    static func timestamp(_ text: String) -> Date? {
        (try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text)) ?? (try? Date.ISO8601FormatStyle().parse(text))
    }

    /// "3 December 2026 at 14:05", UK time.
    public static func time(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = AuditFilter.london
        let p = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        guard let year = p.year, let month = p.month, let day = p.day, let when = Day(year: year, month: month, day: day) else { return "an unknown time" }
        let hour = p.hour ?? 0, minute = p.minute ?? 0
        return "\(when.formattedLong) at \(hour < 10 ? "0" : "")\(hour):\(minute < 10 ? "0" : "")\(minute)"
    }

    /// "45.0%": percentages to one decimal; a whole % complete stays whole ("80%").
    static func percent(_ number: Double) -> String {
        number.rounded() == number && abs(number) <= 100 ? "\(Int(number))%" : String(format: "%.1f%%", number)
    }

    /// A plain figure: whole numbers without ".0", others to at most two decimals.
    static func figure(_ number: Double) -> String {
        guard number.isFinite else { return "not a number" }
        if number.rounded() == number, abs(number) < 1e15 { return String(Int64(number)) }
        var text = String(format: "%.2f", number)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }

    static func text(_ value: JSONValue?) -> String? {
        if case let .string(text) = value { return text }
        return nil
    }

    static func number(_ value: JSONValue?) -> Int64? {
        if case let .number(number) = value { return Int64(exactly: number) }
        return nil
    }
}

extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}
