import Testing
@testable import Core

@Suite("The review of previous action points: every outstanding one, overdue first")
struct GovernanceActionLogTests {
    static let calendar = GovernanceFixture.calendar

    static func point(_ id: Int64, raisedAt meeting: Int64 = 2, due: ActionPoint.Due?, status: ActionPoint.Status = .open) -> ActionPoint {
        ActionPoint(id: id, boardID: GovernanceFixture.boardID, raisedAtMeetingID: meeting, raisedAtItem: 5,
                    text: "Action point \(id)", owner: "Head of Service", due: due, status: status)
    }

    @Test("Overdue first (by date or by a held meeting), then by due day; closed and later ones left out")
    func ordering() {
        let november = Self.calendar[3]
        let points = [
            Self.point(1, due: .date(Day(2024, 12, 31))),                // not yet due
            Self.point(2, due: .date(Day(2024, 10, 1))),                 // overdue by date
            Self.point(3, due: .meeting(id: 3), status: .carriedForward), // due at September's held meeting: overdue
            Self.point(4, due: .meeting(id: 4)),                          // due at this meeting
            Self.point(5, due: .date(Day(2024, 8, 1)), status: .done),    // closed
            Self.point(6, due: nil),                                      // no due date: last
            Self.point(7, raisedAt: 4, due: .date(Day(2024, 10, 1))),     // raised at this meeting
            Self.point(8, raisedAt: 6, due: .date(Day(2024, 10, 1))),     // raised later
            Self.point(9, due: .date(Day(2024, 11, 12))),                 // due on the day: not overdue
        ]
        let review = ActionLog.review(at: november, actionPoints: points, meetings: Self.calendar)
        #expect(review.map(\.actionPoint.id) == [3, 2, 4, 9, 1, 6])
        #expect(review.map(\.isOverdue) == [true, true, false, false, false, false])
        #expect(review[0].overdueReason == "Overdue: due at the meeting on 10 September 2024")
        #expect(review[1].overdueReason == "Overdue: due 1 October 2024, before this meeting")
        #expect(review[2].dueText == "Due at this meeting")
        #expect(review[5].dueText == "No due date")
    }

    @Test("Due at a meeting that was cancelled is not overdue; it waits for the next meeting, after the overdue ones")
    func dueAtCancelledMeeting() {
        let march = Self.calendar[5]
        let points = [Self.point(1, due: .meeting(id: 5)), Self.point(2, due: .date(Day(2025, 2, 1)))]
        let review = ActionLog.review(at: march, actionPoints: points, meetings: Self.calendar)
        // Due 14 Jan (cancelled meeting) comes after the one overdue since 1 Feb: overdue first, whatever the dates.
        #expect(review.map(\.actionPoint.id) == [2, 1])
        #expect(review.map(\.isOverdue) == [true, false])
    }

    @Test("Carrying forward moves the due meeting, sets the status and records an update")
    func carryForward() throws {
        var point = Self.point(1, due: .meeting(id: 3))
        try ActionLog.carryForward(&point, to: Self.calendar[3], on: Day(2024, 9, 10), by: "Committee clerk", note: "Figures not yet available")
        #expect(point.status == .carriedForward)
        #expect(point.due == .meeting(id: 4))
        #expect(point.latestUpdate?.text == "Carried forward to the meeting on 12 November 2024. Figures not yet available")
        // Carried forward, it still shows at November's review, and is not overdue there.
        let review = ActionLog.review(at: Self.calendar[3], actionPoints: [point], meetings: Self.calendar)
        #expect(review.map(\.isOverdue) == [false])
    }

    @Test("A closed action point cannot be carried forward, nor carried to a cancelled meeting")
    func carryForwardRefused() {
        var done = Self.point(1, due: .meeting(id: 3), status: .done)
        #expect(throws: ValidationError.self) { try ActionLog.carryForward(&done, to: Self.calendar[3], on: Day(2024, 9, 10), by: "Clerk") }
        var open = Self.point(2, due: .meeting(id: 4))
        #expect(throws: ValidationError.self) { try ActionLog.carryForward(&open, to: Self.calendar[4], on: Day(2024, 11, 12), by: "Clerk") }
    }

    @Test("Completing needs a note of what was done, and leaves the review")
    func complete() throws {
        var point = Self.point(1, due: .date(Day(2024, 10, 1)))
        #expect(throws: ValidationError.self) { try ActionLog.complete(&point, on: Day(2024, 10, 3), by: "Head of Service", note: "  ") }
        try ActionLog.complete(&point, on: Day(2024, 10, 3), by: "Head of Service", note: "Figures circulated on 3 October")
        #expect(point.status == .done)
        #expect(ActionLog.review(at: Self.calendar[3], actionPoints: [point], meetings: Self.calendar).isEmpty)
    }
}
