import Core
import Foundation
@testable import Store
import Testing

/// `oversight backup`'s copy: consistent while the server writes, checked, never over a file.
@Suite("Backing up a live SQLite database")
struct SQLiteBackupTests {
    @Test("A copy taken during 50 writes opens, verifies and holds every row committed before it began")
    func backupDuringWrites() async throws {
        try await withDatabaseFile { file in
            let target = TemporaryDatabase()
            defer { target.remove() }
            let server = try await file.open()
            let (organisation, plan) = try await Fixture.seeded(server)
            let area = try await server.action(ref: "1.1.1", planID: plan.id, organisationID: organisation.id).areaID
            let before = (actions: try await server.count("actions"), audit: try await server.count("audit_log"))
            let report = try await withThrowingTaskGroup(of: SQLiteBackup.Report?.self) { group in
                for i in 0..<50 {
                    group.addTask {
                        _ = try await server.createAction(Action(areaID: area, ref: "7.\(i)", title: "Written during the backup \(i)"),
                                                          organisationID: organisation.id)
                        return nil
                    }
                }
                group.addTask { try await SQLiteBackup.copy(databaseAt: file.path, to: target.path, replacing: false) }
                var report: SQLiteBackup.Report?
                for try await result in group { if let result { report = result } }
                return try #require(report)
            }
            #expect(report.isSound)
            #expect(report.integrity == ["ok"])
            let rows = Dictionary(uniqueKeysWithValues: report.rowCounts.map { ($0.table, $0.rows) })
            let copiedActions = try #require(rows["actions"])
            #expect(copiedActions >= before.actions && copiedActions <= before.actions + 50)
            #expect(try #require(rows["audit_log"]) >= before.audit)
            #expect(report.auditTrail == .intact(entries: try #require(rows["audit_log"])))
            #expect(report.schemaVersion == Migrations.latestVersion)
            #expect(report.bytes > 0)
            try await server.close()

            // The copy is a database Oversight opens as it is, with the plan in it.
            let copy = try await target.open()
            #expect(try await copy.planContents(id: plan.id, organisationID: organisation.id, fullHistory: false).actions.count == copiedActions)
            try await copy.close()
        }
    }

    @Test("An existing file is refused, and replaced only when asked")
    func existingTarget() async throws {
        try await withDatabaseFile { file in
            let target = TemporaryDatabase()
            defer { target.remove() }
            let server = try await file.open()
            _ = try await Fixture.seeded(server)
            try Data("keep me".utf8).write(to: URL(fileURLWithPath: target.path))
            await #expect(throws: SQLiteBackup.Failure.targetExists(target.path)) {
                _ = try await SQLiteBackup.copy(databaseAt: file.path, to: target.path, replacing: false)
            }
            #expect(try String(contentsOfFile: target.path, encoding: .utf8) == "keep me")
            let report = try await SQLiteBackup.copy(databaseAt: file.path, to: target.path, replacing: true)
            #expect(report.isSound)
            await #expect(throws: SQLiteBackup.Failure.noDatabase("/nonexistent/oversight.sqlite")) {
                _ = try await SQLiteBackup.copy(databaseAt: "/nonexistent/oversight.sqlite", to: target.path + "-2", replacing: false)
            }
            try await server.close()
        }
    }

    @Test("A copy whose audit trail was tampered with is reported as unsound")
    func tamperedCopy() async throws {
        try await withDatabaseFile { file in
            let target = TemporaryDatabase()
            defer { target.remove() }
            let server = try await file.open()
            _ = try await Fixture.seeded(server)
            try await server.close()
            _ = try await SQLiteBackup.copy(databaseAt: file.path, to: target.path, replacing: false)
            let copy = try await target.open()
            try await copy.gateway.write { db in
                try await db.raw("DROP TRIGGER audit_log_no_update").run()
                try await db.raw("UPDATE audit_log SET actor = 'someone else' WHERE id = 1").run()
            }
            try await copy.close()
            let report = try await SQLiteBackup.check(copyAt: target.path)
            #expect(!report.isSound)
            #expect(report.auditTrail == .broken(entryID: 1, reason: "its contents do not match its hash (the entry was changed)"))
        }
    }
}
