import Core
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Demo
import Store
import Testing
@testable import Web

/// The safeguards on a clerk's one-way changes, on the pages and in the API: no attendance
/// before the meeting's day, nobody presumed present, cancelling with a reason and undoing it,
/// a second page before cancelling or approving minutes, and updates recorded as given by the
/// signed-in person.
@Suite("Meeting safeguards")
struct MeetingSafeguardsTests {
    static let jsonHeaders: HTTPFields = [.contentType: "application/json"]

    static func get(_ client: any TestClientProtocol, _ uri: String) async throws -> TestResponse {
        try await client.executeRequest(uri: uri, method: .get, headers: [:], body: nil)
    }

    static func post(_ client: any TestClientProtocol, _ uri: String, _ fields: [(String, String)]) async throws -> TestResponse {
        try await client.executeRequest(uri: uri, method: .post, headers: formHeaders, body: formEncoded(fields))
    }

    static func postJSON(_ client: any TestClientProtocol, _ uri: String, _ object: Any) async throws -> TestResponse {
        try await client.executeRequest(uri: uri, method: .post, headers: jsonHeaders, body: ByteBuffer(data: try JSONSerialization.data(withJSONObject: object)))
    }

    static func board(_ store: SQLStore, _ environment: AppEnvironment, _ name: String = DemoBoards.corporateParentingBoardName) async throws -> Board {
        try #require(try await store.boards(organisationID: environment.organisationID).first { $0.name == name })
    }

    /// A meeting of the board created through the page on `day`, from the template.
    static func createMeeting(_ client: any TestClientProtocol, board: Board, on day: Day) async throws -> Int64 {
        let response = try await post(client, Path.boardMeetings(board.id).href, [
            ("day", String(day.day)), ("month", String(day.month)), ("year", String(day.year)), ("time", "18:00"), ("venue", "Council Chamber"),
        ])
        #expect(response.status == .seeOther)
        return try BoardPagesTests.id(in: response.headers[.location], after: "/meetings/")
    }

    /// Every voting or co-opted member present.
    static func everyonePresent(_ board: Board, version: Int) -> [(String, String)] {
        [("version", String(version))] + board.members.filter { $0.membership != .substitute }.map { ("attend-\($0.id)", "present") }
    }

    @Test("Attendance of a meeting still to come is refused, saying from when it can be recorded; the page offers no form until then")
    func futureAttendanceRefused() async throws {
        try await withTestApp(as: .editor) { client, environment, store in
            let board = try await Self.board(store, environment)
            let future = webTestDay.adding(days: 10)
            let id = try await Self.createMeeting(client, board: board, on: future)
            let meeting = try await store.meeting(id: id, organisationID: environment.organisationID)

            let page = try await Self.get(client, Path.meeting(id).href)
            #expect(page.text.contains("Attendance can be recorded from the day of the meeting, \(meeting.dayText), not before."))
            #expect(!page.text.contains("action=\"\(Path.meetingAttendance(id).href)\""), "no attendance form before the day")

            let refused = try await Self.post(client, Path.meetingAttendance(id).href, Self.everyonePresent(board, version: meeting.version))
            #expect(refused.status == .badRequest)
            #expect(refused.text.contains("<title>Error: "))
            #expect(refused.text.contains("Attendance can be recorded from the day of the meeting"))
            let stored = try await store.meeting(id: id, organisationID: environment.organisationID)
            #expect(stored.status == .scheduled)
            #expect(stored.attendance.isEmpty)

            // The API applies the same rule.
            let member = try #require(board.members.first { $0.membership == .voting })
            let api = try await Self.postJSON(client, Path.api(.meetingAttendance(id)).href, ["version": meeting.version, "present": [member.id]])
            #expect(api.status == .badRequest)
            #expect(api.text.contains("Attendance can be recorded from the day of the meeting"))
            #expect(try await store.meeting(id: id, organisationID: environment.organisationID).status == .scheduled)
        }
    }

    @Test("On the meeting's day nobody is pre-selected present, and a member left unanswered is an error naming them")
    func noPreselection() async throws {
        try await withTestApp(as: .editor) { client, environment, store in
            let board = try await Self.board(store, environment)
            let id = try await Self.createMeeting(client, board: board, on: webTestDay)
            let page = try await Self.get(client, Path.meeting(id).href)
            #expect(page.text.contains("action=\"\(Path.meetingAttendance(id).href)\""), "the form shows on the day")
            let form = page.text.components(separatedBy: "id=\"record-attendance\"").dropFirst().first?.components(separatedBy: "</form>").first ?? ""
            #expect(form.contains("type=\"radio\" value=\"present\""))
            #expect(!form.contains(" checked"), "no choice is made for the clerk")

            let meeting = try await store.meeting(id: id, organisationID: environment.organisationID)
            let member = try #require(board.members.first { $0.membership == .voting })
            let partial = try await Self.post(client, Path.meetingAttendance(id).href, [("version", String(meeting.version)), ("attend-\(member.id)", "present")])
            #expect(partial.status == .badRequest)
            let other = try #require(board.members.first { $0.membership != .substitute && $0.id != member.id })
            #expect(partial.text.contains("Choose whether \(other.name.replacingOccurrences(of: "'", with: "&#39;")) was present, sent apologies or was absent"))
            #expect(try await store.meeting(id: id, organisationID: environment.organisationID).status == .scheduled)

            let recorded = try await Self.post(client, Path.meetingAttendance(id).href, Self.everyonePresent(board, version: meeting.version))
            #expect(recorded.status == .seeOther)
            #expect(try await store.meeting(id: id, organisationID: environment.organisationID).status == .held)
        }
    }

    @Test("Cancelling asks on a second page, needs a reason, records who, and can be undone; the history has both")
    func cancelAndReinstate() async throws {
        try await withTestApp(as: .editor) { client, environment, store in
            let board = try await Self.board(store, environment)
            let id = try await Self.createMeeting(client, board: board, on: webTestDay.adding(days: 20))
            let meeting = try await store.meeting(id: id, organisationID: environment.organisationID)

            let meetingPage = try await Self.get(client, Path.meeting(id).href)
            #expect(meetingPage.text.contains("href=\"\(Path.meetingCancellation(id).href)\""), "the meeting page links to the confirmation")
            #expect(!meetingPage.text.contains("action=\"\(Path.meetingCancellation(id).href)\""), "no one-click cancel form on the meeting page")

            let confirm = try await Self.get(client, Path.meetingCancellation(id).href)
            #expect(confirm.status == .ok)
            for text in ["Are you sure you want to cancel the meeting on \(meeting.whenText)?", "Why is the meeting cancelled?",
                         "Yes, cancel the meeting", "No, go back to the meeting", "action=\"\(Path.meetingCancellation(id).href)\"",
                         "href=\"\(Path.meeting(id).href)\""] {
                #expect(confirm.text.contains(text), "confirmation page shows \(text)")
            }

            let unexplained = try await Self.post(client, Path.meetingCancellation(id).href, [("version", String(meeting.version)), ("reason", "  ")])
            #expect(unexplained.status == .badRequest)
            #expect(unexplained.text.contains("<title>Error: "))
            #expect(unexplained.text.contains("href=\"#reason\""))
            #expect(unexplained.text.contains("Enter why the meeting is cancelled"))
            #expect(try await store.meeting(id: id, organisationID: environment.organisationID).status == .scheduled)

            let cancelled = try await Self.post(client, Path.meetingCancellation(id).href,
                                                [("version", String(meeting.version)), ("reason", "Not quorate: too many apologies")])
            #expect(cancelled.status == .seeOther)
            let stored = try await store.meeting(id: id, organisationID: environment.organisationID)
            #expect(stored.status == .cancelled)
            #expect(stored.cancellation?.reason == "Not quorate: too many apologies")
            #expect(stored.cancellation?.by == "Test Editor")
            #expect(stored.cancellation?.byRole == "Editor")
            let shown = try await Self.get(client, Path.meeting(id).href)
            #expect(shown.text.contains("Cancelled on \(webTestDay.formatted) by Test Editor (Editor): Not quorate: too many apologies"))
            #expect(shown.text.contains("Reinstate this meeting"))

            let reinstated = try await Self.post(client, Path.meetingReinstatement(id).href, [("version", String(stored.version))])
            #expect(reinstated.status == .seeOther)
            #expect(reinstated.headers[.location] == Path.meeting(id).href(query: "saved=reinstated"))
            let back = try await store.meeting(id: id, organisationID: environment.organisationID)
            #expect(back.status == .scheduled)
            #expect(back.cancellation == nil)
            #expect(back.agenda == meeting.agenda, "the agenda is as it was")

            let history = try await store.auditTrail(organisationID: environment.organisationID, entity: "meeting", entityID: id)
            #expect(history.filter { $0.change == .update }.count == 2, "cancelling and reinstating are both in the audit trail")
            #expect(history.contains { ($0.after ?? "").contains("Not quorate") })
            // The meeting's history reads both in words, not JSON.
            let page = try await Self.get(client, Path.meetingHistory(id).href).text
            #expect(page.contains("Cancelled on \(webTestDay.formatted) by Test Editor (Editor): Not quorate: too many apologies"))
            #expect(page.contains("not cancelled"))
            #expect(page.contains("Scheduled") && page.contains("Cancelled"))
            #expect(!page.contains("&quot;reason&quot;") && !page.contains("\"reason\":"), "no JSON in the history")
        }
    }

    @Test("Approving the minutes asks on a second page; the meeting page only links to it")
    func approvalConfirmation() async throws {
        try await withTestApp(as: .editor) { client, environment, store in
            let board = try await Self.board(store, environment, DemoBoards.improvementBoardName)
            let meetings = try await store.meetings(boardID: board.id, organisationID: environment.organisationID)
            let candidates = meetings.filter { meeting in
                guard meeting.status != .cancelled, meeting.item(ofKind: .minutesOfLastMeeting) != nil,
                      let previous = BoardController.minutesToApprove(at: meeting, among: meetings) else { return false }
                return !previous.minutesStatus.isLocked
            }
            let at = try #require(candidates.first)
            let previous = try #require(BoardController.minutesToApprove(at: at, among: meetings))
            // Seen on the meeting's day: before it, approval is refused (`MinutesApprovalDayTests`).
            let onTheDay = AppEnvironment(store: store, organisationID: environment.organisationID, today: { max(at.date, webTestDay) },
                                          views: environment.views, now: environment.now, security: environment.security)
            let clerk = try await TestPeople.credentials(onTheDay, role: .editor)
            try await Application(router: buildRouter(environment: onTheDay)).test(.router) { raw in
            let client = SignedInClient(base: raw, credentials: clerk)
            let page = try await Self.get(client, Path.meeting(at.id).href)
            #expect(page.text.contains("href=\"\(Path.minutesApproval(at.id).href)\""))
            #expect(!page.text.contains("action=\"\(Path.minutesApproval(at.id).href)\""), "no one-click approval on the meeting page")

            let confirm = try await Self.get(client, Path.minutesApproval(at.id).href)
            #expect(confirm.status == .ok)
            #expect(confirm.text.contains("Are you sure you want to approve the minutes of the meeting on \(previous.dayText)?"))
            #expect(confirm.text.contains("Yes, approve and lock the minutes"))
            #expect(confirm.text.contains("No, go back to the meeting"))
            #expect(try await store.meeting(id: previous.id, organisationID: environment.organisationID).minutesStatus == previous.minutesStatus,
                    "looking at the confirmation changes nothing")
            }
        }
    }

    @Test("An action point update is recorded as given by the signed-in person with their role; a typed name is ignored, and the API refuses one")
    func authorFromSignIn() async throws {
        try await withTestApp(as: .editor) { client, environment, store in
            let board = try await Self.board(store, environment)
            let point = try #require(try await store.actionPoints(boardID: board.id, organisationID: environment.organisationID).first { $0.status.isOutstanding })
            let boardPage = try await Self.get(client, Path.board(board.id).href)
            #expect(!boardPage.text.contains("name=\"author\""), "no free-text author field")
            #expect(boardPage.text.contains("The update is recorded as given by Test Editor (Editor)."))

            let saved = try await Self.post(client, Path.actionPointUpdates(point.id).href, [
                ("version", String(point.version)), ("note", "Figures chased with the schools"), ("author", "Someone Else"),
                ("day", String(webTestDay.day)), ("month", String(webTestDay.month)), ("year", String(webTestDay.year)),
            ])
            #expect(saved.status == .seeOther)
            let updated = try await store.actionPoint(id: point.id, organisationID: environment.organisationID)
            #expect(updated.latestUpdate?.author == "Test Editor")
            #expect(updated.latestUpdate?.authorRole == "Editor")
            let shown = try await Self.get(client, Path.board(board.id).href)
            #expect(shown.text.contains("Test Editor (Editor): Figures chased with the schools"))

            let typed = try await client.executeRequest(uri: Path.api(.actionPoint(point.id)).href, method: .patch, headers: Self.jsonHeaders,
                                                        body: ByteBuffer(string: #"{"version": \#(updated.version), "note": "From a script", "author": "Someone Else"}"#))
            #expect(typed.status == .badRequest)
            #expect(typed.text.contains("author"))
            let scripted = try await client.executeRequest(uri: Path.api(.actionPoint(point.id)).href, method: .patch, headers: Self.jsonHeaders,
                                                           body: ByteBuffer(string: #"{"version": \#(updated.version), "note": "From a script"}"#))
            #expect(scripted.status == .ok)
            let updates = try #require(try APITests.json(scripted)["updates"] as? [[String: Any]])
            #expect(updates.last?["author"] as? String == "Test Editor")
            #expect(updates.last?["authorRole"] as? String == "Editor")
        }
    }

    @Test("The API: cancelling needs a reason, then reinstating undoes it; attendance on the day marks the meeting held")
    func api() async throws {
        try await withTestApp(as: .editor) { client, environment, store in
            let board = try await Self.board(store, environment)
            let future = try await Self.createMeeting(client, board: board, on: webTestDay.adding(days: 15))
            let version = try await store.meeting(id: future, organisationID: environment.organisationID).version

            let unexplained = try await Self.postJSON(client, Path.api(.meetingCancellation(future)).href, ["version": version, "reason": " "])
            #expect(unexplained.status == .badRequest)
            #expect(unexplained.text.contains("reason"))
            let missing = try await Self.postJSON(client, Path.api(.meetingCancellation(future)).href, ["version": version])
            #expect(missing.status == .badRequest)
            #expect(try await store.meeting(id: future, organisationID: environment.organisationID).status == .scheduled)

            let cancelled = try await Self.postJSON(client, Path.api(.meetingCancellation(future)).href, ["version": version, "reason": "Chair unwell"])
            #expect(cancelled.status == .ok)
            let body = try APITests.json(cancelled)
            #expect((body["meeting"] as? [String: Any])?["status"] as? String == "cancelled")
            #expect((body["cancellation"] as? [String: Any])?["reason"] as? String == "Chair unwell")
            #expect((body["cancellation"] as? [String: Any])?["by"] as? String == "Test Editor")

            let stale = try await Self.postJSON(client, Path.api(.meetingReinstatement(future)).href, ["version": version])
            #expect(stale.status == .conflict)
            let reinstated = try await Self.postJSON(client, Path.api(.meetingReinstatement(future)).href, ["version": version + 1])
            #expect(reinstated.status == .ok)
            #expect(((try APITests.json(reinstated))["meeting"] as? [String: Any])?["status"] as? String == "scheduled")
            #expect((try APITests.json(reinstated))["cancellation"] == nil)

            let today = try await Self.createMeeting(client, board: board, on: webTestDay)
            let todayVersion = try await store.meeting(id: today, organisationID: environment.organisationID).version
            let member = try #require(board.members.first { $0.membership == .voting })
            let recorded = try await Self.postJSON(client, Path.api(.meetingAttendance(today)).href,
                                                   ["version": todayVersion, "present": [member.id], "alsoInAttendance": [["name": "Owen Price", "role": "Clerk"]]])
            #expect(recorded.status == .ok)
            #expect(((try APITests.json(recorded))["meeting"] as? [String: Any])?["status"] as? String == "held")
        }
    }

    @Test("A clerk runs a meeting from its agenda to approved minutes, confirming the approval")
    func clerkWalk() async throws {
        try await withTestApp(as: .editor) { client, environment, store in
            let board = try await Self.board(store, environment)
            let existing = try await store.meetings(boardID: board.id, organisationID: environment.organisationID)
            // After every meeting the demo has, so the new ones are the board's latest.
            let first = (existing.map(\.date).max() ?? webTestDay).adding(days: 1)
            let second = first.adding(days: 1)
            let meetingID = try await Self.createMeeting(client, board: board, on: first)
            let nextID = try await Self.createMeeting(client, board: board, on: second)
            let created = try await store.meeting(id: meetingID, organisationID: environment.organisationID)
            #expect(created.item(ofKind: .minutesOfLastMeeting) != nil, "the agenda comes from the template")

            // The walk happens on the meetings' days: a later "today".
            let later = AppEnvironment(store: store, organisationID: environment.organisationID, today: { second }, views: environment.views,
                                       now: environment.now, security: environment.security)
            let app = Application(router: buildRouter(environment: later))
            let clerk = try await TestPeople.credentials(later, role: .editor, name: "Owen Price")
            try await app.test(.router) { raw in
                let client = SignedInClient(base: raw, credentials: clerk)
                let attendance = try await Self.post(client, Path.meetingAttendance(meetingID).href, Self.everyonePresent(board, version: created.version))
                #expect(attendance.status == .seeOther)
                var held = try await store.meeting(id: meetingID, organisationID: environment.organisationID)
                let item = try #require(held.agenda.first { $0.kind == .business })
                let minuted = try await Self.post(client, Path.meetingMinutes(meetingID).href, [
                    ("version", String(held.version)), ("item", String(item.number)),
                    ("narrative", "Members heard from the Children in Care Council."), ("resolutions", "that the report be noted"),
                ])
                #expect(minuted.status == .seeOther)
                held = try await store.meeting(id: meetingID, organisationID: environment.organisationID)
                #expect(try await Self.post(client, Path.minuteNumbering(meetingID).href, [("version", String(held.version))]).status == .seeOther)
                held = try await store.meeting(id: meetingID, organisationID: environment.organisationID)

                let next = try await store.meeting(id: nextID, organisationID: environment.organisationID)
                #expect(try await Self.post(client, Path.meetingAttendance(nextID).href, Self.everyonePresent(board, version: next.version)).status == .seeOther)
                let confirm = try await Self.get(client, Path.minutesApproval(nextID).href)
                #expect(confirm.text.contains("approve the minutes of the meeting on \(held.dayText)"))
                let approved = try await Self.post(client, Path.minutesApproval(nextID).href, [("version", String(held.version))])
                #expect(approved.status == .seeOther)
                let locked = try await store.meeting(id: meetingID, organisationID: environment.organisationID)
                #expect(locked.minutesStatus.isLocked)
                let minutes = try await Self.get(client, Path.meetingMinutes(meetingID).href)
                #expect(minutes.text.contains("Resolved: that the report be noted"))
                let at = try await Self.get(client, Path.meeting(nextID).href)
                #expect(at.text.contains("be approved as a correct record and signed by the Chair"))

                // Who wrote the minute, and who changed it once approved, is who was signed in.
                let page = try await Self.get(client, Path.meeting(meetingID).href)
                #expect(page.text.contains("Recorded by Owen Price (Editor)"))
                let amended = try await Self.post(client, Path.meetingMinutes(meetingID).href, [
                    ("version", String(locked.version)), ("item", String(item.number)), ("author", "Someone Else"),
                    ("narrative", "Members heard from the Children in Care Council and its chair."), ("resolutions", "that the report be noted"),
                    ("reason", "The chair's attendance was left out"),
                ])
                #expect(amended.status == .seeOther)
                let changed = try await store.meeting(id: meetingID, organisationID: environment.organisationID)
                #expect(changed.minutesAmendments.last?.by == "Owen Price")
                #expect(changed.minutesAmendments.last?.byRole == "Editor")
                let shown = try await Self.get(client, Path.meeting(meetingID).href)
                #expect(shown.text.contains("by Owen Price (Editor): The chair&#39;s attendance was left out"))
            }
        }
    }

    /// The `<li>` of an action point on a page (the `partials/action-point` row).
    static func row(of pointID: Int64, in html: String) -> String {
        html.components(separatedBy: "id=\"action-point-\(pointID)\"").dropFirst().first?.components(separatedBy: "</li>").first ?? ""
    }

    @Test("One action point reads the same status on the meeting page, the board page, the API and the pack")
    func oneStatus() async throws {
        try await withTestApp(as: .editor) { client, environment, store in
            let board = try await Self.board(store, environment)
            let meetings = try await store.meetings(boardID: board.id, organisationID: environment.organisationID)
            let held = try #require(meetings.last { $0.status == .held && $0.date < webTestDay })
            let next = try #require(meetings.first { $0.status == .scheduled && $0.date > webTestDay.adding(days: 1) })
            let item = try #require(held.agenda.first { $0.kind == .business })
            // Due after today but before the next meeting: open today, though the meeting's date is past it.
            let open = try await store.createActionPoint(ActionPoint(boardID: board.id, raisedAtMeetingID: held.id, raisedAtItem: item.number,
                                                                     text: "Share the sufficiency figures", owner: "Head of Service",
                                                                     due: .date(webTestDay.adding(days: 1))), organisationID: environment.organisationID)
            let late = try await store.createActionPoint(ActionPoint(boardID: board.id, raisedAtMeetingID: held.id, raisedAtItem: item.number,
                                                                     text: "Report the placement moves", owner: "Head of Service",
                                                                     due: .date(webTestDay.adding(days: -1))), organisationID: environment.organisationID)
            let meetingPage = try await Self.get(client, Path.meeting(next.id).href).text
            let boardPage = try await Self.get(client, Path.board(board.id).href).text
            let api = try #require(try APITests.json(try await Self.get(client, Path.api(.boardActionPoints(board.id)).href))["actionPoints"] as? [[String: Any]])
            let meetingAPI = try #require(try APITests.json(try await Self.get(client, Path.api(.meeting(next.id)).href))["review"] as? [[String: Any]])
            let pack = try await Self.get(client, Path.meetingPack(next.id).href).text
            for (point, word) in [(open, "Open"), (late, "Overdue")] {
                let chip = ">\(word)</strong>"
                #expect(Self.row(of: point.id, in: meetingPage).contains(chip), "meeting page: \(point.text) is \(word)")
                #expect(Self.row(of: point.id, in: boardPage).contains(chip), "board page: \(point.text) is \(word)")
                #expect(api.first { ($0["id"] as? Int).map(Int64.init) == point.id }?["standingText"] as? String == word)
                #expect(meetingAPI.first { ($0["id"] as? Int).map(Int64.init) == point.id }?["standingText"] as? String == word)
                let packRow = pack.components(separatedBy: point.text).dropFirst().first?.components(separatedBy: "</tr>").first ?? ""
                #expect(packRow.contains("Overdue") == (word == "Overdue"), "pack: \(point.text) is \(word)")
            }
            #expect(Self.row(of: late.id, in: boardPage).contains("Overdue: due \(webTestDay.adding(days: -1).formatted)"))
            #expect(!boardPage.contains("before this meeting"), "no 'before this meeting' outside a meeting")
        }
    }
}
