import Testing
@testable import Core

/// The "as at" day of most tests: Monday 16 October 2023.
private let asAt = Day(2023, 10, 16)

private func makeAction(status: LifecycleStatus = .inProgress, start: Day? = nil, due: Day? = Day(2024, 3, 31),
                        percent: Int = 50, completedOn: Day? = nil, milestones: [Milestone] = [],
                        reprogrammings: [Reprogramming] = [], override: RatingOverride? = nil) -> Action {
    Action(id: 1, areaID: 1, ref: "2.1.3", title: "Embed the new audit framework",
           leads: ["Head of Quality Assurance"], startDate: start, dueDate: due,
           reprogrammings: reprogrammings, status: status, percentComplete: percent,
           completedOn: completedOn, milestones: milestones, override: override)
}

private func rate(_ action: Action, on day: Day = asAt) -> DeliveryAssessment {
    DeliveryRules.deliveryRating(of: action, asAt: day)
}

@Suite("Delivery rules (BRAG) and their boundary days")
struct DeliveryRulesTests {
    // MARK: Red — overdue

    @Test("Due today is not overdue")
    func dueToday() {
        let result = rate(makeAction(due: asAt, percent: 40))
        #expect(result.rating == .green)
        #expect(result.calculated == .green)
        #expect(result.reasons == ["Due today, 16 October 2023"])
        #expect(!result.isOverridden)
    }

    @Test("Due yesterday is overdue, and the reason gives the due date and the days late")
    func dueYesterday() {
        let result = rate(makeAction(due: Day(2023, 10, 15), percent: 95))
        #expect(result.rating == .red)
        #expect(result.rating.word == "Overdue")
        #expect(result.reasons == ["Due 15 October 2023 and not complete (1 day overdue)"])
        #expect(result.summary == "Red — Overdue: Due 15 October 2023 and not complete (1 day overdue)")
    }

    @Test("Days overdue are counted and pluralised", arguments: [
        (Day(2023, 10, 6), "Due 6 October 2023 and not complete (10 days overdue)"),
        (Day(2022, 10, 16), "Due 16 October 2022 and not complete (365 days overdue)"),
    ])
    func daysOverdue(due: Day, reason: String) {
        #expect(rate(makeAction(due: due)).reasons == [reason])
    }

    @Test("An action not started whose due date has passed is Red, not Amber")
    func notStartedAndOverdue() {
        let result = rate(makeAction(status: .notStarted, start: Day(2023, 9, 1), due: Day(2023, 10, 13), percent: 0))
        #expect(result.rating == .red)
        #expect(result.reasons == ["Due 13 October 2023 and not complete (3 days overdue)"])
    }

    @Test("A reprogrammed action names its original due date in the Red reason")
    func reprogrammedOverdue() {
        let action = makeAction(due: Day(2023, 10, 13), reprogrammings: [
            Reprogramming(from: Day(2023, 6, 30), to: Day(2023, 9, 30), reason: "Recruitment delayed",
                          changedOn: Day(2023, 6, 20), changedBy: "A Lead"),
            Reprogramming(from: Day(2023, 9, 30), to: Day(2023, 10, 13), reason: "Board moved",
                          changedOn: Day(2023, 9, 25), changedBy: "A Lead"),
        ])
        #expect(action.isReprogrammed)
        #expect(action.originalDueDate == Day(2023, 6, 30))
        let result = rate(action)
        #expect(result.rating == .red)
        #expect(result.reasons == ["Due 13 October 2023 and not complete (3 days overdue); reprogrammed from 30 June 2023"])
    }

    @Test("Without reprogramming the original due date is the due date")
    func notReprogrammed() {
        let action = makeAction(due: Day(2023, 10, 13))
        #expect(!action.isReprogrammed)
        #expect(action.originalDueDate == Day(2023, 10, 13))
        #expect(!rate(action).reasons[0].contains("reprogrammed"))
    }

    // MARK: Amber — milestones

    @Test("A milestone due today does not make the action Amber; it is named as the next milestone")
    func milestoneDueToday() {
        let action = makeAction(milestones: [Milestone(id: 1, title: "Audit tool agreed", dueDate: asAt)])
        let result = rate(action)
        #expect(result.rating == .green)
        #expect(result.reasons == ["On track for 31 March 2024", "next milestone 'Audit tool agreed' due 16 October 2023"])
    }

    @Test("A milestone due yesterday and not complete makes the action Amber, naming the milestone and its date")
    func milestoneDueYesterday() {
        let action = makeAction(milestones: [Milestone(id: 1, title: "Audit tool agreed", dueDate: Day(2023, 10, 15))])
        let result = rate(action)
        #expect(result.rating == .amber)
        #expect(result.rating.word == "Behind schedule")
        #expect(result.reasons == ["Milestone 'Audit tool agreed' was due 15 October 2023 and is not complete"])
        #expect(result.summary == "Amber — Behind schedule: Milestone 'Audit tool agreed' was due 15 October 2023 and is not complete")
    }

    @Test("A past milestone that was completed does not count; the next open one is named")
    func completedMilestone() {
        let action = makeAction(milestones: [
            Milestone(id: 1, title: "Audit tool agreed", dueDate: Day(2023, 9, 30), completedOn: Day(2023, 10, 2)),
            Milestone(id: 3, title: "Practice week", dueDate: Day(2024, 1, 22)),
            Milestone(id: 2, title: "First audits", dueDate: Day(2023, 11, 30)),
            Milestone(id: 4, title: "Undated review"),
        ])
        let result = rate(action)
        #expect(result.rating == .green)
        #expect(result.reasons == ["On track for 31 March 2024", "next milestone 'First audits' due 30 November 2023"])
    }

    @Test("Every reason for Amber is listed")
    func severalAmberReasons() {
        // Start 1 April 2023, due 31 March 2024 (365 days); 198 days elapsed by 16 October 2023: 54% expected.
        let action = makeAction(start: Day(2023, 4, 1), percent: 20, milestones: [
            Milestone(id: 1, title: "Audit tool agreed", dueDate: Day(2023, 9, 30)),
            Milestone(id: 2, title: "Auditors trained", dueDate: Day(2023, 10, 1)),
        ])
        let result = rate(action)
        #expect(result.rating == .amber)
        #expect(result.reasons == [
            "Milestone 'Audit tool agreed' was due 30 September 2023 and is not complete",
            "Milestone 'Auditors trained' was due 1 October 2023 and is not complete",
            "20% complete against 54% expected by now",
        ])
    }

    // MARK: No due date

    @Test("In progress with no due date and no start date is Green and says so")
    func noDueDate() {
        let result = rate(makeAction(due: nil, percent: 10))
        #expect(result.rating == .green)
        #expect(result.reasons == ["In progress; no due date set"])
        #expect(DeliveryRules.expectedProgress(of: makeAction(due: nil), asAt: asAt) == nil)
    }

    @Test("No due date, but an overdue milestone: Amber")
    func noDueDateOverdueMilestone() {
        let action = makeAction(due: nil, milestones: [Milestone(id: 1, title: "Launch", dueDate: Day(2023, 10, 1))])
        let result = rate(action)
        #expect(result.rating == .amber)
        #expect(result.reasons == ["Milestone 'Launch' was due 1 October 2023 and is not complete"])
    }

    // MARK: Not started: Amber or Grey

    @Test("Not started although the start date has passed: Amber")
    func notStartedPastStart() {
        let result = rate(makeAction(status: .notStarted, start: Day(2023, 10, 15), percent: 0))
        #expect(result.rating == .amber)
        #expect(result.reasons == ["Not started, although it was due to start on 15 October 2023"])
    }

    @Test("Not started and due to start today: Grey")
    func notStartedStartToday() {
        let result = rate(makeAction(status: .notStarted, start: asAt, percent: 0))
        #expect(result.rating == .grey)
        #expect(result.rating.word == "Not yet due to start")
        #expect(result.reasons == ["Due to start today, 16 October 2023"])
    }

    @Test("Not started and due to start in future: Grey")
    func notStartedFutureStart() {
        let result = rate(makeAction(status: .notStarted, start: Day(2023, 10, 17), percent: 0))
        #expect(result.rating == .grey)
        #expect(result.reasons == ["Not due to start until 17 October 2023"])
    }

    @Test("Not started with no start date: Grey, saying there is no start date")
    func notStartedNoStart() {
        let result = rate(makeAction(status: .notStarted, start: nil, percent: 0))
        #expect(result.rating == .grey)
        #expect(result.reasons == ["Not started; no start date set"])
    }

    // MARK: Amber — progress against expected progress

    /// Start 1 January 2024, due 10 April 2024: 100 days. On 20 February 2024, 50 days have passed: 50% expected,
    /// so the threshold is 90% of 50% = 45%.
    private static let progressAction = makeAction(start: Day(2024, 1, 1), due: Day(2024, 4, 10))
    private static let halfway = Day(2024, 2, 20)

    @Test("Expected progress is the elapsed share of start → due, clamped to 0–100")
    func expectedProgress() {
        let action = Self.progressAction
        #expect(DeliveryRules.expectedProgress(of: action, asAt: Self.halfway) == 50)
        #expect(DeliveryRules.expectedProgress(of: action, asAt: Day(2024, 1, 1)) == 0)
        #expect(DeliveryRules.expectedProgress(of: action, asAt: Day(2023, 12, 1)) == 0)
        #expect(DeliveryRules.expectedProgress(of: action, asAt: Day(2024, 1, 11)) == 10)
        #expect(DeliveryRules.expectedProgress(of: action, asAt: Day(2024, 4, 10)) == 100)
        #expect(DeliveryRules.expectedProgress(of: action, asAt: Day(2024, 5, 1)) == 100)
        #expect(DeliveryRules.expectedProgress(of: makeAction(start: Day(2024, 1, 1), due: Day(2024, 1, 1)), asAt: Self.halfway) == nil)
        #expect(DeliveryRules.expectedProgress(of: makeAction(start: nil, due: Day(2024, 4, 10)), asAt: Self.halfway) == nil)
    }

    @Test("Below 90% of expected progress is Amber; exactly at the threshold is Green", arguments: [
        (0, DeliveryRating.amber), (44, .amber), (45, .green), (46, .green), (60, .green), (100, .green),
    ])
    func progressThreshold(percent: Int, rating: DeliveryRating) {
        var action = Self.progressAction
        action.percentComplete = percent
        #expect(rate(action, on: Self.halfway).rating == rating)
    }

    @Test("The progress reason gives actual and expected % complete")
    func progressReasons() {
        var action = Self.progressAction
        action.percentComplete = 44
        #expect(rate(action, on: Self.halfway).reasons == ["44% complete against 50% expected by now"])
        action.percentComplete = 45
        #expect(rate(action, on: Self.halfway).reasons == ["On track for 10 April 2024"])
    }

    @Test("Exactly at the threshold stays Green when the expected share is not a round number")
    func thresholdWithRecurringFraction() {
        // Start 1 Jan, due 7 January 2024 (6 days); on 6 Jan 5/6 has elapsed: 83.3% expected, threshold exactly 75%.
        let start = Day(2024, 1, 1), due = Day(2024, 1, 7), day = Day(2024, 1, 6)
        #expect(rate(makeAction(start: start, due: due, percent: 75), on: day).rating == .green)
        let behind = rate(makeAction(start: start, due: due, percent: 74), on: day)
        #expect(behind.rating == .amber)
        #expect(behind.reasons == ["74% complete against 83% expected by now"])
    }

    @Test("Progress is not judged as behind before the start date")
    func progressNotJudgedBeforeStart() {
        let early = makeAction(start: Day(2023, 11, 1), due: Day(2024, 3, 31), percent: 0)
        #expect(rate(early).rating == .green)
    }

    // MARK: Blue, On hold, Withdrawn

    @Test("Complete is Blue, with the completion date in the reason, even after the due date")
    func complete() {
        let result = rate(makeAction(status: .complete, due: Day(2023, 9, 30), percent: 100, completedOn: Day(2023, 9, 28)))
        #expect(result.rating == .blue)
        #expect(result.rating.word == "Complete")
        #expect(result.reasons == ["Completed on 28 September 2023"])
        #expect(result.summary == "Blue — Complete: Completed on 28 September 2023")
    }

    @Test("Complete without a completion date is still Blue and says the date is missing")
    func completeWithoutDate() {
        let result = rate(makeAction(status: .complete, due: Day(2023, 9, 30), percent: 100))
        #expect(result.rating == .blue)
        #expect(result.reasons == ["Marked complete (no completion date recorded)"])
    }

    @Test("On hold and withdrawn are shown as such, outside the RAG counts, even when past due", arguments: [
        (LifecycleStatus.onHold, DeliveryRating.onHold, "On hold: not counted in the RAG figures"),
        (.withdrawn, .withdrawn, "Withdrawn: not counted in the RAG figures"),
    ])
    func outsideRAG(status: LifecycleStatus, rating: DeliveryRating, reason: String) {
        let result = rate(makeAction(status: status, due: Day(2023, 9, 30)))
        #expect(result.rating == rating)
        #expect(!result.rating.countsInRAG)
        #expect(result.reasons == [reason])
    }

    @Test("Only on hold and withdrawn fall outside the RAG counts")
    func countsInRAG() {
        #expect(DeliveryRating.allCases.filter(\.countsInRAG) == [.red, .amber, .green, .blue, .grey])
    }

    // MARK: Overrides

    @Test("An override is shown, with who, when and why; the calculated rating is kept")
    func overrideWithReason() throws {
        let override = try RatingOverride(rating: .green, reason: "  New date agreed by the Improvement Board on 12 Oct  ",
                                          by: "Jo Smith", on: Day(2023, 10, 12))
        #expect(override.reason == "New date agreed by the Improvement Board on 12 Oct")
        let result = rate(makeAction(due: Day(2023, 10, 15), override: override))
        #expect(result.rating == .green)
        #expect(result.calculated == .red)
        #expect(result.isOverridden)
        #expect(result.override == override)
        #expect(result.reasons == [
            "Rating set to Green by Jo Smith on 12 October 2023: New date agreed by the Improvement Board on 12 Oct",
            "The rules give Red (Due 15 October 2023 and not complete (1 day overdue))",
        ])
        #expect(result.summary.hasPrefix("Green — On schedule: Rating set to Green by Jo Smith on 12 October 2023"))
    }

    @Test("An override that agrees with the rules gives only the override sentence")
    func overrideAgreeing() throws {
        let override = try RatingOverride(rating: .red, reason: "Confirmed at board", by: "Jo Smith", on: Day(2023, 10, 12))
        let result = rate(makeAction(due: Day(2023, 10, 15), override: override))
        #expect(result.rating == .red)
        #expect(result.calculated == .red)
        #expect(result.reasons == ["Rating set to Red by Jo Smith on 12 October 2023: Confirmed at board"])
    }

    @Test("An override without a reason is refused", arguments: ["", "   ", "\n\t "])
    func overrideWithoutReason(reason: String) {
        let error = #expect(throws: ValidationError.self) {
            try RatingOverride(rating: .green, reason: reason, by: "Jo Smith", on: asAt)
        }
        #expect(error?.field == "overrideReason")
        #expect(error?.message == "Enter the reason for overriding the rating")
    }

    @Test("An override can only set a RAG rating", arguments: [DeliveryRating.onHold, .withdrawn])
    func overrideToNonRAG(rating: DeliveryRating) {
        let error = #expect(throws: ValidationError.self) {
            try RatingOverride(rating: rating, reason: "Paused", by: "Jo Smith", on: asAt)
        }
        #expect(error?.field == "overrideRating")
    }

    // MARK: Words

    @Test("Every rating carries its word and colour name", arguments: [
        (DeliveryRating.blue, "Blue", "Complete"), (.red, "Red", "Overdue"), (.amber, "Amber", "Behind schedule"),
        (.green, "Green", "On schedule"), (.grey, "Grey", "Not yet due to start"), (.onHold, "On hold", "On hold"),
        (.withdrawn, "Withdrawn", "Withdrawn"),
    ])
    func words(rating: DeliveryRating, colour: String, word: String) {
        #expect(rating.colour == colour)
        #expect(rating.word == word)
    }

    @Test("Ratings sort with exceptions first")
    func ordering() {
        #expect([DeliveryRating.green, .withdrawn, .blue, .red, .grey, .onHold, .amber].sorted()
            == [.red, .amber, .green, .blue, .grey, .onHold, .withdrawn])
    }
}
