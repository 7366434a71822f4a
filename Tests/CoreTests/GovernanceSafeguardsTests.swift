import Testing
@testable import Core

@Suite("Meeting safeguards and the one action point status")
struct GovernanceSafeguardsTests {
    static let calendar = GovernanceFixture.calendar

    @Test("Attendance is refused before the meeting's day, saying when; allowed on the day and after; never for a cancelled meeting")
    func attendanceOnlyFromTheDay() throws {
        var november = Self.calendar[3]
        let attendance = Attendance(present: [1, 2])
        #expect(throws: ValidationError(field: "date", message: "Attendance can be recorded from the day of the meeting, Tuesday 12 November 2024, not before")) {
            try MeetingSafeguards.recordAttendance(attendance, at: &november, today: Day(2024, 11, 11))
        }
        #expect(november.status == .scheduled)
        #expect(november.attendance.isEmpty)
        try MeetingSafeguards.recordAttendance(attendance, at: &november, today: Day(2024, 11, 12))
        #expect(november.status == .held)
        #expect(november.attendance.present == [1, 2])

        var january = Self.calendar[4]
        #expect(throws: ValidationError.self) { try MeetingSafeguards.recordAttendance(attendance, at: &january, today: Day(2025, 2, 1)) }
        #expect(MeetingSafeguards.mayRecordAttendance(at: january, today: Day(2025, 2, 1)) == false)
    }

    @Test("Cancelling needs a reason and a scheduled meeting; it records who, their role and when; reinstating undoes it")
    func cancelAndReinstate() throws {
        var meeting = Self.calendar[3]
        for blank in ["", "   \n"] {
            #expect(throws: ValidationError.self) { try MeetingSafeguards.cancel(&meeting, reason: blank, by: "Owen Price", role: "Editor", on: Day(2024, 11, 1)) }
        }
        #expect(throws: ValidationError.self) {
            try MeetingSafeguards.cancel(&meeting, reason: String(repeating: "x", count: 2_001), by: "Owen Price", role: "Editor", on: Day(2024, 11, 1))
        }
        #expect(meeting.status == .scheduled)
        try MeetingSafeguards.cancel(&meeting, reason: " Not quorate ", by: "Owen Price", role: "Editor", on: Day(2024, 11, 1))
        #expect(meeting.status == .cancelled)
        #expect(meeting.cancellation == MeetingCancellation(reason: "Not quorate", by: "Owen Price", byRole: "Editor", on: Day(2024, 11, 1)))
        #expect(meeting.cancellation?.sentence == "Cancelled on 1 November 2024 by Owen Price (Editor): Not quorate")
        #expect(throws: ValidationError.self) { try MeetingSafeguards.cancel(&meeting, reason: "Again", by: "Owen Price", role: "Editor", on: Day(2024, 11, 1)) }

        try MeetingSafeguards.reinstate(&meeting)
        #expect(meeting.status == .scheduled)
        #expect(meeting.cancellation == nil)
        #expect(meeting == Self.calendar[3])
        #expect(throws: ValidationError.self) { try MeetingSafeguards.reinstate(&meeting) }

        var held = Self.calendar[2]
        #expect(throws: ValidationError.self) { try MeetingSafeguards.cancel(&held, reason: "Too late", by: "Owen Price", role: "Editor", on: Day(2024, 11, 1)) }
    }

    static func byID() -> [Int64: Meeting] {
        var byID: [Int64: Meeting] = [:]
        for meeting in calendar { byID[meeting.id] = meeting }
        return byID
    }

    static func point(_ due: ActionPoint.Due?, status: ActionPoint.Status = .open) -> ActionPoint {
        ActionPoint(id: 1, boardID: GovernanceFixture.boardID, raisedAtMeetingID: 2, raisedAtItem: 5, text: "Circulate the figures",
                    owner: "Head of Service", due: due, status: status)
    }

    @Test("An action point's standing as at a day: overdue after its due date or a held due meeting, never after a cancelled one; closed ones as closed",
          arguments: [
              (ActionPoint.Due?.some(.date(Day(2024, 10, 1))), ActionPoint.Status.open, Day(2024, 10, 1), ActionPoint.Standing.open, nil as String?),
              (.some(.date(Day(2024, 10, 1))), .open, Day(2024, 10, 2), .overdue, "Overdue: due 1 October 2024"),
              (.some(.date(Day(2024, 10, 1))), .carriedForward, Day(2024, 10, 2), .overdue, "Overdue: due 1 October 2024"),
              (.some(.date(Day(2024, 10, 1))), .done, Day(2025, 1, 1), .done, nil),
              (.some(.meeting(id: 3)), .open, Day(2024, 9, 10), .open, nil),
              (.some(.meeting(id: 3)), .open, Day(2024, 9, 11), .overdue, "Overdue: due at the meeting on 10 September 2024"),
              (.some(.meeting(id: 5)), .carriedForward, Day(2025, 2, 1), .carriedForward, nil),
              (nil, .noLongerRequired, Day(2025, 2, 1), .noLongerRequired, nil),
              (nil, .open, Day(2030, 1, 1), .open, nil),
          ])
    func standing(due: ActionPoint.Due?, status: ActionPoint.Status, day: Day, expected: ActionPoint.Standing, reason: String?) {
        let standing = Self.point(due, status: status).standing(asAt: day, meetings: Self.byID())
        #expect(standing.standing == expected)
        #expect(standing.reason == reason)
        #expect(standing.reason.map { !$0.contains("this meeting") } ?? true, "no 'before this meeting' outside a meeting")
    }

    @Test("An update records the signed-in person's role beside their name")
    func updateAuthor() throws {
        var point = Self.point(.date(Day(2024, 10, 1)))
        try ActionLog.close(&point, as: .done, on: Day(2024, 10, 2), by: "Owen Price", role: "Editor", note: "Circulated")
        #expect(point.latestUpdate?.authorText == "Owen Price (Editor)")
        #expect(ActionPoint.Update(date: Day(2024, 1, 1), author: "Clerk", text: "Older").authorText == "Clerk")
    }
}
