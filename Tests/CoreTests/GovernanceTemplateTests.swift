import Testing
@testable import Core

@Suite("A new meeting's agenda starts from the board's template")
struct GovernanceTemplateTests {
    @Test("Standard items in order, the work programme's items for the date, then work programme and future dates")
    func templateAgenda() {
        let board = GovernanceFixture.board()
        let programme = WorkProgramme(boardID: board.id, items: [
            WorkProgrammeItem(id: 1, boardID: board.id, title: "IRO annual report", presenter: "IRO Service Manager",
                              purpose: .noting, placement: .standing(.annually(month: 11))),
            WorkProgrammeItem(id: 2, boardID: board.id, title: "Placement sufficiency strategy", presenter: "Head of Commissioning",
                              purpose: .decision, placement: .meetingOn(Day(2024, 11, 12)), papers: [.document(name: "Sufficiency strategy 2024-27.pdf")]),
            WorkProgrammeItem(id: 3, boardID: board.id, title: "Performance scorecard", presenter: "Head of Performance",
                              purpose: .discussion, placement: .standing(.everyMeeting), papers: [.kpiScorecard(planID: 3)]),
        ])
        let others = GovernanceFixture.calendar.filter { $0.id != 4 }
        let november = GovernanceFixture.meeting(0, Day(2024, 11, 12))
        let agenda = MeetingTemplate.agenda(for: november, board: board, meetings: others, workProgramme: programme)

        #expect(agenda.map(\.title) == [
            "Apologies and substitutes",
            "Declarations of interest",
            "Minutes of the meeting held on 10 September 2024",
            "Review of previous action points",
            "Placement sufficiency strategy",
            "IRO annual report",
            "Performance scorecard",
            "Work programme",
            "Future meeting dates",
        ])
        #expect(agenda.map(\.number) == Array(1...9))
        #expect(agenda.map(\.kind) == [.apologies, .declarationsOfInterest, .minutesOfLastMeeting, .reviewOfActionPoints,
                                       .business, .business, .business, .workProgramme, .futureMeetingDates])
        #expect(agenda[4].papers == [.document(name: "Sufficiency strategy 2024-27.pdf")])
        #expect(agenda[4].workProgrammeItemID == 2)
        #expect(agenda[5].presenter == "IRO Service Manager")
        // The cancelled January meeting is not a future date.
        #expect(agenda[8].detail == "11 March 2025")
        #expect(agenda[0].presenter == "Chair (Cllr Amina Patel)")
    }

    @Test("The board's first meeting has no previous meeting to name")
    func firstMeeting() {
        let board = GovernanceFixture.board()
        let agenda = MeetingTemplate.agenda(for: GovernanceFixture.meeting(0, Day(2024, 5, 14)), board: board, meetings: [],
                                            workProgramme: WorkProgramme(boardID: board.id, items: []))
        #expect(agenda[2].title == "Minutes of the last meeting")
        #expect(agenda.last?.detail == "To be confirmed.")
        #expect(agenda.count == 6)
    }
}
