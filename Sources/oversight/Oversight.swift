import ArgumentParser
import Core
import Foundation
import Store

@main
struct Oversight: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "oversight",
        abstract: "Improvement plans, KPIs and boards for children's services.",
        discussion: """
            Oversight keeps a council's improvement plan, its KPIs and the ratings that explain them \
            in one place, served as web pages and a JSON API.

            Start with the demo:  oversight serve --demo
            """,
        subcommands: [Serve.self, UserCommand.self, TokenCommand.self, SSOCommand.self, ImportCommand.self, Export.self, MeetingCommand.self, BoardCommand.self, Generate.self, CalendarCommand.self, AuditCommand.self, BackupCommand.self, MigrateCommand.self, MeasuresCommand.self, CrashReportSettings.self, PagesCommand.self]
    )

    static func main() async {
        CrashReports.restartWithSanitisedSettingsIfNeeded()
        // Every change a command makes is audited as the operator's; the server's requests set
        // their own actor, the signed-in person.
        let host = ProcessInfo.processInfo.hostName
        await AuditActor.$current.withValue(.commandLine(account: "\(ProcessInfo.processInfo.userName)@\(host)")) {
            await main(nil)
        }
    }
}

/// Where the database is: the same option on every command that reads or writes it.
struct DatabaseOptions: ParsableArguments {
    // Optional rather than defaulted: the parser prints a default in --help, and the
    // environment's address may hold the database password.
    @Option(name: .customLong("db"), help: ArgumentHelp(
        "The SQLite database file (created if missing), or a PostgreSQL database: postgres://user@host:port/database. Default: $OVERSIGHT_DATABASE_URL, else oversight.sqlite.",
        valueName: "path-or-url"))
    var given: String?

    /// The database to open: `--db`, else the environment's, else `oversight.sqlite`.
    var db: String { given ?? Self.defaultDatabase }

    /// The environment's database, so a server's password need not be on its command line.
    static var defaultDatabase: String {
        let configured = ProcessInfo.processInfo.environment["OVERSIGHT_DATABASE_URL"] ?? ""
        return configured.isEmpty ? "oversight.sqlite" : configured
    }

    /// Whether the database is there to read: an SQLite file that exists, or any PostgreSQL
    /// address (opening it says whether the server and database are there).
    var exists: Bool { PostgresLocation.isAddress(db) || FileManager.default.fileExists(atPath: db) }

    /// The database as messages show it: never the password.
    var shown: String { SQLStore.displayName(of: db) }
}
