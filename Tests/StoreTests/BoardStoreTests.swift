import Core
import Foundation
@testable import Store
import Testing

/// A Corporate Parenting Board with the structure of a real one, built through the public store API.
enum BoardFixture {
    static let members: [BoardMember] = [
        BoardMember(name: "Cllr Amina Patel", role: "Cabinet Member for Children's Services", organisation: "Northshire County Council"),
        BoardMember(name: "Cllr Tom Reid", role: "Vice Chair", organisation: "Northshire County Council"),
        BoardMember(name: "Cllr Sue Hill", role: "Councillor", organisation: "Northshire County Council"),
        BoardMember(name: "Cllr David Okafor", role: "Councillor", organisation: "Northshire County Council"),
        BoardMember(name: "Cllr Grace Lee", role: "Councillor", organisation: "Northshire County Council"),
        BoardMember(name: "Cllr Mark Evans", role: "Councillor", organisation: "Northshire County Council"),
        BoardMember(name: "Sarah Collins", role: "Director of Children's Services", organisation: "Northshire County Council"),
        BoardMember(name: "Dr Helen Moss", role: "Designated Nurse for Looked After Children", organisation: "NHS Northshire ICB"),
        BoardMember(name: "Priya Shah", role: "Care leaver representative", membership: .coopted),
        BoardMember(name: "Jamal Ahmed", role: "Children in Care Council representative", membership: .coopted),
        BoardMember(name: "Linda Green", role: "Foster carer representative", organisation: "Northshire Foster Carers Association", membership: .coopted),
        BoardMember(name: "Cllr Ben Ward", role: "Named substitute", organisation: "Northshire County Council", membership: .substitute),
    ]

    static func board(organisationID: Int64) -> Board {
        Board(organisationID: organisationID, name: "Corporate Parenting Board", kind: .corporateParentingBoard,
              chairID: 1, viceChairID: 2, members: members,
              termsOfReference: "To ensure the council and its partners act as good corporate parents to children in care and care leavers.",
              meetingFrequency: .everyTwoMonths, minuteNumbering: .running(from: 179))
    }
}

@Suite("Boards, meetings, action points and the work programme in the store")
struct BoardStoreTests {
    @Test("Acceptance: a Corporate Parenting Board's year, through the public store API", arguments: TestDatabase.all)
    func corporateParentingBoardYear(database: TestDatabase) async throws {
        try await withStore(database) { store in
            let organisation = try await Fixture.organisation(store)
            let org = organisation.id

            // A board of 12 members; the store numbers them 1…12.
            let board = try await store.createBoard(BoardFixture.board(organisationID: org))
            #expect(board.members.count == 12)
            #expect(board.members.map(\.id) == Array(1...12))
            #expect(board.chair?.name == "Cllr Amina Patel")
            #expect(try await store.board(id: board.id, organisationID: org) == board)
            #expect(try await store.boards(organisationID: org).map(\.name) == ["Corporate Parenting Board"])

            // The work programme: a standing annual and a quarterly item, and two reports planned for September.
            let iro = try await store.createWorkProgrammeItem(
                WorkProgrammeItem(boardID: board.id, title: "IRO annual report", presenter: "IRO Service Manager", purpose: .noting,
                                  placement: .standing(.annually(month: 11))), organisationID: org)
            _ = try await store.createWorkProgrammeItem(
                WorkProgrammeItem(boardID: board.id, title: "Quarter data — matters raised by exception", presenter: "Head of Performance",
                                  placement: .standing(.quarterly)), organisationID: org)
            for title in ["Virtual School headteacher's annual report", "Placement sufficiency strategy"] {
                _ = try await store.createWorkProgrammeItem(
                    WorkProgrammeItem(boardID: board.id, title: title, presenter: "Director of Children's Services", purpose: .decision,
                                      placement: .meetingOn(Day(2024, 9, 10)), papers: [.document(name: "\(title).pdf")]), organisationID: org)
            }

            // The calendar, each meeting created from the template.
            var meetings: [Meeting] = []
            for date in [Day(2024, 7, 9), Day(2024, 9, 10), Day(2024, 11, 12), Day(2025, 1, 14), Day(2025, 3, 11)] {
                meetings.append(try await store.createMeeting(
                    Meeting(boardID: board.id, date: date, time: MeetingTime("18:00"), venue: "Council Chamber, County Hall"),
                    organisationID: org, fromTemplate: true))
            }
            let (july, september, november, january, march) = (meetings[0], meetings[1], meetings[2], meetings[3], meetings[4])
            #expect(july.agenda.map(\.title).contains("Quarter data — matters raised by exception"))
            #expect(!september.agenda.map(\.title).contains("Quarter data — matters raised by exception"))

            // July: held, minutes numbered from the board's first number, 179.
            _ = try await store.editMeeting(id: july.id, organisationID: org, expectedVersion: july.version) { meeting in
                meeting.status = .held
                meeting.attendance = Attendance(present: Array(1...11))
            }
            let julyNumbered = try await store.numberMinutes(meetingID: july.id, organisationID: org, expectedVersion: nil)
            #expect(julyNumbered.agenda.compactMap { $0.minute?.label } == (179...185).map(String.init))

            // September: 8 agenda items, apologies and a substitute, minutes continuing from July's.
            #expect(september.agenda.count == 8)
            #expect(september.agenda[4].title == "Virtual School headteacher's annual report")
            #expect(september.agenda[4].papers == [.document(name: "Virtual School headteacher's annual report.pdf")])
            let septemberHeld = try await store.editMeeting(id: september.id, organisationID: org, expectedVersion: september.version) { meeting in
                meeting.status = .held
                meeting.attendance = Attendance(
                    present: [1, 2, 4, 5, 6, 7, 8, 9, 10], apologies: [3, 11],
                    substitutes: [.init(forMemberID: 3, substituteName: "Cllr Ben Ward", substituteMemberID: 12)],
                    alsoInAttendance: [.init(name: "Jo Bloggs", role: "Head of Service, Children in Care")])
                meeting.agenda[4].minute = AgendaItem.Minute(
                    narrative: "The Virtual School headteacher presented the annual report. Members asked about PEP completion by school.",
                    resolutions: ["that the report be noted", "that PEP completion figures by school be circulated to members"])
            }
            #expect(septemberHeld.attendance.substitutes.first?.sentence(on: board) == "Cllr Ben Ward attending as Cllr Sue Hill's substitute")
            let septemberNumbered = try await store.numberMinutes(meetingID: september.id, organisationID: org, expectedVersion: septemberHeld.version)
            #expect(septemberNumbered.agenda.compactMap { $0.minute?.label } == (186...193).map(String.init))
            #expect(septemberNumbered.agenda[4].minute?.resolutions.count == 2)

            // Three action points raised in September, with owners.
            let circulate = try await store.createActionPoint(
                ActionPoint(boardID: board.id, raisedAtMeetingID: september.id, raisedAtItem: 5,
                            text: "Circulate PEP completion figures by school", owner: "Virtual School headteacher",
                            due: .date(Day(2024, 10, 31))), organisationID: org)
            let visits = try await store.createActionPoint(
                ActionPoint(boardID: board.id, raisedAtMeetingID: september.id, raisedAtItem: 6,
                            text: "Report on the timeliness of statutory visits", owner: "Head of Service, Children in Care",
                            due: .meeting(id: november.id)), organisationID: org)
            let offer = try await store.createActionPoint(
                ActionPoint(boardID: board.id, raisedAtMeetingID: september.id, raisedAtItem: 6,
                            text: "Bring the refreshed Local Offer for care leavers", owner: "Service Manager, Leaving Care",
                            due: .date(Day(2024, 10, 15))), organisationID: org)
            #expect(try await store.actionPoints(boardID: board.id, organisationID: org).map(\.owner)
                    == ["Virtual School headteacher", "Head of Service, Children in Care", "Service Manager, Leaving Care"])

            // One done; two carried forward to November.
            _ = try await store.addActionPointUpdate(.init(date: Day(2024, 10, 3), author: "Virtual School headteacher",
                                                           text: "Figures circulated to members", status: .done),
                                                     actionPointID: circulate.id, organisationID: org, expectedVersion: circulate.version)
            for point in [visits, offer] {
                let target = november
                let carried = try await store.editActionPoint(id: point.id, organisationID: org, expectedVersion: point.version) { edited in
                    try ActionLog.carryForward(&edited, to: target, on: Day(2024, 10, 20), by: "Committee clerk")
                }
                #expect(carried.status == .carriedForward)
                #expect(carried.due == .meeting(id: november.id))
            }

            // November, made from the template, shows them under "review of previous action points".
            let review = try await store.actionPointReview(meetingID: november.id, organisationID: org)
            #expect(review.map(\.actionPoint.id) == [visits.id, offer.id])
            #expect(review.allSatisfy { $0.dueText == "Due at this meeting" })
            #expect(november.item(ofKind: .reviewOfActionPoints)?.number == 4)

            // The standing "IRO annual report — November" item lands on the November meeting, and only there.
            #expect(november.agenda.map(\.title).contains("IRO annual report"))
            #expect(november.agenda.first { $0.title == "IRO annual report" }?.workProgrammeItemID == iro.id)
            for other in [july, september, january, march] {
                #expect(!other.agenda.map(\.title).contains("IRO annual report"))
            }
            let programme = try await store.workProgramme(boardID: board.id, organisationID: org)
            let stored = try await store.meetings(boardID: board.id, organisationID: org)
            let iroMeetings = programme.slots(calendar: stored).filter { slot in slot.items.contains { $0.id == iro.id } }.map(\.meeting.id)
            #expect(iroMeetings == [november.id])

            // November is held and approves September's minutes, which are then locked.
            _ = try await store.editMeeting(id: november.id, organisationID: org, expectedVersion: nil) { meeting in
                meeting.status = .held
                meeting.attendance = Attendance(present: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])
            }
            let (approved, at) = try await store.approveMinutes(meetingID: september.id, atMeetingID: november.id,
                                                                organisationID: org, expectedVersion: septemberNumbered.version)
            #expect(approved.minutesStatus == .approved(on: Day(2024, 11, 12), atMeetingID: november.id))
            #expect(at.item(ofKind: .minutesOfLastMeeting)?.minute?.resolutions.first?.hasPrefix("that the minutes of the meeting held on 10 September 2024") == true)
            let unreasoned = await outcome {
                try await store.editMeeting(id: september.id, organisationID: org, expectedVersion: nil) { meeting in
                    meeting.agenda[4].minute?.narrative = "Rewritten after the event"
                }
            }
            guard case let .failure(error as ValidationErrors) = unreasoned else {
                Issue.record("expected the locked minutes to refuse a change without a reason, got \(unreasoned)")
                return
            }
            #expect(error.errors.map(\.field) == ["reason"])
            let amended = try await store.editMeeting(id: september.id, organisationID: org, expectedVersion: approved.version) { meeting in
                try MinutesLifecycle.amend(&meeting, reason: "Typing error in the second resolution", by: "Committee clerk",
                                           on: Day(2024, 11, 14)) { items in
                    items[4].minute?.resolutions[1] = "that PEP completion figures by school be circulated to all members"
                }
            }
            #expect(amended.minutesAmendments.map(\.reason) == ["Typing error in the second resolution"])
            #expect(amended.minutesAmendments.first?.previous.first?.minute?.resolutions[1] == "that PEP completion figures by school be circulated to members")

            // November's minutes continue from September's: 194 onwards.
            let novemberNumbered = try await store.numberMinutes(meetingID: november.id, organisationID: org, expectedVersion: nil)
            #expect(novemberNumbered.agenda.first?.minute?.label == "194")

            // January is cancelled; the year's attendance figures leave it out.
            _ = try await store.editMeeting(id: january.id, organisationID: org, expectedVersion: january.version) { $0.status = .cancelled }
            let calendar = try await store.meetings(boardID: board.id, organisationID: org)
            #expect(calendar.map(\.status) == [.held, .held, .held, .cancelled, .scheduled])
            let figures = AttendanceStatistics(board: board, meetings: calendar, from: Day(2024, 4, 1), to: Day(2025, 3, 31))
            #expect(figures.meetingsHeld == 3)
            #expect(figures.meetingsCancelled == 1)
            #expect(figures.figures(for: 3)?.sentence == "Cllr Sue Hill attended 2 of 3 meetings (67%) and was represented by a substitute at 1.")
            #expect(figures.figures(for: 11)?.apologies == 1)
            #expect(figures.members.count == 11)

            // March's template has no quarterly item (January came first in the quarter when March was made); the
            // two action points still open show there too, now overdue: their November meeting has been held.
            #expect(march.agenda.count == 6)
            let marchReview = try await store.actionPointReview(meetingID: march.id, organisationID: org)
            #expect(marchReview.map(\.actionPoint.id) == [visits.id, offer.id])
            #expect(marchReview.allSatisfy { $0.isOverdue })
        }
    }

    @Test("A stale edit is refused, and the stored record is unchanged", arguments: TestDatabase.all)
    func staleEdits(database: TestDatabase) async throws {
        try await withStore(database) { store in
            let org = try await Fixture.organisation(store).id
            let board = try await store.createBoard(BoardFixture.board(organisationID: org))
            let renamed = try await store.editBoard(id: board.id, organisationID: org, expectedVersion: board.version) { $0.name = "Corporate Parenting Panel" }
            #expect(renamed.version == board.version + 1)
            await #expect(throws: StoreError.staleVersion(entity: "board", id: board.id, expected: board.version, current: renamed.version)) {
                try await store.editBoard(id: board.id, organisationID: org, expectedVersion: board.version) { $0.name = "Lost edit" }
            }
            #expect(try await store.board(id: board.id, organisationID: org).name == "Corporate Parenting Panel")

            let meeting = try await store.createMeeting(Meeting(boardID: board.id, date: Day(2024, 9, 10)), organisationID: org, fromTemplate: true)
            _ = try await store.editMeeting(id: meeting.id, organisationID: org, expectedVersion: meeting.version) { $0.venue = "Room 2" }
            await #expect(throws: StoreError.staleVersion(entity: "meeting", id: meeting.id, expected: 1, current: 2)) {
                try await store.editMeeting(id: meeting.id, organisationID: org, expectedVersion: meeting.version) { $0.venue = "Lost" }
            }

            let point = try await store.createActionPoint(
                ActionPoint(boardID: board.id, raisedAtMeetingID: meeting.id, raisedAtItem: 5, text: "Report back", owner: "DCS"),
                organisationID: org)
            _ = try await store.addActionPointUpdate(.init(date: Day(2024, 10, 1), author: "DCS", text: "In hand"),
                                                     actionPointID: point.id, organisationID: org, expectedVersion: point.version)
            await #expect(throws: StoreError.staleVersion(entity: "action point", id: point.id, expected: 1, current: 2)) {
                try await store.addActionPointUpdate(.init(date: Day(2024, 10, 2), author: "DCS", text: "Done", status: .done),
                                                     actionPointID: point.id, organisationID: org, expectedVersion: point.version)
            }
            #expect(try await store.actionPoint(id: point.id, organisationID: org).status == .open)
        }
    }

    @Test("Another organisation cannot read or change the board, its meetings or action points by id", arguments: TestDatabase.all)
    func scopedToOrganisation(database: TestDatabase) async throws {
        try await withStore(database) { store in
            let org = try await Fixture.organisation(store).id
            let other = try await Fixture.organisation(store, name: "Southshire Council").id
            let board = try await store.createBoard(BoardFixture.board(organisationID: org))
            let meeting = try await store.createMeeting(Meeting(boardID: board.id, date: Day(2024, 9, 10)), organisationID: org, fromTemplate: true)
            let point = try await store.createActionPoint(
                ActionPoint(boardID: board.id, raisedAtMeetingID: meeting.id, raisedAtItem: 5, text: "Report back", owner: "DCS"),
                organisationID: org)

            await #expect(throws: StoreError.notFound(entity: "board", id: String(board.id))) {
                try await store.board(id: board.id, organisationID: other)
            }
            await #expect(throws: StoreError.notFound(entity: "board", id: String(board.id))) {
                try await store.meetings(boardID: board.id, organisationID: other)
            }
            await #expect(throws: StoreError.notFound(entity: "meeting", id: String(meeting.id))) {
                try await store.meeting(id: meeting.id, organisationID: other)
            }
            await #expect(throws: StoreError.notFound(entity: "action point", id: String(point.id))) {
                try await store.actionPoint(id: point.id, organisationID: other)
            }
            await #expect(throws: StoreError.notFound(entity: "board", id: String(board.id))) {
                try await store.editBoard(id: board.id, organisationID: other, expectedVersion: nil) { $0.name = "Taken over" }
            }
            await #expect(throws: StoreError.notFound(entity: "board", id: String(board.id))) {
                try await store.createMeeting(Meeting(boardID: board.id, date: Day(2024, 11, 12)), organisationID: other, fromTemplate: true)
            }
            #expect(try await store.boards(organisationID: other).isEmpty)
            #expect(try await store.count("boards", organisationID: other) == 0)
            #expect(try await store.board(id: board.id, organisationID: org).name == "Corporate Parenting Board")
        }
    }

    @Test("Invalid records are refused with the field and a sentence a clerk understands", arguments: TestDatabase.all)
    func validation(database: TestDatabase) async throws {
        try await withStore(database) { store in
            let org = try await Fixture.organisation(store).id
            var bad = BoardFixture.board(organisationID: org)
            bad.name = " "
            bad.chairID = 40
            let invalid = bad
            let result = await outcome { try await store.createBoard(invalid) }
            guard case let .failure(error as ValidationErrors) = result else {
                Issue.record("expected validation errors, got \(result)")
                return
            }
            #expect(error.errors.map(\.field) == ["name", "chairID"])
            #expect(error.errors.last?.message == "Choose the chair from the board's members")

            let board = try await store.createBoard(BoardFixture.board(organisationID: org))
            let meeting = try await store.createMeeting(Meeting(boardID: board.id, date: Day(2024, 9, 10)), organisationID: org, fromTemplate: true)
            let both = await outcome {
                try await store.editMeeting(id: meeting.id, organisationID: org, expectedVersion: nil) { meeting in
                    meeting.status = .held
                    meeting.attendance = Attendance(present: [3], apologies: [3])
                }
            }
            guard case let .failure(attendanceError as ValidationErrors) = both else {
                Issue.record("expected validation errors, got \(both)")
                return
            }
            #expect(attendanceError.errors.map(\.message) == ["Cllr Sue Hill is recorded both as present and as sending apologies"])

            // A due meeting of another board is refused.
            let panel = try await store.createBoard(Board(organisationID: org, name: "Improvement Board", kind: .improvementBoard))
            let panelMeeting = try await store.createMeeting(Meeting(boardID: panel.id, date: Day(2024, 9, 12)), organisationID: org, fromTemplate: false)
            let wrongBoard = await outcome {
                try await store.createActionPoint(ActionPoint(boardID: board.id, raisedAtMeetingID: meeting.id, raisedAtItem: 5,
                                                              text: "Report back", owner: "DCS", due: .meeting(id: panelMeeting.id)),
                                                  organisationID: org)
            }
            guard case let .failure(dueError as ValidationError) = wrongBoard else {
                Issue.record("expected a validation error, got \(wrongBoard)")
                return
            }
            #expect(dueError.field == "due")
        }
    }
}
