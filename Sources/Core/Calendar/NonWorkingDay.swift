/// A weekday on which no work is done, with the reason a performance officer reads in a
/// drill-down ("Good Friday", "Council closure"): a bank holiday or a local closure day.
///
/// Weekends are not listed: every Saturday and Sunday is a non-working day by rule.
public struct NonWorkingDay: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    /// Why the day is not worked.
    public enum Kind: String, Hashable, Sendable, Codable {
        /// An England and Wales bank holiday (built in, or from an override file).
        case bankHoliday
        /// A day the council closes its offices, such as the days between Christmas and New Year.
        case localClosure
    }

    public let day: Day
    /// The name as GOV.UK or the council writes it: "Easter Monday", "Council closure".
    public let name: String
    public let kind: Kind

    public init(day: Day, name: String, kind: Kind = .bankHoliday) {
        self.day = day
        self.name = name
        self.kind = kind
    }

    public static func < (a: NonWorkingDay, b: NonWorkingDay) -> Bool {
        (a.day, a.name) < (b.day, b.name)
    }

    /// `2024-03-29 Good Friday`.
    public var description: String { "\(day.iso) \(name)" }
}
