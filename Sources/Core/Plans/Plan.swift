/// An improvement plan or a recommendation tracker: themes, areas and actions.
public struct Plan: Sendable, Codable, Hashable, Identifiable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case improvementPlan = "improvement plan"
        case recommendationTracker = "recommendation tracker"
    }

    public var id: Int64
    public var organisationID: Int64
    public var title: String
    public var kind: Kind
    public var inspectionID: Int64?
    public var periodStart: Day?
    public var periodEnd: Day?
    public var updateCycle: UpdateCycle
    /// Incremented by every edit; an edit naming an older version is refused.
    public var version: Int

    public init(id: Int64 = 0, organisationID: Int64, title: String, kind: Kind = .improvementPlan,
                inspectionID: Int64? = nil, periodStart: Day? = nil, periodEnd: Day? = nil,
                updateCycle: UpdateCycle = .monthly, version: Int = 1) {
        self.id = id
        self.organisationID = organisationID
        self.title = title
        self.kind = kind
        self.inspectionID = inspectionID
        self.periodStart = periodStart
        self.periodEnd = periodEnd
        self.updateCycle = updateCycle
        self.version = version
    }
}

/// How often action leads are expected to add a progress update.
public enum UpdateCycle: String, Sendable, Codable, CaseIterable {
    case weekly, fortnightly, monthly, quarterly

    /// The day by which the next update is expected after one made on `day`.
    public func nextUpdateDue(after day: Day) -> Day {
        switch self {
        case .weekly: day.adding(days: 7)
        case .fortnightly: day.adding(days: 14)
        case .monthly: day.adding(months: 1)
        case .quarterly: day.adding(months: 3)
        }
    }

    public var word: String {
        switch self {
        case .weekly: "week"
        case .fortnightly: "fortnight"
        case .monthly: "month"
        case .quarterly: "quarter"
        }
    }
}

/// A theme or priority of a plan ("Assessment", "Leadership and management").
public struct Theme: Sendable, Codable, Hashable, Identifiable {
    public var id: Int64
    public var planID: Int64
    public var position: Int
    public var ref: String
    public var title: String

    public init(id: Int64 = 0, planID: Int64, position: Int, ref: String, title: String) {
        self.id = id
        self.planID = planID
        self.position = position
        self.ref = ref
        self.title = title
    }
}

/// An area or recommendation inside a theme: what needs to improve, and why.
public struct Area: Sendable, Codable, Hashable, Identifiable {
    /// An issue the inspection identified, quoted, with its paragraph references.
    public struct Issue: Sendable, Codable, Hashable {
        public var heading: String
        public var quote: String
        public var paragraphs: [String]
        public init(heading: String, quote: String, paragraphs: [String] = []) {
            self.heading = heading
            self.quote = quote
            self.paragraphs = paragraphs
        }
    }

    public var id: Int64
    public var themeID: Int64
    public var position: Int
    public var ref: String
    public var title: String
    public var recommendationNumber: Int?
    public var improvementLead: String
    public var coreFocus: String
    public var issues: [Issue]
    public var objectives: [String]
    public var whyItMatters: String
    public var whatGoodLooksLike: String
    /// Incremented by every edit; an edit naming an older version is refused.
    public var version: Int

    public init(id: Int64 = 0, themeID: Int64, position: Int, ref: String, title: String,
                recommendationNumber: Int? = nil, improvementLead: String = "", coreFocus: String = "",
                issues: [Issue] = [], objectives: [String] = [], whyItMatters: String = "",
                whatGoodLooksLike: String = "", version: Int = 1) {
        self.id = id
        self.themeID = themeID
        self.position = position
        self.ref = ref
        self.title = title
        self.recommendationNumber = recommendationNumber
        self.improvementLead = improvementLead
        self.coreFocus = coreFocus
        self.issues = issues
        self.objectives = objectives
        self.whyItMatters = whyItMatters
        self.whatGoodLooksLike = whatGoodLooksLike
        self.version = version
    }
}
