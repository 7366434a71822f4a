import Foundation

/// Items read from a board's work programme in a file (`PlanImport` reads them), put into a
/// board's work programme: each placed on a meeting or by a standing rule, and those already on
/// the programme with the same title and placement left out, so importing a file twice adds
/// nothing the second time.
public enum WorkProgrammeImport {
    /// When an item read from a file comes to the board.
    public enum When: Sendable, Codable, Hashable {
        /// The meeting on a day ("14 March 2026").
        case day(Day)
        /// The meeting in a month, the file giving no day ("March 2026").
        case month(year: Int, month: Int)
        /// Standing: by a rule ("Standing items", "every meeting", "quarterly", "annually in November").
        case standing(WorkProgrammeItem.StandingRule)

        /// "14 March 2026", "March 2026", "Every meeting".
        public var text: String {
            switch self {
            case let .day(day): day.formattedLong
            case let .month(year, month): (1...12).contains(month) ? "\(Day.monthNames[month - 1]) \(year)" : "\(year)"
            case let .standing(rule): rule.text
            }
        }
    }

    /// One item as the file gives it.
    public struct Entry: Sendable, Codable, Hashable {
        public var title: String
        public var presenter: String
        public var purpose: AgendaItem.Purpose
        public var notes: String
        public var when: When

        public init(title: String, presenter: String = "", purpose: AgendaItem.Purpose = .discussion, notes: String = "", when: When) {
            self.title = title
            self.presenter = presenter
            self.purpose = purpose
            self.notes = notes
            self.when = when
        }
    }

    /// What importing the entries into a board does.
    public struct Plan: Sendable, Hashable {
        /// New items, in the file's order, ready to store.
        public var adding: [WorkProgrammeItem]
        /// Entries already on the board's work programme (same title and placement): not added again.
        public var skipped: [Entry]
        /// Entries for a month in which the board has no meeting: nothing to place them on.
        public var unplaceable: [Entry]

        public var isEmpty: Bool { adding.isEmpty && skipped.isEmpty && unplaceable.isEmpty }
    }

    /// Places each entry on the board (`boardID`) given its calendar (`meetings`) and the items
    /// already on its work programme (`existing`).
    ///
    /// An item for a day goes on the meeting on that day (`.meetingOn`, so it also finds a
    /// meeting added to the calendar later). An item for a month goes on the board's first
    /// meeting that month that is not cancelled; with none, it is `unplaceable` rather than put
    /// on a day the file never named. Titles are compared without case or repeated spaces; a
    /// planned item is the same placement as one on the meeting of that day.
    public static func plan(_ entries: [Entry], boardID: Int64, existing: [WorkProgrammeItem], meetings: [Meeting]) -> Plan {
        let calendar = meetings.filter { $0.boardID == boardID }.sorted { ($0.date, $0.id) < ($1.date, $1.id) }
        var dateOfMeeting: [Int64: Day] = [:]
        for meeting in calendar { dateOfMeeting[meeting.id] = meeting.date }
        func key(_ title: String, _ placement: WorkProgrammeItem.Placement) -> String {
            let words = title.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
            let place = switch placement {
            case let .meeting(id): dateOfMeeting[id].map { "day \($0.iso)" } ?? "meeting \(id)"
            case let .meetingOn(day): "day \(day.iso)"
            case let .standing(rule): "standing \(rule)"
            }
            return words + "\u{0}" + place
        }
        var seen = Set(existing.filter { $0.boardID == boardID }.map { key($0.title, $0.placement) })
        var result = Plan(adding: [], skipped: [], unplaceable: [])
        for entry in entries {
            let placement: WorkProgrammeItem.Placement
            switch entry.when {
            case let .day(day):
                placement = .meetingOn(day)
            case let .month(year, month):
                guard let meeting = calendar.first(where: { $0.status != .cancelled && $0.date.year == year && $0.date.month == month }) else {
                    result.unplaceable.append(entry)
                    continue
                }
                placement = .meeting(id: meeting.id)
            case let .standing(rule):
                placement = .standing(rule)
            }
            let title = entry.title.trimmingCharacters(in: .whitespacesAndNewlines)
            guard seen.insert(key(title, placement)).inserted else {
                result.skipped.append(entry)
                continue
            }
            result.adding.append(WorkProgrammeItem(boardID: boardID, title: title, presenter: entry.presenter, purpose: entry.purpose,
                                                   placement: placement, notes: entry.notes))
        }
        return result
    }

    /// "Imported 7 work programme items from wp.docx": the audit entry's and the banner's words.
    public static func sentence(added: Int, skipped: Int, fileName: String) -> String {
        var words = "Imported \(added) work programme item\(added == 1 ? "" : "s") from \(fileName)"
        if skipped > 0 {
            words += "; \(skipped) already on the work programme \(skipped == 1 ? "was" : "were") not added again"
        }
        return words
    }
}
