import Core
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Store
import Testing
@testable import Web

/// The iCalendar feeds as a calendar app fetches them: a board's meetings, a person's deadlines,
/// and the secret address that works without signing in.
@Suite("Calendar feeds")
struct CalendarFeedTests {
    /// Runs `body` with a visitor's client (no cookie) and a helper to act as a signed-in person.
    static func withApp(_ body: @Sendable (any TestClientProtocol, AppEnvironment, SQLStore) async throws -> Void) async throws {
        let (environment, store) = try await makeTestEnvironment()
        do {
            let app = Application(router: buildRouter(environment: environment))
            try await app.test(.router) { client in try await body(client, environment, store) }
        } catch {
            await removeTestEnvironment(store)
            throw error
        }
        await removeTestEnvironment(store)
    }

    static func get(_ client: any TestClientProtocol, _ uri: String, as credentials: TestCredentials? = nil) async throws -> TestResponse {
        try await SignedInClient(base: client, credentials: credentials).executeRequest(uri: uri, method: .get, headers: [:], body: nil)
    }

    static func post(_ client: any TestClientProtocol, _ uri: String, as credentials: TestCredentials) async throws -> TestResponse {
        try await SignedInClient(base: client, credentials: credentials).executeRequest(uri: uri, method: .post, headers: formHeaders, body: formEncoded([]))
    }

    /// Each VEVENT's unfolded lines, keyed by the UID's part before `@`.
    static func events(_ text: String) -> [String: [String]] {
        var events: [String: [String]] = [:]
        var current: [String] = []
        for line in text.replacingOccurrences(of: "\r\n ", with: "").components(separatedBy: "\r\n") {
            if line == "BEGIN:VEVENT" { current = [] } else if line == "END:VEVENT" {
                let uid = current.first { $0.hasPrefix("UID:") }.map { String($0.dropFirst(4).prefix { $0 != "@" }) } ?? ""
                events[uid] = current
            } else { current.append(line) }
        }
        return events
    }

    @Test("A board's feed has each meeting at 6pm London time across the clocks changing, cancelled ones marked; another council's board is not found")
    func boardFeed() async throws {
        try await Self.withApp { client, environment, store in
            let org = environment.organisationID
            let viewer = try await TestPeople.credentials(environment, role: .viewer)
            let board = try await store.createBoard(Board(organisationID: org, name: "Fostering Panel", kind: .other))
            let march = try await store.createMeeting(Meeting(boardID: board.id, date: Day(2026, 3, 26), time: MeetingTime("18:00"), venue: "Room 2"),
                                                      organisationID: org, fromTemplate: true)
            let april = try await store.createMeeting(Meeting(boardID: board.id, date: Day(2026, 4, 2), time: MeetingTime("18:00"), venue: "Room 2"),
                                                      organisationID: org, fromTemplate: true)
            let cancelled = try await store.editMeeting(id: april.id, organisationID: org, expectedVersion: april.version) { $0.status = .cancelled }

            let response = try await Self.get(client, "/boards/\(board.id)/calendar.ics", as: viewer)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/calendar; charset=utf-8")
            let events = Self.events(response.text)
            #expect(events.count == 2)
            let first = try #require(events["meeting-\(march.id)"])
            let second = try #require(events["meeting-\(april.id)"])
            #expect(first.contains("DTSTART:20260326T180000Z"), "GMT: 6pm is 18:00 UTC")
            #expect(second.contains("DTSTART:20260402T170000Z"), "BST: 6pm is 17:00 UTC")
            #expect(first.contains("SUMMARY:Fostering Panel"))
            #expect(first.contains("LOCATION:Room 2"))
            #expect(first.contains { $0.hasPrefix("DESCRIPTION:Agenda:\\n1. Apologies and substitutes") })
            #expect(first.contains { $0.hasPrefix("URL:") && $0.hasSuffix("/meetings/\(march.id)") })
            #expect(first.contains("STATUS:CONFIRMED"))
            #expect(second.contains("STATUS:CANCELLED"))
            #expect(second.contains("SEQUENCE:\(cancelled.version)"))

            let other = try await store.createOrganisation(Organisation(name: "Other Council"))
            let theirs = try await store.createBoard(Board(organisationID: other.id, name: "Their Board", kind: .other))
            #expect(try await Self.get(client, "/boards/\(theirs.id)/calendar.ics", as: viewer).status == .notFound)
            #expect(try await Self.get(client, "/boards/\(board.id)/calendar.ics").status == .seeOther, "a visitor is sent to sign in")

            let page = try await Self.get(client, "/boards/\(board.id)", as: viewer)
            #expect(page.text.contains("href=\"/boards/\(board.id)/calendar.ics\">Subscribe to this board's meetings"))
        }
    }

    @Test("A person's feed has the action points they own and the actions they lead, and nothing of other people's")
    func personalFeed() async throws {
        try await Self.withApp { client, environment, store in
            let org = environment.organisationID
            let lead = try await TestPeople.credentials(environment, role: .actionLead, name: "Principal Social Worker")
            let board = try #require(try await store.boards(organisationID: org).first)
            let held = try #require(try await store.meetings(boardID: board.id, organisationID: org).first { $0.status == .held })
            let mine = try await store.createActionPoint(ActionPoint(boardID: board.id, raisedAtMeetingID: held.id, raisedAtItem: 1,
                                                                     text: "Audit 20 case files", owner: "principal social worker",
                                                                     due: .date(Day(2026, 12, 18))), organisationID: org)
            let theirs = try await store.createActionPoint(ActionPoint(boardID: board.id, raisedAtMeetingID: held.id, raisedAtItem: 1,
                                                                       text: "Report on placements", owner: "Head of Service",
                                                                       due: .date(Day(2026, 12, 18))), organisationID: org)
            let plan = try #require(try await store.plans(organisationID: org).first)
            let actions = try await store.planContents(id: plan.id, organisationID: org, fullHistory: false).actions
                .filter { $0.dueDate != nil && $0.status != .complete && $0.status != .withdrawn }
            let led = actions.filter { $0.leads.contains("Principal Social Worker") }
            let notLed = try #require(actions.first { !$0.leads.contains("Principal Social Worker") })
            #expect(!led.isEmpty)

            let response = try await Self.get(client, "/calendar/mine.ics", as: lead)
            #expect(response.status == .ok)
            let events = Self.events(response.text)
            let point = try #require(events["action-point-\(mine.id)"])
            #expect(point.contains("DTSTART;VALUE=DATE:20261218"))
            #expect(point.contains("SUMMARY:Action point due: Audit 20 case files"))
            #expect(events["action-point-\(theirs.id)"] == nil)
            for action in led { #expect(events["action-\(action.id)"] != nil, "led action \(action.ref) is in the feed") }
            #expect(events["action-\(notLed.id)"] == nil)
        }
    }

    @Test("The secret feed address works without signing in, and stops when replaced, revoked or the account is disabled")
    func secretFeed() async throws {
        try await Self.withApp { client, environment, store in
            let lead = try await TestPeople.credentials(environment, role: .actionLead, name: "Principal Social Worker")
            func makeLink() async throws -> String {
                let page = try await Self.post(client, "/account/calendar-link", as: try await TestPeople.newSession(environment, lead))
                #expect(page.status == .ok)
                #expect(page.text.contains("Your calendar link is ready"))
                let range = try #require(page.text.range(of: #"/calendar/feed/[A-Za-z0-9_-]+\.ics"#, options: .regularExpression))
                return String(page.text[range])
            }
            let first = try await makeLink()
            let feed = try await Self.get(client, first)
            #expect(feed.status == .ok)
            #expect(feed.headers[.contentType] == "text/calendar; charset=utf-8")
            #expect(feed.text.contains("X-WR-CALNAME:Oversight: Principal Social Worker's deadlines"))
            #expect(feed.text.contains("SUMMARY:Action due:"))

            let account = try await Self.get(client, "/account", as: try await TestPeople.newSession(environment, lead))
            #expect(account.text.contains("You have a calendar link"))
            #expect(!account.text.contains(first), "the address is shown only once")

            let second = try await makeLink()
            #expect(try await Self.get(client, first).status == .notFound, "a new link stops the old one")
            #expect(try await Self.get(client, second).status == .ok)

            let revoked = try await Self.post(client, "/account/calendar-link/revoke", as: try await TestPeople.newSession(environment, lead))
            #expect(revoked.status == .seeOther)
            #expect(try await Self.get(client, second).status == .notFound)

            let third = try await makeLink()
            try await store.setDisabled(personID: lead.person.id, true, at: environment.now())
            #expect(try await Self.get(client, third).status == .notFound, "a disabled account's feed stops")
            #expect(try await Self.get(client, "/calendar/feed/not-a-real-token.ics").status == .notFound)
        }
    }
}
