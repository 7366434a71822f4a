import Core
import Foundation
import Store
import Testing

/// `oversight sso`, run as an operator would.
@Suite("oversight sso")
struct SSOCommandTests {
    @Test("sso add stores where the secret is read (never a secret), audited; list shows it; remove takes it away; bad input is refused naming the option")
    func addListRemove() async throws {
        let db = FileManager.default.temporaryDirectory.appendingPathComponent("oversight-sso-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + suffix) } }
        // A database with its organisation.
        #expect(try Command.run(["user", "add", "--db", db, "--email", "ada@example.org", "--name", "Ada", "--admin", "--bcrypt-cost", "4"],
                                input: "granite kettle meadow\n").status == 0)
        let add = try Command.run(["sso", "add", "--db", db, "--slug", "northmoor", "--name", "Northmoor Council",
                                   "--issuer", "https://login.microsoftonline.com/tenant/v2.0", "--client-id", "abc",
                                   "--secret", "env:OVERSIGHT_ENTRA_SECRET", "--key-claim", "oid", "--map", "CSC Admins=administrator",
                                   "--map", "CSC Staff=viewer", "--just-in-time", "--sso-required", "--break-glass", "ada@example.org"])
        #expect(add.status == 0, "\(add.error)")
        #expect(add.output.contains("/sso/callback"))
        let list = try Command.run(["sso", "list", "--db", db])
        #expect(list.output.contains("northmoor\tMy council\tNorthmoor Council\thttps://login.microsoftonline.com/tenant/v2.0"))
        #expect(list.output.contains("secret from env:OVERSIGHT_ENTRA_SECRET"))
        #expect(list.output.contains("CSC Admins=administrator, CSC Staff=viewer"))
        #expect(list.output.contains("SSO required"))

        let again = try Command.run(["sso", "add", "--db", db, "--slug", "other", "--name", "Other", "--issuer", "https://login.example",
                                     "--client-id", "x", "--secret", "file:/run/secrets/x"])
        #expect(again.status != 0)
        #expect(again.error.contains("already has a single sign-on provider"))
        let clearSecret = try Command.run(["sso", "add", "--db", db, "--slug", "x", "--name", "X", "--issuer", "https://login.example",
                                           "--client-id", "x", "--secret", "hunter2-secret"])
        #expect(clearSecret.status != 0)
        #expect(clearSecret.error.contains("--secret: Give where the client secret is read, file:<path> or env:<VARIABLE>"))
        #expect(!clearSecret.error.contains("hunter2"), "the refusal does not repeat the secret")
        let badMap = try Command.run(["sso", "add", "--db", db, "--slug", "x", "--name", "X", "--issuer", "https://login.example",
                                      "--client-id", "x", "--secret", "env:X", "--map", "admins=boss"])
        #expect(badMap.status != 0)
        #expect(badMap.error.contains("--map: ‘boss’ is not a role"))
        // The issuer rule is Core's, as the API's: plain http only on this machine.
        let plainHTTP = try Command.run(["sso", "add", "--db", db, "--slug", "x", "--name", "X", "--issuer", "http://login.example",
                                         "--client-id", "x", "--secret", "env:X"])
        #expect(plainHTTP.status != 0)
        #expect(plainHTTP.error.contains("--issuer: The issuer must be an https address"))

        #expect(try Command.run(["sso", "remove", "--db", db, "northmoor"]).status == 0)
        #expect(try Command.run(["sso", "list", "--db", db]).output.contains("No single sign-on is set up."))
        #expect(try Command.run(["sso", "remove", "--db", db, "northmoor"]).status != 0)

        // Both changes are in the audit trail, in words, and the trail never holds a secret.
        let store = try await SQLStore.sqlite(path: db)
        let organisation = try #require(try await store.organisations().first)
        let entries = try await store.auditTrail(organisationID: organisation.id, entity: "single sign-on provider", entityID: nil)
        try await store.close()
        #expect(!entries.contains { ($0.after ?? "").contains("hunter2") })
        let summaries = entries.filter { $0.entity == "single sign-on provider" }.map { AuditWords.summary($0) }
        #expect(summaries.contains("Set up single sign-on with Northmoor Council"))
        #expect(summaries.contains("Removed single sign-on with Northmoor Council"))
    }
}
