import Core
import Foundation
import SQLKit
import SQLiteNIO

/// Moving a council's SQLite database to another database (PostgreSQL, or a new SQLite file):
/// every table but the transient ones, row for row with the same ids, in one transaction of the
/// target, then checked — the same number of rows in every table and an audit chain that still
/// verifies. The target must be empty: a copy never merges into existing data.
public enum DatabaseCopy {
    /// Tables not copied: what is kept only for minutes or hours and means nothing on another
    /// database (signed-in sessions, sign-ins under way, one-time reset links, held uploads,
    /// background job leases, the sign-in rate limit's recent attempts), and the target's own
    /// migration record.
    public static let notCopied: Set<String> = [
        "schema_migrations", "sessions", "sso_pending_sign_ins", "password_resets", "import_uploads", "job_leases",
        "sign_in_attempts",
    ]

    /// One table's rows in the source and, after the copy, in the target.
    public struct TableCount: Sendable, Equatable {
        public var table: String
        public var source: Int
        public var target: Int
    }

    public struct Report: Sendable {
        public var tables: [TableCount]
        public var auditEntries: Int
    }

    public enum Failure: Error, Equatable, CustomStringConvertible {
        case targetNotEmpty(table: String, rows: Int)
        case schemaDiffers(source: [Int], target: [Int])
        case countsDiffer([TableCount])
        case auditChainBroken(String)
        case sourceNotSQLite

        public var description: String {
            switch self {
            case let .targetNotEmpty(table, rows):
                "The target database is not empty: its table \(table) has \(rows) row\(rows == 1 ? "" : "s"). Copy into a new, empty database; nothing was copied."
            case let .schemaDiffers(source, target):
                "The two databases are at different migrations (source up to \(source.max() ?? 0), target up to \(target.max() ?? 0)). Run the same Oversight on both; nothing was copied."
            case let .countsDiffer(counts):
                "After the copy the row counts differ: " + counts.map { "\($0.table) \($0.source) in the source, \($0.target) in the target" }.joined(separator: "; ")
            case let .auditChainBroken(reason):
                "After the copy the target's audit trail does not verify: \(reason)"
            case .sourceNotSQLite:
                "The database to copy from must be an SQLite file; to copy a PostgreSQL database use pg_dump and pg_restore. Nothing was copied."
            }
        }
    }

    /// Copies `source` (an SQLite database) into the empty `target`. Throws before writing when
    /// the target is not empty or at another migration; the copy itself is one transaction.
    public static func copy(from source: SQLStore, to target: SQLStore) async throws -> Report {
        // The rows are read as SQLite's own values; a PostgreSQL source would read as nothing.
        guard try await source.gateway.read({ SQLFlavour($0) }) == .sqlite else { throw Failure.sourceNotSQLite }
        let sourceVersions = try await migrations(source)
        let targetVersions = try await migrations(target)
        guard sourceVersions == targetVersions else { throw Failure.schemaDiffers(source: sourceVersions, target: targetVersions) }
        let tables = try await tablesInOrder(source)
        for table in tables {
            let rows = try await count(target, table)
            if rows > 0 { throw Failure.targetNotEmpty(table: table, rows: rows) }
        }

        // Read everything first: the source is read in one read, so what is copied is one
        // moment of it even if a server is still writing to it.
        let contents: [(table: String, columns: [String], rows: [[SQLiteData]])] = try await source.gateway.read { db in
            var contents: [(table: String, columns: [String], rows: [[SQLiteData]])] = []
            for table in tables {
                let columns = try await db.raw("SELECT name FROM pragma_table_info(\(bind: table)) ORDER BY cid").all()
                    .map { try $0.decode(column: "name", as: String.self) }
                let rows = try await db.raw("SELECT * FROM \(ident: table) ORDER BY rowid").all().map { row in
                    columns.map { (row as? StoredRow)?.row.column($0) ?? .null }
                }
                contents.append((table, columns, rows))
            }
            return contents
        }

        try await target.gateway.write { db in
            for (table, columns, rows) in contents where !rows.isEmpty {
                // A few hundred values a statement: well inside both databases' limits on binds.
                let batch = max(1, 2_000 / max(1, columns.count))
                var start = 0
                while start < rows.count {
                    let slice = rows[start..<min(rows.count, start + batch)]
                    try await db.execute(sql: insert(table: table, columns: columns, rows: Array(slice))) { _ in }
                    start += batch
                }
            }
            // PostgreSQL's identity columns do not move on inserts that name the id: set each to
            // follow the highest copied id, so a new row never takes a copied row's id.
            if SQLFlavour(db) == .postgres {
                for (table, columns, rows) in contents where columns.contains("id") && !rows.isEmpty {
                    try await db.raw("""
                        SELECT setval(pg_get_serial_sequence(\(bind: table), 'id'), (SELECT MAX(id) FROM \(ident: table)))
                        """).run()
                }
            }
        }

        var counts: [TableCount] = []
        for (table, _, rows) in contents {
            counts.append(TableCount(table: table, source: rows.count, target: try await count(target, table)))
        }
        let differing = counts.filter { $0.source != $0.target }
        guard differing.isEmpty else { throw Failure.countsDiffer(differing) }
        switch try await target.verifyAuditTrail() {
        case let .intact(entries):
            return Report(tables: counts, auditEntries: entries)
        case let .broken(entryID, reason):
            throw Failure.auditChainBroken("entry \(entryID): \(reason)")
        }
    }

    /// `INSERT INTO table (columns) VALUES (…), (…)` with every value bound, nulls written as NULL
    /// (an untyped null is accepted by every column type on both databases).
    static func insert(table: String, columns: [String], rows: [[SQLiteData]]) -> SQLQueryString {
        var sql = SQLQueryString("INSERT INTO \(ident: table) (")
        sql.appendInterpolation(SQLList(columns.map { SQLIdentifier($0) }))
        sql.appendLiteral(") VALUES ")
        for (index, row) in rows.enumerated() {
            sql.appendLiteral(index == 0 ? "(" : ", (")
            for (position, value) in row.enumerated() {
                if position > 0 { sql.appendLiteral(", ") }
                switch value {
                case let .integer(number): sql.appendInterpolation(bind: Int64(number))
                case let .float(number): sql.appendInterpolation(bind: number)
                case let .text(text): sql.appendInterpolation(bind: text)
                case let .blob(buffer): sql.appendInterpolation(bind: Data(buffer.readableBytesView))
                case .null: sql.appendLiteral("NULL")
                }
            }
            sql.appendLiteral(")")
        }
        return sql
    }

    static func migrations(_ store: SQLStore) async throws -> [Int] {
        try await store.gateway.read { db in
            try await db.raw("SELECT version FROM schema_migrations ORDER BY version").all().map { try $0.int("version") }
        }
    }

    static func count(_ store: SQLStore, _ table: String) async throws -> Int {
        try await store.gateway.read { db in
            guard let row = try await db.raw("SELECT COUNT(*) AS n FROM \(ident: table)").first() else { return 0 }
            return try row.int("n")
        }
    }

    /// The source's tables, each after the tables its foreign keys point to, so every row's
    /// references exist when it is inserted.
    static func tablesInOrder(_ source: SQLStore) async throws -> [String] {
        try await source.gateway.read { db in
            let names = try await db.raw("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all()
                .map { try $0.decode(column: "name", as: String.self) }
                .filter { !notCopied.contains($0) }
            var references: [String: Set<String>] = [:]
            for name in names {
                let parents = try await db.raw("SELECT \"table\" AS parent FROM pragma_foreign_key_list(\(bind: name))").all()
                    .map { try $0.decode(column: "parent", as: String.self) }
                references[name] = Set(parents).subtracting([name]).intersection(names)
            }
            var ordered: [String] = []
            var placed: Set<String> = []
            // Names are sorted, so the order is the same on every run; a cycle (none today)
            // falls back to name order rather than looping.
            while ordered.count < names.count {
                let ready = names.filter { !placed.contains($0) && (references[$0] ?? []).isSubset(of: placed) }
                let next = ready.isEmpty ? names.filter { !placed.contains($0) } : ready
                for name in next { ordered.append(name); placed.insert(name) }
            }
            return ordered
        }
    }
}
