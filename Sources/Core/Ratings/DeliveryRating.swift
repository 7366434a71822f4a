/// Delivery status of an action as at a date (BRAG), derived from its dates, milestones and progress.
public enum DeliveryRating: String, Sendable, Codable, CaseIterable, Comparable {
    case red, amber, green, blue, grey
    case onHold = "on hold"
    case withdrawn

    /// The word shown beside the colour: colour is never the only signal.
    public var word: String {
        switch self {
        case .blue: "Complete"
        case .red: "Overdue"
        case .amber: "Behind schedule"
        case .green: "On schedule"
        case .grey: "Not yet due to start"
        case .onHold: "On hold"
        case .withdrawn: "Withdrawn"
        }
    }

    /// The colour name ("Red"), for sentences.
    public var colour: String {
        switch self {
        case .blue: "Blue"
        case .red: "Red"
        case .amber: "Amber"
        case .green: "Green"
        case .grey: "Grey"
        case .onHold: "On hold"
        case .withdrawn: "Withdrawn"
        }
    }

    /// On hold and withdrawn actions are shown as such, outside the RAG counts.
    public var countsInRAG: Bool { self != .onHold && self != .withdrawn }

    /// Exceptions first: red, amber, then the rest.
    public static let reportingOrder: [DeliveryRating] = [.red, .amber, .green, .blue, .grey, .onHold, .withdrawn]

    public static func < (a: DeliveryRating, b: DeliveryRating) -> Bool {
        reportingOrder.firstIndex(of: a)! < reportingOrder.firstIndex(of: b)!
    }
}

/// A delivery rating with the sentences that explain it.
public struct DeliveryAssessment: Sendable, Codable, Hashable {
    /// The rating shown (the override where there is one).
    public var rating: DeliveryRating
    /// Why, in sentences a board member can read.
    public var reasons: [String]
    /// The rating the rules give, whether or not it was overridden.
    public var calculated: DeliveryRating
    public var override: RatingOverride?

    public var isOverridden: Bool { override != nil }

    /// One line: "Amber — Behind schedule: milestone 'UAT' was due 30 Sep 2023 and is not complete".
    public var summary: String {
        "\(rating.colour) — \(rating.word)" + (reasons.isEmpty ? "" : ": " + reasons.joined(separator: "; "))
    }
}
