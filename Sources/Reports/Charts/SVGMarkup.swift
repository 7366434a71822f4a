import Documents

/// Small, deterministic building blocks for the server-rendered SVG charts.
///
/// Everything here is locale-free: numbers are written with a fixed number of decimals and a
/// dot, so the same data always gives byte-for-byte the same SVG (snapshot tests, caching).
enum SVGMarkup {
    /// Escapes text for XML character data and attribute values (`&`, `<`, `>`, `"`, `'`).
    static func escape(_ text: String) -> String { MarkupText.escaped(text) }

    /// A coordinate with at most one decimal, no trailing `.0` (`12`, `12.5`, `-3.2`).
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        // Coordinates are pixels; clamping far outside any drawing keeps the conversion from trapping.
        let tenths = Int((max(-1e9, min(1e9, value)) * 10).rounded())
        let negative = tenths < 0
        let magnitude = abs(tenths)
        let whole = magnitude / 10
        let fraction = magnitude % 10
        let text = fraction == 0 ? "\(whole)" : "\(whole).\(fraction)"
        return (negative && magnitude != 0 ? "-" : "") + text
    }

    /// A rough width of `text` at `fontSize` in a sans-serif face, for layout without font metrics.
    static func estimatedWidth(of text: String, fontSize: Double) -> Double {
        Double(text.count) * fontSize * 0.58
    }
}

/// The Okabe–Ito palette: distinguishable with the common colour-vision deficiencies. Every
/// colour is also paired with a dash pattern or a marker shape, so colour is never the only signal.
enum ChartPalette {
    static let value = "#0072B2"       // blue
    static let target = "#D55E00"      // vermilion
    static let benchmark = "#000000"   // black
    static let axis = "#505a5f"
    static let grid = "#dddddd"
    static let text = "#0b0c0c"
}
