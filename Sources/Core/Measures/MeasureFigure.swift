/// The range a measure's figures may take: values, numerators, denominators, targets, interim
/// targets, tolerances, bands and benchmarks. One rule, used by the API, the forms, the importers
/// (which warn instead of refusing) and every page, chart, export and pack that prints a figure.
///
/// A trillion is far above any real children's services figure (the largest, a budget in pounds,
/// is below ten billion) and far below where a `Double` stops holding whole numbers exactly
/// (2⁵³ ≈ 9×10¹⁵), so every usable figure formats and converts to a whole number safely.
public enum MeasureFigure {
    /// The largest magnitude a figure may have.
    public static let largestMagnitude: Double = 1_000_000_000_000

    /// What a page shows in place of a figure stored before this rule existed (or written into the
    /// database by hand) that is not a number or is out of range.
    public static let unusableText = "unusable value"

    /// Finite and within ±`largestMagnitude`.
    public static func isUsable(_ value: Double) -> Bool {
        value.isFinite && abs(value) <= largestMagnitude
    }

    /// Why `value` cannot be stored as the field called `label` ("the value", "the target"), or
    /// nil when it can. `atLeastZero` for counts, denominators and tolerances.
    public static func problem(_ value: Double, label: String, atLeastZero: Bool = false) -> String? {
        guard value.isFinite else { return "Enter \(label) as a number" }
        if atLeastZero && value < 0 { return "\(capitalised(label)) must be zero or more" }
        guard abs(value) <= largestMagnitude else {
            return atLeastZero ? "\(capitalised(label)) must be from 0 to 1,000,000,000,000"
                : "\(capitalised(label)) must be between -1,000,000,000,000 and 1,000,000,000,000"
        }
        return nil
    }

    private static func capitalised(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.uppercased() + text.dropFirst()
    }
}

extension Measure {
    /// The measure with every figure outside `MeasureFigure`'s range set aside — values, targets,
    /// period targets, the baseline, the band, the tolerance and benchmarks — for what draws or
    /// computes with figures (a chart's scale over 1e300 would be meaningless and its arithmetic
    /// overflows). Pages say how many were set aside with `unusableFigureCount`.
    public var withUsableFigures: Measure {
        var measure = self
        measure.values = values.filter { MeasureFigure.isUsable($0.value) }
        for index in measure.values.indices {
            if let n = measure.values[index].numerator, !MeasureFigure.isUsable(n) { measure.values[index].numerator = nil }
            if let d = measure.values[index].denominator, !MeasureFigure.isUsable(d) { measure.values[index].denominator = nil }
        }
        measure.targets = targets.filter { MeasureFigure.isUsable($0.value) }
        measure.periodTargets = periodTargets.filter { MeasureFigure.isUsable($0.value) }
        if let baseline, !MeasureFigure.isUsable(baseline.value) { measure.baseline = nil }
        if let band, !(MeasureFigure.isUsable(band.lowerBound) && MeasureFigure.isUsable(band.upperBound)) { measure.band = nil }
        if let tolerance, !MeasureFigure.isUsable(tolerance) { measure.tolerance = nil }
        measure.benchmarks = benchmarks.filter { MeasureFigure.isUsable($0.value) }
        return measure
    }

    /// How many values, targets and benchmarks `withUsableFigures` sets aside.
    public var unusableFigureCount: Int {
        values.count(where: { !MeasureFigure.isUsable($0.value) })
            + targets.count(where: { !MeasureFigure.isUsable($0.value) })
            + periodTargets.count(where: { !MeasureFigure.isUsable($0.value) })
            + benchmarks.count(where: { !MeasureFigure.isUsable($0.value) })
    }
}
