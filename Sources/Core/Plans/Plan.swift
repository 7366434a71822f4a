import Foundation

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
    /// Incremented by every edit; an edit naming an older version is refused.
    public var version: Int

    public init(id: Int64 = 0, planID: Int64, position: Int, ref: String, title: String, version: Int = 1) {
        self.id = id
        self.planID = planID
        self.position = position
        self.ref = ref
        self.title = title
        self.version = version
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

/// Which way a theme or an area moves in its list.
public enum MoveDirection: String, Sendable, Codable, CaseIterable {
    case up, down

    /// "up", "down" as a sentence says it: "Moved up".
    public var word: String { rawValue }
}

/// The rules for changing a plan's shape: its themes, the areas in them, and their order. Pure,
/// so the pages, the API and the store agree on what is refused and say it the same way.
public enum PlanStructure {
    /// The longest title or reference a theme or an area may have: a title is a heading, not a paragraph.
    public static let longestTitle = 300
    public static let longestRef = 20
    /// The longest text of an area's other fields.
    public static let longestText = 20_000

    /// The ids in their new order after moving `id` one place `direction`; nil when it is
    /// already first (up) or last (down), or is not in the list.
    public static func moving(_ id: Int64, _ direction: MoveDirection, in ids: [Int64]) -> [Int64]? {
        guard let index = ids.firstIndex(of: id) else { return nil }
        let target = direction == .up ? index - 1 : index + 1
        guard ids.indices.contains(target) else { return nil }
        var reordered = ids
        reordered.swapAt(index, target)
        return reordered
    }

    /// Why the area cannot be removed, or nil when it can: an area holding actions would take
    /// their history with it, so they must be moved or removed first.
    public static func areaRemovalRefusal(_ area: Area, actionCount: Int) -> ValidationError? {
        guard actionCount > 0 else { return nil }
        let actions = actionCount == 1 ? "1 action" : "\(actionCount) actions"
        return ValidationError(field: "remove", message:
            "Area \(area.ref) \(area.title) cannot be removed because it holds \(actions). Move \(actionCount == 1 ? "it" : "them") to another area or remove \(actionCount == 1 ? "it" : "them") first.")
    }

    /// Why the theme cannot be removed, or nil when it can: only an empty theme goes.
    public static func themeRemovalRefusal(_ theme: Theme, areaCount: Int, actionCount: Int) -> ValidationError? {
        guard areaCount > 0 || actionCount > 0 else { return nil }
        var holds: [String] = []
        if areaCount > 0 { holds.append(areaCount == 1 ? "1 area" : "\(areaCount) areas") }
        if actionCount > 0 { holds.append(actionCount == 1 ? "1 action" : "\(actionCount) actions") }
        return ValidationError(field: "remove", message:
            "Theme \(theme.ref) \(theme.title) cannot be removed because it holds \(holds.joined(separator: " and ")). Remove its areas first.")
    }

    /// A theme's own problems, and a reference another theme of the plan already uses.
    public static func errors(in theme: Theme, among others: [Theme]) -> [ValidationError] {
        var errors: [ValidationError] = []
        let title = theme.title.trimmingCharacters(in: .whitespacesAndNewlines)
        let ref = theme.ref.trimmingCharacters(in: .whitespacesAndNewlines)
        if title.isEmpty {
            errors.append(.init(field: "title", message: "Enter the theme's title, for example Leadership and management"))
        } else if title.count > longestTitle {
            errors.append(.init(field: "title", message: "The theme's title must be \(longestTitle) characters or fewer"))
        }
        if ref.count > longestRef {
            errors.append(.init(field: "ref", message: "The theme's reference must be \(longestRef) characters or fewer"))
        } else if !ref.isEmpty, others.contains(where: { $0.id != theme.id && sameRef($0.ref, ref) }) {
            errors.append(.init(field: "ref", message: "Another theme of this plan is already numbered \(ref): choose another reference"))
        }
        return errors
    }

    /// An area's own problems (`PlanValidation`'s, and lengths), and a reference another area of
    /// the plan already uses: boards quote "area 1.2", so it must name one area.
    public static func errors(in area: Area, among others: [Area]) -> [ValidationError] {
        var errors = PlanValidation.errors(in: area)
        let ref = area.ref.trimmingCharacters(in: .whitespacesAndNewlines)
        if area.title.count > longestTitle {
            errors.append(.init(field: "title", message: "The area's title must be \(longestTitle) characters or fewer"))
        }
        if ref.count > longestRef {
            errors.append(.init(field: "ref", message: "The area's reference must be \(longestRef) characters or fewer"))
        } else if !ref.isEmpty, others.contains(where: { $0.id != area.id && sameRef($0.ref, ref) }) {
            errors.append(.init(field: "ref", message: "Another area of this plan is already numbered \(ref): choose another reference"))
        }
        if area.improvementLead.count > longestTitle {
            errors.append(.init(field: "improvementLead", message: "The improvement lead must be \(longestTitle) characters or fewer"))
        }
        let texts: [(String, String, String)] = [
            ("coreFocus", area.coreFocus, "The core focus"), ("whyItMatters", area.whyItMatters, "Why this is important"),
            ("whatGoodLooksLike", area.whatGoodLooksLike, "What good looks like"),
        ]
        for (field, text, name) in texts where text.count > longestText {
            errors.append(.init(field: field, message: "\(name) must be 20,000 characters or fewer"))
        }
        if area.objectives.joined().count > longestText {
            errors.append(.init(field: "objectives", message: "The objectives must be 20,000 characters or fewer"))
        }
        for (index, issue) in area.issues.enumerated() {
            if issue.quote.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                errors.append(.init(field: "issues[\(index)].quote", message: "Enter what the inspection said for issue \(index + 1), or remove the issue"))
            } else if issue.quote.count + issue.heading.count > longestText {
                errors.append(.init(field: "issues[\(index)].quote", message: "Issue \(index + 1) must be 20,000 characters or fewer"))
            }
        }
        return errors
    }

    /// References compare without case or surrounding spaces: "1.2a" and "1.2A " are one.
    static func sameRef(_ a: String, _ b: String) -> Bool {
        a.trimmingCharacters(in: .whitespacesAndNewlines).caseInsensitiveCompare(b.trimmingCharacters(in: .whitespacesAndNewlines)) == .orderedSame
    }

    /// Paragraph references typed as one line: "14; Pg 5 Para 13,14" is two references. A
    /// semicolon or a new line separates them, since a comma is part of "Para 13,14".
    public static func paragraphs(from text: String) -> [String] {
        text.split(whereSeparator: { $0 == ";" || $0.isNewline })
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }

    /// Lines of text as a list, blank lines left out: one objective a line.
    public static func lines(from text: String) -> [String] {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// "2 of 4": where an item sits in its list, as the history says it.
    public static func placeText(_ index: Int, of count: Int) -> String { "\(index + 1) of \(count)" }
}
