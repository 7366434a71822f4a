import Core
import Foundation

/// The settings a computation uses.
public struct EngineOptions: Sendable, Hashable {
    public var calendar: WorkingDayCalendar
    public var convention: TimescaleConvention
    /// CP-VISIT: working days since the last statutory visit.
    public var protectionVisitWorkingDays: Int
    /// CIN-SEEN: working days since the child was last seen.
    public var childInNeedSeenWorkingDays: Int
    /// CLA-VISIT: calendar days since the last social work visit (6 weeks).
    public var lookedAfterVisitDays: Int
    /// SUP-6W: calendar days since the last supervision (6 weeks).
    public var supervisionDays: Int

    public init(calendar: WorkingDayCalendar = .englandAndWales, convention: TimescaleConvention = .statutory,
                protectionVisitWorkingDays: Int = 10, childInNeedSeenWorkingDays: Int = 20,
                lookedAfterVisitDays: Int = 42, supervisionDays: Int = 42) {
        self.calendar = calendar
        self.convention = convention
        self.protectionVisitWorkingDays = protectionVisitWorkingDays
        self.childInNeedSeenWorkingDays = childInNeedSeenWorkingDays
        self.lookedAfterVisitDays = lookedAfterVisitDays
        self.supervisionDays = supervisionDays
    }
}

/// A date a counted row was judged on.
public struct DateUsed: Sendable, Hashable, Codable {
    public var label: String
    /// `yyyy-mm-dd`, or `yyyy-mm-ddThh:mm` for a date-time.
    public var value: String
    public init(_ label: String, _ value: String) { self.label = label; self.value = value }
}

/// One row a measure counted: the drill-down.
public struct CountedRow: Sendable, Hashable, Codable {
    public var childID: String
    public var sheet: String
    public var row: Int
    public var dates: [DateUsed]
    /// Working days (or hours, or calendar days, as the measure says) the event took.
    public var daysTaken: Int?
    /// Whether the row is in the numerator (in timescale, NFA, overdue…, as the measure counts).
    public var inNumerator: Bool
    /// In words: `in timescale`, `late`, `open and overdue`, …
    public var status: String
    /// The row's figure for a mean measure (days).
    public var figure: Double?
    public var team: String?
    public var worker: String?
    public var ageBand: String?
    public var gender: String?
    public var ethnicity: String?
    public var disability: String?
    /// The contact category (CON-TIMELY).
    public var category: String?
}

/// One row a measure left out, and why.
public struct ExcludedRow: Sendable, Hashable, Codable {
    public var childID: String
    public var sheet: String
    public var row: Int
    public var reason: String
}

/// A measure's figures for one group of a breakdown.
public struct BreakdownGroup: Sendable, Hashable, Codable {
    /// `team`, `worker`, `age band`, `gender`, `ethnicity`, `disability` or `category`.
    public var dimension: String
    /// The group, `Not recorded` when the row has none.
    public var group: String
    public var numerator: Double
    public var denominator: Double?
    public var value: Double?
}

/// A computed measure.
public struct MeasureResult: Sendable, Hashable {
    public var measure: CatalogueMeasure
    public var period: Period
    public var asAt: Day
    public var convention: TimescaleConvention
    public var numerator: Double
    public var denominator: Double?
    /// nil when nothing was counted (no denominator) or the input was not supplied.
    public var value: Double?
    public var counted: [CountedRow]
    public var excluded: [ExcludedRow]
    /// Set when the measure could not be computed: the input it needs was not supplied.
    public var missingInput: String?
    public var breakdowns: [BreakdownGroup]
    /// How many rows were counted (the denominator's rows), whether or not `counted` keeps them.
    public var countedTotal: Int
    /// Counted rows out of timescale (or, for lower-is-better measures, in the numerator).
    public var outOfTimescaleTotal: Int
    /// Whether `counted` holds the rows (`.rows`) or was left empty (`.figuresOnly`).
    public var detail: ResultDetail
    /// The files that fed it (`Annex A (annex-a.xlsx)`), when the reader noted them.
    public var sources: [String] = []

    /// Open items past their deadline (ASM-OVERDUE and S47-OVERDUE count these).
    public var openAndOverdue: [CountedRow] { counted.filter { $0.status == "open and overdue" } }
    /// The counted rows out of timescale (or, for lower-is-better measures, in the numerator); empty
    /// for a figures-only result (`outOfTimescaleTotal` has the count).
    public var outOfTimescale: [CountedRow] {
        measure.polarity == .higherIsBetter ? counted.filter { !$0.inNumerator } : counted.filter(\.inNumerator)
    }

    /// As a dated plan measure value, marked as computed from `fileName`.
    public func measureValue(fileName: String) -> MeasureValue? {
        analysisResult.measureValue(period: period, asAt: asAt, convention: convention.rawValue, workbookName: fileName)
    }
}

/// Whether a computation keeps each counted row for the drill-down, or only the figures.
public enum ResultDetail: String, Sendable, Hashable, Codable {
    /// Numerator, denominator, value, breakdowns and excluded rows; no per-child counted rows.
    case figuresOnly
    /// Everything, with the counted rows for the drill-down.
    case rows
}

/// Computes the catalogue's measures over the records. Indexes the records once; each
/// measure is one pass over its list.
public struct MeasureEngine: Sendable {
    public let inputs: MeasureInputs
    public let options: EngineOptions
    private let supervisionsByChild: [String: [Day]]
    private let pepsByChild: [String: [Day]]

    public init(inputs: MeasureInputs, options: EngineOptions = EngineOptions()) {
        self.inputs = inputs
        self.options = options
        var supervisions: [String: [Day]] = [:]
        for s in inputs.supervisions { supervisions[s.childID, default: []].append(s.date) }
        var peps: [String: [Day]] = [:]
        for p in inputs.peps { peps[p.childID, default: []].append(p.date) }
        supervisionsByChild = supervisions
        pepsByChild = peps
    }

    /// Every measure in the catalogue.
    public func computeAll(period: Period, asAt: Day, detail: ResultDetail = .rows, progress: ((Int, Int) -> Void)? = nil) -> [MeasureResult] {
        compute(MeasureCatalogue.all, period: period, asAt: asAt, detail: detail, progress: progress)
    }

    /// The given measures, in the order given.
    public func compute(_ measures: [CatalogueMeasure], period: Period, asAt: Day, detail: ResultDetail = .rows,
                        progress: ((Int, Int) -> Void)? = nil) -> [MeasureResult] {
        measures.enumerated().map { index, measure in
            defer { progress?(index + 1, measures.count) }
            return compute(measure, period: period, asAt: asAt, detail: detail)
        }
    }

    /// One measure.
    public func compute(_ id: MeasureID, period: Period, asAt: Day, detail: ResultDetail = .rows) -> MeasureResult {
        compute(MeasureCatalogue.measure(id), period: period, asAt: asAt, detail: detail)
    }

    /// One measure by an id from outside (`MeasureID.parse`); nil for an id not in the catalogue.
    public func compute(_ text: String, period: Period, asAt: Day) -> MeasureResult? {
        (try? MeasureID.parse(text)).map { compute($0, period: period, asAt: asAt) }
    }

    public func compute(_ measure: CatalogueMeasure, period: Period, asAt: Day, detail: ResultDetail = .rows) -> MeasureResult {
        var tally = Tally(asAt: asAt, detail: detail, aggregation: measure.aggregation)
        var missing = measure.needs.filter { need in !need.split(separator: "|").contains { inputs.supplied.contains(String($0)) } }
            .map { $0.replacingOccurrences(of: "|", with: " or ") }
        if missing.isEmpty, let reason = inputs.measuresNotCarried[measure.id] { missing = [reason] }
        if let computation = Self.computations[measure.id] {
            if missing.isEmpty { computation(self, MeasureContext(period: period, asAt: asAt), &tally) }
        } else {
            // TypedCatalogueTests keeps this from happening; if it does, the result says so rather than reading 0 of 0.
            missing = ["a computation for \(measure.id)"]
        }
        var result = tally.result(measure, period: period, asAt: asAt, convention: options.convention,
                                  missingInput: missing.isEmpty ? nil : missing.joined(separator: ", "))
        if missing.isEmpty { result.sources = inputs.sources(of: measure) }
        return result
    }

    // MARK: The computations, by measure

    /// What a computation is asked for.
    struct MeasureContext: Sendable {
        var period: Period
        var asAt: Day
    }

    /// One measure's rule: reads `inputs`, counts and excludes rows in the tally.
    typealias Computation = @Sendable (MeasureEngine, MeasureContext, inout Tally) -> Void

    /// Every measure's computation, one group per source of records (each group in its own file
    /// beside its catalogue entries). `TypedCatalogueTests` checks these ids against the catalogue's.
    static let computationGroups: [[(MeasureID, Computation)]] = [
        annexAAndLocalEventComputations,
        ssda903Computations,
        ssda903AdoptionComputations,
        ssda903ReviewComputations,
    ]

    static let computations: [MeasureID: Computation] = Dictionary(computationGroups.joined().map { ($0.0, $0.1) },
                                                                   uniquingKeysWith: { first, _ in first })

    static let annexAAndLocalEventComputations: [(MeasureID, Computation)] = [
        (.conNFA, { $0.contactsWithNoFurtherAction(.conNFA, $1.period, $1.asAt, &$2) }),
        (.conTimely, { $0.contactsDecidedInTime(.conTimely, $1.period, $1.asAt, &$2) }),
        (.sd4H, { $0.strategyDiscussionsInTime(.sd4H, $1.period, $1.asAt, &$2) }),
        (.refNFA, { $0.referrals(.refNFA, $1.period, $1.asAt, &$2) }),
        (.refRepeat, { $0.referrals(.refRepeat, $1.period, $1.asAt, &$2) }),
        (.asm45WD, { $0.assessmentsAuthorised(.asm45WD, $1.period, $1.asAt, &$2) }),
        (.asmSeen, { $0.assessmentsAuthorised(.asmSeen, $1.period, $1.asAt, &$2) }),
        (.asmOverdue, { $0.openAssessments(.asmOverdue, $1.period, $1.asAt, &$2) }),
        (.icpc15WD, { $0.initialConferences(.icpc15WD, $1.period, $1.asAt, &$2) }),
        (.s47Overdue, { $0.openEnquiries(.s47Overdue, $1.period, $1.asAt, &$2) }),
        (.cppRepeat, { $0.plansStarted(.cppRepeat, $1.period, $1.asAt, &$2) }),
        (.cpp18M, { $0.openPlans(.cpp18M, $1.period, $1.asAt, &$2) }),
        (.cpVisit, { $0.openPlans(.cpVisit, $1.period, $1.asAt, &$2) }),
        (.cpReview, { $0.openPlans(.cpReview, $1.period, $1.asAt, &$2) }),
        (.cpp2YEnded, { $0.plansEnded(.cpp2YEnded, $1.period, $1.asAt, &$2) }),
        (.cinSeen, { $0.openChildInNeed(.cinSeen, $1.period, $1.asAt, &$2) }),
        (.cin2Y, { $0.openChildInNeed(.cin2Y, $1.period, $1.asAt, &$2) }),
        (.claReview, { $0.lookedAfterChildren(.claReview, $1.period, $1.asAt, &$2) }),
        (.claVisit, { $0.lookedAfterChildren(.claVisit, $1.period, $1.asAt, &$2) }),
        (.claHealth, { $0.lookedAfterChildren(.claHealth, $1.period, $1.asAt, &$2) }),
        (.claDental, { $0.lookedAfterChildren(.claDental, $1.period, $1.asAt, &$2) }),
        (.claMoves, { $0.lookedAfterChildren(.claMoves, $1.period, $1.asAt, &$2) }),
        (.pepInDate, { $0.lookedAfterChildren(.pepInDate, $1.period, $1.asAt, &$2) }),
        (.claRHIOffered, { $0.returnInterviewsOffered(.claRHIOffered, $1.period, $1.asAt, &$2) }),
        (.rhi72H, { $0.returnInterviewsIn72Hours(.rhi72H, $1.period, $1.asAt, &$2) }),
        (.clAccom, { $0.careLeavers(.clAccom, $1.period, $1.asAt, &$2) }),
        (.clEET, { $0.careLeavers(.clEET, $1.period, $1.asAt, &$2) }),
        (.clInTouch, { $0.careLeavers(.clInTouch, $1.period, $1.asAt, &$2) }),
        (.adoEntryToPlaced, { $0.adoptionTimeliness(.adoEntryToPlaced, $1.period, $1.asAt, &$2) }),
        (.adoOrderToMatch, { $0.adoptionTimeliness(.adoOrderToMatch, $1.period, $1.asAt, &$2) }),
        (.sup6W, { $0.openAllocated(.sup6W, $1.period, $1.asAt, &$2) }),
        (.caseload, { $0.openAllocated(.caseload, $1.period, $1.asAt, &$2) }),
        (.ehcp20W, { $0.ehcPlansInTime(.ehcp20W, $1.period, $1.asAt, &$2) }),
    ]

    // MARK: The rules

    func inPeriod(_ day: Day?, _ period: Period, _ asAt: Day) -> Bool {
        guard let day else { return false }
        return period.contains(day) && day <= asAt
    }

    func deadline(_ start: Day, _ workingDays: Int) -> Day {
        options.calendar.deadline(from: start, workingDays: workingDays, convention: options.convention)
    }

    func count(_ start: Day, _ end: Day) -> Int {
        options.calendar.workingDays(from: start, to: end, convention: options.convention)
    }

    func contactsWithNoFurtherAction(_ id: MeasureID, _ period: Period, _ asAt: Day, _ t: inout Tally) {
        for c in inputs.contacts {
            guard let received = c.received, !c.unusable.contains("received_at") else {
                t.exclude(c.source, c.childID, "no usable received_at"); continue
            }
            guard inPeriod(received.day, period, asAt) else { continue }
            let nfa = ["nfa", "nofurtheraction"].contains(HeaderText.key(c.outcome))
            t.count(c.source, ChildDetails(childID: c.childID), [DateUsed("received", received.description)], days: nil,
                    hit: nfa, status: nfa ? "NFA" : (c.outcome.isEmpty ? "no outcome" : c.outcome), category: c.category)
        }
    }

    func contactsDecidedInTime(_ id: MeasureID, _ period: Period, _ asAt: Day, _ t: inout Tally) {
        for c in inputs.contacts {
            guard let decided = c.decided, !c.unusable.contains("decided_at"), inPeriod(decided.day, period, asAt) else {
                if c.unusable.contains("decided_at") { t.exclude(c.source, c.childID, "unusable decided_at") }
                continue
            }
            guard let received = c.received, !c.unusable.contains("received_at") else {
                t.exclude(c.source, c.childID, "no usable received_at"); continue
            }
            let category = HeaderText.key(c.category)
            let hours = (category == "cp" || category == "assessment") ? 24 : 72
            let (inTime, dateOnly) = Stamp.within(hours: hours, from: received, to: decided)
            let elapsed = dateOnly ? nil : received.moment.flatMap { from in decided.moment.map { from.minutes(until: $0) / 60 } }
            t.count(c.source, ChildDetails(childID: c.childID),
                    [DateUsed("received", received.description), DateUsed("decided", decided.description)],
                    days: elapsed, hit: inTime,
                    status: (inTime ? "within \(hours) hours" : "over \(hours) hours") + (dateOnly ? " (dates only, counted in days)" : ""),
                    category: c.category.isEmpty ? "other" : c.category.lowercased())
        }
    }

    func strategyDiscussionsInTime(_ id: MeasureID, _ period: Period, _ asAt: Day, _ t: inout Tally) {
        for s in inputs.strategyDiscussions {
            guard let held = s.held, !s.unusable.contains("held_at"), inPeriod(held.day, period, asAt) else {
                if s.unusable.contains("held_at") { t.exclude(s.source, s.childID, "unusable held_at") }
                continue
            }
            guard let referral = s.referral, !s.unusable.contains("referral_at") else {
                t.exclude(s.source, s.childID, "no usable referral_at"); continue
            }
            let (inTime, dateOnly) = Stamp.within(hours: 4, from: referral, to: held)
            t.count(s.source, ChildDetails(childID: s.childID),
                    [DateUsed("referral", referral.description), DateUsed("held", held.description)],
                    days: nil, hit: inTime,
                    status: (inTime ? "within 4 hours" : "over 4 hours") + (dateOnly ? " (dates only, counted in days)" : ""))
        }
    }

    func referrals(_ id: MeasureID, _ period: Period, _ asAt: Day, _ t: inout Tally) {
        for r in inputs.referrals {
            guard let date = r.date, inPeriod(date, period, asAt) else {
                if r.date == nil { t.exclude(r.source, r.child.childID, "no usable Date of referral") }
                continue
            }
            if id == .refNFA {
                guard let nfa = r.nfa else {
                    t.exclude(r.source, r.child.childID, r.unusable.contains("referralNFA") ? "unknown Referral NFA? code" : "Referral NFA? blank"); continue
                }
                t.count(r.source, r.child, [DateUsed("referral", date.iso)], days: nil, hit: nfa == .yes,
                        status: nfa == .yes ? "NFA" : (nfa == .no ? "not NFA" : "NFA unknown"))
            } else {
                guard let previous = r.referralsInLast12Months else {
                    t.exclude(r.source, r.child.childID, r.unusable.contains("referralsInLast12Months")
                              ? "unusable Number of Referrals in Last 12 Months" : "Number of Referrals in Last 12 Months blank"); continue
                }
                t.count(r.source, r.child, [DateUsed("referral", date.iso)], days: previous, hit: previous > 0,
                        status: previous > 0 ? "re-referral" : "first referral in 12 months")
            }
        }
    }

    func assessmentsAuthorised(_ id: MeasureID, _ period: Period, _ asAt: Day, _ t: inout Tally) {
        for a in inputs.assessments {
            guard let authorised = a.authorised, inPeriod(authorised, period, asAt) else { continue }
            if a.unusable.contains("assessmentAuthorised") { t.exclude(a.source, a.child.childID, "authorisation date unusable (see data quality)"); continue }
            guard let start = a.start else { t.exclude(a.source, a.child.childID, "no usable start date"); continue }
            // The dates are written out only when the rows are kept (inside count's autoclosure).
            if id == .asm45WD {
                let due = deadline(start, 45)
                let inTime = authorised <= due
                t.count(a.source, a.child, [DateUsed("start", start.iso), DateUsed("authorised", authorised.iso), DateUsed("deadline", due.iso)],
                        days: count(start, authorised),
                        hit: inTime, status: inTime ? "in timescale" : "late")
            } else {
                guard let seen = a.childSeen else {
                    t.exclude(a.source, a.child.childID, a.unusable.contains("childSeen") ? "unknown Child Seen code" : "Child Seen blank"); continue
                }
                t.count(a.source, a.child, [DateUsed("start", start.iso), DateUsed("authorised", authorised.iso)], days: nil, hit: seen == .yes,
                        status: seen == .yes ? "seen" : (seen == .no ? "not seen" : "seen: unknown"))
            }
        }
    }

    func openAssessments(_ id: MeasureID, _ period: Period, _ asAt: Day, _ t: inout Tally) {
        for a in inputs.assessments {
            guard let start = a.start, start <= asAt else {
                if a.start == nil { t.exclude(a.source, a.child.childID, "no usable start date") }
                continue
            }
            if let authorised = a.authorised, authorised <= asAt { continue }
            if a.unusable.contains("assessmentAuthorised") { t.exclude(a.source, a.child.childID, "authorisation date unusable (see data quality)"); continue }
            let due = deadline(start, 45)
            let overdue = due < asAt
            t.count(a.source, a.child, [DateUsed("start", start.iso), DateUsed("deadline", due.iso)], days: count(start, asAt),
                    hit: overdue, status: overdue ? "open and overdue" : "open, not yet due")
        }
    }

    func initialConferences(_ id: MeasureID, _ period: Period, _ asAt: Day, _ t: inout Tally) {
        for e in inputs.enquiries {
            guard let conference = e.conference, inPeriod(conference, period, asAt) else { continue }
            if e.unusable.contains("conferenceDate") { t.exclude(e.source, e.child.childID, "conference date unusable (see data quality)"); continue }
            if e.conferenceDeemedUnnecessary == .yes { t.exclude(e.source, e.child.childID, "conference deemed unnecessary"); continue }
            guard let start = e.strategyDiscussion else { t.exclude(e.source, e.child.childID, "no usable strategy discussion date"); continue }
            let due = deadline(start, 15)
            let inTime = conference <= due
            t.count(e.source, e.child, [DateUsed("strategy discussion", start.iso), DateUsed("conference", conference.iso), DateUsed("deadline", due.iso)],
                    days: count(start, conference), hit: inTime, status: inTime ? "in timescale" : "late")
        }
    }

    func openEnquiries(_ id: MeasureID, _ period: Period, _ asAt: Day, _ t: inout Tally) {
        for e in inputs.enquiries {
            guard let start = e.strategyDiscussion, start <= asAt else {
                if e.strategyDiscussion == nil { t.exclude(e.source, e.child.childID, "no usable strategy discussion date") }
                continue
            }
            if let conference = e.conference, conference <= asAt { continue }
            if e.conferenceDeemedUnnecessary == .yes { continue }
            if e.unusable.contains("conferenceDate") { t.exclude(e.source, e.child.childID, "conference date unusable (see data quality)"); continue }
            let due = deadline(start, 15)
            let overdue = due < asAt
            t.count(e.source, e.child, [DateUsed("strategy discussion", start.iso), DateUsed("deadline", due.iso)], days: count(start, asAt),
                    hit: overdue, status: overdue ? "open and overdue" : "open, not yet due")
        }
    }

    func plansStarted(_ id: MeasureID, _ period: Period, _ asAt: Day, _ t: inout Tally) {
        for p in inputs.protectionPlans {
            guard let start = p.start, inPeriod(start, period, asAt) else {
                if p.start == nil { t.exclude(p.source, p.child.childID, "no usable plan start date") }
                continue
            }
            guard let previous = p.previousPlans else {
                t.exclude(p.source, p.child.childID, p.unusable.contains("previousPlans") ? "unusable Number of Previous Child Protection Plans" : "Number of Previous Child Protection Plans blank"); continue
            }
            t.count(p.source, p.child, [DateUsed("plan start", start.iso)], days: previous, hit: previous > 0,
                    status: previous > 0 ? "second or subsequent plan" : "first plan")
        }
    }

    func openPlans(_ id: MeasureID, _ period: Period, _ asAt: Day, _ t: inout Tally) {
        let cal = options.calendar
        for p in inputs.protectionPlans {
            guard let start = p.start else { t.exclude(p.source, p.child.childID, "no usable plan start date"); continue }
            guard start <= asAt else { continue }
            if let end = p.end, end <= asAt, !p.unusable.contains("planEnd") { continue }
            if p.unusable.contains("planEnd") { t.exclude(p.source, p.child.childID, "plan end date unusable (see data quality)"); continue }
            switch id {
            case .cpp18M:
                let limit = start.adding(months: 18)
                let over = asAt > limit
                t.count(p.source, p.child, [DateUsed("plan start", start.iso)], days: start.days(until: asAt), hit: over,
                        status: over ? "open over 18 months" : "open 18 months or less")
            case .cpVisit:
                let n = options.protectionVisitWorkingDays
                guard let visit = p.lastStatutoryVisit, visit <= asAt else {
                    if cal.isWithin(workingDays: n, from: start, to: asAt, convention: options.convention) {
                        t.exclude(p.source, p.child.childID, "plan started within the last \(n) working days, no visit yet: not yet due")
                    } else {
                        t.count(p.source, p.child, [DateUsed("plan start", start.iso)], days: nil, hit: false, status: "no visit recorded")
                    }
                    continue
                }
                let inTime = cal.isWithin(workingDays: n, from: visit, to: asAt, convention: options.convention)
                t.count(p.source, p.child, [DateUsed("last visit", visit.iso)], days: count(visit, asAt), hit: inTime,
                        status: inTime ? "visited within \(n) working days" : "visit overdue")
            default: // CP-REVIEW
                if p.unusable.contains("latestReviewConference") { t.exclude(p.source, p.child.childID, "review date unusable (see data quality)"); continue }
                let review = p.latestReviewConference.flatMap { $0 <= asAt ? $0 : nil }
                let due = review.map { $0.adding(months: 6) } ?? start.adding(months: 3)
                // A review due on the as-at date can still be held that day: in time, whether it is the
                // first (3 months after the plan start) or a later one (Working Together 2023).
                if review == nil && due > asAt {
                    t.exclude(p.source, p.child.childID, "first review not yet due (due \(due.iso))"); continue
                }
                let inTime = due >= asAt
                var dates = [DateUsed("plan start", start.iso)]
                if let review { dates.append(DateUsed("latest review", review.iso)) }
                dates.append(DateUsed("next review due", due.iso))
                t.count(p.source, p.child, dates, days: nil, hit: inTime, status: inTime ? "in timescale" : "review overdue")
            }
        }
    }

    func plansEnded(_ id: MeasureID, _ period: Period, _ asAt: Day, _ t: inout Tally) {
        for p in inputs.protectionPlans {
            guard let end = p.end, inPeriod(end, period, asAt) else { continue }
            if p.unusable.contains("planEnd") { t.exclude(p.source, p.child.childID, "plan end date unusable (see data quality)"); continue }
            guard let start = p.start else { t.exclude(p.source, p.child.childID, "no usable plan start date"); continue }
            let long = end >= start.adding(months: 24)
            t.count(p.source, p.child, [DateUsed("plan start", start.iso), DateUsed("plan end", end.iso)], days: start.days(until: end),
                    hit: long, status: long ? "lasted 2 years or more" : "under 2 years")
        }
    }

    func openChildInNeed(_ id: MeasureID, _ period: Period, _ asAt: Day, _ t: inout Tally) {
        let cal = options.calendar
        for e in inputs.childInNeed {
            guard let start = e.start else { t.exclude(e.source, e.child.childID, "no usable CIN start date"); continue }
            guard start <= asAt else { continue }
            if let closure = e.closure, closure <= asAt, !e.unusable.contains("cinClosure") { continue }
            if e.unusable.contains("cinClosure") { t.exclude(e.source, e.child.childID, "closure date unusable (see data quality)"); continue }
            if id == .cin2Y {
                let over = asAt > start.adding(months: 24)
                t.count(e.source, e.child, [DateUsed("CIN start", start.iso)], days: start.days(until: asAt), hit: over,
                        status: over ? "open over 2 years" : "open 2 years or less")
            } else {
                let n = options.childInNeedSeenWorkingDays
                // "Not known" (or any value that is not a date) says nothing about whether the
                // child was seen: left out and named in the data-quality report, not counted as unseen.
                if e.unusable.contains("lastSeen") { t.exclude(e.source, e.child.childID, "last seen date unusable (see data quality)"); continue }
                guard let seen = e.lastSeen, seen <= asAt else {
                    if cal.isWithin(workingDays: n, from: start, to: asAt, convention: options.convention) {
                        t.exclude(e.source, e.child.childID, "episode started within the last \(n) working days, not yet seen: not yet due")
                    } else {
                        t.count(e.source, e.child, [DateUsed("CIN start", start.iso)], days: nil, hit: false, status: "not seen")
                    }
                    continue
                }
                let inTime = cal.isWithin(workingDays: n, from: seen, to: asAt, convention: options.convention)
                t.count(e.source, e.child, [DateUsed("last seen", seen.iso)], days: count(seen, asAt), hit: inTime,
                        status: inTime ? "seen within \(n) working days" : "not seen within \(n) working days")
            }
        }
    }

    func lookedAfterChildren(_ id: MeasureID, _ period: Period, _ asAt: Day, _ t: inout Tally) {
        for c in inputs.lookedAfter {
            guard let start = c.start else { t.exclude(c.source, c.child.childID, "no usable date started to be looked after"); continue }
            guard start <= asAt else { continue }
            if let ceased = c.ceased, ceased <= asAt, !c.unusable.contains("ceased") { continue }
            if c.unusable.contains("ceased") { t.exclude(c.source, c.child.childID, "date ceased unusable (see data quality)"); continue }
            lookedAfter(id, c, start: start, asAt: asAt, into: &t)
        }
    }

    func returnInterviewsOffered(_ id: MeasureID, _ period: Period, _ asAt: Day, _ t: inout Tally) {
        for c in inputs.lookedAfter {
            guard let start = c.start, start <= asAt else { continue }
            guard let episodes = c.missingEpisodesInLast12Months else {
                if c.unusable.contains("missingEpisodes") { t.exclude(c.source, c.child.childID, "unusable number of missing episodes") }
                continue
            }
            guard episodes > 0 else { continue }
            guard let offered = c.returnInterviewOffered else {
                t.exclude(c.source, c.child.childID, c.unusable.contains("returnInterviewOffered") ? "unknown return interview code" : "return interview offered blank"); continue
            }
            t.count(c.source, c.child, [], days: episodes, hit: offered == .yes,
                    status: offered == .yes ? "offered" : (offered == .no ? "not offered" : "offered: unknown"))
        }
    }

    func returnInterviewsIn72Hours(_ id: MeasureID, _ period: Period, _ asAt: Day, _ t: inout Tally) {
        for m in inputs.missingEpisodes {
            guard let end = m.missingEnd, !m.unusable.contains("missing_end") else {
                if m.unusable.contains("missing_end") { t.exclude(m.source, m.childID, "unusable missing_end") }
                else if let s = m.missingStart, s.day <= asAt, period.contains(s.day) { t.exclude(m.source, m.childID, "still missing (no return)") }
                continue
            }
            guard inPeriod(end.day, period, asAt) else { continue }
            if m.unusable.contains("rhi_completed_at") { t.exclude(m.source, m.childID, "unusable rhi_completed_at"); continue }
            var dates = [DateUsed("returned", end.description)]
            if let done = m.interviewCompleted, done.day <= asAt {
                dates.append(DateUsed("interview", done.description))
                let (inTime, dateOnly) = Stamp.within(hours: 72, from: end, to: done)
                let hours = dateOnly ? nil : end.moment.flatMap { from in done.moment.map { from.minutes(until: $0) / 60 } }
                t.count(m.source, ChildDetails(childID: m.childID), dates, days: hours, hit: inTime,
                        status: (inTime ? "within 72 hours" : "after 72 hours") + (dateOnly ? " (dates only, counted in days)" : ""))
            } else {
                // No interview by the as-at date: late once 72 hours have passed by the end of that day.
                let asAtEnd = Stamp(day: asAt, moment: Moment(day: asAt, hour: 23, minute: 59))
                let (stillInTime, _) = Stamp.within(hours: 72, from: end, to: asAtEnd)
                if stillInTime {
                    t.exclude(m.source, m.childID, "no interview yet, 72 hours not passed: not yet due")
                } else {
                    t.count(m.source, ChildDetails(childID: m.childID), dates, days: nil, hit: false, status: "no interview within 72 hours")
                }
            }
        }
    }

    func careLeavers(_ id: MeasureID, _ period: Period, _ asAt: Day, _ t: inout Tally) {
        for c in inputs.careLeavers {
            switch id {
            case .clAccom:
                if c.unusable.contains("accommodationSuitability") { t.exclude(c.source, c.child.childID, "unknown suitability code"); continue }
                let suitable = c.accommodationSuitable == true
                t.count(c.source, c.child, [], days: nil, hit: suitable,
                        status: c.accommodationSuitable.map { $0 ? "suitable" : "unsuitable" } ?? "not recorded")
            case .clEET:
                if c.unusable.contains("activityStatus") { t.exclude(c.source, c.child.childID, "unknown activity code"); continue }
                let eet = ["F1", "P1", "F2", "P2", "F3", "P3"].contains(c.activity ?? "")
                t.count(c.source, c.child, [], days: nil, hit: eet, status: c.activity ?? "not recorded")
            default:
                if c.unusable.contains("inTouch") { t.exclude(c.source, c.child.childID, "unknown LA In Touch code"); continue }
                t.count(c.source, c.child, [], days: nil, hit: c.inTouch == "yes", status: c.inTouch ?? "not recorded")
            }
        }
    }

    func adoptionTimeliness(_ id: MeasureID, _ period: Period, _ asAt: Day, _ t: inout Tally) {
        let entryToPlaced = id == .adoEntryToPlaced
        for a in inputs.adoptions {
            let end = entryToPlaced ? a.placed : a.matched
            guard let end, inPeriod(end, period, asAt) else { continue }
            if a.unusable.contains(entryToPlaced ? "placedForAdoption" : "matched") {
                t.exclude(a.source, a.child.childID, "date unusable (see data quality)"); continue
            }
            guard let start = entryToPlaced ? a.enteredCare : a.placementOrder else {
                t.exclude(a.source, a.child.childID, entryToPlaced ? "no date entered care" : "no placement order date"); continue
            }
            let days = start.days(until: end)
            t.count(a.source, a.child, [DateUsed(entryToPlaced ? "entered care" : "placement order", start.iso),
                                        DateUsed(entryToPlaced ? "placed" : "matched", end.iso)],
                    days: days, hit: true, status: "\(days) days", figure: Double(days))
        }
    }

    func openAllocated(_ id: MeasureID, _ period: Period, _ asAt: Day, _ t: inout Tally) {
        for (source, child) in openAllocatedCases(asAt: asAt) {
            if id == .caseload {
                t.count(source, child, [], days: nil, hit: true, status: "open")
            } else {
                let latest = supervisionsByChild[child.childID]?.filter { $0 <= asAt }.max()
                let inTime = latest.map { $0.days(until: asAt) <= options.supervisionDays } ?? false
                t.count(source, child, latest.map { [DateUsed("last supervision", $0.iso)] } ?? [], days: latest.map { $0.days(until: asAt) },
                        hit: inTime, status: latest == nil ? "no supervision recorded" : (inTime ? "supervised within 6 weeks" : "supervision overdue"))
            }
        }
    }

    func ehcPlansInTime(_ id: MeasureID, _ period: Period, _ asAt: Day, _ t: inout Tally) {
        for e in inputs.ehcPlans {
            guard let issued = e.issued, !e.unusable.contains("issued_date"), inPeriod(issued, period, asAt) else {
                if e.unusable.contains("issued_date") { t.exclude(e.source, "", "unusable issued_date") }
                continue
            }
            if let exception = e.exception, !["no", "n", "false", "0", "none"].contains(HeaderText.key(exception)) {
                t.exclude(e.source, "", "exception recorded: \(exception)"); continue
            }
            guard let request = e.request else { t.exclude(e.source, "", "no usable request_date"); continue }
            let weeks = request.adding(days: 140)
            let inTime = issued <= weeks
            t.count(e.source, ChildDetails(childID: "row \(e.source.row)"), [DateUsed("request", request.iso), DateUsed("issued", issued.iso)],
                    days: request.days(until: issued), hit: inTime, status: inTime ? "within 20 weeks" : "over 20 weeks")
        }
    }

    private func lookedAfter(_ id: MeasureID, _ c: LookedAfterChild, start: Day, asAt: Day, into t: inout Tally) {
        let cal = options.calendar
        switch id {
        case .claReview:
            if c.unusable.contains("latestReview") { t.exclude(c.source, c.child.childID, "review date unusable (see data quality)"); return }
            let firstDue = firstLookedAfterReviewDue(lookedAfterFrom: start)
            let review = c.latestReview.flatMap { $0 <= asAt ? $0 : nil }
            let due: Day
            if let review {
                // A latest review by the first deadline is the first review: the second is due 3 months on.
                due = Self.nextLookedAfterReviewDue(after: review, wasFirst: review <= firstDue)
            } else {
                due = firstDue
                // Due on the as-at date: counted, and in time, like a later review due that day.
                if due > asAt { t.exclude(c.source, c.child.childID, "first review not yet due (due \(due.iso))"); return }
            }
            let inTime = !Self.lookedAfterReviewOverdue(due: due, asAt: asAt)
            var dates = [DateUsed("looked after from", start.iso)]
            if let review { dates.append(DateUsed("latest review", review.iso)) }
            dates.append(DateUsed("next review due", due.iso))
            t.count(c.source, c.child, dates, days: nil, hit: inTime, status: inTime ? "in timescale" : "review overdue")
        case .claVisit:
            let n = options.lookedAfterVisitDays
            guard let visit = c.lastSocialWorkVisit, visit <= asAt else {
                // Only under 6 weeks is not yet due: the first visit is due within a week of the placement
                // (Care Planning, Placement and Case Review Regulations 2010, reg. 28), so at 42 days it is late.
                if start.days(until: asAt) < n { t.exclude(c.source, c.child.childID, "looked after under 6 weeks, no visit yet: not yet due") }
                else { t.count(c.source, c.child, [DateUsed("looked after from", start.iso)], days: nil, hit: false, status: "no visit recorded") }
                return
            }
            let days = visit.days(until: asAt)
            t.count(c.source, c.child, [DateUsed("last visit", visit.iso)], days: days, hit: days <= n,
                    status: days <= n ? "visited within 6 weeks" : "visit overdue")
        case .claHealth, .claDental:
            guard start.adding(months: 12) <= asAt else { return } // not in the 12-month cohort
            let health = id == .claHealth
            let field = health ? "lastHealthAssessment" : "lastDentalCheck"
            if c.unusable.contains(field) { t.exclude(c.source, c.child.childID, "date unusable (see data quality)"); return }
            var months = 12
            if health {
                guard let age = c.child.age(on: asAt) else { t.exclude(c.source, c.child.childID, "no date of birth or age"); return }
                months = age < 5 ? 6 : 12
            }
            let last = (health ? c.lastHealthAssessment : c.lastDentalCheck).flatMap { $0 <= asAt ? $0 : nil }
            guard let last else {
                t.count(c.source, c.child, [], days: nil, hit: false, status: health ? "no health assessment" : "no dental check"); return
            }
            let inDate = last >= asAt.adding(months: -months)
            t.count(c.source, c.child, [DateUsed(health ? "last health assessment" : "last dental check", last.iso)],
                    days: last.days(until: asAt), hit: inDate, status: inDate ? "in date (within \(months) months)" : "out of date")
        case .claMoves:
            guard let placements = c.placementsInLast12Months else {
                t.exclude(c.source, c.child.childID, c.unusable.contains("placementsInLast12Months") ? "unusable number of placements" : "number of placements blank"); return
            }
            t.count(c.source, c.child, [], days: placements, hit: placements >= 3, status: "\(placements) placements")
        default: // PEP-IN-DATE
            let august31 = asAt.month >= 9 ? Day(asAt.year, 8, 31) : Day(asAt.year - 1, 8, 31)
            guard let age = c.child.age(on: august31) else { t.exclude(c.source, c.child.childID, "no date of birth or age"); return }
            guard (5...15).contains(age) else { return }
            let termStart: Day = asAt.month >= 9 ? Day(asAt.year, 9, 1) : (asAt.month <= 3 ? Day(asAt.year, 1, 1) : Day(asAt.year, 4, 1))
            let pep = pepsByChild[c.child.childID]?.filter { $0 >= termStart && $0 <= asAt }.max()
            t.count(c.source, c.child, pep.map { [DateUsed("PEP", $0.iso)] } ?? [], days: nil, hit: pep != nil,
                    status: pep == nil ? "no PEP this term" : "PEP this term")
            _ = cal
        }
    }

    /// Children open at `asAt` on Lists 6–8 with an allocated worker, each once: List 8's row
    /// first, then List 7's, then List 6's.
    private func openAllocatedCases(asAt: Day) -> [(RecordSource, ChildDetails)] {
        var seen = Set<String>()
        var cases: [(RecordSource, ChildDetails)] = []
        func take(_ source: RecordSource, _ child: ChildDetails, _ start: Day?, _ end: Day?) {
            guard let start, start <= asAt, end.map({ $0 > asAt }) ?? true, child.worker != nil,
                  seen.insert(child.childID).inserted else { return }
            cases.append((source, child))
        }
        for c in inputs.lookedAfter { take(c.source, c.child, c.start, c.ceased) }
        for p in inputs.protectionPlans { take(p.source, p.child, p.start, p.end) }
        for e in inputs.childInNeed { take(e.source, e.child, e.start, e.closure) }
        return cases
    }
}

/// The rows of one computation, added up at the end.
struct Tally {
    let asAt: Day
    /// Whether to keep each counted row (the drill-down) or only add up the figures.
    let detail: ResultDetail
    let aggregation: Aggregation
    var counted: [CountedRow] = []
    var excluded: [ExcludedRow] = []
    /// Figures-only: the whole measure, and each group of each breakdown dimension.
    var whole = Sums()
    var groups: [[String: Sums]] = Array(repeating: [:], count: Tally.dimensionNames.count)
    var dimensionRecorded = [Bool](repeating: false, count: Tally.dimensionNames.count)

    init(asAt: Day, detail: ResultDetail = .rows, aggregation: Aggregation = .percentage) {
        self.asAt = asAt
        self.detail = detail
        self.aggregation = aggregation
    }

    /// Running figures for a group of counted rows.
    struct Sums {
        var rows = 0
        var hits = 0
        var figures = 0.0
        var workers: Set<String> = []

        mutating func add(hit: Bool, figure: Double?, worker: String?, perWorker: Bool) {
            rows += 1
            if hit { hits += 1 }
            figures += figure ?? 0
            if perWorker, let worker { workers.insert(worker) }
        }
    }

    static let dimensionNames = ["team", "worker", "age band", "gender", "ethnicity", "disability", "category"]

    /// `dates`, `days` and `status` are only worked out when the rows are kept: formatting them
    /// was most of a figures-only run's time.
    mutating func count(_ source: RecordSource, _ child: ChildDetails, _ dates: @autoclosure () -> [DateUsed], days: @autoclosure () -> Int?, hit: Bool,
                        status: @autoclosure () -> String, figure: Double? = nil, category: String? = nil) {
        guard detail == .figuresOnly else {
            counted.append(CountedRow(childID: child.childID, sheet: source.sheet, row: source.row, dates: dates(), daysTaken: days(),
                                      inNumerator: hit, status: status(), figure: figure, team: child.team, worker: child.worker,
                                      ageBand: child.ageBand(on: asAt), gender: child.gender, ethnicity: child.ethnicity,
                                      disability: child.disability, category: category))
            return
        }
        let perWorker = aggregation == .perWorker
        whole.add(hit: hit, figure: figure, worker: child.worker, perWorker: perWorker)
        let keys = [child.team, child.worker, child.ageBand(on: asAt), child.gender, child.ethnicity, child.disability, category]
        for (dimension, key) in keys.enumerated() {
            if key != nil { dimensionRecorded[dimension] = true }
            groups[dimension][key ?? "Not recorded", default: Sums()].add(hit: hit, figure: figure, worker: child.worker, perWorker: perWorker)
        }
    }

    static func figures(_ sums: Sums, _ aggregation: Aggregation) -> (Double, Double?, Double?) {
        let d = Double(sums.rows), n = Double(sums.hits)
        switch aggregation {
        case .percentage: return (n, d, d > 0 ? 100 * n / d : nil)
        case .count: return (n, d, n)
        case .mean: return (sums.figures, d, d > 0 ? sums.figures / d : nil)
        case .perWorker:
            let workers = Double(sums.workers.count)
            return (d, workers, workers > 0 ? d / workers : nil)
        }
    }

    mutating func exclude(_ source: RecordSource, _ childID: String, _ reason: String) {
        excluded.append(ExcludedRow(childID: childID, sheet: source.sheet, row: source.row, reason: reason))
    }

    /// The figures over `rows[indices]`. Rows are read in place by index: copying them into
    /// groups (every string retained and released) was most of the engine's time.
    static func aggregate(_ rows: [CountedRow], _ indices: some Collection<Int>, _ aggregation: Aggregation) -> (Double, Double?, Double?) {
        let d = Double(indices.count)
        switch aggregation {
        case .percentage:
            let n = Double(indices.reduce(0) { $0 + (rows[$1].inNumerator ? 1 : 0) })
            return (n, d, d > 0 ? 100 * n / d : nil)
        case .count:
            let n = Double(indices.reduce(0) { $0 + (rows[$1].inNumerator ? 1 : 0) })
            return (n, d, n)
        case .mean:
            let n = indices.reduce(0.0) { $0 + (rows[$1].figure ?? 0) }
            return (n, d, d > 0 ? n / d : nil)
        case .perWorker:
            let workers = Double(Set(indices.compactMap { rows[$0].worker }).count)
            return (d, workers, workers > 0 ? d / workers : nil)
        }
    }

    func result(_ measure: CatalogueMeasure, period: Period, asAt: Day, convention: TimescaleConvention, missingInput: String?) -> MeasureResult {
        if detail == .figuresOnly { return figuresOnlyResult(measure, period: period, asAt: asAt, convention: convention, missingInput: missingInput) }
        let (n, d, v) = Tally.aggregate(counted, counted.indices, measure.aggregation)
        var breakdowns: [BreakdownGroup] = []
        let dimensions: [(String, (CountedRow) -> String?)] = [
            ("team", { $0.team }), ("worker", { $0.worker }), ("age band", { $0.ageBand }), ("gender", { $0.gender }),
            ("ethnicity", { $0.ethnicity }), ("disability", { $0.disability }), ("category", { $0.category }),
        ]
        for (name, key) in dimensions {
            guard counted.contains(where: { key($0) != nil }) else { continue }
            let groups = Dictionary(grouping: counted.indices) { key(counted[$0]) ?? "Not recorded" }
            for group in Tally.ordered(groups.keys, dimension: name) {
                let (gn, gd, gv) = Tally.aggregate(counted, groups[group]!, measure.aggregation)
                breakdowns.append(BreakdownGroup(dimension: name, group: group, numerator: gn, denominator: gd, value: gv))
            }
        }
        let late = measure.polarity == .higherIsBetter ? counted.filter { !$0.inNumerator }.count : counted.filter(\.inNumerator).count
        return MeasureResult(measure: measure, period: period, asAt: asAt, convention: convention,
                             numerator: missingInput == nil ? n : 0, denominator: missingInput == nil ? d : nil,
                             value: missingInput == nil ? v : nil, counted: counted, excluded: excluded,
                             missingInput: missingInput, breakdowns: breakdowns,
                             countedTotal: counted.count, outOfTimescaleTotal: late, detail: .rows)
    }

    /// The same figures from the running sums, with no rows kept.
    private func figuresOnlyResult(_ measure: CatalogueMeasure, period: Period, asAt: Day, convention: TimescaleConvention,
                                   missingInput: String?) -> MeasureResult {
        let (n, d, v) = Tally.figures(whole, measure.aggregation)
        var breakdowns: [BreakdownGroup] = []
        for (dimension, name) in Tally.dimensionNames.enumerated() where dimensionRecorded[dimension] {
            for group in Tally.ordered(groups[dimension].keys, dimension: name) {
                let (gn, gd, gv) = Tally.figures(groups[dimension][group] ?? Sums(), measure.aggregation)
                breakdowns.append(BreakdownGroup(dimension: name, group: group, numerator: gn, denominator: gd, value: gv))
            }
        }
        let late = measure.polarity == .higherIsBetter ? whole.rows - whole.hits : whole.hits
        return MeasureResult(measure: measure, period: period, asAt: asAt, convention: convention,
                             numerator: missingInput == nil ? n : 0, denominator: missingInput == nil ? d : nil,
                             value: missingInput == nil ? v : nil, counted: [], excluded: excluded,
                             missingInput: missingInput, breakdowns: breakdowns,
                             countedTotal: whole.rows, outOfTimescaleTotal: late, detail: .figuresOnly)
    }

    /// Groups in reading order: age bands youngest first, the rest alphabetically.
    static func ordered(_ groups: some Collection<String>, dimension: String) -> [String] {
        let bands = ["Under 1", "1–4", "5–9", "10–15", "16+"]
        return dimension == "age band"
            ? groups.sorted { (bands.firstIndex(of: $0) ?? 99, $0) < (bands.firstIndex(of: $1) ?? 99, $1) }
            : groups.sorted()
    }
}
