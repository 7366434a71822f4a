import Foundation

/// A calendar date with no time or time zone: a due date, a milestone date, an "as at" date.
///
/// Ratings are judged per day, so a day is the unit; keeping it apart from `Date` means a
/// deadline never moves because a server runs in another time zone.
public struct Day: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Creates a day, or nil where the date does not exist (31 April, 29 February 2023).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= Day.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Creates a day from numbers known to be valid (demo data, tests).
    public init(_ year: Int, _ month: Int, _ day: Int) {
        guard let made = Day(year: year, month: month, day: day) else {
            preconditionFailure("\(year)-\(month)-\(day) is not a date")
        }
        self = made
    }

    /// Parses an ISO 8601 date, `2023-09-30`.
    public init?(iso text: String) {
        // Read byte by byte: every stored date passes through here when a plan loads.
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let byte = bytes[index]
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (negative before). Civil-from-days algorithm (Howard Hinnant).
    public var ordinal: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public init(ordinal: Int) {
        let z = ordinal + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.year = y
        self.month = m
        self.day = d
    }

    public func adding(days: Int) -> Day { Day(ordinal: ordinal + days) }

    /// The same day `months` later, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb).
    public func adding(months: Int) -> Day {
        let index = year * 12 + (month - 1) + months
        let y = index / 12
        let m = index % 12 + 1
        return Day(y, m, min(day, Day.daysIn(month: m, year: y)))
    }

    public func days(until other: Day) -> Int { other.ordinal - ordinal }

    /// 1 = Monday … 7 = Sunday.
    public var weekday: Int {
        // 1970-01-01 was a Thursday (4).
        let r = (ordinal % 7 + 7) % 7
        return (r + 3) % 7 + 1
    }

    public var isWeekend: Bool { weekday >= 6 }

    public var firstOfMonth: Day { Day(year, month, 1) }
    public var lastOfMonth: Day { Day(year, month, Day.daysIn(month: month, year: year)) }

    public static func < (a: Day, b: Day) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    /// `2023-09-30`: how days travel in the API, the database and files.
    public var iso: String {
        // Built by hand: String(format:) goes through NSString and was most of the cost of
        // encoding a plan's actions as JSON.
        func padded(_ value: Int, to width: Int) -> String {
            let digits = String(value)
            return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
        }
        return padded(year, to: 4) + "-" + padded(month, to: 2) + "-" + padded(day, to: 2)
    }

    /// `30 September 2023`: how days read on a page, in a board pack or an export for people
    /// (GOV.UK style: no leading zero, the month in full and capitalised). Machine formats
    /// (the API, CSV date columns, form values, `datetime` attributes) use `iso`.
    public var formatted: String {
        "\(day) \(Day.monthNames[month - 1]) \(year)"
    }

    /// `30 September 2023`; the same as `formatted`, kept for the places that ask for it by name.
    public var formattedLong: String { formatted }

    /// `September 2023`: a month in a sentence, never `2023-09` or `Sep 2023`.
    public var monthYearText: String { Day.monthYearText(year: year, month: month) }

    /// `September 2023` for a year and month (1–12).
    public static func monthYearText(year: Int, month: Int) -> String {
        "\(monthNames[min(max(month, 1), 12) - 1]) \(year)"
    }

    public var description: String { iso }

    public static let monthNames = ["January", "February", "March", "April", "May", "June", "July",
                                    "August", "September", "October", "November", "December"]
    public static let shortMonthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug",
                                         "Sep", "Oct", "Nov", "Dec"]

    /// Today in the given time zone (UK by default: councils work to UK dates).
    public static func today(in timeZone: TimeZone = TimeZone(identifier: "Europe/London") ?? .gmt,
                             now: Date = Date()) -> Day {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day], from: now)
        return Day(c.year!, c.month!, c.day!)
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let day = Day(iso: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "'\(text)' is not a date in the form YYYY-MM-DD")
        }
        self = day
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso)
    }
}
