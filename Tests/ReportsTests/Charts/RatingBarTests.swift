import Core
import Testing
@testable import Reports

@Suite("Rating bar")
struct RatingBarTests {
    func segments(_ svg: String) -> [(css: String, x: Double, width: Double)] {
        let css = ReportFixtures.captures(#"<rect class="(rag-[a-z-]+)""#, in: svg)
        let xs = ReportFixtures.captures(#"<rect class="rag-[a-z-]+" x="([^"]*)""#, in: svg).map { Double($0)! }
        let widths = ReportFixtures.captures(#"<rect class="rag-[a-z-]+" x="[^"]*" y="0" width="([^"]*)""#, in: svg).map { Double($0)! }
        return zip(css, zip(xs, widths)).map { (css: $0, x: $1.0, width: $1.1) }
    }

    @Test("segments are as wide as their share of the counted actions, red first; on hold is left out of the bar")
    func proportional() {
        let rollup = RatingRollup(ratings: [(.green, 50), (.red, 20), (.amber, 40), (.red, 10), (.onHold, 0)])
        let svg = RatingBar.svg(rollup)
        let drawn = segments(svg)
        #expect(drawn.map(\.css) == ["rag-red", "rag-amber", "rag-green"])
        #expect(drawn.map(\.x) == [0, 150, 225])
        #expect(drawn.map(\.width) == [150, 75, 75])
        #expect(svg.contains("fill=\"#d4351c\" stroke=\"#ffffff\" stroke-width=\"1\"><title>2 Red (Overdue): 50%</title>"))
        #expect(svg.contains("<title>1 Amber (Behind schedule): 25%</title>"))
        #expect(!svg.contains("rag-on-hold"))
    }

    @Test("the bar is named by the roll-up sentence, on hold included")
    func ariaLabel() {
        let rollup = RatingRollup(ratings: [(.green, 50), (.red, 20), (.amber, 40), (.red, 10), (.onHold, 0)])
        let svg = RatingBar.svg(rollup)
        let sentence = "5 actions: 2 Red (Overdue), 1 Amber (Behind schedule), 1 Green (On schedule), 1 On hold (On hold)"
        #expect(rollup.sentence == sentence)
        #expect(svg.contains("role=\"img\" aria-label=\"\(sentence)\""))
        #expect(svg.contains("<title>\(sentence)</title>"))
        #expect(ReportFixtures.isWellFormedXML(svg))
    }

    @Test("thirds of an awkward width still fill the bar exactly")
    func roundingFillsWidth() {
        let rollup = RatingRollup(ratings: [(.blue, 100), (.grey, 0), (.green, 30)])
        let drawn = segments(RatingBar.svg(rollup, width: 100, height: 10))
        #expect(drawn.map(\.css) == ["rag-green", "rag-blue", "rag-grey"])
        #expect(drawn.map(\.width) == [33.3, 33.4, 33.3])
        #expect(abs(drawn.map(\.width).reduce(0, +) - 100) < 1e-9)
    }

    @Test("no counted actions: an empty bar that says so")
    func empty() {
        let svg = RatingBar.svg(RatingRollup(ratings: []))
        #expect(svg.contains("aria-label=\"0 actions\""))
        #expect(svg.contains("class=\"rag-none\""))
        #expect(svg.contains("<title>No actions counted in the RAG</title>"))
        #expect(segments(svg).map(\.css) == ["rag-none"])
    }
}
