import Core
import Foundation
import Store
import Testing

/// `oversight user` and `oversight token`, run as an operator would.
@Suite("oversight user and token")
struct PeopleCommandTests {
    func temporaryDatabase() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("oversight-people-\(UUID().uuidString).sqlite").path
    }

    func removeDatabase(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    /// bcrypt's lowest cost, so the tests stay fast.
    let cost = ["--bcrypt-cost", "4"]

    @Test("user add reads the password from standard input; --admin makes an administrator; user list shows them")
    func userAdd() async throws {
        let db = temporaryDatabase()
        defer { removeDatabase(db) }
        let admin = try Command.run(["user", "add", "--db", db, "--email", "Ada@Example.org", "--name", "Ada Admin", "--admin"] + cost,
                                    input: "granite kettle meadow\n")
        #expect(admin.status == 0, "\(admin.error)")
        #expect(admin.output.contains("Added ada@example.org as administrator in My council"))

        let weak = try Command.run(["user", "add", "--db", db, "--email", "weak@example.org", "--name", "Weak", "--role", "viewer"] + cost,
                                   input: "password1234\n")
        #expect(weak.status != 0)
        #expect(weak.error.contains("too common"))

        let none = try Command.run(["user", "add", "--db", db, "--email", "none@example.org", "--name", "None", "--role", "viewer"] + cost, input: "")
        #expect(none.status != 0)
        #expect(none.error.contains("standard input"))

        let badRole = try Command.run(["user", "add", "--db", db, "--email", "x@example.org", "--name", "X", "--role", "boss"] + cost)
        #expect(badRole.status != 0)
        #expect(badRole.error.contains("action-lead"))

        let list = try Command.run(["user", "list", "--db", db])
        #expect(list.status == 0)
        #expect(list.output.contains("ada@example.org\tAda Admin\tMy council\tadministrator"))
        #expect(!list.output.contains("weak@example.org"))

        let store = try await SQLStore.sqlite(path: db)
        let ada = try #require(try await store.person(email: "ADA@example.org"))
        #expect(ada.passwordHash.hasPrefix("$2"))
        #expect(!ada.passwordHash.contains("granite"))
        try await store.close()

        let disable = try Command.run(["user", "disable", "--db", db, "--email", "ada@example.org"])
        #expect(disable.status == 0)
        #expect(try Command.run(["user", "list", "--db", db]).output.contains("(disabled)"))
    }

    @Test("token create prints only the token, within the person's role; token revoke stops it")
    func tokens() async throws {
        let db = temporaryDatabase()
        defer { removeDatabase(db) }
        let add = try Command.run(["user", "add", "--db", db, "--email", "ed@example.org", "--name", "Ed Editor", "--role", "editor"] + cost,
                                  input: "lantern pebble orchard\n")
        #expect(add.status == 0, "\(add.error)")

        let tooHigh = try Command.run(["token", "create", "--db", db, "--user", "ed@example.org", "--role", "administrator"])
        #expect(tooHigh.status != 0)
        #expect(tooHigh.error.contains("may not exceed"))

        let created = try Command.run(["token", "create", "--db", db, "--user", "ed@example.org", "--role", "viewer"])
        #expect(created.status == 0, "\(created.error)")
        let token = created.output.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(token.hasPrefix("ovt_"))
        #expect(!token.contains(" ") && !token.contains("\n"), "only the token")
        #expect(token.count > 40)

        let store = try await SQLStore.sqlite(path: db)
        let stored = try #require(try await store.tokens().first)
        #expect(stored.role == .viewer)
        #expect(stored.hash != token)
        #expect(stored.revokedAt == nil)
        try await store.close()

        let list = try Command.run(["token", "list", "--db", db])
        #expect(list.output.contains(String(token.prefix(12))))
        #expect(!list.output.contains(token))

        let revoked = try Command.run(["token", "revoke", "--db", db, String(token.prefix(12))])
        #expect(revoked.status == 0, "\(revoked.error)")
        #expect(revoked.output.contains("Revoked token"))
        let reopened = try await SQLStore.sqlite(path: db)
        #expect(try await reopened.tokens().first?.revokedAt != nil)
        try await reopened.close()

        let unknown = try Command.run(["token", "revoke", "--db", db, "ovt_nothing-like-it"])
        #expect(unknown.status != 0)
    }

    @Test("user reset prints a one-time link")
    func reset() throws {
        let db = temporaryDatabase()
        defer { removeDatabase(db) }
        _ = try Command.run(["user", "add", "--db", db, "--email", "r@example.org", "--name", "Rita", "--role", "viewer"] + cost,
                            input: "copper window valley\n")
        let reset = try Command.run(["user", "reset", "--db", db, "--email", "r@example.org", "--base-url", "https://oversight.example.gov.uk/"])
        #expect(reset.status == 0, "\(reset.error)")
        #expect(reset.output.hasPrefix("https://oversight.example.gov.uk/reset/"))
        let missing = try Command.run(["user", "reset", "--db", db, "--email", "nobody@example.org"])
        #expect(missing.status != 0)
        #expect(missing.error.contains("No one has an account"))
    }

    @Test("user add --organisation joins someone's existing account to another organisation, keeping their password and their first organisation")
    func joinExistingAccount() async throws {
        let db = temporaryDatabase()
        defer { removeDatabase(db) }
        let store = try await SQLStore.sqlite(path: db)
        _ = try await store.createOrganisation(Organisation(name: "Northshire"))
        _ = try await store.createOrganisation(Organisation(name: "Southshire"))
        try await store.close()
        let first = try Command.run(["user", "add", "--db", db, "--organisation", "Northshire", "--email", "sam@example.org",
                                     "--name", "Sam Okafor", "--role", "editor"] + cost, input: "granite kettle meadow\n")
        #expect(first.status == 0, "\(first.error)")
        let before = try await SQLStore.sqlite(path: db)
        let hash = try #require(try await before.person(email: "sam@example.org")).passwordHash
        try await before.close()

        // No password is asked for: the account has one.
        let join = try Command.run(["user", "add", "--db", db, "--organisation", "Southshire", "--email", "Sam@Example.org",
                                    "--name", "Sam", "--role", "viewer"] + cost, input: "")
        #expect(join.status == 0, "\(join.error)")
        #expect(join.output.contains("sam@example.org already had an account; now viewer in Southshire (password unchanged)."))

        let after = try await SQLStore.sqlite(path: db)
        let sam = try #require(try await after.person(email: "sam@example.org"))
        #expect(sam.passwordHash == hash)
        let memberships = try await after.memberships(personID: sam.id)
        try await after.close()
        #expect(memberships.map(\.organisation.name) == ["Northshire", "Southshire"])
        #expect(memberships.map(\.role) == [.editor, .viewer])
    }
}
