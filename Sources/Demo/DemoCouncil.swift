import Foundation
import Core

/// A fictional council's ILACS improvement plan, for trying the product, for screenshots and
/// for tests: themes, areas, actions with a year of history, and KPIs with eighteen months of
/// values.
///
/// Every date is laid out relative to the day the demo is loaded, so the demo always shows the
/// whole range of ratings: complete, overdue, behind schedule (for each reason), on schedule,
/// not yet due to start, on hold and withdrawn; KPIs on, near and off target, without a target
/// or without a latest value; and each kind of exception. Nothing is random: the same day
/// gives the same demo.
public enum DemoCouncil {
    public static let organisationName = "Northmoor Borough Council"   // fictional

    public static func organisation() -> Organisation {
        Organisation(name: organisationName, kind: .council)
    }

    /// The demo as at `today`: dates are laid out relative to it so every RAG colour appears whenever the demo is loaded.
    public static func plan(organisationID: Int64, asAt today: Day) -> PlanDraft {
        let inspection = DemoCouncilText.inspection(organisationID: organisationID, asAt: today)
        let published = inspection.publishedDate ?? inspection.startDate
        let periodStart = published.firstOfMonth.adding(months: 1)
        let periodEnd = periodStart.adding(months: 24).adding(days: -1)
        let plan = Plan(organisationID: organisationID,
                        title: "Children First in Northmoor: ILACS Improvement Plan \(periodStart.year)–\(periodEnd.year)",
                        kind: .improvementPlan, periodStart: periodStart, periodEnd: periodEnd, updateCycle: .monthly)
        var seed = 0
        let themes = DemoCouncilText.themes().enumerated().map { themeIndex, theme in
            PlanDraft.ThemeDraft(
                theme: Theme(planID: 0, position: themeIndex + 1, ref: theme.ref, title: theme.title),
                areas: theme.areas.enumerated().map { areaIndex, area in
                    PlanDraft.AreaDraft(
                        area: Area(themeID: 0, position: areaIndex + 1, ref: area.ref, title: area.title,
                                   recommendationNumber: area.recommendation, improvementLead: area.improvementLead,
                                   coreFocus: area.coreFocus, issues: area.issues, objectives: area.objectives,
                                   whyItMatters: area.whyItMatters, whatGoodLooksLike: area.whatGoodLooksLike),
                        actions: area.actions.enumerated().map { position, spec in
                            seed += 1
                            return DemoActionBuilder.action(spec, position: position + 1, seed: seed, today: today)
                        })
                })
        }
        let measures = DemoCouncilMeasures.specs(asAt: today, inspectionPublished: published).map {
            DemoMeasureBuilder.measure($0, organisationID: organisationID, today: today)
        }
        return PlanDraft(plan: plan, inspection: inspection, themes: themes, measures: measures)
    }

    /// A synthetic plan of `actions` actions and `measures` measures for benchmarks (deterministic).
    public static func largePlan(organisationID: Int64, asAt today: Day, actions: Int, measures: Int) -> PlanDraft {
        DemoLargePlan.plan(organisationID: organisationID, asAt: today, actions: max(0, actions), measures: max(0, measures))
    }
}

// MARK: - Specifications

/// A theme as written in the plan, before it is stored.
struct DemoThemeSpec {
    var ref: String
    var title: String
    var areas: [DemoAreaSpec]
}

/// An area (recommendation) of a theme, with its actions.
struct DemoAreaSpec {
    var ref: String
    var title: String
    var recommendation: Int?
    var improvementLead: String
    var coreFocus: String
    var issues: [Area.Issue]
    var objectives: [String]
    var whyItMatters: String
    var whatGoodLooksLike: String
    var actions: [DemoActionSpec]
}

/// An action described by where it should stand today; offsets are days from today (negative = past).
struct DemoActionSpec {
    /// Where the action stands today, which decides its status, % complete, milestones and history.
    enum Scenario {
        /// Complete on the given day.
        case complete(on: Int)
        /// In progress, at or ahead of expected progress, no milestone late.
        case onTrack
        /// In progress, well below expected progress.
        case behind
        /// In progress and on pace, but the latest milestone already due is not complete.
        case milestoneLate
        /// Not started although the start date has passed.
        case lateStart
        /// In progress and past its due date; the final milestone is not complete.
        case overdue(percent: Int)
        /// Not started; the start date is in the future.
        case future
        /// Put on hold on the given day.
        case onHold(since: Int, percent: Int)
        /// Withdrawn on the given day.
        case withdrawn(on: Int, percent: Int)
    }

    struct Rescheduling {
        /// The due date first agreed.
        var from: Int
        var changedOn: Int
        var changedBy: String
        var reason: String
    }

    struct Judgement {
        var value: Difference
        var on: Int
        var note: String
    }

    struct Overriding {
        var rating: DeliveryRating
        var on: Int
        var by: String
        var reason: String
    }

    var ref: String
    var title: String
    var outcome: String
    var leads: [String]
    var scenario: Scenario
    var start: Int
    var due: Int
    var milestones: [(title: String, due: Int)]
    /// What the lead reported, oldest first; spread over the monthly updates.
    var notes: [String]
    var measures: [String]
    var evidence: [(on: Int, text: String)] = []
    var difference: Judgement? = nil
    var rescheduled: Rescheduling? = nil
    var override: Overriding? = nil
    /// Days since the last progress update; more than a month makes an update due.
    var updateLag: Int? = nil
}

// MARK: - Building actions

enum DemoActionBuilder {
    static func action(_ spec: DemoActionSpec, position: Int, seed: Int, today: Day) -> PlanDraft.ActionDraft {
        let start = today.adding(days: spec.start)
        let due = today.adding(days: spec.due)
        let lead = spec.leads.first ?? "Improvement Lead"

        func expected(at day: Day) -> Double {
            let total = Double(start.days(until: due))
            guard total > 0 else { return 100 }
            return max(0, min(1, Double(start.days(until: day)) / total)) * 100
        }

        let lag = spec.updateLag ?? (3 + (seed * 7) % 19)
        var status: LifecycleStatus
        var percent: Int
        var completedOn: Day?
        var lastUpdate: Day?
        /// Milestones due on or after this offset were left undone (hold, withdrawal).
        var stoppedAt: Int?
        switch spec.scenario {
        case let .complete(on):
            status = .complete
            percent = 100
            completedOn = today.adding(days: on)
            lastUpdate = completedOn
        case .onTrack, .milestoneLate:
            status = .inProgress
            percent = min(95, roundUp(toFive: expected(at: today) + 4))
            lastUpdate = today.adding(days: -lag)
        case .behind:
            status = .inProgress
            percent = max(5, roundDown(toFive: expected(at: today) * 0.6))
            lastUpdate = today.adding(days: -lag)
        case let .overdue(p):
            status = .inProgress
            percent = p
            lastUpdate = today.adding(days: -lag)
        case .lateStart, .future:
            status = .notStarted
            percent = 0
            lastUpdate = nil
        case let .onHold(since, p):
            status = .onHold
            percent = p
            lastUpdate = today.adding(days: since)
            stoppedAt = since
        case let .withdrawn(on, p):
            status = .withdrawn
            percent = p
            lastUpdate = today.adding(days: on)
            stoppedAt = on
        }

        // Milestones: those already due are complete, unless the scenario says otherwise.
        var lateMilestone: Int?
        if case .milestoneLate = spec.scenario {
            lateMilestone = spec.milestones.indices.filter { spec.milestones[$0].due < 0 }
                .max { spec.milestones[$0].due < spec.milestones[$1].due }
        }
        let milestones: [Milestone] = spec.milestones.enumerated().map { index, milestone in
            let dueDay = today.adding(days: milestone.due)
            var done: Bool
            switch spec.scenario {
            case .complete:
                done = true
            case .overdue:
                done = milestone.due < 0 && milestone.due < spec.due
            case .milestoneLate:
                done = milestone.due < 0 && index != lateMilestone
            case .lateStart, .future:
                done = false
            default:
                done = milestone.due < 0 && milestone.due < (stoppedAt ?? 0)
            }
            guard done else { return Milestone(title: milestone.title, dueDate: dueDay) }
            var finished = dueDay.adding(days: -(1 + index % 3))
            if let completedOn, completedOn < finished { finished = completedOn }
            if finished < start { finished = start }
            return Milestone(title: milestone.title, dueDate: dueDay, completedOn: finished)
        }

        let updates = lastUpdate.map {
            progressUpdates(spec, start: start, last: $0, finalPercent: percent, milestones: milestones,
                            status: status, seed: seed, author: lead)
        } ?? []

        let reprogrammings = spec.rescheduled.map {
            [Reprogramming(from: today.adding(days: $0.from), to: due, reason: $0.reason,
                           changedOn: today.adding(days: $0.changedOn), changedBy: $0.changedBy)]
        } ?? []
        let override = spec.override.flatMap {
            try? RatingOverride(rating: $0.rating, reason: $0.reason, by: $0.by, on: today.adding(days: $0.on))
        }
        let action = Action(
            areaID: 0, position: position, ref: spec.ref, title: spec.title, outcome: spec.outcome,
            leads: spec.leads, startDate: start, dueDate: due, reprogrammings: reprogrammings,
            status: status, percentComplete: percent, completedOn: completedOn, milestones: milestones,
            updates: updates,
            evidence: spec.evidence.map { EvidenceOfImpact(date: today.adding(days: $0.on), text: $0.text, author: lead) },
            difference: spec.difference.map {
                DifferenceJudgement(value: $0.value, date: today.adding(days: $0.on), by: lead, note: $0.note)
            },
            override: override)
        return PlanDraft.ActionDraft(action: action, measureCodes: spec.measures)
    }

    /// Monthly updates, newest first, ending on `last`: the lead's notes spread over them, with
    /// routine progress lines between, and % complete rising to `finalPercent`.
    static func progressUpdates(_ spec: DemoActionSpec, start: Day, last: Day, finalPercent: Int,
                                milestones: [Milestone], status: LifecycleStatus, seed: Int,
                                author: String) -> [ProgressUpdate] {
        var dates: [Day] = []
        for k in 0..<12 {
            let day = last.adding(months: -k)
            if day < start.adding(days: 3) { break }
            dates.append(day)
        }
        dates.reverse()
        guard !dates.isEmpty else { return [] }
        let n = dates.count
        let span = Double(max(1, start.days(until: last)))
        let slows: Bool
        switch spec.scenario {
        case .behind, .overdue: slows = true
        default: slows = false
        }

        // Which note goes with which update: the first with the first, the last with the last.
        var notesAt: [Int: [String]] = [:]
        let notes = spec.notes
        for (j, note) in notes.enumerated() {
            let at = notes.count == 1 ? n - 1 : Int((Double(j * (n - 1)) / Double(notes.count - 1)).rounded())
            notesAt[at, default: []].append(note)
        }

        var result: [ProgressUpdate] = []
        var previous = 0
        for (i, day) in dates.enumerated() {
            let share = Double(start.days(until: day)) / span
            var p: Int
            if i == n - 1 {
                p = finalPercent
            } else {
                let raw = Double(finalPercent) * (slows ? min(1, share * 1.4) : share)
                p = max(5, Int((raw / 5).rounded()) * 5)
                if finalPercent == 100 { p = min(p, 95) }
                p = min(p, finalPercent)
            }
            p = max(p, previous)
            previous = p

            var text: String
            if let said = notesAt[i] {
                text = said.joined(separator: " ")
            } else {
                text = routineLine(index: i, of: n, day: day, percent: p, slows: slows, milestones: milestones,
                                   seed: seed, hasMeasures: !spec.measures.isEmpty)
            }
            if i == 0 && notesAt[i] == nil { text = "Work has started. " + text }

            var updateStatus: LifecycleStatus?
            if i == 0 { updateStatus = .inProgress }
            if i == n - 1, status != .inProgress { updateStatus = status }
            result.append(ProgressUpdate(actionID: 0, date: day, author: author, text: text, percentComplete: p,
                                         status: updateStatus, recordedAt: recordedAt(day)))
        }
        return result.reversed()
    }

    static func routineLine(index: Int, of count: Int, day: Day, percent: Int, slows: Bool,
                            milestones: [Milestone], seed: Int, hasMeasures: Bool) -> String {
        let month = Day.monthNames[day.month - 1]
        if slows && index * 2 >= count {
            let delayed = [
                "Progress is slower than planned because of capacity pressures in the team; the lead is agreeing a recovery plan with the Head of Service.",
                "Still behind plan at \(percent)% complete. The delay and the mitigating actions were reported to the Improvement Board.",
                "Some progress this month, but the timeline is at risk; escalated to the Assistant Director at the \(month) performance meeting.",
            ]
            return delayed[(index + seed) % delayed.count]
        }
        let next = milestones.filter { !$0.isComplete || ($0.completedOn.map { $0 > day } ?? false) }
            .compactMap { m in m.dueDate.flatMap { $0 > day ? (m.title, $0) : nil } }
            .min { $0.1 < $1.1 }
        var lines = [
            "Progress was reviewed at the \(month) Practice Improvement Group; no new risks or dependencies were identified.",
            "Team managers were updated at the monthly managers' forum, and practitioners' feedback is being gathered as the work beds in.",
            "The task and finish group met twice this month; actions from its last meeting are complete. Now \(percent)% complete.",
            "Progress reported to the Departmental Leadership Team in \(month): on plan at \(percent)% complete.",
        ]
        if hasMeasures {
            lines.append("The linked performance measures were reviewed with the Performance and Intelligence team at the \(month) performance clinic.")
        }
        if let next {
            lines.append("Work is progressing as planned. The next milestone, '\(next.0)', is due by \(next.1.formatted).")
        }
        return lines[(index + seed * 2) % lines.count]
    }

    /// A fixed time on the update's day, so the demo is the same whenever it is built.
    static func recordedAt(_ day: Day) -> Date {
        Date(timeIntervalSince1970: TimeInterval(day.ordinal) * 86_400 + 16 * 3_600)
    }

    static func roundUp(toFive value: Double) -> Int { Int((value / 5).rounded(.up)) * 5 }
    static func roundDown(toFive value: Double) -> Int { Int((value / 5).rounded(.down)) * 5 }
}

// MARK: - Building measures

/// A KPI described by how far each period sits from its target, in tolerance widths.
struct DemoMeasureSpec {
    var code: String
    var title: String
    var definition: String
    var numeratorText: String = ""
    var denominatorText: String = ""
    var unit: Measure.Unit = .percentage
    var polarity: Measure.Polarity = .higherIsBetter
    var band: ClosedRange<Double>? = nil
    var frequency: Measure.Frequency = .monthly
    var source: Measure.Source = .manual
    var decimals: Int = 1
    var owner: String
    var targets: [Target] = []
    var followsTrajectory: Bool = false
    var baseline: Baseline? = nil
    var benchmarks: [Benchmark] = []
    /// The typical denominator (children, population) of a percentage or a rate.
    var denominatorSize: Double? = nil
    /// The typical value, for measures without a target.
    var typicalValue: Double = 0
    /// Oldest first, one per period ending with the latest complete one. With a target: how far
    /// the value sits from the target in force, in tolerance widths (positive is better: green at
    /// or above 0, amber down to -1, red beyond). For a band: inside at or above 0, above the band
    /// below 0. Without a target: % above or below the typical value.
    var levels: [Double]
    /// Leave the latest period without a value (a return not yet made).
    var missingLatest: Bool = false
    var latestNote: String = ""
}

enum DemoMeasureBuilder {
    /// The latest complete period of a frequency as at `today`.
    static func latestPeriod(_ frequency: Measure.Frequency, today: Day) -> Period {
        switch frequency {
        case .monthly: Period.month(containing: today).previous
        case .quarterly: Period.quarter(containing: today).previous
        case .annual: Period.financialYear(containing: today).previous
        }
    }

    static func measure(_ spec: DemoMeasureSpec, organisationID: Int64, today: Day) -> Measure {
        var measure = Measure(
            organisationID: organisationID, code: spec.code, title: spec.title, definition: spec.definition,
            numeratorText: spec.numeratorText, denominatorText: spec.denominatorText, unit: spec.unit,
            polarity: spec.polarity, band: spec.band, frequency: spec.frequency, source: spec.source,
            decimals: spec.decimals, owner: spec.owner, targets: spec.targets,
            followsTrajectory: spec.followsTrajectory, baseline: spec.baseline, benchmarks: spec.benchmarks)
        let latest = latestPeriod(spec.frequency, today: today)
        let count = spec.levels.count
        var noise = DemoNoise(seed: spec.code)
        var values: [MeasureValue] = []
        for (i, level) in spec.levels.enumerated() {
            let period = latest.shifted(by: i - (count - 1))
            let jitter = noise.between(-0.05, 0.05)
            let sizeJitter = noise.between(0.93, 1.07)
            if spec.missingLatest && i == count - 1 { continue }
            var raw = rawValue(of: measure, level: level + jitter, period: period, spec: spec)
            var numerator: Double?
            var denominator: Double?
            switch spec.unit {
            case .percentage:
                raw = max(0, min(100, raw))
                if let size = spec.denominatorSize {
                    let d = max(1, (size * sizeJitter).rounded())
                    let n = min(d, (raw * d / 100).rounded())
                    numerator = n
                    denominator = d
                    raw = n / d * 100
                }
            case .ratePer10k:
                if let size = spec.denominatorSize {
                    let d = size.rounded()
                    let n = (raw * d / 10_000).rounded()
                    numerator = n
                    denominator = d
                    raw = n / d * 10_000
                }
            case .count, .days, .score:
                // Averages and counts are stored without numerator and denominator: stored values
                // are checked for a numerator no larger than the denominator.
                raw = max(0, raw)
            }
            let value = rounded(raw, decimals: spec.decimals)
            let asAt = min(period.end.adding(days: 12), today)
            values.append(MeasureValue(period: period, value: value, numerator: numerator, denominator: denominator,
                                       asAt: asAt, note: i == count - 1 ? spec.latestNote : ""))
        }
        measure.values = values
        return measure
    }

    static func rawValue(of measure: Measure, level: Double, period: Period, spec: DemoMeasureSpec) -> Double {
        guard let target = MeasureRules.targetInForce(for: measure, in: period) else {
            return spec.typicalValue * (1 + level / 100)
        }
        switch measure.polarity {
        case .withinBand:
            let band = measure.band ?? (target.value...target.value)
            if level >= 0 {
                return band.lowerBound + (band.upperBound - band.lowerBound) * (0.2 + 0.6 * min(1, level))
            }
            return band.upperBound - level * measure.effectiveTolerance(around: band.upperBound)
        case .higherIsBetter:
            return target.value + level * measure.effectiveTolerance(around: target.value)
        case .lowerIsBetter:
            return target.value - level * measure.effectiveTolerance(around: target.value)
        }
    }

    static func rounded(_ value: Double, decimals: Int) -> Double {
        var scale = 1.0
        for _ in 0..<max(0, decimals) { scale *= 10 }
        return (value * scale).rounded() / scale
    }
}

/// A small deterministic generator (SplitMix64 seeded with FNV-1a of a string): the demo must
/// be the same on every machine and every run, so never `random()`.
struct DemoNoise {
    private var state: UInt64

    init(seed: String) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in seed.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        state = hash
    }

    /// A number in 0..<1.
    mutating func next() -> Double {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Double(z >> 11) / Double(UInt64(1) << 53)
    }

    mutating func between(_ low: Double, _ high: Double) -> Double {
        low + (high - low) * next()
    }

    mutating func index(below count: Int) -> Int {
        min(count - 1, Int(next() * Double(count)))
    }
}
