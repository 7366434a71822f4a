/// The KPI rules of `domain.md`: target in force, RAG, direction of travel, exceptions.
public enum MeasureRules {
    /// Guards comparisons at tolerance edges against binary rounding (85.0 vs 90 − 5).
    static let epsilon = 1e-9

    /// The target a period is judged against, or nil where the measure has none.
    public static func targetInForce(for measure: Measure, in period: Period) -> TargetInForce? {
        if measure.polarity == .withinBand {
            // A band measure is judged only against its band; without one it has no target.
            guard let band = measure.band else { return nil }
            let text = "\(measure.format(band.lowerBound)) to \(measure.format(band.upperBound))"
            return TargetInForce(value: (band.lowerBound + band.upperBound) / 2, basis: .band,
                                 reason: "Band of \(text)")
        }
        if let explicit = measure.periodTargets.first(where: { $0.period == period }) {
            return TargetInForce(value: explicit.value, basis: .periodTarget,
                                 reason: "Target of \(measure.format(explicit.value)) set for \(period.longText)")
        }
        let targets = measure.targets.sorted { $0.dueBy < $1.dueBy }
        guard let final = targets.last else { return nil }
        let end = period.end
        guard let nextIndex = targets.firstIndex(where: { $0.dueBy >= end }) else {
            return TargetInForce(value: final.value, basis: .finalTarget,
                                 reason: "Final target of \(measure.format(final.value)) (due by \(final.dueBy.formatted))")
        }
        let next = targets[nextIndex]
        let kind = next.isInterim ? "interim target" : "target"
        if measure.followsTrajectory {
            let previous: (value: Double, date: Day, label: String)? =
                nextIndex > 0
                ? (targets[nextIndex - 1].value, targets[nextIndex - 1].dueBy,
                   "the target of \(measure.format(targets[nextIndex - 1].value)) due by \(targets[nextIndex - 1].dueBy.formatted)")
                : measure.baseline.flatMap { b in
                    b.date < next.dueBy ? (b.value, b.date, "the baseline of \(measure.format(b.value)) on \(b.date.formatted)") : nil
                }
            if let previous, previous.date < next.dueBy {
                let span = Double(previous.date.days(until: next.dueBy))
                let along = Double(previous.date.days(until: end))
                let share = max(0, min(1, along / span))
                let value = previous.value + (next.value - previous.value) * share
                return TargetInForce(
                    value: value, basis: .trajectory,
                    reason: "Trajectory target of \(measure.format(value)) at \(end.formatted), on the path from \(previous.label) to the \(kind) of \(measure.format(next.value)) due by \(next.dueBy.formatted)")
            }
        }
        return TargetInForce(value: next.value, basis: .nextTarget,
                             reason: "The next \(kind) due: \(measure.format(next.value)) by \(next.dueBy.formatted)")
    }

    /// Rates the measure's value for `period` against the target in force.
    public static func rating(of measure: Measure, for period: Period) -> MeasureRating {
        rating(of: measure, value: measure.value(for: period)?.value, for: period)
    }

    /// Rates a given value (which may be missing) for `period`.
    public static func rating(of measure: Measure, value: Double?, for period: Period) -> MeasureRating {
        let target = targetInForce(for: measure, in: period)
        guard let value else {
            return MeasureRating(period: period, rag: .noData, value: nil, target: target,
                                 reasons: ["No value recorded for \(period.longText)"])
        }
        // Figures stored before the range was enforced are not rated: a rating on them would
        // mislead, and arithmetic on infinities explains nothing.
        guard MeasureFigure.isUsable(value) else {
            return MeasureRating(period: period, rag: .noData, value: nil, target: target,
                                 reasons: ["The value recorded for \(period.longText) is an \(MeasureFigure.unusableText) (not a number, or beyond ±1,000,000,000,000); correct it"])
        }
        guard let target else {
            return MeasureRating(period: period, rag: .noTarget, value: value, target: nil,
                                 reasons: ["\(measure.format(value)) in \(period.longText); no target has been set"])
        }
        guard MeasureFigure.isUsable(target.value) else {
            return MeasureRating(period: period, rag: .noTarget, value: value, target: nil,
                                 reasons: ["\(measure.format(value)) in \(period.longText); the target in force is an \(MeasureFigure.unusableText), so it is not rated"])
        }
        let shown = measure.format(value)
        switch measure.polarity {
        case .withinBand:
            guard let band = measure.band else {
                return MeasureRating(period: period, rag: .noTarget, value: value, target: nil,
                                     reasons: ["\(shown) in \(period.longText); the measure has no band set"])
            }
            if value >= band.lowerBound - epsilon && value <= band.upperBound + epsilon {
                return MeasureRating(period: period, rag: .green, value: value, target: target,
                                     reasons: ["\(shown) is inside the band of \(measure.format(band.lowerBound)) to \(measure.format(band.upperBound))"])
            }
            let edge = value < band.lowerBound ? band.lowerBound : band.upperBound
            let tolerance = measure.effectiveTolerance(around: edge)
            let outside = abs(value - edge)
            let side = value < band.lowerBound ? "below" : "above"
            if outside <= tolerance + epsilon {
                return MeasureRating(period: period, rag: .amber, value: value, target: target,
                                     reasons: ["\(shown) is \(side) the band by \(measure.format(outside)), within the tolerance of \(measure.format(tolerance))"])
            }
            return MeasureRating(period: period, rag: .red, value: value, target: target,
                                 reasons: ["\(shown) is \(side) the band by \(measure.format(outside)), beyond the tolerance of \(measure.format(tolerance))"])
        case .higherIsBetter, .lowerIsBetter:
            let higher = measure.polarity == .higherIsBetter
            // Positive shortfall means worse than target.
            let shortfall = higher ? target.value - value : value - target.value
            let tolerance = measure.effectiveTolerance(around: target.value)
            let targetText = "\(measure.format(target.value)) (\(target.reason.prefix(1).lowercased() + target.reason.dropFirst()))"
            if shortfall <= epsilon {
                return MeasureRating(period: period, rag: .green, value: value, target: target,
                                     reasons: ["\(shown) in \(period.longText) meets the target of \(targetText)"])
            }
            let gap = measure.format(shortfall).replacingOccurrences(of: "%", with: " percentage points")
            let worse = higher ? "below" : "above"
            if shortfall <= tolerance + epsilon {
                return MeasureRating(period: period, rag: .amber, value: value, target: target,
                                     reasons: ["\(shown) in \(period.longText) is \(gap) \(worse) the target of \(targetText), within tolerance"])
            }
            return MeasureRating(period: period, rag: .red, value: value, target: target,
                                 reasons: ["\(shown) in \(period.longText) is \(gap) \(worse) the target of \(targetText), beyond the tolerance of \(measure.format(tolerance).replacingOccurrences(of: "%", with: " points"))"])
        }
    }

    /// Direction of travel of `period` against another period (the previous one, or the same one last year).
    public static func direction(of measure: Measure, for period: Period, comparedWith other: Period) -> DirectionOfTravel {
        guard let current = measure.value(for: period)?.value else {
            return DirectionOfTravel(judgement: .notAvailable, movement: .none, comparedWith: other,
                                     reason: "No value for \(period.longText)")
        }
        guard let earlier = measure.value(for: other)?.value else {
            return DirectionOfTravel(judgement: .notAvailable, movement: .none, comparedWith: other,
                                     reason: "No value for \(other.longText) to compare with")
        }
        guard MeasureFigure.isUsable(current), MeasureFigure.isUsable(earlier) else {
            return DirectionOfTravel(judgement: .notAvailable, movement: .none, comparedWith: other,
                                     reason: "An \(MeasureFigure.unusableText) is recorded for \(MeasureFigure.isUsable(current) ? other.longText : period.longText)")
        }
        let change = current - earlier
        let movement: DirectionOfTravel.Movement = change > epsilon ? .up : (change < -epsilon ? .down : .level)
        let from = "from \(measure.format(earlier)) in \(other.longText) to \(measure.format(current)) in \(period.longText)"

        // How much better the new value is: positive is better.
        let betterBy: Double
        let threshold: Double
        switch measure.polarity {
        case .higherIsBetter:
            betterBy = change
            threshold = measure.unit.isPercentage ? 1 : abs(earlier) * 0.02
        case .lowerIsBetter:
            betterBy = -change
            threshold = measure.unit.isPercentage ? 1 : abs(earlier) * 0.02
        case .withinBand:
            let band = measure.band ?? (earlier...earlier)
            func distance(_ v: Double) -> Double { v < band.lowerBound ? band.lowerBound - v : (v > band.upperBound ? v - band.upperBound : 0) }
            betterBy = distance(earlier) - distance(current)
            threshold = measure.unit.isPercentage ? 1 : abs(earlier) * 0.02
        }
        if abs(betterBy) < threshold - epsilon || abs(betterBy) <= epsilon {
            return DirectionOfTravel(judgement: .noChange, movement: movement, comparedWith: other,
                                     reason: "No change: \(from)")
        }
        return DirectionOfTravel(judgement: betterBy > 0 ? .improving : .declining, movement: movement,
                                 comparedWith: other,
                                 reason: "\(betterBy > 0 ? "Improving" : "Declining"): \(from)")
    }

    /// Whether the measure is an exception as at its latest value, under `policy`.
    public static func exceptionStatus(of measure: Measure, policy: ExceptionPolicy = .standard) -> ExceptionStatus {
        let ordered = measure.valuesInOrder
        guard !ordered.isEmpty else {
            return ExceptionStatus(isException: false, since: nil, reason: "No data")
        }
        var inException = false
        var since: Period?
        var redRun = 0
        var lastRed: Period?
        var previousRAG: MeasureRAG?
        var reason = ""
        for value in ordered {
            let rag = rating(of: measure, value: value.value, for: value.period).rag
            switch rag {
            case .red:
                redRun += 1
                lastRed = value.period
                let newly = previousRAG != .red
                if !inException && (redRun >= policy.consecutiveRedPeriods || (newly && policy.newlyRedIsException)) {
                    inException = true
                    since = value.period
                }
                if redRun >= 2 {
                    reason = "Red for \(redRun) consecutive periods, to \(value.period.longText)"
                } else {
                    reason = "Newly Red in \(value.period.longText)" + (previousRAG.map { " (was \($0.colour))" } ?? "")
                }
                if !inException {
                    reason += "; not yet an exception (\(policy.consecutiveRedPeriods) Red periods needed)"
                }
            case .green:
                redRun = 0
                inException = false
                since = nil
                reason = "Green in \(value.period.longText)"
            case .amber, .noTarget, .noData:
                redRun = 0
                if inException, let lastRed {
                    reason = "\(rag.colour) in \(value.period.longText), not back to Green since Red in \(lastRed.longText)"
                } else {
                    reason = "\(rag.colour) in \(value.period.longText)"
                }
            }
            previousRAG = rag
        }
        return ExceptionStatus(isException: inException, since: inException ? since : nil, reason: reason)
    }

    /// "Is it making a difference?" suggested from the linked measures' latest values; with
    /// `suppression`, the reasons leave out figures it suppresses.
    public static func suggestedDifference(from measures: [Measure], suppression: SmallNumbers? = nil) -> (Difference, [String]) {
        var findings: [(Difference, String)] = []
        for measure in measures {
            guard let latest = measure.valuesInOrder.last else {
                findings.append((.tooEarly, "\(measure.code) \(measure.title): no data yet"))
                continue
            }
            let rated = rating(of: measure, value: latest.value, for: latest.period)
            if rated.rag == .green {
                findings.append((.makingADifference, "\(measure.code) \(measure.title): target met in \(latest.period.longText)"))
                continue
            }
            let judged = direction(of: measure, for: latest.period, comparedWith: latest.period.previous)
            let travel = suppression.map { $0.shared(judged, of: measure, for: latest.period) } ?? judged
            switch travel.judgement {
            case .improving:
                findings.append((.someDifference, "\(measure.code) \(measure.title): improving towards target (\(travel.reason.prefix(1).lowercased() + travel.reason.dropFirst()))"))
            case .declining:
                findings.append((.notYet, "\(measure.code) \(measure.title): worsening (\(travel.reason.prefix(1).lowercased() + travel.reason.dropFirst()))"))
            case .noChange, .notAvailable:
                findings.append((.notYet, "\(measure.code) \(measure.title): not yet moving towards target"))
            }
        }
        let withData = findings.filter { $0.0 != .tooEarly }
        guard !withData.isEmpty else {
            return (.tooEarly, findings.isEmpty ? ["No linked measures"] : findings.map(\.1))
        }
        // The most cautious finding wins: a board should not read "making a difference" while one measure worsens.
        let order: [Difference] = [.notYet, .someDifference, .makingADifference]
        let overall = order.first { d in withData.contains { $0.0 == d } }!
        return (overall, findings.map(\.1))
    }
}
