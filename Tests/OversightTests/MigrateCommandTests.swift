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
}
