/// A KPI (success measure): definition, targets, benchmarks and dated values.
public struct Measure: Sendable, Codable, Hashable, Identifiable {
    public enum Unit: String, Sendable, Codable, CaseIterable {
        case percentage
        case count
        case ratePer10k = "rate per 10,000"
        case days
        case score

        public var isPercentage: Bool { self == .percentage }
    }

    public enum Polarity: String, Sendable, Codable, CaseIterable {
        case higherIsBetter = "higher is better"
        case lowerIsBetter = "lower is better"
        case withinBand = "within a band"
    }

    public enum Frequency: String, Sendable, Codable, CaseIterable {
        case monthly, quarterly, annual

        public var periodKind: Period.Kind {
            switch self {
            case .monthly: .month
            case .quarterly: .quarter
            case .annual: .year
            }
        }
    }

    /// Where values come from: typed in, computed from a catalogue measure, or from audit.
    public enum Source: Sendable, Codable, Hashable {
        case manual
        case computed(catalogueID: String)
        case audit

        public var label: String {
            switch self {
            case .manual: "Manual entry"
            case let .computed(id): "Computed (\(id))"
            case .audit: "Case audit"
            }
        }
    }

    public var id: Int64
    public var organisationID: Int64
    /// The number or code councils use ("42", "ASM-45WD").
    public var code: String
    public var title: String
    public var definition: String
    public var numeratorText: String
    public var denominatorText: String
    public var unit: Unit
    public var polarity: Polarity
    /// For band polarity: the band that is good, inclusive.
    public var band: ClosedRange<Double>?
    public var frequency: Frequency
    public var source: Source
    public var decimals: Int
    public var owner: String
    /// Final and interim targets, each due by a date.
    public var targets: [Target]
    /// Judge against a path interpolated between targets rather than the next target.
    public var followsTrajectory: Bool
    /// Start of the trajectory where no earlier target exists.
    public var baseline: Baseline?
    /// Explicit per-period targets; they override the targets and the trajectory.
    public var periodTargets: [PeriodTarget]
    /// Amber tolerance; nil means the default (5 points for percentages, 5% relative otherwise).
    public var tolerance: Double?
    public var benchmarks: [Benchmark]
    /// Oldest first.
    public var values: [MeasureValue]
    public var version: Int

    public init(id: Int64 = 0, organisationID: Int64, code: String, title: String, definition: String = "",
                numeratorText: String = "", denominatorText: String = "", unit: Unit = .percentage,
                polarity: Polarity = .higherIsBetter, band: ClosedRange<Double>? = nil,
                frequency: Frequency = .monthly, source: Source = .manual, decimals: Int = 1,
                owner: String = "", targets: [Target] = [], followsTrajectory: Bool = false,
                baseline: Baseline? = nil, periodTargets: [PeriodTarget] = [], tolerance: Double? = nil,
                benchmarks: [Benchmark] = [], values: [MeasureValue] = [], version: Int = 1) {
        self.id = id
        self.organisationID = organisationID
        self.code = code
        self.title = title
        self.definition = definition
        self.numeratorText = numeratorText
        self.denominatorText = denominatorText
        self.unit = unit
        self.polarity = polarity
        self.band = band
        self.frequency = frequency
        self.source = source
        self.decimals = decimals
        self.owner = owner
        self.targets = targets
        self.followsTrajectory = followsTrajectory
        self.baseline = baseline
        self.periodTargets = periodTargets
        self.tolerance = tolerance
        self.benchmarks = benchmarks
        self.values = values
        self.version = version
    }

    /// The tolerance in force: as set, or 5 percentage points for percentages and 5% relative otherwise.
    public func effectiveTolerance(around target: Double) -> Double {
        if let tolerance { return tolerance }
        return unit.isPercentage ? 5 : abs(target) * 0.05
    }

    /// Values in period order, latest last.
    public var valuesInOrder: [MeasureValue] { values.sorted { $0.period < $1.period } }

    public func value(for period: Period) -> MeasureValue? {
        values.first { $0.period == period }
    }

    /// Formats a value the way it reads on a scorecard: `82.5%`, `14`, `41.2 per 10,000`; a figure
    /// outside `MeasureFigure`'s range (stored before the range was enforced) reads "unusable value".
    public func format(_ value: Double) -> String {
        guard MeasureFigure.isUsable(value) else { return MeasureFigure.unusableText }
        let number = MeasureFormatting.number(value, decimals: decimals)
        switch unit {
        case .percentage: return number + "%"
        case .ratePer10k: return number + " per 10,000"
        case .days: return number + " days"
        case .count, .score: return number
        }
    }
}

public struct Target: Sendable, Codable, Hashable {
    public var value: Double
    /// The target is to be met by this date.
    public var dueBy: Day
    /// Interim targets are milestones on the way to the final (latest) one.
    public var isInterim: Bool

    public init(value: Double, dueBy: Day, isInterim: Bool = false) {
        self.value = value
        self.dueBy = dueBy
        self.isInterim = isInterim
    }
}

public struct Baseline: Sendable, Codable, Hashable {
    public var value: Double
    public var date: Day
    public init(value: Double, date: Day) {
        self.value = value
        self.date = date
    }
}

public struct PeriodTarget: Sendable, Codable, Hashable {
    public var period: Period
    public var value: Double
    public init(period: Period, value: Double) {
        self.period = period
        self.value = value
    }
}

/// A comparator for a year: England, the region, or statistical neighbours.
public struct Benchmark: Sendable, Codable, Hashable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case england = "England"
        case region = "Region"
        case statisticalNeighbours = "Statistical neighbours"
    }

    public var kind: Kind
    /// The year it describes, `2022-23`.
    public var year: String
    public var value: Double
    public var rangeLow: Double?
    public var rangeHigh: Double?
    /// Where it comes from ("DfE Characteristics of children in need 2023").
    public var source: String

    public init(kind: Kind, year: String, value: Double, rangeLow: Double? = nil, rangeHigh: Double? = nil, source: String = "") {
        self.kind = kind
        self.year = year
        self.value = value
        self.rangeLow = rangeLow
        self.rangeHigh = rangeHigh
        self.source = source
    }
}

/// A value of a measure for a period, as at a date.
public struct MeasureValue: Sendable, Codable, Hashable, Identifiable {
    public var id: Int64
    public var period: Period
    public var value: Double
    public var numerator: Double?
    public var denominator: Double?
    public var asAt: Day
    public var note: String
    /// Set when the engine computed it: the input file it came from.
    public var computedFrom: String?

    public init(id: Int64 = 0, period: Period, value: Double, numerator: Double? = nil,
                denominator: Double? = nil, asAt: Day, note: String = "", computedFrom: String? = nil) {
        self.id = id
        self.period = period
        self.value = value
        self.numerator = numerator
        self.denominator = denominator
        self.asAt = asAt
        self.note = note
        self.computedFrom = computedFrom
    }
}

public enum MeasureFormatting {
    /// Fixed decimals without Foundation's locale-dependent formatting. Never traps: a value that
    /// is not a number reads "unusable value", and one too large to hold its decimals exactly
    /// (beyond 2⁵³) is written whole, digit by digit.
    public static func number(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return MeasureFigure.unusableText }
        let places = max(0, min(decimals, 6))
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        // Below 2⁵³ every whole number is exact, so these conversions cannot trap or lose digits.
        let exactLimit = 9_007_199_254_740_992.0
        guard abs(value) * scale < exactLimit else { return wholeDigits(value) }
        let rounded = (value * scale).rounded() / scale
        if places == 0 { return String(Int64(rounded)) }
        let negative = rounded < 0
        let scaled = Int64((abs(rounded) * scale).rounded())
        let whole = scaled / Int64(scale)
        var fraction = String(scaled % Int64(scale))
        while fraction.count < places { fraction = "0" + fraction }
        return (negative ? "-" : "") + "\(whole).\(fraction)"
    }

    /// A finite value of any size as a whole number: `Double`'s shortest exact description
    /// (`1e+300`) expanded into digits, so a page never shows exponent notation.
    private static func wholeDigits(_ value: Double) -> String {
        let description = String(value.rounded()) // "1e+300", "-9.007199254740993e+15"
        guard let e = description.firstIndex(where: { $0 == "e" || $0 == "E" }) else {
            return description.hasSuffix(".0") ? String(description.dropLast(2)) : description
        }
        let mantissa = description[..<e]
        guard let exponent = Int(description[description.index(after: e)...]), exponent >= 0, exponent < 400 else {
            return description
        }
        let negative = mantissa.hasPrefix("-")
        let unsigned = negative ? mantissa.dropFirst() : mantissa[...]
        let parts = unsigned.split(separator: ".", maxSplits: 1)
        let integer = parts.first.map(String.init) ?? "0"
        let fraction = parts.count > 1 ? String(parts[1]) : ""
        let digits = integer + fraction
        let length = integer.count + exponent
        let padded = digits.count >= length ? String(digits.prefix(length)) : digits + String(repeating: "0", count: length - digits.count)
        return (negative ? "-" : "") + padded
    }
}
