import Core
import Foundation
@testable import Store
import Testing

/// The store's half of the lockout and of organisation-only removal: counts that parallel
/// failures cannot lose, and a removal that touches one organisation.
@Suite("Sign-in counters and memberships in the store")
struct SignInCounterTests {
    static let start = Date(timeIntervalSince1970: 1_795_000_000)

    static func person(_ store: SQLStore, in organisations: [Int64]) async throws -> Person {
        let person = try await store.createPerson(Person(email: "sam@example.org", name: "Sam Okafor", passwordHash: "$2b$04$hash"))
        for organisation in organisations {
            try await store.setMembership(Membership(personID: person.id, organisationID: organisation, role: .editor))
        }
        return person
    }

    @Test("Failures recorded at once are each counted, and the fifth locks the account once", arguments: TestDatabase.all)
    func parallelFailuresCounted(database: TestDatabase) async throws {
        try await withStore(database) { store in
            let organisation = try await store.createOrganisation(Organisation(name: "Northshire"))
            let sam = try await Self.person(store, in: [organisation.id])
            let rules = SignInRules()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 1...4 {
                    group.addTask { try await store.recordFailedSignIn(personID: sam.id, rules: rules, at: Self.start) }
                }
                try await group.waitForAll()
            }
            #expect(try await store.person(id: sam.id)?.failedAttempts == 4)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 1...6 {
                    group.addTask { try await store.recordFailedSignIn(personID: sam.id, rules: rules, at: Self.start) }
                }
                try await group.waitForAll()
            }
            let locked = try #require(try await store.person(id: sam.id))
            #expect(locked.lockedUntil == Self.start.addingTimeInterval(rules.lockoutDuration))
            let trail = try await store.auditTrail(organisationID: organisation.id, entity: "person", entityID: sam.id)
            #expect(trail.filter { ($0.after ?? "").contains("lockedUntil") }.count == 1)
            // A right password checked during the lock does not clear it.
            #expect(try await store.recordSuccessfulSignIn(personID: sam.id, at: Self.start.addingTimeInterval(60)) == false)
            #expect(try await store.person(id: sam.id)?.lockedUntil != nil)
            // After it, the count starts again and a success clears it.
            let after = Self.start.addingTimeInterval(rules.lockoutDuration + 1)
            #expect(try await store.recordFailedSignIn(personID: sam.id, rules: rules, at: after).failedAttempts == 1)
            #expect(try await store.recordSuccessfulSignIn(personID: sam.id, at: after) == true)
            #expect(try await store.person(id: sam.id)?.failedAttempts == 0)
        }
    }

    @Test("A disabled account's right password does not clear anything", arguments: TestDatabase.all)
    func disabledNotCleared(database: TestDatabase) async throws {
        try await withStore(database) { store in
            let organisation = try await store.createOrganisation(Organisation(name: "Northshire"))
            let sam = try await Self.person(store, in: [organisation.id])
            try await store.setDisabled(personID: sam.id, true, at: Self.start)
            #expect(try await store.recordSuccessfulSignIn(personID: sam.id, at: Self.start) == false)
        }
    }

    @Test("Removing a person from one organisation leaves their account, their other organisations and their sessions there", arguments: TestDatabase.all)
    func removalIsOrganisationOnly(database: TestDatabase) async throws {
        try await withStore(database) { store in
            let north = try await store.createOrganisation(Organisation(name: "Northshire"))
            let south = try await store.createOrganisation(Organisation(name: "Southshire"))
            let sam = try await Self.person(store, in: [north.id, south.id])
            for (hash, organisation) in [("north-session", north.id), ("south-session", south.id)] {
                try await store.createSession(Session(idHash: hash, personID: sam.id, organisationID: organisation,
                                                      createdAt: Self.start, lastSeenAt: Self.start, csrfToken: "csrf"))
            }
            let northToken = try await store.createToken(APIToken(prefix: "ovt_North123", hash: "north-token", personID: sam.id,
                                                                  organisationID: north.id, role: .viewer, createdAt: Self.start))
            let southToken = try await store.createToken(APIToken(prefix: "ovt_South123", hash: "south-token", personID: sam.id,
                                                                  organisationID: south.id, role: .viewer, createdAt: Self.start))
            try await store.removeMembership(personID: sam.id, organisationID: south.id, at: Self.start)

            #expect(try await store.memberships(personID: sam.id).map(\.organisation.id) == [north.id])
            #expect(try await store.person(id: sam.id)?.isDisabled == false)
            #expect(try await store.session(idHash: "north-session") != nil)
            #expect(try await store.session(idHash: "south-session") == nil)
            #expect(try await store.token(hash: "north-token")?.revokedAt == nil)
            #expect(try await store.token(hash: "south-token")?.revokedAt != nil)
            #expect(northToken.id != southToken.id)
            let southTrail = try await store.auditTrail(organisationID: south.id, entity: "role", entityID: sam.id)
            #expect(southTrail.last?.change == .delete)
            #expect(try await store.auditTrail(organisationID: north.id, entity: "role", entityID: sam.id).allSatisfy { $0.change != .delete })
            // Not a member any more: a second removal finds no one.
            await #expect(throws: StoreError.self) {
                try await store.removeMembership(personID: sam.id, organisationID: south.id, at: Self.start)
            }
        }
    }

    @Test("An invitation joins only the account with its email, once, while it is open; a newer one replaces it", arguments: TestDatabase.all)
    func invitations(database: TestDatabase) async throws {
        try await withStore(database) { store in
            let north = try await store.createOrganisation(Organisation(name: "Northshire"))
            let south = try await store.createOrganisation(Organisation(name: "Southshire"))
            let sam = try await Self.person(store, in: [north.id])
            let other = try await store.createPerson(Person(email: "other@example.org", name: "Other", passwordHash: "$2b$04$hash"))
            func invite(_ hash: String) async throws -> Invitation {
                try await store.createInvitation(Invitation(organisationID: south.id, email: "SAM@example.org", name: "Sam", role: .viewer,
                                                            hash: hash, createdAt: Self.start, expiresAt: Self.start.addingTimeInterval(3600)))
            }
            let first = try await invite("first")
            let second = try await invite("second")
            #expect(try await store.invitations(organisationID: south.id, at: Self.start).map(\.id) == [second.id])
            await #expect(throws: StoreError.self) { try await store.acceptInvitation(id: first.id, personID: sam.id, at: Self.start) }
            await #expect(throws: StoreError.self) { try await store.acceptInvitation(id: second.id, personID: other.id, at: Self.start) }
            await #expect(throws: StoreError.self) {
                try await store.acceptInvitation(id: second.id, personID: sam.id, at: Self.start.addingTimeInterval(3600))
            }
            await #expect(throws: StoreError.self) {
                _ = try await store.acceptInvitationAsNewPerson(hash: "second", passwordHash: "$2b$04$new", at: Self.start)
            }
            #expect(try await store.person(id: sam.id)?.passwordHash == "$2b$04$hash")
            try await store.acceptInvitation(id: second.id, personID: sam.id, at: Self.start)
            #expect(try await store.memberships(personID: sam.id).map(\.organisation.id) == [north.id, south.id])
            await #expect(throws: StoreError.self) { try await store.acceptInvitation(id: second.id, personID: sam.id, at: Self.start) }
            #expect(try await store.invitations(email: "sam@example.org", at: Self.start).isEmpty)
        }
    }
}
