import Core
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Web

/// Minutes are approved by the board when it meets: approving them at a meeting whose day has not
/// come is refused on the page and in the API, by the same Core rule (`MinutesLifecycle.approvalRefusal`).
@Suite("Approving minutes only from the meeting's day")
struct MinutesApprovalDayTests {
    @Test("Approving the previous minutes at a meeting still to come is refused on the page and in the API; on its day it works")
    func earlyApprovalRefused() async throws {
        try await withTestApp(as: .editor) { client, environment, store in
            let board = try await MeetingSafeguardsTests.board(store, environment)
            let existing = try await store.meetings(boardID: board.id, organisationID: environment.organisationID)
            let first = (existing.map(\.date).max() ?? webTestDay).adding(days: 1)
            let second = first.adding(days: 7)
            let heldID = try await MeetingSafeguardsTests.createMeeting(client, board: board, on: first)
            let nextID = try await MeetingSafeguardsTests.createMeeting(client, board: board, on: second)

            // "Today" is the first meeting's day: it is held; the next is a week away.
            let onFirst = AppEnvironment(store: store, organisationID: environment.organisationID, today: { first }, views: environment.views,
                                         now: environment.now, security: environment.security)
            let clerk = try await TestPeople.credentials(onFirst, role: .editor, name: "Owen Price")
            try await Application(router: buildRouter(environment: onFirst)).test(.router) { raw in
                let client = SignedInClient(base: raw, credentials: clerk)
                let created = try await store.meeting(id: heldID, organisationID: environment.organisationID)
                let attended = try await MeetingSafeguardsTests.post(client, Path.meetingAttendance(heldID).href,
                                                                     MeetingSafeguardsTests.everyonePresent(board, version: created.version))
                #expect(attended.status == .seeOther)
                let held = try await store.meeting(id: heldID, organisationID: environment.organisationID)
                let refusal = "Minutes can be approved at this meeting from its day, \(second.formattedLong), not before"

                let page = try await MeetingSafeguardsTests.get(client, Path.meeting(nextID).href)
                #expect(page.text.contains(refusal), "the meeting page says when approval opens")
                #expect(!page.text.contains("href=\"\(Path.minutesApproval(nextID).href)\""), "no approval link before the day")

                let confirm = try await MeetingSafeguardsTests.get(client, Path.minutesApproval(nextID).href)
                #expect(confirm.text.contains(refusal))
                #expect(!confirm.text.contains("Yes, approve and lock the minutes"), "no confirm button before the day")

                let posted = try await MeetingSafeguardsTests.post(client, Path.minutesApproval(nextID).href, [("version", String(held.version))])
                #expect(posted.status == .badRequest)
                #expect(posted.text.contains("<title>Error: "))
                #expect(posted.text.contains(refusal))

                let api = try await MeetingSafeguardsTests.postJSON(client, Path.api(.minutesApproval(nextID)).href, ["version": held.version])
                #expect(api.status == .badRequest, "answered as attendance before the day is")
                let body = try #require(try JSONSerialization.jsonObject(with: Data(api.text.utf8)) as? [String: Any])
                #expect(body["error"] as? String == "invalid")
                #expect((body["detail"] as? String)?.contains(refusal) == true)
                #expect(try await store.meeting(id: heldID, organisationID: environment.organisationID).minutesStatus == .draft)
            }

            // On the next meeting's day the same request approves them.
            let onSecond = AppEnvironment(store: store, organisationID: environment.organisationID, today: { second }, views: environment.views,
                                          now: environment.now, security: environment.security)
            let chair = try await TestPeople.credentials(onSecond, role: .editor, name: "Owen Price")
            try await Application(router: buildRouter(environment: onSecond)).test(.router) { raw in
                let client = SignedInClient(base: raw, credentials: chair)
                let held = try await store.meeting(id: heldID, organisationID: environment.organisationID)
                let api = try await MeetingSafeguardsTests.postJSON(client, Path.api(.minutesApproval(nextID)).href, ["version": held.version])
                #expect(api.status == .ok)
                #expect(try await store.meeting(id: heldID, organisationID: environment.organisationID).minutesStatus.isLocked)
            }
        }
    }
}
