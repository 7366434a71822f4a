import Foundation

/// What must hold before a plan, action, update or measure is stored. Each error names the field
/// and says what to do.
public enum PlanValidation {
    public static func errors(in action: Action, prefix: String = "") -> [ValidationError] {
        var errors: [ValidationError] = []
        let ref = action.ref.isEmpty ? "" : " (action \(action.ref))"
        if action.ref.trimmingCharacters(in: .whitespaces).isEmpty {
            errors.append(.init(field: prefix + "ref", message: "Enter the action's reference, for example 2.1"))
        }
        if action.title.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            errors.append(.init(field: prefix + "title", message: "Enter what the action is\(ref)"))
        }
        if !(0...100).contains(action.percentComplete) {
            errors.append(.init(field: prefix + "percentComplete", message: "% complete must be a whole number from 0 to 100\(ref)"))
        }
        if let start = action.startDate, let due = action.dueDate, due < start {
            errors.append(.init(field: prefix + "dueDate", message: "The due date must be the same as or after the start date\(ref)"))
        }
        if action.status == .complete, action.completedOn == nil {
            errors.append(.init(field: prefix + "completedOn", message: "Enter the date the action was completed\(ref)"))
        }
        for milestone in action.milestones where milestone.title.trimmingCharacters(in: .whitespaces).isEmpty {
            errors.append(.init(field: prefix + "milestones", message: "Every milestone needs a title\(ref)"))
        }
        return errors
    }

    public static func errors(in update: ProgressUpdate) -> [ValidationError] {
        var errors: [ValidationError] = []
        if update.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            errors.append(.init(field: "text", message: "Enter the progress update"))
        } else if update.text.count > 20_000 {
            errors.append(.init(field: "text", message: "The progress update must be 20,000 characters or fewer"))
        }
        if update.author.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            errors.append(.init(field: "author", message: "Enter who is giving the update"))
        }
        if let percent = update.percentComplete, !(0...100).contains(percent) {
            errors.append(.init(field: "percentComplete", message: "% complete must be a whole number from 0 to 100"))
        }
        return errors
    }

    public static func errors(in measure: Measure) -> [ValidationError] {
        var errors: [ValidationError] = []
        if measure.code.trimmingCharacters(in: .whitespaces).isEmpty {
            errors.append(.init(field: "code", message: "Enter the measure's code or number"))
        }
        if measure.title.trimmingCharacters(in: .whitespaces).isEmpty {
            errors.append(.init(field: "title", message: "Enter the measure's title"))
        }
        if measure.polarity == .withinBand, measure.band == nil {
            errors.append(.init(field: "band", message: "A measure judged within a band needs the band's lower and upper values"))
        }
        if !(0...6).contains(measure.decimals) {
            errors.append(.init(field: "decimals", message: "Decimals must be from 0 to 6"))
        }
        // Every figure is held to MeasureFigure's range: a figure beyond it cannot be printed or
        // charted safely, and none is a real children's services figure.
        func check(_ value: Double, _ field: String, _ label: String, atLeastZero: Bool = false) {
            if let problem = MeasureFigure.problem(value, label: label, atLeastZero: atLeastZero) {
                errors.append(.init(field: field, message: problem))
            }
        }
        if let tolerance = measure.tolerance { check(tolerance, "tolerance", "the tolerance", atLeastZero: true) }
        if let band = measure.band {
            check(band.lowerBound, "band.low", "the band's low value")
            check(band.upperBound, "band.high", "the band's high value")
        }
        for (i, target) in measure.targets.enumerated() {
            check(target.value, "targets[\(i)].value", target.isInterim ? "the interim target" : "the target")
        }
        for (i, target) in measure.periodTargets.enumerated() {
            check(target.value, "periodTargets[\(i)].value", "the target for \(target.period.longText)")
        }
        if let baseline = measure.baseline { check(baseline.value, "baseline.value", "the baseline") }
        for (i, benchmark) in measure.benchmarks.enumerated() {
            check(benchmark.value, "benchmarks[\(i)].value", "the benchmark")
            if let low = benchmark.rangeLow { check(low, "benchmarks[\(i)].rangeLow", "the benchmark's range low value") }
            if let high = benchmark.rangeHigh { check(high, "benchmarks[\(i)].rangeHigh", "the benchmark's range high value") }
            if let low = benchmark.rangeLow, let high = benchmark.rangeHigh, low > high {
                errors.append(.init(field: "benchmarks[\(i)].rangeLow", message: "The benchmark's range low value must not be above its high value"))
            }
        }
        return errors
    }

    /// A numerator above its denominator is refused only for percentages: averages (cases per
    /// worker, days per child) legitimately exceed 1.
    public static func errors(in value: MeasureValue, unit: Measure.Unit? = nil) -> [ValidationError] {
        var errors: [ValidationError] = []
        if let problem = MeasureFigure.problem(value.value, label: "the value") {
            errors.append(.init(field: "value", message: problem))
        }
        if let d = value.denominator, let problem = MeasureFigure.problem(d, label: "the denominator", atLeastZero: true) {
            errors.append(.init(field: "denominator", message: problem))
        }
        if let n = value.numerator, let problem = MeasureFigure.problem(n, label: "the numerator", atLeastZero: true) {
            errors.append(.init(field: "numerator", message: problem))
        }
        if unit == .percentage, let n = value.numerator, let d = value.denominator, n > d, d >= 0 {
            errors.append(.init(field: "numerator", message: "The numerator cannot be more than the denominator"))
        }
        return errors
    }

    /// Checks a plan's own fields (not its themes and actions).
    public static func errors(in plan: Plan) -> [ValidationError] {
        var errors: [ValidationError] = []
        if plan.title.trimmingCharacters(in: .whitespaces).isEmpty {
            errors.append(.init(field: "title", message: "Enter the plan's title"))
        }
        if let start = plan.periodStart, let end = plan.periodEnd, end < start {
            errors.append(.init(field: "periodEnd", message: "The plan's end date must be on or after its start date"))
        }
        return errors
    }

    /// Checks an area (recommendation) of a plan.
    public static func errors(in area: Area) -> [ValidationError] {
        var errors: [ValidationError] = []
        if area.ref.trimmingCharacters(in: .whitespaces).isEmpty {
            errors.append(.init(field: "ref", message: "Enter the area's reference, for example 1.2"))
        }
        if area.title.trimmingCharacters(in: .whitespaces).isEmpty {
            errors.append(.init(field: "title", message: "Enter the area's title"))
        }
        return errors
    }

    /// Checks a whole plan; field names say where (`themes[1].areas[0].actions[2].title`).
    public static func errors(in draft: PlanDraft) -> [ValidationError] {
        var errors = self.errors(in: draft.plan)
        var refs = Set<String>()
        for (t, theme) in draft.themes.enumerated() {
            if theme.theme.title.trimmingCharacters(in: .whitespaces).isEmpty {
                errors.append(.init(field: "themes[\(t)].title", message: "Enter the theme's title"))
            }
            for (a, area) in theme.areas.enumerated() {
                for (i, action) in area.actions.enumerated() {
                    let prefix = "themes[\(t)].areas[\(a)].actions[\(i)]."
                    errors += self.errors(in: action.action, prefix: prefix)
                    if !refs.insert(ActionEditRules.refKey(action.action.ref)).inserted {
                        errors.append(.init(field: prefix + "ref", message: "Action reference \(action.action.ref) is used twice"))
                    }
                }
            }
        }
        var codes = Set<String>()
        for (m, measure) in draft.measures.enumerated() {
            errors += self.errors(in: measure).map { .init(field: "measures[\(m)].\($0.field)", message: $0.message) }
            if !codes.insert(measure.code).inserted {
                errors.append(.init(field: "measures[\(m)].code", message: "Measure code \(measure.code) is used twice"))
            }
        }
        return errors
    }
}
