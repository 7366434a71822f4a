import Core
import Foundation
import Hummingbird
import HummingbirdTesting
import Store
import Testing
@testable import Web

/// `/meetings/{id}/history`: the meeting's changes, its minutes' and its action points', with
/// exempt business kept from those who may not read it.
@Suite("Meeting history")
struct MeetingHistoryTests {
    /// A held meeting of the demo whose business is all open.
    static func heldMeeting(_ env: AppEnvironment, _ store: SQLStore) async throws -> Meeting {
        let org = env.organisationID
        for board in try await store.boards(organisationID: org) {
            for meeting in try await store.meetings(boardID: board.id, organisationID: org)
            where meeting.status == .held && !meeting.agenda.isEmpty && !meeting.agenda.contains(where: \.isExempt) {
                return meeting
            }
        }
        throw TestFailure(message: "the demo has no held meeting without exempt business")
    }

    struct TestFailure: Error { var message: String }

    @Test("A reader sees who changed the meeting and what, newest first, and the page links back")
    func changesShown() async throws {
        try await withTestApp(as: .viewer) { client, env, store in
            let meeting = try await Self.heldMeeting(env, store)
            _ = try await AuditActor.$current.withValue(AuditActor(name: "Clerk Clara (clara@test.example)", source: "192.0.2.7")) {
                try await store.editMeeting(id: meeting.id, organisationID: env.organisationID, expectedVersion: nil) { $0.venue = "Committee Room 2" }
            }
            try await client.execute(uri: "/meetings/\(meeting.id)/history", method: .get) { response in
                #expect(response.status == .ok)
                let html = response.text
                #expect(html.contains("Clerk Clara"))
                #expect(html.contains("192.0.2.7"))
                #expect(html.contains("Changed meeting"))
                #expect(html.contains("Committee Room 2"))
                #expect(html.contains("href=\"/meetings/\(meeting.id)\""))
                #expect(!html.contains("exempt business"))
            }
            try await client.execute(uri: "/meetings/\(meeting.id)", method: .get) { response in
                #expect(response.text.contains("href=\"/meetings/\(meeting.id)/history\""))
            }
        }
    }

    @Test("Where the meeting has exempt business, a viewer sees the entries without their changes; a board member sees them",
          arguments: [(Role.viewer, false), (.boardMember, true)])
    func exemptBusiness(role: Role, seesChanges: Bool) async throws {
        try await withTestApp(as: role) { client, env, store in
            let meeting = try await Self.heldMeeting(env, store)
            _ = try await store.editMeeting(id: meeting.id, organisationID: env.organisationID, expectedVersion: nil) { meeting in
                meeting.venue = "Committee Room 3"
                meeting.agenda[meeting.agenda.count - 1].isExempt = true
            }
            try await client.execute(uri: "/meetings/\(meeting.id)/history", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("Changed meeting"))
                #expect(response.text.contains("Committee Room 3") == seesChanges)
                #expect(response.text.contains("exempt business (Local Government Act 1972, Schedule 12A)") == !seesChanges)
            }
        }
    }
}
