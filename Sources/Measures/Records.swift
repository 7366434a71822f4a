import Core

/// Where a record came from, so that a drill-down row or a data-quality entry can send a person
/// to the sheet (or file) and row.
public struct RecordSource: Sendable, Hashable, Codable {
    /// The sheet name (Annex A) or the file name (local events).
    public var sheet: String
    /// The 1-based spreadsheet row or CSV line.
    public var row: Int
    public init(sheet: String, row: Int) {
        self.sheet = sheet
        self.row = row
    }
}

/// What the lists say about the child on a row: the breakdown dimensions.
public struct ChildDetails: Sendable, Hashable {
    public var childID: String
    public var gender: String?
    public var ethnicity: String?
    public var dateOfBirth: Day?
    /// `Age of Child (Years)` as given, used when there is no date of birth.
    public var statedAge: Int?
    public var disability: String?
    public var team: String?
    public var worker: String?

    public init(childID: String, gender: String? = nil, ethnicity: String? = nil, dateOfBirth: Day? = nil,
                statedAge: Int? = nil, disability: String? = nil, team: String? = nil, worker: String? = nil) {
        self.childID = childID
        self.gender = gender
        self.ethnicity = ethnicity
        self.dateOfBirth = dateOfBirth
        self.statedAge = statedAge
        self.disability = disability
        self.team = team
        self.worker = worker
    }

    /// Age in whole years on `day`: from the date of birth, else the stated age.
    public func age(on day: Day) -> Int? {
        guard let dob = dateOfBirth else { return statedAge }
        var years = day.year - dob.year
        if (day.month, day.day) < (dob.month, dob.day) { years -= 1 }
        return years
    }

    /// The catalogue's age bands: under 1, 1–4, 5–9, 10–15, 16+.
    public func ageBand(on day: Day) -> String? {
        guard let age = age(on: day) else { return nil }
        switch age {
        case ..<1: return "Under 1"
        case 1...4: return "1–4"
        case 5...9: return "5–9"
        case 10...15: return "10–15"
        default: return "16+"
        }
    }
}

/// A three-way answer as Annex A codes it: `a) Yes`, `b) No`, `c) Unknown`, or bare words.
public enum YesNo: String, Sendable, Hashable, Codable {
    case yes, no, unknown
}

// MARK: Annex A lists

/// List 3: one referral.
public struct Referral: Sendable, Hashable {
    public var source: RecordSource
    public var child: ChildDetails
    public var date: Day?
    public var nfa: YesNo?
    public var referralsInLast12Months: Int?
    /// Columns whose value was present but unusable (named by header); the measures that need
    /// them exclude the row.
    public var unusable: Set<String> = []
    public init(source: RecordSource, child: ChildDetails, date: Day?, nfa: YesNo? = nil, referralsInLast12Months: Int? = nil) {
        self.source = source; self.child = child; self.date = date; self.nfa = nfa
        self.referralsInLast12Months = referralsInLast12Months
    }
}

/// List 4: one continuous assessment.
public struct Assessment: Sendable, Hashable {
    public var source: RecordSource
    public var child: ChildDetails
    public var start: Day?
    public var childSeen: YesNo?
    public var authorised: Day?
    public var unusable: Set<String> = []
    public init(source: RecordSource, child: ChildDetails, start: Day?, childSeen: YesNo? = nil, authorised: Day? = nil) {
        self.source = source; self.child = child; self.start = start; self.childSeen = childSeen; self.authorised = authorised
    }
}

/// List 5: one section 47 enquiry and its initial conference.
public struct Section47Enquiry: Sendable, Hashable {
    public var source: RecordSource
    public var child: ChildDetails
    /// `Strategy discussion initiating Section 47 Enquiry Start Date`.
    public var strategyDiscussion: Day?
    public var conferenceDeemedUnnecessary: YesNo?
    public var conference: Day?
    public var unusable: Set<String> = []
    public init(source: RecordSource, child: ChildDetails, strategyDiscussion: Day?,
                conferenceDeemedUnnecessary: YesNo? = nil, conference: Day? = nil) {
        self.source = source; self.child = child; self.strategyDiscussion = strategyDiscussion
        self.conferenceDeemedUnnecessary = conferenceDeemedUnnecessary; self.conference = conference
    }
}

/// List 6: one child in need episode.
public struct ChildInNeedEpisode: Sendable, Hashable {
    public var source: RecordSource
    public var child: ChildDetails
    public var start: Day?
    public var lastSeen: Day?
    public var closure: Day?
    public var unusable: Set<String> = []
    public init(source: RecordSource, child: ChildDetails, start: Day?, lastSeen: Day? = nil, closure: Day? = nil) {
        self.source = source; self.child = child; self.start = start; self.lastSeen = lastSeen; self.closure = closure
    }
}

/// List 7: one child protection plan.
public struct ProtectionPlan: Sendable, Hashable {
    public var source: RecordSource
    public var child: ChildDetails
    public var start: Day?
    public var lastStatutoryVisit: Day?
    public var latestReviewConference: Day?
    public var end: Day?
    public var previousPlans: Int?
    public var unusable: Set<String> = []
    public init(source: RecordSource, child: ChildDetails, start: Day?, lastStatutoryVisit: Day? = nil,
                latestReviewConference: Day? = nil, end: Day? = nil, previousPlans: Int? = nil) {
        self.source = source; self.child = child; self.start = start; self.lastStatutoryVisit = lastStatutoryVisit
        self.latestReviewConference = latestReviewConference; self.end = end; self.previousPlans = previousPlans
    }
}

/// List 8: one child looked after.
public struct LookedAfterChild: Sendable, Hashable {
    public var source: RecordSource
    public var child: ChildDetails
    public var start: Day?
    public var latestReview: Day?
    public var lastSocialWorkVisit: Day?
    public var lastHealthAssessment: Day?
    public var lastDentalCheck: Day?
    public var placementsInLast12Months: Int?
    public var ceased: Day?
    public var missingEpisodesInLast12Months: Int?
    public var returnInterviewOffered: YesNo?
    public var unusable: Set<String> = []
    public init(source: RecordSource, child: ChildDetails, start: Day?, latestReview: Day? = nil,
                lastSocialWorkVisit: Day? = nil, lastHealthAssessment: Day? = nil, lastDentalCheck: Day? = nil,
                placementsInLast12Months: Int? = nil, ceased: Day? = nil, missingEpisodesInLast12Months: Int? = nil,
                returnInterviewOffered: YesNo? = nil) {
        self.source = source; self.child = child; self.start = start; self.latestReview = latestReview
        self.lastSocialWorkVisit = lastSocialWorkVisit; self.lastHealthAssessment = lastHealthAssessment
        self.lastDentalCheck = lastDentalCheck; self.placementsInLast12Months = placementsInLast12Months
        self.ceased = ceased; self.missingEpisodesInLast12Months = missingEpisodesInLast12Months
        self.returnInterviewOffered = returnInterviewOffered
    }
}

/// List 9: one care leaver.
public struct CareLeaver: Sendable, Hashable {
    public var source: RecordSource
    public var child: ChildDetails
    /// `LA In Touch`: the code word, lower-cased (`yes`, `no`, `died`, `refu`, …).
    public var inTouch: String?
    /// `Suitability of Accommodation`: `suitable`, `unsuitable`, or nil when blank.
    public var accommodationSuitable: Bool?
    /// `Activity Status`: the code (`F1`, `P2`, `G4`, …), upper-cased.
    public var activity: String?
    public var unusable: Set<String> = []
    public init(source: RecordSource, child: ChildDetails, inTouch: String? = nil, accommodationSuitable: Bool? = nil, activity: String? = nil) {
        self.source = source; self.child = child; self.inTouch = inTouch
        self.accommodationSuitable = accommodationSuitable; self.activity = activity
    }
}

/// List 10: one child with an adoption decision.
public struct AdoptionRecord: Sendable, Hashable {
    public var source: RecordSource
    public var child: ChildDetails
    public var enteredCare: Day?
    public var placementOrder: Day?
    public var matched: Day?
    public var placed: Day?
    public var unusable: Set<String> = []
    public init(source: RecordSource, child: ChildDetails, enteredCare: Day? = nil, placementOrder: Day? = nil,
                matched: Day? = nil, placed: Day? = nil) {
        self.source = source; self.child = child; self.enteredCare = enteredCare
        self.placementOrder = placementOrder; self.matched = matched; self.placed = placed
    }
}

// MARK: Local events

/// A date-time from a local event file; `moment` is nil when the file gave a date only, and the
/// hour timescales are then counted in days.
public struct Stamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var day: Day
    public var moment: Moment?
    public init(day: Day, moment: Moment? = nil) { self.day = day; self.moment = moment }
    public init(_ moment: Moment) { self.day = moment.day; self.moment = moment }
    public static func < (a: Stamp, b: Stamp) -> Bool {
        if let x = a.moment, let y = b.moment { return x < y }
        return a.day < b.day
    }
    public var description: String { moment?.iso ?? day.iso }

    /// Whether `end` is within `hours` of `start`: to the minute when both have times, else in
    /// whole days (`hours / 24` days after the start day, inclusive).
    public static func within(hours: Int, from start: Stamp, to end: Stamp) -> (inTime: Bool, dateOnly: Bool) {
        if let s = start.moment, let e = end.moment { return (Moment.within(hours: hours, from: s, to: e), false) }
        return (start.day.days(until: end.day) <= max(hours / 24, 0), true)
    }
}

/// A contact to the front door (`contacts.csv`).
public struct Contact: Sendable, Hashable {
    public var source: RecordSource
    public var contactID: String
    public var childID: String
    public var received: Stamp?
    public var decided: Stamp?
    public var outcome: String
    public var category: String
    public var unusable: Set<String> = []
    public init(source: RecordSource, contactID: String, childID: String, received: Stamp?, decided: Stamp? = nil,
                outcome: String = "", category: String = "") {
        self.source = source; self.contactID = contactID; self.childID = childID; self.received = received
        self.decided = decided; self.outcome = outcome; self.category = category
    }
}

/// A strategy discussion after a child protection referral (`strategy_discussions.csv`).
public struct StrategyDiscussion: Sendable, Hashable {
    public var source: RecordSource
    public var childID: String
    public var referral: Stamp?
    public var held: Stamp?
    public var unusable: Set<String> = []
    public init(source: RecordSource, childID: String, referral: Stamp?, held: Stamp? = nil) {
        self.source = source; self.childID = childID; self.referral = referral; self.held = held
    }
}

/// A missing episode and its return interview (`missing_episodes.csv`).
public struct MissingEpisode: Sendable, Hashable {
    public var source: RecordSource
    public var childID: String
    public var missingStart: Stamp?
    public var missingEnd: Stamp?
    public var interviewOffered: Stamp?
    public var interviewCompleted: Stamp?
    public var unusable: Set<String> = []
    public init(source: RecordSource, childID: String, missingStart: Stamp?, missingEnd: Stamp? = nil,
                interviewOffered: Stamp? = nil, interviewCompleted: Stamp? = nil) {
        self.source = source; self.childID = childID; self.missingStart = missingStart; self.missingEnd = missingEnd
        self.interviewOffered = interviewOffered; self.interviewCompleted = interviewCompleted
    }
}

/// A supervision of a child's case (`supervision.csv`).
public struct Supervision: Sendable, Hashable {
    public var source: RecordSource
    public var childID: String
    public var worker: String
    public var date: Day
    public init(source: RecordSource, childID: String, worker: String = "", date: Day) {
        self.source = source; self.childID = childID; self.worker = worker; self.date = date
    }
}

/// A personal education plan (`peps.csv`).
public struct PersonalEducationPlan: Sendable, Hashable {
    public var source: RecordSource
    public var childID: String
    public var date: Day
    public init(source: RecordSource, childID: String, date: Day) {
        self.source = source; self.childID = childID; self.date = date
    }
}

/// An education, health and care plan request (`ehc_plans.csv`).
public struct EHCPlanRequest: Sendable, Hashable {
    public var source: RecordSource
    public var request: Day?
    public var issued: Day?
    /// The recorded exception, if any (blank, `no`, `n`, `false` and `0` mean none).
    public var exception: String?
    public var unusable: Set<String> = []
    public init(source: RecordSource, request: Day?, issued: Day? = nil, exception: String? = nil) {
        self.source = source; self.request = request; self.issued = issued; self.exception = exception
    }
}

/// Everything the measures read: the Annex A lists and the local events.
public struct MeasureInputs: Sendable {
    public var referrals: [Referral] = []
    public var assessments: [Assessment] = []
    public var enquiries: [Section47Enquiry] = []
    public var childInNeed: [ChildInNeedEpisode] = []
    public var protectionPlans: [ProtectionPlan] = []
    public var lookedAfter: [LookedAfterChild] = []
    public var careLeavers: [CareLeaver] = []
    public var adoptions: [AdoptionRecord] = []
    public var contacts: [Contact] = []
    public var strategyDiscussions: [StrategyDiscussion] = []
    public var missingEpisodes: [MissingEpisode] = []
    public var supervisions: [Supervision] = []
    public var peps: [PersonalEducationPlan] = []
    public var ehcPlans: [EHCPlanRequest] = []
    /// The tables of an SSDA903 return (`SSDA903Reader`).
    public var ssda903 = SSDA903Return()
    /// Which inputs were supplied at all: a measure whose input is missing says so rather than
    /// reporting 0 of 0. Keys are `AnnexAList` raw values and `LocalEventKind` raw values.
    public var supplied: Set<String> = []
    public var dataQuality: [DataQualityIssue] = []
    /// Which file fed each supplied input (`Annex A (annex-a.xlsx)`), by the same keys.
    public var sources: [String: [String]] = [:]
    /// Measures these records cannot give although their lists are supplied, with why (the
    /// census has no last-seen dates, say): reported as not computed rather than as 0%.
    public var measuresNotCarried: [MeasureID: String] = [:]

    public init() {}

    /// Adds everything in `other`.
    public mutating func merge(_ other: MeasureInputs) {
        referrals += other.referrals; assessments += other.assessments; enquiries += other.enquiries
        childInNeed += other.childInNeed; protectionPlans += other.protectionPlans; lookedAfter += other.lookedAfter
        careLeavers += other.careLeavers; adoptions += other.adoptions; contacts += other.contacts
        strategyDiscussions += other.strategyDiscussions; missingEpisodes += other.missingEpisodes
        supervisions += other.supervisions; peps += other.peps; ehcPlans += other.ehcPlans
        ssda903.merge(other.ssda903)
        supplied.formUnion(other.supplied); dataQuality += other.dataQuality
        measuresNotCarried.merge(other.measuresNotCarried) { first, _ in first }
        for (key, labels) in other.sources { sources[key, default: []] += labels.filter { !(sources[key] ?? []).contains($0) } }
    }
}

/// One unusable value or row: where it is and why it could not be used.
public struct DataQualityIssue: Sendable, Hashable, Codable, CustomStringConvertible {
    public var sheet: String
    public var row: Int?
    public var column: String?
    public var reason: String
    /// Whether the whole row was dropped (no child id, say) rather than one value.
    public var rowDropped: Bool
    public init(sheet: String, row: Int?, column: String?, reason: String, rowDropped: Bool = false) {
        self.sheet = sheet; self.row = row; self.column = column; self.reason = reason; self.rowDropped = rowDropped
    }
    public var description: String {
        "\(sheet)" + (row.map { ", row \($0)" } ?? "") + (column.map { ", column '\($0)'" } ?? "") + ": \(reason)"
    }
}
