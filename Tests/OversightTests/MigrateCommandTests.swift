import Core
import Foundation
import Store
import Testing

@Suite("oversight migrate")
struct MigrateCommandTests {
    static func path(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("oversight-migrate-\(UUID().uuidString)-\(name)").path
    }

    static func remove(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    @Test("Copies into a new database and prints each table's rows and the audit check; refuses an existing target and a missing source")
    func migrate() async throws {
        let source = Self.path("council.sqlite"), target = Self.path("moved.sqlite")
        defer { Self.remove(source); Self.remove(target) }
        let store = try await SQLStore.sqlite(path: source)
        _ = try await store.createOrganisation(Organisation(name: "Northshire County Council", kind: .council))
        _ = try await store.createOrganisation(Organisation(name: "Eastvale Partnership", kind: .partnership))
        try await store.close()

        let moved = try Command.run(["migrate", "--from", source, "--to", target])
        #expect(moved.status == 0, "\(moved.error)")
        #expect(moved.output.range(of: #"\n  organisations +2\n"#, options: .regularExpression) != nil, "\(moved.output)")
        #expect(moved.output.contains("Every table has the same number of rows in both; the audit trail verifies"))
        #expect(!moved.output.contains("sessions"), "sessions are not copied")
        let copy = try await SQLStore.sqlite(path: target)
        #expect(try await copy.organisations().map(\.name) == ["Eastvale Partnership", "Northshire County Council"])
        try await copy.close()

        let again = try Command.run(["migrate", "--from", source, "--to", target])
        #expect(again.status != 0)
        #expect(again.error.contains("exists already"))
        let missing = try Command.run(["migrate", "--from", Self.path("nowhere.sqlite"), "--to", Self.path("new.sqlite")])
        #expect(missing.status != 0)
        #expect(missing.error.contains("There is no database at"))
    }

    /// The PostgreSQL test server (`scripts/test-postgres.sh`), when there is one.
    static var postgresServer: String? {
        let url = ProcessInfo.processInfo.environment["OVERSIGHT_TEST_POSTGRES_URL"] ?? ""
        return url.isEmpty ? nil : url
    }

    @Test("Copies into an empty PostgreSQL database, names it without the password, and refuses it once it holds data",
          .enabled(if: postgresServer != nil))
    func migrateToPostgres() async throws {
        let server = try #require(Self.postgresServer)
        let source = Self.path("council.sqlite")
        defer { Self.remove(source) }
        let store = try await SQLStore.sqlite(path: source)
        _ = try await store.createOrganisation(Organisation(name: "Northshire County Council", kind: .council))
        try await store.close()
        let name = "oversight_migrate_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let created = try await PostgresDatabases.create(named: name, on: server)
        // The same database with a password in the address, which the output must not show.
        var components = try #require(URLComponents(string: created))
        components.password = "not-to-be-shown"
        let target = try #require(components.string)
        do {
            let moved = try Command.run(["migrate", "--from", source, "--to", target])
            #expect(moved.status == 0, "\(moved.error)")
            #expect(moved.output.contains("/\(name):"), "\(moved.output)")
            #expect(!moved.output.contains("not-to-be-shown") && !moved.error.contains("not-to-be-shown"))
            #expect(moved.output.range(of: #"\n  organisations +1\n"#, options: .regularExpression) != nil, "\(moved.output)")
            let again = try Command.run(["migrate", "--from", source, "--to", target])
            #expect(again.status != 0)
            #expect(again.output.contains("The target database is not empty"), "\(again.output)")
        } catch {
            try? await PostgresDatabases.drop(created)
            throw error
        }
        try await PostgresDatabases.drop(created)
    }
}
