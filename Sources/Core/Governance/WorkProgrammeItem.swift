/// An item of a board's work programme: a report planned for a particular meeting, or a standing
/// item that comes back by a rule ("every meeting", "quarterly", "IRO annual report — November").
public struct WorkProgrammeItem: Sendable, Codable, Hashable, Identifiable {
    /// Where the item goes.
    public enum Placement: Sendable, Codable, Hashable {
        /// A particular meeting of the board.
        case meeting(id: Int64)
        /// The meeting on a date (for a meeting not yet on the calendar).
        case meetingOn(Day)
        /// Every meeting that matches the rule.
        case standing(StandingRule)
    }

    /// How a standing item returns.
    public enum StandingRule: Sendable, Codable, Hashable {
        /// Every meeting.
        case everyMeeting
        /// The first meeting in each financial quarter: Apr–Jun, Jul–Sep, Oct–Dec, Jan–Mar.
        case quarterly
        /// The first meeting in the named month (1 = January … 12 = December), each year.
        case annually(month: Int)

        /// "Every meeting", "Quarterly (first meeting of each quarter)", "Annually in November".
        public var text: String {
            switch self {
            case .everyMeeting: "Every meeting"
            case .quarterly: "Quarterly (first meeting of each quarter)"
            case let .annually(month):
                (1...12).contains(month) ? "Annually in \(Day.monthNames[month - 1])" : "Annually"
            }
        }
    }

    public var id: Int64
    public var boardID: Int64
    /// "IRO annual report", "Quarter data — matters raised by exception".
    public var title: String
    public var presenter: String
    public var purpose: AgendaItem.Purpose
    public var placement: Placement
    /// Papers the item brings (a plan's progress report, a scorecard).
    public var papers: [AgendaItem.Paper]
    public var notes: String
    /// Incremented by every edit; an edit naming an older version is refused.
    public var version: Int

    public init(id: Int64 = 0, boardID: Int64, title: String, presenter: String = "",
                purpose: AgendaItem.Purpose = .discussion, placement: Placement, papers: [AgendaItem.Paper] = [],
                notes: String = "", version: Int = 1) {
        self.id = id
        self.boardID = boardID
        self.title = title
        self.presenter = presenter
        self.purpose = purpose
        self.placement = placement
        self.papers = papers
        self.notes = notes
        self.version = version
    }
}
