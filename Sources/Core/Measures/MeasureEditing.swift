import Foundation

/// A value changed after it was recorded: what it was, what it became, who changed it, when and
/// why. Values are evidence a board relies on, so a correction never overwrites silently.
public struct ValueCorrection: Sendable, Codable, Hashable, Identifiable {
    public var id: Int64
    public var measureID: Int64
    public var period: Period
    public var before: MeasureValue
    public var after: MeasureValue
    public var reason: String
    /// The signed-in person's name.
    public var correctedBy: String
    /// When, as an ISO 8601 UTC timestamp (the audit trail's form).
    public var correctedAt: String

    public init(id: Int64 = 0, measureID: Int64, period: Period, before: MeasureValue, after: MeasureValue,
                reason: String, correctedBy: String, correctedAt: String) {
        self.id = id
        self.measureID = measureID
        self.period = period
        self.before = before
        self.after = after
        self.reason = reason
        self.correctedBy = correctedBy
        self.correctedAt = correctedAt
    }
}

/// The rules for changing a measure after it exists: its values (added, corrected), its targets,
/// its benchmarks and its definition. Pure; the forms, the API and the store all call these.
public enum MeasureEditing {
    /// The longest reason for a correction: a sentence or two, not a report.
    public static let longestReason = 2_000
    /// The longest note on a value.
    public static let longestNote = 2_000

    // MARK: Values

    /// The figure to store from what was entered: the value as given, or worked out from the
    /// numerator and denominator (×100 for a percentage, ×10,000 for a rate per 10,000).
    /// The field each error names is the one to correct.
    public static func figure(value: Double?, numerator: Double?, denominator: Double?,
                              unit: Measure.Unit) -> Result<Double, ValidationError> {
        if let denominator, !(denominator > 0) {
            return .failure(.init(field: "denominator", message: "The denominator must be more than zero"))
        }
        if let value { return .success(value) }
        guard numerator != nil || denominator != nil else {
            return .failure(.init(field: "value", message: "Enter the value, or the numerator and denominator"))
        }
        guard let numerator, let denominator else {
            return .failure(.init(field: numerator == nil ? "numerator" : "denominator",
                                  message: "Enter both the numerator and the denominator, or the value"))
        }
        let ratio = numerator / denominator
        let figure: Double = switch unit {
        case .percentage: ratio * 100
        case .ratePer10k: ratio * 10_000
        default: ratio
        }
        return .success(figure)
    }

    /// The plans a measure reports to bound the periods it takes values for: a value is refused
    /// unless its period overlaps at least one of their periods. Plans without dates set no bound;
    /// with no bounded plan, any period is allowed.
    public static func periodProblem(_ period: Period, plans: [Plan]) -> ValidationError? {
        let bounded = plans.filter { $0.periodStart != nil || $0.periodEnd != nil }
        guard !bounded.isEmpty else { return nil }
        let inside = bounded.contains { plan in
            (plan.periodStart.map { period.end >= $0 } ?? true) && (plan.periodEnd.map { period.start <= $0 } ?? true)
        }
        guard !inside else { return nil }
        let spans = bounded.map { plan -> String in
            switch (plan.periodStart, plan.periodEnd) {
            case let (start?, end?): "\(start.formattedLong) to \(end.formattedLong)"
            case let (start?, nil): "from \(start.formattedLong)"
            case let (nil, end?): "up to \(end.formattedLong)"
            case (nil, nil): ""
            }
        }
        let which = bounded.count == 1 ? "the plan’s period (\(spans[0]))" : "the periods of the plans it reports to (\(spans.joined(separator: "; ")))"
        return .init(field: "period", message: "\(longLabel(period)) is outside \(which): values can be recorded only for periods the plan covers")
    }

    /// The plans that bound a measure's values: those with an action linked to it, or every plan
    /// when no action links to it yet (the store's `plansReportedTo(byMeasure:)` reads the same).
    public static func plansReportedTo(byMeasure measureID: Int64, in contents: [PlanContents]) -> [Plan] {
        let linked = contents.filter { $0.actions.contains { $0.measureIDs.contains(measureID) } }.map(\.plan)
        return linked.isEmpty ? contents.map(\.plan) : linked
    }

    /// Why a correction cannot be saved without its reason.
    public static func reasonProblem(_ reason: String) -> ValidationError? {
        let trimmed = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty {
            return .init(field: "reason", message: "Enter why the value is being corrected, for example “late recording of 3 assessments”")
        }
        if trimmed.count > longestReason {
            return .init(field: "reason", message: "The reason must be 2,000 characters or fewer")
        }
        return nil
    }

    /// Everything wrong with a value about to be added or to replace another: the figures' range
    /// (`PlanValidation`, the one rule the API and importers use), the plan period, the note.
    public static func errors(in value: MeasureValue, of measure: Measure, plans: [Plan]) -> [ValidationError] {
        var errors = PlanValidation.errors(in: value, unit: measure.unit)
        if let problem = periodProblem(value.period, plans: plans) { errors.append(problem) }
        if value.note.count > longestNote {
            errors.append(.init(field: "note", message: "The note must be 2,000 characters or fewer"))
        }
        return errors
    }

    /// "Corrected Oct 2026 from 62.5% to 65.0% (numerator 25 → 26). Reason: three late assessments."
    public static func sentence(for correction: ValueCorrection, of measure: Measure) -> String {
        let before = correction.before, after = correction.after
        var changes: [String] = []
        func count(_ value: Double?) -> String { value.map { MeasureFormatting.number($0, decimals: 0) } ?? "not set" }
        if before.numerator != after.numerator { changes.append("numerator \(count(before.numerator)) → \(count(after.numerator))") }
        if before.denominator != after.denominator { changes.append("denominator \(count(before.denominator)) → \(count(after.denominator))") }
        if before.note != after.note { changes.append(after.note.isEmpty ? "note removed" : "note “\(after.note)”") }
        let detail = changes.isEmpty ? "" : " (\(changes.joined(separator: ", ")))"
        let figures = before.value == after.value
            ? "kept \(measure.format(after.value)) for \(longLabel(correction.period))"
            : "\(longLabel(correction.period)) from \(measure.format(before.value)) to \(measure.format(after.value))"
        return "Corrected \(figures)\(detail). Reason: \(correction.reason)"
    }

    /// "Recorded 62.5% for October 2026 (25 of 40)", "… from analysis of annex-a.xlsx".
    public static func sentence(recorded value: MeasureValue, of measure: Measure) -> String {
        var text = "Recorded \(measure.format(value.value)) for \(longLabel(value.period))"
        if let n = value.numerator, let d = value.denominator {
            text += " (\(MeasureFormatting.number(n, decimals: 0)) of \(MeasureFormatting.number(d, decimals: 0)))"
        }
        if let file = value.computedFrom { text += ", computed from \(file)" }
        return text
    }

    /// `October 2026`, `2026-27 Q1 (Apr–Jun 2026)`: a period as it reads inside a sentence.
    public static func longLabel(_ period: Period) -> String {
        if case let .month(year, month) = period { return "\(Day.monthNames[month - 1]) \(year)" }
        return period.readableLabel
    }

    // MARK: Targets, benchmarks, definition

    /// Rules a measure's targets and benchmarks must keep beyond the figures' range: one target a
    /// date, one period target a period, one benchmark of each kind a year, years written
    /// `2025-26` or `2025`, a baseline on a trajectory.
    public static func errors(in measure: Measure) -> [ValidationError] {
        var errors: [ValidationError] = []
        var dates = Set<Day>()
        for (i, target) in measure.targets.enumerated() where !dates.insert(target.dueBy).inserted {
            errors.append(.init(field: "targets[\(i)].dueBy", message: "Two targets are due on \(target.dueBy.formattedLong): keep one target a date"))
        }
        var periods = Set<Period>()
        for (i, target) in measure.periodTargets.enumerated() where !periods.insert(target.period).inserted {
            errors.append(.init(field: "periodTargets[\(i)].period", message: "\(longLabel(target.period)) has two targets: keep one a period"))
        }
        var comparators = Set<String>()
        for (i, benchmark) in measure.benchmarks.enumerated() {
            if !isBenchmarkYear(benchmark.year) {
                errors.append(.init(field: "benchmarks[\(i)].year", message: "Enter the benchmark's year like 2025-26 (a financial year) or 2025"))
            } else if !comparators.insert(benchmark.kind.rawValue + "|" + benchmark.year).inserted {
                errors.append(.init(field: "benchmarks[\(i)].year", message: "There is already a \(benchmark.kind.rawValue) benchmark for \(benchmark.year): change that one instead"))
            }
            if benchmark.source.count > 500 {
                errors.append(.init(field: "benchmarks[\(i)].source", message: "The benchmark's source must be 500 characters or fewer"))
            }
        }
        if let band = measure.band, !(band.lowerBound <= band.upperBound) {
            errors.append(.init(field: "band", message: "The band's low value must not be above its high value"))
        }
        for (field, text, limit) in [("code", measure.code, 50), ("title", measure.title, 300), ("owner", measure.owner, 300),
                                     ("definition", measure.definition, 5_000), ("numeratorText", measure.numeratorText, 1_000),
                                     ("denominatorText", measure.denominatorText, 1_000)] where text.count > limit {
            errors.append(.init(field: field, message: "\(AuditDifference.label(for: field)) must be \(limit >= 1_000 ? "\(limit / 1_000),000" : String(limit)) characters or fewer"))
        }
        return errors
    }

    /// `2025-26` (the second year following the first) or `2025`.
    public static func isBenchmarkYear(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, first.count == 4, let year = Int(first), (1900...2200).contains(year) else { return false }
        if parts.count == 1 { return true }
        guard parts.count == 2, parts[1].count == 2, let next = Int(parts[1]) else { return false }
        return next == (year + 1) % 100
    }
}
