import Testing
@testable import Core

@Suite("Working days: deadlines and counts under both conventions")
struct WorkingDayCalendarTests {
    let calendar = WorkingDayCalendar.englandAndWales

    // MARK: The domain's worked example, spanning Easter and both May bank holidays

    // Thu 28 Mar 2024 + 45 working days skips Good Friday, Easter Monday, 6 May and 27 May.
    @Test("A 45-working-day deadline across Easter: day 45 is in time, day 46 late", arguments: [
        // start, convention, deadline (last day in time), first late day
        (Day(2024, 3, 28), TimescaleConvention.statutory, Day(2024, 6, 5), Day(2024, 6, 6)),
        (Day(2024, 3, 28), TimescaleConvention.peer, Day(2024, 6, 4), Day(2024, 6, 5)),
        // Wed 16 Apr 2025: Good Friday 18 Apr, Easter Monday 21 Apr, 5 May and 26 May skipped.
        (Day(2025, 4, 16), TimescaleConvention.statutory, Day(2025, 6, 24), Day(2025, 6, 25)),
        (Day(2025, 4, 16), TimescaleConvention.peer, Day(2025, 6, 23), Day(2025, 6, 24)),
    ])
    func easterDeadline(start: Day, convention: TimescaleConvention, lastInTime: Day, firstLate: Day) {
        #expect(calendar.deadline(from: start, workingDays: 45, convention: convention) == lastInTime)
        #expect(calendar.workingDays(from: start, to: lastInTime, convention: convention) == 45)
        #expect(calendar.workingDays(from: start, to: firstLate, convention: convention) == 46)
        #expect(calendar.isWithin(workingDays: 45, from: start, to: lastInTime, convention: convention))
        #expect(!calendar.isWithin(workingDays: 45, from: start, to: firstLate, convention: convention))
    }

    @Test("The worked example reads as domain.md has it: Wed 5 Jun statutory, Tue 4 Jun peer")
    func workedExample() {
        let start = Day(2024, 3, 28)
        #expect(start.weekday == 4)
        #expect(calendar.deadline(from: start, workingDays: 45) == Day(2024, 6, 5))
        #expect(calendar.deadline(from: start, workingDays: 45, convention: .peer) == Day(2024, 6, 4))
    }

    // MARK: A start that is not a working day

    @Test("A start on a weekend or holiday: statutory counts from the next working day; peer counts the start as day 1", arguments: [
        // Easter Saturday, Good Friday and Easter Sunday 2024 all reach the same statutory day 45 as Thu 28 Mar.
        (Day(2024, 3, 30), 45, TimescaleConvention.statutory, Day(2024, 6, 5)),
        (Day(2024, 3, 29), 45, TimescaleConvention.statutory, Day(2024, 6, 5)),
        (Day(2024, 3, 31), 45, TimescaleConvention.statutory, Day(2024, 6, 5)),
        (Day(2024, 3, 30), 45, TimescaleConvention.peer, Day(2024, 6, 4)),
        (Day(2024, 3, 29), 45, TimescaleConvention.peer, Day(2024, 6, 4)),
        // Saturday start: the first working day after it is Tue 2 Apr (Easter Monday skipped).
        (Day(2024, 3, 30), 1, TimescaleConvention.statutory, Day(2024, 4, 2)),
        (Day(2024, 3, 30), 2, TimescaleConvention.statutory, Day(2024, 4, 3)),
        (Day(2024, 3, 30), 2, TimescaleConvention.peer, Day(2024, 4, 2)),
        // Peer with N = 1: the start day itself, whatever day it is.
        (Day(2024, 3, 30), 1, TimescaleConvention.peer, Day(2024, 3, 30)),
        // An ordinary Friday start: statutory day 1 is the Monday.
        (Day(2024, 6, 7), 1, TimescaleConvention.statutory, Day(2024, 6, 10)),
    ])
    func nonWorkingStart(start: Day, workingDays: Int, convention: TimescaleConvention, expected: Day) {
        #expect(calendar.deadline(from: start, workingDays: workingDays, convention: convention) == expected)
    }

    // MARK: Counting

    @Test("An event on a weekend counts as the next working day, so it is late after a Friday deadline")
    func weekendEvent() {
        let start = Day(2024, 3, 28)
        #expect(calendar.workingDays(from: start, to: Day(2024, 6, 7)) == 47)   // Fri
        #expect(calendar.workingDays(from: start, to: Day(2024, 6, 8)) == 48)   // Sat: late for a deadline of day 47
        #expect(calendar.workingDays(from: start, to: Day(2024, 6, 10)) == 48)  // Mon
        #expect(!calendar.isWithin(workingDays: 47, from: start, to: Day(2024, 6, 8)))
    }

    @Test("Same day, one day and backwards counts", arguments: [
        (Day(2024, 6, 5), Day(2024, 6, 5), TimescaleConvention.statutory, 0),
        (Day(2024, 6, 5), Day(2024, 6, 5), TimescaleConvention.peer, 1),
        (Day(2024, 6, 5), Day(2024, 6, 6), TimescaleConvention.statutory, 1),
        (Day(2024, 6, 5), Day(2024, 6, 6), TimescaleConvention.peer, 2),
        (Day(2024, 6, 6), Day(2024, 6, 5), TimescaleConvention.statutory, -1),
        (Day(2024, 6, 5), Day(2024, 3, 28), TimescaleConvention.statutory, -45),
    ])
    func smallCounts(start: Day, end: Day, convention: TimescaleConvention, expected: Int) {
        #expect(calendar.workingDays(from: start, to: end, convention: convention) == expected)
    }

    @Test("Counting across year ends skips Christmas, Boxing Day and New Year with their substitutes", arguments: [
        // Fri 20 Dec 2024 → Fri 3 Jan 2025: 23, 24, 27, 30, 31 Dec, 2, 3 Jan.
        (Day(2024, 12, 20), Day(2025, 1, 3), 7),
        // Thu 23 Dec 2021 → Tue 4 Jan 2022: 24, 29, 30, 31 Dec, 4 Jan (27, 28 Dec and 3 Jan substitutes).
        (Day(2021, 12, 23), Day(2022, 1, 4), 5),
        // Across two year ends: 2024 has 262 weekdays, 8 of them bank holidays; then 2 Jan 2025.
        (Day(2023, 12, 29), Day(2025, 1, 2), 255),
    ])
    func yearEnds(start: Day, end: Day, expected: Int) {
        #expect(calendar.workingDays(from: start, to: end) == expected)
        #expect(calendar.deadline(from: start, workingDays: expected) == end)
    }

    @Test("Adding working days backwards finds the working day before")
    func backwards() {
        #expect(calendar.adding(workingDays: -1, to: Day(2024, 4, 2)) == Day(2024, 3, 28))
        #expect(calendar.adding(workingDays: -45, to: Day(2024, 6, 5)) == Day(2024, 3, 28))
        #expect(calendar.adding(workingDays: 0, to: Day(2024, 3, 30)) == Day(2024, 3, 30))
    }

    // MARK: Local closure days

    @Test("Local closure days are skipped like bank holidays, and named as closures")
    func closures() {
        let closure = [Day(2024, 12, 27), Day(2024, 12, 30), Day(2024, 12, 31)].map {
            NonWorkingDay(day: $0, name: "Council closure", kind: .localClosure)
        }
        let council = WorkingDayCalendar(closureDays: closure)
        #expect(!council.isWorkingDay(Day(2024, 12, 30)))
        #expect(council.nonWorkingDay(on: Day(2024, 12, 30))?.kind == .localClosure)
        // 23, 24 Dec, 2, 3 Jan, then Mon 6 Jan is day 5.
        #expect(council.deadline(from: Day(2024, 12, 20), workingDays: 5) == Day(2025, 1, 6))
        #expect(calendar.deadline(from: Day(2024, 12, 20), workingDays: 5) == Day(2024, 12, 31))
        #expect(council.workingDays(from: Day(2024, 12, 20), to: Day(2025, 1, 3)) == 4)
    }

    @Test("A closure on a bank holiday changes nothing, and the bank holiday's name is kept")
    func closureOnHoliday() {
        let council = WorkingDayCalendar(closureDays: [NonWorkingDay(day: Day(2024, 12, 25), name: "Closed", kind: .localClosure)])
        #expect(council.nonWorkingDay(on: Day(2024, 12, 25))?.name == "Christmas Day")
        #expect(council.workingDays(from: Day(2024, 12, 20), to: Day(2025, 1, 3)) == 7)
    }

    @Test("A replaced bank holiday list is used instead of the built-in one")
    func replacedList() throws {
        let custom = try WorkingDayCalendar(bankHolidayList: "2024-06-05,Made-up holiday\n", closureDayList: nil)
        #expect(!custom.isWorkingDay(Day(2024, 6, 5)))
        #expect(custom.isWorkingDay(Day(2024, 3, 29)))  // Good Friday is not in the list
        #expect(custom.bankHolidayYears == 2024...2024)
        // Without Easter and the May holidays, but with 5 Jun off: day 45 falls earlier.
        #expect(custom.deadline(from: Day(2024, 3, 28), workingDays: 45) == Day(2024, 5, 30))
    }

    @Test("What a deadline skipped, for the sentence that explains it")
    func skipped() {
        let skipped = calendar.nonWorkingWeekdays(from: Day(2024, 3, 29), through: Day(2024, 6, 5)).map { $0.name }
        #expect(skipped == ["Good Friday", "Easter Monday", "Early May bank holiday", "Spring bank holiday"])
    }

    // MARK: Agreement with counting one day at a time

    /// The definitions, done the slow way: step a day at a time.
    func slowDeadline(from start: Day, workingDays: Int, in calendar: WorkingDayCalendar) -> Day {
        var day = start
        var counted = 0
        while counted < workingDays {
            day = day.adding(days: 1)
            if calendar.isWorkingDay(day) { counted += 1 }
        }
        return day
    }

    @Test("Fast arithmetic agrees with stepping day by day, and 'within N' ⇔ count ≤ N", arguments: [
        TimescaleConvention.statutory, .peer,
    ])
    func agreesWithSlowCounting(convention: TimescaleConvention) {
        let council = WorkingDayCalendar(closureDays: [
            NonWorkingDay(day: Day(2019, 12, 27), name: "Closure", kind: .localClosure),
            NonWorkingDay(day: Day(2019, 12, 30), name: "Closure", kind: .localClosure),
            NonWorkingDay(day: Day(2019, 12, 28), name: "Saturday closure", kind: .localClosure),
        ])
        var mismatches: [String] = []
        var start = Day(2009, 12, 1)
        while start < Day(2031, 1, 31) {
            for n in [1, 2, 3, 5, 15, 20, 45] {
                let deadline = council.deadline(from: start, workingDays: n, convention: convention)
                let slow = slowDeadline(from: start, workingDays: convention.workingDaysAfterStart(forDeadlineOf: n), in: council)
                if deadline != slow { mismatches.append("\(start) + \(n): \(deadline) vs \(slow)") }
                for offset in [-1, 0, 1, 2] {
                    let end = deadline.adding(days: offset)
                    let within = council.isWithin(workingDays: n, from: start, to: end, convention: convention)
                    let count = council.workingDays(from: start, to: end, convention: convention)
                    if within != (count <= n) { mismatches.append("\(start) → \(end), N \(n): within \(within), count \(count)") }
                }
            }
            start = start.adding(days: 3)
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }
}
