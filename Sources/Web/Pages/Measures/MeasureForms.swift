import Core
import Foundation
import Measures

// The performance officer's forms for a measure: its values, targets, benchmarks and definition.
// Each reads what was typed into Core's types, refusing with a message beside the field; the
// ranges and the rules are Core's (`MeasureFigure`, `PlanValidation`, `MeasureEditing`).

/// A figure typed into a form: "62.5", "62.5%", "1,234". Never a crash on "abc", "1e400" or "nan".
enum FigureField {
    /// nil when the field was left blank; the problem names the field by `label` ("the value").
    static func read(_ text: String?, label: String, atLeastZero: Bool = false, id: String, into problems: inout FormProblems) -> Double? {
        guard var text = FormReading.trimmed(text) else { return nil }
        if text.hasSuffix("%") { text = String(text.dropLast()).trimmingCharacters(in: .whitespaces) }
        text = text.replacingOccurrences(of: ",", with: "")
        // Only digits, one point, a sign and an exponent: `Double("nan")` and `Double("inf")` parse.
        let allowed = Set("0123456789.-+eE")
        guard !text.isEmpty, text.allSatisfy(allowed.contains), let number = Double(text) else {
            problems.add(id, "Enter \(label) as a number, like 62.5")
            return nil
        }
        if let problem = MeasureFigure.problem(number, label: label, atLeastZero: atLeastZero) {
            problems.add(id, problem)
            return nil
        }
        return number
    }

    /// A stored figure as the form shows it to be changed: whole numbers without ".0".
    static func text(_ value: Double?) -> String {
        guard let value else { return "" }
        guard value.isFinite else { return "" }
        if value.rounded() == value, abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}

/// Core's refusals placed beside the form's fields: a store field name (`value`,
/// `targets[2].value`) mapped to the element id of the input that holds it.
extension FormProblems {
    mutating func add(_ errors: [ValidationError], ids: (String) -> String) {
        for error in errors { add(ids(error.field), error.message) }
    }
}

// MARK: - Values

/// The "Add a value" and "Correct a value" forms, as posted.
struct ValueFormInput: Sendable {
    var period: String
    var value: String
    var numerator: String
    var denominator: String
    var asAt: DateField
    var note: String
    var reason: String
    /// The figure the corrector read, exactly as stored (`String(Double)` reads back the same double).
    var was: String

    init(_ fields: FormFields) {
        period = fields["period"] ?? ""
        value = fields["value"] ?? ""
        numerator = fields["numerator"] ?? ""
        denominator = fields["denominator"] ?? ""
        asAt = fields.date("as-at-")
        note = fields["note"] ?? ""
        reason = fields["reason"] ?? ""
        was = fields["was"] ?? ""
    }

    init(value: MeasureValue?, period: Period?, today: Day) {
        self.period = period?.label ?? ""
        self.value = FigureField.text(value?.value)
        numerator = FigureField.text(value?.numerator)
        denominator = FigureField.text(value?.denominator)
        asAt = DateField(value?.asAt ?? today)
        note = value?.note ?? ""
        reason = ""
        was = value.map { String($0.value) } ?? ""
    }

    /// The element id of each field a store error names.
    static func elementID(_ field: String) -> String {
        switch field {
        case "period": "value-period"
        case "numerator": "value-numerator"
        case "denominator": "value-denominator"
        case "note": "value-note"
        case "reason": "value-reason"
        case "asAt": "value-as-at"
        default: "value-figure"
        }
    }

    /// The value as typed, or the problems. `period` is fixed for a correction.
    func validated(measure: Measure, today: Day, fixedPeriod: Period?) -> Result<MeasureValue, ProblemList> {
        var problems = FormProblems()
        var period = fixedPeriod
        if period == nil {
            if let text = FormReading.trimmed(self.period) {
                period = Period(label: text)
                if period == nil {
                    problems.add("value-period", "Enter the period like 2026-10 (a month), 2026-27 Q1 (a quarter) or 2026-27 (a financial year)")
                }
            } else {
                problems.add("value-period", "Enter the period the value is for, like 2026-10")
            }
        }
        let figure = FigureField.read(value, label: "the value", id: "value-figure", into: &problems)
        let numerator = FigureField.read(self.numerator, label: "the numerator", atLeastZero: true, id: "value-numerator", into: &problems)
        let denominator = FigureField.read(self.denominator, label: "the denominator", atLeastZero: true, id: "value-denominator", into: &problems)
        let asAt = self.asAt.read(name: "The date the value is as at", latest: today, id: "value-as-at", into: &problems)
        let note = note.trimmingCharacters(in: .whitespacesAndNewlines)
        if note.count > MeasureEditing.longestNote { problems.add("value-note", "The note must be 2,000 characters or fewer") }
        if fixedPeriod != nil, let problem = MeasureEditing.reasonProblem(reason) { problems.add("value-reason", problem.message) }
        var computed: Double?
        if problems.message("value-figure") == nil, problems.message("value-numerator") == nil, problems.message("value-denominator") == nil {
            switch MeasureEditing.figure(value: figure, numerator: numerator, denominator: denominator, unit: measure.unit) {
            case let .success(number): computed = number
            case let .failure(error): problems.add(Self.elementID(error.field), error.message)
            }
        }
        guard problems.isEmpty, let period, let computed, let asAt else { return .failure(ProblemList(problems: problems)) }
        let value = MeasureValue(period: period, value: computed, numerator: numerator, denominator: denominator, asAt: asAt, note: note)
        // The same rule the API and the store apply (range, numerator above denominator).
        var rules = FormProblems()
        rules.add(PlanValidation.errors(in: value, unit: measure.unit), ids: Self.elementID)
        guard rules.isEmpty else { return .failure(ProblemList(problems: rules)) }
        return .success(value)
    }
}

// MARK: - Targets

/// The targets form: each target a row (value, due date, final or interim, remove), then the
/// tolerance, the trajectory and its baseline, and targets for single periods.
struct TargetsFormInput: Sendable {
    struct TargetRow: Sendable {
        var value: String
        var due: DateField
        var interim: Bool
        var remove: Bool
        var isBlank: Bool { FormReading.trimmed(value) == nil && [due.day, due.month, due.year].allSatisfy { FormReading.trimmed($0) == nil } }
    }

    struct PeriodRow: Sendable {
        var period: String
        var value: String
        var remove: Bool
        var isBlank: Bool { FormReading.trimmed(period) == nil && FormReading.trimmed(value) == nil }
    }

    /// Blank rows offered for new targets.
    static let spareRows = 2

    var targets: [TargetRow]
    var periodTargets: [PeriodRow]
    var tolerance: String
    var trajectory: Bool
    var baselineValue: String
    var baselineDate: DateField

    init(_ fields: FormFields) {
        // The counts come from the browser: a negative or huge one must not trap or run away.
        let targetCount = max(0, min(Int(fields["target-count"] ?? "") ?? 0, 200))
        targets = (0..<targetCount).map { i in
            TargetRow(value: fields["target-\(i)-value"] ?? "", due: fields.date("target-\(i)-"),
                      interim: fields["target-\(i)-kind"] == "interim", remove: fields["target-\(i)-remove"] == "yes")
        }
        let periodCount = max(0, min(Int(fields["period-target-count"] ?? "") ?? 0, 200))
        periodTargets = (0..<periodCount).map { i in
            PeriodRow(period: fields["period-target-\(i)-period"] ?? "", value: fields["period-target-\(i)-value"] ?? "",
                      remove: fields["period-target-\(i)-remove"] == "yes")
        }
        tolerance = fields["tolerance"] ?? ""
        trajectory = fields["trajectory"] == "yes"
        baselineValue = fields["baseline-value"] ?? ""
        baselineDate = fields.date("baseline-")
    }

    init(measure: Measure) {
        targets = measure.targets.sorted { $0.dueBy < $1.dueBy }.map {
            TargetRow(value: FigureField.text($0.value), due: DateField($0.dueBy), interim: $0.isInterim, remove: false)
        } + Array(repeating: TargetRow(value: "", due: DateField(day: nil, month: nil, year: nil), interim: true, remove: false), count: Self.spareRows)
        periodTargets = measure.periodTargets.sorted { $0.period < $1.period }.map {
            PeriodRow(period: $0.period.label, value: FigureField.text($0.value), remove: false)
        } + Array(repeating: PeriodRow(period: "", value: "", remove: false), count: Self.spareRows)
        tolerance = FigureField.text(measure.tolerance)
        trajectory = measure.followsTrajectory
        baselineValue = FigureField.text(measure.baseline?.value)
        baselineDate = measure.baseline.map { DateField($0.date) } ?? DateField(day: nil, month: nil, year: nil)
    }

    struct Edit: Sendable {
        var targets: [Target]
        var periodTargets: [PeriodTarget]
        var tolerance: Double?
        var followsTrajectory: Bool
        var baseline: Baseline?
    }

    /// Store field names (`targets[1].value`) are the positions of the targets kept; `kept` maps
    /// them back to the rows of the form.
    func validated() -> Result<(Edit, keptTargets: [Int], keptPeriods: [Int]), ProblemList> {
        var problems = FormProblems()
        var targets: [Target] = [], keptTargets: [Int] = []
        for (i, row) in self.targets.enumerated() where !row.remove && !row.isBlank {
            let label = row.interim ? "the interim target" : "the target"
            let value = FigureField.read(row.value, label: label, id: "target-\(i)-value", into: &problems)
            if FormReading.trimmed(row.value) == nil { problems.add("target-\(i)-value", "Enter the target's value, or tick “Remove”") }
            let due = row.due.read(name: "The date the target is due by", latest: nil, id: "target-\(i)-due", into: &problems)
            if let value, let due {
                targets.append(Target(value: value, dueBy: due, isInterim: row.interim))
                keptTargets.append(i)
            }
        }
        var periodTargets: [PeriodTarget] = [], keptPeriods: [Int] = []
        for (i, row) in self.periodTargets.enumerated() where !row.remove && !row.isBlank {
            let period = FormReading.trimmed(row.period).flatMap(Period.init(label:))
            if period == nil { problems.add("period-target-\(i)-period", "Enter the period like 2026-10 (a month), 2026-27 Q1 or 2026-27") }
            let value = FigureField.read(row.value, label: "the target for the period", id: "period-target-\(i)-value", into: &problems)
            if FormReading.trimmed(row.value) == nil { problems.add("period-target-\(i)-value", "Enter the period's target, or tick “Remove”") }
            if let period, let value {
                periodTargets.append(PeriodTarget(period: period, value: value))
                keptPeriods.append(i)
            }
        }
        let tolerance = FigureField.read(self.tolerance, label: "the tolerance", atLeastZero: true, id: "targets-tolerance", into: &problems)
        var baseline: Baseline?
        let baselineValue = FigureField.read(self.baselineValue, label: "the baseline", id: "targets-baseline-value", into: &problems)
        let dateTyped = [baselineDate.day, baselineDate.month, baselineDate.year].contains { FormReading.trimmed($0) != nil }
        if baselineValue != nil || dateTyped {
            let date = baselineDate.read(name: "The baseline's date", latest: nil, id: "targets-baseline-date", into: &problems)
            if FormReading.trimmed(self.baselineValue) == nil { problems.add("targets-baseline-value", "Enter the baseline value, or clear its date") }
            if let baselineValue, let date { baseline = Baseline(value: baselineValue, date: date) }
        }
        guard problems.isEmpty else { return .failure(ProblemList(problems: problems)) }
        return .success((Edit(targets: targets, periodTargets: periodTargets, tolerance: tolerance, followsTrajectory: trajectory,
                              baseline: baseline), keptTargets, keptPeriods))
    }
}

// MARK: - Benchmarks

/// The add-or-change benchmark form.
struct BenchmarkFormInput: Sendable {
    var kind: String
    var year: String
    var value: String
    var rangeLow: String
    var rangeHigh: String
    var source: String

    init(_ fields: FormFields) {
        kind = fields["kind"] ?? ""
        year = fields["year"] ?? ""
        value = fields["value"] ?? ""
        rangeLow = fields["range-low"] ?? ""
        rangeHigh = fields["range-high"] ?? ""
        source = fields["source"] ?? ""
    }

    init(_ benchmark: Benchmark?) {
        kind = benchmark.map { BenchmarkFormInput.slug($0.kind) } ?? ""
        year = benchmark?.year ?? ""
        value = FigureField.text(benchmark?.value)
        rangeLow = FigureField.text(benchmark?.rangeLow)
        rangeHigh = FigureField.text(benchmark?.rangeHigh)
        source = benchmark?.source ?? ""
    }

    static func slug(_ kind: Benchmark.Kind) -> String {
        switch kind {
        case .england: "england"
        case .region: "region"
        case .statisticalNeighbours: "statistical-neighbours"
        }
    }

    static func kind(_ slug: String) -> Benchmark.Kind? { Benchmark.Kind.allCases.first { Self.slug($0) == slug } }

    static func elementID(_ field: String) -> String {
        if field.hasSuffix(".year") { return "benchmark-year" }
        if field.hasSuffix(".rangeLow") { return "benchmark-range-low" }
        if field.hasSuffix(".rangeHigh") { return "benchmark-range-high" }
        if field.hasSuffix(".source") { return "benchmark-source" }
        return "benchmark-value"
    }

    func validated() -> Result<Benchmark, ProblemList> {
        var problems = FormProblems()
        let kind = Self.kind(self.kind)
        if kind == nil { problems.add("benchmark-kind", "Choose who the benchmark is for: England, the region or statistical neighbours", linkTo: "benchmark-kind-england") }
        let year = year.trimmingCharacters(in: .whitespaces)
        if !MeasureEditing.isBenchmarkYear(year) { problems.add("benchmark-year", "Enter the benchmark's year like 2025-26 (a financial year) or 2025") }
        let value = FigureField.read(self.value, label: "the benchmark", id: "benchmark-value", into: &problems)
        if FormReading.trimmed(self.value) == nil { problems.add("benchmark-value", "Enter the benchmark's value, like 21.3") }
        let low = FigureField.read(rangeLow, label: "the range's low value", id: "benchmark-range-low", into: &problems)
        let high = FigureField.read(rangeHigh, label: "the range's high value", id: "benchmark-range-high", into: &problems)
        if (low == nil) != (high == nil), problems.isEmpty {
            problems.add(low == nil ? "benchmark-range-low" : "benchmark-range-high", "Enter both ends of the range, or neither")
        }
        if let low, let high, low > high { problems.add("benchmark-range-low", "The range's low value must not be above its high value") }
        let source = source.trimmingCharacters(in: .whitespacesAndNewlines)
        if source.count > 500 { problems.add("benchmark-source", "The source must be 500 characters or fewer") }
        guard problems.isEmpty, let kind, let value else { return .failure(ProblemList(problems: problems)) }
        return .success(Benchmark(kind: kind, year: year, value: value, rangeLow: low, rangeHigh: high, source: source))
    }
}

// MARK: - Definition

/// The definition form, for a new measure and for changing one.
struct DefinitionFormInput: Sendable {
    var code: String
    var title: String
    var definition: String
    var numeratorText: String
    var denominatorText: String
    var unit: String
    var polarity: String
    var bandLow: String
    var bandHigh: String
    var frequency: String
    var decimals: String
    var owner: String
    var source: String
    var catalogueID: String

    init(_ fields: FormFields) {
        code = fields["code"] ?? ""
        title = fields["title"] ?? ""
        definition = fields["definition"] ?? ""
        numeratorText = fields["numerator-text"] ?? ""
        denominatorText = fields["denominator-text"] ?? ""
        unit = fields["unit"] ?? ""
        polarity = fields["polarity"] ?? ""
        bandLow = fields["band-low"] ?? ""
        bandHigh = fields["band-high"] ?? ""
        frequency = fields["frequency"] ?? ""
        decimals = fields["decimals"] ?? ""
        owner = fields["owner"] ?? ""
        source = fields["source"] ?? ""
        catalogueID = fields["catalogue-id"] ?? ""
    }

    init(_ measure: Measure?) {
        code = measure?.code ?? ""
        title = measure?.title ?? ""
        definition = measure?.definition ?? ""
        numeratorText = measure?.numeratorText ?? ""
        denominatorText = measure?.denominatorText ?? ""
        unit = Self.slug(measure?.unit.rawValue ?? Measure.Unit.percentage.rawValue)
        polarity = Self.slug(measure?.polarity.rawValue ?? Measure.Polarity.higherIsBetter.rawValue)
        bandLow = FigureField.text(measure?.band?.lowerBound)
        bandHigh = FigureField.text(measure?.band?.upperBound)
        frequency = measure?.frequency.rawValue ?? Measure.Frequency.monthly.rawValue
        decimals = String(measure?.decimals ?? 1)
        owner = measure?.owner ?? ""
        switch measure?.source ?? .manual {
        case .manual: source = "manual"; catalogueID = ""
        case .audit: source = "audit"; catalogueID = ""
        case let .computed(id): source = "computed"; catalogueID = id
        }
    }

    /// `rate-per-10-000`, `higher-is-better`: a raw value as it travels in a form.
    static func slug(_ raw: String) -> String {
        raw.lowercased().replacingOccurrences(of: ",", with: "").replacingOccurrences(of: " ", with: "-")
    }

    static func elementID(_ field: String) -> String {
        switch field {
        case "code": "measure-code"
        case "title": "measure-title"
        case "definition": "measure-definition"
        case "numeratorText": "measure-numerator-text"
        case "denominatorText": "measure-denominator-text"
        case "decimals": "measure-decimals"
        case "owner": "measure-owner"
        case let band where band.hasPrefix("band"): "measure-band-low"
        default: "measure-title"
        }
    }

    struct Definition: Sendable {
        var code: String
        var title: String
        var definition: String
        var numeratorText: String
        var denominatorText: String
        var unit: Measure.Unit
        var polarity: Measure.Polarity
        var band: ClosedRange<Double>?
        var frequency: Measure.Frequency
        var decimals: Int
        var owner: String
        var source: Measure.Source

        func apply(to measure: inout Measure) {
            measure.code = code
            measure.title = title
            measure.definition = definition
            measure.numeratorText = numeratorText
            measure.denominatorText = denominatorText
            measure.unit = unit
            measure.polarity = polarity
            measure.band = band
            measure.frequency = frequency
            measure.decimals = decimals
            measure.owner = owner
            measure.source = source
        }
    }

    func validated() -> Result<Definition, ProblemList> {
        var problems = FormProblems()
        let code = code.trimmingCharacters(in: .whitespacesAndNewlines)
        if code.isEmpty { problems.add("measure-code", "Enter the measure's code or number, for example 42 or ASM-45WD") }
        let title = title.trimmingCharacters(in: .whitespacesAndNewlines)
        if title.isEmpty { problems.add("measure-title", "Enter the measure's title") }
        let unit = Measure.Unit.allCases.first { Self.slug($0.rawValue) == self.unit }
        if unit == nil { problems.add("measure-unit", "Choose the measure's unit", linkTo: "measure-unit-percentage") }
        let polarity = Measure.Polarity.allCases.first { Self.slug($0.rawValue) == self.polarity }
        if polarity == nil { problems.add("measure-polarity", "Choose whether higher or lower is better, or a band", linkTo: "measure-polarity-higher-is-better") }
        let frequency = Measure.Frequency(rawValue: self.frequency)
        if frequency == nil { problems.add("measure-frequency", "Choose how often the measure is reported", linkTo: "measure-frequency-monthly") }
        let decimals = FormReading.trimmed(self.decimals).flatMap { Int($0) }
        if decimals == nil || !(0...6).contains(decimals ?? -1) { problems.add("measure-decimals", "Enter the decimal places as a whole number from 0 to 6") }
        var band: ClosedRange<Double>?
        let low = FigureField.read(bandLow, label: "the band's low value", id: "measure-band-low", into: &problems)
        let high = FigureField.read(bandHigh, label: "the band's high value", id: "measure-band-high", into: &problems)
        if polarity == .withinBand {
            if let low, let high {
                if low <= high { band = low...high } else { problems.add("measure-band-low", "The band's low value must not be above its high value") }
            } else if problems.message("measure-band-low") == nil, problems.message("measure-band-high") == nil {
                problems.add(low == nil ? "measure-band-low" : "measure-band-high", "A measure judged within a band needs the band's low and high values")
            }
        }
        var source = Measure.Source.manual
        switch self.source {
        case "manual", "": source = .manual
        case "audit": source = .audit
        case "computed":
            let id = catalogueID.trimmingCharacters(in: .whitespaces)
            if MeasureCatalogue.measure(id) == nil {
                problems.add("measure-catalogue-id", "Choose the computed measure its values come from")
            } else {
                source = .computed(catalogueID: id)
            }
        default: problems.add("measure-source", "Choose where the measure's values come from", linkTo: "measure-source-manual")
        }
        guard problems.isEmpty, let unit, let polarity, let frequency, let decimals else { return .failure(ProblemList(problems: problems)) }
        return .success(Definition(code: code, title: title, definition: definition.trimmingCharacters(in: .whitespacesAndNewlines),
                                   numeratorText: numeratorText.trimmingCharacters(in: .whitespacesAndNewlines),
                                   denominatorText: denominatorText.trimmingCharacters(in: .whitespacesAndNewlines),
                                   unit: unit, polarity: polarity, band: band, frequency: frequency, decimals: decimals,
                                   owner: owner.trimmingCharacters(in: .whitespacesAndNewlines), source: source))
    }
}
