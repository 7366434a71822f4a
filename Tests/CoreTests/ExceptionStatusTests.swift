import Testing
@testable import Core

/// Higher is better, percentage, target 80 (tolerance 5): 85 is Green, 77 Amber, 70 Red.
private let green = 85.0, amber = 77.0, red = 70.0

/// Values for consecutive months from January 2024, given out of order to show they are sorted by period.
private func makeMeasure(_ series: [Double], target: Double? = 80) -> Measure {
    let values = series.enumerated().map { index, value in
        MeasureValue(id: Int64(index), period: .month(year: 2024, month: index + 1), value: value, asAt: Day(2024, 6, 1))
    }
    return Measure(id: 1, organisationID: 1, code: "42", title: "Visits within timescale", decimals: 0,
                   targets: target.map { [Target(value: $0, dueBy: Day(2025, 3, 31))] } ?? [],
                   values: values.reversed())
}

private func month(_ m: Int) -> Period { .month(year: 2024, month: m) }

@Suite("Exceptions: Red twice, or newly Red, until Green again")
struct ExceptionStatusTests {
    // MARK: Standard policy: two Red periods, or newly Red

    @Test("No values: not an exception")
    func noData() {
        let status = MeasureRules.exceptionStatus(of: makeMeasure([]))
        #expect(!status.isException)
        #expect(status.since == nil)
        #expect(status.reason == "No data")
    }

    @Test("Newly Red after Green is an exception at once")
    func newlyRed() {
        let status = MeasureRules.exceptionStatus(of: makeMeasure([green, red]))
        #expect(status.isException)
        #expect(status.since == month(2))
        #expect(status.reason == "Newly Red in February 2024 (was Green)")
    }

    @Test("Red in the first period recorded is newly Red")
    func firstValueRed() {
        let status = MeasureRules.exceptionStatus(of: makeMeasure([red]))
        #expect(status.isException)
        #expect(status.since == month(1))
        #expect(status.reason == "Newly Red in January 2024")
    }

    @Test("Red in the latest period and the one before: an exception since the first Red")
    func redTwice() {
        let status = MeasureRules.exceptionStatus(of: makeMeasure([green, red, red]))
        #expect(status.isException)
        #expect(status.since == month(2))
        #expect(status.reason == "Red for 2 consecutive periods, to March 2024")
    }

    @Test("Amber after Red stays an exception until Green")
    func amberAfterRed() {
        let status = MeasureRules.exceptionStatus(of: makeMeasure([green, red, amber, amber]))
        #expect(status.isException)
        #expect(status.since == month(2))
        #expect(status.reason == "Amber in April 2024, not back to Green since Red in February 2024")
    }

    @Test("Green clears the exception")
    func greenClears() {
        let status = MeasureRules.exceptionStatus(of: makeMeasure([red, red, amber, green]))
        #expect(!status.isException)
        #expect(status.since == nil)
        #expect(status.reason == "Green in April 2024")
    }

    @Test("Red again after Green is a new exception from the new Red")
    func redAgain() {
        let status = MeasureRules.exceptionStatus(of: makeMeasure([red, green, amber, red]))
        #expect(status.isException)
        #expect(status.since == month(4))
        #expect(status.reason == "Newly Red in April 2024 (was Amber)")
    }

    @Test("Amber or Green alone is never an exception")
    func neverRed() {
        let status = MeasureRules.exceptionStatus(of: makeMeasure([green, amber, amber, amber]))
        #expect(!status.isException)
        #expect(status.reason == "Amber in April 2024")
    }

    @Test("Without a target there is no Red and no exception")
    func noTarget() {
        let status = MeasureRules.exceptionStatus(of: makeMeasure([10, 5], target: nil))
        #expect(!status.isException)
        #expect(status.reason == "No target in February 2024")
    }

    // MARK: Policy: only consecutive Red periods

    private static let consecutiveOnly = ExceptionPolicy(consecutiveRedPeriods: 2, newlyRedIsException: false)

    @Test("Newly Red is not yet an exception when the policy says so")
    func newlyRedNotException() {
        let status = MeasureRules.exceptionStatus(of: makeMeasure([green, red]), policy: Self.consecutiveOnly)
        #expect(!status.isException)
        #expect(status.since == nil)
        #expect(status.reason == "Newly Red in February 2024 (was Green); not yet an exception (2 Red periods needed)")
    }

    @Test("The second consecutive Red makes it an exception, since that period")
    func secondRed() {
        let status = MeasureRules.exceptionStatus(of: makeMeasure([green, red, red]), policy: Self.consecutiveOnly)
        #expect(status.isException)
        #expect(status.since == month(3))
        #expect(status.reason == "Red for 2 consecutive periods, to March 2024")
    }

    @Test("Red periods broken by Amber are not consecutive")
    func brokenRun() {
        let status = MeasureRules.exceptionStatus(of: makeMeasure([red, amber, red]), policy: Self.consecutiveOnly)
        #expect(!status.isException)
        #expect(status.reason == "Newly Red in March 2024 (was Amber); not yet an exception (2 Red periods needed)")
    }

    @Test("Amber after a single Red under that policy is not an exception")
    func amberAfterSingleRed() {
        let status = MeasureRules.exceptionStatus(of: makeMeasure([red, amber]), policy: Self.consecutiveOnly)
        #expect(!status.isException)
        #expect(status.reason == "Amber in February 2024")
    }

    @Test("Three Red periods needed", arguments: [
        ([red, red], false), ([red, red, red], true), ([green, red, red, red, amber], true), ([red, red, amber, red], false),
    ])
    func threeNeeded(series: [Double], isException: Bool) {
        let policy = ExceptionPolicy(consecutiveRedPeriods: 3, newlyRedIsException: false)
        #expect(MeasureRules.exceptionStatus(of: makeMeasure(series), policy: policy).isException == isException)
    }

    @Test("Three Red periods needed: the reason says how many")
    func threeNeededReason() {
        let policy = ExceptionPolicy(consecutiveRedPeriods: 3, newlyRedIsException: false)
        let status = MeasureRules.exceptionStatus(of: makeMeasure([red, red]), policy: policy)
        #expect(status.reason == "Red for 2 consecutive periods, to February 2024; not yet an exception (3 Red periods needed)")
        #expect(MeasureRules.exceptionStatus(of: makeMeasure([green, red, red, red]), policy: policy).since == month(4))
    }

    @Test("The policy needs at least one Red period; the default is two, or newly Red")
    func policyDefaults() {
        #expect(ExceptionPolicy(consecutiveRedPeriods: 0).consecutiveRedPeriods == 1)
        #expect(ExceptionPolicy.standard.consecutiveRedPeriods == 2)
        #expect(ExceptionPolicy.standard.newlyRedIsException)
    }
}
