import ArgumentParser
import Core
import Foundation
import Store

struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the database while the server runs, and check the copy.",
        discussion: """
            Makes a consistent copy of a SQLite database with VACUUM INTO (the database as it \
            stood when the copy began, whatever the server commits meanwhile), then opens the copy \
            and checks it: PRAGMA integrity_check, the audit trail's hash chain (as oversight audit \
            verify does), and the rows in each table, which it prints. The live database is not \
            migrated or changed. Exits 0 when the copy is sound and 1 otherwise.

            For a PostgreSQL database (--db postgres://…) it prints the pg_dump command to use.

            Restore: see "Backups and restore" in docs/operations.md.

            Example:
              oversight backup --db /var/lib/oversight/oversight.sqlite --to /backups/oversight-2026-12-04.sqlite
            """
    )

    @Option(name: .long, help: ArgumentHelp("The live database: a SQLite file, or a postgres:// URL.", valueName: "path"))
    var db: String = DatabaseOptions.defaultDatabase

    @Option(name: .long, help: ArgumentHelp("The file to write the copy to; it must not exist yet.", valueName: "file"))
    var to: String

    @Flag(name: .long, help: "Replace the file named by --to if it exists.")
    var force = false

    func run() async throws {
        if let instructions = Self.postgresInstructions(url: db, to: to) {
            FileHandle.standardError.write(Data(instructions.utf8))
            throw ExitCode(1)
        }
        let report: SQLiteBackup.Report
        do {
            report = try await SQLiteBackup.copy(databaseAt: db, to: to, replacing: force)
        } catch let failure as SQLiteBackup.Failure {
            throw ValidationError(failure.description)
        }
        print(Self.text(of: report, from: db))
        guard report.isSound else {
            FileHandle.standardError.write(Data("The copy at \(report.path) did not pass its checks: do not rely on it.\n".utf8))
            throw ExitCode(1)
        }
    }

    /// For a PostgreSQL URL, what to run instead; nil for a SQLite file. A password in the URL is
    /// not repeated: pg_dump reads it from PGPASSWORD or ~/.pgpass.
    static func postgresInstructions(url: String, to: String) -> String? {
        guard PostgresLocation.isAddress(url) else { return nil }
        var shown = url
        if var components = URLComponents(string: url), components.password != nil {
            components.password = nil
            shown = components.string ?? url
        }
        return """
            oversight backup copies SQLite databases. For PostgreSQL, use PostgreSQL's own tool, which \
            takes a consistent snapshot while the servers run:

              pg_dump --format=custom --file '\(to)' '\(shown)'

            Restore into an empty database with: pg_restore --dbname '<url>' '\(to)'
            Give the password in PGPASSWORD or ~/.pgpass rather than in the URL.

            """
    }

    static func text(of report: SQLiteBackup.Report, from source: String) -> String {
        let width = report.rowCounts.map(\.table.count).max() ?? 0
        var lines = [
            "Copied \(source) to \(report.path) with VACUUM INTO: \(ByteCountFormatter.string(fromByteCount: Int64(report.bytes), countStyle: .file)) (\(report.bytes) bytes), schema at migration \(report.schemaVersion).",
            "Rows in the copy:",
        ]
        for count in report.rowCounts {
            lines.append("  " + count.table.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + String(count.rows))
        }
        lines.append("Integrity check: " + report.integrity.joined(separator: "; "))
        switch report.auditTrail {
        case let .intact(entries):
            lines.append("Audit trail: intact, \(entries) entr\(entries == 1 ? "y" : "ies") checked.")
        case let .broken(id, reason):
            lines.append("Audit trail: broken at entry \(id): \(reason).")
        }
        return lines.joined(separator: "\n")
    }
}
