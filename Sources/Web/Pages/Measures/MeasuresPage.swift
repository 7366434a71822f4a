import Core

/// `/measures`: every KPI with its latest value, target in force, RAG, direction of travel,
/// exception status and a sparkline.
struct MeasuresPage: PageModel, Sendable {
    static let template = Template.measures
    /// The key under the arrows.
    var directionKey = DirectionKeyView()

    struct Row: Sendable {
        var code: String
        var measureTitle: String
        var href: String
        var periodText: String
        var valueText: String
        var lastRecordedText: String?
        var targetText: String
        var chip: Chip
        var directionArrow: String?
        var directionWord: String
        var isException: Bool
        var sparkline: String
    }

    var title = "Measures"
    var navMeasures = true
    var asAt: String
    var rows: [Row]
    var hasRows: Bool
    /// "2 exceptions for the board".
    var exceptionText: String
    var summary: [SummaryCount]

    struct SummaryCount: Sendable {
        var count: Int
        var label: String
        var swatch: String
    }

    /// A note of the small-number rule, where a value on the page is suppressed.
    var suppressionNote: String?

    /// For editors and administrators: the form that adds a measure.
    var addHref: String?

    init(measures: [Measure], asAt day: Day, suppression: SmallNumbers?, mayAdd: Bool = false) {
        asAt = day.formatted
        addHref = mayAdd ? Path.measureNew.href : nil
        let snapshots = ReferenceOrder.sorted(measures) { $0.code }
            .map { MeasureSnapshot(measure: $0, asAt: day, suppression: suppression) }
        rows = snapshots.map { snapshot in
            let measure = snapshot.measure
            return Row(
                code: measure.code, measureTitle: measure.title, href: Path.measure(measure.id).href,
                periodText: snapshot.period.readableLabel, valueText: snapshot.valueText,
                lastRecordedText: snapshot.lastRecordedText,
                targetText: snapshot.targetText ?? "No target",
                chip: Chip(snapshot.rating.rag),
                directionArrow: snapshot.previous.arrow.isEmpty ? nil : snapshot.previous.arrow,
                directionWord: snapshot.previous.word,
                isException: snapshot.exception.isException,
                sparkline: snapshot.sparkline())
        }
        hasRows = !rows.isEmpty
        if let suppression, snapshots.contains(where: { $0.value.map($0.isSuppressed) ?? false }) {
            suppressionNote = suppression.rule
        }
        let exceptions = snapshots.filter(\.exception.isException).count
        exceptionText = "\(exceptions) exception\(exceptions == 1 ? "" : "s") for the board"
        let swatches: [MeasureRAG: String] = [.red: "red", .amber: "amber", .green: "green", .noTarget: "grey", .noData: "grey"]
        summary = [MeasureRAG.red, .amber, .green, .noTarget, .noData].compactMap { rag in
            let count = snapshots.filter { $0.rating.rag == rag }.count
            guard count > 0 || [.red, .amber, .green].contains(rag) else { return nil }
            let label = Chip(rag).text.replacingOccurrences(of: " – ", with: " (") + (rag == .noData || rag == .noTarget ? "" : ")")
            return SummaryCount(count: count, label: label, swatch: swatches[rag] ?? "grey")
        }
    }
}
