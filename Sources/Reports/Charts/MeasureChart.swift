import Core
import Foundation

/// A server-rendered, accessible SVG line chart of a KPI: its values against the target in force
/// for each period (stepped where interim targets change, sloped where the measure follows a
/// trajectory), the interim and final targets as markers, and the latest England benchmark.
///
/// The chart is an image with a title and a description that says in words what it shows, so a
/// screen-reader user hears the latest value against its target. Lines differ by colour (from a
/// colour-blind-safe palette) and by dash pattern; markers differ by shape. There is no script
/// and no external font, and the same measure always gives byte-for-byte the same SVG.
public enum MeasureChart {
    /// The chart of the latest `periods` values of `measure`, in period order.
    ///
    /// - Parameters:
    ///   - measure: the KPI with its values, targets and benchmarks.
    ///   - periods: how many of the latest values to show.
    ///   - width: width in pixels (also the view box).
    ///   - height: height in pixels (also the view box).
    ///   - title: the chart's accessible name, usually the KPI's code and title.
    ///   - suppression: the small-number rule for the reader, nil when they see every figure. A
    ///     suppressed value keeps its period on the axis but has no point, no tooltip, no place
    ///     in the line or the scale, and the description names it as suppressed.
    public static func svg(for measure: Measure, periods: Int = 18, width: Int = 640, height: Int = 320,
                           title: String, suppression: SmallNumbers? = nil) -> String {
        let width = max(width, 200)
        let height = max(height, 120)
        let idBase = "measure-chart-\(measure.id)-\(stableHash(measure.code + "|" + title))"
        // Figures beyond MeasureFigure's range (stored before it was enforced) are left out of the
        // drawing and the scale; the data table beside the chart names them as unusable.
        let measure = measure.withUsableFigures
        let shown = latestValues(of: measure, count: max(periods, 1))
        guard !shown.isEmpty else {
            return emptyChart(width: width, height: height, title: title, idBase: idBase)
        }
        let suppressed = Set(shown.filter { suppression?.suppresses($0, unit: measure.unit) ?? false }.map(\.period))
        let layout = ChartLayout(measure: measure, values: shown, suppressed: suppressed, width: width, height: height)
        return layout.render(title: title, idBase: idBase)
    }

    // MARK: - Values

    /// The latest `count` values in period order, one per period, usable figures only.
    static func latestValues(of measure: Measure, count: Int) -> [MeasureValue] {
        var seen = Set<Period>()
        var ordered: [MeasureValue] = []
        for value in measure.valuesInOrder where MeasureFigure.isUsable(value.value) {
            if seen.insert(value.period).inserted { ordered.append(value) }
        }
        return Array(ordered.suffix(count))
    }

    static func emptyChart(width: Int, height: Int, title: String, idBase: String) -> String {
        let message = "No values recorded yet"
        var svg = openTag(width: width, height: height, idBase: idBase)
        svg += "<title id=\"\(idBase)-title\">\(SVGMarkup.escape(title))</title>"
        svg += "<desc id=\"\(idBase)-desc\">\(message).</desc>"
        svg += "<rect x=\"0.5\" y=\"0.5\" width=\"\(width - 1)\" height=\"\(height - 1)\" fill=\"none\" stroke=\"\(ChartPalette.grid)\"/>"
        svg += "<text x=\"\(SVGMarkup.number(Double(width) / 2))\" y=\"\(SVGMarkup.number(Double(height) / 2))\""
        svg += " text-anchor=\"middle\" dominant-baseline=\"middle\" font-size=\"14\" fill=\"\(ChartPalette.text)\">\(message)</text>"
        svg += "</svg>"
        return svg
    }

    static func openTag(width: Int, height: Int, idBase: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\""
            + " role=\"img\" aria-labelledby=\"\(idBase)-title\" aria-describedby=\"\(idBase)-desc\""
            + " class=\"oversight-chart measure-chart\" font-family=\"sans-serif\">"
    }

    /// FNV-1a: a short, stable suffix so two charts on one page do not share element ids.
    static func stableHash(_ text: String) -> String {
        var hash: UInt32 = 2_166_136_261
        for byte in text.utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 16_777_619
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: max(0, 8 - hex.count)) + hex
    }
}

/// Where everything goes: scales, ticks, legend rows. Built once, then rendered.
private struct ChartLayout {
    let measure: Measure
    /// Every value in the window, for the axis and the words.
    let values: [MeasureValue]
    /// Periods whose values are suppressed as small numbers: named, never drawn.
    let suppressed: Set<Period>
    let width: Int
    let height: Int

    /// One slot per period on the x axis: consecutive periods where the values allow it, so a
    /// missing month shows as a gap rather than silently closing up.
    let slots: [Period]
    let valueInSlot: [Int: MeasureValue]
    let targets: [TargetInForce?]
    let band: ClosedRange<Double>?
    let markers: [(target: Target, slot: Int)]
    let benchmark: Benchmark?

    let ticks: [Double]
    let tickDecimals: Int
    let yLow: Double
    let yHigh: Double

    let plotLeft: Double
    let plotRight: Double
    let plotTop: Double
    let plotBottom: Double
    let legendRows: [[LegendItem]]

    static let fontSize = 12.0
    static let legendRowHeight = 18.0
    static let xLabelHeight = 22.0

    init(measure: Measure, values: [MeasureValue], suppressed: Set<Period>, width: Int, height: Int) {
        self.measure = measure
        self.values = values
        self.suppressed = suppressed
        self.width = width
        self.height = height

        let slots = ChartLayout.slots(for: values)
        self.slots = slots
        var valueInSlot: [Int: MeasureValue] = [:]
        let index = Dictionary(uniqueKeysWithValues: slots.enumerated().map { ($1, $0) })
        for value in values where !suppressed.contains(value.period) {
            if let i = index[value.period] { valueInSlot[i] = value }
        }
        self.valueInSlot = valueInSlot

        let band = measure.polarity == .withinBand ? measure.band : nil
        self.band = band
        let targets: [TargetInForce?] = band == nil
            ? slots.map { MeasureRules.targetInForce(for: measure, in: $0) }
            : slots.map { _ in nil }
        self.targets = targets

        // Targets due inside the periods shown, at the period their date falls in.
        var markers: [(Target, Int)] = []
        if band == nil, let first = slots.first, let last = slots.last {
            for target in measure.targets.sorted(by: { $0.dueBy < $1.dueBy })
            where target.value.isFinite && target.dueBy >= first.start && target.dueBy <= last.end {
                if let slot = slots.firstIndex(where: { $0.end >= target.dueBy }) {
                    markers.append((target, slot))
                }
            }
        }
        self.markers = markers.map { (target: $0.0, slot: $0.1) }

        let england = measure.benchmarks.filter { $0.kind == .england && $0.value.isFinite }
        let benchmark = england.max { ($0.year, $0.source) < ($1.year, $1.source) }
        self.benchmark = benchmark

        // The y range holds every value, target and benchmark drawn.
        var data = values.filter { !suppressed.contains($0.period) }.map(\.value)
        data += targets.compactMap { $0?.value }.filter(\.isFinite)
        data += markers.map { $0.0.value }
        if let benchmark { data.append(benchmark.value) }
        if let band { data += [band.lowerBound, band.upperBound] }
        let scale = ChartLayout.scale(for: data, isPercentage: measure.unit.isPercentage)
        self.ticks = scale.ticks
        self.tickDecimals = scale.decimals
        self.yLow = scale.ticks.first ?? 0
        self.yHigh = scale.ticks.last ?? 1

        // Margins: room for the widest y tick label, the unit caption, x labels and the legend.
        let tickLabels = scale.ticks.map { ChartLayout.tickLabel($0, decimals: scale.decimals, unit: measure.unit) }
        let widestTick = tickLabels.map { SVGMarkup.estimatedWidth(of: $0, fontSize: ChartLayout.fontSize) }.max() ?? 0
        self.plotLeft = (widestTick + 12).rounded(.up)
        self.plotTop = measure.unit.isPercentage ? 12 : 26
        let lastLabelWidth = slots.last.map { SVGMarkup.estimatedWidth(of: ChartLayout.axisLabel($0), fontSize: ChartLayout.fontSize) } ?? 0
        self.plotRight = Double(width) - max(16, (lastLabelWidth / 2 - ChartLayout.inset + 4).rounded(.up))

        var items: [LegendItem] = [.init(kind: .value, text: "Recorded value")]
        if let band {
            items.append(.init(kind: .band, text: "Target band \(measure.format(band.lowerBound)) to \(measure.format(band.upperBound))"))
        } else if targets.contains(where: { $0 != nil }) {
            let trajectory = targets.contains { $0?.basis == .trajectory }
            items.append(.init(kind: .target, text: trajectory ? "Target in force (trajectory)" : "Target in force"))
        }
        if markers.contains(where: { $0.0.isInterim }) { items.append(.init(kind: .interimMarker, text: "Interim target")) }
        if markers.contains(where: { !$0.0.isInterim }) { items.append(.init(kind: .finalMarker, text: "Final target")) }
        if let benchmark {
            items.append(.init(kind: .benchmark, text: "England \(benchmark.year): \(measure.format(benchmark.value))"))
        }
        let rows = ChartLayout.legendRows(items, width: Double(width) - 16)
        self.legendRows = rows
        self.plotBottom = Double(height) - 6 - Double(rows.count) * ChartLayout.legendRowHeight - ChartLayout.xLabelHeight
    }

    // MARK: Scales

    /// Space between the plot's edges and the first and last points.
    static let inset = 16.0

    var xStep: Double {
        slots.count > 1 ? (plotRight - plotLeft - 2 * ChartLayout.inset) / Double(slots.count - 1) : 0
    }

    func x(_ slot: Int) -> Double {
        slots.count == 1 ? (plotLeft + plotRight) / 2 : plotLeft + ChartLayout.inset + Double(slot) * xStep
    }

    func y(_ value: Double) -> Double {
        let span = yHigh - yLow
        guard span > 0 else { return (plotTop + plotBottom) / 2 }
        return plotBottom - (value - yLow) / span * (plotBottom - plotTop)
    }

    static func slots(for values: [MeasureValue]) -> [Period] {
        guard let first = values.first?.period, let last = values.last?.period else { return [] }
        let kinds = Set(values.map { $0.period.kind })
        let limit = max(values.count * 3, 24)
        if kinds.count == 1 {
            var run = [first]
            var current = first
            while current < last && run.count <= limit {
                current = current.shifted(by: 1)
                run.append(current)
            }
            if current == last && run.count <= limit { return run }
        }
        return values.map(\.period)
    }

    /// Nice ticks (steps of 1, 2 or 5 × 10ⁿ) over the data, padded; 0–100 for percentages, and
    /// not below zero where nothing is negative.
    static func scale(for data: [Double], isPercentage: Bool) -> (ticks: [Double], decimals: Int) {
        var low = data.min() ?? 0
        var high = data.max() ?? 1
        let allNonNegative = low >= 0
        let withinPercent = isPercentage && low >= 0 && high <= 100
        let span = high - low
        let pad = span > 1e-9 ? span * 0.1 : max(abs(high) * 0.1, isPercentage ? 5 : 1)
        low -= pad
        high += pad
        if allNonNegative { low = max(low, 0) }
        if withinPercent { high = min(high, 100) }
        if high - low < 1e-9 { high = low + 1 }

        let raw = (high - low) / 4
        let exponent = floor(log10(raw))
        let fraction = raw / pow(10, exponent)
        let nice: Double
        // Finite and small: the data is within MeasureFigure's range, so the span is at most ~1e13.
        var power = exponent.isFinite ? Int(max(-300, min(300, exponent))) : 0
        if fraction <= 1 { nice = 1 } else if fraction <= 2 { nice = 2 } else if fraction <= 5 { nice = 5 } else {
            nice = 1
            power += 1
        }
        let step = nice * pow(10, Double(power))
        let decimals = max(0, -power)
        let first = (low / step).rounded(.down)
        let last = (high / step).rounded(.up)
        // A handful of ticks by construction; the clamp keeps a conversion from trapping whatever comes in.
        let count = (last - first).isFinite ? Int(max(1, min(100, last - first))) : 1
        let ticks = (0...max(count, 1)).map { i -> Double in
            let value = (first + Double(i)) * step
            // Strip binary noise (0.30000000000000004) so labels and positions agree.
            let scaleFactor = pow(10, Double(decimals))
            return (value * scaleFactor).rounded() / scaleFactor
        }
        return (ticks, decimals)
    }

    static func tickLabel(_ value: Double, decimals: Int, unit: Measure.Unit) -> String {
        let number = MeasureFormatting.number(value, decimals: decimals)
        return unit.isPercentage ? number + "%" : number
    }

    static func unitCaption(_ unit: Measure.Unit) -> String? {
        switch unit {
        case .percentage: nil
        case .count: "Number"
        case .ratePer10k: "Rate per 10,000 children"
        case .days: "Days"
        case .score: "Score"
        }
    }

    /// A label for the x axis: `September 2024`, `2023-24 Q1`, `2023-24`, `to March 2024` (months in
    /// full as everywhere a person reads; the axis thins its labels by their width).
    static func axisLabel(_ period: Period) -> String {
        switch period {
        case let .month(y, m): Day.monthYearText(year: y, month: m)
        case let .rolling12(y, m): "to \(Day.monthYearText(year: y, month: m))"
        case .quarter, .financialYear: period.label
        }
    }

    // MARK: Legend

    struct LegendItem {
        enum Kind { case value, target, band, interimMarker, finalMarker, benchmark }
        var kind: Kind
        var text: String
        static let sampleWidth = 28.0
        var width: Double { LegendItem.sampleWidth + 6 + SVGMarkup.estimatedWidth(of: text, fontSize: ChartLayout.fontSize) }
    }

    static func legendRows(_ items: [LegendItem], width: Double) -> [[LegendItem]] {
        var rows: [[LegendItem]] = []
        var row: [LegendItem] = []
        var used = 0.0
        for item in items {
            let needed = (row.isEmpty ? 0 : 16) + item.width
            if !row.isEmpty && used + needed > width {
                rows.append(row)
                row = []
                used = 0
            }
            used += row.isEmpty ? item.width : needed
            row.append(item)
        }
        if !row.isEmpty { rows.append(row) }
        return rows
    }

    // MARK: Rendering

    func render(title: String, idBase: String) -> String {
        var svg = MeasureChart.openTag(width: width, height: height, idBase: idBase)
        svg += "<title id=\"\(idBase)-title\">\(SVGMarkup.escape(title))</title>"
        svg += "<desc id=\"\(idBase)-desc\">\(SVGMarkup.escape(description()))</desc>"
        svg += axes()
        svg += bandAndTargets()
        svg += benchmarkLine()
        svg += valueLine()
        svg += targetMarkers()
        svg += points()
        svg += legend()
        svg += "</svg>"
        return svg
    }

    func text(_ content: String, x: Double, y: Double, anchor: String = "start", extra: String = "") -> String {
        "<text x=\"\(SVGMarkup.number(x))\" y=\"\(SVGMarkup.number(y))\" text-anchor=\"\(anchor)\" font-size=\"\(SVGMarkup.number(ChartLayout.fontSize))\" fill=\"\(ChartPalette.text)\"\(extra)>\(SVGMarkup.escape(content))</text>"
    }

    func axes() -> String {
        var svg = "<g class=\"axes\">"
        if let caption = ChartLayout.unitCaption(measure.unit) {
            svg += text(caption, x: 4, y: 14, extra: " class=\"unit\"")
        }
        for tick in ticks {
            let ty = y(tick)
            svg += "<line x1=\"\(SVGMarkup.number(plotLeft))\" x2=\"\(SVGMarkup.number(plotRight))\" y1=\"\(SVGMarkup.number(ty))\" y2=\"\(SVGMarkup.number(ty))\" stroke=\"\(ChartPalette.grid)\" stroke-width=\"1\"/>"
            svg += text(ChartLayout.tickLabel(tick, decimals: tickDecimals, unit: measure.unit),
                        x: plotLeft - 6, y: ty + 4, anchor: "end", extra: " class=\"y-tick\"")
        }
        svg += "<line x1=\"\(SVGMarkup.number(plotLeft))\" x2=\"\(SVGMarkup.number(plotLeft))\" y1=\"\(SVGMarkup.number(plotTop))\" y2=\"\(SVGMarkup.number(plotBottom))\" stroke=\"\(ChartPalette.axis)\" stroke-width=\"1\"/>"
        svg += "<line x1=\"\(SVGMarkup.number(plotLeft))\" x2=\"\(SVGMarkup.number(plotRight))\" y1=\"\(SVGMarkup.number(plotBottom))\" y2=\"\(SVGMarkup.number(plotBottom))\" stroke=\"\(ChartPalette.axis)\" stroke-width=\"1\"/>"

        // Thin the period labels so they never overlap; the latest period is always labelled.
        let widest = slots.map { SVGMarkup.estimatedWidth(of: ChartLayout.axisLabel($0), fontSize: ChartLayout.fontSize) }.max() ?? 0
        let every = xStep > 0 ? max(1, Int(((widest + 8) / xStep).rounded(.up))) : 1
        for (i, period) in slots.enumerated() where (slots.count - 1 - i) % every == 0 {
            let px = x(i)
            svg += "<line x1=\"\(SVGMarkup.number(px))\" x2=\"\(SVGMarkup.number(px))\" y1=\"\(SVGMarkup.number(plotBottom))\" y2=\"\(SVGMarkup.number(plotBottom + 4))\" stroke=\"\(ChartPalette.axis)\" stroke-width=\"1\"/>"
            svg += text(ChartLayout.axisLabel(period), x: px, y: plotBottom + 17, anchor: "middle", extra: " class=\"x-tick\"")
        }
        svg += "</g>"
        return svg
    }

    func bandAndTargets() -> String {
        if let band {
            let top = y(band.upperBound)
            let bottom = y(band.lowerBound)
            let label = "Target band: \(measure.format(band.lowerBound)) to \(measure.format(band.upperBound))"
            var svg = "<g class=\"target-band\">"
            svg += "<rect x=\"\(SVGMarkup.number(plotLeft))\" y=\"\(SVGMarkup.number(top))\" width=\"\(SVGMarkup.number(plotRight - plotLeft))\" height=\"\(SVGMarkup.number(max(bottom - top, 0)))\" fill=\"\(ChartPalette.target)\" fill-opacity=\"0.08\"><title>\(SVGMarkup.escape(label))</title></rect>"
            for edge in [top, bottom] {
                svg += "<line x1=\"\(SVGMarkup.number(plotLeft))\" x2=\"\(SVGMarkup.number(plotRight))\" y1=\"\(SVGMarkup.number(edge))\" y2=\"\(SVGMarkup.number(edge))\" stroke=\"\(ChartPalette.target)\" stroke-width=\"2\" stroke-dasharray=\"8 4\"/>"
            }
            svg += "</g>"
            return svg
        }
        let d = targetPath()
        guard !d.isEmpty else { return "" }
        return "<path class=\"target-line\" d=\"\(d)\" fill=\"none\" stroke=\"\(ChartPalette.target)\" stroke-width=\"2\" stroke-dasharray=\"8 4\"><title>Target in force for each period</title></path>"
    }

    /// The target in force as a path: a step where the next target due changes (the change falls
    /// at the boundary between two periods), a slope where either period is on a trajectory.
    func targetPath() -> String {
        var parts: [String] = []
        var i = 0
        while i < slots.count {
            guard let first = targets[i] else { i += 1; continue }
            var j = i
            while j + 1 < slots.count, targets[j + 1] != nil { j += 1 }
            if i == j {
                // A lone period: a short level stroke so it can be seen.
                let half = min(10, max(xStep / 2, 10))
                parts.append("M\(SVGMarkup.number(x(i) - half)) \(SVGMarkup.number(y(first.value))) H\(SVGMarkup.number(x(i) + half))")
            } else {
                var d = "M\(SVGMarkup.number(x(i))) \(SVGMarkup.number(y(first.value)))"
                for k in (i + 1)...j {
                    let previous = targets[k - 1]!
                    let current = targets[k]!
                    if previous.basis == .trajectory || current.basis == .trajectory {
                        d += " L\(SVGMarkup.number(x(k))) \(SVGMarkup.number(y(current.value)))"
                    } else if abs(previous.value - current.value) < 1e-12 {
                        d += " H\(SVGMarkup.number(x(k)))"
                    } else {
                        let boundary = (x(k - 1) + x(k)) / 2
                        d += " H\(SVGMarkup.number(boundary)) V\(SVGMarkup.number(y(current.value))) H\(SVGMarkup.number(x(k)))"
                    }
                }
                parts.append(d)
            }
            i = j + 1
        }
        return parts.joined(separator: " ")
    }

    func benchmarkLine() -> String {
        guard let benchmark else { return "" }
        let by = SVGMarkup.number(y(benchmark.value))
        var label = "England \(benchmark.year): \(measure.format(benchmark.value))"
        if !benchmark.source.isEmpty { label += " (\(benchmark.source))" }
        return "<line class=\"benchmark-line\" x1=\"\(SVGMarkup.number(plotLeft))\" x2=\"\(SVGMarkup.number(plotRight))\" y1=\"\(by)\" y2=\"\(by)\" stroke=\"\(ChartPalette.benchmark)\" stroke-width=\"1.5\" stroke-dasharray=\"2 3\"><title>\(SVGMarkup.escape(label))</title></line>"
    }

    func valueLine() -> String {
        var d: [String] = []
        var previous: Int?
        for i in slots.indices {
            guard let value = valueInSlot[i] else { previous = nil; continue }
            d.append((previous == nil ? "M" : "L") + "\(SVGMarkup.number(x(i))) \(SVGMarkup.number(y(value.value)))")
            previous = i
        }
        return "<path class=\"value-line\" d=\"\(d.joined(separator: " "))\" fill=\"none\" stroke=\"\(ChartPalette.value)\" stroke-width=\"2.5\" stroke-linejoin=\"round\"/>"
    }

    func targetMarkers() -> String {
        guard !markers.isEmpty else { return "" }
        var svg = "<g class=\"target-markers\">"
        for (target, slot) in markers {
            let mx = x(slot)
            let my = y(target.value)
            let label = "\(target.isInterim ? "Interim target" : "Final target"): \(measure.format(target.value)) by \(target.dueBy.formatted)"
            if target.isInterim {
                let r = 6.0
                let d = "M\(SVGMarkup.number(mx)) \(SVGMarkup.number(my - r)) L\(SVGMarkup.number(mx + r)) \(SVGMarkup.number(my)) L\(SVGMarkup.number(mx)) \(SVGMarkup.number(my + r)) L\(SVGMarkup.number(mx - r)) \(SVGMarkup.number(my)) Z"
                svg += "<path class=\"target-marker interim\" d=\"\(d)\" fill=\"#ffffff\" stroke=\"\(ChartPalette.target)\" stroke-width=\"2\"><title>\(SVGMarkup.escape(label))</title></path>"
            } else {
                let r = 5.0
                svg += "<rect class=\"target-marker final\" x=\"\(SVGMarkup.number(mx - r))\" y=\"\(SVGMarkup.number(my - r))\" width=\"\(SVGMarkup.number(2 * r))\" height=\"\(SVGMarkup.number(2 * r))\" fill=\"\(ChartPalette.target)\" stroke=\"#ffffff\" stroke-width=\"1\"><title>\(SVGMarkup.escape(label))</title></rect>"
            }
        }
        svg += "</g>"
        return svg
    }

    func points() -> String {
        var svg = "<g class=\"values\">"
        let lastSlot = valueInSlot.keys.max()
        for i in slots.indices {
            guard let value = valueInSlot[i] else { continue }
            let rating = MeasureRules.rating(of: measure, value: value.value, for: value.period)
            var tip = "\(value.period.longText): \(measure.format(value.value))"
            if let target = rating.target {
                if target.basis == .band, let band = measure.band {
                    tip += " against the band \(measure.format(band.lowerBound)) to \(measure.format(band.upperBound))"
                } else {
                    tip += " against a target of \(measure.format(target.value))"
                }
                tip += " (\(rating.rag.colour): \(rating.rag.word.lowercased()))"
            } else {
                tip += " (no target)"
            }
            let latest = i == lastSlot
            svg += "<circle class=\"value-point\(latest ? " latest" : "")\" cx=\"\(SVGMarkup.number(x(i)))\" cy=\"\(SVGMarkup.number(y(value.value)))\" r=\"\(latest ? "5" : "3.5")\" fill=\"\(ChartPalette.value)\" stroke=\"#ffffff\" stroke-width=\"1\"><title>\(SVGMarkup.escape(tip))</title></circle>"
        }
        // The latest value in figures beside its point: what a board member looks for first.
        if let lastSlot, let value = valueInSlot[lastSlot] {
            let py = y(value.value)
            let above = py - 10 > plotTop + 4
            // Compact, as on the y axis: the unit is in the caption, and the label must fit the width.
            let label = MeasureFormatting.number(value.value, decimals: measure.decimals) + (measure.unit.isPercentage ? "%" : "")
            let half = SVGMarkup.estimatedWidth(of: label, fontSize: ChartLayout.fontSize) / 2 + 2
            let lx = min(max(x(lastSlot), half), Double(width) - half)
            svg += text(label, x: lx, y: above ? py - 10 : py + 20, anchor: "middle",
                        extra: " class=\"latest-value\" font-weight=\"bold\"")
        }
        svg += "</g>"
        return svg
    }

    func legend() -> String {
        var svg = "<g class=\"legend\">"
        var rowY = plotBottom + ChartLayout.xLabelHeight + 12
        for row in legendRows {
            var lx = 8.0
            for item in row {
                let sy = rowY - 4
                let x1 = SVGMarkup.number(lx)
                let x2 = SVGMarkup.number(lx + LegendItem.sampleWidth)
                let mid = lx + LegendItem.sampleWidth / 2
                switch item.kind {
                case .value:
                    svg += "<line x1=\"\(x1)\" x2=\"\(x2)\" y1=\"\(SVGMarkup.number(sy))\" y2=\"\(SVGMarkup.number(sy))\" stroke=\"\(ChartPalette.value)\" stroke-width=\"2.5\"/>"
                    svg += "<circle cx=\"\(SVGMarkup.number(mid))\" cy=\"\(SVGMarkup.number(sy))\" r=\"3.5\" fill=\"\(ChartPalette.value)\"/>"
                case .target, .band:
                    svg += "<line x1=\"\(x1)\" x2=\"\(x2)\" y1=\"\(SVGMarkup.number(sy))\" y2=\"\(SVGMarkup.number(sy))\" stroke=\"\(ChartPalette.target)\" stroke-width=\"2\" stroke-dasharray=\"8 4\"/>"
                case .interimMarker:
                    let r = 5.0
                    svg += "<path d=\"M\(SVGMarkup.number(mid)) \(SVGMarkup.number(sy - r)) L\(SVGMarkup.number(mid + r)) \(SVGMarkup.number(sy)) L\(SVGMarkup.number(mid)) \(SVGMarkup.number(sy + r)) L\(SVGMarkup.number(mid - r)) \(SVGMarkup.number(sy)) Z\" fill=\"#ffffff\" stroke=\"\(ChartPalette.target)\" stroke-width=\"2\"/>"
                case .finalMarker:
                    svg += "<rect x=\"\(SVGMarkup.number(mid - 4.5))\" y=\"\(SVGMarkup.number(sy - 4.5))\" width=\"9\" height=\"9\" fill=\"\(ChartPalette.target)\"/>"
                case .benchmark:
                    svg += "<line x1=\"\(x1)\" x2=\"\(x2)\" y1=\"\(SVGMarkup.number(sy))\" y2=\"\(SVGMarkup.number(sy))\" stroke=\"\(ChartPalette.benchmark)\" stroke-width=\"1.5\" stroke-dasharray=\"2 3\"/>"
                }
                svg += text(item.text, x: lx + LegendItem.sampleWidth + 6, y: rowY)
                lx += item.width + 16
            }
            rowY += ChartLayout.legendRowHeight
        }
        svg += "</g>"
        return svg
    }

    // MARK: Words

    /// What the chart shows, in sentences: the latest value against its target first.
    func description() -> String {
        var sentences: [String] = []
        let latest = values[values.count - 1]
        let rating = MeasureRules.rating(of: measure, value: latest.value, for: latest.period)
        var first = suppressed.contains(latest.period)
            ? "\(latest.period.longText): suppressed (small number)"
            : "\(measure.format(latest.value)) in \(latest.period.longText)"
        if let band {
            first += " against a target band of \(measure.format(band.lowerBound)) to \(measure.format(band.upperBound))"
            first += " (\(rating.rag.colour): \(rating.rag.word.lowercased()))"
        } else if let target = rating.target {
            first += " against a target of \(measure.format(target.value))"
            switch target.basis {
            case .trajectory: first += " on the trajectory"
            case .periodTarget: first += " set for the period"
            default: break
            }
            first += " (\(rating.rag.colour): \(rating.rag.word.lowercased()))"
        } else {
            first += "; no target has been set"
        }
        sentences.append(first + ".")

        let count = values.count
        let range = count == 1 ? "1 value, for \(latest.period.longText)"
            : "\(count) values from \(values[0].period.longText) to \(latest.period.longText)"
        sentences.append("Shows \(range); \(measure.polarity.rawValue).")
        let hidden = values.map(\.period).filter(suppressed.contains)
        if !hidden.isEmpty {
            sentences.append("Not drawn, as small numbers are suppressed: \(hidden.map(\.longText).joined(separator: ", ")).")
        }

        let targets = measure.targets.filter(\.value.isFinite).sorted { $0.dueBy < $1.dueBy }
        if band == nil, !targets.isEmpty {
            let listed = targets.map { t in
                "\(t.isInterim ? "interim target" : "target") \(measure.format(t.value)) by \(t.dueBy.formatted)"
            }
            var text = listed.joined(separator: "; ")
            text = text.prefix(1).uppercased() + text.dropFirst()
            if measure.followsTrajectory { text += " (followed as a trajectory)" }
            sentences.append(text + ".")
        }
        if let benchmark {
            sentences.append("England \(benchmark.year): \(measure.format(benchmark.value)).")
        }
        return sentences.joined(separator: " ")
    }
}
