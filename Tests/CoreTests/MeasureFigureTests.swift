import Testing
@testable import Core

/// No figure, however extreme, can trap a page, a chart or an export: formatting, rating and
/// direction of travel over NaN, infinities and magnitudes far beyond any real figure.
@Suite("Measure figures: the range, and formatting that never traps")
struct MeasureFigureTests {
    static let extremes: [Double] = [.nan, .infinity, -.infinity, 1e308, -1e308, .greatestFiniteMagnitude, 1e19, -1e19,
                                     9.3e18, 1e16, 9_007_199_254_740_993, 1e12 + 1, 5e-324, -0.0]

    @Test("formatting any Double at every number of decimals returns text", arguments: extremes)
    func formattingNeverTraps(value: Double) {
        for decimals in -3...9 {
            let text = MeasureFormatting.number(value, decimals: decimals)
            let digits = text.allSatisfy { $0.isASCII && ($0.isNumber || $0 == "-" || $0 == ".") }
            #expect(value.isFinite ? digits && !text.isEmpty : text == "unusable value", "\(value) at \(decimals) decimals reads \(text)")
        }
    }

    @Test("whole numbers too large for their decimals are written out in digits")
    func largeWholeNumbers() {
        #expect(MeasureFormatting.number(1e19, decimals: 0) == "10000000000000000000")
        #expect(MeasureFormatting.number(-2.5e16, decimals: 2) == "-25000000000000000")
        #expect(MeasureFormatting.number(1e300, decimals: 1).count == 301)
        #expect(MeasureFormatting.number(.nan, decimals: 1) == "unusable value")
        #expect(MeasureFormatting.number(.infinity, decimals: 0) == "unusable value")
    }

    @Test("ordinary figures read as before")
    func ordinary() {
        #expect(MeasureFormatting.number(82.46, decimals: 1) == "82.5")
        #expect(MeasureFormatting.number(-3.14159, decimals: 2) == "-3.14")
        #expect(MeasureFormatting.number(14, decimals: 0) == "14")
        #expect(MeasureFormatting.number(0.05, decimals: 1) == "0.1")
        #expect(MeasureFormatting.number(999_999_999_999.25, decimals: 2) == "999999999999.25")
        #expect(MeasureFormatting.number(999_999_999_999, decimals: 6) == "999999999999", "beyond 2⁵³ with its decimals: whole")
    }

    @Test("the range: finite, within a trillion either way; counts at least zero")
    func range() {
        #expect(MeasureFigure.isUsable(1e12))
        #expect(MeasureFigure.isUsable(-1e12))
        #expect(!MeasureFigure.isUsable(1e12 + 1))
        #expect(!MeasureFigure.isUsable(.nan))
        #expect(!MeasureFigure.isUsable(-.infinity))
        #expect(MeasureFigure.problem(50, label: "the value") == nil)
        #expect(MeasureFigure.problem(1e19, label: "the value") == "The value must be between -1,000,000,000,000 and 1,000,000,000,000")
        #expect(MeasureFigure.problem(-1, label: "the denominator", atLeastZero: true) == "The denominator must be zero or more")
        #expect(MeasureFigure.problem(.nan, label: "the target") == "Enter the target as a number")
    }

    static func measure(values: [Double], target: Double) -> Measure {
        let periods = (1...values.count).map { Period.month(year: 2026, month: $0) }
        return Measure(id: 1, organisationID: 1, code: "M1", title: "Re-referrals", unit: .percentage, polarity: .lowerIsBetter,
                       targets: [Target(value: target, dueBy: Day(2027, 3, 31))],
                       values: zip(periods, values).map { MeasureValue(period: $0, value: $1, asAt: Day(2026, 11, 1)) })
    }

    @Test("an unusable stored value is not rated; the reason says so and what to do", arguments: [Double.nan, .infinity, 1e300, -1e19])
    func unusableValueNotRated(value: Double) {
        let measure = Self.measure(values: [20, value], target: 18)
        let rating = MeasureRules.rating(of: measure, for: Period.month(year: 2026, month: 2))
        #expect(rating.rag == .noData)
        #expect(rating.value == nil)
        #expect(rating.reasons.joined().contains("unusable value"))
        #expect(rating.reasons.joined().contains("correct it"))
        let travel = MeasureRules.direction(of: measure, for: Period.month(year: 2026, month: 2), comparedWith: Period.month(year: 2026, month: 1))
        #expect(travel.judgement == .notAvailable)
        #expect(measure.format(value) == "unusable value")
    }

    @Test("an unusable target leaves the value unrated against it")
    func unusableTarget() {
        let measure = Self.measure(values: [20], target: 1e300)
        let rating = MeasureRules.rating(of: measure, for: Period.month(year: 2026, month: 1))
        #expect(rating.rag == .noTarget)
        #expect(rating.reasons.joined().contains("unusable value"))
    }

    @Test("setting unusable figures aside keeps the rest, and counts what it left")
    func usableFigures() {
        var measure = Self.measure(values: [20, .infinity, 1e300, 19], target: 1e15)
        measure.benchmarks = [Benchmark(kind: .england, year: "2024-25", value: 21), Benchmark(kind: .region, year: "2024-25", value: -.infinity)]
        measure.band = 1...1e20
        let usable = measure.withUsableFigures
        #expect(usable.values.map(\.value) == [20, 19])
        #expect(usable.targets.isEmpty)
        #expect(usable.benchmarks.count == 1)
        #expect(usable.band == nil)
        #expect(measure.unusableFigureCount == 4)
    }
}
