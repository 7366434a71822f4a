import Core
import Foundation
import Reports
import Testing

/// The board pack is a shared paper: a small number must not be readable anywhere in its scorecard.
@Suite struct ScorecardSuppressionTests {
    @Test func aSmallCountIsNotQuotedInTheDirectionOfTravel() throws {
        let measure = Measure(
            id: 1, organisationID: 1, code: "CLA-MISSING", title: "Children in care missing from placement",
            unit: .count, polarity: .lowerIsBetter,
            values: [MeasureValue(period: .month(year: 2026, month: 9), value: 17, asAt: Day(2026, 10, 5)),
                     MeasureValue(period: .month(year: 2026, month: 10), value: 3, asAt: Day(2026, 11, 5))])
        let plan = Plan(id: 1, organisationID: 1, title: "Plan")
        let row = try #require(BoardPack.scorecard(plan, measures: [measure], asAt: Day(2026, 11, 20)).rows.first)
        #expect(row.isSuppressed)
        #expect(row.value == SmallNumbers.standard.notice)
        #expect(row.directionReason.contains("suppressed"))
        #expect(!row.directionReason.contains("17"))
        #expect(!row.directionReason.contains(" 3"))
        #expect(row.sparkline.isEmpty)
    }
}
