/// A KPI's RAG for a period against the target in force.
public enum MeasureRAG: String, Sendable, Codable, CaseIterable {
    case green, amber, red
    case noTarget = "no target"
    case noData = "no data"

    public var word: String {
        switch self {
        case .green: "On or better than target"
        case .amber: "Within tolerance of target"
        case .red: "Worse than target"
        case .noTarget: "No target"
        case .noData: "No data"
        }
    }

    public var colour: String {
        switch self {
        case .green: "Green"
        case .amber: "Amber"
        case .red: "Red"
        case .noTarget: "No target"
        case .noData: "No data"
        }
    }
}

/// The target a period is judged against, and why that one.
public struct TargetInForce: Sendable, Codable, Hashable {
    public enum Basis: String, Sendable, Codable {
        case periodTarget = "period target"
        case nextTarget = "next target"
        case finalTarget = "final target"
        case trajectory
        case band
    }

    public var value: Double
    public var basis: Basis
    public var reason: String
}

/// A KPI's rating for a period, with the target used and the sentences that explain it.
public struct MeasureRating: Sendable, Codable, Hashable {
    public var period: Period
    public var rag: MeasureRAG
    public var value: Double?
    public var target: TargetInForce?
    public var reasons: [String]

    public var summary: String {
        "\(rag.colour)" + (reasons.isEmpty ? "" : ": " + reasons.joined(separator: "; "))
    }
}

/// Improving, declining or no change — judged by polarity, not by whether the number went up.
public struct DirectionOfTravel: Sendable, Codable, Hashable {
    public enum Judgement: String, Sendable, Codable {
        case improving, declining
        case noChange = "no change"
        case notAvailable = "not available"

        public var word: String {
            switch self {
            case .improving: "Improving"
            case .declining: "Declining"
            case .noChange: "No change"
            case .notAvailable: "Not available"
            }
        }
    }

    public enum Movement: String, Sendable, Codable {
        case up, down, level, none

        /// The arrow shows which way the number moved; the word says whether that is good.
        public var arrow: String {
            switch self {
            case .up: "↑"
            case .down: "↓"
            case .level: "→"
            case .none: ""
            }
        }
    }

    public var judgement: Judgement
    public var movement: Movement
    public var comparedWith: Period
    public var reason: String

    public var word: String { judgement.word }
    public var arrow: String { movement.arrow }
}

/// Whether a KPI is an exception for the board: Red now, or Red and not yet back to Green.
public struct ExceptionStatus: Sendable, Codable, Hashable {
    public var isException: Bool
    /// The period it became an exception, while it is one.
    public var since: Period?
    public var reason: String
}

/// When a KPI becomes an exception: after this many consecutive Red periods, or at once when newly Red.
public struct ExceptionPolicy: Sendable, Codable, Hashable {
    public var consecutiveRedPeriods: Int
    public var newlyRedIsException: Bool

    public init(consecutiveRedPeriods: Int = 2, newlyRedIsException: Bool = true) {
        self.consecutiveRedPeriods = max(1, consecutiveRedPeriods)
        self.newlyRedIsException = newlyRedIsException
    }

    public static let standard = ExceptionPolicy()
}
