import Testing
@testable import Core

/// The rules for changing a measure after it exists, which the forms, the API and the store share.
@Suite("Measure editing rules")
struct MeasureEditingRulesTests {
    static let plan = Plan(organisationID: 1, title: "Improvement plan", periodStart: Day(2025, 4, 1), periodEnd: Day(2027, 3, 31))
    static let measure = Measure(organisationID: 1, code: "42", title: "Assessments within 45 working days", unit: .percentage, decimals: 1)

    @Test("a percentage is worked out from numerator and denominator; a rate per 10,000 too; the value as given wins")
    func figures() throws {
        #expect(try MeasureEditing.figure(value: nil, numerator: 25, denominator: 40, unit: .percentage).get() == 62.5)
        #expect(try MeasureEditing.figure(value: nil, numerator: 41, denominator: 100_000, unit: .ratePer10k).get() == 4.1)
        #expect(try MeasureEditing.figure(value: nil, numerator: 30, denominator: 12, unit: .days).get() == 2.5)
        #expect(try MeasureEditing.figure(value: 70, numerator: 25, denominator: 40, unit: .percentage).get() == 70)
    }

    @Test("a missing half of the fraction, a zero or impossible denominator, or nothing at all names the field to fix",
          arguments: [(nil, 5.0, nil, "denominator"), (nil, nil, 5.0, "numerator"), (nil, 5.0, 0.0, "denominator"),
                      (1.0, nil, -3.0, "denominator"), (nil, 5.0, Double.nan, "denominator"), (nil, nil, nil, "value")] as [(Double?, Double?, Double?, String)])
    func figureProblems(value: Double?, numerator: Double?, denominator: Double?, field: String) {
        guard case let .failure(error) = MeasureEditing.figure(value: value, numerator: numerator, denominator: denominator, unit: .percentage) else {
            Issue.record("expected a refusal")
            return
        }
        #expect(error.field == field)
    }

    @Test("a period overlapping the plan is allowed; one after its end or before its start is refused, saying the plan's dates")
    func planPeriod() {
        #expect(MeasureEditing.periodProblem(.month(year: 2025, month: 4), plans: [Self.plan]) == nil)
        #expect(MeasureEditing.periodProblem(.month(year: 2027, month: 3), plans: [Self.plan]) == nil)
        // A financial year that overlaps the plan's first months counts as inside.
        #expect(MeasureEditing.periodProblem(.financialYear(startYear: 2024), plans: [Self.plan]) != nil)
        #expect(MeasureEditing.periodProblem(.financialYear(startYear: 2026), plans: [Self.plan]) == nil)
        let after = MeasureEditing.periodProblem(.month(year: 2030, month: 1), plans: [Self.plan])
        #expect(after?.field == "period")
        #expect(after?.message == "January 2030 is outside the plan’s period (1 April 2025 to 31 March 2027): values can be recorded only for periods the plan covers")
        #expect(MeasureEditing.periodProblem(.month(year: 2025, month: 3), plans: [Self.plan]) != nil)
    }

    @Test("plans without dates, or no plans, set no bound; with several plans, any one covering the period is enough")
    func planPeriodWithoutDates() {
        let undated = Plan(organisationID: 1, title: "Tracker")
        #expect(MeasureEditing.periodProblem(.month(year: 2040, month: 1), plans: [undated]) == nil)
        #expect(MeasureEditing.periodProblem(.month(year: 2040, month: 1), plans: []) == nil)
        let later = Plan(organisationID: 1, title: "Second plan", periodStart: Day(2027, 4, 1), periodEnd: Day(2029, 3, 31))
        #expect(MeasureEditing.periodProblem(.month(year: 2028, month: 6), plans: [Self.plan, later]) == nil)
        #expect(MeasureEditing.periodProblem(.month(year: 2030, month: 6), plans: [Self.plan, later])?.message.contains("the periods of the plans it reports to") == true)
    }

    @Test("the plans bounding a measure are those whose actions link it, or all of them while none does")
    func plansReportedTo() {
        var first = Self.plan
        first.id = 1
        let second = Plan(id: 2, organisationID: 1, title: "Scrutiny tracker", periodStart: Day(2027, 4, 1), periodEnd: Day(2028, 3, 31))
        let linking = Action(areaID: 1, ref: "1.1", title: "Audit visits", measureIDs: [7])
        let contents = [PlanContents(plan: first, themes: [], areas: [], actions: []),
                        PlanContents(plan: second, themes: [], areas: [], actions: [linking])]
        #expect(MeasureEditing.plansReportedTo(byMeasure: 7, in: contents).map(\.id) == [2])
        #expect(MeasureEditing.plansReportedTo(byMeasure: 8, in: contents).map(\.id) == [1, 2])
    }

    @Test("a correction needs a reason, of at most 2,000 characters")
    func reasons() {
        #expect(MeasureEditing.reasonProblem("")?.field == "reason")
        #expect(MeasureEditing.reasonProblem("   \n ")?.field == "reason")
        #expect(MeasureEditing.reasonProblem(String(repeating: "a", count: 2_001))?.message == "The reason must be 2,000 characters or fewer")
        #expect(MeasureEditing.reasonProblem("Three assessments were recorded late") == nil)
    }

    @Test("a value beyond the figure range, a numerator above its denominator, or outside the plan is refused with every reason")
    func valueErrors() {
        let huge = MeasureValue(period: .month(year: 2030, month: 1), value: 1e13, numerator: 50, denominator: 40, asAt: Day(2026, 11, 5))
        let fields = MeasureEditing.errors(in: huge, of: Self.measure, plans: [Self.plan]).map(\.field)
        #expect(fields == ["value", "numerator", "period"])
    }

    @Test("a correction reads in words with figures formatted as the measure formats them")
    func correctionSentence() {
        let before = MeasureValue(period: .month(year: 2026, month: 10), value: 62.5, numerator: 25, denominator: 40, asAt: Day(2026, 11, 5))
        var after = before
        after.value = 65
        after.numerator = 26
        let correction = ValueCorrection(measureID: 1, period: before.period, before: before, after: after,
                                         reason: "One assessment was recorded late", correctedBy: "Sam Okafor", correctedAt: "2026-11-23T10:00:00Z")
        #expect(MeasureEditing.sentence(for: correction, of: Self.measure)
                == "Corrected October 2026 from 62.5% to 65.0% (numerator 25 → 26). Reason: One assessment was recorded late")
        #expect(MeasureEditing.sentence(recorded: before, of: Self.measure) == "Recorded 62.5% for October 2026 (25 of 40)")
        var computed = before
        computed.computedFrom = "annex-a.xlsx"
        #expect(MeasureEditing.sentence(recorded: computed, of: Self.measure) == "Recorded 62.5% for October 2026 (25 of 40), computed from annex-a.xlsx")
    }

    @Test("two targets on one date, two targets for one period, two benchmarks of a kind for a year, or a year written wrongly are refused")
    func targetAndBenchmarkRules() {
        var measure = Self.measure
        measure.targets = [Target(value: 70, dueBy: Day(2026, 10, 31), isInterim: true), Target(value: 95, dueBy: Day(2026, 10, 31))]
        measure.periodTargets = [PeriodTarget(period: .month(year: 2026, month: 5), value: 60), PeriodTarget(period: .month(year: 2026, month: 5), value: 61)]
        measure.benchmarks = [Benchmark(kind: .england, year: "2025-26", value: 21), Benchmark(kind: .england, year: "2025-26", value: 22),
                              Benchmark(kind: .region, year: "2025-27", value: 20)]
        let fields = MeasureEditing.errors(in: measure).map(\.field)
        #expect(fields == ["targets[1].dueBy", "periodTargets[1].period", "benchmarks[1].year", "benchmarks[2].year"])
        measure.targets.removeLast()
        measure.periodTargets.removeLast()
        measure.benchmarks = [Benchmark(kind: .england, year: "2025-26", value: 21), Benchmark(kind: .region, year: "2025-26", value: 20),
                              Benchmark(kind: .england, year: "2024", value: 19)]
        #expect(MeasureEditing.errors(in: measure).isEmpty)
    }

    @Test("benchmark years", arguments: [("2025-26", true), ("2025", true), ("1999-00", true), ("2025-27", false), ("25-26", false),
                                         ("2025/26", false), ("", false), ("abcd", false), ("2025-26-27", false)])
    func benchmarkYears(text: String, valid: Bool) {
        #expect(MeasureEditing.isBenchmarkYear(text) == valid)
    }
}
