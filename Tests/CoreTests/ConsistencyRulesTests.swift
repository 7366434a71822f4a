import Testing
@testable import Core

@Suite("Consistency rules: status and % complete agree, Blue counts as 100%, an action point's standing is worked out once")
struct ConsistencyRulesTests {
    static func settled(_ outcome: ProgressRules.Outcome) -> ProgressRules.Settled? {
        if case let .settled(value) = outcome { return value }
        return nil
    }

    // MARK: Status and % complete

    @Test("Marking an action complete with 50% sets it to 100% and says so")
    func completeSetsFull() throws {
        let outcome = ProgressRules.settle(currentStatus: .inProgress, currentPercent: 40, status: .complete, percentComplete: 50)
        let settled = try #require(Self.settled(outcome))
        #expect(settled.status == .complete)
        #expect(settled.percentComplete == 100)
        #expect(settled.percentSet == 100)
        #expect(settled.statusSet == .complete)
        #expect(settled.adjustments == ["An action marked complete is 100% complete, so % complete is now 100% (not 50%)"])
    }

    @Test("Complete without a figure: 100%, with the stale figure named")
    func completeWithoutFigure() throws {
        let settled = try #require(Self.settled(ProgressRules.settle(currentStatus: .inProgress, currentPercent: 70, status: .complete, percentComplete: nil)))
        #expect(settled.percentComplete == 100)
        #expect(settled.percentSet == 100)
        #expect(settled.adjustments.first?.contains("not 70%") == true)
    }

    @Test("A lower figure on a complete action, status left as it is, is held at 100%")
    func completeStaysFull() throws {
        let settled = try #require(Self.settled(ProgressRules.settle(currentStatus: .complete, currentPercent: 100, status: nil, percentComplete: 80)))
        #expect(settled.status == .complete)
        #expect(settled.percentComplete == 100)
    }

    @Test("100% without a status asks whether the action is complete", arguments: [LifecycleStatus.inProgress, .notStarted, .onHold])
    func fullAsks(current: LifecycleStatus) {
        #expect(ProgressRules.settle(currentStatus: current, currentPercent: 60, status: nil, percentComplete: 100) == .askWhetherComplete)
    }

    @Test("Answering yes marks it complete; no keeps it open at 100%")
    func answers() throws {
        let yes = try #require(Self.settled(ProgressRules.settle(currentStatus: .inProgress, currentPercent: 60, status: nil, percentComplete: 100, isComplete: true)))
        #expect(yes.status == .complete)
        #expect(yes.statusSet == .complete)
        #expect(yes.percentComplete == 100)
        let no = try #require(Self.settled(ProgressRules.settle(currentStatus: .inProgress, currentPercent: 60, status: nil, percentComplete: 100, isComplete: false)))
        #expect(no.status == .inProgress)
        #expect(no.statusSet == nil)
        #expect(no.percentComplete == 100)
        // A "no" for one that had not started still starts it: 100% is work done.
        let started = try #require(Self.settled(ProgressRules.settle(currentStatus: .notStarted, currentPercent: 0, status: nil, percentComplete: 100, isComplete: false)))
        #expect(started.status == .inProgress)
    }

    @Test("A status given with 100% answers the question: no asking")
    func statusAnswers() throws {
        let kept = try #require(Self.settled(ProgressRules.settle(currentStatus: .inProgress, currentPercent: 60, status: .inProgress, percentComplete: 100)))
        #expect(kept.status == .inProgress)
        #expect(kept.percentComplete == 100)
        // Already complete: nothing to ask.
        #expect(Self.settled(ProgressRules.settle(currentStatus: .complete, currentPercent: 100, status: nil, percentComplete: 100)) != nil)
    }

    @Test("A % above 0 on a not-started action starts it; choosing not started with a % above 0 is refused")
    func notStarted() throws {
        let started = try #require(Self.settled(ProgressRules.settle(currentStatus: .notStarted, currentPercent: 0, status: nil, percentComplete: 30)))
        #expect(started.status == .inProgress)
        #expect(started.statusSet == .inProgress)
        #expect(started.adjustments == ["30% complete means work has begun, so the status is now In progress"])
        let refused = ProgressRules.settle(currentStatus: .inProgress, currentPercent: 30, status: .notStarted, percentComplete: 30)
        guard case let .refused(error) = refused else { Issue.record("not refused: \(refused)"); return }
        #expect(error.field == "percentComplete")
        #expect(error.message.hasPrefix("An action that has not started is 0% complete"))
        // Moving back to not started without a figure, while 30% is recorded, names the status.
        guard case let .refused(statusError) = ProgressRules.settle(currentStatus: .inProgress, currentPercent: 30, status: .notStarted, percentComplete: nil) else {
            Issue.record("not refused"); return
        }
        #expect(statusError.field == "status")
        // Not started at 0% stands.
        #expect(Self.settled(ProgressRules.settle(currentStatus: .inProgress, currentPercent: 30, status: .notStarted, percentComplete: 0))?.status == .notStarted)
    }

    @Test("A note alone changes nothing")
    func noteAlone() throws {
        let settled = try #require(Self.settled(ProgressRules.settle(currentStatus: .inProgress, currentPercent: 45, status: nil, percentComplete: nil)))
        #expect(settled.status == .inProgress)
        #expect(settled.percentComplete == 45)
        #expect(settled.statusSet == nil && settled.percentSet == nil)
        #expect(settled.adjustments.isEmpty)
    }

    @Test("Applying a settled change completes the action on the day, at 100%")
    func applySettled() throws {
        var action = Action(areaID: 1, ref: "1.1", title: "Audit", status: .inProgress, percentComplete: 40)
        let settled = try #require(Self.settled(ProgressRules.settle(action, status: .complete, percentComplete: 50)))
        action.apply(settled, on: Day(2026, 11, 30))
        #expect(action.status == .complete)
        #expect(action.percentComplete == 100)
        #expect(action.completedOn == Day(2026, 11, 30))
    }

    // MARK: Blue counts as 100%

    @Test("Blue counts as 100% for the action and in the roll-up; other ratings show the recorded figure")
    func blueCountsFull() {
        let day = Day(2026, 11, 30)
        let override = try! RatingOverride(rating: .blue, reason: "Signed off by the board", by: "Editor", on: day.adding(days: -1))
        let action = Action(areaID: 1, ref: "1.1", title: "Audit", startDate: Day(2026, 1, 1), dueDate: Day(2027, 1, 1),
                            status: .inProgress, percentComplete: 60, override: override)
        let delivery = DeliveryRules.deliveryRating(of: action, asAt: day)
        #expect(delivery.rating == .blue)
        #expect(delivery.percentComplete(of: action) == 100)
        let rated = PlanAssessment.RatedAction(action: action, delivery: delivery, update: DeliveryRules.updateStatus(of: action, cycle: .monthly, asAt: day), dueSoon: false)
        #expect(rated.percentComplete == 100)
        #expect(DeliveryRules.percentComplete(recorded: 60, rating: .green) == 60)
        #expect(DeliveryRules.percentComplete(recorded: 140, rating: .amber) == 100)
        #expect(DeliveryRules.percentComplete(recorded: -5, rating: .red) == 0)
        let rollup = RatingRollup(ratings: [(.blue, 60), (.green, 40)])
        #expect(rollup.averagePercentComplete == 70)
    }

    // MARK: An action point's standing

    @Test("The review at a meeting and the standing as at that day agree on overdue", arguments: [
        ActionPoint.Due.date(Day(2024, 10, 1)), .date(Day(2024, 11, 12)), .date(Day(2024, 12, 31)), .meeting(id: 3), .meeting(id: 4), .meeting(id: 5),
    ])
    func reviewAgreesWithStanding(due: ActionPoint.Due) {
        let calendar = GovernanceFixture.calendar
        var byID: [Int64: Meeting] = [:]
        for m in calendar { byID[m.id] = m }
        let point = ActionPoint(id: 1, boardID: GovernanceFixture.boardID, raisedAtMeetingID: 2, raisedAtItem: 5,
                                text: "Report the figures", owner: "Head of Service", due: due)
        for meeting in calendar where meeting.date > Day(2024, 7, 9) {
            let entry = ActionLog.entry(for: point, at: meeting, meetings: byID)
            let standing = point.standing(asAt: meeting.date, meetings: byID)
            #expect(entry.isOverdue == standing.isOverdue, "at \(meeting.date.formatted)")
            #expect((entry.overdueReason != nil) == standing.isOverdue)
        }
    }

    @Test("Standing takes today as given: due yesterday is overdue, due today is open, done is never overdue")
    func standingTakesToday() {
        let today = Day(2026, 12, 3)
        func point(_ due: Day, _ status: ActionPoint.Status = .open) -> ActionPoint {
            ActionPoint(id: 1, boardID: 7, raisedAtMeetingID: 1, raisedAtItem: 1, text: "x", owner: "y", due: .date(due), status: status)
        }
        #expect(point(today.adding(days: -1)).standing(asAt: today, meetings: [:]).standing == .overdue)
        #expect(point(today).standing(asAt: today, meetings: [:]).standing == .open)
        #expect(point(today.adding(days: -1), .done).standing(asAt: today, meetings: [:]).standing == .done)
        #expect(point(today.adding(days: -1), .carriedForward).standing(asAt: today, meetings: [:]).reason == "Overdue: due \(today.adding(days: -1).formatted)")
    }
}
