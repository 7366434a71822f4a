/// Which days are working days, and the arithmetic of "within N working days".
///
/// A working day is Monday to Friday, less bank holidays (England and Wales, built in for
/// 2010–2030 and replaceable by a list) and the council's local closure days. Counting is
/// arithmetic on week numbers plus a binary search over the non-working weekdays, so the cost
/// does not grow with the length of a span: the KPI engine asks this millions of times.
public struct WorkingDayCalendar: Hashable, Sendable {
    /// The bank holidays in date order (weekend ones included, though they change nothing).
    public let bankHolidays: [NonWorkingDay]
    /// The local closure days in date order.
    public let closureDays: [NonWorkingDay]
    /// Every bank holiday and closure day that falls on a weekday, by day; a bank holiday
    /// wins over a closure on the same day, so a reader sees "Boxing Day" rather than "closure".
    private let weekdayEntries: [NonWorkingDay]
    /// `weekdayEntries`' days as ordinals, sorted and unique: what the counting searches.
    private let weekdayOrdinals: [Int]

    /// England and Wales bank holidays 2010–2030 and no local closures.
    public static let englandAndWales = WorkingDayCalendar()

    /// A calendar with the given bank holidays (the built-in England and Wales list unless
    /// replaced) and local closure days. Kinds are set from the argument each list came in.
    public init(bankHolidays: [NonWorkingDay] = EnglandAndWalesBankHolidays.all,
                closureDays: [NonWorkingDay] = []) {
        self.bankHolidays = bankHolidays.map { NonWorkingDay(day: $0.day, name: $0.name, kind: .bankHoliday) }.sorted()
        self.closureDays = closureDays.map { NonWorkingDay(day: $0.day, name: $0.name, kind: .localClosure) }.sorted()
        var byDay: [Day: NonWorkingDay] = [:]
        for entry in self.closureDays + self.bankHolidays where !entry.day.isWeekend {
            // Bank holidays come last, so they replace a closure on the same day.
            byDay[entry.day] = entry
        }
        weekdayEntries = byDay.values.sorted()
        weekdayOrdinals = weekdayEntries.map(\.day.ordinal)
    }

    /// A calendar from the text of a bank holiday list and a closure day list in the format
    /// `NonWorkingDayList` reads; nil for either keeps the default (built-in holidays, no
    /// closures).
    public init(bankHolidayList: String?, closureDayList: String?) throws(NonWorkingDayList.LineError) {
        let holidays = try bankHolidayList.map { text throws(NonWorkingDayList.LineError) in
            try NonWorkingDayList.parse(text, kind: .bankHoliday)
        } ?? EnglandAndWalesBankHolidays.all
        let closures = try closureDayList.map { text throws(NonWorkingDayList.LineError) in
            try NonWorkingDayList.parse(text, kind: .localClosure)
        } ?? []
        self.init(bankHolidays: holidays, closureDays: closures)
    }

    /// The first to last year the bank holiday list covers, or nil for an empty list. Outside
    /// it, only weekends and closure days are known: callers warn about dates there.
    public var bankHolidayYears: ClosedRange<Int>? {
        guard let first = bankHolidays.first, let last = bankHolidays.last else { return nil }
        return first.day.year...last.day.year
    }

    /// Whether `day` is worked: a weekday that is neither a bank holiday nor a closure day.
    public func isWorkingDay(_ day: Day) -> Bool {
        !day.isWeekend && !containsNonWorkingWeekday(day.ordinal)
    }

    /// Why a weekday is not worked (the bank holiday or closure), or nil when it is worked or
    /// is a weekend.
    public func nonWorkingDay(on day: Day) -> NonWorkingDay? {
        let index = countBefore(day.ordinal)
        guard index < weekdayOrdinals.count, weekdayOrdinals[index] == day.ordinal else { return nil }
        return weekdayEntries[index]
    }

    /// The bank holidays and closure days that fall on weekdays from `start` through `end`: what
    /// a deadline skipped, for the sentence that explains it.
    public func nonWorkingWeekdays(from start: Day, through end: Day) -> [NonWorkingDay] {
        guard start <= end else { return [] }
        return Array(weekdayEntries[countBefore(start.ordinal)..<countBefore(end.ordinal + 1)])
    }

    /// The `workingDays`th working day after `day` (before it, when negative); `day` itself for
    /// zero, whether or not it is a working day. `day` is never counted.
    public func adding(workingDays: Int, to day: Day) -> Day {
        if workingDays == 0 { return day }
        // Working days strictly after `day` have indices from workingDaysBefore(day + 1) up;
        // those strictly before it end just below workingDaysBefore(day).
        let index = workingDays > 0
            ? workingDaysBefore(day.ordinal + 1) + workingDays - 1
            : workingDaysBefore(day.ordinal) + workingDays
        return Day(ordinal: workingDay(withIndex: index))
    }

    /// The last day on which an event is "within `workingDays` working days" of `start`, by
    /// `convention`: statutory, the Nth working day after `start`; peer, the (N−1)th.
    /// `workingDays` is at least 1 for a meaningful deadline.
    public func deadline(from start: Day, workingDays: Int, convention: TimescaleConvention = .statutory) -> Day {
        adding(workingDays: convention.workingDaysAfterStart(forDeadlineOf: workingDays), to: start)
    }

    /// The working day on which `end` falls, counted from `start` by `convention`, so that
    /// "within N working days" (on or before the deadline, N ≥ 1) holds exactly when this is at
    /// most N.
    ///
    /// Statutory: working days after `start` up to `end`, `start` not counted; `end` on the same
    /// day gives 0. Peer: one more, as `start` is day 1. An `end` on a weekend or holiday counts
    /// as the next working day, since it is late if the deadline fell before it (Sat 8 Jun 2024
    /// is day 48 from Thu 28 Mar 2024, like Mon 10 Jun, not day 47 like Fri 7 Jun). An `end`
    /// before `start` gives the negative of the count the other way (peer: plus one).
    public func workingDays(from start: Day, to end: Day, convention: TimescaleConvention = .statutory) -> Int {
        let statutory: Int
        if end > start {
            statutory = statutoryCount(after: start.ordinal, to: end.ordinal)
        } else if end < start {
            statutory = -statutoryCount(after: end.ordinal, to: start.ordinal)
        } else {
            statutory = 0
        }
        return convention == .peer ? statutory + 1 : statutory
    }

    /// Whether `end` is within `workingDays` working days of `start`: on or before the deadline.
    public func isWithin(workingDays: Int, from start: Day, to end: Day, convention: TimescaleConvention = .statutory) -> Bool {
        end <= deadline(from: start, workingDays: workingDays, convention: convention)
    }

    // MARK: Counting by index

    // Every working day has an index: the number of working days before it, counted from the
    // Monday 1970-01-05 (ordinal 4). Only differences of indices matter, so the origin is
    // arbitrary and negative indices are fine.

    /// Working days strictly after `start` and strictly before `end`, plus one (end > start).
    private func statutoryCount(after start: Int, to end: Int) -> Int {
        workingDaysBefore(end) - workingDaysBefore(start + 1) + 1
    }

    /// The index of the first working day on or after `ordinal`.
    private func workingDaysBefore(_ ordinal: Int) -> Int {
        Self.weekdaysBefore(ordinal) - countBefore(ordinal)
    }

    /// The working day with the given index.
    private func workingDay(withIndex index: Int) -> Int {
        // The day is the weekday with index `index + h`, where h is the number of non-working
        // weekdays up to and including it. Start from h = 0 and raise h until it holds: each
        // step only moves forward, and it settles on the working day, never on a holiday.
        var skipped = 0
        while true {
            let candidate = Self.weekday(withIndex: index + skipped)
            let upToCandidate = countBefore(candidate + 1)
            if upToCandidate == skipped { return candidate }
            skipped = upToCandidate
        }
    }

    /// Mondays to Fridays before `ordinal`, from the Monday 1970-01-05.
    private static func weekdaysBefore(_ ordinal: Int) -> Int {
        let (weeks, dayOfWeek) = floorDivision(ordinal - 4, 7)
        return weeks * 5 + min(dayOfWeek, 5)
    }

    /// The weekday with `index` weekdays before it.
    private static func weekday(withIndex index: Int) -> Int {
        let (weeks, dayOfWeek) = floorDivision(index, 5)
        return 4 + weeks * 7 + dayOfWeek
    }

    private static func floorDivision(_ a: Int, _ b: Int) -> (quotient: Int, remainder: Int) {
        let remainder = ((a % b) + b) % b
        return ((a - remainder) / b, remainder)
    }

    /// How many non-working weekdays fall before `ordinal` (binary search).
    private func countBefore(_ ordinal: Int) -> Int {
        var low = 0, high = weekdayOrdinals.count
        while low < high {
            let middle = (low + high) / 2
            if weekdayOrdinals[middle] < ordinal { low = middle + 1 } else { high = middle }
        }
        return low
    }

    private func containsNonWorkingWeekday(_ ordinal: Int) -> Bool {
        let index = countBefore(ordinal)
        return index < weekdayOrdinals.count && weekdayOrdinals[index] == ordinal
    }
}
