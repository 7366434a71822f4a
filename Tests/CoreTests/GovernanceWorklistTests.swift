import Testing
@testable import Core

@Suite("What needs a person: the home page's worklist")
struct GovernanceWorklistTests {
    static let today = Day(2024, 11, 20)

    static func plan() -> PlanContents {
        let plan = Plan(id: 1, organisationID: 1, title: "Improvement plan", updateCycle: .monthly)
        let theme = Theme(id: 1, planID: 1, position: 0, ref: "1", title: "Leadership")
        let area = Area(id: 1, themeID: 1, position: 0, ref: "1.1", title: "Supervision")
        let actions = [
            // Led by the person's role-name, in another case, and owing an update.
            Action(id: 1, areaID: 1, ref: "1.1.1", title: "Audit supervision", leads: ["principal social worker "],
                   startDate: Day(2024, 4, 1), dueDate: Day(2025, 3, 31), status: .inProgress, percentComplete: 50,
                   updates: [ProgressUpdate(actionID: 1, date: Day(2024, 9, 1), author: "PSW", text: "Started")]),
            // Led by them too (by email), updated recently: next update due in December.
            Action(id: 2, areaID: 1, ref: "1.1.2", title: "Refresh the policy", leads: ["psw@northmoor.example", "Head of Service"],
                   startDate: Day(2024, 4, 1), dueDate: Day(2025, 3, 31), status: .inProgress, percentComplete: 60,
                   updates: [ProgressUpdate(actionID: 2, date: Day(2024, 11, 10), author: "PSW", text: "On track")]),
            // Someone else's, overdue: an exception for editors only.
            Action(id: 3, areaID: 1, ref: "1.1.3", title: "Recruit managers", leads: ["Head of Service"],
                   startDate: Day(2024, 1, 1), dueDate: Day(2024, 10, 1), status: .inProgress, percentComplete: 40),
        ]
        return PlanContents(plan: plan, themes: [theme], areas: [area], actions: actions)
    }

    static func boards() -> [(board: Board, meetings: [Meeting], actionPoints: [ActionPoint])] {
        var board = GovernanceFixture.board()
        board.members.append(BoardMember(id: 9, name: "Principal Social Worker", role: "Adviser", membership: .coopted))
        let meetings = [
            GovernanceFixture.meeting(3, Day(2024, 9, 10), .held),
            GovernanceFixture.meeting(4, Day(2024, 11, 12)),            // past and still scheduled: attendance not recorded
            GovernanceFixture.meeting(6, Day(2025, 1, 14)),
        ]
        let points = [
            ActionPoint(id: 1, boardID: board.id, raisedAtMeetingID: 3, raisedAtItem: 4, text: "Bring the policy", owner: "Principal Social Worker",
                        due: .date(Day(2024, 10, 31))),
            ActionPoint(id: 2, boardID: board.id, raisedAtMeetingID: 3, raisedAtItem: 4, text: "Someone else's", owner: "Director"),
            ActionPoint(id: 3, boardID: board.id, raisedAtMeetingID: 3, raisedAtItem: 4, text: "Done already", owner: "Principal Social Worker",
                        status: .done),
        ]
        return [(board, meetings, points)]
    }

    static let lead = Worklist.Person(name: "Principal Social Worker", email: "psw@northmoor.example", keepsPlans: false, runsBoards: false)

    @Test("An action lead's worklist: the actions naming them (name or email, any case), updates owed first with when the next is due")
    func leadsActions() {
        let list = Worklist(for: Self.lead, plans: [Self.plan()], measures: [], boards: Self.boards(), asAt: Self.today)
        #expect(list.actions.map(\.action.id) == [1, 2])
        #expect(list.updatesDue.map(\.action.id) == [1])
        #expect(list.actions[1].update.nextDue == UpdateCycle.monthly.nextUpdateDue(after: Day(2024, 11, 10)))
        #expect(list.actionExceptions.isEmpty, "exceptions are for those who keep the plan")
        #expect(list.awaiting.isEmpty, "board business is for those who run the boards")
    }

    @Test("Their open action points with the one standing, and the next meeting of the boards they sit on")
    func actionPointsAndMeetings() {
        let list = Worklist(for: Self.lead, plans: [Self.plan()], measures: [], boards: Self.boards(), asAt: Self.today)
        #expect(list.actionPoints.map(\.actionPoint.id) == [1])
        #expect(list.actionPoints.first?.standing.standing == .overdue)
        #expect(list.actionPoints.first?.standing.reason == "Overdue: due 31 October 2024")
        #expect(list.isBoardMember)
        #expect(list.meetings.map(\.meeting.id) == [6])

        let stranger = Worklist(for: .init(name: "Nobody", email: "nobody@example.org", keepsPlans: false, runsBoards: false),
                                plans: [Self.plan()], measures: [], boards: Self.boards(), asAt: Self.today)
        #expect(stranger.actions.isEmpty && stranger.actionPoints.isEmpty && stranger.meetings.isEmpty)
        #expect(!stranger.isBoardMember)
    }

    @Test("An editor who runs the boards sees the plan's red and reprogrammed actions and the meetings awaiting attendance or minutes")
    func editorsExceptionsAndAwaiting() {
        var contents = Self.plan()
        contents.actions[1].reprogrammings = [Reprogramming(from: Day(2024, 12, 31), to: Day(2025, 3, 31), reason: "Consultation extended",
                                                            changedOn: Day(2024, 10, 1), changedBy: "Editor")]
        let editor = Worklist.Person(name: "Performance Officer", email: "po@example.org", keepsPlans: true, runsBoards: true)
        let list = Worklist(for: editor, plans: [contents], measures: [], boards: Self.boards(), asAt: Self.today)
        #expect(list.actions.isEmpty)
        #expect(list.actionExceptions.map(\.action.id) == [2, 3])
        #expect(list.actionExceptions[0].reasons == ["Reprogrammed from 31 December 2024 to 31 March 2025: Consultation extended"])
        #expect(list.actionExceptions[1].delivery.rating == .red)
        #expect(list.awaiting.map(\.meeting.id) == [3, 4])
        #expect(list.awaiting.map(\.what) == ["Write the minutes of the meeting on 10 September 2024",
                                              "Record the attendance of the meeting on 12 November 2024, or cancel it"])
        #expect(list.meetings.map(\.meeting.id) == [6], "clerks see every board's next meeting")
    }
}
