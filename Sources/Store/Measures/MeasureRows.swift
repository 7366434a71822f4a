import Core
import Foundation
import SQLKit

/// Reading and writing measures and their values.
enum MeasureRows {
    static func load(_ db: any SQLDatabase, filter: SQLQueryString) async throws -> [Measure] {
        var measures = try await db.raw("SELECT m.* FROM measures m WHERE \(filter) ORDER BY m.id").all().map(measure(from:))
        guard !measures.isEmpty else { return [] }
        var index: [Int64: Int] = [:]
        for (i, m) in measures.enumerated() { index[m.id] = i }
        let rows = try await db.raw("SELECT * FROM measure_values WHERE measure_id IN (SELECT m.id FROM measures m WHERE \(filter)) ORDER BY measure_id, period_end").all()
        for row in rows {
            guard let i = index[try row.int64("measure_id")] else { continue }
            measures[i].values.append(try value(from: row))
        }
        return measures
    }

    static func loadOne(_ db: any SQLDatabase, id: Int64, organisationID: Int64) async throws -> Measure {
        guard let measure = try await load(db, filter: "m.id = \(bind: id) AND m.organisation_id = \(bind: organisationID)").first else {
            throw StoreError.notFound(entity: "measure", id: String(id))
        }
        return measure
    }

    static func measure(from row: any SQLRow) throws -> Measure {
        let low = try row.optionalDouble("band_low")
        let high = try row.optionalDouble("band_high")
        return Measure(
            id: try row.int64("id"), organisationID: try row.int64("organisation_id"), code: try row.string("code"),
            title: try row.string("title"), definition: try row.string("definition"),
            numeratorText: try row.string("numerator_text"), denominatorText: try row.string("denominator_text"),
            unit: try row.enumeration("unit", as: Measure.Unit.self),
            polarity: try row.enumeration("polarity", as: Measure.Polarity.self),
            band: low.flatMap { l in high.flatMap { h in l <= h ? l...h : nil } },
            frequency: try row.enumeration("frequency", as: Measure.Frequency.self),
            source: try row.json("source", as: Measure.Source.self), decimals: try row.int("decimals"),
            owner: try row.string("owner"), targets: try row.json("targets", as: [Target].self),
            followsTrajectory: try row.bool("follows_trajectory"),
            baseline: try row.optionalJSON("baseline", as: Baseline.self),
            periodTargets: try row.json("period_targets", as: [PeriodTarget].self),
            tolerance: try row.optionalDouble("tolerance"),
            benchmarks: try row.json("benchmarks", as: [Benchmark].self), version: try row.int("version"))
    }

    static func value(from row: any SQLRow) throws -> MeasureValue {
        let label = try row.string("period")
        guard let period = Period(label: label) else { throw StoredValueError(column: "period", value: label) }
        return MeasureValue(id: try row.int64("id"), period: period, value: try row.double("value"),
                            numerator: try row.optionalDouble("numerator"), denominator: try row.optionalDouble("denominator"),
                            asAt: try row.day("as_at"), note: try row.string("note"),
                            computedFrom: try row.optionalString("computed_from"))
    }

    static func insert(_ db: any SQLDatabase, _ measure: Measure) async throws -> Measure {
        let row = try await db.raw("""
            INSERT INTO measures (organisation_id, code, title, definition, numerator_text, denominator_text, unit, polarity,
                band_low, band_high, frequency, source, decimals, owner, targets, follows_trajectory, baseline,
                period_targets, tolerance, benchmarks, version)
            VALUES (\(bind: measure.organisationID), \(bind: measure.code), \(bind: measure.title), \(bind: measure.definition),
                \(bind: measure.numeratorText), \(bind: measure.denominatorText), \(bind: measure.unit.rawValue),
                \(bind: measure.polarity.rawValue), \(bind: measure.band?.lowerBound), \(bind: measure.band?.upperBound),
                \(bind: measure.frequency.rawValue), \(bind: try JSONCoding.text(measure.source)), \(bind: measure.decimals),
                \(bind: measure.owner), \(bind: try JSONCoding.text(measure.targets)), \(bind: measure.followsTrajectory ? 1 : 0),
                \(bind: try JSONCoding.optionalText(measure.baseline)), \(bind: try JSONCoding.text(measure.periodTargets)),
                \(bind: measure.tolerance), \(bind: try JSONCoding.text(measure.benchmarks)), 1)
            RETURNING id
            """).first()!
        var created = measure
        created.id = try row.int64("id")
        created.version = 1
        created.values = []
        for value in measure.values {
            created.values.append(try await insertValue(db, value, measureID: created.id, organisationID: measure.organisationID))
        }
        return created
    }

    static func update(_ db: any SQLDatabase, _ measure: Measure, expectedVersion: Int) async throws {
        try await VersionedUpdate.run(db, """
            UPDATE measures SET code = \(bind: measure.code), title = \(bind: measure.title), definition = \(bind: measure.definition),
                numerator_text = \(bind: measure.numeratorText), denominator_text = \(bind: measure.denominatorText),
                unit = \(bind: measure.unit.rawValue), polarity = \(bind: measure.polarity.rawValue),
                band_low = \(bind: measure.band?.lowerBound), band_high = \(bind: measure.band?.upperBound),
                frequency = \(bind: measure.frequency.rawValue), source = \(bind: try JSONCoding.text(measure.source)),
                decimals = \(bind: measure.decimals), owner = \(bind: measure.owner),
                targets = \(bind: try JSONCoding.text(measure.targets)), follows_trajectory = \(bind: measure.followsTrajectory ? 1 : 0),
                baseline = \(bind: try JSONCoding.optionalText(measure.baseline)),
                period_targets = \(bind: try JSONCoding.text(measure.periodTargets)), tolerance = \(bind: measure.tolerance),
                benchmarks = \(bind: try JSONCoding.text(measure.benchmarks)), version = version + 1
            WHERE id = \(bind: measure.id) AND version = \(bind: expectedVersion)
            RETURNING version
            """, table: .measures, entity: "measure", id: measure.id, read: expectedVersion)
    }

    static func insertValue(_ db: any SQLDatabase, _ value: MeasureValue, measureID: Int64, organisationID: Int64) async throws -> MeasureValue {
        let row = try await db.raw("""
            INSERT INTO measure_values (organisation_id, measure_id, period, period_end, value, numerator, denominator, as_at, note, computed_from)
            VALUES (\(bind: organisationID), \(bind: measureID), \(bind: value.period.storageLabel), \(bind: value.period.end.iso),
                    \(bind: value.value), \(bind: value.numerator), \(bind: value.denominator), \(bind: value.asAt.iso),
                    \(bind: value.note), \(bind: value.computedFrom))
            RETURNING id
            """).first()!
        var saved = value
        saved.id = try row.int64("id")
        return saved
    }
}
