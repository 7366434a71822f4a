import Core
import Foundation
@testable import Store
import Testing

/// The per-account lockout is in the database, so several servers on one database share it
/// (docs/security.md, "Several servers"): failures counted on either are one count, and a lock
/// taken on one holds on the other.
@Suite("Sign-in lockout across two servers on one database")
struct SignInAcrossServersTests {
    @Test("Failures on two servers at once are one count: the account locks once and the other server honours it", arguments: TestDatabase.all)
    func lockoutAcrossServers(database: TestDatabase) async throws {
        try await withDatabaseFile(database) { file in
            let serverA = try await file.open()
            let serverB = try await file.open()
            let organisation = try await serverA.createOrganisation(Organisation(name: "Northshire"))
            let sam = try await SignInCounterTests.person(serverA, in: [organisation.id])
            let rules = SignInRules()
            let start = SignInCounterTests.start
            // Four failures split over both servers, all at once: none is lost, nothing locks yet.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for i in 1...4 {
                    let server = i.isMultiple(of: 2) ? serverA : serverB
                    group.addTask { _ = try await server.recordFailedSignIn(personID: sam.id, rules: rules, at: start) }
                }
                try await group.waitForAll()
            }
            #expect(try await serverA.person(id: sam.id)?.failedAttempts == 4)
            #expect(try await serverB.person(id: sam.id)?.lockedUntil == nil)
            // Twenty more across both: the fifth failure, whichever server counts it, locks the account once.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for i in 1...20 {
                    let server = i.isMultiple(of: 2) ? serverA : serverB
                    group.addTask { _ = try await server.recordFailedSignIn(personID: sam.id, rules: rules, at: start) }
                }
                try await group.waitForAll()
            }
            #expect(try await serverA.person(id: sam.id)?.lockedUntil == start.addingTimeInterval(rules.lockoutDuration))
            #expect(try await serverB.person(id: sam.id)?.lockedUntil == start.addingTimeInterval(rules.lockoutDuration))
            let trail = try await serverB.auditTrail(organisationID: organisation.id, entity: "person", entityID: sam.id)
            #expect(trail.filter { ($0.after ?? "").contains("lockedUntil") }.count == 1)
            // The right password checked on either server during the lock does not clear it.
            #expect(try await serverA.recordSuccessfulSignIn(personID: sam.id, at: start.addingTimeInterval(60)) == false)
            #expect(try await serverB.recordSuccessfulSignIn(personID: sam.id, at: start.addingTimeInterval(60)) == false)
            #expect(try await serverA.person(id: sam.id)?.lockedUntil != nil)
            // Once it has passed, a success on the other server clears the count for both.
            let after = start.addingTimeInterval(rules.lockoutDuration + 1)
            #expect(try await serverB.recordSuccessfulSignIn(personID: sam.id, at: after) == true)
            #expect(try await serverA.person(id: sam.id)?.failedAttempts == 0)
            try await serverA.close()
            try await serverB.close()
        }
    }
}
