import ArgumentParser
import Core
import Foundation
import Reports
import Store
import Web

struct MeetingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "meeting",
        abstract: "Write a meeting's board pack or minutes to a file.",
        discussion: "The meeting's id is in its address, /meetings/ID; `oversight board list` shows each board's next meeting.",
        subcommands: [MeetingPack.self, MeetingMinutes.self]
    )
}

/// What both commands take: where the meeting is, and what to write where.
struct PaperOptions: ParsableArguments {
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case html, docx
    }

    @OptionGroup var database: DatabaseOptions

    @Argument(help: "The meeting's id (shown in its address, /meetings/ID).")
    var id: Int64

    @Option(help: "html (print-ready, one file with its styles) or docx (a Word board paper for the committee system).")
    var format: Format

    @Option(help: ArgumentHelp("The file to write.", valueName: "file"))
    var out: String

    @Option(help: ArgumentHelp("The organisation the meeting belongs to, when the database holds several.", valueName: "name"))
    var organisation: String?

    @Flag(help: "Leave out exempt papers and the narrative of exempt minutes (Schedule 12A), for publishing.")
    var `public` = false

    @Flag(help: "Print to standard error how long reading, building and writing took.")
    var timing = false

    /// Opens the database and finds the organisation that holds the meeting.
    func withMeeting<T>(_ body: (SQLStore, Organisation) async throws -> T) async throws -> T {
        guard database.exists else {
            throw ValidationError("There is no database at \(database.shown). Name one with --db.")
        }
        let store = try await SQLStore.open(database.db)
        let organisations = try await store.organisations()
        let candidates = organisation.map { name in organisations.filter { $0.name == name } } ?? organisations
        for org in candidates {
            guard (try? await store.meeting(id: id, organisationID: org.id)) != nil else { continue }
            do {
                let result = try await body(store, org)
                try await store.close()
                return result
            } catch {
                try? await store.close()
                throw error
            }
        }
        try await store.close()
        throw ValidationError("There is no meeting \(id) in \(database.shown)" + (organisation.map { " for \($0)" } ?? "") + ".")
    }

    func report(_ what: String, timings: [(String, Duration)]) {
        FileHandle.standardError.write(Data("Wrote \(what) as \(format.rawValue) to \(out).\n".utf8))
        guard timing else { return }
        let line = timings.map { "\($0.0) \(Self.milliseconds($0.1)) ms" }.joined(separator: ", ")
        FileHandle.standardError.write(Data("timing: \(line)\n".utf8))
    }

    static func milliseconds(_ duration: Duration) -> String {
        String(format: "%.1f", Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15)
    }
}

struct MeetingPack: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pack",
        abstract: "Write a meeting's board pack: cover and agenda, last minutes, action log, progress reports and KPI scorecards.",
        discussion: """
            The same pack as the page /meetings/ID/pack, rated as at the meeting's date (or today for a \
            meeting still to come). Exempt papers are included, marked "not for publication", unless \
            --public leaves them out.
            """
    )

    @OptionGroup var options: PaperOptions

    func run() async throws {
        let clock = ContinuousClock()
        var timings: [(String, Duration)] = []
        let write: (BoardPack, String, URL) throws -> Void
        switch options.format {
        case .html:
            // The server loads its templates once at start; here they are timed apart from the pack.
            let papers = try await timed(clock, "loading templates", &timings) { try await BoardPapers.load() }
            write = { try Data(papers.packHTML($0, organisationName: $1).utf8).write(to: $2) }
        case .docx:
            write = { pack, _, url in try BoardPackDocument.write(pack, to: url) }
        }
        let started = clock.now
        let (pack, organisationName) = try await options.withMeeting { store, organisation in
            try await timed(clock, "reading and building the pack", &timings) {
                (try await BoardPack.assemble(meetingID: options.id, store: store, organisationID: organisation.id, today: Day.today(),
                                              showExempt: !options.public), organisation.name)
            }
        }
        try await timed(clock, "writing the \(options.format.rawValue)", &timings) {
            try write(pack, organisationName, URL(fileURLWithPath: options.out))
        }
        timings.append(("pack built in", clock.now - started))
        options.report("the pack of meeting \(options.id)", timings: timings)
    }
}

struct MeetingMinutes: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "minutes",
        abstract: "Write a meeting's minutes: attendance, numbered minutes with resolutions, action points raised.",
        discussion: "Draft minutes say \"Draft\" on every page. A meeting not yet held has no minutes; the file says so."
    )

    @OptionGroup var options: PaperOptions

    func run() async throws {
        let clock = ContinuousClock()
        let write: (BoardMinutes, String, URL) throws -> Void
        switch options.format {
        case .html:
            let papers = try await BoardPapers.load()
            write = { try Data(papers.minutesHTML($0, organisationName: $1).utf8).write(to: $2) }
        case .docx:
            write = { minutes, _, url in try MinutesDocument.write(minutes, to: url) }
        }
        let started = clock.now
        let (minutes, organisationName) = try await options.withMeeting { store, organisation in
            (try await BoardMinutes.assemble(meetingID: options.id, store: store, organisationID: organisation.id, showExempt: !options.public),
             organisation.name)
        }
        try write(minutes, organisationName, URL(fileURLWithPath: options.out))
        options.report("the minutes of meeting \(options.id)", timings: [("minutes built in", clock.now - started)])
    }
}

/// Runs `body`, adding how long it took to `timings`.
@discardableResult
func timed<T>(_ clock: ContinuousClock, _ label: String, _ timings: inout [(String, Duration)], _ body: () async throws -> T) async throws -> T {
    let start = clock.now
    let result = try await body()
    timings.append((label, clock.now - start))
    return result
}
