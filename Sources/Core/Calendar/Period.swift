/// A reporting period: a calendar month, a financial quarter, a financial year, or the rolling
/// twelve months to a month end. English councils' financial year runs 1 April to 31 March.
public enum Period: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// A calendar month, `2023-04`.
    case month(year: Int, month: Int)
    /// A financial quarter of the year starting 1 April `startYear`: Q1 = Apr–Jun … Q4 = Jan–Mar.
    case quarter(startYear: Int, quarter: Int)
    /// The financial year starting 1 April `startYear`, `2023-24`.
    case financialYear(startYear: Int)
    /// The twelve months ending with the given month.
    case rolling12(endYear: Int, endMonth: Int)

    public enum Kind: String, Sendable, Codable, CaseIterable {
        case month, quarter, year, rolling12
    }

    public var kind: Kind {
        switch self {
        case .month: .month
        case .quarter: .quarter
        case .financialYear: .year
        case .rolling12: .rolling12
        }
    }

    /// The financial year a day falls in, named by its starting calendar year.
    public static func financialYearStart(of day: Day) -> Int {
        day.month >= 4 ? day.year : day.year - 1
    }

    public static func month(containing day: Day) -> Period { .month(year: day.year, month: day.month) }

    public static func quarter(containing day: Day) -> Period {
        let start = financialYearStart(of: day)
        let monthIndex = (day.month + 8) % 12 // April = 0 … March = 11
        return .quarter(startYear: start, quarter: monthIndex / 3 + 1)
    }

    public static func financialYear(containing day: Day) -> Period {
        .financialYear(startYear: financialYearStart(of: day))
    }

    public static func containing(_ day: Day, kind: Kind) -> Period {
        switch kind {
        case .month: month(containing: day)
        case .quarter: quarter(containing: day)
        case .year: financialYear(containing: day)
        case .rolling12: .rolling12(endYear: day.year, endMonth: day.month)
        }
    }

    public var start: Day {
        switch self {
        case let .month(y, m): return Day(y, m, 1)
        case let .quarter(y, q):
            let first = Day(y, 4, 1).adding(months: (q - 1) * 3)
            return first
        case let .financialYear(y): return Day(y, 4, 1)
        case let .rolling12(y, m): return Day(y, m, 1).adding(months: -11)
        }
    }

    public var end: Day {
        switch self {
        case let .month(y, m): return Day(y, m, 1).lastOfMonth
        case .quarter: return start.adding(months: 2).lastOfMonth
        case let .financialYear(y): return Day(y + 1, 3, 31)
        case let .rolling12(y, m): return Day(y, m, 1).lastOfMonth
        }
    }

    public func contains(_ day: Day) -> Bool { start <= day && day <= end }

    /// The period just before this one, of the same kind.
    public var previous: Period { shifted(by: -1) }

    /// The same period a year earlier.
    public var sameLastYear: Period {
        switch self {
        case let .month(y, m): .month(year: y - 1, month: m)
        case let .quarter(y, q): .quarter(startYear: y - 1, quarter: q)
        case let .financialYear(y): .financialYear(startYear: y - 1)
        case let .rolling12(y, m): .rolling12(endYear: y - 1, endMonth: m)
        }
    }

    /// The period `steps` periods later (earlier where negative).
    public func shifted(by steps: Int) -> Period {
        switch self {
        case .month:
            let d = start.adding(months: steps)
            return .month(year: d.year, month: d.month)
        case let .quarter(y, q):
            let index = y * 4 + (q - 1) + steps
            return .quarter(startYear: index / 4, quarter: index % 4 + 1)
        case let .financialYear(y):
            return .financialYear(startYear: y + steps)
        case .rolling12:
            let d = end.adding(months: steps)
            return .rolling12(endYear: d.year, endMonth: d.month)
        }
    }

    /// The label a performance officer writes: `2023-04`, `2023-24 Q1`, `2023-24`, `12 months to Mar 2024`.
    public var label: String {
        switch self {
        case let .month(y, m): return "\(y)-\(m < 10 ? "0" : "")\(m)"
        case let .quarter(y, q): return "\(Period.yearLabel(y)) Q\(q)"
        case let .financialYear(y): return Period.yearLabel(y)
        case let .rolling12(y, m): return "12 months to \(Day.shortMonthNames[m - 1]) \(y)"
        }
    }

    /// A period for a reader, in a sentence or a table: `April 2023`, `2023-24 Q1 (April to June 2023)`,
    /// `2023-24 (April 2023 to March 2024)`, `12 months to March 2024`. Months are always in full:
    /// never `2023-04` or `Apr 2023` where a person reads (`label` stays the form people type and the API uses).
    public var readableLabel: String {
        switch self {
        case let .month(y, m): return Day.monthYearText(year: y, month: m)
        case .quarter: return "\(label) (\(Day.monthNames[start.month - 1]) to \(Day.monthNames[end.month - 1]) \(end.year))"
        case .financialYear: return "\(label) (\(start.monthYearText) to \(end.monthYearText))"
        case let .rolling12(y, m): return "12 months to \(Day.monthYearText(year: y, month: m))"
        }
    }

    /// A period inside a sentence, short: `November 2026`, `2026-27 Q3`, `2026-27`,
    /// `12 months to March 2026`. The one formatter for reasons and notes that name a period
    /// (a month is never `2026-11` or `Nov 2026` where a person reads).
    public var longText: String {
        switch self {
        case let .month(y, m): return Day.monthYearText(year: y, month: m)
        case .quarter, .financialYear: return label
        case let .rolling12(y, m): return "12 months to \(Day.monthYearText(year: y, month: m))"
        }
    }

    static func yearLabel(_ startYear: Int) -> String {
        let next = (startYear + 1) % 100
        return "\(startYear)-\(next < 10 ? "0" : "")\(next)"
    }

    /// Parses the labels `label` produces, plus `R12-2024-03` for rolling periods. Years outside
    /// 1000–9000 are refused: `start` and `end` must stay within the years a `Day` holds.
    public init?(label text: String) {
        guard let period = Period(parsing: text), (1000...9000).contains(period.startYear) else { return nil }
        self = period
    }

    private var startYear: Int {
        switch self {
        case let .month(y, _), let .quarter(y, _), let .financialYear(y), let .rolling12(y, _): y
        }
    }

    private init?(parsing text: String) {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t.hasPrefix("R12-") {
            let rest = String(t.dropFirst(4))
            guard case let .month(y, m)? = Period(parsing: rest) else { return nil }
            self = .rolling12(endYear: y, endMonth: m)
            return
        }
        if t.hasPrefix("12 months to ") {
            let parts = t.dropFirst("12 months to ".count).split(separator: " ")
            guard parts.count == 2,
                  let m = Day.shortMonthNames.firstIndex(of: String(parts[0])) ?? Day.monthNames.firstIndex(of: String(parts[0])),
                  let y = Int(parts[1]) else { return nil }
            self = .rolling12(endYear: y, endMonth: m + 1)
            return
        }
        let pieces = t.split(separator: " ")
        if pieces.count == 2, pieces[1].count == 2, pieces[1].first == "Q",
           let q = Int(pieces[1].dropFirst()), (1...4).contains(q),
           let y = Period.parseYearLabel(String(pieces[0])) {
            self = .quarter(startYear: y, quarter: q)
            return
        }
        guard pieces.count == 1 else { return nil }
        if t.hasPrefix("FY"), let y = Period.parseYearLabel(String(t.dropFirst(2))) {
            self = .financialYear(startYear: y)
            return
        }
        let parts = t.split(separator: "-")
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
              let y = Int(parts[0]), let second = Int(parts[1]) else { return nil }
        // "2011-12" reads as December 2011; that financial year is written FY2011-12.
        if (1...12).contains(second) {
            self = .month(year: y, month: second)
        } else if second == (y + 1) % 100 {
            self = .financialYear(startYear: y)
        } else {
            return nil
        }
    }

    static func parseYearLabel(_ text: String) -> Int? {
        let parts = text.split(separator: "-")
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
              let y = Int(parts[0]), let n = Int(parts[1]), n == (y + 1) % 100 else { return nil }
        return y
    }

    public static func < (a: Period, b: Period) -> Bool {
        (a.end, a.start) < (b.end, b.start)
    }

    public var description: String { label }
}

extension Period: Codable {
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let period = Period(label: text) else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "'\(text)' is not a period: use 2023-04, 2023-24 Q1, 2023-24 or R12-2024-03")
        }
        self = period
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(storageLabel)
    }

    /// A label that parses back unambiguously (rolling periods as `R12-2024-03`).
    public var storageLabel: String {
        switch self {
        case let .rolling12(y, m): return "R12-\(Period.month(year: y, month: m).label)"
        case let .financialYear(y) where Period(label: label) != self: return "FY\(Period.yearLabel(y))"
        default: return label
        }
    }
}
