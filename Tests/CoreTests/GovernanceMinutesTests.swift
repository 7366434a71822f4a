import Testing
@testable import Core

@Suite("Minutes: drafted, approved at the next meeting, then changed only with a reason")
struct GovernanceMinutesTests {
    static func heldWithMinutes() -> Meeting {
        var items = MinuteNumbering.running(from: 179).numbered(GovernanceFixture.items(["Apologies", "Sufficiency strategy"]), after: nil)
        items[1].minute?.narrative = "Members discussed placement sufficiency."
        items[1].minute?.resolutions = ["that the strategy be endorsed"]
        return GovernanceFixture.meeting(3, Day(2024, 9, 10), .held, agenda: items)
    }

    static func november() -> Meeting {
        let board = GovernanceFixture.board()
        var meeting = GovernanceFixture.meeting(4, Day(2024, 11, 12), .held)
        meeting.agenda = MeetingTemplate.agenda(for: meeting, board: board, meetings: [heldWithMinutes()],
                                                workProgramme: WorkProgramme(boardID: board.id, items: []))
        return meeting
    }

    @Test("Approval at the next meeting is recorded on its 'minutes of the last meeting' item")
    func approve() throws {
        var september = Self.heldWithMinutes()
        var november = Self.november()
        try MinutesLifecycle.approve(minutesOf: &september, at: &november)
        #expect(september.minutesStatus == .approved(on: Day(2024, 11, 12), atMeetingID: 4))
        #expect(september.minutesStatus.text == "Approved on 12 November 2024")
        #expect(november.item(ofKind: .minutesOfLastMeeting)?.minute?.resolutions ==
            ["that the minutes of the meeting held on 10 September 2024 be approved as a correct record and signed by the Chair"])
    }

    @Test("Minutes of a meeting not held, or approved at an earlier meeting, are refused")
    func approveRefused() {
        var scheduled = GovernanceFixture.meeting(3, Day(2024, 9, 10))
        var november = Self.november()
        #expect(throws: ValidationErrors.self) { try MinutesLifecycle.approve(minutesOf: &scheduled, at: &november) }
        var september = Self.heldWithMinutes()
        var may = GovernanceFixture.meeting(1, Day(2024, 5, 14), .held, agenda: Self.november().agenda)
        #expect(throws: ValidationErrors.self) { try MinutesLifecycle.approve(minutesOf: &september, at: &may) }
    }

    @Test("Approved minutes change only with a reason, and the approved text is kept")
    func lockedNeedsReason() throws {
        var september = Self.heldWithMinutes()
        var november = Self.november()
        try MinutesLifecycle.approve(minutesOf: &september, at: &november)
        let approved = september

        #expect(throws: ValidationError.self) {
            try MinutesLifecycle.amend(&september, reason: " ", by: "Committee clerk", on: Day(2024, 11, 20)) { items in
                items[1].minute?.resolutions = ["that the strategy be endorsed, subject to costings"]
            }
        }
        #expect(september == approved)

        try MinutesLifecycle.amend(&september, reason: "Resolution wording corrected at the Chair's request", by: "Committee clerk",
                                   on: Day(2024, 11, 20)) { items in
            items[1].minute?.resolutions = ["that the strategy be endorsed, subject to costings"]
        }
        #expect(september.agenda[1].minute?.resolutions == ["that the strategy be endorsed, subject to costings"])
        #expect(september.minutesAmendments.count == 1)
        #expect(september.minutesAmendments[0].previous == [.init(itemNumber: 2, minute: approved.agenda[1].minute)])
        #expect(september.minutesAmendments[0].reason == "Resolution wording corrected at the Chair's request")
    }

    @Test("Draft minutes change freely, with no history")
    func draftChangesFreely() throws {
        var september = Self.heldWithMinutes()
        try MinutesLifecycle.amend(&september, reason: "", by: "Committee clerk", on: Day(2024, 9, 12)) { items in
            items[1].minute?.narrative = "Members discussed placement sufficiency at length."
        }
        #expect(september.minutesAmendments.isEmpty)
        #expect(september.agenda[1].minute?.narrative == "Members discussed placement sufficiency at length.")
    }

    @Test("A store-side check refuses a change to locked minutes that bypassed the amendment")
    func storeCheck() throws {
        var september = Self.heldWithMinutes()
        var november = Self.november()
        try MinutesLifecycle.approve(minutesOf: &september, at: &november)
        var edited = september
        edited.agenda[1].minute?.narrative = "Rewritten"
        #expect(MinutesLifecycle.errors(changing: september, to: edited).map(\.field) == ["reason"])
        var unlocked = september
        unlocked.minutesStatus = .draft
        #expect(MinutesLifecycle.errors(changing: september, to: unlocked).map(\.field) == ["minutesStatus"])
    }
}
