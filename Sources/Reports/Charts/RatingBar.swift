import Core

/// A horizontal bar of delivery ratings for an area, a theme or a plan: one segment per rating,
/// as wide as its share of the actions counted in the RAG.
///
/// The bar is named by `RatingRollup.sentence` ("12 actions: 2 Red (Overdue), …"), so the counts
/// are always there in words; each segment has its own tooltip, a `rag-…` class for the page's
/// CSS, and a white edge so neighbouring segments stay apart in greyscale.
public enum RatingBar {
    /// The bar of `rollup`'s Red, Amber, Green, Blue and Grey actions. On hold and withdrawn
    /// actions sit outside the RAG counts, so they are in the label but not in the bar.
    public static func svg(_ rollup: RatingRollup, width: Int = 300, height: Int = 16) -> String {
        let width = max(width, 1)
        let height = max(height, 1)
        let sentence = SVGMarkup.escape(rollup.sentence)
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\""
        svg += " viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"\(sentence)\" class=\"rating-bar\">"
        svg += "<title>\(sentence)</title>"

        let segments = rollup.shares.filter { $0.rating.countsInRAG && $0.count > 0 }
        let counted = segments.reduce(0) { $0 + $1.count }
        guard counted > 0 else {
            svg += "<rect class=\"rag-none\" x=\"0\" y=\"0\" width=\"\(width)\" height=\"\(height)\" fill=\"#f3f2f1\" stroke=\"#b1b4b6\" stroke-width=\"1\">"
            svg += "<title>No actions counted in the RAG</title></rect></svg>"
            return svg
        }
        // Edges from the running total, so the segments always add up to the full width.
        var running = 0
        for share in segments {
            let start = edge(running, of: counted, width: width)
            running += share.count
            let end = edge(running, of: counted, width: width)
            let percent = MeasureFormatting.number(Double(share.count) * 100 / Double(counted), decimals: 0)
            let tip = "\(share.count) \(share.rating.colour) (\(share.rating.word)): \(percent)%"
            svg += "<rect class=\"\(cssClass(share.rating))\" x=\"\(SVGMarkup.number(start))\" y=\"0\""
            svg += " width=\"\(SVGMarkup.number(end - start))\" height=\"\(height)\" fill=\"\(fill(share.rating))\""
            svg += " stroke=\"#ffffff\" stroke-width=\"1\"><title>\(SVGMarkup.escape(tip))</title></rect>"
        }
        svg += "</svg>"
        return svg
    }

    static func edge(_ count: Int, of total: Int, width: Int) -> Double {
        (Double(count) * Double(width) / Double(total) * 10).rounded() / 10
    }

    /// The class a page's CSS can style (`rag-red` … `rag-grey`).
    public static func cssClass(_ rating: DeliveryRating) -> String {
        switch rating {
        case .red: "rag-red"
        case .amber: "rag-amber"
        case .green: "rag-green"
        case .blue: "rag-blue"
        case .grey: "rag-grey"
        case .onHold: "rag-on-hold"
        case .withdrawn: "rag-withdrawn"
        }
    }

    /// GOV.UK design-system colours for the RAG words the segments carry.
    static func fill(_ rating: DeliveryRating) -> String {
        switch rating {
        case .red: "#d4351c"
        case .amber: "#f47738"
        case .green: "#00703c"
        case .blue: "#1d70b8"
        case .grey: "#b1b4b6"
        case .onHold, .withdrawn: "#505a5f"
        }
    }
}
