import Core
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SQLKit
@testable import Store
import Testing
@testable import Web

/// Two servers on one database, as behind a load balancer: each its own application and its own
/// connection to the database, sharing nothing in memory.
@Suite("Two servers on one database")
struct TwoServersTests {
    /// Runs `body` with two servers' clients (no one signed in), both environments and both stores.
    static func withTwoServers(
        _ body: @Sendable (_ a: any TestClientProtocol, _ b: any TestClientProtocol, _ environmentA: AppEnvironment,
                           _ environmentB: AppEnvironment, _ storeA: SQLStore, _ storeB: SQLStore) async throws -> Void
    ) async throws {
        let (environmentA, storeA) = try await makeTestEnvironment()
        let address = try #require(WebTestDatabase.address(of: storeA))
        let storeB = try await SQLStore.open(address)
        var second = environmentA
        second.store = storeB
        let environmentB = second
        let serverA = Application(router: buildRouter(environment: environmentA))
        let serverB = Application(router: buildRouter(environment: environmentB))
        do {
            try await serverA.test(.router) { a in
                try await serverB.test(.router) { b in
                    try await body(a, b, environmentA, environmentB, storeA, storeB)
                }
            }
        } catch {
            try? await storeB.close()
            await removeTestEnvironment(storeA)
            throw error
        }
        try await storeB.close()
        await removeTestEnvironment(storeA)
    }

    static let json: HTTPFields = [.contentType: "application/json"]

    static func body(_ object: [String: Any]) throws -> ByteBuffer {
        ByteBuffer(data: try JSONSerialization.data(withJSONObject: object))
    }

    @Test("A session made on one server is used on the other, and signing out on the other ends it on both")
    func sessionAcrossServers() async throws {
        try await Self.withTwoServers { a, b, environmentA, _, _, storeB in
            let lead = try await TestPeople.credentials(environmentA, role: .actionLead, name: "Priya Lead")
            let onB = try await SignedInClient(base: b, credentials: lead).execute(uri: Path.home.href, method: .get)
            #expect(onB.status == .ok)
            #expect(onB.text.contains("Priya Lead"))
            let out = try await SignedInClient(base: b, credentials: lead).execute(
                uri: Path.signOut.href, method: .post, headers: [.contentType: "application/x-www-form-urlencoded"], body: nil)
            #expect(out.status == .seeOther)
            let onA = try await SignedInClient(base: a, credentials: lead).execute(uri: Path.home.href, method: .get)
            #expect(onA.status == .seeOther, "signed out on B, the session is gone on A too")
            #expect(try await storeB.session(idHash: Secrets.digest(lead.sessionToken)) == nil)
        }
    }

    @Test("200 PATCHes of one action with the same version, half on each server: exactly one wins, the rest are 409")
    func concurrentPatches() async throws {
        try await Self.withTwoServers { a, b, environmentA, _, storeA, _ in
            let editor = try await TestPeople.credentials(environmentA, role: .editor)
            let plan = try #require(try await storeA.plans(organisationID: environmentA.organisationID).first)
            let contents = try await storeA.planContents(id: plan.id, organisationID: environmentA.organisationID, fullHistory: false)
            let action = try #require(contents.actions.first { $0.status == .inProgress })
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for i in 0..<200 {
                    let client = SignedInClient(base: i.isMultiple(of: 2) ? a : b, credentials: editor)
                    let edit = try Self.body(["version": action.version, "percentComplete": i % 100])
                    group.addTask {
                        try await client.execute(uri: Path.api(.action(action.id)).href, method: .patch, headers: Self.json, body: edit).status
                    }
                }
                return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .ok }.count == 1, "\(Dictionary(grouping: statuses, by: \.code).mapValues(\.count))")
            #expect(statuses.filter { $0 == .conflict }.count == 199)
            let stored = try await storeA.action(id: action.id, organisationID: environmentA.organisationID).action
            #expect(stored.version == action.version + 1)
        }
    }

    @Test("1,000 audited writes at once across both servers: the audit chain verifies and a board's minute numbers have no repeat and no gap")
    func concurrentAuditedWrites() async throws {
        try await Self.withTwoServers { a, b, environmentA, _, storeA, storeB in
            let organisation = environmentA.organisationID
            let lead = try await TestPeople.credentials(environmentA, role: .editor)
            let plan = try #require(try await storeA.plans(organisationID: organisation).first)
            let actions = try await storeA.planContents(id: plan.id, organisationID: organisation, fullHistory: false).actions
                .filter { $0.status == .inProgress }
            #expect(actions.count >= 5)
            // A board of 200 held meetings whose minutes are numbered at once from both servers.
            let board = try await storeA.createBoard(Board(organisationID: organisation, name: "Two Servers Board", kind: .improvementBoard,
                                                           minuteNumbering: .running(from: 500)))
            var meetings: [Meeting] = []
            for day in 0..<200 {
                meetings.append(try await storeA.createMeeting(
                    Meeting(boardID: board.id, date: Day(2024, 1, 1).adding(days: day), status: .held,
                            agenda: [AgendaItem(number: 1, title: "Apologies"), AgendaItem(number: 2, title: "Performance")]),
                    organisationID: organisation, fromTemplate: false))
            }
            let entriesBefore = try await storeA.auditTrail(organisationID: organisation).count

            enum Outcome: Sendable { case update(HTTPResponse.Status), numbered(Bool) }
            let outcomes = try await withThrowingTaskGroup(of: Outcome.self) { group in
                for i in 0..<800 {
                    let client = SignedInClient(base: i.isMultiple(of: 2) ? a : b, credentials: lead)
                    let action = actions[i % actions.count]
                    let update = try Self.body(["text": "Update \(i) from server \(i.isMultiple(of: 2) ? "A" : "B")."])
                    group.addTask {
                        .update(try await client.execute(uri: Path.api(.actionUpdates(action.id)).href, method: .post,
                                                         headers: Self.json, body: update).status)
                    }
                }
                // In date order, so each numbering continues from the one before: any refusal
                // would be a race, not a meeting numbered after a later one.
                for (i, meeting) in meetings.enumerated() {
                    let store = i.isMultiple(of: 2) ? storeA : storeB
                    group.addTask {
                        do {
                            _ = try await store.numberMinutes(meetingID: meeting.id, organisationID: organisation, expectedVersion: nil)
                            return .numbered(true)
                        } catch {
                            return .numbered(false)
                        }
                    }
                }
                return try await group.reduce(into: [Outcome]()) { $0.append($1) }
            }
            let created = outcomes.filter { if case .update(.created) = $0 { true } else { false } }.count
            let numbered = outcomes.filter { if case .numbered(true) = $0 { true } else { false } }.count
            #expect(created == 800, "every update is accepted")

            // The chain is one chain: every entry follows the one before, whichever server wrote it.
            guard case let .intact(entries) = try await storeB.verifyAuditTrail() else {
                Issue.record("the audit chain does not verify")
                return
            }
            #expect(entries >= entriesBefore + created)
            let entriesAfter = try await storeA.auditTrail(organisationID: organisation).count
            #expect(entriesAfter == entriesBefore + created + numbered, "one entry for each write that was made")

            // Numbers taken by the meetings numbered: each once, and no number skipped.
            let numbers = try await storeB.meetings(boardID: board.id, organisationID: organisation)
                .flatMap(MinuteNumbering.numbers(of:)).sorted()
            #expect(numbers.count == numbered * 2)
            #expect(Set(numbers).count == numbers.count, "no minute number repeated")
            #expect(numbers == Array(500..<(500 + numbers.count)), "no minute number skipped")
            #expect(numbered > 0)
        }
    }
}
