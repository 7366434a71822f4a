import Testing
@testable import Core

private let february = Period.month(year: 2024, month: 2)
private let march = Period.month(year: 2024, month: 3)

/// A measure with a February and a March value.
private func makeMeasure(unit: Measure.Unit = .percentage, polarity: Measure.Polarity = .higherIsBetter,
                         band: ClosedRange<Double>? = nil, decimals: Int = 1,
                         february earlier: Double?, march current: Double?) -> Measure {
    var values: [MeasureValue] = []
    if let earlier { values.append(MeasureValue(period: february, value: earlier, asAt: Day(2024, 3, 5))) }
    if let current { values.append(MeasureValue(period: march, value: current, asAt: Day(2024, 4, 5))) }
    return Measure(id: 1, organisationID: 1, code: "42", title: "Visits within timescale", unit: unit,
                   polarity: polarity, band: band, decimals: decimals, values: values)
}

private func travel(_ measure: Measure) -> DirectionOfTravel {
    MeasureRules.direction(of: measure, for: march, comparedWith: march.previous)
}

@Suite("Direction of travel: judged by polarity, shown as a word and an arrow that agree")
struct DirectionOfTravelTests {
    // MARK: Percentages: 1 percentage point

    @Test("Higher is better, percentage: a change under 1 point is no change", arguments: [
        (60.0, 61.0, DirectionOfTravel.Judgement.improving, DirectionOfTravel.Movement.up),
        (70.2, 71.2, .improving, .up),
        (60.0, 60.9, .noChange, .up),
        (60.0, 60.0, .noChange, .level),
        (60.0, 59.1, .noChange, .down),
        (60.0, 59.0, .declining, .down),
        (60.0, 45.0, .declining, .down),
    ])
    func higherPercentage(earlier: Double, current: Double, judgement: DirectionOfTravel.Judgement,
                          movement: DirectionOfTravel.Movement) {
        let result = travel(makeMeasure(february: earlier, march: current))
        #expect(result.judgement == judgement)
        #expect(result.movement == movement)
        #expect(result.comparedWith == february)
    }

    @Test("Lower is better inverts the judgement, and the arrow agrees with the word, not with the number", arguments: [
        (30.0, 25.0, DirectionOfTravel.Judgement.improving, "↑"),
        (25.0, 30.0, .declining, "↓"),
        (30.0, 29.5, .noChange, "→"),
        (30.0, 30.0, .noChange, "→"),
    ])
    func lowerPercentage(earlier: Double, current: Double, judgement: DirectionOfTravel.Judgement, arrow: String) {
        let result = travel(makeMeasure(polarity: .lowerIsBetter, february: earlier, march: current))
        #expect(result.judgement == judgement)
        #expect(result.arrow == arrow)
        #expect(result.word == judgement.word)
    }

    @Test("The reason reads as word, from and to")
    func reasons() {
        #expect(travel(makeMeasure(february: 60, march: 65)).reason == "Improving: from 60.0% in February 2024 to 65.0% in March 2024")
        #expect(travel(makeMeasure(polarity: .lowerIsBetter, february: 25, march: 30)).reason
            == "Declining: from 25.0% in February 2024 to 30.0% in March 2024")
        #expect(travel(makeMeasure(february: 60, march: 60.5)).reason == "No change: from 60.0% in February 2024 to 60.5% in March 2024")
        let down = travel(makeMeasure(polarity: .lowerIsBetter, february: 30, march: 25))
        #expect(down.word == "Improving")
        #expect(down.arrow == "↑")
        #expect(down.movement == .down)
    }

    // MARK: Other units: 2% relative

    @Test("Counts, higher is better: a change under 2% of the earlier value is no change", arguments: [
        (200.0, 204.0, DirectionOfTravel.Judgement.improving, DirectionOfTravel.Movement.up),
        (200.0, 203.9, .noChange, .up),
        (200.0, 196.1, .noChange, .down),
        (200.0, 196.0, .declining, .down),
    ])
    func higherCount(earlier: Double, current: Double, judgement: DirectionOfTravel.Judgement,
                     movement: DirectionOfTravel.Movement) {
        let result = travel(makeMeasure(unit: .count, february: earlier, march: current))
        #expect(result.judgement == judgement)
        #expect(result.movement == movement)
    }

    @Test("Rates, lower is better: falling by 2% or more is improving", arguments: [
        (500.0, 490.0, DirectionOfTravel.Judgement.improving, "↑"),
        (500.0, 490.1, .noChange, "→"),
        (500.0, 510.0, .declining, "↓"),
        (500.0, 509.9, .noChange, "→"),
    ])
    func lowerRate(earlier: Double, current: Double, judgement: DirectionOfTravel.Judgement, arrow: String) {
        let result = travel(makeMeasure(unit: .ratePer10k, polarity: .lowerIsBetter, february: earlier, march: current))
        #expect(result.judgement == judgement)
        #expect(result.arrow == arrow)
    }

    @Test("A rise from zero is a change")
    func fromZero() {
        #expect(travel(makeMeasure(unit: .count, february: 0, march: 1)).judgement == .improving)
        #expect(travel(makeMeasure(unit: .count, february: 0, march: 0)).judgement == .noChange)
    }

    // MARK: Bands

    @Test("Within a band: moving towards the band is improving, moving inside it is no change", arguments: [
        (25.0, 22.0, DirectionOfTravel.Judgement.improving, DirectionOfTravel.Movement.down), // 5 above → 2 above
        (22.0, 25.0, .declining, .up),
        (12.0, 18.0, .noChange, .up), // both inside
        (8.0, 23.0, .declining, .up), // 2 below → 3 above
        (5.0, 15.0, .improving, .up), // 5 below → inside
    ])
    func band(earlier: Double, current: Double, judgement: DirectionOfTravel.Judgement, movement: DirectionOfTravel.Movement) {
        let result = travel(makeMeasure(polarity: .withinBand, band: 10...20, february: earlier, march: current))
        #expect(result.judgement == judgement)
        #expect(result.movement == movement)
    }

    // MARK: Missing values

    @Test("No value for the period: not available, no arrow")
    func missingCurrent() {
        let result = travel(makeMeasure(february: 60, march: nil))
        #expect(result.judgement == .notAvailable)
        #expect(result.movement == .none)
        #expect(result.arrow == "")
        #expect(result.word == "Not available")
        #expect(result.reason == "No value for March 2024")
    }

    @Test("No value for the period compared with: not available")
    func missingEarlier() {
        let result = travel(makeMeasure(february: nil, march: 60))
        #expect(result.judgement == .notAvailable)
        #expect(result.arrow == "")
        #expect(result.reason == "No value for February 2024 to compare with")
    }

    // MARK: Previous period and same period last year

    @Test("Quarterly: against the previous quarter across the year end, and the same quarter last year")
    func quarterly() {
        let q1 = Period.quarter(startYear: 2024, quarter: 1)
        let measure = Measure(organisationID: 1, code: "7", title: "Re-referrals within 12 months", unit: .percentage,
                              polarity: .lowerIsBetter, frequency: .quarterly, decimals: 1, values: [
                                  MeasureValue(period: .quarter(startYear: 2023, quarter: 1), value: 18.0, asAt: Day(2023, 7, 10)),
                                  MeasureValue(period: .quarter(startYear: 2023, quarter: 4), value: 23.0, asAt: Day(2024, 4, 10)),
                                  MeasureValue(period: q1, value: 21.0, asAt: Day(2024, 7, 10)),
                              ])
        let previous = MeasureRules.direction(of: measure, for: q1, comparedWith: q1.previous)
        #expect(previous.comparedWith == .quarter(startYear: 2023, quarter: 4))
        #expect(previous.judgement == .improving)
        #expect(previous.arrow == "↑")
        #expect(previous.reason == "Improving: from 23.0% in 2023-24 Q4 to 21.0% in 2024-25 Q1")
        let lastYear = MeasureRules.direction(of: measure, for: q1, comparedWith: q1.sameLastYear)
        #expect(lastYear.comparedWith == .quarter(startYear: 2023, quarter: 1))
        #expect(lastYear.judgement == .declining)
        #expect(lastYear.arrow == "↓")
        #expect(lastYear.reason == "Declining: from 18.0% in 2023-24 Q1 to 21.0% in 2024-25 Q1")
    }

    @Test("Every judgement's arrow and word agree, whatever the number did; the key lists each arrow once", arguments: [
        DirectionOfTravel.Judgement.improving, .declining, .noChange, .notAvailable,
    ])
    func arrowAgreesWithWord(judgement: DirectionOfTravel.Judgement) {
        let expected = ["Improving": "↑", "Declining": "↓", "No change": "→", "Not available": ""]
        for movement in [DirectionOfTravel.Movement.up, .down, .level, .none] {
            let direction = DirectionOfTravel(judgement: judgement, movement: movement, comparedWith: february, reason: "")
            #expect(direction.arrow == expected[direction.word], "\(judgement) moving \(movement)")
        }
        #expect(Set(DirectionOfTravel.Judgement.keyed.map(\.arrow)).count == DirectionOfTravel.Judgement.keyed.count)
    }

    @Test("Words for every judgement")
    func words() {
        #expect(DirectionOfTravel.Judgement.improving.word == "Improving")
        #expect(DirectionOfTravel.Judgement.declining.word == "Declining")
        #expect(DirectionOfTravel.Judgement.noChange.word == "No change")
        #expect(DirectionOfTravel.Judgement.notAvailable.word == "Not available")
    }
}
