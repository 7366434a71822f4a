import Core
import Reports

/// A KPI as at a day: the period it is judged for, its value, RAG, direction of travel and
/// exception status. The rules are Core's; this only chooses the period and formats.
struct MeasureSnapshot: Sendable {
    let measure: Measure
    /// The period judged: the latest complete period as at the day, or a later one with a value.
    let period: Period
    let value: MeasureValue?
    let rating: MeasureRating
    let previous: DirectionOfTravel
    let lastYear: DirectionOfTravel
    let exception: ExceptionStatus
    /// The newest value recorded, which may be older than `period` (a return not yet made).
    let latestRecorded: MeasureValue?
    /// The small-number rule for the reader; nil when they see every figure.
    let suppression: SmallNumbers?

    init(measure: Measure, asAt day: Day, suppression: SmallNumbers?) {
        self.measure = measure
        self.suppression = suppression
        let ordered = measure.valuesInOrder
        let expected = Period.containing(day, kind: measure.frequency.periodKind).previous
        let period = ordered.last.map { max($0.period, expected) } ?? expected
        self.period = period
        value = measure.value(for: period)
        let rating = MeasureRules.rating(of: measure, for: period)
        let previous = MeasureRules.direction(of: measure, for: period, comparedWith: period.previous)
        let lastYear = MeasureRules.direction(of: measure, for: period, comparedWith: period.sameLastYear)
        self.rating = suppression?.shared(rating, of: measure) ?? rating
        self.previous = suppression?.shared(previous, of: measure, for: period) ?? previous
        self.lastYear = suppression?.shared(lastYear, of: measure, for: period) ?? lastYear
        exception = MeasureRules.exceptionStatus(of: measure)
        latestRecorded = ordered.last
    }

    func isSuppressed(_ value: MeasureValue) -> Bool {
        suppression?.suppresses(value, unit: measure.unit) ?? false
    }

    /// "62.5%", "Suppressed (small number)", or "No data".
    var valueText: String { value.map(text) ?? "No data" }

    /// A value as the reader may see it.
    func text(_ value: MeasureValue) -> String {
        if let suppression, suppression.suppresses(value, unit: measure.unit) { return suppression.notice }
        return measure.format(value.value)
    }

    /// "Last recorded: 58.0% in Aug 2026", where the judged period has no value but an older one does.
    var lastRecordedText: String? {
        guard value == nil, let latest = latestRecorded else { return nil }
        return "Last recorded: \(text(latest)) in \(latest.period.readableLabel)"
    }

    /// "70.0%", or nil without a target.
    var targetText: String? { rating.target.map { measure.format($0.value) } }

    /// A sparkline of the latest `count` values, named in words.
    /// Empty where a value in it is suppressed: a line's shape would give it away (as in the board pack).
    func sparkline(count: Int = 12, width: Int = 120, height: Int = 28) -> String {
        let values = Array(measure.valuesInOrder.suffix(count))
        if values.contains(where: isSuppressed) { return "" }
        let label: String
        if let first = values.first, let last = values.last, values.count > 1 {
            label = "Trend of \(measure.code) over \(values.count) periods: \(measure.format(first.value)) in \(first.period.readableLabel) to \(measure.format(last.value)) in \(last.period.readableLabel)"
        } else if let only = values.first {
            label = "One value for \(measure.code): \(measure.format(only.value)) in \(only.period.readableLabel)"
        } else {
            label = "No values recorded for \(measure.code)"
        }
        return Sparkline.svg(values: values.map(\.value), width: width, height: height, label: label)
    }
}
