/// A calendar date (and time of day) read from a spreadsheet cell, with no time zone:
/// spreadsheets store local wall-clock dates, and a council's "31/07/2023" means that day
/// wherever the file is opened.
public struct CellDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int
    /// Seconds after midnight, 0 for a plain date.
    public var secondsIntoDay: Int

    public init(year: Int, month: Int, day: Int, secondsIntoDay: Int = 0) {
        self.year = year
        self.month = month
        self.day = day
        self.secondsIntoDay = secondsIntoDay
    }

    /// `2023-07-31`, or `2023-07-31 14:30:00` when the cell also holds a time.
    public var description: String {
        let date = "\(Self.pad(year, 4))-\(Self.pad(month, 2))-\(Self.pad(day, 2))"
        guard secondsIntoDay != 0 else { return date }
        let hours = secondsIntoDay / 3600, minutes = secondsIntoDay / 60 % 60, seconds = secondsIntoDay % 60
        return date + " \(Self.pad(hours, 2)):\(Self.pad(minutes, 2)):\(Self.pad(seconds, 2))"
    }

    public static func < (lhs: CellDate, rhs: CellDate) -> Bool {
        (lhs.year, lhs.month, lhs.day, lhs.secondsIntoDay) < (rhs.year, rhs.month, rhs.day, rhs.secondsIntoDay)
    }

    /// The date for a day count from 1970-01-01 (proleptic Gregorian), by integer arithmetic
    /// so that reading a large sheet of dates needs no `Calendar`.
    static func fromDaysSince1970(_ days: Int, secondsIntoDay: Int = 0) -> CellDate {
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return CellDate(year: year, month: month, day: day, secondsIntoDay: secondsIntoDay)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
