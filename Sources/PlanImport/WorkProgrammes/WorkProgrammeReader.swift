import Core
import Documents
import Foundation

/// A board's work programme found in a file: the items it plans for each meeting and its
/// standing items, ready to import into a board the person chooses.
public struct ImportedWorkProgramme: Sendable, Hashable {
    /// "Children's Improvement Board work programme 2023-24", or the file's name.
    public var title: String
    /// The document table (1-based) it was read from.
    public var table: Int
    public var location: String
    /// In the file's order.
    public var entries: [WorkProgrammeImport.Entry]

    public init(title: String, table: Int, location: String, entries: [WorkProgrammeImport.Entry]) {
        self.title = title
        self.table = table
        self.location = location
        self.entries = entries
    }

    /// The meetings items are planned for, in the file's order, once each.
    public var meetings: [WorkProgrammeImport.When] {
        var seen: [WorkProgrammeImport.When] = []
        for entry in entries {
            if case .standing = entry.when { continue }
            if !seen.contains(entry.when) { seen.append(entry.when) }
        }
        return seen
    }

    /// Items planned for a meeting (not standing).
    public var plannedCount: Int { entries.filter { if case .standing = $0.when { false } else { true } }.count }
    public var standingCount: Int { entries.count - plannedCount }
}

/// Reads a board's work programme from a table, in the layouts councils publish:
///
/// - a meeting's date on a row of its own, the items under it (`Meeting date | Agenda item |
///   Lead`), and a "Standing items" row heading the items that come to every meeting;
/// - a date on every row (`Date | Item | Lead | Type`), or on the first row of each meeting;
/// - the meetings as column headers (`Report | Lead officer | June 2024 | September 2024 …`),
///   each item marked under the meetings it comes to, or the items written in the meeting's column.
///
/// A date is read as councils write it ("14 March 2026", "14/03/2026", "March 2026", "Tuesday
/// 14 March 2026 2pm"); a standing rule as "every meeting", "quarterly", "annually in November".
/// An item with no date that can be read is a warning naming its row, never dropped unsaid.
enum WorkProgrammeReader {
    /// What a column of a work programme holds.
    enum Role: Equatable {
        case date, item, lead, purpose, frequency, notes
        /// A column headed by a meeting's date.
        case meeting(WorkProgrammeImport.When)
    }

    struct Layout {
        var headerRow: Int
        /// Column (1-based) → role.
        var roles: [Int: Role]

        func column(_ role: Role) -> Int? { roles.filter { $0.value == role }.keys.min() }
        var meetingColumns: [(column: Int, when: WorkProgrammeImport.When)] {
            roles.compactMap { column, role in
                if case let .meeting(when) = role { (column, when) } else { nil }
            }.sorted { $0.column < $1.column }
        }
    }

    // MARK: Layout

    /// The role a header names, or nil.
    static func role(of header: String) -> Role? {
        let text = HeaderRecognition.normalise(header)
        guard !text.isEmpty else { return nil }
        if let when = meetingDate(header) { return .meeting(when) }
        let words = Set(text.split(separator: " ").map(String.init))
        func any(_ list: [String]) -> Bool { list.contains { words.contains($0) } }
        if any(["frequency", "often", "cycle", "recurring"]) { return .frequency }
        if any(["purpose", "type", "decision", "reason"]) || text == "for" { return .purpose }
        if any(["lead", "leads", "presenter", "presented", "officer", "officers", "author", "owner", "responsible", "who", "sponsor"]) {
            return .lead
        }
        if any(["item", "items", "report", "reports", "title", "subject", "topic", "business", "description"]) { return .item }
        if any(["date", "dates", "meeting", "meetings", "month", "when", "committee"]) { return .date }
        if any(["notes", "note", "comments", "comment", "remarks"]) { return .notes }
        return nil
    }

    /// The header row among the first rows, and each column's role: it names an item column and
    /// a lead or a date, or two meetings or more as columns.
    static func layout(of table: Table) -> Layout? {
        for (index, row) in table.rows.prefix(6).enumerated() {
            var roles: [Int: Role] = [:]
            for (offset, text) in row.texts.enumerated() {
                let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
                guard !trimmed.isEmpty, trimmed.count <= 60, let role = role(of: trimmed) else { continue }
                roles[offset + 1] = role
            }
            let meetings = roles.values.filter { if case .meeting = $0 { true } else { false } }.count
            var layout = Layout(headerRow: index, roles: roles)
            // Two item columns (`Item | Title`): the numbers are not the titles.
            let items = roles.filter { $0.value == .item }.keys.sorted()
            if items.count > 1 {
                let rows = table.rows.dropFirst(index + 1)
                let titled = items.first { column in
                    rows.contains { $0[column: column].text.contains { $0.isLetter } }
                } ?? items[0]
                for column in items where column != titled { layout.roles[column] = .notes }
            }
            if meetings >= 2 {
                return layout
            }
            if layout.column(.item) != nil, layout.column(.date) != nil || layout.column(.lead) != nil, meetings == 0 {
                return layout
            }
        }
        return nil
    }

    /// Whether a table is a work programme: it has a work programme's header row, and items
    /// placed on meetings whose dates it gives.
    static func isWorkProgramme(_ table: Table) -> Bool {
        guard let layout = layout(of: table) else { return false }
        let (entries, warnings) = read(table, layout: layout)
        let dated = entries.filter { if case .standing = $0.when { false } else { true } }.count
        return dated > 0 && dated >= warnings.count
    }

    /// The layout of a table that is plainly a work programme whatever else its rows hold (a
    /// row "Corporate parenting action log | Democratic Services Officer" reads like a plan's
    /// header): meetings as its columns, or a date column headed as the meeting's, and items
    /// placed on them.
    static func plainLayout(of table: Table) -> Layout? {
        guard let layout = layout(of: table) else { return nil }
        let meetingWords: Set<String> = ["meeting", "meetings", "committee", "board", "panel"]
        let dateHeader = layout.column(.date).map { table.rows[layout.headerRow][column: $0].text } ?? ""
        let headed = !meetingWords.isDisjoint(with: HeaderRecognition.normalise(dateHeader).split(separator: " ").map(String.init))
        guard layout.meetingColumns.count >= 2 || headed, isWorkProgramme(table) else { return nil }
        return layout
    }

    // MARK: Rows

    /// The entries of a table, and a warning for each item whose meeting cannot be read.
    static func read(_ table: Table, layout: Layout) -> (entries: [WorkProgrammeImport.Entry], warnings: [(row: Int, message: String)]) {
        enum Section {
            case when(WorkProgrammeImport.When)
            case unreadable(String)
        }
        var entries: [WorkProgrammeImport.Entry] = []
        var warnings: [(row: Int, message: String)] = []
        var section: Section?
        let itemColumn = layout.column(.item)
        let dateColumn = layout.column(.date)
        let meetingColumns = layout.meetingColumns
        let headerTexts = table.rows[layout.headerRow].texts.map(HeaderRecognition.normalise)

        func cell(_ row: TableRow, _ column: Int?) -> String {
            guard let column else { return "" }
            return row[column: column].text.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        func entry(_ row: TableRow, title: String, when: WorkProgrammeImport.When) -> WorkProgrammeImport.Entry {
            let lead = lines(cell(row, layout.column(.lead))).joined(separator: ", ")
            let purposeText = cell(row, layout.column(.purpose))
            return WorkProgrammeImport.Entry(title: title, presenter: lead, purpose: purpose(purposeText) ?? .discussion,
                                             notes: lines(cell(row, layout.column(.notes))).joined(separator: " "), when: when)
        }

        for row in table.rows.dropFirst(layout.headerRow + 1) where !row.isBlank {
            // The header again after a page break.
            if row.texts.map(HeaderRecognition.normalise) == headerTexts { continue }
            let filled = row.cells.enumerated().filter { !$0.element.isBlank }.map { (column: $0.offset + 1, text: $0.element.text.trimmingCharacters(in: .whitespacesAndNewlines)) }
            let title = Self.title(cell(row, itemColumn))
            let marked = meetingColumns.filter { isMark(cell(row, $0.column)) }
            // A row naming a meeting or a section, with no item of its own: the date or "Standing
            // items" alone on its row, in whichever column.
            let names: Bool
            if !marked.isEmpty {
                names = false
            } else if title.isEmpty {
                names = true
            } else {
                // A row merged across the table repeats its text in every cell.
                let alone = Set(filled.map(\.text)).count == 1
                names = alone && ((filled.count == 1 && filled[0].column != itemColumn) || meetingDate(title) != nil || standingHeading(title) != nil)
            }
            if names {
                let text = filled.first { $0.column == dateColumn }?.text ?? filled[0].text
                if let when = meetingDate(text) {
                    section = .when(when)
                } else if let rule = standingHeading(text) ?? standingRule(text) {
                    section = .when(.standing(rule))
                } else if Set(filled.map(\.text)).count == 1 {
                    section = .unreadable(text)
                }
                continue
            }
            let dateText = cell(row, dateColumn)
            if !dateText.isEmpty {
                if let when = meetingDate(dateText) {
                    section = .when(when)
                } else if let rule = standingHeading(dateText) ?? standingRule(dateText) {
                    section = .when(.standing(rule))
                } else {
                    section = .unreadable(dateText)
                }
            }
            // A rule in its own column, or in the notes, makes the item standing.
            if let rule = standingRule(cell(row, layout.column(.frequency))) ?? standingRule(cell(row, layout.column(.notes))) {
                entries.append(entry(row, title: title, when: .standing(rule)))
                continue
            }
            if !marked.isEmpty {
                for (column, when) in marked {
                    let mark = cell(row, column)
                    if isTick(mark) {
                        if !title.isEmpty { entries.append(entry(row, title: title, when: when)) }
                    } else {
                        // The meeting's column names what comes to it.
                        for line in lines(mark) where isMark(line) { entries.append(entry(row, title: Self.title(line), when: when)) }
                    }
                }
                continue
            }
            switch section {
            case let .when(when)?:
                entries.append(entry(row, title: title, when: when))
            case let .unreadable(text)?:
                warnings.append((row.number, "“\(title)” is under “\(text)”, which is not a meeting date Oversight can read, so it is not imported. "
                                 + "Write the meeting's date (14 March 2026) or a rule (every meeting, quarterly, annually in November)."))
            case nil:
                warnings.append((row.number, "“\(title)” has no meeting date, so it is not imported. "
                                 + "Write the meeting's date (14 March 2026) or a rule (every meeting, quarterly, annually in November)."))
            }
        }
        return (entries, warnings)
    }

    /// An item's title as written, without agenda numbering (`3. Care leavers' offer`).
    static func title(_ text: String) -> String {
        var title = lines(text).joined(separator: " ")
        let digits = title.prefix { $0.isASCII && $0.isNumber }
        if (1...2).contains(digits.count), let mark = title.dropFirst(digits.count).first, mark == "." || mark == ")",
           title.dropFirst(digits.count + 1).first == " " {
            title = String(title.dropFirst(digits.count + 1))
        }
        return title.trimmingCharacters(in: .whitespaces)
    }

    static func isTick(_ text: String) -> Bool {
        let lower = text.lowercased().trimmingCharacters(in: .whitespacesAndNewlines.union(.punctuationCharacters))
        return ["x", "✓", "✔", "✅", "•", "●", "y", "yes", "*", "tick"].contains(lower) || text.trimmingCharacters(in: .whitespaces) == "*"
    }

    /// A cell marking an item for the meeting of its column: a tick, or words (the item itself).
    /// Not a dash, "n/a", or a figure (a table of monthly figures is not a work programme).
    static func isMark(_ text: String) -> Bool {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return false }
        if isTick(trimmed) { return true }
        if ["n/a", "na", "no", "n", "none", "tbc"].contains(trimmed.lowercased()) { return false }
        return trimmed.split(whereSeparator: { !$0.isLetter }).contains { $0.count >= 2 }
    }

    // MARK: Words

    static let weekdays: Set<String> = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
                                        "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"]
    /// Words that may stand beside a meeting's date: its time, place or state.
    static let besideADate: Set<String> = ["at", "am", "pm", "meeting", "board", "committee", "provisional", "tbc", "tba",
                                          "to", "be", "confirmed", "virtual", "online", "hybrid", "date", "noon", "midday"]

    /// The meeting a text names: a day ("14 March 2026", "14/03/2026", "Tuesday 14 March 2026
    /// 2pm") or a month ("March 2026"); nil for anything else (a quarter, a year, a sentence).
    static func meetingDate(_ text: String) -> WorkProgrammeImport.When? {
        let matches = WrittenDates.find(in: text)
        guard matches.count == 1, let match = matches.first, match.date.start == nil, !match.date.isStart else { return nil }
        let rest = String(text[text.startIndex..<match.range.lowerBound]) + " " + String(text[match.range.upperBound...])
        // Times ("2pm", "2.00pm", "14:00", "10am-12pm") and weekdays may stand beside the date.
        let tokens = rest.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init)
        for token in tokens {
            let letters = token.drop { $0.isNumber }
            if token.allSatisfy(\.isNumber) { if token.count <= 2 { continue } else { return nil } }
            if letters.count < token.count, ["am", "pm"].contains(String(letters)) { continue }
            if weekdays.contains(token) || besideADate.contains(token) { continue }
            return nil
        }
        switch match.date.precision {
        case .day: return .day(match.date.day)
        case .month: return .month(year: match.date.day.year, month: match.date.day.month)
        case .quarter: return nil
        }
    }

    /// A row heading standing items: "Standing items", "Standing business", "Items for every meeting".
    static func standingHeading(_ text: String) -> WorkProgrammeItem.StandingRule? {
        let normal = HeaderRecognition.normalise(text)
        guard normal.hasPrefix("standing") || normal.hasPrefix("regular item") || normal.hasPrefix("items for every") else { return nil }
        return standingRule(text) ?? .everyMeeting
    }

    /// A standing rule as written: "Every meeting", "Quarterly", "Annually in November",
    /// "Annual (November)", "Each November"; nil for "Annually" with no month (no meeting to go on).
    static func standingRule(_ text: String) -> WorkProgrammeItem.StandingRule? {
        let normal = HeaderRecognition.normalise(text)
        guard !normal.isEmpty else { return nil }
        let words = normal.split(separator: " ").map(String.init)
        let padded = " \(normal) "
        if ["every meeting", "each meeting", "all meetings", "every board", "each board", "standing item"].contains(where: { padded.contains(" \($0)") }) {
            return .everyMeeting
        }
        if ["quarterly", "each quarter", "every quarter", "once a quarter"].contains(where: { padded.contains(" \($0) ") }) {
            return .quarterly
        }
        let month = words.enumerated().first { index, word in
            guard let number = WrittenDates.months[word], number > 0 else { return false }
            // "November 2025" is a date, not a month each year.
            return !(index + 1 < words.count && words[index + 1].count == 4 && words[index + 1].allSatisfy(\.isNumber))
        }.flatMap { WrittenDates.months[$0.element] }
        guard let month else { return nil }
        let yearly = ["annual", "annually", "yearly", "every year", "each year", "once a year", "every", "each"]
        if yearly.contains(where: { padded.contains(" \($0) ") }) { return .annually(month: month) }
        return nil
    }

    /// The purpose a cell names: "For decision", "Information", "Discussion", "Noting".
    static func purpose(_ text: String) -> AgendaItem.Purpose? {
        let lower = text.lowercased()
        guard !lower.isEmpty else { return nil }
        if lower.contains("decision") || lower.contains("approv") { return .decision }
        if lower.contains("discuss") { return .discussion }
        if lower.contains("information") || lower.contains("info") { return .information }
        if lower.contains("noting") || lower.contains("note") { return .noting }
        return nil
    }
}
