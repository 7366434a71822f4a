/// A board's work programme: what comes to which meeting. Planned items name their meeting;
/// standing items place themselves on the meetings their rule matches.
///
/// Only meetings that are not cancelled take items. So when the first meeting of a quarter is
/// cancelled, a quarterly item moves to the next meeting in that quarter; an annual item whose
/// month has no meeting lands nowhere that year and is listed in `unplaced`.
public struct WorkProgramme: Sendable, Codable, Hashable {
    public var boardID: Int64
    public var items: [WorkProgrammeItem]

    public init(boardID: Int64, items: [WorkProgrammeItem]) {
        self.boardID = boardID
        self.items = items
    }

    /// A meeting with the work programme items that fall on it.
    public struct Slot: Sendable, Hashable {
        public var meeting: Meeting
        public var items: [WorkProgrammeItem]
    }

    /// The items that fall on `meeting`, given the board's calendar (`meetings`, which may or may
    /// not include `meeting` itself: a meeting being created is judged as if it were on it).
    /// Planned items first, then standing items, each in the programme's order.
    public func items(for meeting: Meeting, calendar meetings: [Meeting]) -> [WorkProgrammeItem] {
        guard meeting.status != .cancelled else { return [] }
        let calendar = meetings.filter { $0.boardID == boardID }
        let planned = items.filter { item in
            switch item.placement {
            case let .meeting(id): meeting.id != 0 && id == meeting.id
            case let .meetingOn(day): day == meeting.date
            case .standing: false
            }
        }
        let standing = items.filter { item in
            guard case let .standing(rule) = item.placement else { return false }
            return Self.rule(rule, matches: meeting, calendar: calendar)
        }
        return planned + standing
    }

    /// Every meeting of the calendar (in date order, cancelled ones included with no items) with
    /// its items.
    public func slots(calendar meetings: [Meeting]) -> [Slot] {
        let own = meetings.filter { $0.boardID == boardID }.sorted { ($0.date, $0.id) < ($1.date, $1.id) }
        return own.map { Slot(meeting: $0, items: items(for: $0, calendar: own)) }
    }

    /// Items that fall on no meeting of the calendar: a planned item whose meeting is not on it,
    /// or a standing annual item whose month has no meeting in the calendar's span.
    public func unplaced(calendar meetings: [Meeting]) -> [WorkProgrammeItem] {
        let placed = Set(slots(calendar: meetings).flatMap { $0.items.map(\.id) })
        return items.filter { item in
            if case .standing(.everyMeeting) = item.placement { return false }
            if case .standing(.quarterly) = item.placement { return false }
            return !placed.contains(item.id)
        }
    }

    /// Whether a standing rule puts an item on `meeting`, given the board's other meetings (with
    /// or without `meeting`; cancelled ones are ignored).
    public static func rule(_ rule: WorkProgrammeItem.StandingRule, matches meeting: Meeting, calendar: [Meeting]) -> Bool {
        guard meeting.status != .cancelled else { return false }
        // First in its span: no meeting that is not cancelled comes before it in the same span.
        func isFirst(where sameSpan: (Day) -> Bool) -> Bool {
            !calendar.contains { other in
                other.status != .cancelled && sameSpan(other.date) && (other.date, other.id) < (meeting.date, meeting.id)
            }
        }
        switch rule {
        case .everyMeeting:
            return true
        case .quarterly:
            let quarter = Period.quarter(containing: meeting.date)
            return isFirst { Period.quarter(containing: $0) == quarter }
        case let .annually(month):
            guard meeting.date.month == month else { return false }
            return isFirst { $0.year == meeting.date.year && $0.month == month }
        }
    }
}
