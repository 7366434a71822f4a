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
        func small(_ count: Double) -> Bool { count >= 1 && count <= largestSuppressedCount }
        if unit == .count, small(value.value) { return true }
        if let numerator = value.numerator, small(numerator) { return true }
        if let denominator = value.denominator, denominator > 0, denominator < smallestDenominator { return true }
        return false
    }
}
