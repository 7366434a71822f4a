/// Small-number suppression for shared outputs (domain.md): counts from 1 to 5, and rates on
/// denominators under 10, are not shown. Zero is shown: it identifies no one.
public struct SmallNumbers: Sendable, Codable, Hashable {
    /// The largest count suppressed (1…this).
    public var largestSuppressedCount: Double
    /// Rates on denominators below this are suppressed.
    public var smallestDenominator: Double

    public init(largestSuppressedCount: Double = 5, smallestDenominator: Double = 10) {
        self.largestSuppressedCount = largestSuppressedCount
        self.smallestDenominator = smallestDenominator
    }

    public static let standard = SmallNumbers()

    /// What a suppressed value reads as.
    public var notice: String { "Suppressed (small number)" }

    /// The rule in words, for the foot of the scorecard.
    public var rule: String {
        "Small numbers are suppressed: counts from 1 to \(Int(largestSuppressedCount)), and rates on fewer than \(Int(smallestDenominator)) children."
    }

    public func suppresses(_ value: MeasureValue, unit: Measure.Unit) -> Bool {
        suppresses(value.value, numerator: value.numerator, denominator: value.denominator, unit: unit)
    }

    /// The rule over the figures alone, for a value read back from the audit trail.
    public func suppresses(_ value: Double, numerator: Double?, denominator: Double?, unit: Measure.Unit) -> Bool {
        func small(_ count: Double) -> Bool { count >= 1 && count <= largestSuppressedCount }
        if unit == .count, small(value) { return true }
        if let numerator, small(numerator) { return true }
        if let denominator, denominator > 0, denominator < smallestDenominator { return true }
        return false
    }
}

// What a shared output may say about a measure. The RAG and the direction-of-travel word stay, as
// in the board pack's scorecard; the figures, and the sentences that quote them, do not.
extension SmallNumbers {
    /// Whether the value recorded for `period` is suppressed (false where none is recorded).
    public func suppresses(_ measure: Measure, in period: Period) -> Bool {
        measure.value(for: period).map { suppresses($0, unit: measure.unit) } ?? false
    }

    /// The rating without its value where that value is suppressed.
    public func shared(_ rating: MeasureRating, of measure: Measure) -> MeasureRating {
        guard suppresses(measure, in: rating.period) else { return rating }
        var shared = rating
        shared.value = nil
        let against = rating.target.map { ", rated against the target of \(measure.format($0.value))" } ?? ""
        shared.reasons = ["\(rating.period.longText): \(notice.lowercased())\(against)"]
        return shared
    }

    /// The direction of travel without the figures where either of the two is suppressed.
    public func shared(_ travel: DirectionOfTravel, of measure: Measure, for period: Period) -> DirectionOfTravel {
        guard suppresses(measure, in: period) || suppresses(measure, in: travel.comparedWith) else { return travel }
        var shared = travel
        shared.reason = "\(travel.word): \(period.longText) compared with \(travel.comparedWith.longText); the figures are suppressed (small numbers)"
        return shared
    }
}
