import Core

/// A small trend line for a scorecard row: the shape of the recent values, the latest marked.
///
/// It draws in `currentColor`, so it takes the colour of the text around it. It is an image named
/// by `label`; the figures themselves belong in the table beside it.
public enum Sparkline {
    /// A sparkline of `values` (oldest first). Values outside `MeasureFigure`'s range are left out; no values gives an
    /// empty frame, one value a single dot, a flat series a level line across the middle.
    public static func svg(values: [Double], width: Int = 120, height: Int = 28, label: String) -> String {
        let width = max(width, 8)
        let height = max(height, 8)
        let values = values.filter(MeasureFigure.isUsable)
        let escaped = SVGMarkup.escape(label)
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\""
        svg += " viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"\(escaped)\" class=\"sparkline\">"
        svg += "<title>\(escaped)</title>"

        // Room for the end marker so it is never clipped.
        let pad = 3.0
        let left = pad
        let right = Double(width) - pad
        let top = pad
        let bottom = Double(height) - pad
        let middle = Double(height) / 2

        guard let last = values.last else {
            svg += "</svg>"
            return svg
        }
        let low = values.min()!
        let high = values.max()!
        let span = high - low
        func x(_ i: Int) -> Double {
            values.count == 1 ? Double(width) / 2 : left + Double(i) * (right - left) / Double(values.count - 1)
        }
        func y(_ v: Double) -> Double {
            span <= 1e-12 ? middle : bottom - (v - low) / span * (bottom - top)
        }
        if values.count > 1 {
            let points = values.indices.map { "\(SVGMarkup.number(x($0))),\(SVGMarkup.number(y(values[$0])))" }
            svg += "<polyline points=\"\(points.joined(separator: " "))\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"1.5\" stroke-linejoin=\"round\" stroke-linecap=\"round\"/>"
        }
        svg += "<circle class=\"last\" cx=\"\(SVGMarkup.number(x(values.count - 1)))\" cy=\"\(SVGMarkup.number(y(last)))\" r=\"2.5\" fill=\"currentColor\"/>"
        svg += "</svg>"
        return svg
    }
}
