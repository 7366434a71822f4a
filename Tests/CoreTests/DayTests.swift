import Foundation
import Testing
@testable import Core

@Suite("Day: calendar arithmetic without time zones")
struct DayTests {
    // MARK: Validity and leap years

    @Test("Leap years follow the Gregorian rule", arguments: [
        (2024, true), (2023, false), (2000, true), (1900, false), (2100, false), (2400, true), (1996, true),
    ])
    func leapYears(year: Int, isLeap: Bool) {
        #expect(Day.isLeap(year) == isLeap)
    }

    @Test("Days in each month, February by leap year", arguments: [
        (1, 2023, 31), (2, 2023, 28), (2, 2024, 29), (2, 1900, 28), (2, 2000, 29),
        (4, 2023, 30), (6, 2023, 30), (9, 2023, 30), (11, 2023, 30), (12, 2023, 31),
    ])
    func daysInMonth(month: Int, year: Int, days: Int) {
        #expect(Day.daysIn(month: month, year: year) == days)
    }

    @Test("Dates that do not exist are refused", arguments: [
        (2023, 2, 29), (2024, 2, 30), (2023, 4, 31), (2023, 13, 1), (2023, 0, 10), (2023, 1, 0), (0, 1, 1), (10000, 1, 1),
    ])
    func invalidDates(year: Int, month: Int, day: Int) {
        #expect(Day(year: year, month: month, day: day) == nil)
    }

    @Test("Dates that exist are made, including 29 February in a leap year")
    func validDates() throws {
        let leapDay = try #require(Day(year: 2024, month: 2, day: 29))
        #expect(leapDay.year == 2024 && leapDay.month == 2 && leapDay.day == 29)
        #expect(Day(year: 2000, month: 2, day: 29) != nil)
        #expect(Day(year: 2023, month: 12, day: 31) != nil)
    }

    // MARK: Arithmetic

    @Test("Adding days crosses month, year and leap-day boundaries", arguments: [
        (Day(2024, 2, 28), 1, Day(2024, 2, 29)),
        (Day(2023, 2, 28), 1, Day(2023, 3, 1)),
        (Day(2023, 12, 31), 1, Day(2024, 1, 1)),
        (Day(2024, 3, 1), -1, Day(2024, 2, 29)),
        (Day(2024, 1, 1), 366, Day(2025, 1, 1)),
        (Day(2023, 1, 1), 365, Day(2024, 1, 1)),
        (Day(2024, 3, 28), 69, Day(2024, 6, 5)),
    ])
    func addingDays(start: Day, days: Int, expected: Day) {
        #expect(start.adding(days: days) == expected)
        #expect(start.days(until: expected) == days)
    }

    @Test("Adding months keeps the day, clamped to the month's last day", arguments: [
        (Day(2024, 1, 31), 1, Day(2024, 2, 29)),
        (Day(2023, 1, 31), 1, Day(2023, 2, 28)),
        (Day(2024, 3, 31), -1, Day(2024, 2, 29)),
        (Day(2023, 12, 31), 2, Day(2024, 2, 29)),
        (Day(2023, 8, 31), 1, Day(2023, 9, 30)),
        (Day(2023, 11, 15), 3, Day(2024, 2, 15)),
        (Day(2024, 2, 29), 12, Day(2025, 2, 28)),
        (Day(2024, 1, 15), -13, Day(2022, 12, 15)),
        (Day(2023, 9, 15), 0, Day(2023, 9, 15)),
    ])
    func addingMonths(start: Day, months: Int, expected: Day) {
        #expect(start.adding(months: months) == expected)
    }

    @Test("Days between dates count leap days")
    func daysUntil() {
        #expect(Day(2024, 1, 1).days(until: Day(2025, 1, 1)) == 366)
        #expect(Day(2023, 1, 1).days(until: Day(2024, 1, 1)) == 365)
        #expect(Day(2023, 10, 16).days(until: Day(2023, 10, 15)) == -1)
        #expect(Day(2023, 10, 16).days(until: Day(2023, 10, 16)) == 0)
    }

    @Test("Ordinal counts days from 1 January 1970 and converts back")
    func ordinal() {
        #expect(Day(1970, 1, 1).ordinal == 0)
        #expect(Day(1969, 12, 31).ordinal == -1)
        #expect(Day(2000, 1, 1).ordinal == 10_957)
        #expect(Day(2000, 3, 1).ordinal == 11_017)
        #expect(Day(2024, 1, 1).ordinal == 19_723)
        #expect(Day(ordinal: 19_723) == Day(2024, 1, 1))
        #expect(Day(ordinal: -1) == Day(1969, 12, 31))
        // Every day of a span that includes 29 February 2024 and 2000 survives the round trip.
        for ordinal in stride(from: 10_900, through: 20_000, by: 1) {
            let day = Day(ordinal: ordinal)
            #expect(day.ordinal == ordinal)
            #expect(Day(year: day.year, month: day.month, day: day.day) == day)
        }
    }

    @Test("Weekday of known dates (1 = Monday … 7 = Sunday)", arguments: [
        (Day(1970, 1, 1), 4), // Thursday
        (Day(2000, 1, 1), 6), // Saturday
        (Day(2023, 9, 30), 6), // Saturday
        (Day(2023, 10, 1), 7), // Sunday
        (Day(2023, 12, 25), 1), // Monday
        (Day(2024, 2, 29), 4), // Thursday
        (Day(2024, 3, 28), 4), // Thursday (domain.md: Thu 28 March 2024)
        (Day(2024, 6, 5), 3), // Wednesday (domain.md: Wed 5 June 2024)
        (Day(1969, 12, 31), 3), // Wednesday, before the epoch
    ])
    func weekday(day: Day, weekday: Int) {
        #expect(day.weekday == weekday)
        #expect(day.isWeekend == (weekday >= 6))
    }

    @Test("First and last of month")
    func monthEnds() {
        #expect(Day(2024, 2, 10).firstOfMonth == Day(2024, 2, 1))
        #expect(Day(2024, 2, 10).lastOfMonth == Day(2024, 2, 29))
        #expect(Day(2023, 2, 10).lastOfMonth == Day(2023, 2, 28))
        #expect(Day(2023, 9, 1).lastOfMonth == Day(2023, 9, 30))
    }

    @Test("Order is by year, then month, then day")
    func ordering() {
        #expect(Day(2023, 12, 31) < Day(2024, 1, 1))
        #expect(Day(2024, 1, 31) < Day(2024, 2, 1))
        #expect(Day(2024, 2, 1) < Day(2024, 2, 2))
        #expect(!(Day(2024, 2, 2) < Day(2024, 2, 2)))
        #expect([Day(2024, 3, 1), Day(2023, 12, 31), Day(2024, 2, 29)].sorted()
            == [Day(2023, 12, 31), Day(2024, 2, 29), Day(2024, 3, 1)])
    }

    // MARK: Text

    @Test("ISO dates parse", arguments: [
        ("2023-09-30", Day(2023, 9, 30)),
        ("2024-02-29", Day(2024, 2, 29)),
        ("1999-12-31", Day(1999, 12, 31)),
    ])
    func isoParses(text: String, expected: Day) {
        #expect(Day(iso: text) == expected)
    }

    @Test("Malformed or impossible ISO dates are refused", arguments: [
        "2023-02-29", "2023-04-31", "2023-13-01", "2023-9-30", "23-09-30", "2023-09-30T00:00",
        "2023/09/30", "30-09-2023", "", "2023-09", "abcd-ef-gh", "2023--09-30",
    ])
    func isoRefuses(text: String) {
        #expect(Day(iso: text) == nil)
    }

    @Test("Days read as ISO, short and long forms without leading zeros")
    func formatting() {
        let day = Day(2023, 9, 30)
        #expect(day.iso == "2023-09-30")
        #expect(day.description == "2023-09-30")
        #expect(day.formatted == "30 September 2023")
        #expect(day.formattedLong == "30 September 2023")
        #expect(Day(2024, 1, 5).formatted == "5 January 2024")
        #expect(Day(2024, 1, 5).iso == "2024-01-05")
        #expect(Day(999, 3, 1).iso == "0999-03-01")
        #expect(Day(2024, 12, 1).formattedLong == "1 December 2024")
    }

    @Test("Codable as an ISO string; bad strings fail to decode")
    func codable() throws {
        let data = try JSONEncoder().encode([Day(2023, 9, 30)])
        #expect(String(decoding: data, as: UTF8.self) == #"["2023-09-30"]"#)
        let decoded = try JSONDecoder().decode([Day].self, from: Data(#"["2024-02-29"]"#.utf8))
        #expect(decoded == [Day(2024, 2, 29)])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([Day].self, from: Data(#"["2023-02-29"]"#.utf8))
        }
    }

    @Test("Today is the UK date: just after midnight BST is already the next day")
    func todayInLondon() throws {
        let london = try #require(TimeZone(identifier: "Europe/London"))
        let utc = try #require(TimeZone(identifier: "UTC"))
        // 2024-03-31 23:30 UTC: clocks went forward at 01:00 UTC that day, so it is 00:30 on 1 April in London.
        let lateMarch = Date(timeIntervalSince1970: 1_711_927_800)
        #expect(Day.today(in: london, now: lateMarch) == Day(2024, 4, 1))
        #expect(Day.today(in: utc, now: lateMarch) == Day(2024, 3, 31))
        // 2024-01-15 23:30 UTC: GMT in winter, the same day.
        let january = Date(timeIntervalSince1970: 1_705_361_400)
        #expect(Day.today(in: london, now: january) == Day(2024, 1, 15))
    }
}
