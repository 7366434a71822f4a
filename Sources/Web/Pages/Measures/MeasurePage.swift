import Core
import Reports

/// `/measures/{id}`: a KPI's definition, targets and benchmarks, its chart with the figures as a
/// table, the latest rating with direction of travel and exception status, and linked actions.
struct MeasurePage: PageModel, Sendable {
    static let template = Template.measure
    /// The key under the arrows.
    var directionKey = DirectionKeyView()

    struct ValueRow: Sendable {
        var periodLabel: String
        var valueText: String
        var numeratorText: String
        var denominatorText: String
        var targetText: String
        var chip: Chip
        var note: String?
        /// "Computed from annex-a.xlsx", "Corrected on 3 Dec 2026".
        var provenance: String?
        /// For editors: the form that corrects this value.
        var correctHref: String?
    }

    /// A correction in words: who, when, and what changed why.
    struct CorrectionRow: Sendable {
        var whenText: String
        var whoText: String
        var sentence: String
    }

    struct TargetRow: Sendable {
        var dueText: String
        var targetValue: String
        var kindText: String
    }

    struct PeriodTargetRow: Sendable {
        var periodLabel: String
        var targetValue: String
    }

    struct BenchmarkRow: Sendable {
        var kind: String
        var year: String
        var benchmarkValue: String
        var rangeText: String
        var source: String
    }

    struct LinkedAction: Sendable {
        var ref: String
        var actionTitle: String
        var href: String
        var chip: Chip
    }

    var title: String
    var navMeasures = true
    var breadcrumbs: [Crumb]
    var caption: String
    var heading: String
    var asAt: String
    var historyHref: String
    var banner: SavedBanner?
    /// Editors and administrators see the links to change the measure.
    var mayEdit: Bool
    var addValueHref: String
    var targetsHref: String
    var benchmarksHref: String
    var definitionHref: String
    var corrections: [CorrectionRow]
    var hasCorrections: Bool

    var definition: String?
    var numeratorText: String?
    var denominatorText: String?
    var unitText: String
    var polarityText: String
    var frequencyText: String
    var sourceText: String
    var owner: String?
    var toleranceText: String

    var periodText: String
    var valueText: String
    var lastRecordedText: String?
    var ratingChip: Chip
    var ratingReasons: [String]
    var targetInForce: String?
    var targetReason: String?
    var previous: DirectionView
    var lastYear: DirectionView
    var isException: Bool
    var exceptionText: String

    var chart: String
    var values: [ValueRow]
    var hasValues: Bool

    var targets: [TargetRow]
    var hasTargets: Bool
    var trajectoryText: String?
    var periodTargets: [PeriodTargetRow]
    var hasPeriodTargets: Bool
    var benchmarks: [BenchmarkRow]
    var hasBenchmarks: Bool

    var linkedActions: [LinkedAction]
    var hasLinkedActions: Bool
    /// A note of the small-number rule, where a value on the page is suppressed.
    var suppressionNote: String?

    init(measure: Measure, linkedActions actions: [Action], asAt day: Day, suppression: SmallNumbers?,
         corrections stored: [ValueCorrection] = [], mayEdit: Bool = false, saved: String? = nil) {
        let snapshot = MeasureSnapshot(measure: measure, asAt: day, suppression: suppression)
        banner = Self.banner(saved)
        self.mayEdit = mayEdit
        addValueHref = Path.measureValueNew(measure.id).href
        targetsHref = Path.measureTargets(measure.id).href
        benchmarksHref = Path.measureBenchmarks(measure.id).href
        definitionHref = Path.measureDefinition(measure.id).href
        corrections = stored.sorted { $0.id > $1.id }.map { correction in
            // A suppressed figure stays suppressed in its correction's words too.
            let hidden = suppression.map { rule in
                [correction.before, correction.after].contains { rule.suppresses($0, unit: measure.unit) }
            } ?? false
            let sentence = hidden
                ? "Corrected \(MeasureEditing.longLabel(correction.period)) (\(suppression?.notice ?? "figures withheld")). Reason: \(correction.reason)"
                : MeasureEditing.sentence(for: correction, of: measure)
            return CorrectionRow(whenText: UKTime.text(correction.correctedAt), whoText: correction.correctedBy, sentence: sentence)
        }
        hasCorrections = !corrections.isEmpty
        let correctedPeriods = Dictionary(stored.map { ($0.period, $0) }, uniquingKeysWith: { _, last in last })
        title = "\(measure.code) \(measure.title)"
        breadcrumbs = [Crumb(href: Path.measures.href, label: "Measures")]
        caption = "Measure \(measure.code)"
        heading = measure.title
        asAt = day.formatted
        historyHref = Path.measureHistory(measure.id).href

        definition = FormReading.trimmed(measure.definition)
        numeratorText = FormReading.trimmed(measure.numeratorText)
        denominatorText = FormReading.trimmed(measure.denominatorText)
        unitText = switch measure.unit {
        case .percentage: "Percentage"
        case .count: "Count"
        case .ratePer10k: "Rate per 10,000 children"
        case .days: "Days"
        case .score: "Score"
        }
        switch measure.polarity {
        case .higherIsBetter: polarityText = "Higher is better"
        case .lowerIsBetter: polarityText = "Lower is better"
        case .withinBand:
            polarityText = measure.band.map { "Within a band: \(measure.format($0.lowerBound)) to \(measure.format($0.upperBound)) is good" }
                ?? "Within a band (no band set)"
        }
        frequencyText = measure.frequency.rawValue.prefix(1).uppercased() + measure.frequency.rawValue.dropFirst()
        sourceText = measure.source.label
        owner = FormReading.trimmed(measure.owner)
        let tolerance = measure.tolerance.map { measure.format($0).replacingOccurrences(of: "%", with: " percentage points") }
        toleranceText = tolerance.map { "Amber within \($0) of the target" }
            ?? (measure.unit.isPercentage ? "Amber within 5 percentage points of the target (the default)"
                                          : "Amber within 5% of the target (the default)")

        // The latest period.
        periodText = snapshot.period.readableLabel
        valueText = snapshot.valueText
        lastRecordedText = snapshot.lastRecordedText
        ratingChip = Chip(snapshot.rating.rag)
        ratingReasons = snapshot.rating.reasons
        targetInForce = snapshot.targetText
        targetReason = snapshot.rating.target?.reason
        previous = DirectionView(snapshot.previous, against: "the previous period (\(snapshot.period.previous.readableLabel))")
        lastYear = DirectionView(snapshot.lastYear, against: "the same period last year (\(snapshot.period.sameLastYear.readableLabel))")
        isException = snapshot.exception.isException
        let since = snapshot.exception.since.map { " since \($0.readableLabel)" } ?? ""
        exceptionText = snapshot.exception.isException
            ? "An exception for the board\(since): \(snapshot.exception.reason)"
            : "Not an exception: \(snapshot.exception.reason)"

        // Chart and the same figures as a table.
        chart = MeasureChart.svg(for: measure, periods: 18, width: 760, height: 340, title: "\(measure.code) \(measure.title)",
                                 suppression: suppression)
        let shown = Array(measure.valuesInOrder.suffix(18))
        values = shown.map { value in
            let rating = MeasureRules.rating(of: measure, value: value.value, for: value.period)
            let suppressed = snapshot.isSuppressed(value)
            return ValueRow(
                periodLabel: value.period.readableLabel,
                valueText: snapshot.text(value),
                numeratorText: value.numerator.map { suppressed ? "–" : MeasureFormatting.number($0, decimals: 0) } ?? "–",
                denominatorText: value.denominator.map { suppressed ? "–" : MeasureFormatting.number($0, decimals: 0) } ?? "–",
                targetText: rating.target.map { measure.format($0.value) } ?? "No target",
                chip: Chip(rating.rag),
                note: FormReading.trimmed(value.note),
                provenance: correctedPeriods[value.period].map { "Corrected on \(UKTime.text($0.correctedAt))" }
                    ?? value.computedFrom.map { "Computed from \($0)" },
                correctHref: mayEdit ? Path.measureValueCorrection(measure.id).href(query: "period=" + FormReading.encode(value.period.label)) : nil)
        }
        hasValues = !values.isEmpty
        if let suppression, shown.contains(where: snapshot.isSuppressed) { suppressionNote = suppression.rule }

        targets = measure.targets.sorted { $0.dueBy < $1.dueBy }.map {
            TargetRow(dueText: $0.dueBy.formatted, targetValue: measure.format($0.value), kindText: $0.isInterim ? "Interim" : "Final")
        }
        hasTargets = !targets.isEmpty
        if measure.followsTrajectory {
            let from = measure.baseline.map { " from the baseline of \(measure.format($0.value)) on \($0.date.formatted)" } ?? ""
            trajectoryText = "Each period is judged against a trajectory\(from): the target in force moves in a straight line between one target and the next."
        } else if !targets.isEmpty {
            trajectoryText = "Each period is judged against the next target due on or after the period’s end; after the final date, the final target."
        }
        periodTargets = measure.periodTargets.sorted { $0.period < $1.period }.map {
            PeriodTargetRow(periodLabel: $0.period.readableLabel, targetValue: measure.format($0.value))
        }
        hasPeriodTargets = !periodTargets.isEmpty
        benchmarks = measure.benchmarks.sorted { ($0.year, $0.kind.rawValue) > ($1.year, $1.kind.rawValue) }.map { benchmark in
            let range: String = switch (benchmark.rangeLow, benchmark.rangeHigh) {
            case let (low?, high?): "\(measure.format(low)) to \(measure.format(high))"
            default: "–"
            }
            return BenchmarkRow(kind: benchmark.kind.rawValue, year: benchmark.year, benchmarkValue: measure.format(benchmark.value),
                                rangeText: range, source: benchmark.source.isEmpty ? "–" : benchmark.source)
        }
        hasBenchmarks = !benchmarks.isEmpty

        linkedActions = ReferenceOrder.sorted(actions) { $0.ref }.map { action in
            LinkedAction(ref: action.ref, actionTitle: action.title, href: Path.action(action.id).href,
                         chip: Chip(DeliveryRules.deliveryRating(of: action, asAt: day).rating))
        }
        hasLinkedActions = !linkedActions.isEmpty
    }

    static func banner(_ saved: String?) -> SavedBanner? {
        switch saved {
        case "value": SavedBanner(message: "Value added. It is in the table below and in the measure's history.")
        case "correction": SavedBanner(message: "Value corrected. The value it replaced, who corrected it and why are listed under “Corrections”.")
        case "targets": SavedBanner(message: "Targets saved. Each period is now judged against them.")
        case "benchmark": SavedBanner(message: "Benchmark saved.")
        case "benchmark-removed": SavedBanner(message: "Benchmark removed.")
        case "definition": SavedBanner(message: "Definition saved.")
        case "measure": SavedBanner(message: "Measure added. Add its targets and its first value below.")
        default: nil
        }
    }
}
