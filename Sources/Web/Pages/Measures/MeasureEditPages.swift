import Core
import Measures

/// What every measure form page shares: the breadcrumbs back to the measure, the error summary
/// (with "Error: " before the title when there are errors) and the way back.
struct MeasureFormFrame: Sendable {
    var breadcrumbs: [Crumb]
    var caption: String
    var backHref: String
    var hasErrors: Bool
    var errors: [ErrorLink]
    var errorIntro: String?

    init(measure: Measure?, problems: FormProblems, errorIntro: String?) {
        if let measure {
            breadcrumbs = [Crumb(href: Path.measures.href, label: "Measures"), Crumb(href: Path.measure(measure.id).href, label: measure.code)]
            caption = "Measure \(measure.code) \(measure.title)"
            backHref = Path.measure(measure.id).href
        } else {
            breadcrumbs = [Crumb(href: Path.measures.href, label: "Measures")]
            caption = "Measures"
            backHref = Path.measures.href
        }
        errors = problems.links
        self.errorIntro = errorIntro
        hasErrors = !errors.isEmpty || errorIntro != nil
    }

    func title(_ text: String) -> String { hasErrors ? "Error: " + text : text }
}

/// `/measures/{id}/values/new` and `/measures/{id}/values/correct?period=…`: add a value for a
/// period, or correct one with the reason.
struct MeasureValueFormPage: PageModel, Sendable {
    static let template = Template.measureValue

    var title: String
    var navMeasures = true
    var frame: MeasureFormFrame
    var heading: String
    var postTo: String
    var version: String
    var isCorrection: Bool
    /// For a correction: "62.5% (25 of 40), as at 5 Nov 2026", what is being corrected.
    var currentText: String?
    var periodText: String?
    var periodValue: String
    /// "The plan covers 1 May 2025 to 30 April 2027": the periods a value may be added for.
    var planPeriodText: String?
    var figureValue: String
    var numeratorValue: String
    var denominatorValue: String
    var showsFraction: Bool
    var numeratorLabel: String
    var denominatorLabel: String
    var figureHint: String
    var dateView: DateInputView
    var noteValue: String
    var reasonValue: String
    var was: String
    var periodError: String?
    var figureError: String?
    var numeratorError: String?
    var denominatorError: String?
    var asAtError: String?
    var noteError: String?
    var reasonError: String?
    var buttonText: String

    init(measure: Measure, input: ValueFormInput, correcting: MeasureValue?, problems: FormProblems = FormProblems(),
         errorIntro: String? = nil, plans: [Plan] = []) {
        let spans = plans.compactMap { plan -> String? in
            guard let start = plan.periodStart, let end = plan.periodEnd else { return nil }
            return "\(start.formattedLong) to \(end.formattedLong)"
        }
        planPeriodText = spans.isEmpty ? nil
            : (spans.count == 1 ? "The plan covers \(spans[0])." : "The plans it reports to cover \(spans.joined(separator: "; ")).")
        frame = MeasureFormFrame(measure: measure, problems: problems, errorIntro: errorIntro)
        isCorrection = correcting != nil
        if let correcting {
            let period = MeasureEditing.longLabel(correcting.period)
            heading = "Correct the value for \(period)"
            postTo = Path.measureValueCorrection(measure.id).href
            var current = measure.format(correcting.value)
            if let n = correcting.numerator, let d = correcting.denominator {
                current += " (\(MeasureFormatting.number(n, decimals: 0)) of \(MeasureFormatting.number(d, decimals: 0)))"
            }
            current += ", as at \(correcting.asAt.formatted)"
            if let file = correcting.computedFrom { current += ", computed from \(file)" }
            currentText = current
            periodText = period
            buttonText = "Save the correction"
        } else {
            heading = "Add a value"
            postTo = Path.measureValues(measure.id).href
            buttonText = "Add the value"
        }
        title = frame.title("\(heading) – \(measure.code) \(measure.title)")
        version = String(measure.version)
        periodValue = input.period
        figureValue = input.value
        numeratorValue = input.numerator
        denominatorValue = input.denominator
        showsFraction = measure.unit == .percentage || measure.unit == .ratePer10k
            || !measure.numeratorText.isEmpty || !measure.denominatorText.isEmpty
        numeratorLabel = measure.numeratorText.isEmpty ? "Numerator" : "Numerator: \(measure.numeratorText)"
        denominatorLabel = measure.denominatorText.isEmpty ? "Denominator" : "Denominator: \(measure.denominatorText)"
        figureHint = switch measure.unit {
        case .percentage: "A percentage, like 62.5. Leave it blank to work it out from the numerator and denominator."
        case .ratePer10k: "A rate per 10,000 children, like 41.2. Leave it blank to work it out from the numerator and denominator."
        case .days: "A number of days, like 23"
        case .count: "A count, like 14"
        case .score: "A score, like 3.5"
        }
        dateView = DateInputView(id: "value-as-at", name: "as-at-", input.asAt, problems: problems)
        noteValue = input.note
        reasonValue = input.reason
        was = input.was
        periodError = problems.message("value-period")
        figureError = problems.message("value-figure")
        numeratorError = problems.message("value-numerator")
        denominatorError = problems.message("value-denominator")
        asAtError = problems.message("value-as-at")
        noteError = problems.message("value-note")
        reasonError = problems.message("value-reason")
    }
}

/// `/measures/{id}/targets`: the final and interim targets, the tolerance, the trajectory and
/// its baseline, and targets for single periods, in one form.
struct MeasureTargetsPage: PageModel, Sendable {
    static let template = Template.measureTargets

    struct TargetRowView: Sendable {
        var index: Int
        var rowNumber: Int
        var targetValue: String
        var dateView: DateInputView
        var interimChoices: [Choice]
        var removeChecked: Bool
        var isNew: Bool
        var valueError: String?
        var dueError: String?
    }

    struct PeriodRowView: Sendable {
        var index: Int
        var rowNumber: Int
        var periodValue: String
        var targetValue: String
        var removeChecked: Bool
        var isNew: Bool
        var periodError: String?
        var valueError: String?
    }

    var title: String
    var navMeasures = true
    var frame: MeasureFormFrame
    var heading = "Change the targets"
    var postTo: String
    var version: String
    var unitHint: String
    var targetRows: [TargetRowView]
    var targetCount: String
    var periodRows: [PeriodRowView]
    var periodTargetCount: String
    var toleranceValue: String
    var toleranceHint: String
    var toleranceError: String?
    var trajectoryChoices: [Choice]
    var baselineValue: String
    var baselineDateView: DateInputView
    var baselineValueError: String?
    var baselineDateError: String?

    init(measure: Measure, input: TargetsFormInput, problems: FormProblems = FormProblems(), errorIntro: String? = nil) {
        frame = MeasureFormFrame(measure: measure, problems: problems, errorIntro: errorIntro)
        title = frame.title("Change the targets – \(measure.code) \(measure.title)")
        postTo = Path.measureTargets(measure.id).href
        version = String(measure.version)
        unitHint = measure.unit.isPercentage ? "Targets are percentages, like 70" : "Targets are in the measure's unit (\(measure.unit.rawValue))"
        let storedCount = measure.targets.count
        targetRows = input.targets.enumerated().map { i, row in
            TargetRowView(index: i, rowNumber: i + 1, targetValue: row.value,
                          dateView: DateInputView(id: "target-\(i)-due", name: "target-\(i)-", row.due, problems: problems),
                          interimChoices: [Choice(value: "final", label: "Final target", selected: !row.interim, id: "target-\(i)-kind-final"),
                                           Choice(value: "interim", label: "Interim target", selected: row.interim, id: "target-\(i)-kind-interim")],
                          removeChecked: row.remove, isNew: i >= storedCount && row.isBlank,
                          valueError: problems.message("target-\(i)-value"), dueError: problems.message("target-\(i)-due"))
        }
        targetCount = String(input.targets.count)
        let storedPeriods = measure.periodTargets.count
        periodRows = input.periodTargets.enumerated().map { i, row in
            PeriodRowView(index: i, rowNumber: i + 1, periodValue: row.period, targetValue: row.value, removeChecked: row.remove,
                          isNew: i >= storedPeriods && row.isBlank,
                          periodError: problems.message("period-target-\(i)-period"), valueError: problems.message("period-target-\(i)-value"))
        }
        periodTargetCount = String(input.periodTargets.count)
        toleranceValue = input.tolerance
        toleranceHint = measure.unit.isPercentage
            ? "How far from the target is Amber rather than Red, in percentage points. Leave blank for the default of 5 points."
            : "How far from the target is Amber rather than Red, in the measure's unit. Leave blank for the default of 5% of the target."
        toleranceError = problems.message("targets-tolerance")
        trajectoryChoices = [
            Choice(value: "no", label: "No: judge each period against the next target due", selected: !input.trajectory, id: "targets-trajectory-no"),
            Choice(value: "yes", label: "Yes: judge each period against a straight line between targets", selected: input.trajectory, id: "targets-trajectory-yes"),
        ]
        baselineValue = input.baselineValue
        baselineDateView = DateInputView(id: "targets-baseline-date", name: "baseline-", input.baselineDate, problems: problems)
        baselineValueError = problems.message("targets-baseline-value")
        baselineDateError = problems.message("targets-baseline-date")
    }
}

/// `/measures/{id}/benchmarks`: the benchmarks as a table with change and remove, and a form to
/// add one (or change the one chosen).
struct MeasureBenchmarksPage: PageModel, Sendable {
    static let template = Template.measureBenchmarks

    struct Row: Sendable {
        var index: String
        var kind: String
        var year: String
        var benchmarkValue: String
        var rangeText: String
        var source: String
        var changeHref: String
    }

    var title: String
    var navMeasures = true
    var frame: MeasureFormFrame
    var heading = "Benchmarks"
    var postTo: String
    var version: String
    var rows: [Row]
    var hasRows: Bool
    var formHeading: String
    var formIndex: String
    var buttonText: String
    var kindChoices: [Choice]
    var yearValue: String
    var benchmarkValue: String
    var rangeLowValue: String
    var rangeHighValue: String
    var sourceValue: String
    var kindError: String?
    var yearError: String?
    var valueError: String?
    var rangeLowError: String?
    var rangeHighError: String?
    var sourceError: String?

    init(measure: Measure, changing index: Int?, input: BenchmarkFormInput, problems: FormProblems = FormProblems(), errorIntro: String? = nil) {
        frame = MeasureFormFrame(measure: measure, problems: problems, errorIntro: errorIntro)
        title = frame.title("Benchmarks – \(measure.code) \(measure.title)")
        postTo = Path.measureBenchmarks(measure.id).href
        version = String(measure.version)
        rows = measure.benchmarks.enumerated().sorted { ($0.element.year, $0.element.kind.rawValue) > ($1.element.year, $1.element.kind.rawValue) }
            .map { i, benchmark in
                let range: String = switch (benchmark.rangeLow, benchmark.rangeHigh) {
                case let (low?, high?): "\(measure.format(low)) to \(measure.format(high))"
                default: "–"
                }
                return Row(index: String(i), kind: benchmark.kind.rawValue, year: benchmark.year, benchmarkValue: measure.format(benchmark.value),
                           rangeText: range, source: benchmark.source.isEmpty ? "–" : benchmark.source,
                           changeHref: Path.measureBenchmarks(measure.id).href(query: "change=\(i)", fragment: "benchmark-form"))
            }
        hasRows = !rows.isEmpty
        let changing = index.flatMap { measure.benchmarks.indices.contains($0) ? measure.benchmarks[$0] : nil }
        formHeading = changing.map { "Change the \($0.kind.rawValue) benchmark for \($0.year)" } ?? "Add a benchmark"
        formIndex = changing == nil ? "" : index.map(String.init) ?? ""
        buttonText = changing == nil ? "Add the benchmark" : "Save the benchmark"
        kindChoices = Benchmark.Kind.allCases.map { kind in
            let slug = BenchmarkFormInput.slug(kind)
            return Choice(value: slug, label: kind == .statisticalNeighbours ? "Statistical neighbours" : kind.rawValue,
                          selected: input.kind == slug, id: "benchmark-kind-\(slug)")
        }
        yearValue = input.year
        benchmarkValue = input.value
        rangeLowValue = input.rangeLow
        rangeHighValue = input.rangeHigh
        sourceValue = input.source
        kindError = problems.message("benchmark-kind")
        yearError = problems.message("benchmark-year")
        valueError = problems.message("benchmark-value")
        rangeLowError = problems.message("benchmark-range-low")
        rangeHighError = problems.message("benchmark-range-high")
        sourceError = problems.message("benchmark-source")
    }
}

/// `/measures/new` and `/measures/{id}/edit`: what the measure is and how it is judged.
struct MeasureDefinitionPage: PageModel, Sendable {
    static let template = Template.measureDefinition

    var title: String
    var navMeasures = true
    var frame: MeasureFormFrame
    var heading: String
    var postTo: String
    var version: String?
    var buttonText: String
    var codeValue: String
    var titleValue: String
    var definitionValue: String
    var numeratorValue: String
    var denominatorValue: String
    var unitChoices: [Choice]
    var polarityChoices: [Choice]
    var bandLowValue: String
    var bandHighValue: String
    var frequencyChoices: [Choice]
    var decimalsValue: String
    var ownerValue: String
    var sourceChoices: [Choice]
    var catalogueChoices: [Choice]
    var codeError: String?
    var titleError: String?
    var definitionError: String?
    var numeratorError: String?
    var denominatorError: String?
    var unitError: String?
    var polarityError: String?
    var bandLowError: String?
    var bandHighError: String?
    var frequencyError: String?
    var decimalsError: String?
    var ownerError: String?
    var sourceError: String?
    var catalogueError: String?

    init(measure: Measure?, input: DefinitionFormInput, problems: FormProblems = FormProblems(), errorIntro: String? = nil) {
        frame = MeasureFormFrame(measure: measure, problems: problems, errorIntro: errorIntro)
        heading = measure == nil ? "Add a measure" : "Change the measure's definition"
        title = frame.title(measure.map { "Change the definition – \($0.code) \($0.title)" } ?? "Add a measure")
        postTo = measure.map { Path.measureDefinition($0.id).href } ?? Path.measures.href
        version = measure.map { String($0.version) }
        buttonText = measure == nil ? "Add the measure" : "Save the definition"
        codeValue = input.code
        titleValue = input.title
        definitionValue = input.definition
        numeratorValue = input.numeratorText
        denominatorValue = input.denominatorText
        unitChoices = Measure.Unit.allCases.map { unit in
            let slug = DefinitionFormInput.slug(unit.rawValue)
            let label = switch unit {
            case .percentage: "Percentage"
            case .count: "Count"
            case .ratePer10k: "Rate per 10,000 children"
            case .days: "Days"
            case .score: "Score"
            }
            return Choice(value: slug, label: label, selected: input.unit == slug, id: "measure-unit-\(slug)")
        }
        polarityChoices = Measure.Polarity.allCases.map { polarity in
            let slug = DefinitionFormInput.slug(polarity.rawValue)
            let label = switch polarity {
            case .higherIsBetter: "Higher is better"
            case .lowerIsBetter: "Lower is better"
            case .withinBand: "Within a band (give the band below)"
            }
            return Choice(value: slug, label: label, selected: input.polarity == slug, id: "measure-polarity-\(slug)")
        }
        bandLowValue = input.bandLow
        bandHighValue = input.bandHigh
        frequencyChoices = Measure.Frequency.allCases.map { frequency in
            Choice(value: frequency.rawValue, label: frequency.rawValue.prefix(1).uppercased() + frequency.rawValue.dropFirst(),
                   selected: input.frequency == frequency.rawValue, id: "measure-frequency-\(frequency.rawValue)")
        }
        decimalsValue = input.decimals
        ownerValue = input.owner
        sourceChoices = [("manual", "Manual entry"), ("audit", "Case audit"), ("computed", "Computed from child-level records (choose which below)")].map {
            Choice(value: $0.0, label: $0.1, selected: input.source == $0.0, id: "measure-source-\($0.0)")
        }
        catalogueChoices = [Choice(value: "", label: "Not computed", selected: input.catalogueID.isEmpty)]
            + MeasureCatalogue.all.map { Choice(value: $0.id.rawValue, label: "\($0.id): \($0.title)", selected: input.catalogueID == $0.id.rawValue) }
        codeError = problems.message("measure-code")
        titleError = problems.message("measure-title")
        definitionError = problems.message("measure-definition")
        numeratorError = problems.message("measure-numerator-text")
        denominatorError = problems.message("measure-denominator-text")
        unitError = problems.message("measure-unit")
        polarityError = problems.message("measure-polarity")
        bandLowError = problems.message("measure-band-low")
        bandHighError = problems.message("measure-band-high")
        frequencyError = problems.message("measure-frequency")
        decimalsError = problems.message("measure-decimals")
        ownerError = problems.message("measure-owner")
        sourceError = problems.message("measure-source")
        catalogueError = problems.message("measure-catalogue-id")
    }
}
