import Core
import Foundation
import Testing
@testable import Reports

@Suite("Measure chart")
struct MeasureChartTests {
    let measure = ReportFixtures.timelyAssessments()

    func chart(_ measure: Measure, periods: Int = 18, title: String = "A1 Assessments in time") -> String {
        MeasureChart.svg(for: measure, periods: periods, title: title)
    }

    /// The y pixel the chart uses for `value`, read back from two y-axis tick labels.
    func yScale(_ svg: String) -> (Double) -> Double {
        let ticks = ReportFixtures.captures(#"<text x="[^"]*" y="([^"]*)"[^>]*class="y-tick">([^<]*)</text>"#, in: svg)
        let pairs = ReportFixtures.captures(#"<text x="[^"]*" y="[^"]*"[^>]*class="y-tick">([^<]*)</text>"#, in: svg)
        let ys = ticks.map { Double($0)! - 4 }
        let values = pairs.map { Double($0.replacingOccurrences(of: "%", with: ""))! }
        let (y0, y1, v0, v1) = (ys.first!, ys.last!, values.first!, values.last!)
        return { value in y0 + (value - v0) / (v1 - v0) * (y1 - y0) }
    }

    func pointCentres(_ svg: String) -> [(x: Double, y: Double)] {
        let xs = ReportFixtures.captures(#"<circle class="value-point[^"]*" cx="([^"]*)""#, in: svg).map { Double($0)! }
        let ys = ReportFixtures.captures(#"<circle class="value-point[^"]*" cx="[^"]*" cy="([^"]*)""#, in: svg).map { Double($0)! }
        return zip(xs, ys).map { (x: $0, y: $1) }
    }

    @Test("draws one point per value, each with a tooltip naming its period, value and target")
    func pointPerValue() {
        let svg = chart(measure)
        #expect(ReportFixtures.occurrences(of: "class=\"value-point", in: svg) == 8)
        #expect(svg.contains("<title>June 2024: 61.0% against a target of 70.0% (Red: worse than target)</title>"))
        #expect(svg.contains("<title>October 2024: 68.0% against a target of 70.0% (Amber: within tolerance of target)</title>"))
        #expect(svg.contains("<title>January 2025: 82.0% against a target of 95.0% (Red: worse than target)</title>"))
        #expect(ReportFixtures.occurrences(of: "class=\"value-point latest\"", in: svg) == 1)
        // The latest value is written beside its point.
        #expect(svg.contains("class=\"latest-value\" font-weight=\"bold\">82.0%</text>"))
    }

    @Test("is an image with a title and a description that leads with the latest value against its target")
    func titleAndDescription() throws {
        let svg = chart(measure)
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"640\" height=\"320\" viewBox=\"0 0 640 320\" role=\"img\""))
        let labelledBy = try #require(ReportFixtures.captures(#"aria-labelledby="([^"]*)""#, in: svg).first)
        let describedBy = try #require(ReportFixtures.captures(#"aria-describedby="([^"]*)""#, in: svg).first)
        #expect(svg.contains("<title id=\"\(labelledBy)\">A1 Assessments in time</title>"))
        #expect(svg.contains(
            "<desc id=\"\(describedBy)\">82.0% in January 2025 against a target of 95.0% (Red: worse than target). "
                + "Shows 8 values from June 2024 to January 2025; higher is better. "
                + "Interim target 70.0% by 31 October 2024; target 95.0% by 31 March 2025. England 2022-23: 80.1%.</desc>"))
        #expect(ReportFixtures.isWellFormedXML(svg))
    }

    @Test("the target line steps up from the interim 70% to the final 95% at the end of October")
    func targetLineSteps() throws {
        let svg = chart(measure)
        let d = try #require(ReportFixtures.captures(#"class="target-line" d="([^"]*)""#, in: svg).first)
        let y = yScale(svg)
        let points = pointCentres(svg)
        try #require(points.count == 8)

        // One level stretch at 70%, one step, one level stretch at 95%.
        #expect(ReportFixtures.occurrences(of: "V", in: d) == 1)
        let start = try #require(ReportFixtures.captures(#"^M[^ ]+ ([^ ]+)"#, in: d).first.flatMap(Double.init))
        let stepTo = try #require(ReportFixtures.captures(#"V([^ ]+)"#, in: d).first.flatMap(Double.init))
        let stepAt = try #require(ReportFixtures.captures(#"H([^ ]+) V"#, in: d).first.flatMap(Double.init))
        #expect(abs(start - y(70)) < 0.2)
        #expect(abs(stepTo - y(95)) < 0.2)
        // The change falls between October (the interim's period) and November.
        #expect(abs(stepAt - (points[4].x + points[5].x) / 2) < 0.2)
        #expect(d.hasSuffix("H\(SVGMarkup.number(points[7].x))"))
        // Dashed, so it is told apart from the solid value line without colour.
        #expect(svg.contains("class=\"target-line\" d=\"\(d)\" fill=\"none\" stroke=\"#D55E00\" stroke-width=\"2\" stroke-dasharray=\"8 4\""))
        #expect(!ReportFixtures.captures(#"(<path class="value-line"[^>]*>)"#, in: svg)[0].contains("dasharray"))
    }

    @Test("a trajectory slopes from the interim target towards the final one")
    func trajectorySlopes() throws {
        let svg = chart(ReportFixtures.timelyAssessments(followsTrajectory: true))
        let d = try #require(ReportFixtures.captures(#"class="target-line" d="([^"]*)""#, in: svg).first)
        #expect(!d.contains("V"))
        #expect(ReportFixtures.occurrences(of: "L", in: d) == 3)
        // November is judged against the path from 70% (31 Oct) to 95% (31 Mar): 75.0%, not 95%.
        #expect(svg.contains("<title>November 2024: 74.0% against a target of 75.0% (Amber: within tolerance of target)</title>"))
        #expect(svg.contains("Target in force (trajectory)"))
        #expect(svg.contains("(followed as a trajectory)."))
    }

    @Test("marks the interim target due inside the periods shown, and shows the England benchmark only")
    func markersAndBenchmark() {
        let svg = chart(measure)
        #expect(svg.contains("<title>Interim target: 70.0% by 31 October 2024</title>"))
        #expect(!svg.contains("target-marker final"), "the final target falls after the last period shown")
        #expect(ReportFixtures.occurrences(of: "class=\"benchmark-line\"", in: svg) == 1)
        #expect(svg.contains("<title>England 2022-23: 80.1% (DfE CIN census &lt;2023&gt; &amp; notes)</title>"))
        #expect(svg.contains("stroke-dasharray=\"2 3\""))
        #expect(!svg.contains("90.0%"), "the regional benchmark is not drawn")
        for legend in ["Recorded value", "Target in force", "Interim target", "England 2022-23: 80.1%"] {
            #expect(svg.contains(">\(legend)</text>"), "legend: \(legend)")
        }
    }

    @Test("marks a final target when it falls inside the periods shown")
    func finalMarker() {
        var m = measure
        m.values.append(MeasureValue(period: .month(year: 2025, month: 3), value: 90, asAt: Day(2025, 4, 10)))
        let svg = chart(m)
        #expect(svg.contains("<title>Final target: 95.0% by 31 March 2025</title>"))
        #expect(svg.contains(">Final target</text>"))
    }

    @Test("the y axis covers values and targets in percentages, never past 100%")
    func yAxisPercent() {
        let labels = ReportFixtures.captures(#"class="y-tick">([^<]*)</text>"#, in: chart(measure))
        #expect(labels == ["40%", "60%", "80%", "100%"])

        var high = measure
        high.targets = [Target(value: 99, dueBy: Day(2025, 3, 31))]
        high.benchmarks = []
        high.values = (1...6).map { MeasureValue(period: .month(year: 2024, month: $0), value: 95 + Double($0) * 0.8, asAt: Day(2024, 12, 1)) }
        let highLabels = ReportFixtures.captures(#"class="y-tick">([^<]*)</text>"#, in: chart(high))
        #expect(highLabels.last == "100%")
        #expect(highLabels.allSatisfy { Double($0.dropLast())! <= 100 && Double($0.dropLast())! >= 90 })
    }

    @Test("other units get plain ticks and a caption naming the unit")
    func yAxisDays() {
        let m = Measure(organisationID: 1, code: "D1", title: "Average days to permanence", unit: .days,
                        polarity: .lowerIsBetter, decimals: 0,
                        targets: [Target(value: 300, dueBy: Day(2025, 3, 31))],
                        values: [MeasureValue(period: .quarter(startYear: 2024, quarter: 1), value: 410, asAt: Day(2024, 7, 1)),
                                 MeasureValue(period: .quarter(startYear: 2024, quarter: 2), value: 380, asAt: Day(2024, 10, 1))])
        let svg = chart(m)
        #expect(svg.contains("class=\"unit\">Days</text>"))
        let labels = ReportFixtures.captures(#"class="y-tick">([^<]*)</text>"#, in: svg)
        #expect(labels == ["250", "300", "350", "400", "450"])
        #expect(svg.contains(">2024-25 Q1</text>"))
        #expect(svg.contains("<desc id=\"measure-chart-0-"))
        #expect(svg.contains(">380 days in 2024-25 Q2 against a target of 300 days (Red: worse than target)."))
    }

    @Test("period labels are thinned so they do not overlap, and the latest is always labelled")
    func thinnedLabels() {
        var m = measure
        m.values = (0..<18).map { i in
            let p = Period.month(year: 2023, month: 1).shifted(by: i)
            return MeasureValue(period: p, value: 60 + Double(i), asAt: Day(2024, 7, 1))
        }
        let svg = chart(m)
        #expect(ReportFixtures.occurrences(of: "class=\"value-point", in: svg) == 18)
        let labels = ReportFixtures.captures(#"class="x-tick">([^<]*)</text>"#, in: svg)
        // Months in full take more room, so fewer are labelled.
        #expect(labels.count < 18 && labels.count >= 4)
        #expect(labels.last == "June 2024")
        let xs = ReportFixtures.captures(#"<text x="([^"]*)"[^>]*class="x-tick""#, in: svg).map { Double($0)! }
        let gaps = zip(xs.dropFirst(), xs).map { $0 - $1 }
        #expect(gaps.min()! >= 60, "\"Sep 2024\" at 12px needs about 56px")
    }

    @Test("shows only the latest `periods` values")
    func latestPeriods() {
        let svg = chart(measure, periods: 3)
        #expect(ReportFixtures.occurrences(of: "class=\"value-point", in: svg) == 3)
        #expect(svg.contains("Shows 3 values from November 2024 to January 2025;"))
        #expect(!svg.contains("2024-10:"))
    }

    @Test("a missing month leaves a gap in the line rather than joining across it")
    func gap() throws {
        var m = measure
        m.values.removeAll { $0.period == .month(year: 2024, month: 9) }
        let svg = chart(m)
        #expect(ReportFixtures.occurrences(of: "class=\"value-point", in: svg) == 7)
        let d = try #require(ReportFixtures.captures(#"class="value-line" d="([^"]*)""#, in: svg).first)
        #expect(ReportFixtures.occurrences(of: "M", in: d) == 2)
        #expect(ReportFixtures.occurrences(of: "L", in: d) == 5)
    }

    @Test("escapes <, & and quotes in the title and everywhere text is written")
    func escaping() {
        var m = measure
        m.benchmarks = [Benchmark(kind: .england, year: "2022-23 <prov>", value: 80)]
        let svg = chart(m, title: "Re-referrals <12 months & \"repeat\"")
        #expect(svg.contains(">Re-referrals &lt;12 months &amp; &quot;repeat&quot;</title>"))
        #expect(svg.contains("England 2022-23 &lt;prov&gt;: 80.0%"))
        #expect(!svg.contains("<12"))
        #expect(!svg.contains("<prov>"))
        #expect(ReportFixtures.isWellFormedXML(svg))
    }

    @Test("an empty measure says no values are recorded yet")
    func empty() {
        var m = measure
        m.values = []
        let svg = chart(m, title: "A1 & co")
        #expect(svg.contains("role=\"img\""))
        #expect(svg.contains(">A1 &amp; co</title>"))
        #expect(svg.contains(">No values recorded yet.</desc>"))
        #expect(svg.contains(">No values recorded yet</text>"))
        #expect(!svg.contains("value-point"))
        #expect(!svg.contains("target-line"))
        #expect(ReportFixtures.isWellFormedXML(svg))
    }

    @Test("one value still draws a point, a visible target stroke and a sentence")
    func singleValue() throws {
        var m = measure
        m.values = [m.values[0]]
        let svg = chart(m)
        #expect(ReportFixtures.occurrences(of: "class=\"value-point", in: svg) == 1)
        let d = try #require(ReportFixtures.captures(#"class="target-line" d="([^"]*)""#, in: svg).first)
        #expect(d.contains("H"))
        #expect(svg.contains("Shows 1 value, for June 2024; higher is better."))
        #expect(ReportFixtures.isWellFormedXML(svg))
    }

    @Test("a band measure shows its band, not a midpoint target")
    func band() {
        let m = Measure(organisationID: 1, code: "B1", title: "Caseload per worker", unit: .count,
                        polarity: .withinBand, band: 15...20, decimals: 0,
                        values: [MeasureValue(period: .month(year: 2024, month: 1), value: 22, asAt: Day(2024, 2, 1)),
                                 MeasureValue(period: .month(year: 2024, month: 2), value: 18, asAt: Day(2024, 3, 1))])
        let svg = chart(m)
        #expect(svg.contains("class=\"target-band\""))
        #expect(!svg.contains("target-line"))
        #expect(svg.contains(">Target band 15 to 20</text>"))
        #expect(svg.contains(">18 in February 2024 against a target band of 15 to 20 (Green: on or better than target)."))
    }

    @Test("is self-contained and the same every time: no script, no web fonts, fixed number formatting")
    func selfContained() {
        let svg = chart(measure)
        #expect(svg == chart(measure))
        #expect(!svg.lowercased().contains("<script"))
        #expect(ReportFixtures.captures(#" (on[a-z]+)=""#, in: svg).isEmpty, "no event-handler attributes")
        #expect(!svg.contains("@font-face") && !svg.contains("url("))
        #expect(svg.contains("font-family=\"sans-serif\""))
        #expect(svg.contains("stroke=\"#0072B2\""))
        #expect(ReportFixtures.captures(#"="(-?nan|-?inf)""#, in: svg).isEmpty)
    }
}
