import Testing
@testable import Core

@Suite("England and Wales bank holidays, as GOV.UK lists them")
struct EnglandAndWalesBankHolidaysTests {
    // The GOV.UK lists, year by year: the rules and the one-off table must reproduce them exactly.
    @Test("A whole year's list matches GOV.UK", arguments: [
        (2010, [Day(2010, 1, 1), Day(2010, 4, 2), Day(2010, 4, 5), Day(2010, 5, 3), Day(2010, 5, 31), Day(2010, 8, 30), Day(2010, 12, 27), Day(2010, 12, 28)]),
        (2011, [Day(2011, 1, 3), Day(2011, 4, 22), Day(2011, 4, 25), Day(2011, 4, 29), Day(2011, 5, 2), Day(2011, 5, 30), Day(2011, 8, 29), Day(2011, 12, 26), Day(2011, 12, 27)]),
        (2012, [Day(2012, 1, 2), Day(2012, 4, 6), Day(2012, 4, 9), Day(2012, 5, 7), Day(2012, 6, 4), Day(2012, 6, 5), Day(2012, 8, 27), Day(2012, 12, 25), Day(2012, 12, 26)]),
        (2020, [Day(2020, 1, 1), Day(2020, 4, 10), Day(2020, 4, 13), Day(2020, 5, 8), Day(2020, 5, 25), Day(2020, 8, 31), Day(2020, 12, 25), Day(2020, 12, 28)]),
        (2021, [Day(2021, 1, 1), Day(2021, 4, 2), Day(2021, 4, 5), Day(2021, 5, 3), Day(2021, 5, 31), Day(2021, 8, 30), Day(2021, 12, 27), Day(2021, 12, 28)]),
        (2022, [Day(2022, 1, 3), Day(2022, 4, 15), Day(2022, 4, 18), Day(2022, 5, 2), Day(2022, 6, 2), Day(2022, 6, 3), Day(2022, 8, 29), Day(2022, 9, 19), Day(2022, 12, 26), Day(2022, 12, 27)]),
        (2023, [Day(2023, 1, 2), Day(2023, 4, 7), Day(2023, 4, 10), Day(2023, 5, 1), Day(2023, 5, 8), Day(2023, 5, 29), Day(2023, 8, 28), Day(2023, 12, 25), Day(2023, 12, 26)]),
        (2024, [Day(2024, 1, 1), Day(2024, 3, 29), Day(2024, 4, 1), Day(2024, 5, 6), Day(2024, 5, 27), Day(2024, 8, 26), Day(2024, 12, 25), Day(2024, 12, 26)]),
        (2025, [Day(2025, 1, 1), Day(2025, 4, 18), Day(2025, 4, 21), Day(2025, 5, 5), Day(2025, 5, 26), Day(2025, 8, 25), Day(2025, 12, 25), Day(2025, 12, 26)]),
        (2026, [Day(2026, 1, 1), Day(2026, 4, 3), Day(2026, 4, 6), Day(2026, 5, 4), Day(2026, 5, 25), Day(2026, 8, 31), Day(2026, 12, 25), Day(2026, 12, 28)]),
        (2027, [Day(2027, 1, 1), Day(2027, 3, 26), Day(2027, 3, 29), Day(2027, 5, 3), Day(2027, 5, 31), Day(2027, 8, 30), Day(2027, 12, 27), Day(2027, 12, 28)]),
    ])
    func wholeYear(year: Int, expected: [Day]) {
        let days = EnglandAndWalesBankHolidays.holidays(in: year).map { $0.day }
        #expect(days == expected)
    }

    @Test("Every one-off day is a bank holiday and not a working day", arguments: [
        (Day(2011, 4, 29), "Royal wedding"),
        (Day(2012, 6, 4), "Spring bank holiday"),
        (Day(2012, 6, 5), "Queen's Diamond Jubilee"),
        (Day(2020, 5, 8), "Early May bank holiday (VE day)"),
        (Day(2022, 6, 2), "Spring bank holiday"),
        (Day(2022, 6, 3), "Platinum Jubilee bank holiday"),
        (Day(2022, 9, 19), "Bank holiday for the State Funeral of Queen Elizabeth II"),
        (Day(2023, 5, 8), "Bank holiday for the coronation of King Charles III"),
    ])
    func oneOffDays(day: Day, name: String) {
        let calendar = WorkingDayCalendar.englandAndWales
        #expect(!calendar.isWorkingDay(day))
        #expect(calendar.nonWorkingDay(on: day)?.name == name)
        #expect(calendar.nonWorkingDay(on: day)?.kind == .bankHoliday)
    }

    @Test("The regular days that were moved are ordinary working days in their year", arguments: [
        Day(2012, 5, 28), Day(2020, 5, 4), Day(2022, 5, 30),
    ])
    func movedDaysAreWorked(day: Day) {
        #expect(WorkingDayCalendar.englandAndWales.isWorkingDay(day))
    }

    @Test("Substitute days follow a weekend New Year, Christmas or Boxing Day", arguments: [
        (Day(2011, 1, 3), "New Year's Day (substitute day)"),   // 1 Jan 2011 a Saturday
        (Day(2017, 1, 2), "New Year's Day (substitute day)"),   // a Sunday
        (Day(2020, 12, 28), "Boxing Day (substitute day)"),     // 26 Dec a Saturday
        (Day(2021, 12, 27), "Christmas Day (substitute day)"),  // Christmas a Saturday
        (Day(2021, 12, 28), "Boxing Day (substitute day)"),
        (Day(2022, 12, 27), "Christmas Day (substitute day)"),  // Christmas a Sunday: Boxing Day keeps the 26th
        (Day(2026, 12, 28), "Boxing Day (substitute day)"),
    ])
    func substituteDays(day: Day, name: String) {
        #expect(WorkingDayCalendar.englandAndWales.nonWorkingDay(on: day)?.name == name)
    }

    @Test("Easter Sunday for every supported year", arguments: [
        (2010, 4, 4), (2011, 4, 24), (2012, 4, 8), (2013, 3, 31), (2014, 4, 20), (2015, 4, 5), (2016, 3, 27),
        (2017, 4, 16), (2018, 4, 1), (2019, 4, 21), (2020, 4, 12), (2021, 4, 4), (2022, 4, 17), (2023, 4, 9),
        (2024, 3, 31), (2025, 4, 20), (2026, 4, 5), (2027, 3, 28), (2028, 4, 16), (2029, 4, 1), (2030, 4, 21),
    ])
    func easter(year: Int, month: Int, day: Int) {
        #expect(EnglandAndWalesBankHolidays.easterSunday(in: year) == Day(year, month, day))
    }

    @Test("Every supported year has its holidays on distinct weekdays, eight or more", arguments: Array(2010...2030))
    func everyYear(year: Int) {
        let days = EnglandAndWalesBankHolidays.holidays(in: year).map { $0.day }
        #expect(days.count >= 8)
        #expect(Set(days).count == days.count)
        let weekend = days.filter { $0.isWeekend }
        #expect(weekend.isEmpty)
        let yearsSeen = Set(days.map { $0.year })
        #expect(yearsSeen == [year])
    }

    @Test("The built-in list covers 2010 to 2030")
    func coverage() {
        #expect(WorkingDayCalendar.englandAndWales.bankHolidayYears == 2010...2030)
        #expect(EnglandAndWalesBankHolidays.all.count == 21 * 8 + 1 + 1 + 2 + 1)
    }
}
