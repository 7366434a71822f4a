import Core
import Foundation
import HummingbirdTesting
import Demo
import Store
import Testing
@testable import Web

/// A minute number another meeting of the board holds is refused on the meeting page with the
/// store's words (a GOV.UK error summary), never an error page.
@Suite("Minute numbers on the meeting page")
struct MinuteNumberPagesTests {
    @Test("Numbering a meeting's minutes into numbers a later meeting took is refused, naming that meeting")
    func numberingIntoTakenNumbers() async throws {
        try await withTestApp(as: .editor) { client, environment, store in
            let org = environment.organisationID
            let board = try #require(try await store.boards(organisationID: org).first { $0.name == DemoBoards.corporateParentingBoardName })
            func held(_ day: Day) async throws -> Meeting {
                try await store.createMeeting(Meeting(boardID: board.id, date: day, status: .held,
                                                      agenda: [AgendaItem(number: 1, title: "Apologies"), AgendaItem(number: 2, title: "Fostering report")]),
                                              organisationID: org, fromTemplate: false)
            }
            let earlier = try await held(webTestDay.adding(days: 400))
            let later = try await held(webTestDay.adding(days: 430))
            // The later meeting numbered first continues from the demo's last minute; the earlier
            // one would continue from the same place.
            let numberedLater = try await store.numberMinutes(meetingID: later.id, organisationID: org, expectedVersion: nil)
            let taken = try #require(numberedLater.agenda.first?.minute?.label)

            let response = try await client.executeRequest(uri: Path.minuteNumbering(earlier.id).href, method: .post, headers: formHeaders,
                                                           body: formEncoded([("version", String(earlier.version))]))
            #expect(response.status == .badRequest)
            #expect(response.text.contains("<title>Error: "))
            #expect(response.text.contains("Minute \(taken) is already a minute of the meeting on \(later.date.formatted): a board&#39;s minute numbers are never repeated"))
            #expect(try await store.meeting(id: earlier.id, organisationID: org).agenda.allSatisfy { $0.minute?.number == nil })
        }
    }
}
