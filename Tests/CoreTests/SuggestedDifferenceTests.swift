import Testing
@testable import Core

/// A higher-is-better percentage measure with target 80, and values for consecutive months from January 2024.
private func makeMeasure(code: String, title: String, _ series: [Double], polarity: Measure.Polarity = .higherIsBetter,
                         target: Double = 80) -> Measure {
    Measure(id: 1, organisationID: 1, code: code, title: title, polarity: polarity, decimals: 0,
            targets: [Target(value: target, dueBy: Day(2025, 3, 31))],
            values: series.enumerated().map { index, value in
                MeasureValue(period: .month(year: 2024, month: index + 1), value: value, asAt: Day(2024, 6, 1))
            })
}

private let metTarget = makeMeasure(code: "12", title: "Assessments on time", [70, 82])
private let improving = makeMeasure(code: "14", title: "Visits on time", [60, 65])
private let worsening = makeMeasure(code: "21", title: "Plans reviewed", [65, 60])
private let flat = makeMeasure(code: "30", title: "Supervision on time", [60, 60.5])
private let noData = makeMeasure(code: "40", title: "Audits graded good", [])

@Suite("Is it making a difference? Suggested from linked KPIs")
struct SuggestedDifferenceTests {
    @Test("No linked measures: too early to say")
    func noMeasures() {
        let (difference, findings) = MeasureRules.suggestedDifference(from: [])
        #expect(difference == .tooEarly)
        #expect(findings == ["No linked measures"])
    }

    @Test("Linked measures without data: too early to say, naming them")
    func noDataYet() {
        let (difference, findings) = MeasureRules.suggestedDifference(from: [noData])
        #expect(difference == .tooEarly)
        #expect(difference.word == "Too early to say")
        #expect(findings == ["40 Audits graded good: no data yet"])
    }

    @Test("Target met: making a difference")
    func targetMet() {
        let (difference, findings) = MeasureRules.suggestedDifference(from: [metTarget])
        #expect(difference == .makingADifference)
        #expect(findings == ["12 Assessments on time: target met in February 2024"])
    }

    @Test("Improving towards target: some difference")
    func improvingTowardsTarget() {
        let (difference, findings) = MeasureRules.suggestedDifference(from: [improving])
        #expect(difference == .someDifference)
        #expect(findings == ["14 Visits on time: improving towards target (improving: from 60% in January 2024 to 65% in February 2024)"])
    }

    @Test("Worsening: not yet")
    func worseningMeasure() {
        let (difference, findings) = MeasureRules.suggestedDifference(from: [worsening])
        #expect(difference == .notYet)
        #expect(findings == ["21 Plans reviewed: worsening (declining: from 65% in January 2024 to 60% in February 2024)"])
    }

    @Test("Lower is better: falling is improving towards target")
    func lowerIsBetter() {
        let measure = makeMeasure(code: "7", title: "Re-referrals", [30, 26], polarity: .lowerIsBetter, target: 20)
        let (difference, _) = MeasureRules.suggestedDifference(from: [measure])
        #expect(difference == .someDifference)
    }

    @Test("Below target and not moving: not yet")
    func noChange() {
        let (difference, findings) = MeasureRules.suggestedDifference(from: [flat])
        #expect(difference == .notYet)
        #expect(findings == ["30 Supervision on time: not yet moving towards target"])
    }

    @Test("A single value below target cannot show movement: not yet (no earlier value to compare)")
    func singleValueBelowTarget() {
        let (difference, findings) = MeasureRules.suggestedDifference(from: [makeMeasure(code: "50", title: "Single", [60])])
        #expect(difference == .notYet)
        #expect(findings == ["50 Single: not yet moving towards target"])
    }

    @Test("The most cautious finding wins; measures without data are left out of the judgement", arguments: [
        ([metTarget, improving], Difference.someDifference),
        ([metTarget, worsening], .notYet),
        ([improving, worsening, metTarget], .notYet),
        ([metTarget, noData], .makingADifference),
        ([improving, noData], .someDifference),
        ([metTarget, metTarget], .makingADifference),
    ])
    func combined(measures: [Measure], expected: Difference) {
        #expect(MeasureRules.suggestedDifference(from: measures).0 == expected)
    }

    @Test("Every measure is listed in the findings, in order")
    func findingsInOrder() {
        let (_, findings) = MeasureRules.suggestedDifference(from: [noData, metTarget, worsening])
        #expect(findings == [
            "40 Audits graded good: no data yet",
            "12 Assessments on time: target met in February 2024",
            "21 Plans reviewed: worsening (declining: from 65% in January 2024 to 60% in February 2024)",
        ])
    }

    @Test("The lead's judgement is kept with its date, author and note")
    func leadJudgement() {
        let judgement = DifferenceJudgement(value: .someDifference, date: Day(2024, 3, 1), by: "Head of Service",
                                            note: "Visits on time up from 60% to 65%")
        var action = Action(areaID: 1, ref: "1.1", title: "Visits")
        action.difference = judgement
        #expect(action.difference?.value.word == "Some difference")
        #expect(action.difference?.date == Day(2024, 3, 1))
        #expect(Difference.allCases.map(\.word) == ["Making a difference", "Some difference", "Not yet", "Too early to say"])
    }
}
