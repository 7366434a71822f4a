import Testing
@testable import Core

@Suite("Roll-up of delivery ratings: counts, shares and % complete")
struct RatingRollupTests {
    @Test("Counts and shares per rating; on hold and withdrawn counted in the total only")
    func mixed() {
        let rollup = RatingRollup(ratings: [
            (.red, 20), (.amber, 40), (.green, 60), (.green, 70), (.blue, 100), (.onHold, 10), (.withdrawn, 0),
        ])
        #expect(rollup.total == 7)
        #expect(rollup.counted == 5)
        #expect(rollup.count(of: .red) == 1)
        #expect(rollup.count(of: .green) == 2)
        #expect(rollup.count(of: .grey) == 0)
        #expect(rollup.count(of: .onHold) == 1)
        #expect(rollup.shares.map(\.rating) == DeliveryRating.reportingOrder)
        #expect(rollup.shares.map(\.count) == [1, 1, 2, 1, 0, 1, 1])
        #expect(rollup.shares.map(\.percent) == [20, 20, 40, 20, 0, 0, 0])
        // (20 + 40 + 60 + 70 + 100) / 5
        #expect(rollup.averagePercentComplete == 58)
        #expect(rollup.sentence == "7 actions: 1 Red (Overdue), 1 Amber (Behind schedule), 2 Green (On schedule), 1 Blue (Complete), 1 On hold (On hold), 1 Withdrawn (Withdrawn)")
    }

    @Test("A complete action counts as 100% complete in the average")
    func blueCountsAsComplete() {
        let rollup = RatingRollup(ratings: [(.blue, 80), (.green, 40)])
        #expect(rollup.averagePercentComplete == 70)
    }

    @Test("Shares of a third are not rounded")
    func thirds() {
        let rollup = RatingRollup(ratings: [(.red, 0), (.amber, 0), (.green, 0)])
        #expect(abs(rollup.shares[0].percent - 100.0 / 3) < 1e-9)
        #expect(rollup.averagePercentComplete == 0)
    }

    @Test("No actions: no average, and the sentence says so")
    func empty() {
        let rollup = RatingRollup(ratings: [])
        #expect(rollup.total == 0)
        #expect(rollup.counted == 0)
        #expect(rollup.averagePercentComplete == nil)
        #expect(rollup.shares.count == 7)
        #expect(rollup.shares.allSatisfy { $0.count == 0 && $0.percent == 0 })
        #expect(rollup.sentence == "0 actions")
    }

    @Test("Only actions outside the RAG: no average, no shares")
    func onlyOnHold() {
        let rollup = RatingRollup(ratings: [(.onHold, 50), (.withdrawn, 10)])
        #expect(rollup.total == 2)
        #expect(rollup.counted == 0)
        #expect(rollup.averagePercentComplete == nil)
        #expect(rollup.shares.allSatisfy { $0.percent == 0 })
        #expect(rollup.sentence == "2 actions: 1 On hold (On hold), 1 Withdrawn (Withdrawn)")
    }

    @Test("One action reads in the singular")
    func single() {
        let rollup = RatingRollup(ratings: [(.green, 30)])
        #expect(rollup.sentence == "1 action: 1 Green (On schedule)")
        #expect(rollup.shares.first { $0.rating == .green }?.percent == 100)
    }

    // MARK: A plan as at a date

    /// Two themes, three areas (one empty), five actions, rated as at 16 October 2023.
    static func contents() -> PlanContents {
        let plan = Plan(id: 1, organisationID: 1, title: "ILACS improvement plan", updateCycle: .monthly)
        let themes = [Theme(id: 1, planID: 1, position: 1, ref: "1", title: "Assessment"),
                      Theme(id: 2, planID: 1, position: 2, ref: "2", title: "Leadership and management")]
        let areas = [Area(id: 10, themeID: 1, position: 1, ref: "1.1", title: "Timeliness"),
                     Area(id: 11, themeID: 1, position: 2, ref: "1.2", title: "Quality"),
                     Area(id: 20, themeID: 2, position: 1, ref: "2.1", title: "Oversight"),
                     Area(id: 21, themeID: 2, position: 2, ref: "2.2", title: "Workforce")]
        let actions = [
            // Red: due 1 Oct.
            Action(id: 1, areaID: 10, ref: "1.1.1", title: "Clear the backlog", dueDate: Day(2023, 10, 1),
                   status: .inProgress, percentComplete: 30,
                   updates: [ProgressUpdate(id: 1, actionID: 1, date: Day(2023, 10, 2), author: "A", text: "…")]),
            // Blue: complete; a stale 90% still averages as 100%.
            Action(id: 2, areaID: 10, ref: "1.1.2", title: "Agree thresholds", dueDate: Day(2023, 9, 30),
                   status: .complete, percentComplete: 90, completedOn: Day(2023, 9, 29)),
            // Green: no start date, due next March; no update yet.
            Action(id: 3, areaID: 11, ref: "1.2.1", title: "Audit programme", dueDate: Day(2024, 3, 31),
                   status: .inProgress, percentComplete: 20),
            // On hold.
            Action(id: 4, areaID: 20, ref: "2.1.1", title: "Restructure", dueDate: Day(2024, 1, 31),
                   status: .onHold, percentComplete: 10),
            // Amber: milestone overdue; due within 30 days.
            Action(id: 5, areaID: 20, ref: "2.1.2", title: "Performance clinics", dueDate: Day(2023, 11, 10),
                   status: .inProgress, percentComplete: 40,
                   milestones: [Milestone(id: 1, title: "Clinic terms agreed", dueDate: Day(2023, 10, 6))],
                   updates: [ProgressUpdate(id: 2, actionID: 5, date: Day(2023, 9, 1), author: "B", text: "…")]),
        ]
        return PlanContents(plan: plan, themes: themes, areas: areas, actions: actions)
    }

    @Test("A plan's assessment rolls up per plan, theme and area")
    func planAssessment() throws {
        let assessment = PlanAssessment(contents: Self.contents(), asAt: Day(2023, 10, 16))
        #expect(assessment.asAt == Day(2023, 10, 16))
        #expect(assessment.actions.map(\.delivery.rating) == [.red, .blue, .green, .onHold, .amber])

        #expect(assessment.plan.total == 5)
        #expect(assessment.plan.counted == 4)
        #expect(assessment.plan.shares.map(\.count) == [1, 1, 1, 1, 0, 1, 0])
        #expect(assessment.plan.averagePercentComplete == 47.5) // (30 + 100 + 20 + 40) / 4

        let theme1 = try #require(assessment.byTheme[1])
        #expect(theme1.total == 3)
        #expect(theme1.averagePercentComplete == 50) // (30 + 100 + 20) / 3
        let theme2 = try #require(assessment.byTheme[2])
        #expect(theme2.total == 2)
        #expect(theme2.counted == 1)
        #expect(theme2.averagePercentComplete == 40)

        #expect(assessment.byArea[10]?.total == 2)
        #expect(assessment.byArea[10]?.count(of: .red) == 1)
        #expect(assessment.byArea[11]?.count(of: .green) == 1)
        let empty = try #require(assessment.byArea[21])
        #expect(empty.total == 0)
        #expect(empty.averagePercentComplete == nil)
    }

    @Test("Each rated action carries overdue, due soon and update due")
    func ratedActionFlags() {
        let assessment = PlanAssessment(contents: Self.contents(), asAt: Day(2023, 10, 16))
        let byID = Dictionary(uniqueKeysWithValues: assessment.actions.map { ($0.action.id, $0) })
        #expect(byID[1]?.overdue == true)
        #expect(byID[1]?.dueSoon == false) // already past its due date
        #expect(byID[1]?.update.isDue == false) // updated 2 Oct
        #expect(byID[2]?.overdue == false)
        #expect(byID[2]?.dueSoon == false)
        #expect(byID[3]?.dueSoon == false) // 31 Mar is beyond 30 days
        #expect(byID[3]?.update.isDue == true) // never updated, no start date
        #expect(byID[5]?.dueSoon == true) // 10 Nov is within 30 days of 16 Oct
        #expect(byID[5]?.update.isDue == true) // last updated 1 Sep
        #expect(byID[5]?.delivery.reasons == ["Milestone 'Clinic terms agreed' was due 6 October 2023 and is not complete"])
    }

    @Test("Due soon covers today and the day 30 days ahead, not the day after", arguments: [
        (Day(2023, 10, 16), true), (Day(2023, 11, 15), true), (Day(2023, 11, 16), false),
    ])
    func dueSoonBoundary(due: Day, soon: Bool) {
        var contents = Self.contents()
        contents.actions = [Action(id: 9, areaID: 10, ref: "1.1.9", title: "X", dueDate: due, status: .inProgress)]
        let assessment = PlanAssessment(contents: contents, asAt: Day(2023, 10, 16))
        #expect(assessment.actions[0].dueSoon == soon)
    }
}
