import Foundation

/// An action of a plan: who does what by when, how far it has got, and whether it is working.
public struct Action: Sendable, Codable, Hashable, Identifiable {
    public var id: Int64
    public var areaID: Int64
    public var position: Int
    /// The reference councils use, `2.1.3`.
    public var ref: String
    public var title: String
    /// The outcome the action should achieve.
    public var outcome: String
    /// Roles, named people or partner agencies.
    public var leads: [String]
    public var startDate: Day?
    /// The current due date; earlier ones are kept in `reprogrammings`.
    public var dueDate: Day?
    public var reprogrammings: [Reprogramming]
    public var status: LifecycleStatus
    public var percentComplete: Int
    public var completedOn: Day?
    public var milestones: [Milestone]
    /// Newest first.
    public var updates: [ProgressUpdate]
    public var evidence: [EvidenceOfImpact]
    public var difference: DifferenceJudgement?
    public var override: RatingOverride?
    public var measureIDs: [Int64]
    /// Incremented by every edit; an edit naming an older version is refused.
    public var version: Int

    public init(id: Int64 = 0, areaID: Int64, position: Int = 0, ref: String, title: String,
                outcome: String = "", leads: [String] = [], startDate: Day? = nil, dueDate: Day? = nil,
                reprogrammings: [Reprogramming] = [], status: LifecycleStatus = .notStarted,
                percentComplete: Int = 0, completedOn: Day? = nil, milestones: [Milestone] = [],
                updates: [ProgressUpdate] = [], evidence: [EvidenceOfImpact] = [],
                difference: DifferenceJudgement? = nil, override: RatingOverride? = nil,
                measureIDs: [Int64] = [], version: Int = 1) {
        self.id = id
        self.areaID = areaID
        self.position = position
        self.ref = ref
        self.title = title
        self.outcome = outcome
        self.leads = leads
        self.startDate = startDate
        self.dueDate = dueDate
        self.reprogrammings = reprogrammings
        self.status = status
        self.percentComplete = percentComplete
        self.completedOn = completedOn
        self.milestones = milestones
        self.updates = updates
        self.evidence = evidence
        self.difference = difference
        self.override = override
        self.measureIDs = measureIDs
        self.version = version
    }

    /// The due date first agreed, before any reprogramming.
    public var originalDueDate: Day? { reprogrammings.first?.from ?? dueDate }

    public var isReprogrammed: Bool { !reprogrammings.isEmpty }

    /// The newest progress update.
    public var latestUpdate: ProgressUpdate? { updates.max { ($0.date, $0.id) < ($1.date, $1.id) } }
}

/// Lifecycle status, as entered by the lead.
public enum LifecycleStatus: String, Sendable, Codable, CaseIterable {
    case notStarted = "not started"
    case inProgress = "in progress"
    case complete
    case onHold = "on hold"
    case withdrawn

    public var word: String {
        switch self {
        case .notStarted: "Not started"
        case .inProgress: "In progress"
        case .complete: "Complete"
        case .onHold: "On hold"
        case .withdrawn: "Withdrawn"
        }
    }
}

/// A change of an action's due date, kept so a reader sees it was reprogrammed.
public struct Reprogramming: Sendable, Codable, Hashable {
    public var from: Day?
    public var to: Day?
    public var reason: String
    public var changedOn: Day
    public var changedBy: String

    public init(from: Day?, to: Day?, reason: String, changedOn: Day, changedBy: String) {
        self.from = from
        self.to = to
        self.reason = reason
        self.changedOn = changedOn
        self.changedBy = changedBy
    }
}

public struct Milestone: Sendable, Codable, Hashable, Identifiable {
    public var id: Int64
    public var title: String
    public var dueDate: Day?
    public var completedOn: Day?

    public init(id: Int64 = 0, title: String, dueDate: Day? = nil, completedOn: Day? = nil) {
        self.id = id
        self.title = title
        self.dueDate = dueDate
        self.completedOn = completedOn
    }

    public var isComplete: Bool { completedOn != nil }
}

/// A dated progress note by the lead. Kept as history: never edited, never overwritten.
public struct ProgressUpdate: Sendable, Codable, Hashable, Identifiable {
    public var id: Int64
    public var actionID: Int64
    /// The day the update speaks for ("as at").
    public var date: Day
    public var author: String
    /// The author's role in the organisation when they wrote it ("Editor"), from their sign-in;
    /// nil for updates recorded before it was kept, or imported.
    public var authorRole: String?
    public var text: String
    /// % complete reported with the update, if any.
    public var percentComplete: Int?
    /// Status set with the update, if any.
    public var status: LifecycleStatus?
    public var recordedAt: Date

    public init(id: Int64 = 0, actionID: Int64, date: Day, author: String, authorRole: String? = nil, text: String,
                percentComplete: Int? = nil, status: LifecycleStatus? = nil, recordedAt: Date = Date()) {
        self.id = id
        self.actionID = actionID
        self.date = date
        self.author = author
        self.authorRole = authorRole
        self.text = text
        self.percentComplete = percentComplete
        self.status = status
        self.recordedAt = recordedAt
    }
}

/// What has changed for children because of the action.
public struct EvidenceOfImpact: Sendable, Codable, Hashable {
    public var date: Day
    public var text: String
    public var author: String
    /// The author's role when they recorded it ("Action lead"), from their sign-in.
    public var authorRole: String?

    public init(date: Day, text: String, author: String, authorRole: String? = nil) {
        self.date = date
        self.text = text
        self.author = author
        self.authorRole = authorRole
    }
}

/// "Is it making a difference?" — performance, judged apart from delivery.
public enum Difference: String, Sendable, Codable, CaseIterable {
    case makingADifference = "making a difference"
    case someDifference = "some difference"
    case notYet = "not yet"
    case tooEarly = "too early to say"

    public var word: String {
        switch self {
        case .makingADifference: "Making a difference"
        case .someDifference: "Some difference"
        case .notYet: "Not yet"
        case .tooEarly: "Too early to say"
        }
    }
}

/// The lead's judgement of whether the action is making a difference, with date and note.
public struct DifferenceJudgement: Sendable, Codable, Hashable {
    public var value: Difference
    public var date: Day
    public var by: String
    public var note: String

    public init(value: Difference, date: Day, by: String, note: String) {
        self.value = value
        self.date = date
        self.by = by
        self.note = note
    }
}

/// A manual rating set in place of the derived one. Only allowed with a reason.
public struct RatingOverride: Sendable, Codable, Hashable {
    public var rating: DeliveryRating
    public var reason: String
    public var by: String
    public var on: Day
    /// The last day the override applies; after it the calculated rating applies again. Nil
    /// for an override with no end (those set before end dates were kept).
    public var until: Day?

    /// Refuses an override without a reason: a board must always see why a rating was changed.
    /// An end date, where given, must be after the day the override is set.
    public init(rating: DeliveryRating, reason: String, by: String, on: Day, until: Day? = nil) throws(ValidationError) {
        let trimmed = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else {
            throw ValidationError(field: "overrideReason", message: "Enter the reason for overriding the rating")
        }
        guard rating.countsInRAG else {
            throw ValidationError(field: "overrideRating", message: "A rating can only be overridden to Blue, Red, Amber, Green or Grey")
        }
        if let until, until <= on {
            throw ValidationError(field: "overrideUntil", message: "The date the override ends must be after \(on.formattedLong)")
        }
        self.rating = rating
        self.reason = trimmed
        self.by = by
        self.on = on
        self.until = until
    }

    /// Whether the override stands on `day`: from the day it was set to its end date, inclusive.
    /// An override that has ended leaves the calculated rating to speak again, without anyone
    /// having to remember to remove it.
    public func isInForce(on day: Day) -> Bool {
        guard let until else { return true }
        return day <= until
    }
}
