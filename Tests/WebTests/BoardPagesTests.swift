import Core
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Demo
import Store
import Testing
@testable import Web

/// The board pages as a clerk and a member use them, over the demo council's boards.
@Suite("Board pages")
struct BoardPagesTests {
    static func board(_ store: SQLStore, _ environment: AppEnvironment, named name: String) async throws -> Board {
        try #require(try await store.boards(organisationID: environment.organisationID).first { $0.name == name })
    }

    static func post(_ client: any TestClientProtocol, _ uri: String, _ fields: [(String, String)]) async throws -> TestResponse {
        try await client.executeRequest(uri: uri, method: .post, headers: formHeaders, body: formEncoded(fields))
    }

    /// The id at the end of a redirect's location, `/meetings/12?saved=…` → 12.
    static func id(in location: String?, after prefix: String) throws -> Int64 {
        let text = try #require(location)
        let rest = text.dropFirst(prefix.count).prefix { $0.isNumber }
        return try #require(Int64(rest))
    }

    @Test("The boards, a board and a held meeting show the demo's business")
    func pages() async throws {
        try await withTestApp(as: .viewer) { client, environment, store in
            let boards = try await client.executeRequest(uri: "/boards", method: .get, headers: [:], body: nil)
            #expect(boards.status == .ok)
            #expect(boards.text.contains("Children&#39;s Services Improvement Board"))
            #expect(boards.text.contains(DemoBoards.corporateParentingBoardName))

            let board = try await Self.board(store, environment, named: DemoBoards.improvementBoardName)
            let page = try await client.executeRequest(uri: "/boards/\(board.id)", method: .get, headers: [:], body: nil)
            #expect(page.status == .ok)
            for text in ["Dr Helen Marsh", "Vice chair", "Terms of reference", "Action log", "Cancelled", "Standing items",
                         "Overdue", "Co-opted member"] {
                #expect(page.text.contains(text), "board page shows \(text)")
            }
            #expect(!page.text.contains("Add a meeting"), "a viewer has no clerk's forms")

            let meetings = try await store.meetings(boardID: board.id, organisationID: environment.organisationID)
            let firstHeld = try #require(meetings.first { $0.status == .held })
            let meeting = try await client.executeRequest(uri: "/meetings/\(firstHeld.id)", method: .get, headers: [:], body: nil)
            #expect(meeting.status == .ok)
            for text in ["Apologies and substitutes", "Minute 179", "Resolved: that the apologies be noted", "Present", "Also in attendance"] {
                #expect(meeting.text.contains(text), "meeting page shows \(text)")
            }

            let attendance = try await client.executeRequest(uri: "/boards/\(board.id)/attendance?from-day=1&from-month=1&from-year=2025&to-day=31&to-month=12&to-year=2026",
                                                             method: .get, headers: [:], body: nil)
            #expect(attendance.status == .ok)
            #expect(attendance.text.contains("1 cancelled meeting is not counted"))
        }
    }

    @Test("A clerk creates a meeting from the template, records attendance with a substitute, minutes an item and raises an action point the next meeting reviews")
    func clerkFlow() async throws {
        try await withTestApp(as: .editor) { client, environment, store in
            let board = try await Self.board(store, environment, named: DemoBoards.corporateParentingBoardName)
            // Attendance is recorded on or after the meeting's day: the first meeting is today.
            let first = webTestDay
            let second = webTestDay.adding(days: 230)
            func create(_ day: Day) async throws -> Int64 {
                let response = try await Self.post(client, "/boards/\(board.id)/meetings", [
                    ("day", String(day.day)), ("month", String(day.month)), ("year", String(day.year)),
                    ("time", "18:00"), ("venue", "The Council Chamber"),
                ])
                #expect(response.status == .seeOther)
                return try Self.id(in: response.headers[.location], after: "/meetings/")
            }
            let meetingID = try await create(first)
            let nextID = try await create(second)

            let created = try await store.meeting(id: meetingID, organisationID: environment.organisationID)
            #expect(created.agenda.first?.title == "Apologies and substitutes")
            #expect(created.agenda.contains { $0.kind == .reviewOfActionPoints })

            // Attendance: the chair sends apologies and a substitute comes.
            var fields: [(String, String)] = [("version", String(created.version)), ("also", "Owen Price, Democratic Services Officer")]
            for member in board.members where member.membership != .substitute {
                fields.append(("attend-\(member.id)", member.id == board.chairID ? "substitute" : "present"))
            }
            fields.append(("sub-\(board.chairID!)", "Cllr Ben Ward"))
            let recorded = try await Self.post(client, "/meetings/\(meetingID)/attendance", fields)
            #expect(recorded.status == .seeOther)
            let held = try await store.meeting(id: meetingID, organisationID: environment.organisationID)
            #expect(held.status == .held)
            #expect(held.attendance.substitutes.first?.substituteName == "Cllr Ben Ward")

            // A minute of the first business item, with a resolution.
            let item = try #require(held.agenda.first { $0.kind == .business })
            let minuted = try await Self.post(client, "/meetings/\(meetingID)/minutes", [
                ("version", String(held.version)), ("item", String(item.number)),
                ("narrative", "Members heard from the Children in Care Council."), ("resolutions", "that the report be noted"),
            ])
            #expect(minuted.status == .seeOther)
            let numbered = try await Self.post(client, "/meetings/\(meetingID)/number-minutes", [("version", String(held.version + 1))])
            #expect(numbered.status == .seeOther)

            // An action point raised at the item, due at the next meeting.
            let raised = try await Self.post(client, "/meetings/\(meetingID)/action-points", [
                ("item", String(item.number)), ("text", "Circulate the PEP completion figures by school"),
                ("owner", "Headteacher, Virtual School"), ("due", "meeting"), ("due-meeting", String(nextID)),
            ])
            #expect(raised.status == .seeOther)

            try await client.execute(uri: "/meetings/\(meetingID)", method: .get) { response throws in
                #expect(response.status == .ok)
                #expect(response.text.contains("attending as"))
                #expect(response.text.contains("Cllr Ben Ward"))
                #expect(response.text.contains("Resolved: that the report be noted"))
                #expect(response.text.contains("Members heard from the Children in Care Council."))
                #expect(response.text.contains("Minute CPB-"))
            }
            try await client.execute(uri: "/meetings/\(nextID)", method: .get) { response throws in
                #expect(response.status == .ok)
                let review = response.text.components(separatedBy: "Review of previous action points").dropFirst().joined()
                #expect(review.contains("Circulate the PEP completion figures by school"))
                #expect(review.contains("Due at this meeting"))
            }
        }
    }

    @Test("Forms show a GOV.UK error summary, and a stale edit is a 409 page")
    func validationAndConflict() async throws {
        try await withTestApp(as: .editor) { client, environment, store in
            let board = try await Self.board(store, environment, named: DemoBoards.improvementBoardName)
            let empty = try await Self.post(client, "/boards/\(board.id)/meetings", [("day", ""), ("venue", "")])
            #expect(empty.status == .badRequest)
            #expect(empty.text.contains("There is a problem"))
            #expect(empty.text.contains("Enter where the meeting is held"))
            #expect(empty.text.contains("href=\"#meeting-date-day\""))

            let meetings = try await store.meetings(boardID: board.id, organisationID: environment.organisationID)
            let next = try #require(meetings.first { $0.status == .scheduled })
            let stale = try await Self.post(client, "/meetings/\(next.id)/cancel", [("version", String(next.version - 1))])
            #expect(stale.status == .conflict)
            #expect(stale.text.contains("Someone else changed this meeting"))
            #expect(try await store.meeting(id: next.id, organisationID: environment.organisationID).status == .scheduled)

            let cancelled = try await Self.post(client, "/meetings/\(next.id)/cancel", [("version", String(next.version)), ("reason", "Chair unwell")])
            #expect(cancelled.status == .seeOther)
            #expect(try await store.meeting(id: next.id, organisationID: environment.organisationID).status == .cancelled)

            // An action point closed without saying what was done.
            let point = try #require(try await store.actionPoints(boardID: board.id, organisationID: environment.organisationID)
                .first { $0.status.isOutstanding })
            let unsaid = try await Self.post(client, "/action-points/\(point.id)/updates", [
                ("version", String(point.version)), ("status", "done"), ("note", ""), ("author", "Clerk"),
                ("day", String(webTestDay.day)), ("month", String(webTestDay.month)), ("year", String(webTestDay.year)),
            ])
            #expect(unsaid.status == .badRequest)
            #expect(unsaid.text.contains("Say what was done"))
            let done = try await Self.post(client, "/action-points/\(point.id)/updates", [
                ("version", String(point.version)), ("status", "done"), ("note", "Figures circulated"), ("author", "Clerk"),
                ("day", String(webTestDay.day)), ("month", String(webTestDay.month)), ("year", String(webTestDay.year)),
            ])
            #expect(done.status == .seeOther)
            #expect(try await store.actionPoint(id: point.id, organisationID: environment.organisationID).status == .done)
        }
    }

    @Test("Exempt papers are hidden from a viewer and shown to a board member", arguments: [Role.viewer, Role.boardMember])
    func exemptPapers(role: Role) async throws {
        try await withTestApp(as: role) { client, environment, store in
            let board = try await Self.board(store, environment, named: DemoBoards.corporateParentingBoardName)
            let meetings = try await store.meetings(boardID: board.id, organisationID: environment.organisationID)
            let exempt = try #require(meetings.first { $0.agenda.contains { $0.isExempt } })
            let response = try await client.executeRequest(uri: "/meetings/\(exempt.id)", method: .get, headers: [:], body: nil)
            #expect(response.status == .ok)
            #expect(response.text.contains("Placement sufficiency"), "the item's title is public")
            let shown = response.text.contains("purchase business case.pdf")
            #expect(shown == (role == .boardMember))
            #expect(response.text.contains("Papers not shown") == (role == .viewer))
        }
    }

    @Test("The board pack renders the agenda, the minutes, the action log, the exceptions and the KPI scorecard")
    func pack() async throws {
        try await withTestApp(as: .boardMember) { client, environment, store in
            let board = try await Self.board(store, environment, named: DemoBoards.improvementBoardName)
            let meetings = try await store.meetings(boardID: board.id, organisationID: environment.organisationID)
            let next = try #require(meetings.first { $0.status == .scheduled })
            let response = try await client.executeRequest(uri: "/meetings/\(next.id)/pack", method: .get, headers: [:], body: nil)
            #expect(response.status == .ok)
            for text in ["Agenda", "Minutes of the last meeting", "Action log", "Progress report", "Delivery by theme",
                         "Exceptions: red and amber actions", "KPI scorecard", "Direction of travel", "class=\"sparkline\"",
                         "Updates due", "What changed", "Small numbers are suppressed", "Resolved: that"] {
                #expect(response.text.contains(text), "pack shows \(text)")
            }
            let exceptions = try #require(response.text.range(of: "Exceptions: red and amber actions"))
            #expect(response.text[exceptions.upperBound...].contains("tag--red"), "red actions listed among the exceptions")
        }
    }
}
