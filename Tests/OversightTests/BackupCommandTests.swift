import Core
import Foundation
import Store
import Testing

@Suite("oversight backup")
struct BackupCommandTests {
    static func path(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("oversight-backup-\(UUID().uuidString)-\(name)").path
    }

    static func remove(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    @Test("Copies a database, prints its size, rows per table and checks; refuses an existing file without --force")
    func backup() async throws {
        let source = Self.path("live.sqlite"), target = Self.path("copy.sqlite")
        defer { Self.remove(source); Self.remove(target) }
        let store = try await SQLStore.sqlite(path: source)
        _ = try await store.createOrganisation(Organisation(name: "Northshire County Council", kind: .council))
        try await store.close()

        let made = try Command.run(["backup", "--db", source, "--to", target])
        #expect(made.status == 0, "\(made.error)")
        #expect(made.output.contains("with VACUUM INTO"))
        #expect(made.output.contains("bytes)"))
        #expect(made.output.contains("Rows in the copy:"))
        #expect(made.output.range(of: #"\n  organisations +1\n"#, options: .regularExpression) != nil)
        #expect(made.output.contains("Integrity check: ok"))
        #expect(made.output.contains("Audit trail: intact, "))

        let again = try Command.run(["backup", "--db", source, "--to", target])
        #expect(again.status != 0)
        #expect(again.error.contains("There is already a file at \(target). Choose a new file name, or pass --force to replace it."))
        let forced = try Command.run(["backup", "--db", source, "--to", target, "--force"])
        #expect(forced.status == 0, "\(forced.error)")
    }

    @Test("For PostgreSQL it names the pg_dump command, without the password")
    func postgres() throws {
        let result = try Command.run(["backup", "--db", "postgres://oversight:s3cret@db.internal/oversight", "--to", "/backups/o.dump"])
        #expect(result.status == 1)
        #expect(result.error.contains("pg_dump --format=custom --file '/backups/o.dump' 'postgres://oversight@db.internal/oversight'"))
        #expect(!result.error.contains("s3cret"))
        #expect(result.output.isEmpty)
    }
}
