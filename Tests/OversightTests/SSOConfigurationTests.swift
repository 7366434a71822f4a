import Core
import Foundation
import Store
import Testing

/// `oversight serve --sso-config <file>` and `OVERSIGHT_SSO_CONFIG`, run as an operator would:
/// the providers are applied at start-up in one transaction, audited as the configuration's;
/// a bad file stops the server, naming the file and the field, with nothing applied.
@Suite("oversight serve --sso-config", .serialized)
struct SSOConfigurationTests {
    static func database() throws -> String {
        let db = FileManager.default.temporaryDirectory.appendingPathComponent("oversight-ssoconfig-\(UUID().uuidString).sqlite").path
        #expect(try Command.run(["user", "add", "--db", db, "--email", "ada@example.org", "--name", "Ada", "--admin", "--bcrypt-cost", "4"],
                                input: "granite kettle meadow\n").status == 0)
        return db
    }

    static func remove(_ paths: String...) {
        for path in paths { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
    }

    static func file(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sso-\(UUID().uuidString).json").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func entry(slug: String = "northmoor", organisation: String = "My council", issuer: String = "https://login.microsoftonline.com/t/v2.0",
                      extra: String = "") -> String {
        """
        {"organisation": "\(organisation)", "slug": "\(slug)", "name": "Northmoor Council", "issuer": "\(issuer)", "clientId": "abc",
         "secret": "env:OVERSIGHT_ENTRA_SECRET", "mappings": [{"group": "CSC Admins", "role": "administrator"}]\(extra)}
        """
    }

    /// Serves with `arguments` and `environment` until the providers are stored (or it exits);
    /// returns the exit status when it exited by itself, and what it wrote.
    static func serve(_ db: String, _ arguments: [String], environment: [String: String] = [:]) async throws -> (exited: Int32?, output: String, error: String) {
        let process = Process()
        process.executableURL = Command.executable
        process.arguments = ["serve", "--db", db, "--port", String(try SchemathesisTests.freePort())] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("serve-\(UUID().uuidString).out")
        let err = FileManager.default.temporaryDirectory.appendingPathComponent("serve-\(UUID().uuidString).err")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: out); try? FileManager.default.removeItem(at: err) }
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        var exited: Int32?
        for _ in 0..<200 {
            try await Task.sleep(for: .milliseconds(100))
            if !process.isRunning { exited = process.terminationStatus; break }
            if (try? String(contentsOf: out, encoding: .utf8))?.contains("Oversight is serving") == true { break }
        }
        if process.isRunning { process.terminate(); process.waitUntilExit() }
        return (exited, (try? String(contentsOf: out, encoding: .utf8)) ?? "", (try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }

    static func providers(_ db: String) async throws -> ([SSOProvider], [AuditEntry]) {
        let store = try await SQLStore.sqlite(path: db)
        let providers = try await store.ssoProviders()
        var trail: [AuditEntry] = []
        for organisation in try await store.organisations() {
            trail += try await store.auditTrail(organisationID: organisation.id, entity: "single sign-on provider", entityID: nil)
                .filter { $0.entity == "single sign-on provider" }
        }
        try await store.close()
        return (providers, trail)
    }

    @Test("--sso-config sets the providers up at start-up, audited as the configuration's; started again with a change, it is brought up to date")
    func appliesAndUpdates() async throws {
        let db = try Self.database()
        let config = try Self.file(#"{"providers": [\#(Self.entry())]}"#)
        defer { Self.remove(db, config) }
        let first = try await Self.serve(db, ["--sso-config", config])
        #expect(first.exited == nil, "it started: \(first.error)")
        #expect(first.output.contains("Single sign-on from \(config): northmoor set up."))
        var (providers, trail) = try await Self.providers(db)
        #expect(providers.map(\.slug) == ["northmoor"])
        #expect(providers.first?.secret == .environment("OVERSIGHT_ENTRA_SECRET"))
        #expect(trail.map { AuditWords.summary($0) } == ["Set up single sign-on with Northmoor Council"])
        #expect(trail.first?.actor == "system" && trail.first?.source == "single sign-on configuration \(config)")

        // The same file through the environment variable, now requiring SSO: changed, once.
        try #"{"providers": [\#(Self.entry(extra: #", "ssoRequired": true"#))]}"#.write(toFile: config, atomically: true, encoding: .utf8)
        let second = try await Self.serve(db, [], environment: ["OVERSIGHT_SSO_CONFIG": config])
        #expect(second.output.contains("northmoor changed"), "\(second.output) \(second.error)")
        let third = try await Self.serve(db, [], environment: ["OVERSIGHT_SSO_CONFIG": config])
        #expect(third.output.contains("northmoor unchanged"))
        (providers, trail) = try await Self.providers(db)
        #expect(providers.first?.ssoRequired == true)
        #expect(trail.map { AuditWords.summary($0) }.sorted() == ["Changed single sign-on with Northmoor Council", "Set up single sign-on with Northmoor Council"])
    }

    @Test("A bad file stops the server before it serves, naming the file and each field, and applies nothing — not even its good entries")
    func badFileRefused() async throws {
        let db = try Self.database()
        let bad = try Self.file(#"{"providers": [\#(Self.entry(issuer: "http://login.example", extra: #", "clientSecret": "hunter2""#))]}"#)
        // Each entry fine alone; together the second is a second provider for the same organisation, which the store refuses.
        let half = try Self.file(#"{"providers": [\#(Self.entry()), \#(Self.entry(slug: "second", organisation: "Other"))]}"#)
        let unknown = try Self.file(#"{"providers": [\#(Self.entry(organisation: "Nowhere Council"))]}"#)
        defer { Self.remove(db, bad, half, unknown) }

        let refused = try await Self.serve(db, ["--sso-config", bad])
        #expect(refused.exited != nil && refused.exited != 0)
        #expect(!refused.output.contains("Oversight is serving"))
        #expect(refused.error.contains("Single sign-on configuration \(bad)"))
        #expect(refused.error.contains("providers[0].issuer"))
        #expect(refused.error.contains("providers[0].clientSecret"))
        #expect(!refused.error.contains("hunter2"))

        let notThere = try await Self.serve(db, ["--sso-config", unknown])
        #expect(notThere.exited != nil && notThere.exited != 0)
        #expect(notThere.error.contains("providers[0].organisation: there is no organisation called ‘Nowhere Council’"))

        // A second organisation that has a provider under another slug than the file's: refused by the store inside the transaction.
        let store = try await SQLStore.sqlite(path: db)
        let other = try await store.createOrganisation(Organisation(name: "Other"))
        _ = try await store.addSSOProvider(SSOProvider(organisationID: other.id, slug: "northmoor-taken", name: "Other", issuer: "https://login.other.example",
                                                       clientID: "x", secret: .environment("X")))
        try await store.close()
        try #"{"providers": [\#(Self.entry()), \#(Self.entry(slug: "other-renamed", organisation: "Other"))]}"#.write(toFile: half, atomically: true, encoding: .utf8)
        let partial = try await Self.serve(db, ["--sso-config", half])
        #expect(partial.exited != nil && partial.exited != 0, "\(partial.output)")
        #expect(partial.error.contains("nothing was applied"), "\(partial.error)")
        let (providers, _) = try await Self.providers(db)
        #expect(providers.map(\.slug) == ["northmoor-taken"], "the first entry was not applied either")

        let missing = try await Self.serve(db, ["--sso-config", "/nonexistent/sso.json"])
        #expect(missing.exited != nil && missing.exited != 0)
        #expect(missing.error.contains("Single sign-on configuration /nonexistent/sso.json: the file cannot be read"))
    }
}
