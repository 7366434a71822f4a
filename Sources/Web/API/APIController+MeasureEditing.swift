import Core
import Foundation
import Hummingbird

/// Correcting a measure's values through the API, as the measure's pages do: a reason is
/// required, the value it replaces is kept, and the figure the client read guards against
/// overwriting someone else's correction (409). Targets, benchmarks and the definition are
/// changed with `PATCH /measures/{id}`, held to the same rules (`MeasureEditing`) by the store.
extension APIController {
    static let measureEditingRoutes: [Route<APIController>] = [
        Route(method: .get, api: .measureValueCorrections(.parameter), access: .permission(.readPlans), handler: { $0.listCorrections }),
        Route(method: .post, api: .measureValueCorrections(.parameter), access: .permission(.editPlans), handler: { $0.correctValue }),
    ]

    var measureEditing: any MeasureEditingStore { environment.store }

    @Sendable func listCorrections(_ request: Request, context: AppContext) async throws -> Response {
        let measureID = try id(context)
        let measure = try await store.measure(id: measureID, organisationID: org)
        let corrections = try await measureEditing.valueCorrections(measureID: measureID, organisationID: org)
        return try json(["corrections": corrections.map { CorrectionResource($0, of: measure, suppression: identity.suppression) }])
    }

    @Sendable func correctValue(_ request: Request, context: AppContext) async throws -> Response {
        let measureID = try id(context)
        let measure = try await store.measure(id: measureID, organisationID: org)
        let input = try await decodeBody(ValueCorrectionInput.self, request: request, context: context)
        guard measure.value(for: input.period) != nil else {
            throw ValidationError(field: "period", message: "\(measure.code) has no value for \(MeasureEditing.longLabel(input.period)) to correct: add one with POST \(Path.api(.measureValues(measureID)).href)")
        }
        let figure = try MeasureEditing.figure(value: input.value, numerator: input.numerator, denominator: input.denominator, unit: measure.unit).get()
        let today = environment.today()
        if let problem = ValidationError.afterToday(input.asAt, today: today, field: "asAt", what: "The date the value is as at") { throw problem }
        let correction = try await measureEditing.correctMeasureValue(
            measureID: measureID, period: input.period, organisationID: org, expectedValue: input.previousValue,
            reason: input.reason, by: identity.name) { value in
                value.value = figure
                value.numerator = input.numerator
                value.denominator = input.denominator
                if let asAt = input.asAt { value.asAt = asAt }
                if let note = input.note { value.note = note }
            }
        let updated = try await store.measure(id: measureID, organisationID: org)
        return try json(CorrectionResource(correction, of: updated, suppression: identity.suppression), status: .created,
                        location: .measureValueCorrections(measureID))
    }

    /// Refuses a new value for a period outside the plans the measure reports to (a value already
    /// recorded may be replaced: it was recorded before the plan's dates were set or changed).
    func requireWithinPlanPeriod(_ value: MeasureValue, measureID: Int64) async throws {
        let measure = try await store.measure(id: measureID, organisationID: org)
        guard measure.value(for: value.period) == nil else { return }
        let plans = try await measureEditing.plansReportedTo(byMeasure: measureID, organisationID: org)
        if let problem = MeasureEditing.periodProblem(value.period, plans: plans) { throw problem }
    }
}

/// `POST /measures/{id}/values/corrections`.
struct ValueCorrectionInput: Codable, Sendable {
    var period: Period
    var value: Double?
    var numerator: Double?
    var denominator: Double?
    var asAt: Day?
    var note: String?
    /// Why: shown with the correction on the measure's page and in its history.
    var reason: String
    /// The value as the client last read it: a different stored value means someone else changed
    /// it since, and nothing is saved (409).
    var previousValue: Double
}

/// A correction as the API shows it: the values before and after (figures left out where the
/// reader's role suppresses small numbers), who, when, why, and the sentence the pages show.
struct CorrectionResource: Encodable, Sendable {
    var correction: ValueCorrection
    var sentence: String
    var suppressed: Bool

    init(_ correction: ValueCorrection, of measure: Measure, suppression: SmallNumbers?) {
        self.correction = correction
        suppressed = suppression.map { rule in
            [correction.before, correction.after].contains { rule.suppresses($0, unit: measure.unit) }
        } ?? false
        sentence = suppressed
            ? "Corrected \(MeasureEditing.longLabel(correction.period)) (\(suppression?.notice ?? "figures withheld")). Reason: \(correction.reason)"
            : MeasureEditing.sentence(for: correction, of: measure)
    }

    enum Keys: String, CodingKey { case id, period, before, after, reason, correctedBy, correctedAt, sentence, suppressed }
    enum ValueKeys: String, CodingKey { case id, period, value, numerator, denominator, asAt, note, computedFrom, suppressed }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(correction.id, forKey: .id)
        try container.encode(correction.period, forKey: .period)
        for (key, value) in [(Keys.before, correction.before), (Keys.after, correction.after)] {
            var shown = container.nestedContainer(keyedBy: ValueKeys.self, forKey: key)
            try shown.encode(value.id, forKey: .id)
            try shown.encode(value.period, forKey: .period)
            if !suppressed {
                try shown.encode(value.value, forKey: .value)
                try shown.encodeIfPresent(value.numerator, forKey: .numerator)
                try shown.encodeIfPresent(value.denominator, forKey: .denominator)
            }
            try shown.encode(value.asAt, forKey: .asAt)
            try shown.encode(value.note, forKey: .note)
            try shown.encodeIfPresent(value.computedFrom, forKey: .computedFrom)
            try shown.encode(suppressed, forKey: .suppressed)
        }
        try container.encode(correction.reason, forKey: .reason)
        try container.encode(correction.correctedBy, forKey: .correctedBy)
        try container.encode(correction.correctedAt, forKey: .correctedAt)
        try container.encode(sentence, forKey: .sentence)
        try container.encode(suppressed, forKey: .suppressed)
    }
}
