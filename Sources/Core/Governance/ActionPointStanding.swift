extension ActionPoint {
    /// How an action point stands on a day: its recorded status, with "Overdue" for an
    /// outstanding one whose due day has passed. The one status the meeting and board pages, the
    /// home page, the API and the board pack show, from `standing(asAt:meetings:)`.
    public enum Standing: String, Sendable, Codable, CaseIterable {
        case open
        case overdue
        case carriedForward = "carried forward"
        case done
        case noLongerRequired = "no longer required"

        public var word: String {
            switch self {
            case .open: "Open"
            case .overdue: "Overdue"
            case .carriedForward: "Carried forward"
            case .done: "Done"
            case .noLongerRequired: "No longer required"
            }
        }

        public var isOutstanding: Bool { self == .open || self == .overdue || self == .carriedForward }
    }

    /// The standing with its reason in words where it is overdue.
    public struct StandingAsAt: Sendable, Hashable {
        public var standing: Standing
        public var asAt: Day
        /// "Overdue: due 30 Sep 2026", "Overdue: due at the meeting on 10 Sep 2026".
        public var reason: String?
        public var word: String { standing.word }
        public var isOverdue: Bool { standing == .overdue }
    }

    /// How the action point stands as at `day` (`meetings` by id, for one due at a meeting). An
    /// outstanding one is overdue when due by a date before `day`, or at a meeting held before
    /// `day`; one due at a meeting that did not take place waits for the next, and is not overdue.
    public func standing(asAt day: Day, meetings: [Int64: Meeting]) -> StandingAsAt {
        let recorded: Standing = switch status {
        case .open: .open
        case .carriedForward: .carriedForward
        case .done: .done
        case .noLongerRequired: .noLongerRequired
        }
        guard status.isOutstanding else { return StandingAsAt(standing: recorded, asAt: day, reason: nil) }
        switch due {
        case let .date(dueDay) where dueDay < day:
            return StandingAsAt(standing: .overdue, asAt: day, reason: "Overdue: due \(dueDay.formatted)")
        case let .meeting(id):
            if let meeting = meetings[id], meeting.status == .held, meeting.date < day {
                return StandingAsAt(standing: .overdue, asAt: day, reason: "Overdue: due at the meeting on \(meeting.date.formatted)")
            }
        default: break
        }
        return StandingAsAt(standing: recorded, asAt: day, reason: nil)
    }
}
