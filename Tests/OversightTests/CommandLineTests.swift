import Core
import Foundation
import SQLKit
import Demo
import Store
import Testing

/// Runs the `oversight` executable built beside the tests.
struct Command {
    static var executable: URL {
        // The test bundle and the executable are built into the same folder.
        var folder = Bundle.main.bundleURL
        while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("oversight").path), folder.path != "/" {
            folder.deleteLastPathComponent()
        }
        return folder.appendingPathComponent("oversight")
    }

    /// Runs the command with `arguments`, writing `input` (if any) to its standard input.
    static func run(_ arguments: [String], input: String? = nil, environment: [String: String] = [:]) throws -> (status: Int32, output: String, error: String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new } }
        let out = Pipe(), err = Pipe(), inPipe = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = inPipe
        try process.run()
        // A command that exits before reading must not kill the test run with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        if let input { inPipe.fileHandleForWriting.write(Data(input.utf8)) }
        try inPipe.fileHandleForWriting.close()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let error = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self), String(decoding: error, as: UTF8.self))
    }
}

@Suite("oversight command line")
struct CommandLineTests {
    @Test("The database address in OVERSIGHT_DATABASE_URL is used, and its password is never printed: not in --help, not when the server cannot be reached")
    func databaseFromTheEnvironment() throws {
        // Port 1 on this machine: nothing listens, so the command fails at once.
        let environment = ["OVERSIGHT_DATABASE_URL": "postgres://oversight:hunter2-not-shown@127.0.0.1:1/oversight?sslmode=disable"]
        let help = try Command.run(["user", "list", "--help"], environment: environment)
        #expect(help.status == 0)
        #expect(help.output.contains("OVERSIGHT_DATABASE_URL"))
        #expect(!(help.output + help.error).contains("hunter2"), "\(help.output)")
        let listed = try Command.run(["user", "list"], environment: environment)
        #expect(listed.status != 0)
        #expect(listed.error.contains("postgres://oversight@127.0.0.1:1/oversight") || listed.error.contains("oversight on 127.0.0.1:1"), "\(listed.error)")
        #expect(!(listed.output + listed.error).contains("hunter2"), "\(listed.error)")
    }

    func temporaryDatabase() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("oversight-cli-\(UUID().uuidString).sqlite").path
    }

    func removeDatabase(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    @Test("help is written for every subcommand", arguments: [
        ["--help"], ["help", "serve"], ["help", "export"], ["help", "export", "plan"], ["help", "generate", "plan"],
        ["help", "user"], ["help", "user", "add"], ["help", "token", "create"], ["help", "token", "revoke"],
        ["help", "calendar"], ["help", "calendar", "deadline"], ["help", "calendar", "working-days"], ["help", "calendar", "holidays"],
    ])
    func help(arguments: [String]) throws {
        let result = try Command.run(arguments)
        #expect(result.status == 0)
        #expect(result.output.contains("USAGE: oversight"))
    }

    @Test("serve's help says it listens on 127.0.0.1 and what --demo does")
    func serveHelp() throws {
        let result = try Command.run(["help", "serve"])
        #expect(result.output.contains("127.0.0.1"))
        #expect(result.output.contains("--demo"))
        #expect(result.output.contains("--db"))
    }

    @Test("export plan writes CSV with one row per action and JSON with every action")
    func exportPlan() async throws {
        let db = temporaryDatabase()
        defer { removeDatabase(db) }
        let store = try await SQLStore.sqlite(path: db)
        let outcome = try await DemoLoading.load(into: store, asAt: Day(2026, 11, 23))
        let plan = try #require(outcome.addedPlan)
        let actionCount = try await store.planContents(id: plan.id, organisationID: outcome.organisation.id, fullHistory: false).actions.count
        try await store.close()

        let csv = try Command.run(["export", "plan", String(plan.id), "--db", db, "--format", "csv", "--as-at", "2026-11-23"])
        #expect(csv.status == 0, "\(csv.error)")
        #expect(csv.output.hasPrefix("\u{FEFF}"))
        #expect(csv.output.contains("Ref"))
        #expect(csv.output.contains("Overdue"))

        let json = try Command.run(["export", "plan", String(plan.id), "--db", db, "--format", "json"])
        #expect(json.status == 0, "\(json.error)")
        let object = try JSONSerialization.jsonObject(with: Data(json.output.utf8))
        let text = String(describing: object)
        #expect(text.contains(plan.title))
        // Every action's ref appears in the JSON.
        let reopened = try await SQLStore.sqlite(path: db)
        let refs = try await reopened.planContents(id: plan.id, organisationID: outcome.organisation.id, fullHistory: false).actions.map(\.ref)
        try await reopened.close()
        #expect(refs.count == actionCount)
        for ref in refs { #expect(json.output.contains("\"\(ref)\"")) }
    }

    @Test("export refuses a missing plan, a missing database and a bad date with a clear message")
    func exportErrors() async throws {
        let db = temporaryDatabase()
        defer { removeDatabase(db) }
        let missingDatabase = try Command.run(["export", "plan", "1", "--db", db + ".absent"])
        #expect(missingDatabase.status != 0)
        #expect(missingDatabase.error.contains("There is no database"))

        let store = try await SQLStore.sqlite(path: db)
        _ = try await DemoLoading.load(into: store, asAt: Day(2026, 11, 23))
        try await store.close()
        let missingPlan = try Command.run(["export", "plan", "999", "--db", db])
        #expect(missingPlan.status != 0)
        #expect(missingPlan.error.contains("There is no plan 999"))
        let badDate = try Command.run(["export", "plan", "1", "--db", db, "--as-at", "31/03/2024"])
        #expect(badDate.status != 0)
        #expect(badDate.error.contains("YYYY-MM-DD"))
    }

    @Test("the demo loads once: a second load adds nothing")
    func demoOnce() async throws {
        let db = temporaryDatabase()
        defer { removeDatabase(db) }
        let store = try await SQLStore.sqlite(path: db)
        let first = try await DemoLoading.load(into: store, asAt: Day(2026, 11, 23))
        let second = try await DemoLoading.load(into: store, asAt: Day(2026, 11, 24))
        #expect(first.addedPlan != nil)
        #expect(second.addedPlan == nil)
        #expect(try await store.plans(organisationID: first.organisation.id).count == 1)
        #expect(try await store.organisations().count == 1)
        let measures = try await store.measures(organisationID: first.organisation.id)
        #expect(measures.count == Set(measures.map(\.code)).count)
        try await store.close()
    }

    @Test("generate plan stores a synthetic plan of the size asked for")
    func generatePlan() async throws {
        let db = temporaryDatabase()
        defer { removeDatabase(db) }
        let result = try Command.run(["generate", "plan", "--db", db, "--actions", "25", "--measures", "5"])
        #expect(result.status == 0, "\(result.error)")
        let id = try #require(Int64(result.output.trimmingCharacters(in: .whitespacesAndNewlines)))
        let store = try await SQLStore.sqlite(path: db)
        let org = try #require(try await store.organisation(named: "Synthetic Council"))
        #expect(try await store.planContents(id: id, organisationID: org.id, fullHistory: false).actions.count == 25)
        #expect(try await store.measures(organisationID: org.id).count == 5)
        try await store.close()
    }

    @Test("audit verify passes on a fresh trail, fails naming the entry after tampering, and export writes CSV")
    func auditVerifyAndExport() async throws {
        let db = temporaryDatabase()
        defer { removeDatabase(db) }
        #expect(try Command.run(["generate", "plan", "--db", db, "--actions", "5", "--measures", "2"]).status == 0)
        let intact = try Command.run(["audit", "verify", "--db", db])
        #expect(intact.status == 0, "\(intact.error)")
        #expect(intact.output.hasPrefix("The audit trail is intact: "))

        let export = try Command.run(["audit", "export", "--db", db])
        #expect(export.status == 0, "\(export.error)")
        #expect(export.output.hasPrefix("\u{FEFF}entry,when,who,from,what,which,change,before,after,hash"))
        #expect(export.output.contains(",plan,"))

        let store = try await SQLStore.sqlite(path: db)
        try await store.gateway.write { db in
            try await db.raw("DROP TRIGGER audit_log_no_update").run()
            try await db.raw("UPDATE audit_log SET actor = 'Someone Else' WHERE id = 2").run()
        }
        try await store.close()
        let broken = try Command.run(["audit", "verify", "--db", db])
        #expect(broken.status == 1)
        #expect(broken.error.contains("broken at entry 2"))
    }

    // MARK: calendar

    @Test("calendar deadline: day 45 from Thu 28 March 2024 is 5 Jun (statutory) or 4 Jun (peer)", arguments: [
        ([] as [String], "2024-06-05"), (["--convention", "statutory"], "2024-06-05"), (["--convention", "peer"], "2024-06-04"),
    ])
    func calendarDeadline(convention: [String], expected: String) throws {
        let iso = try Command.run(["calendar", "deadline", "--from", "2024-03-28", "--working-days", "45", "--format", "iso"] + convention)
        #expect(iso.status == 0, "\(iso.error)")
        #expect(iso.output == expected + "\n")
    }

    @Test("calendar deadline in words names the day, the convention and the bank holidays skipped")
    func calendarDeadlineText() throws {
        let result = try Command.run(["calendar", "deadline", "--from", "2024-03-28", "--working-days", "45"])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.hasPrefix("Wed 5 June 2024 (2024-06-05)\n"))
        #expect(result.output.contains("statutory"))
        #expect(result.output.contains("Good Friday"))
        #expect(result.output.contains("Easter Monday"))
    }

    @Test("calendar working-days counts so that within 45 means 45 or fewer", arguments: [
        ("2024-06-05", "statutory", "45"), ("2024-06-06", "statutory", "46"),
        ("2024-06-04", "peer", "45"), ("2024-06-05", "peer", "46"),
    ])
    func calendarWorkingDays(to: String, convention: String, expected: String) throws {
        let result = try Command.run(["calendar", "working-days", "--from", "2024-03-28", "--to", to,
                                      "--convention", convention, "--format", "number"])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output == expected + "\n")
    }

    @Test("calendar holidays lists a year's bank holidays, and closure files are read")
    func calendarHolidaysAndClosures() throws {
        let holidays = try Command.run(["calendar", "holidays", "--year", "2020", "--format", "csv"])
        #expect(holidays.status == 0, "\(holidays.error)")
        #expect(holidays.output.contains("2020-05-08,"))
        #expect(!holidays.output.contains("2020-05-04"))
        #expect(holidays.output.split(separator: "\n").count == 8)

        let file = FileManager.default.temporaryDirectory.appendingPathComponent("closures-\(UUID().uuidString).txt")
        defer { try? FileManager.default.removeItem(at: file) }
        try "# council closure\n2024-12-27,Council closure\n2024-12-30\n2024-12-31\n".write(to: file, atomically: true, encoding: .utf8)
        let deadline = try Command.run(["calendar", "deadline", "--from", "2024-12-20", "--working-days", "5",
                                        "--closures", file.path, "--format", "iso"])
        #expect(deadline.status == 0, "\(deadline.error)")
        #expect(deadline.output == "2025-01-06\n")

        try "2024-12-27,Council closure\n27/12/2024\n".write(to: file, atomically: true, encoding: .utf8)
        let bad = try Command.run(["calendar", "deadline", "--from", "2024-12-20", "--working-days", "5", "--closures", file.path])
        #expect(bad.status != 0)
        #expect(bad.error.contains("line 2"))
        #expect(bad.error.contains("YYYY-MM-DD"))
    }

    @Test("calendar refuses a bad date naming the option and the form expected", arguments: [
        ["calendar", "deadline", "--from", "28/03/2024", "--working-days", "45"],
        ["calendar", "working-days", "--from", "2024-03-28", "--to", "2024-6-5"],
    ])
    func calendarBadDate(arguments: [String]) throws {
        let result = try Command.run(arguments)
        #expect(result.status != 0)
        #expect(result.error.contains(arguments.contains("28/03/2024") ? "--from" : "--to"))
        #expect(result.error.contains("YYYY-MM-DD"))
        #expect(result.output.isEmpty)
    }
}
