import Core
import Foundation
import Hummingbird

/// The performance officer's pages for keeping a measure: add and correct values, change targets,
/// benchmarks and the definition, add a measure. Editors and administrators only
/// (`editPlans`); a measure of another organisation is not found. Every form carries the version
/// it was made from (a correction, the figure it corrects): if someone changed the measure since,
/// nothing is saved and the form comes back (409) with what was typed and the measure as it is now.
struct MeasureEditController: PageResponder, Sendable {
    let environment: AppEnvironment
    let identity: Identity
    let csrf: String

    var store: any PlanStore & MeasureEditingStore { environment.store }
    var org: Int64 { identity.organisationID }

    static let routes: [Route<MeasureEditController>] = [
        .page(.get, .measureNew, .permission(.editPlans)) { $0.newMeasure },
        .init(method: .post, path: .measures, access: .permission(.editPlans)) { $0.createMeasure },
        .page(.get, .measureDefinition(.parameter), .permission(.editPlans)) { $0.definitionForm },
        .init(method: .post, path: .measureDefinition(.parameter), access: .permission(.editPlans)) { $0.saveDefinition },
        .page(.get, .measureValueNew(.parameter), .permission(.editPlans)) { $0.newValue },
        .init(method: .post, path: .measureValues(.parameter), access: .permission(.editPlans)) { $0.addValue },
        .page(.get, .measureValueCorrection(.parameter), .permission(.editPlans)) { $0.correctionForm },
        .init(method: .post, path: .measureValueCorrection(.parameter), access: .permission(.editPlans)) { $0.correctValue },
        .page(.get, .measureTargets(.parameter), .permission(.editPlans)) { $0.targetsForm },
        .init(method: .post, path: .measureTargets(.parameter), access: .permission(.editPlans)) { $0.saveTargets },
        .page(.get, .measureBenchmarks(.parameter), .permission(.editPlans)) { $0.benchmarksForm },
        .init(method: .post, path: .measureBenchmarks(.parameter), access: .permission(.editPlans)) { $0.saveBenchmark },
    ]

    var frame: PageFrame { PageFrame(views: environment.views, identity: identity, csrf: csrf) }

    /// "Someone else changed this measure after you opened this page. …"
    static func staleSentence(_ what: String) -> String {
        "Someone else changed this measure after you opened this page. \(what) has not been saved. The form below shows what you typed; the measure as it is now is on its page. Check it, then save again."
    }

    // MARK: Values

    @Sendable func newValue(_ request: Request, context: AppContext) async throws -> HTML {
        let measure = try await store.measure(id: try FormReading.id(in: context), organisationID: org)
        // Offered: the latest complete period without a value.
        let today = environment.today()
        var period = Period.containing(today, kind: measure.frequency.periodKind).previous
        for _ in 0..<24 where measure.value(for: period) != nil { period = period.shifted(by: 1) }
        let input = ValueFormInput(value: nil, period: period, today: today)
        let plans = try await store.plansReportedTo(byMeasure: measure.id, organisationID: org)
        return try render(MeasureValueFormPage(measure: measure, input: input, correcting: nil, plans: plans))
    }

    @Sendable func addValue(_ request: Request, context: AppContext) async throws -> Response {
        let id = try FormReading.id(in: context)
        let measure = try await store.measure(id: id, organisationID: org)
        let fields = try await FormFields.read(request, context: context)
        let version = try fields.version()
        let input = ValueFormInput(fields)
        let plans = try await store.plansReportedTo(byMeasure: id, organisationID: org)
        switch input.validated(measure: measure, today: environment.today(), fixedPeriod: nil) {
        case let .failure(list):
            return try render(MeasureValueFormPage(measure: measure, input: input, correcting: nil, problems: list.problems, plans: plans),
                              status: .badRequest).response()
        case let .success(value):
            do {
                _ = try await store.addMeasureValue(value, measureID: id, organisationID: org, expectedVersion: version)
            } catch StoreError.staleVersion {
                let now = try await store.measure(id: id, organisationID: org)
                return try render(MeasureValueFormPage(measure: now, input: input, correcting: nil, errorIntro: Self.staleSentence("Your value"),
                                                       plans: plans), status: .conflict).response()
            } catch let error as ValidationErrors {
                var problems = FormProblems()
                problems.add(error.errors, ids: ValueFormInput.elementID)
                return try render(MeasureValueFormPage(measure: measure, input: input, correcting: nil, problems: problems, plans: plans),
                                  status: .badRequest).response()
            }
            return redirect(to: .measure(id), query: "saved=value", fragment: "values")
        }
    }

    /// The period in `?period=` (or the form's `period` field), which must have a value.
    func correcting(_ measure: Measure, period text: String?) throws -> MeasureValue {
        guard let text = FormReading.trimmed(text), let period = Period(label: text), let value = measure.value(for: period) else {
            throw HTTPError(.notFound, message: "\(measure.code) has no value for that period to correct. Go back to the measure and choose a value from its table.")
        }
        return value
    }

    @Sendable func correctionForm(_ request: Request, context: AppContext) async throws -> HTML {
        let measure = try await store.measure(id: try FormReading.id(in: context), organisationID: org)
        let value = try correcting(measure, period: request.uri.queryParameters.get("period"))
        let input = ValueFormInput(value: value, period: value.period, today: environment.today())
        return try render(MeasureValueFormPage(measure: measure, input: input, correcting: value))
    }

    @Sendable func correctValue(_ request: Request, context: AppContext) async throws -> Response {
        let id = try FormReading.id(in: context)
        let measure = try await store.measure(id: id, organisationID: org)
        let fields = try await FormFields.read(request, context: context)
        let input = ValueFormInput(fields)
        let stored = try correcting(measure, period: input.period)
        switch input.validated(measure: measure, today: environment.today(), fixedPeriod: stored.period) {
        case let .failure(list):
            return try render(MeasureValueFormPage(measure: measure, input: input, correcting: stored, problems: list.problems), status: .badRequest).response()
        case let .success(value):
            // A missing or unreadable `was` is an old or hand-made form: refuse rather than overwrite blind.
            guard let was = Double(input.was.trimmingCharacters(in: .whitespaces)) else {
                throw HTTPError(.badRequest, message: "The form could not be read. Go back, reload the page and try again.")
            }
            do {
                _ = try await store.correctMeasureValue(measureID: id, period: stored.period, organisationID: org, expectedValue: was,
                                                        reason: input.reason, by: identity.name) { corrected in
                    corrected.value = value.value
                    corrected.numerator = value.numerator
                    corrected.denominator = value.denominator
                    corrected.asAt = value.asAt
                    corrected.note = value.note
                }
            } catch let error as StoreError {
                guard case let .conflict(message) = error else { throw error }
                let now = try await store.measure(id: id, organisationID: org)
                let current = now.value(for: stored.period) ?? stored
                var kept = input
                kept.was = String(current.value)
                return try render(MeasureValueFormPage(measure: now, input: kept, correcting: current, errorIntro: message), status: .conflict).response()
            } catch let error as ValidationErrors {
                var problems = FormProblems()
                problems.add(error.errors, ids: ValueFormInput.elementID)
                return try render(MeasureValueFormPage(measure: measure, input: input, correcting: stored, problems: problems), status: .badRequest).response()
            }
            return redirect(to: .measure(id), query: "saved=correction", fragment: "values")
        }
    }

    // MARK: Targets

    @Sendable func targetsForm(_ request: Request, context: AppContext) async throws -> HTML {
        let measure = try await store.measure(id: try FormReading.id(in: context), organisationID: org)
        return try render(MeasureTargetsPage(measure: measure, input: TargetsFormInput(measure: measure)))
    }

    @Sendable func saveTargets(_ request: Request, context: AppContext) async throws -> Response {
        let id = try FormReading.id(in: context)
        let measure = try await store.measure(id: id, organisationID: org)
        let fields = try await FormFields.read(request, context: context)
        let version = try fields.version()
        let input = TargetsFormInput(fields)
        switch input.validated() {
        case let .failure(list):
            return try render(MeasureTargetsPage(measure: measure, input: input, problems: list.problems), status: .badRequest).response()
        case let .success((edit, keptTargets, keptPeriods)):
            do {
                _ = try await store.editMeasure(id: id, organisationID: org, expectedVersion: version) { measure in
                    measure.targets = edit.targets
                    measure.periodTargets = edit.periodTargets
                    measure.tolerance = edit.tolerance
                    measure.followsTrajectory = edit.followsTrajectory
                    measure.baseline = edit.baseline
                }
            } catch StoreError.staleVersion {
                let now = try await store.measure(id: id, organisationID: org)
                return try render(MeasureTargetsPage(measure: now, input: input, errorIntro: Self.staleSentence("Your change to the targets")),
                                  status: .conflict).response()
            } catch let error as ValidationErrors {
                var problems = FormProblems()
                problems.add(error.errors) { field in Self.targetElementID(field, keptTargets: keptTargets, keptPeriods: keptPeriods) }
                return try render(MeasureTargetsPage(measure: measure, input: input, problems: problems), status: .badRequest).response()
            }
            return redirect(to: .measure(id), query: "saved=targets", fragment: "targets")
        }
    }

    /// `targets[1].value` → the element of the form row that target came from.
    static func targetElementID(_ field: String, keptTargets: [Int], keptPeriods: [Int]) -> String {
        func index(after prefix: String) -> Int? {
            guard field.hasPrefix(prefix) else { return nil }
            return Int(field.dropFirst(prefix.count).prefix { $0.isNumber })
        }
        if let i = index(after: "targets["), keptTargets.indices.contains(i) {
            return field.hasSuffix("dueBy") ? "target-\(keptTargets[i])-due" : "target-\(keptTargets[i])-value"
        }
        if let i = index(after: "periodTargets["), keptPeriods.indices.contains(i) {
            return field.hasSuffix("period") ? "period-target-\(keptPeriods[i])-period" : "period-target-\(keptPeriods[i])-value"
        }
        if field.hasPrefix("baseline") { return "targets-baseline-value" }
        return "targets-tolerance"
    }

    // MARK: Benchmarks

    @Sendable func benchmarksForm(_ request: Request, context: AppContext) async throws -> HTML {
        let measure = try await store.measure(id: try FormReading.id(in: context), organisationID: org)
        let index = request.uri.queryParameters.get("change").flatMap { Int($0) }.flatMap { measure.benchmarks.indices.contains($0) ? $0 : nil }
        return try render(MeasureBenchmarksPage(measure: measure, changing: index, input: BenchmarkFormInput(index.map { measure.benchmarks[$0] })))
    }

    @Sendable func saveBenchmark(_ request: Request, context: AppContext) async throws -> Response {
        let id = try FormReading.id(in: context)
        let measure = try await store.measure(id: id, organisationID: org)
        let fields = try await FormFields.read(request, context: context)
        let version = try fields.version()
        let input = BenchmarkFormInput(fields)
        if let removeText = fields.trimmed("remove") {
            guard let index = Int(removeText), index >= 0 else {
                throw HTTPError(.badRequest, message: "The form could not be read. Go back, reload the page and try again.")
            }
            do {
                _ = try await store.editMeasure(id: id, organisationID: org, expectedVersion: version) { measure in
                    guard measure.benchmarks.indices.contains(index) else { throw StoreError.notFound(entity: "benchmark", id: String(index)) }
                    measure.benchmarks.remove(at: index)
                }
            } catch StoreError.staleVersion {
                let now = try await store.measure(id: id, organisationID: org)
                return try render(MeasureBenchmarksPage(measure: now, changing: nil, input: BenchmarkFormInput(nil),
                                                        errorIntro: Self.staleSentence("Your removal of the benchmark")), status: .conflict).response()
            }
            return redirect(to: .measure(id), query: "saved=benchmark-removed", fragment: "benchmarks")
        }
        let index = fields.trimmed("index").flatMap { Int($0) }
        switch input.validated() {
        case let .failure(list):
            return try render(MeasureBenchmarksPage(measure: measure, changing: index, input: input, problems: list.problems), status: .badRequest).response()
        case let .success(benchmark):
            do {
                _ = try await store.editMeasure(id: id, organisationID: org, expectedVersion: version) { measure in
                    if let index {
                        guard measure.benchmarks.indices.contains(index) else { throw StoreError.notFound(entity: "benchmark", id: String(index)) }
                        measure.benchmarks[index] = benchmark
                    } else {
                        measure.benchmarks.append(benchmark)
                    }
                }
            } catch StoreError.staleVersion {
                let now = try await store.measure(id: id, organisationID: org)
                return try render(MeasureBenchmarksPage(measure: now, changing: index, input: input,
                                                        errorIntro: Self.staleSentence("Your benchmark")), status: .conflict).response()
            } catch let error as ValidationErrors {
                var problems = FormProblems()
                problems.add(error.errors, ids: BenchmarkFormInput.elementID)
                return try render(MeasureBenchmarksPage(measure: measure, changing: index, input: input, problems: problems), status: .badRequest).response()
            }
            return redirect(to: .measure(id), query: "saved=benchmark", fragment: "benchmarks")
        }
    }

    // MARK: Definition

    @Sendable func newMeasure(_ request: Request, context: AppContext) async throws -> HTML {
        try render(MeasureDefinitionPage(measure: nil, input: DefinitionFormInput(nil)))
    }

    @Sendable func createMeasure(_ request: Request, context: AppContext) async throws -> Response {
        let fields = try await FormFields.read(request, context: context)
        let input = DefinitionFormInput(fields)
        switch input.validated() {
        case let .failure(list):
            return try render(MeasureDefinitionPage(measure: nil, input: input, problems: list.problems), status: .badRequest).response()
        case let .success(definition):
            var measure = Measure(organisationID: org, code: definition.code, title: definition.title)
            definition.apply(to: &measure)
            let saved: Measure
            do {
                saved = try await store.createMeasure(measure)
            } catch let error as ValidationErrors {
                var problems = FormProblems()
                problems.add(error.errors, ids: DefinitionFormInput.elementID)
                return try render(MeasureDefinitionPage(measure: nil, input: input, problems: problems), status: .badRequest).response()
            } catch StoreError.conflict(let message) {
                var problems = FormProblems()
                problems.add("measure-code", message + ": choose another code")
                return try render(MeasureDefinitionPage(measure: nil, input: input, problems: problems), status: .badRequest).response()
            }
            return redirect(to: .measure(saved.id), query: "saved=measure")
        }
    }

    @Sendable func definitionForm(_ request: Request, context: AppContext) async throws -> HTML {
        let measure = try await store.measure(id: try FormReading.id(in: context), organisationID: org)
        return try render(MeasureDefinitionPage(measure: measure, input: DefinitionFormInput(measure)))
    }

    @Sendable func saveDefinition(_ request: Request, context: AppContext) async throws -> Response {
        let id = try FormReading.id(in: context)
        let measure = try await store.measure(id: id, organisationID: org)
        let fields = try await FormFields.read(request, context: context)
        let version = try fields.version()
        let input = DefinitionFormInput(fields)
        switch input.validated() {
        case let .failure(list):
            return try render(MeasureDefinitionPage(measure: measure, input: input, problems: list.problems), status: .badRequest).response()
        case let .success(definition):
            do {
                _ = try await store.editMeasure(id: id, organisationID: org, expectedVersion: version) { definition.apply(to: &$0) }
            } catch StoreError.staleVersion {
                let now = try await store.measure(id: id, organisationID: org)
                return try render(MeasureDefinitionPage(measure: now, input: input, errorIntro: Self.staleSentence("Your change to the definition")),
                                  status: .conflict).response()
            } catch let error as ValidationErrors {
                var problems = FormProblems()
                problems.add(error.errors, ids: DefinitionFormInput.elementID)
                return try render(MeasureDefinitionPage(measure: measure, input: input, problems: problems), status: .badRequest).response()
            } catch StoreError.conflict(let message) {
                var problems = FormProblems()
                problems.add("measure-code", message + ": choose another code")
                return try render(MeasureDefinitionPage(measure: measure, input: input, problems: problems), status: .badRequest).response()
            }
            return redirect(to: .measure(id), query: "saved=definition", fragment: "definition")
        }
    }
}
