import Core
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Demo
import Store
import Testing
@testable import Web

@Suite("Boards API")
struct BoardAPITests {
    static func body(_ object: Any) throws -> ByteBuffer {
        ByteBuffer(data: try JSONSerialization.data(withJSONObject: object))
    }

    static let jsonHeaders: HTTPFields = [.contentType: "application/json"]

    @Test("Boards, meetings and a meeting with its agenda, attendance and review; every status of meeting is there")
    func reading() async throws {
        try await withTestApp(as: .viewer) { client, environment, store in
            let boards = try await client.executeRequest(uri: "/api/v1/boards", method: .get, headers: [:], body: nil)
            #expect(boards.status == .ok)
            let list = try #require(try APITests.json(boards)["boards"] as? [[String: Any]])
            #expect(list.count == 2)
            let board = try #require(list.first { ($0["name"] as? String) == DemoBoards.improvementBoardName })
            let boardID = try #require(board["id"] as? Int)

            let detail = try APITests.json(try await client.executeRequest(uri: "/api/v1/boards/\(boardID)", method: .get, headers: [:], body: nil))
            #expect((detail["members"] as? [Any])?.count == 10)

            let meetings = try #require(try APITests.json(try await client.executeRequest(uri: "/api/v1/boards/\(boardID)/meetings", method: .get, headers: [:], body: nil))["meetings"] as? [[String: Any]])
            let statuses = Set(meetings.compactMap { $0["status"] as? String })
            #expect(statuses == ["held", "cancelled", "scheduled"])

            let next = try #require(meetings.first { ($0["status"] as? String) == "scheduled" })
            let meeting = try APITests.json(try await client.executeRequest(uri: "/api/v1/meetings/\(next["id"] as! Int)", method: .get, headers: [:], body: nil))
            let agenda = try #require(meeting["agenda"] as? [[String: Any]])
            #expect(agenda.first?["kind"] as? String == "apologies")
            let review = try #require(meeting["review"] as? [[String: Any]])
            #expect(!review.isEmpty)
            #expect(review.first?["isOverdue"] as? Bool == true, "overdue action points first")

            let points = try APITests.json(try await client.executeRequest(uri: "/api/v1/boards/\(boardID)/action-points", method: .get, headers: [:], body: nil))
            #expect(((points["actionPoints"] as? [Any])?.count ?? 0) > 0)
        }
    }

    @Test("An action point raised, updated, and a stale PATCH refused with 409")
    func roundTrip() async throws {
        try await withTestApp(as: .editor) { client, environment, store in
            let board = try #require(try await store.boards(organisationID: environment.organisationID).first { $0.name == DemoBoards.improvementBoardName })
            let meetings = try await store.meetings(boardID: board.id, organisationID: environment.organisationID)
            let held = try #require(meetings.last { $0.status == .held })
            let next = try #require(meetings.first { $0.status == .scheduled })
            let item = try #require(held.agenda.first { $0.kind == .business })

            let created = try await client.executeRequest(uri: "/api/v1/meetings/\(held.id)/action-points", method: .post, headers: Self.jsonHeaders,
                                                          body: try Self.body(["raisedAtItem": item.number, "text": "Bring the audit report",
                                                                               "owner": "Head of Quality Assurance", "dueMeetingID": next.id]))
            #expect(created.status == .created)
            let point = try APITests.json(created)
            let pointID = try #require(point["id"] as? Int)
            #expect(point["version"] as? Int == 1)

            let shown = try APITests.json(try await client.executeRequest(uri: "/api/v1/meetings/\(next.id)", method: .get, headers: [:], body: nil))
            let review = try #require(shown["review"] as? [[String: Any]])
            #expect(review.contains { ($0["id"] as? Int) == pointID }, "the next meeting reviews it")

            let patched = try await client.executeRequest(uri: "/api/v1/action-points/\(pointID)", method: .patch, headers: Self.jsonHeaders,
                                                          body: try Self.body(["version": 1, "status": "done", "note": "Report circulated"]))
            #expect(patched.status == .ok)
            #expect(try APITests.json(patched)["status"] as? String == "done")

            let stale = try await client.executeRequest(uri: "/api/v1/action-points/\(pointID)", method: .patch, headers: Self.jsonHeaders,
                                                        body: try Self.body(["version": 1, "owner": "Someone else"]))
            #expect(stale.status == .conflict)
            #expect(try APITests.json(stale)["error"] as? String == "stale_version")

            let invalid = try await client.executeRequest(uri: "/api/v1/meetings/\(held.id)/action-points", method: .post, headers: Self.jsonHeaders,
                                                          body: try Self.body(["raisedAtItem": 999, "text": "x", "owner": "y"]))
            #expect(invalid.status == .badRequest)
        }
    }

    @Test("The pack's content as JSON: agenda, action log, progress report with exceptions, KPI scorecard")
    func pack() async throws {
        try await withTestApp(as: .viewer) { client, environment, store in
            let board = try #require(try await store.boards(organisationID: environment.organisationID).first { $0.name == DemoBoards.improvementBoardName })
            let next = try #require(try await store.meetings(boardID: board.id, organisationID: environment.organisationID).first { $0.status == .scheduled })
            let response = try await client.executeRequest(uri: "/api/v1/meetings/\(next.id)/pack", method: .get, headers: [:], body: nil)
            #expect(response.status == .ok)
            let pack = try APITests.json(response)
            #expect(((pack["agenda"] as? [Any])?.count ?? 0) >= 6)
            #expect(pack["previousMinutes"] != nil)
            let reports = try #require(pack["progressReports"] as? [[String: Any]])
            #expect(reports.count == 1)
            #expect(((reports.first?["exceptions"] as? [Any])?.count ?? 0) > 0)
            let scorecards = try #require(pack["scorecards"] as? [[String: Any]])
            let rows = try #require(scorecards.first?["rows"] as? [[String: Any]])
            #expect(!rows.isEmpty)
            #expect(rows.first?["isException"] as? Bool == true, "exceptions first")
        }
    }
}
