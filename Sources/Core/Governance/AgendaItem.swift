/// An item on a meeting's agenda, with its papers and, once the meeting is held, its minute.
public struct AgendaItem: Sendable, Codable, Hashable {
    /// What the board is asked to do with the item.
    public enum Purpose: String, Sendable, Codable, CaseIterable {
        case decision, noting, discussion, information

        public var word: String {
            switch self {
            case .decision: "For decision"
            case .noting: "For noting"
            case .discussion: "For discussion"
            case .information: "For information"
            }
        }
    }

    /// The standard items every meeting has, and the board's business.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case apologies
        case declarationsOfInterest = "declarations of interest"
        case minutesOfLastMeeting = "minutes of the last meeting"
        case reviewOfActionPoints = "review of previous action points"
        case workProgramme = "work programme"
        case futureMeetingDates = "future meeting dates"
        case business
    }

    /// A paper presented with the item.
    public enum Paper: Sendable, Codable, Hashable {
        /// The progress report of a plan, assembled by Oversight for the pack.
        case planProgressReport(planID: Int64)
        /// The KPI scorecard of a plan's measures, assembled by Oversight for the pack.
        case kpiScorecard(planID: Int64)
        /// A document the clerk uploaded, by its file name.
        case document(name: String)
    }

    /// The pages of the pack the item's papers take, "pages 13–42".
    public struct PageRange: Sendable, Codable, Hashable {
        public var first: Int
        public var last: Int
        public init(first: Int, last: Int) {
            self.first = first
            self.last = last
        }

        public var text: String { first == last ? "page \(first)" : "pages \(first)–\(last)" }
    }

    /// What the minutes record of the item.
    public struct Minute: Sendable, Codable, Hashable {
        /// The running minute number (see `MinuteNumbering`); nil until numbered.
        public var number: Int?
        /// How the number reads, "179" or "CYP SC-13".
        public var label: String
        /// The discussion, in the clerk's words.
        public var narrative: String
        /// What the board resolved, each starting "that …" ("that the report be noted").
        public var resolutions: [String]
        /// Who last wrote it: the signed-in clerk with their role, "Owen Price (Editor)"; nil for
        /// minutes written before it was kept, or by the template and approval.
        public var recordedBy: String?

        public init(number: Int? = nil, label: String = "", narrative: String = "", resolutions: [String] = [],
                    recordedBy: String? = nil) {
            self.number = number
            self.label = label
            self.narrative = narrative
            self.resolutions = resolutions
            self.recordedBy = recordedBy
        }
    }

    /// The item's place on the agenda, 1, 2, 3, …
    public var number: Int
    public var title: String
    /// Who leads or presents it, "Director of Children's Services".
    public var presenter: String
    public var purpose: Purpose
    public var kind: Kind
    /// A line under the title: the dates of future meetings, what the item covers.
    public var detail: String
    public var papers: [Paper]
    public var pages: PageRange?
    /// Exempt information (Local Government Act 1972, Schedule 12A): the papers are seen only by
    /// members and officers, and the public are excluded for the item.
    public var isExempt: Bool
    /// The work programme item that put it on the agenda, if any.
    public var workProgrammeItemID: Int64?
    public var minute: Minute?

    public init(number: Int, title: String, presenter: String = "", purpose: Purpose = .discussion,
                kind: Kind = .business, detail: String = "", papers: [Paper] = [], pages: PageRange? = nil,
                isExempt: Bool = false, workProgrammeItemID: Int64? = nil, minute: Minute? = nil) {
        self.number = number
        self.title = title
        self.presenter = presenter
        self.purpose = purpose
        self.kind = kind
        self.detail = detail
        self.papers = papers
        self.pages = pages
        self.isExempt = isExempt
        self.workProgrammeItemID = workProgrammeItemID
        self.minute = minute
    }
}
