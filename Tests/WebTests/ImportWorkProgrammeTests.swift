import Core
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Store
import Testing
@testable import Web

/// Importing a board's work programme from a file (issue 10, cause 8): the preview lists its
/// meetings, items and standing items; the person chooses the board; confirming adds the items to
/// that board's work programme in one transaction with an audit entry, never twice.
@Suite("Importing a work programme into a board")
struct ImportWorkProgrammeTests {
    static let fileName = "programme.csv"
    static let file = Data("""
        Meeting date,Agenda item,Lead,Purpose
        14 January 2027,,,
        ,Improvement plan progress report,Director of Children's Services,For decision
        ,Performance scorecard,Head of Performance,For information
        March 2027,,,
        ,Ofsted monitoring visit feedback,Assistant Director,Discussion
        Standing items,,,
        ,Voice of the child,Participation Lead,
        To be scheduled,,,
        ,Youth justice plan,Head of Youth Justice,Decision

        """.utf8)

    /// A board of the test organisation with meetings on 14 January and 10 March 2027 (or only the first).
    static func board(_ store: SQLStore, _ environment: AppEnvironment, march: Bool = true) async throws -> Board {
        let org = environment.organisationID
        let board = try await store.createBoard(Board(organisationID: org, name: "Children's Improvement Board", kind: .improvementBoard))
        _ = try await store.createMeeting(Meeting(boardID: board.id, date: Day(2027, 1, 14)), organisationID: org, fromTemplate: false)
        if march {
            _ = try await store.createMeeting(Meeting(boardID: board.id, date: Day(2027, 3, 10)), organisationID: org, fromTemplate: false)
        }
        return board
    }

    static func items(_ store: SQLStore, _ environment: AppEnvironment, _ board: Board) async throws -> [WorkProgrammeItem] {
        try await store.workProgramme(boardID: board.id, organisationID: environment.organisationID).items
    }

    /// Uploads the file and returns the preview's address and page.
    static func preview(_ client: any TestClientProtocol) async throws -> (uri: String, html: String) {
        let uri = try await ImportPagesTests.upload(client, fileName, file)
        let html = try await client.execute(uri: uri, method: .get) { response in
            #expect(response.status == .ok)
            return response.text
        }
        return (uri, html)
    }

    static func confirm(_ client: any TestClientProtocol, _ preview: (uri: String, html: String), board: Int64?,
                        _ check: @escaping @Sendable (TestResponse) throws -> Void) async throws {
        var fields = [("preview", try ImportPagesTests.previewFingerprint(in: preview.html))]
        if let board { fields.append(("board", String(board))) }
        try await client.execute(uri: preview.uri + "/confirm", method: .post, headers: formHeaders, body: formEncoded(fields)) { response in
            try check(response)
        }
    }

    @Test("Upload a work programme, choose the board, confirm: the items are on the board's work programme page with a banner, and the audit trail says so")
    func importIntoABoard() async throws {
        try await withTestApp { client, environment, store in
            let board = try await Self.board(store, environment)
            let plansBefore = try await ImportPagesTests.planCount(store, environment)
            let preview = try await Self.preview(client)
            let html = preview.html
            #expect(html.contains("Work programme 1: "))
            #expect(html.contains("<dt class=\"summary-list__key\">Meetings</dt><dd class=\"summary-list__value\">2</dd>"))
            #expect(html.contains("<dt class=\"summary-list__key\">Items for a meeting</dt><dd class=\"summary-list__value\">3</dd>"))
            #expect(html.contains("<dt class=\"summary-list__key\">Standing items</dt><dd class=\"summary-list__value\">1</dd>"))
            #expect(html.contains("<td class=\"nowrap\">14 January 2027</td><td>Improvement plan progress report</td><td>Director of Children&#39;s Services</td><td>For decision</td>")
                    || html.contains("<td class=\"nowrap\">14 January 2027</td><td>Improvement plan progress report</td><td>Director of Children&#x27;s Services</td><td>For decision</td>"))
            #expect(html.contains("<td class=\"nowrap\">Every meeting</td><td>Voice of the child</td>"))
            #expect(html.contains("<option value=\"\(board.id)\">Children&#39;s Improvement Board</option>")
                    || html.contains("<option value=\"\(board.id)\">Children&#x27;s Improvement Board</option>"))
            #expect(html.contains("Import the work programme"))
            // The row with no readable date is a warning naming it, not dropped unsaid.
            #expect(html.contains("“Youth justice plan” is under “To be scheduled”"))
            #expect(html.contains("\(Self.fileName), table 1, line 10"))

            try await Self.confirm(client, preview, board: board.id) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/boards/\(board.id)?saved=work-programme-imported-4-0-0#work-programme")
            }
            let items = try await Self.items(store, environment, board)
            #expect(items.map(\.title) == ["Improvement plan progress report", "Performance scorecard", "Ofsted monitoring visit feedback", "Voice of the child"])
            #expect(items[0].placement == .meetingOn(Day(2027, 1, 14)))
            #expect(items[0].presenter == "Director of Children's Services")
            #expect(items[0].purpose == .decision)
            #expect(items[1].purpose == .information)
            let march = try await store.meetings(boardID: board.id, organisationID: environment.organisationID).first { $0.date == Day(2027, 3, 10) }
            #expect(items[2].placement == .meeting(id: try #require(march).id), "a month-only item goes on the board's meeting that month")
            #expect(items[3].placement == .standing(.everyMeeting))
            #expect(try await ImportPagesTests.planCount(store, environment) == plansBefore, "never an empty plan")

            try await client.execute(uri: "/boards/\(board.id)?saved=work-programme-imported-4-0-0", method: .get) { response in
                #expect(response.status == .ok)
                let page = response.text
                #expect(page.contains("Imported 4 work programme items into this board&#39;s work programme.")
                        || page.contains("Imported 4 work programme items into this board&#x27;s work programme."))
                for title in ["Improvement plan progress report", "Performance scorecard", "Ofsted monitoring visit feedback", "Voice of the child"] {
                    #expect(page.contains(title), "\(title) is on the board's page")
                }
            }
            let trail = try await store.auditTrail(organisationID: environment.organisationID, entity: "import", entityID: board.id)
            #expect(trail.contains { $0.after?.contains("Imported 4 work programme items from \(Self.fileName)") ?? false })
            let created = try await store.auditTrail(organisationID: environment.organisationID, entity: "work programme item", entityID: items[0].id)
            #expect(created.count == 1, "each item added has its own entry")
        }
    }

    @Test("Confirming without choosing a board is an error naming the field; nothing is stored and the file can still be imported")
    func boardRequired() async throws {
        try await withTestApp { client, environment, store in
            let board = try await Self.board(store, environment)
            let preview = try await Self.preview(client)
            try await Self.confirm(client, preview, board: nil) { response in
                #expect(response.status == .badRequest)
                let page = response.text
                #expect(page.contains("<title>Error: "))
                #expect(page.contains("href=\"#board\""))
                #expect(page.contains("Select the board whose work programme the items go into"))
                #expect(page.contains("form-group--error"))
                #expect(page.contains("aria-describedby=\"board-hint board-error\""))
            }
            // A board of another organisation (or none at all) is no better.
            try await Self.confirm(client, preview, board: 999_999) { response in
                #expect(response.status == .badRequest)
            }
            #expect(try await Self.items(store, environment, board).isEmpty)
            try await Self.confirm(client, preview, board: board.id) { response in
                #expect(response.status == .seeOther)
            }
            #expect(try await Self.items(store, environment, board).count == 4)
        }
    }

    @Test("Importing the same work programme twice adds nothing the second time and says how many were skipped")
    func importTwice() async throws {
        try await withTestApp { client, environment, store in
            let board = try await Self.board(store, environment)
            try await Self.confirm(client, try await Self.preview(client), board: board.id) { response in
                #expect(response.status == .seeOther)
            }
            try await Self.confirm(client, try await Self.preview(client), board: board.id) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/boards/\(board.id)?saved=work-programme-imported-0-4-0#work-programme")
            }
            #expect(try await Self.items(store, environment, board).count == 4)
            try await client.execute(uri: "/boards/\(board.id)?saved=work-programme-imported-0-4-0", method: .get) { response in
                #expect(response.text.contains("4 items were already on it with the same title and meeting or rule, so they were not added again."))
            }
            let trail = try await store.auditTrail(organisationID: environment.organisationID, entity: "import", entityID: board.id)
            #expect(trail.contains { $0.after?.contains("Imported 0 work programme items from \(Self.fileName); 4 already on the work programme were not added again") ?? false })
        }
    }

    @Test("An item for a month in which the board has no meeting stops the import, naming the month; nothing is stored")
    func monthWithoutMeeting() async throws {
        try await withTestApp { client, environment, store in
            let board = try await Self.board(store, environment, march: false)
            try await Self.confirm(client, try await Self.preview(client), board: board.id) { response in
                #expect(response.status == .badRequest)
                #expect(response.text.contains("has no meeting in March 2027 for “Ofsted monitoring visit feedback”"))
            }
            #expect(try await Self.items(store, environment, board).isEmpty)
        }
    }

    @Test("A viewer cannot import a work programme: the pages refuse, and nothing is stored")
    func viewerCannot() async throws {
        try await withTestApp(as: .viewer) { client, environment, store in
            let board = try await Self.board(store, environment)
            try await client.execute(uri: "/import", method: .get) { response in
                #expect(response.status == .forbidden)
            }
            try await client.execute(uri: "/import", method: .post, headers: ImportPagesTests.multipartHeaders,
                                     body: ImportPagesTests.form(csrf: "", file: (Self.fileName, Self.file))) { response in
                #expect(response.status == .forbidden)
            }
            try await client.execute(uri: "/import/0123456789abcdef0123456789abcdef/confirm", method: .post, headers: formHeaders,
                                     body: formEncoded([("board", String(board.id))])) { response in
                #expect(response.status == .forbidden)
            }
            #expect(try await Self.items(store, environment, board).isEmpty)
        }
    }
}
