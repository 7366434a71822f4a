import Core
import Foundation
import Reports

/// A RAG distribution as a bar with numbers and words beside it: "3 Red (Overdue)".
struct RollupView: Sendable {
    struct Count: Sendable {
        var count: Int
        /// "Red (Overdue)".
        var label: String
        var swatch: String
    }

    /// The bar from Reports (its own accessible name says the same as `sentence`).
    var bar: String
    var counts: [Count]
    /// "12 actions: 2 Red (Overdue), …".
    var sentence: String
    var total: Int
    /// "43%", or nil where no action counts in the RAG.
    var averagePercent: String?
    /// "2 on hold or withdrawn, not counted in the RAG figures", or nil.
    var notCounted: String?

    /// - Parameter includeZero: list every RAG rating, even with no actions (the plan overview);
    ///   otherwise only those with actions (the compact lists).
    init(_ rollup: RatingRollup, barWidth: Int, barHeight: Int = 20, includeZero: Bool) {
        bar = RatingBar.svg(rollup, width: barWidth, height: barHeight)
        counts = rollup.shares.filter { share in
            share.count > 0 || (includeZero && share.rating.countsInRAG)
        }.map { share in
            let rating = share.rating
            let label = rating.colour == rating.word ? rating.word : "\(rating.colour) (\(rating.word))"
            return Count(count: share.count, label: label, swatch: Chip.colourName(of: rating))
        }
        sentence = rollup.sentence
        total = rollup.total
        averagePercent = rollup.averagePercentComplete.map { "\(Int($0.rounded()))%" }
        let outside = rollup.total - rollup.counted
        notCounted = outside > 0 ? "\(outside) on hold or withdrawn, not counted in the RAG figures" : nil
    }
}
