import Core
import Foundation
import SQLKit
@testable import Store
import Testing

@Suite("Database: files, reopening and migrations")
struct DatabaseLifecycleTests {
    @Test("A new file gets the schema: one schema_migrations row per migration", arguments: TestDatabase.all)
    func freshFile(database: TestDatabase) async throws {
        try await withStore(database) { store in
            let rows = try await store.migrationRows()
            #expect(rows.map(\.version) == Migrations.all.map(\.version))
            #expect(rows.allSatisfy { $0.rows == 1 })
            #expect(rows.last?.version == Migrations.latestVersion)
            #expect(try await store.organisations() == [])
        }
    }

    @Test("Closing and reopening the file keeps everything, and migrations are not applied twice")
    func reopen() async throws {
        try await withDatabaseFile { database in
            #expect(!FileManager.default.fileExists(atPath: database.path))
            var store = try await database.open()
            #expect(FileManager.default.fileExists(atPath: database.path))

            let (organisation, plan) = try await Fixture.seeded(store)
            let action = try await store.action(ref: "1.1.1", planID: plan.id, organisationID: organisation.id)
            _ = try await store.addProgressUpdate(
                ProgressUpdate(actionID: action.id, date: Day(2023, 9, 30), author: "Jo Bloggs", text: "Before closing",
                               percentComplete: 55, recordedAt: Fixture.instant(5_000)),
                organisationID: organisation.id, expectedVersion: 1)
            let measure = try #require(try await store.measures(organisationID: organisation.id).first)
            _ = try await store.recordValue(MeasureValue(period: .month(year: 2023, month: 6), value: 26, asAt: Day(2023, 7, 5)),
                                            measureID: measure.id, organisationID: organisation.id, replace: false)

            let contents = try await store.planContents(id: plan.id, organisationID: organisation.id, fullHistory: true)
            let measures = try await store.measures(organisationID: organisation.id)
            let organisations = try await store.organisations()
            let migrations = try await store.migrationRows()
            try await store.close()

            for _ in 0..<2 {
                store = try await database.open()
                #expect(try await store.organisations() == organisations)
                #expect(try await store.plans(organisationID: organisation.id) == [plan])
                #expect(try await store.planContents(id: plan.id, organisationID: organisation.id, fullHistory: true) == contents)
                #expect(try await store.measures(organisationID: organisation.id) == measures)
                let reread = try await store.migrationRows()
                #expect(reread.map(\.version) == migrations.map(\.version))
                #expect(reread.allSatisfy { $0.rows == 1 })
                #expect(try await store.count("schema_migrations") == Migrations.all.count)
                try await store.close()
            }

            // Writes after reopening carry on from the stored versions and ids.
            store = try await database.open()
            let edited = try await store.editAction(id: action.id, organisationID: organisation.id, expectedVersion: 2) {
                $0.title = "Edited after reopening"
            }
            #expect(edited.version == 3)
            let second = try await store.createPlan(try Fixture.draft(organisationID: organisation.id, title: "Second plan"))
            #expect(second.id > plan.id)
            #expect(try await store.measures(organisationID: organisation.id).count == 2)
            try await store.close()
        }
    }

    @Test("A database file whose schema is current opens fine, alongside another open store")
    func currentSchemaOpens() async throws {
        try await withDatabaseFile { database in
            let first = try await database.open()
            let (organisation, plan) = try await Fixture.seeded(first)
            // A second store (as a second process would) on the same, already migrated, file.
            let second = try await database.open()
            #expect(try await second.migrationRows().allSatisfy { $0.rows == 1 })
            #expect(try await second.plans(organisationID: organisation.id) == [plan])

            // A write through one is read through the other (WAL: readers see committed data).
            let action = try await first.action(ref: "2.1.2", planID: plan.id, organisationID: organisation.id)
            _ = try await first.editAction(id: action.id, organisationID: organisation.id, expectedVersion: 1) { $0.percentComplete = 5 }
            #expect(try await second.action(id: action.id, organisationID: organisation.id).action.percentComplete == 5)
            // And the other's stale edit is refused by the database's version, not by memory.
            await #expect(throws: StoreError.staleVersion(entity: "action", id: action.id, expected: 1, current: 2)) {
                try await second.editAction(id: action.id, organisationID: organisation.id, expectedVersion: 1) { $0.percentComplete = 9 }
            }
            try await second.close()
            try await first.close()
        }
    }

    @Test("Running the migrations on a current database changes nothing")
    func migrationsIdempotent() async throws {
        try await withDatabaseFile { database in
            let store = try await database.open()
            let before = try await store.gateway.read { db in
                try await db.raw("SELECT version, name, applied_at FROM schema_migrations ORDER BY version").all().map {
                    "\(try $0.decode(column: "version", as: Int.self)) \(try $0.decode(column: "name", as: String.self)) \(try $0.decode(column: "applied_at", as: String.self))"
                }
            }
            let gateway = try #require(store.gateway as? SQLiteGateway)
            #expect(gateway.path == database.path)
            try await store.close()

            // Straight onto the file, as the gateway does on opening.
            let reopened = try await SQLiteGateway.open(path: database.path)
            let after = try await reopened.read { db in
                try await db.raw("SELECT version, name, applied_at FROM schema_migrations ORDER BY version").all().map {
                    "\(try $0.decode(column: "version", as: Int.self)) \(try $0.decode(column: "name", as: String.self)) \(try $0.decode(column: "applied_at", as: String.self))"
                }
            }
            #expect(after == before)
            #expect(after.count == Migrations.all.count)
            try await reopened.close()
        }
    }

    // Serialized: SQLiteNIO runs its blocking calls on a shared pool of as many threads as cores, so
    // several pairs waiting on each other's locks at once could starve it (two processes would not).
    @Test("Two stores opening the same new database at once both succeed and migrate it once", .serialized, arguments: TestDatabase.all, 0..<5)
    func concurrentFirstOpen(database: TestDatabase, round: Int) async throws {
        try await withDatabaseFile(database) { database in
            async let a = outcome { try await database.open() }
            async let b = outcome { try await database.open() }
            let results = await [a, b]
            let stores = results.compactMap { try? $0.get() }
            for result in results {
                if case let .failure(error) = result { Issue.record("round \(round): opening failed: \(error)") }
            }
            for store in stores {
                #expect(try await store.migrationRows().map(\.rows) == Migrations.all.map { _ in 1 })
                try await store.close()
            }
        }
    }

    @Test("A file in a folder that does not exist yet is created")
    func createsFolder() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("oversight-store-tests-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("nested/oversight.sqlite").path
        let store = try await SQLStore.sqlite(path: path)
        _ = try await Fixture.organisation(store)
        try await store.close()
        #expect(FileManager.default.fileExists(atPath: path))
    }
}

