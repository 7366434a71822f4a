/// Counts and shares of delivery ratings for an area, a theme or a plan.
public struct RatingRollup: Sendable, Codable, Hashable {
    public struct Share: Sendable, Codable, Hashable {
        public var rating: DeliveryRating
        public var count: Int
        /// Share of the actions counted in the RAG (on hold and withdrawn excluded), 0–100.
        public var percent: Double
    }

    /// One entry per rating, in reporting order (red first), zero counts included.
    public var shares: [Share]
    /// Actions counted in the RAG: all but on hold and withdrawn.
    public var counted: Int
    /// All actions, including on hold and withdrawn.
    public var total: Int
    /// Mean % complete of the counted actions, or nil where there are none.
    public var averagePercentComplete: Double?

    public init(ratings: [(DeliveryRating, Int)]) {
        var counts: [DeliveryRating: Int] = [:]
        var percentSum = 0
        var counted = 0
        for (rating, percent) in ratings {
            counts[rating, default: 0] += 1
            if rating.countsInRAG {
                counted += 1
                // Clamped (a stored figure from before % complete was checked must not overflow
                // the sum), and Blue counts as 100%: the one rule every page and output shows.
                percentSum += DeliveryRules.percentComplete(recorded: percent, rating: rating)
            }
        }
        self.total = ratings.count
        self.counted = counted
        self.averagePercentComplete = counted == 0 ? nil : Double(percentSum) / Double(counted)
        self.shares = DeliveryRating.reportingOrder.map { rating in
            let count = counts[rating] ?? 0
            let percent = rating.countsInRAG && counted > 0 ? Double(count) * 100 / Double(counted) : 0
            return Share(rating: rating, count: count, percent: percent)
        }
    }

    public func count(of rating: DeliveryRating) -> Int {
        shares.first { $0.rating == rating }?.count ?? 0
    }

    /// "12 actions: 2 Red (Overdue), 3 Amber (Behind schedule), …" — the bar in words.
    public var sentence: String {
        let parts = shares.filter { $0.count > 0 }.map { "\($0.count) \($0.rating.colour) (\($0.rating.word))" }
        let head = "\(total) action\(total == 1 ? "" : "s")"
        return parts.isEmpty ? head : head + ": " + parts.joined(separator: ", ")
    }
}
