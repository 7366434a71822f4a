import Core
import Foundation
import Logging
import SQLKit
import SQLiteKit
import SQLiteNIO

/// A consistent copy of a SQLite database that a server may be writing to, checked before it is
/// called a backup.
///
/// The copy is made with `VACUUM INTO`: one statement that reads the whole database inside one
/// read transaction, so it holds exactly what was committed when it began, whatever commits while
/// it runs (WAL lets the server go on writing meanwhile). SQLite's online backup API would do the
/// same, but SQLiteNIO does not expose it. The live database is opened without migrating it, so
/// a newer `oversight` never changes the schema of the database it backs up.
public enum SQLiteBackup {
    public struct Report: Sendable {
        public var path: String
        public var bytes: Int
        /// Every table of the copy with its rows, by name.
        public var rowCounts: [TableRows]
        /// `PRAGMA integrity_check`'s answer: ["ok"] for a sound file.
        public var integrity: [String]
        public var auditTrail: AuditVerification
        /// The highest migration the copy holds.
        public var schemaVersion: Int

        public var isSound: Bool {
            guard integrity == ["ok"], case .intact = auditTrail else { return false }
            return true
        }
    }

    public struct TableRows: Sendable, Hashable {
        public var table: String
        public var rows: Int
    }

    public enum Failure: Error, Equatable, CustomStringConvertible {
        case noDatabase(String)
        case targetExists(String)

        public var description: String {
            switch self {
            case let .noDatabase(path):
                "There is no database at \(path). Name the live database with --db."
            case let .targetExists(path):
                "There is already a file at \(path). Choose a new file name, or pass --force to replace it."
            }
        }
    }

    /// Copies the database at `source` to `target` and checks the copy: its integrity, its audit
    /// chain (with the same walk as `oversight audit verify`) and its rows per table. Refuses a
    /// `target` that exists unless `replacing`.
    public static func copy(databaseAt source: String, to target: String, replacing: Bool,
                            logger: Logger = Logger(label: "oversight.backup")) async throws -> Report {
        let files = FileManager.default
        guard files.fileExists(atPath: source) else { throw Failure.noDatabase(source) }
        if files.fileExists(atPath: target) {
            guard replacing else { throw Failure.targetExists(target) }
            // VACUUM INTO writes only to a file that does not exist (or is empty).
            for suffix in ["", "-wal", "-shm", "-journal"] { try? files.removeItem(atPath: target + suffix) }
        }
        let live = try await SQLiteConnection.open(storage: .file(path: source), logger: logger)
        do {
            let db = live.sql(queryLogLevel: nil)
            // A server's write may hold the lock for a moment as the read transaction starts.
            try await db.raw("PRAGMA busy_timeout = 5000").run()
            try await db.raw("VACUUM INTO \(bind: target)").run()
            try await live.close()
        } catch {
            try? await live.close()
            throw error
        }
        return try await check(copyAt: target)
    }

    /// Opens a copy as it is (no migrations) and reports what it holds and whether it is sound.
    public static func check(copyAt path: String) async throws -> Report {
        let gateway = try await SQLiteGateway.open(path: path, migrating: false)
        do {
            let store = SQLStore(gateway: gateway)
            let (integrity, counts, version) = try await gateway.read { db in
                let integrity = try await db.raw("PRAGMA integrity_check").all().map { try $0.decode(column: "integrity_check", as: String.self) }
                let tables = try await db.raw("""
                    SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name
                    """).all().map { try $0.string("name") }
                var counts: [TableRows] = []
                for table in tables {
                    let rows = try await db.raw("SELECT COUNT(*) AS n FROM \(ident: table)").first()?.int("n") ?? 0
                    counts.append(TableRows(table: table, rows: rows))
                }
                let version = try await db.raw("SELECT MAX(version) AS v FROM schema_migrations").first()?.optionalInt("v") ?? 0
                return (integrity, counts, version)
            }
            let audit = try await store.verifyAuditTrail()
            try await gateway.close()
            let bytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            return Report(path: path, bytes: bytes, rowCounts: counts, integrity: integrity, auditTrail: audit, schemaVersion: version)
        } catch {
            try? await gateway.close()
            throw error
        }
    }
}
