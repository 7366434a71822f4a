import Testing
@testable import Core

private let march = Period.month(year: 2024, month: 3)

/// One target of `target` due 31 March 2025, so every 2024 month is judged against it as "the next target due".
private func makeMeasure(unit: Measure.Unit = .percentage, polarity: Measure.Polarity = .higherIsBetter,
                         target: Double? = 80, band: ClosedRange<Double>? = nil, tolerance: Double? = nil,
                         decimals: Int = 1, values: [MeasureValue] = []) -> Measure {
    Measure(id: 1, organisationID: 1, code: "42", title: "Visits within timescale", unit: unit, polarity: polarity,
            band: band, decimals: decimals, targets: target.map { [Target(value: $0, dueBy: Day(2025, 3, 31))] } ?? [],
            tolerance: tolerance, values: values)
}

private func rag(_ measure: Measure, _ value: Double) -> MeasureRAG {
    MeasureRules.rating(of: measure, value: value, for: march).rag
}

@Suite("KPI RAG against the target in force")
struct MeasureRatingTests {
    // MARK: Higher is better

    @Test("Higher is better, percentage: tolerance 5 percentage points", arguments: [
        (95.0, MeasureRAG.green), (80.0, .green), (79.9, .amber), (75.0, .amber), (74.9, .red), (74.99, .red), (10, .red),
    ])
    func higherPercentage(value: Double, expected: MeasureRAG) {
        #expect(rag(makeMeasure(), value) == expected)
    }

    @Test("Higher is better: the reasons give the gap in percentage points and the target used")
    func higherReasons() {
        let measure = makeMeasure()
        let green = MeasureRules.rating(of: measure, value: 82.5, for: march)
        #expect(green.reasons == ["82.5% in March 2024 meets the target of 80.0% (the next target due: 80.0% by 31 March 2025)"])
        #expect(green.value == 82.5)
        #expect(green.target?.value == 80)
        #expect(green.period == march)
        let amber = MeasureRules.rating(of: measure, value: 75, for: march)
        #expect(amber.reasons == ["75.0% in March 2024 is 5.0 percentage points below the target of 80.0% (the next target due: 80.0% by 31 March 2025), within tolerance"])
        let red = MeasureRules.rating(of: measure, value: 74.9, for: march)
        #expect(red.reasons == ["74.9% in March 2024 is 5.1 percentage points below the target of 80.0% (the next target due: 80.0% by 31 March 2025), beyond the tolerance of 5.0 points"])
        #expect(red.summary == "Red: " + red.reasons[0])
    }

    @Test("Exactly at tolerance is Amber despite binary rounding (70.3 − 65.3)")
    func roundingAtTolerance() {
        #expect(rag(makeMeasure(target: 70.3), 65.3) == .amber)
        #expect(rag(makeMeasure(target: 70.3), 65.2) == .red)
        #expect(rag(makeMeasure(target: 90.1), 90.1) == .green)
    }

    @Test("Higher is better, count: tolerance 5% of the target", arguments: [
        (40.0, MeasureRAG.green), (38.0, .amber), (37.9, .red), (41, .green),
    ])
    func higherCount(value: Double, expected: MeasureRAG) {
        #expect(rag(makeMeasure(unit: .count, target: 40, decimals: 0), value) == expected)
    }

    // MARK: Lower is better

    @Test("Lower is better, percentage", arguments: [
        (15.0, MeasureRAG.green), (20.0, .green), (20.1, .amber), (25.0, .amber), (25.1, .red),
    ])
    func lowerPercentage(value: Double, expected: MeasureRAG) {
        #expect(rag(makeMeasure(polarity: .lowerIsBetter, target: 20), value) == expected)
    }

    @Test("Lower is better, count: tolerance 5% of 200 is 10", arguments: [
        (190.0, MeasureRAG.green), (200.0, .green), (210.0, .amber), (211.0, .red),
    ])
    func lowerCount(value: Double, expected: MeasureRAG) {
        #expect(rag(makeMeasure(unit: .count, polarity: .lowerIsBetter, target: 200, decimals: 0), value) == expected)
    }

    @Test("Lower is better: reasons say above the target")
    func lowerReasons() {
        let measure = makeMeasure(unit: .count, polarity: .lowerIsBetter, target: 200, decimals: 0)
        #expect(MeasureRules.rating(of: measure, value: 210, for: march).reasons
            == ["210 in March 2024 is 10 above the target of 200 (the next target due: 200 by 31 March 2025), within tolerance"])
        #expect(MeasureRules.rating(of: measure, value: 211, for: march).reasons
            == ["211 in March 2024 is 11 above the target of 200 (the next target due: 200 by 31 March 2025), beyond the tolerance of 10"])
        let percent = makeMeasure(polarity: .lowerIsBetter, target: 20)
        #expect(MeasureRules.rating(of: percent, value: 25, for: march).reasons
            == ["25.0% in March 2024 is 5.0 percentage points above the target of 20.0% (the next target due: 20.0% by 31 March 2025), within tolerance"])
    }

    @Test("Rates and days use the 5% relative default")
    func otherUnits() {
        // Rate per 10,000: target 500, tolerance 25.
        let rate = makeMeasure(unit: .ratePer10k, polarity: .lowerIsBetter, target: 500)
        #expect(rag(rate, 525) == .amber)
        #expect(rag(rate, 525.1) == .red)
        // Days: target 20, tolerance 1.
        let days = makeMeasure(unit: .days, polarity: .lowerIsBetter, target: 20)
        #expect(rag(days, 21) == .amber)
        #expect(rag(days, 21.1) == .red)
        #expect(MeasureRules.rating(of: days, value: 21, for: march).reasons[0].hasPrefix("21.0 days in March 2024 is 1.0 days above"))
    }

    // MARK: Custom tolerance

    @Test("A custom tolerance replaces the default", arguments: [
        (78.0, MeasureRAG.amber), (77.9, .red), (80.0, .green),
    ])
    func customTolerance(value: Double, expected: MeasureRAG) {
        #expect(rag(makeMeasure(tolerance: 2), value) == expected)
    }

    @Test("The tolerance in force")
    func effectiveTolerance() {
        #expect(makeMeasure().effectiveTolerance(around: 80) == 5)
        #expect(makeMeasure(unit: .count).effectiveTolerance(around: 200) == 10)
        #expect(makeMeasure(unit: .count).effectiveTolerance(around: -40) == 2)
        #expect(makeMeasure(unit: .count, tolerance: 3).effectiveTolerance(around: 200) == 3)
        #expect(makeMeasure(tolerance: 2).effectiveTolerance(around: 80) == 2)
    }

    @Test("A custom tolerance is named in the Red reason")
    func customToleranceReason() {
        let red = MeasureRules.rating(of: makeMeasure(tolerance: 2), value: 77, for: march)
        #expect(red.reasons[0].hasSuffix("beyond the tolerance of 2.0 points"))
    }

    // MARK: Within a band

    @Test("Within a band, percentage: Green inside, Amber within 5 points outside", arguments: [
        (10.0, MeasureRAG.green), (15.0, .green), (20.0, .green), (5.0, .amber), (4.9, .red),
        (25.0, .amber), (25.1, .red),
    ])
    func bandPercentage(value: Double, expected: MeasureRAG) {
        #expect(rag(makeMeasure(polarity: .withinBand, target: nil, band: 10...20), value) == expected)
    }

    @Test("Within a band, count: tolerance is 5% of the nearer edge", arguments: [
        (100.0, MeasureRAG.green), (95.0, .amber), (94.0, .red), (200.0, .green), (210.0, .amber), (211.0, .red),
    ])
    func bandCount(value: Double, expected: MeasureRAG) {
        #expect(rag(makeMeasure(unit: .count, polarity: .withinBand, target: nil, band: 100...200, decimals: 0), value) == expected)
    }

    @Test("Within a band, custom tolerance")
    func bandCustomTolerance() {
        let measure = makeMeasure(unit: .count, polarity: .withinBand, target: nil, band: 16...20, tolerance: 1, decimals: 0)
        #expect(rag(measure, 21) == .amber)
        #expect(rag(measure, 22) == .red)
        #expect(rag(measure, 15) == .amber)
    }

    @Test("Within a band: the reasons say inside, below or above and by how much")
    func bandReasons() {
        let measure = makeMeasure(unit: .count, polarity: .withinBand, target: nil, band: 100...200, decimals: 0)
        #expect(MeasureRules.rating(of: measure, value: 150, for: march).reasons == ["150 is inside the band of 100 to 200"])
        #expect(MeasureRules.rating(of: measure, value: 95, for: march).reasons == ["95 is below the band by 5, within the tolerance of 5"])
        #expect(MeasureRules.rating(of: measure, value: 230, for: march).reasons == ["230 is above the band by 30, beyond the tolerance of 10"])
        #expect(MeasureRules.rating(of: measure, value: 150, for: march).target?.basis == .band)
    }

    @Test("Within a band but no band set: No target, not a crash")
    func bandMissing() {
        let measure = makeMeasure(unit: .count, polarity: .withinBand, target: 18, band: nil, decimals: 0)
        let rating = MeasureRules.rating(of: measure, value: 17, for: march)
        #expect(rating.rag == .noTarget)
    }

    // MARK: No target, no data

    @Test("No target: 'No target', with the value")
    func noTarget() {
        let rating = MeasureRules.rating(of: makeMeasure(target: nil), value: 50, for: march)
        #expect(rating.rag == .noTarget)
        #expect(rating.target == nil)
        #expect(rating.value == 50)
        #expect(rating.reasons == ["50.0% in March 2024; no target has been set"])
        #expect(rating.rag.word == "No target")
    }

    @Test("No value: 'No data', still naming the target in force")
    func noData() {
        let measure = makeMeasure(values: [MeasureValue(period: .month(year: 2024, month: 2), value: 81, asAt: Day(2024, 3, 5))])
        let rating = MeasureRules.rating(of: measure, for: march)
        #expect(rating.rag == .noData)
        #expect(rating.value == nil)
        #expect(rating.target?.value == 80)
        #expect(rating.reasons == ["No value recorded for March 2024"])
        #expect(rating.summary == "No data: No value recorded for March 2024")
    }

    @Test("Rating a stored value looks it up by period")
    func storedValue() {
        let measure = makeMeasure(values: [
            MeasureValue(period: .month(year: 2024, month: 2), value: 81, asAt: Day(2024, 3, 5)),
            MeasureValue(period: march, value: 76, asAt: Day(2024, 4, 5)),
        ])
        #expect(MeasureRules.rating(of: measure, for: .month(year: 2024, month: 2)).rag == .green)
        #expect(MeasureRules.rating(of: measure, for: march).rag == .amber)
        #expect(MeasureRules.rating(of: measure, for: march).value == 76)
    }

    @Test("The rating uses the target in force for its period: interim, then final")
    func ratingUsesTargetInForce() {
        let measure = Measure(organisationID: 1, code: "12", title: "Assessments in 45 days", decimals: 0,
                              targets: [Target(value: 70, dueBy: Day(2019, 10, 31), isInterim: true),
                                        Target(value: 95, dueBy: Day(2020, 3, 31))])
        let october = MeasureRules.rating(of: measure, value: 72, for: .month(year: 2019, month: 10))
        #expect(october.rag == .green)
        #expect(october.reasons == ["72% in October 2019 meets the target of 70% (the next interim target due: 70% by 31 October 2019)"])
        let november = MeasureRules.rating(of: measure, value: 72, for: .month(year: 2019, month: 11))
        #expect(november.rag == .red)
        #expect(november.reasons == ["72% in November 2019 is 23 percentage points below the target of 95% (the next target due: 95% by 31 March 2020), beyond the tolerance of 5 points"])
    }

    @Test("Each RAG carries its word and colour", arguments: [
        (MeasureRAG.green, "Green", "On or better than target"), (.amber, "Amber", "Within tolerance of target"),
        (.red, "Red", "Worse than target"), (.noTarget, "No target", "No target"), (.noData, "No data", "No data"),
    ])
    func words(rag: MeasureRAG, colour: String, word: String) {
        #expect(rag.colour == colour)
        #expect(rag.word == word)
    }

    // MARK: Formatting

    @Test("Numbers format with fixed decimals, rounding half away from zero", arguments: [
        (82.46, 1, "82.5"), (14.0, 0, "14"), (2.5, 0, "3"), (3.14159, 2, "3.14"), (-1.25, 1, "-1.3"),
        (-0.04, 1, "0.0"), (0.05, 1, "0.1"), (1234.5, 1, "1234.5"), (7.0, 3, "7.000"), (0.007, 2, "0.01"),
    ])
    func numbers(value: Double, decimals: Int, text: String) {
        #expect(MeasureFormatting.number(value, decimals: decimals) == text)
    }

    @Test("Values format with their unit", arguments: [
        (Measure.Unit.percentage, 1, "82.5%"), (.ratePer10k, 1, "82.5 per 10,000"), (.days, 1, "82.5 days"),
        (.count, 0, "83"), (.score, 1, "82.5"),
    ])
    func units(unit: Measure.Unit, decimals: Int, text: String) {
        #expect(makeMeasure(unit: unit, decimals: decimals).format(82.5) == text)
    }
}
