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

        /// The arrow a reader sees beside the word, so the two always say the same thing: up for
        /// better, down for worse, whichever way the number itself moved (for a measure where lower
        /// is better, a fall is ↑ Improving). The number's own movement is `Movement`.
        public var arrow: String {
            switch self {
            case .improving: "↑"
            case .declining: "↓"
            case .noChange: "→"
            case .notAvailable: ""
            }
        }

        /// The judgements a key to the arrows lists, in the order it lists them.
        public static let keyed: [Judgement] = [.improving, .declining, .noChange]
    }

    public enum Movement: String, Sendable, Codable {
        case up, down, level, none

    }

    public var judgement: Judgement
    public var movement: Movement
    public var comparedWith: Period
    public var reason: String

    public var word: String { judgement.word }
    /// Agrees with `word` by construction: both come from the judgement.
    public var arrow: String { judgement.arrow }

    /// What a key to the arrows says after listing them: that an arrow is a judgement, not the
    /// way the number went.
    public static let keyNote = "The arrow shows whether the measure got better or worse: where lower is better, a fall is ↑ Improving."

    /// The key as one sentence, for documents: "Key: ↑ Improving, ↓ Declining, → No change. …".
    public static var keySentence: String {
        "Key: " + Judgement.keyed.map { "\($0.arrow) \($0.word)" }.joined(separator: ", ") + ". " + keyNote
    }
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
