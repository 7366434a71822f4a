import ArgumentParser
import Core
import Foundation

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
    @Option(name: .long, help: ArgumentHelp("The SQLite database file (created if missing).", valueName: "path"))
    var db: String = "oversight.sqlite"
}
