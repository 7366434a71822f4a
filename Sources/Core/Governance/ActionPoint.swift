/// Something a board asked someone to do, raised at an agenda item and reviewed at the next
/// meeting until done: "Head of Virtual School to circulate the PEP completion figures by school".
public struct ActionPoint: Sendable, Codable, Hashable, Identifiable {
    public enum Status: String, Sendable, Codable, CaseIterable {
        case open
        case done
        /// Not finished by the meeting it was due at, and moved on to a later one.
        case carriedForward = "carried forward"
        case noLongerRequired = "no longer required"

        public var word: String {
            switch self {
            case .open: "Open"
            case .done: "Done"
            case .carriedForward: "Carried forward"
            case .noLongerRequired: "No longer required"
            }
        }

        /// Open and carried-forward action points stay on the action log until closed.
        public var isOutstanding: Bool { self == .open || self == .carriedForward }
    }

    /// When it is due: by a date, or by a meeting of the board.
    public enum Due: Sendable, Codable, Hashable {
        case date(Day)
        case meeting(id: Int64)
    }

    /// A dated note on progress; with a status, it records the change of status. Kept as history.
    public struct Update: Sendable, Codable, Hashable {
        public var date: Day
        /// Who gave it: the signed-in person's name (older updates hold a name typed by hand).
        public var author: String
        /// The signed-in person's role when they gave it, "Editor"; nil on older updates.
        public var authorRole: String?
        public var text: String
        /// The status the update set, if it changed it.
        public var status: Status?

        public init(date: Day, author: String, authorRole: String? = nil, text: String, status: Status? = nil) {
            self.date = date
            self.author = author
            self.authorRole = authorRole
            self.text = text
            self.status = status
        }

        /// "Sam Okafor (Editor)", or the name alone on an older update.
        public var authorText: String { authorRole.map { "\(author) (\($0))" } ?? author }
    }

    public var id: Int64
    public var boardID: Int64
    /// The meeting it was raised at.
    public var raisedAtMeetingID: Int64
    /// The agenda item it was raised at (its number on that meeting's agenda).
    public var raisedAtItem: Int
    public var text: String
    /// Who is to do it, a name or a role.
    public var owner: String
    public var due: Due?
    public var status: Status
    /// Oldest first.
    public var updates: [Update]
    /// The plan action it relates to, if any.
    public var planActionID: Int64?
    /// Incremented by every edit; an edit naming an older version is refused.
    public var version: Int

    public init(id: Int64 = 0, boardID: Int64, raisedAtMeetingID: Int64, raisedAtItem: Int, text: String,
                owner: String, due: Due? = nil, status: Status = .open, updates: [Update] = [],
                planActionID: Int64? = nil, version: Int = 1) {
        self.id = id
        self.boardID = boardID
        self.raisedAtMeetingID = raisedAtMeetingID
        self.raisedAtItem = raisedAtItem
        self.text = text
        self.owner = owner
        self.due = due
        self.status = status
        self.updates = updates
        self.planActionID = planActionID
        self.version = version
    }

    /// The newest update.
    public var latestUpdate: Update? { updates.last }
}
