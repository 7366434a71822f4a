/// England and Wales bank holidays, as GOV.UK publishes them, for every year the product
/// supports.
///
/// The regular holidays are computed by rule rather than typed in, so a wrong entry cannot
/// hide in a long table; the one-off changes (royal occasions, moved days) are the only
/// table, and the tests pin the GOV.UK list year by year.
public enum EnglandAndWalesBankHolidays {
    /// The years whose bank holidays are built in. Outside them a calendar knows weekends
    /// only, unless an override list supplies the holidays.
    public static let supportedYears: ClosedRange<Int> = 2010...2030

    /// Every built-in bank holiday, 2010 to 2030, in date order.
    public static let all: [NonWorkingDay] = supportedYears.flatMap { holidays(in: $0) }

    /// The bank holidays of one year in date order, one-off changes applied. Years outside
    /// `supportedYears` get the regular rules only: a later royal occasion would be missing.
    public static func holidays(in year: Int) -> [NonWorkingDay] {
        var days = regularHolidays(in: year)
        for change in oneOffChanges where change.year == year {
            if let moved = change.replaces {
                days.removeAll { $0.day == moved }
            }
            days.append(NonWorkingDay(day: change.day, name: change.name))
        }
        return days.sorted()
    }

    /// Easter Sunday in the Gregorian calendar (the anonymous algorithm of Meeus, Jones and
    /// Butcher): Good Friday is two days before, Easter Monday the day after.
    public static func easterSunday(in year: Int) -> Day {
        let a = year % 19
        let b = year / 100
        let c = year % 100
        let d = b / 4
        let e = b % 4
        let f = (b + 8) / 25
        let g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4
        let k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return Day(year, month, day)
    }

    /// The holidays every year has, before any one-off change.
    static func regularHolidays(in year: Int) -> [NonWorkingDay] {
        let easter = easterSunday(in: year)
        var days: [NonWorkingDay] = []

        // New Year's Day on a weekend moves to the Monday after.
        let newYear = Day(year, 1, 1)
        days.append(NonWorkingDay(
            day: newYear.isWeekend ? nextMonday(onOrAfter: newYear) : newYear,
            name: newYear.isWeekend ? "New Year's Day (substitute day)" : "New Year's Day"))

        days.append(NonWorkingDay(day: easter.adding(days: -2), name: "Good Friday"))
        days.append(NonWorkingDay(day: easter.adding(days: 1), name: "Easter Monday"))
        days.append(NonWorkingDay(day: nextMonday(onOrAfter: Day(year, 5, 1)), name: "Early May bank holiday"))
        days.append(NonWorkingDay(day: lastMonday(of: 5, in: year), name: "Spring bank holiday"))
        days.append(NonWorkingDay(day: lastMonday(of: 8, in: year), name: "Summer bank holiday"))
        days += christmasAndBoxingDay(in: year)
        return days
    }

    /// Christmas Day and Boxing Day, each moved to the next weekday not already a holiday when
    /// it falls at a weekend: Sat/Sun → Mon 27 and Tue 28; Sun → Boxing Day Mon 26, Christmas
    /// Tue 27; Fri → Boxing Day Mon 28.
    static func christmasAndBoxingDay(in year: Int) -> [NonWorkingDay] {
        var taken: Set<Day> = []
        var result: [NonWorkingDay] = []
        let christmas = Day(year, 12, 25)
        let boxing = Day(year, 12, 26)
        // Days that are already weekdays keep their place first, so a substitute never takes them.
        for (day, name) in [(christmas, "Christmas Day"), (boxing, "Boxing Day")] where !day.isWeekend {
            taken.insert(day)
            result.append(NonWorkingDay(day: day, name: name))
        }
        for (day, name) in [(christmas, "Christmas Day"), (boxing, "Boxing Day")] where day.isWeekend {
            var substitute = day.adding(days: 1)
            while substitute.isWeekend || taken.contains(substitute) {
                substitute = substitute.adding(days: 1)
            }
            taken.insert(substitute)
            result.append(NonWorkingDay(day: substitute, name: "\(name) (substitute day)"))
        }
        return result
    }

    /// A change made by proclamation for one year: an extra holiday, or a regular one moved.
    struct OneOffChange {
        let day: Day
        let name: String
        /// The regular holiday this one replaces, if it is a move rather than an extra day.
        let replaces: Day?
        var year: Int { day.year }
    }

    static let oneOffChanges: [OneOffChange] = [
        OneOffChange(day: Day(2011, 4, 29), name: "Royal wedding", replaces: nil),
        OneOffChange(day: Day(2012, 6, 4), name: "Spring bank holiday", replaces: Day(2012, 5, 28)),
        OneOffChange(day: Day(2012, 6, 5), name: "Queen's Diamond Jubilee", replaces: nil),
        OneOffChange(day: Day(2020, 5, 8), name: "Early May bank holiday (VE day)", replaces: Day(2020, 5, 4)),
        OneOffChange(day: Day(2022, 6, 2), name: "Spring bank holiday", replaces: Day(2022, 5, 30)),
        OneOffChange(day: Day(2022, 6, 3), name: "Platinum Jubilee bank holiday", replaces: nil),
        OneOffChange(day: Day(2022, 9, 19), name: "Bank holiday for the State Funeral of Queen Elizabeth II", replaces: nil),
        OneOffChange(day: Day(2023, 5, 8), name: "Bank holiday for the coronation of King Charles III", replaces: nil),
    ]

    static func nextMonday(onOrAfter day: Day) -> Day {
        day.adding(days: (8 - day.weekday) % 7)
    }

    static func lastMonday(of month: Int, in year: Int) -> Day {
        let last = Day(year, month, 1).lastOfMonth
        return last.adding(days: -((last.weekday + 6) % 7))
    }
}
