import Testing
@testable import Reports

@Suite("Sparkline")
struct SparklineTests {
    @Test("a rising series runs bottom-left to top-right and marks the last point")
    func rising() {
        #expect(Sparkline.svg(values: [1, 2, 3], label: "Trend") ==
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"120\" height=\"28\" viewBox=\"0 0 120 28\" role=\"img\" aria-label=\"Trend\" class=\"sparkline\">"
            + "<title>Trend</title>"
            + "<polyline points=\"3,25 60,14 117,3\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"1.5\" stroke-linejoin=\"round\" stroke-linecap=\"round\"/>"
            + "<circle class=\"last\" cx=\"117\" cy=\"3\" r=\"2.5\" fill=\"currentColor\"/>"
            + "</svg>")
    }

    @Test("no values: an empty image that still has its label")
    func noValues() {
        let svg = Sparkline.svg(values: [], label: "No data yet")
        #expect(svg.contains("role=\"img\" aria-label=\"No data yet\""))
        #expect(svg.contains("<title>No data yet</title>"))
        #expect(!svg.contains("<polyline"))
        #expect(!svg.contains("<circle"))
        #expect(ReportFixtures.isWellFormedXML(svg))
    }

    @Test("one value: a single dot in the middle, no line")
    func oneValue() {
        let svg = Sparkline.svg(values: [42], label: "One")
        #expect(!svg.contains("<polyline"))
        #expect(svg.contains("<circle class=\"last\" cx=\"60\" cy=\"14\" r=\"2.5\""))
    }

    @Test("a flat series is a level line across the middle")
    func flat() {
        let svg = Sparkline.svg(values: [5, 5, 5, 5], width: 60, height: 20, label: "Flat")
        #expect(svg.contains("<polyline points=\"3,10 21,10 39,10 57,10\""))
        #expect(svg.contains("<circle class=\"last\" cx=\"57\" cy=\"10\""))
    }

    @Test("values that are not numbers are left out rather than breaking the drawing")
    func nonFinite() {
        let svg = Sparkline.svg(values: [1, .nan, 3, .infinity], label: "Gaps")
        #expect(svg.contains("<polyline points=\"3,25 117,3\""))
        #expect(!svg.lowercased().contains("nan"))
    }

    @Test("the label is escaped")
    func escaped() {
        let svg = Sparkline.svg(values: [1, 2], label: "Visits <28 days & \"late\"")
        #expect(svg.contains("aria-label=\"Visits &lt;28 days &amp; &quot;late&quot;\""))
        #expect(svg.contains("<title>Visits &lt;28 days &amp; &quot;late&quot;</title>"))
        #expect(ReportFixtures.isWellFormedXML(svg))
    }
}
