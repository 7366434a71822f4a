import Core
import Foundation
import SQLKit

/// A corrected value as the audit trail keeps it: the value's own fields and the reason, so the
/// entry reads on its own (the history page says "Reason: …" beside the changed figures).
struct CorrectedValueInTrail: Encodable {
    var period: Period
    var value: Double
    var numerator: Double?
    var denominator: Double?
    var asAt: Day
    var note: String
    var computedFrom: String?
    var reason: String

    init(_ value: MeasureValue, reason: String) {
        period = value.period
        self.value = value.value
        numerator = value.numerator
        denominator = value.denominator
        asAt = value.asAt
        note = value.note
        computedFrom = value.computedFrom
        self.reason = reason
    }
}

extension SQLStore: MeasureEditingStore {
    public func plansReportedTo(byMeasure measureID: Int64, organisationID: Int64) async throws -> [Plan] {
        try await gateway.read { db in try await Self.plansReportedTo(db, measureID: measureID, organisationID: organisationID) }
    }

    static func plansReportedTo(_ db: any SQLDatabase, measureID: Int64, organisationID: Int64) async throws -> [Plan] {
        let linked = try await db.raw("""
            SELECT * FROM plans WHERE organisation_id = \(bind: organisationID) AND id IN
                (SELECT a.plan_id FROM actions a JOIN action_measures am ON am.action_id = a.id WHERE am.measure_id = \(bind: measureID))
            ORDER BY id
            """).all().map(Self.plan(from:))
        if !linked.isEmpty { return linked }
        return try await db.raw("SELECT * FROM plans WHERE organisation_id = \(bind: organisationID) ORDER BY id").all().map(Self.plan(from:))
    }

    public func addMeasureValue(_ value: MeasureValue, measureID: Int64, organisationID: Int64, expectedVersion: Int?) async throws -> MeasureValue {
        try await gateway.write { db in
            let measure = try await MeasureRows.loadOne(db, id: measureID, organisationID: organisationID)
            try OptimisticEdit.refuseStale(entity: "measure", id: measureID, storedVersion: measure.version, expectedVersion: expectedVersion)
            let plans = try await Self.plansReportedTo(db, measureID: measureID, organisationID: organisationID)
            var errors = MeasureEditing.errors(in: value, of: measure, plans: plans)
            if let existing = measure.value(for: value.period) {
                errors.append(.init(field: "period", message: "\(MeasureEditing.longLabel(value.period)) already has a value (\(measure.format(existing.value))): correct that value instead, giving the reason"))
            }
            guard errors.isEmpty else { throw ValidationErrors(errors) }
            var fresh = value
            fresh.computedFrom = nil
            let saved = try await MeasureRows.insertValue(db, fresh, measureID: measureID, organisationID: organisationID)
            try await AuditLog.record(db, organisationID: organisationID, entity: "measure value", id: measureID,
                                      change: .create, before: nil as MeasureValue?, after: saved)
            return saved
        }
    }

    public func correctMeasureValue(measureID: Int64, period: Period, organisationID: Int64, expectedValue: Double?,
                                    reason: String, by person: String,
                                    _ edit: @Sendable (inout MeasureValue) throws -> Void) async throws -> ValueCorrection {
        if let problem = MeasureEditing.reasonProblem(reason) { throw ValidationErrors([problem]) }
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        return try await gateway.write { db in
            let measure = try await MeasureRows.loadOne(db, id: measureID, organisationID: organisationID)
            guard let stored = measure.value(for: period) else {
                throw StoreError.notFound(entity: "value of \(measure.code) for", id: MeasureEditing.longLabel(period))
            }
            if let expectedValue, expectedValue != stored.value {
                throw StoreError.conflict("Someone else changed the value of \(measure.code) for \(MeasureEditing.longLabel(period)) after you read it: it is now \(measure.format(stored.value)). Nothing has been saved; check the value and make your correction again.")
            }
            var corrected = stored
            try edit(&corrected)
            // The period and the value's identity are what is being corrected, not changed.
            corrected.id = stored.id
            corrected.period = stored.period
            let plans = try await Self.plansReportedTo(db, measureID: measureID, organisationID: organisationID)
            // The plan period bounds new values; a value already recorded for a period outside it
            // may still be corrected (it was recorded before the plan's dates were set or changed).
            let errors = MeasureEditing.errors(in: corrected, of: measure, plans: plans).filter { $0.field != "period" }
            guard errors.isEmpty else { throw ValidationErrors(errors) }
            try await db.raw("""
                UPDATE measure_values SET value = \(bind: corrected.value), numerator = \(bind: corrected.numerator),
                    denominator = \(bind: corrected.denominator), as_at = \(bind: corrected.asAt.iso), note = \(bind: corrected.note),
                    computed_from = \(bind: corrected.computedFrom)
                WHERE id = \(bind: stored.id) AND organisation_id = \(bind: organisationID)
                """).run()
            let at = Timestamp.now()
            let row = try await db.raw("""
                INSERT INTO measure_value_corrections (organisation_id, measure_id, period, before, after, reason, corrected_by, corrected_at)
                VALUES (\(bind: organisationID), \(bind: measureID), \(bind: period.storageLabel), \(bind: try JSONCoding.text(stored)),
                        \(bind: try JSONCoding.text(corrected)), \(bind: reason), \(bind: person), \(bind: at))
                RETURNING id
                """).first()
            guard let row else { throw StoreError.conflict("The correction could not be stored") }
            try await AuditLog.record(db, organisationID: organisationID, entity: "measure value", id: measureID, change: .update,
                                      before: CorrectedValueInTrail(stored, reason: ""), after: CorrectedValueInTrail(corrected, reason: reason))
            return ValueCorrection(id: try row.int64("id"), measureID: measureID, period: period, before: stored, after: corrected,
                                   reason: reason, correctedBy: person, correctedAt: at)
        }
    }

    public func valueCorrections(measureID: Int64, organisationID: Int64) async throws -> [ValueCorrection] {
        try await gateway.read { db in
            _ = try await MeasureRows.loadOne(db, id: measureID, organisationID: organisationID)
            return try await db.raw("""
                SELECT * FROM measure_value_corrections WHERE measure_id = \(bind: measureID) AND organisation_id = \(bind: organisationID)
                ORDER BY id
                """).all().map { row in
                    let label = try row.string("period")
                    guard let period = Period(label: label) else { throw StoredValueError(column: "period", value: label) }
                    return ValueCorrection(id: try row.int64("id"), measureID: measureID, period: period,
                                           before: try row.json("before", as: MeasureValue.self), after: try row.json("after", as: MeasureValue.self),
                                           reason: try row.string("reason"), correctedBy: try row.string("corrected_by"),
                                           correctedAt: try row.string("corrected_at"))
                }
        }
    }
}
