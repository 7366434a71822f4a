import ArgumentParser
import Foundation
import Store

/// `oversight migrate`: moving a council's SQLite database to another database, checked.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Copy an SQLite database into a new, empty database, then check the copy.",
        discussion: """
            Copies every organisation, plan, measure, board, person (without their sessions), \
            token, audit entry and analysis run, keeping every id, in one transaction of the \
            target. The target is a new SQLite file or an empty PostgreSQL database \
            (postgres://user@host:port/database), which is migrated first. Refuses a target that \
            holds any of these already. Afterwards checks that every \
            table has as many rows as the source and that the target's audit trail verifies, and \
            prints the counts. Stop the servers using the source first: what is written to it \
            during the copy is not copied. Signed-in sessions, sign-ins under way, reset links and \
            held uploads are not copied: people sign in again.
            """
    )

    @Option(help: ArgumentHelp("The SQLite database to copy from.", valueName: "path"))
    var from: String

    @Option(help: ArgumentHelp(
        "The new database to copy into: a PostgreSQL database (postgres://user@host:port/database, created empty beforehand) or an SQLite file that does not exist yet.",
        valueName: "url-or-path"))
    var to: String

    func run() async throws {
        guard FileManager.default.fileExists(atPath: from) else {
            throw ValidationError("There is no database at \(from).")
        }
        // A PostgreSQL target exists before the copy (an operator creates it); the copy refuses it
        // unless it is empty.
        if !PostgresLocation.isAddress(to), FileManager.default.fileExists(atPath: to) {
            throw ValidationError("\(to) exists already. Name a new file: a copy never goes into an existing database.")
        }
        let source = try await SQLStore.sqlite(path: from)
        let target: SQLStore
        do {
            target = try await SQLStore.open(to)
        } catch {
            try? await source.close()
            throw error
        }
        do {
            let report = try await DatabaseCopy.copy(from: source, to: target)
            try await source.close()
            try await target.close()
            let width = report.tables.map(\.table.count).max() ?? 5
            print("Copied \(from) to \(SQLStore.displayName(of: to)):")
            for count in report.tables {
                print("  \(count.table.padding(toLength: width, withPad: " ", startingAt: 0))  \(count.target)")
            }
            print("Every table has the same number of rows in both; the audit trail verifies (\(report.auditEntries) entries).")
        } catch let failure as DatabaseCopy.Failure {
            try? await source.close()
            try? await target.close()
            switch failure {
            case .targetNotEmpty, .schemaDiffers, .sourceNotSQLite: print("Not copied: \(failure)")
            case .countsDiffer, .auditChainBroken: print("The copy did not pass its check; do not use \(SQLStore.displayName(of: to)). \(failure)")
            }
            throw ExitCode(1)
        } catch {
            try? await source.close()
            try? await target.close()
            throw error
        }
    }
}
