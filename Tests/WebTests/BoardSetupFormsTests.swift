import Core
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Store
import Testing
@testable import Web

/// The clerk's forms for the board itself: its details, members and work programme.
@Suite("Board setup forms")
struct BoardSetupFormsTests {
    static func post(_ client: any TestClientProtocol, _ uri: String, _ fields: [(String, String)]) async throws -> TestResponse {
        try await client.executeRequest(uri: uri, method: .post, headers: formHeaders, body: formEncoded(fields))
    }

    static func get(_ client: any TestClientProtocol, _ uri: String) async throws -> TestResponse {
        try await client.executeRequest(uri: uri, method: .get, headers: [:], body: nil)
    }

    @Test("A clerk adds a member as chair and a standing item for November, and the November meeting's new agenda takes it")
    func memberAndStandingItem() async throws {
        try await withTestApp(as: .editor) { client, environment, store in
            let org = environment.organisationID
            let board = try await store.createBoard(Board(organisationID: org, name: "Fostering Panel", kind: .other))

            let added = try await Self.post(client, "/boards/\(board.id)/members", [
                ("version", String(board.version)), ("member", ""), ("name", "Cllr Sue Hill"), ("role", "Cabinet Member for Children's Services"),
                ("organisation", "Northmoor Borough Council"), ("membership", "voting"), ("position", "chair"),
            ])
            #expect(added.status == .seeOther)
            let withMember = try await store.board(id: board.id, organisationID: org)
            #expect(withMember.chair?.name == "Cllr Sue Hill")

            let item = try await Self.post(client, "/boards/\(board.id)/work-programme", [
                ("item", ""), ("title", "IRO annual report"), ("presenter", "IRO Service Manager"), ("purpose", "noting"),
                ("when", "annually"), ("month", "11"), ("meeting", ""),
            ])
            #expect(item.status == .seeOther)

            let page = try await Self.get(client, "/boards/\(board.id)")
            for text in ["Cllr Sue Hill", "Chair", "Cabinet Member for Children&#39;s Services", "IRO annual report", "Annually in November",
                         "Change the board's details"] {
                #expect(page.text.contains(text), "board page shows \(text)")
            }

            let meeting = try await Self.post(client, "/boards/\(board.id)/meetings", [
                ("day", "9"), ("month", "11"), ("year", "2027"), ("time", "18:00"), ("venue", "Town Hall"),
            ])
            #expect(meeting.status == .seeOther)
            let location = try #require(meeting.headers[.location])
            let agenda = try await Self.get(client, String(location.prefix { $0 != "?" }))
            #expect(agenda.text.contains("IRO annual report"))
            #expect(agenda.text.contains("IRO Service Manager"))

            let details = try await Self.post(client, "/boards/\(board.id)/details", [
                ("version", String(withMember.version)), ("name", "Fostering and Adoption Panel"), ("kind", "other"), ("frequency", "monthly"),
                ("prefix", "FAP-"), ("first-number", "12"), ("terms", "To hear fostering and adoption cases."),
            ])
            #expect(details.status == .seeOther)
            let renamed = try await store.board(id: board.id, organisationID: org)
            #expect(renamed.name == "Fostering and Adoption Panel")
            #expect(renamed.minuteNumbering.example.hasPrefix("FAP-12"))
            #expect(renamed.meetingFrequency == .monthly)
        }
    }

    @Test("A viewer is refused every board form")
    func viewerRefused() async throws {
        try await withTestApp(as: .viewer) { client, environment, store in
            let board = try #require(try await store.boards(organisationID: environment.organisationID).first)
            let item = try #require(try await store.workProgramme(boardID: board.id, organisationID: environment.organisationID).items.first)
            let member = try #require(board.members.first)
            let posts: [(String, [(String, String)])] = [
                ("details", [("version", String(board.version)), ("name", "Taken over"), ("first-number", "1")]),
                ("members", [("version", String(board.version)), ("name", "Intruder")]),
                ("members/remove", [("version", String(board.version)), ("member", String(member.id))]),
                ("work-programme", [("title", "Intruder"), ("when", "every")]),
                ("work-programme/remove", [("version", String(item.version)), ("item", String(item.id))]),
            ]
            for (path, fields) in posts {
                let response = try await Self.post(client, "/boards/\(board.id)/\(path)", fields)
                #expect(response.status == .forbidden, "POST /boards/{id}/\(path)")
            }
            #expect(try await store.board(id: board.id, organisationID: environment.organisationID) == board)
        }
    }

    @Test("A stale version is a 409 page that saves nothing; a missing name and a member who attended are refused with the error summary")
    func staleAndRefused() async throws {
        try await withTestApp(as: .editor) { client, environment, store in
            let org = environment.organisationID
            let board = try #require(try await store.boards(organisationID: org).first)
            let stale = try await Self.post(client, "/boards/\(board.id)/details", [
                ("version", String(board.version - 1)), ("name", "Lost edit"), ("kind", "other"), ("frequency", "monthly"), ("first-number", "1"),
            ])
            #expect(stale.status == .conflict)
            #expect(stale.text.contains("Someone else changed this board after you opened this page. Your changes to the board&#39;s details have not been saved."))
            #expect(try await store.board(id: board.id, organisationID: org).name == board.name)

            let item = try #require(try await store.workProgramme(boardID: board.id, organisationID: org).items.first)
            let staleItem = try await Self.post(client, "/boards/\(board.id)/work-programme", [
                ("version", String(item.version + 1)), ("item", String(item.id)), ("title", "Lost"), ("when", "every"),
            ])
            #expect(staleItem.status == .conflict)
            #expect(try await store.workProgramme(boardID: board.id, organisationID: org).items.first { $0.id == item.id }?.title == item.title)

            let unnamed = try await Self.post(client, "/boards/\(board.id)/members", [("version", String(board.version)), ("member", ""), ("name", "")])
            #expect(unnamed.status == .badRequest)
            #expect(unnamed.text.contains("There is a problem"))
            #expect(unnamed.text.contains("href=\"#member-new-name\""))
            #expect(unnamed.text.contains("Enter the member&#39;s name"))

            let meetings = try await store.meetings(boardID: board.id, organisationID: org)
            let attended = try #require(board.members.first { member in meetings.contains { $0.attendance.present.contains(member.id) } })
            let refused = try await Self.post(client, "/boards/\(board.id)/members/remove", [("version", String(board.version)), ("member", String(attended.id))])
            #expect(refused.status == .badRequest)
            #expect(refused.text.contains("so stays on the board&#39;s record"))
            #expect(try await store.board(id: board.id, organisationID: org).members.count == board.members.count)

            let removed = try await Self.post(client, "/boards/\(board.id)/work-programme/remove", [("version", String(item.version)), ("item", String(item.id))])
            #expect(removed.status == .seeOther)
            #expect(try await store.workProgramme(boardID: board.id, organisationID: org).items.contains { $0.id == item.id } == false)
        }
    }
}
