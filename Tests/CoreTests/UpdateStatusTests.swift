import Testing
@testable import Core

private func update(_ date: Day, id: Int64 = 0) -> ProgressUpdate {
    ProgressUpdate(id: id, actionID: 1, date: date, author: "A Lead", text: "Progress as at \(date.formatted)")
}

private func makeAction(status: LifecycleStatus = .inProgress, start: Day? = Day(2023, 9, 1),
                        updates: [ProgressUpdate] = []) -> Action {
    Action(id: 1, areaID: 1, ref: "1.1", title: "Refresh the supervision policy", startDate: start,
           dueDate: Day(2024, 3, 31), status: status, percentComplete: 30, updates: updates)
}

private func status(_ action: Action, _ day: Day, cycle: UpdateCycle = .monthly) -> UpdateStatus {
    DeliveryRules.updateStatus(of: action, cycle: cycle, asAt: day)
}

@Suite("Update due: progress updates against the plan's update cycle")
struct UpdateStatusTests {
    // MARK: Monthly cycle boundary days

    @Test("Last updated 15 Sep: not due on 14 Oct")
    func dayBeforeAMonth() {
        let result = status(makeAction(updates: [update(Day(2023, 9, 15))]), Day(2023, 10, 14))
        #expect(!result.isDue)
        #expect(result.nextDue == Day(2023, 10, 15))
        #expect(result.reason == "Last updated 15 September 2023; next update by 15 October 2023")
    }

    @Test("Last updated 15 Sep: not yet due on 15 Oct, the day the next update is expected by")
    func exactlyAMonth() {
        let result = status(makeAction(updates: [update(Day(2023, 9, 15))]), Day(2023, 10, 15))
        #expect(!result.isDue)
        #expect(result.nextDue == Day(2023, 10, 15))
        #expect(result.reason == "Last updated 15 September 2023; next update by 15 October 2023")
    }

    @Test("Last updated 15 Sep: due on 16 Oct, more than a month later")
    func moreThanAMonth() {
        let result = status(makeAction(updates: [update(Day(2023, 9, 15))]), Day(2023, 10, 16))
        #expect(result.isDue)
        #expect(result.nextDue == Day(2023, 10, 15))
        #expect(result.reason == "Update due: the last update was on 15 September 2023, more than a month ago")
    }

    @Test("A month after 31 January is 29 February in a leap year", arguments: [
        (Day(2024, 2, 29), false), (Day(2024, 3, 1), true),
    ])
    func monthEnd(day: Day, isDue: Bool) {
        let result = status(makeAction(updates: [update(Day(2024, 1, 31))]), day)
        #expect(result.nextDue == Day(2024, 2, 29))
        #expect(result.isDue == isDue)
    }

    @Test("The newest update counts, whatever order the updates are held in")
    func latestUpdateCounts() {
        let action = makeAction(updates: [update(Day(2023, 8, 15), id: 1), update(Day(2023, 9, 15), id: 3), update(Day(2023, 9, 1), id: 2)])
        #expect(action.latestUpdate?.date == Day(2023, 9, 15))
        let result = status(action, Day(2023, 10, 10))
        #expect(!result.isDue)
        #expect(result.nextDue == Day(2023, 10, 15))
    }

    // MARK: No updates yet

    @Test("No updates yet: the first is expected a cycle after the start date", arguments: [
        (Day(2023, 9, 30), false, "First update expected by 1 October 2023"),
        (Day(2023, 10, 1), false, "First update expected by 1 October 2023"),
        (Day(2023, 10, 2), true, "Update due: no progress update has been recorded"),
    ])
    func noUpdatesYet(day: Day, isDue: Bool, reason: String) {
        let result = status(makeAction(start: Day(2023, 9, 1)), day)
        #expect(result.isDue == isDue)
        #expect(result.reason == reason)
        #expect(result.nextDue == Day(2023, 10, 1))
    }

    @Test("No updates and no start date: an update is due")
    func noUpdatesNoStart() {
        let result = status(makeAction(start: nil), Day(2023, 10, 16))
        #expect(result.isDue)
        #expect(result.reason == "Update due: no progress update has been recorded")
        #expect(result.nextDue == nil)
    }

    @Test("Not started and not yet due to start: no update owed; the first is due a cycle after the start")
    func notYetStarted() {
        let result = status(makeAction(status: .notStarted, start: Day(2023, 11, 1)), Day(2023, 10, 16))
        #expect(!result.isDue)
        #expect(result.reason == "Not due to start until 1 November 2023")
        #expect(result.nextDue == Day(2023, 12, 1))
    }

    @Test("Not started although the start date passed more than a cycle ago: an update is due")
    func notStartedLate() {
        let result = status(makeAction(status: .notStarted, start: Day(2023, 9, 1)), Day(2023, 10, 16))
        #expect(result.isDue)
        #expect(result.reason == "Update due: no progress update has been recorded")
    }

    // MARK: Statuses that never owe an update

    @Test("Complete, on hold and withdrawn actions never owe an update", arguments: [
        (LifecycleStatus.complete, "No updates needed while complete"),
        (.onHold, "No updates needed while on hold"),
        (.withdrawn, "No updates needed while withdrawn"),
    ])
    func neverDue(status lifecycle: LifecycleStatus, reason: String) {
        let stale = makeAction(status: lifecycle, updates: [update(Day(2022, 1, 1))])
        let result = status(stale, Day(2023, 10, 16))
        #expect(!result.isDue)
        #expect(result.reason == reason)
        #expect(result.nextDue == nil)
        #expect(!status(makeAction(status: lifecycle, start: nil), Day(2023, 10, 16)).isDue)
    }

    // MARK: Other cycles

    @Test("Each cycle sets the next update day", arguments: [
        (UpdateCycle.weekly, Day(2023, 10, 9), "week"),
        (.fortnightly, Day(2023, 10, 16), "fortnight"),
        (.monthly, Day(2023, 11, 2), "month"),
        (.quarterly, Day(2024, 1, 2), "quarter"),
    ])
    func cycles(cycle: UpdateCycle, next: Day, word: String) {
        let last = Day(2023, 10, 2)
        #expect(cycle.nextUpdateDue(after: last) == next)
        #expect(cycle.word == word)
        let action = makeAction(updates: [update(last)])
        #expect(!status(action, next, cycle: cycle).isDue)
        let late = status(action, next.adding(days: 1), cycle: cycle)
        #expect(late.isDue)
        #expect(late.reason == "Update due: the last update was on 2 October 2023, more than a \(word) ago")
    }

    @Test("The plan's update cycle defaults to monthly")
    func defaultCycle() {
        #expect(Plan(organisationID: 1, title: "ILACS improvement plan").updateCycle == .monthly)
    }
}
