import Core
import Measures
import Testing

/// The latest day in the records, which the analysis page holds the as-at date against.
@Suite("The latest day in the records")
struct LatestRecordedDayTests {
    static let source = RecordSource(sheet: "List 3", row: 2)

    @Test("The latest event of any list counts; a later date of birth does not; no records, no day")
    func latestEvent() {
        var inputs = MeasureInputs()
        #expect(inputs.latestRecordedDay == nil)
        let child = ChildDetails(childID: "C1", dateOfBirth: Day(2024, 12, 1))
        inputs.referrals = [Referral(source: Self.source, child: child, date: Day(2024, 1, 10))]
        inputs.assessments = [Assessment(source: Self.source, child: child, start: Day(2024, 1, 12), authorised: Day(2024, 2, 20))]
        #expect(inputs.latestRecordedDay == Day(2024, 2, 20), "an assessment authorised later than any referral")
        inputs.supervisions = [Supervision(source: Self.source, childID: "C1", date: Day(2024, 3, 5))]
        #expect(inputs.latestRecordedDay == Day(2024, 3, 5), "a local event counts too")
        inputs.ehcPlans = [EHCPlanRequest(source: Self.source, request: nil, issued: nil)]
        #expect(inputs.latestRecordedDay == Day(2024, 3, 5), "a row without dates changes nothing")
    }

    @Test("An as-at date after the latest day is warned about in words; on or before it, nothing is said")
    func asAtWarning() {
        func run(asAt: Day, latest: Day?) -> AnalysisRun {
            AnalysisRun(organisationID: 1, ranBy: "Sam", ranAt: .init(timeIntervalSince1970: 0), asAt: asAt,
                        period: Period.containing(asAt, kind: .month), convention: "statutory", fileNames: ["a.xlsx"],
                        results: [], dataQuality: [], latestRecordedDay: latest)
        }
        let warned = run(asAt: Day(2024, 6, 30), latest: Day(2024, 3, 5)).asAtWarning
        #expect(warned == "The as-at date, 30 June 2024, is 117 days after the latest date in the uploaded records, 5 March 2024. "
            + "Those days count as if nothing happened on them: nothing referred, nothing late. "
            + "Run it again as at 5 March 2024, or upload records that run to the as-at date.")
        #expect(run(asAt: Day(2024, 3, 6), latest: Day(2024, 3, 5)).asAtWarning?.contains("is 1 day after") == true)
        #expect(run(asAt: Day(2024, 3, 5), latest: Day(2024, 3, 5)).asAtWarning == nil)
        #expect(run(asAt: Day(2024, 3, 1), latest: Day(2024, 3, 5)).asAtWarning == nil)
        #expect(run(asAt: Day(2024, 3, 1), latest: nil).asAtWarning == nil, "runs from before the day was kept say nothing")
    }
}
