/// Where a meeting's minutes are in their life: drafted by the clerk, approved as a correct
/// record at the next meeting, or locked by the clerk without a meeting (the board's last
/// meeting, minutes agreed by the chair under delegated powers). Approved and locked minutes
/// change only with a recorded reason (`MinutesLifecycle.amend`).
public enum MinutesStatus: Sendable, Codable, Hashable {
    case draft
    /// Approved as a correct record at meeting `atMeetingID`, held on `on`.
    case approved(on: Day, atMeetingID: Int64)
    /// Locked on `on` without approval at a meeting.
    case locked(on: Day)

    /// Whether a change needs a recorded reason.
    public var isLocked: Bool {
        if case .draft = self { return false }
        return true
    }

    /// "Draft", "Approved on 18 November 2024", "Locked on 31 March 2025".
    public var text: String {
        switch self {
        case .draft: "Draft"
        case let .approved(on, _): "Approved on \(on.formatted)"
        case let .locked(on): "Locked on \(on.formatted)"
        }
    }

    /// The same within a sentence: "draft", "approved on 18 November 2024" (the month keeps its capital).
    public var inSentence: String {
        switch self {
        case .draft: "draft"
        case let .approved(on, _): "approved on \(on.formatted)"
        case let .locked(on): "locked on \(on.formatted)"
        }
    }
}

/// A change made to minutes after they were approved or locked: who, when, why, and the minutes
/// as they stood before, so the approved record can always be shown.
public struct MinutesAmendment: Sendable, Codable, Hashable {
    /// A minute as it stood before the change, by the number of its agenda item.
    public struct PreviousMinute: Sendable, Codable, Hashable {
        public var itemNumber: Int
        public var minute: AgendaItem.Minute?
        public init(itemNumber: Int, minute: AgendaItem.Minute?) {
            self.itemNumber = itemNumber
            self.minute = minute
        }
    }

    public var on: Day
    /// The signed-in person who made the change.
    public var by: String
    /// Their role, "Editor"; nil on changes recorded before it was kept.
    public var byRole: String?
    public var reason: String
    /// The minutes of the items the change touched, before it.
    public var previous: [PreviousMinute]

    public init(on: Day, by: String, byRole: String? = nil, reason: String, previous: [PreviousMinute]) {
        self.on = on
        self.by = by
        self.byRole = byRole
        self.reason = reason
        self.previous = previous
    }

    /// "Changed on 20 Nov 2024 by Owen Price (Editor): resolution wording corrected".
    public var sentence: String { "Changed on \(on.formatted) by \(by)\(byRole.map { " (\($0))" } ?? ""): \(reason)" }
}
