/// A meeting of a board: when and where, its agenda, who came, and its minutes.
public struct Meeting: Sendable, Codable, Hashable, Identifiable {
    public enum Status: String, Sendable, Codable, CaseIterable {
        case scheduled, held, cancelled

        public var word: String {
            switch self {
            case .scheduled: "Scheduled"
            case .held: "Held"
            case .cancelled: "Cancelled"
            }
        }
    }

    public var id: Int64
    public var boardID: Int64
    public var date: Day
    public var time: MeetingTime?
    public var venue: String
    public var status: Status
    /// In agenda order; minutes live on the items.
    public var agenda: [AgendaItem]
    public var attendance: Attendance
    public var minutesStatus: MinutesStatus
    /// Changes made after the minutes were approved or locked, oldest first. Never removed.
    public var minutesAmendments: [MinutesAmendment]
    /// Why, by whom and when it was cancelled, while it is (`MeetingSafeguards.cancel`).
    public var cancellation: MeetingCancellation?
    /// Incremented by every edit; an edit naming an older version is refused.
    public var version: Int

    public init(id: Int64 = 0, boardID: Int64, date: Day, time: MeetingTime? = nil, venue: String = "",
                status: Status = .scheduled, agenda: [AgendaItem] = [], attendance: Attendance = Attendance(),
                minutesStatus: MinutesStatus = .draft, minutesAmendments: [MinutesAmendment] = [], cancellation: MeetingCancellation? = nil,
                version: Int = 1) {
        self.id = id
        self.boardID = boardID
        self.date = date
        self.time = time
        self.venue = venue
        self.status = status
        self.agenda = agenda
        self.attendance = attendance
        self.minutesStatus = minutesStatus
        self.minutesAmendments = minutesAmendments
        self.cancellation = cancellation
        self.version = version
    }

    /// The first agenda item of a kind ("minutes of the last meeting").
    public func item(ofKind kind: AgendaItem.Kind) -> AgendaItem? { agenda.first { $0.kind == kind } }

    /// The minutes as recorded: each item's minute, by item number.
    public var minutes: [Int: AgendaItem.Minute] {
        var minutes: [Int: AgendaItem.Minute] = [:]
        for item in agenda { if let minute = item.minute { minutes[item.number] = minute } }
        return minutes
    }

    /// The last minute number used at the meeting, if its minutes are numbered.
    public var lastMinuteNumber: Int? { agenda.compactMap { $0.minute?.number }.max() }

    /// "Tuesday 18 November 2024 at 6pm".
    public var whenText: String { dayText + (time.map { " at \($0.formatted)" } ?? "") }

    /// "Tuesday 18 November 2024".
    public var dayText: String {
        let weekday = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][date.weekday - 1]
        return "\(weekday) \(date.formattedLong)"
    }
}
