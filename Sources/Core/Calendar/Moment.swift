/// A date and time of day on the UK clock, to the minute: when a child returned from a missing
/// episode, when a return interview was held. What clock-hour timescales (4, 24, 72 hours) are
/// measured on; day timescales use `Day`.
///
/// Case records hold UK local times without a zone, so that is what a moment is. Elapsed time
/// allows for the clocks changing: 10:00 Sat 26 Oct 2024 to 09:00 Tue 29 Oct 2024 is 72 hours,
/// because the clocks went back an hour in between.
public struct Moment: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let day: Day
    /// 0–23.
    public let hour: Int
    /// 0–59.
    public let minute: Int

    /// A moment, or nil when the hour or minute is out of range.
    public init?(day: Day, hour: Int, minute: Int) {
        guard (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        self.day = day
        self.hour = hour
        self.minute = minute
    }

    /// A moment from numbers known to be valid (tests, fixtures).
    public init(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int) {
        guard let made = Moment(day: Day(year, month, day), hour: hour, minute: minute) else {
            preconditionFailure("\(hour):\(minute) is not a time of day")
        }
        self = made
    }

    /// Parses `2024-03-28T14:05` or `2024-03-28 14:05`; seconds (`14:05:30`) are accepted and
    /// dropped, as case records time events to the minute.
    public init?(iso text: String) {
        let separator = text.firstIndex(where: { $0 == "T" || $0 == " " })
        guard let separator, let day = Day(iso: String(text[..<separator])) else { return nil }
        let clock = text[text.index(after: separator)...].split(separator: ":", omittingEmptySubsequences: false)
        guard clock.count == 2 || clock.count == 3, clock.allSatisfy({ $0.count == 2 }),
              let hour = Int(clock[0]), let minute = Int(clock[1]),
              clock.count == 2 || Int(clock[2]).map({ (0...59).contains($0) }) == true else { return nil }
        self.init(day: day, hour: hour, minute: minute)
    }

    /// `2024-03-28T14:05`.
    public var iso: String {
        "\(day.iso)T\(hour < 10 ? "0" : "")\(hour):\(minute < 10 ? "0" : "")\(minute)"
    }

    public var description: String { iso }

    public static func < (a: Moment, b: Moment) -> Bool {
        (a.day, a.hour, a.minute) < (b.day, b.hour, b.minute)
    }

    /// Minutes of real time from this moment to `other` (negative when `other` is earlier).
    public func minutes(until other: Moment) -> Int {
        other.minutesSinceEpochUTC - minutesSinceEpochUTC
    }

    /// Whether `end` is no more than `hours` hours after `start`: exactly 72:00 after is within
    /// 72 hours, 72:01 is not. An `end` before `start` is within; such a row is a data-quality
    /// problem for the caller to report.
    public static func within(hours: Int, from start: Moment, to end: Moment) -> Bool {
        start.minutes(until: end) <= hours * 60
    }

    // MARK: UK clock changes

    /// Minutes since 1970-01-01 00:00 UTC. British Summer Time (UTC+1) runs from 01:00 UTC on
    /// the last Sunday in March to 01:00 UTC on the last Sunday in October. A time in the hour
    /// the clocks skip is read as summer time; a time in the hour they repeat is read as its
    /// first (summer time) occurrence.
    public var minutesSinceEpochUTC: Int {
        let local = day.ordinal * 1440 + hour * 60 + minute
        return isSummerTime ? local - 60 : local
    }

    private var isSummerTime: Bool {
        let startsOn = Moment.lastSunday(of: 3, in: day.year)
        let endsOn = Moment.lastSunday(of: 10, in: day.year)
        // Local 02:00 on the change days: when the clocks go forward, and when they go back to 01:00.
        let afterStart = day > startsOn || (day == startsOn && hour >= 2)
        let beforeEnd = day < endsOn || (day == endsOn && hour < 2)
        return afterStart && beforeEnd
    }

    private static func lastSunday(of month: Int, in year: Int) -> Day {
        let last = Day(year, month, 1).lastOfMonth
        return last.adding(days: -(last.weekday % 7))
    }
}
