import ArgumentParser
import Core
import Foundation

// Named CalendarCommand rather than Calendar so it does not hide Foundation's Calendar from the
// rest of this module; users type `oversight calendar`.
struct CalendarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar",
        abstract: "Working-day deadlines and counts: when is day 45?",
        discussion: """
            Working days are Monday to Friday, less England and Wales bank holidays (built in for \
            2010–2030) and any local closure days you list. "Within N working days of S" does not \
            count S itself (the statutory convention); --convention peer counts S as day 1, as the \
            DfE children in need census validator does.

            Examples:
              oversight calendar deadline --from 2024-03-28 --working-days 45
              oversight calendar working-days --from 2024-03-28 --to 2024-06-05
              oversight calendar holidays --year 2024
            """,
        subcommands: [CalendarDeadline.self, CalendarWorkingDays.self, CalendarHolidays.self]
    )
}

/// The calendar choices every `calendar` command shares.
struct CalendarOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "A file of bank holidays to use instead of the built-in England and Wales list: one YYYY-MM-DD[,name] a line; # starts a comment.",
        valueName: "file"))
    var holidays: String?

    @Option(help: ArgumentHelp(
        "A file of local closure days (such as a council closure between Christmas and New Year), in the same form.",
        valueName: "file"))
    var closures: String?

    /// The calendar with any override files read; a bad file names the option, the file and the line.
    func calendar() throws -> WorkingDayCalendar {
        let bankHolidays = try holidays.map { try list(in: $0, option: "--holidays", kind: .bankHoliday) }
        let closureDays = try closures.map { try list(in: $0, option: "--closures", kind: .localClosure) }
        return WorkingDayCalendar(bankHolidays: bankHolidays ?? EnglandAndWalesBankHolidays.all, closureDays: closureDays ?? [])
    }

    private func list(in path: String, option: String, kind: NonWorkingDay.Kind) throws -> [NonWorkingDay] {
        let text = try read(path, option: option)
        do {
            return try NonWorkingDayList.parse(text, kind: kind)
        } catch {
            throw CalendarInputError(description: "\(option) \(path), \(error)")
        }
    }

    private func read(_ path: String, option: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CalendarInputError(description: "\(option): cannot read the file \(path).")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// A warning for dates outside the years the bank holiday list covers.
    func warnIfUncovered(_ days: [Day], by calendar: WorkingDayCalendar) {
        let years = calendar.bankHolidayYears
        let outside = days.filter { day in years.map { !$0.contains(day.year) } ?? true }
        guard let first = outside.first else { return }
        let covered = years.map { "\($0.lowerBound)–\($0.upperBound)" } ?? "no years"
        warn("Warning: bank holidays are known for \(covered) only; around \(first.iso) only weekends\(closures == nil ? "" : " and closure days") are skipped.")
    }
}

/// A problem with a file the user named: said plainly, exit status 1.
struct CalendarInputError: Error, CustomStringConvertible {
    let description: String
}

/// Parses a date option, or fails naming the option and the form expected.
fileprivate func parseDay(_ text: String, option: String) throws -> Day {
    guard let day = Day(iso: text) else {
        throw ValidationError("\(option) must be a date in the form YYYY-MM-DD (such as 2024-03-28), not '\(text)'.")
    }
    return day
}

fileprivate func warn(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

// Core knows nothing of argument parsing, so the conformance lives here.
extension TimescaleConvention: ExpressibleByArgument {}

fileprivate extension Day {
    /// `Wed 5 Jun 2024`: how a deadline reads to an analyst.
    var withWeekday: String {
        let names = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        return "\(names[weekday - 1]) \(formatted)"
    }
}

struct CalendarDeadline: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deadline",
        abstract: "The last day that is within N working days of a start date.",
        discussion: """
            An assessment started on Thu 28 Mar 2024 is within 45 working days if it is \
            authorised on or before Wed 5 Jun 2024 (statutory), or Tue 4 Jun 2024 (peer). Easter \
            and the May bank holidays are skipped. Prints the date and what was skipped; \
            --format iso prints only the date, for scripts.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, iso
    }

    @Option(help: ArgumentHelp("The start date, YYYY-MM-DD (the referral, the strategy discussion).", valueName: "date"))
    var from: String

    @Option(help: ArgumentHelp("The timescale in working days, such as 45 or 15.", valueName: "n"))
    var workingDays: Int

    @Option(help: "statutory (the start day is not counted) or peer (the start day is day 1).")
    var convention: TimescaleConvention = .statutory

    @Option(help: "text (a sentence) or iso (the date alone).")
    var format: Format = .text

    @OptionGroup var calendarOptions: CalendarOptions

    func validate() throws {
        _ = try parseDay(from, option: "--from")
        guard (1...10_000).contains(workingDays) else {
            throw ValidationError("--working-days must be a whole number from 1 to 10000, not \(workingDays).")
        }
    }

    func run() throws {
        let start = try parseDay(from, option: "--from")
        let calendar = try calendarOptions.calendar()
        let deadline = calendar.deadline(from: start, workingDays: workingDays, convention: convention)
        calendarOptions.warnIfUncovered([start, deadline], by: calendar)
        switch format {
        case .iso:
            print(deadline.iso)
        case .text:
            print("\(deadline.withWeekday) (\(deadline.iso))")
            print("Within \(workingDays) working days of \(start.withWeekday) means on or before this day (\(convention.explanation)).")
            let skipped = calendar.nonWorkingWeekdays(from: start.adding(days: 1), through: deadline)
            if !skipped.isEmpty {
                print("Skipped besides weekends: " + skipped.map { "\($0.day.withWeekday) \($0.name)" }.joined(separator: "; ") + ".")
            }
        }
    }
}

struct CalendarWorkingDays: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "working-days",
        abstract: "Which working day after the start an event fell on: within N when this is N or less.",
        discussion: """
            Counts the working days after --from up to --to, --from not counted (statutory), or \
            with --from as day 1 (peer). An event on a weekend or bank holiday counts as the next \
            working day, because it is late if the deadline fell before it. --format number prints \
            only the count, for scripts.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, number
    }

    @Option(help: ArgumentHelp("The start date, YYYY-MM-DD.", valueName: "date"))
    var from: String

    @Option(help: ArgumentHelp("The date of the event, YYYY-MM-DD.", valueName: "date"))
    var to: String

    @Option(help: "statutory (the start day is not counted) or peer (the start day is day 1).")
    var convention: TimescaleConvention = .statutory

    @Option(help: "text (a sentence) or number (the count alone).")
    var format: Format = .text

    @OptionGroup var calendarOptions: CalendarOptions

    func validate() throws {
        _ = try parseDay(from, option: "--from")
        _ = try parseDay(to, option: "--to")
    }

    func run() throws {
        let start = try parseDay(from, option: "--from")
        let end = try parseDay(to, option: "--to")
        let calendar = try calendarOptions.calendar()
        calendarOptions.warnIfUncovered([start, end], by: calendar)
        let count = calendar.workingDays(from: start, to: end, convention: convention)
        switch format {
        case .number:
            print(count)
        case .text:
            print(count)
            if end < start {
                print("\(end.withWeekday) is before \(start.withWeekday).")
            } else {
                print("\(end.withWeekday) is working day \(count) from \(start.withWeekday) (\(convention.explanation)).")
                if end > start, !calendar.isWorkingDay(end) {
                    let next = calendar.adding(workingDays: 1, to: end)
                    print("\(end.withWeekday) is not a working day, so it counts as the next one, \(next.withWeekday).")
                }
            }
        }
    }
}

struct CalendarHolidays: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "holidays",
        abstract: "List the bank holidays (and any closure days) the calendar skips.",
        discussion: """
            Without --year, lists every year known. --format csv writes the YYYY-MM-DD,name lines \
            that --holidays reads back, a start for your own list.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, csv
    }

    @Option(help: ArgumentHelp("The calendar year, such as 2024.", valueName: "yyyy"))
    var year: Int?

    @Option(help: "text (a table) or csv (the override file form).")
    var format: Format = .text

    @OptionGroup var calendarOptions: CalendarOptions

    func run() throws {
        let calendar = try calendarOptions.calendar()
        let days = (calendar.bankHolidays + calendar.closureDays)
            .filter { year == nil || $0.day.year == year }
            .sorted()
        if days.isEmpty, let year {
            let covered = calendar.bankHolidayYears.map { "\($0.lowerBound)–\($0.upperBound)" } ?? "no years"
            throw CalendarInputError(description: "No bank holidays are known for \(year); the list covers \(covered).")
        }
        switch format {
        case .csv:
            print(NonWorkingDayList.format(days), terminator: "")
        case .text:
            for day in days {
                let kind = day.kind == .localClosure ? " (local closure)" : ""
                print("\(day.day.iso)  \(day.day.withWeekday.padding(toLength: 15, withPad: " ", startingAt: 0))  \(day.name)\(kind)")
            }
        }
    }
}
