import Foundation
import Testing
@testable import Core

/// Children seen within 10 days, percentage: 61.54% (8 of 13) in January, then 71.43% (5 of 7) in February.
private let measure = Measure(
    id: 1, organisationID: 1, code: "CP7", title: "Children seen within 10 days", decimals: 2,
    targets: [Target(value: 70, dueBy: Day(2024, 12, 31))],
    values: [MeasureValue(period: .month(year: 2024, month: 1), value: 61.54, numerator: 8, denominator: 13, asAt: Day(2024, 2, 5)),
             MeasureValue(period: .month(year: 2024, month: 2), value: 71.43, numerator: 5, denominator: 7, asAt: Day(2024, 3, 5))])
private let february = Period.month(year: 2024, month: 2)

@Suite("Small numbers in shared outputs")
struct SmallNumbersTests {
    @Test("A suppressed value's rating keeps its RAG and target but loses the figure from its value and reasons")
    func sharedRating() {
        let rating = SmallNumbers.standard.shared(MeasureRules.rating(of: measure, for: february), of: measure)
        #expect(rating.rag == .green)
        #expect(rating.value == nil)
        #expect(rating.reasons == ["February 2024: suppressed (small number), rated against the target of 70.00%"])
    }

    @Test("The direction of travel keeps its word but not the figures when either period is suppressed")
    func sharedDirection() {
        let travel = MeasureRules.direction(of: measure, for: february, comparedWith: february.previous)
        let shared = SmallNumbers.standard.shared(travel, of: measure, for: february)
        #expect(shared.word == "Improving")
        #expect(!shared.reason.contains("71.43") && !shared.reason.contains("61.54"))
        #expect(shared.reason == "Improving: February 2024 compared with January 2024; the figures are suppressed (small numbers)")
    }

    @Test("A value that is not small is shared whole")
    func notSuppressed() {
        let january = Period.month(year: 2024, month: 1)
        let rating = MeasureRules.rating(of: measure, for: january)
        #expect(SmallNumbers.standard.shared(rating, of: measure) == rating)
    }

    @Test("Suggesting whether an action makes a difference leaves out suppressed figures")
    func suggestion() {
        var belowTarget = measure
        belowTarget.targets = [Target(value: 80, dueBy: Day(2024, 12, 31))]
        let (_, open) = MeasureRules.suggestedDifference(from: [belowTarget])
        let (difference, shared) = MeasureRules.suggestedDifference(from: [belowTarget], suppression: .standard)
        #expect(open.joined().contains("71.43"))
        #expect(difference == .someDifference)
        #expect(!shared.joined().contains("71.43") && !shared.joined().contains("61.54"))
    }
}

@Suite("Sign-in attempts per address")
struct AddressWaitTests {
    let rules = SignInRules()
    let start = Date(timeIntervalSince1970: 1_700_000_000)

    @Test("Ten refusals in five minutes make the address wait until the oldest of them is five minutes old")
    func wait() {
        let refusals = (0..<10).map { start.addingTimeInterval(Double($0) * 10) }
        #expect(rules.addressWait(refusals: Array(refusals.prefix(9)), at: start.addingTimeInterval(100)) == nil)
        #expect(rules.addressWait(refusals: refusals, at: start.addingTimeInterval(100)) == 200)
        #expect(rules.addressWait(refusals: refusals, at: start.addingTimeInterval(300)) == nil)
    }
}
