import Core
import Foundation
import SQLKit

/// What the audit trail holds about a run: counts, never a child id.
struct AnalysisRunInTrail: Encodable {
    var asAt: String
    var period: String
    var files: [String]
    var measures: Int
    var childLevelRows: Int
    var deletedUnderRetention: String?
}

extension SQLStore: AnalysisStore {
    /// Rows per INSERT: well under SQLite's limit on bound values, and few statements for a
    /// large authority's tens of thousands of rows.
    static let drillDownBatch = 200

    public func createAnalysisRun(_ run: AnalysisRun, drillDown: [DrillDownRow]) async throws -> AnalysisRun {
        try await gateway.write { db in
            let row = try await db.raw("""
                INSERT INTO analysis_runs (organisation_id, ran_by, ran_at, as_at, period, convention, file_names, results, data_quality,
                                           latest_recorded_day)
                VALUES (\(bind: run.organisationID), \(bind: run.ranBy), \(bind: Timestamp.string(from: run.ranAt)),
                        \(bind: run.asAt.iso), \(bind: run.period.label), \(bind: run.convention),
                        \(bind: try JSONCoding.text(run.fileNames)), \(bind: try JSONCoding.text(run.results)),
                        \(bind: try JSONCoding.text(run.dataQuality)), \(bind: run.latestRecordedDay?.iso))
                RETURNING id
                """).first()!
            var saved = run
            saved.id = try row.int64("id")
            var start = drillDown.startIndex
            while start < drillDown.endIndex {
                let batch = drillDown[start..<min(start + Self.drillDownBatch, drillDown.endIndex)]
                let values: [SQLQueryString] = batch.map { r in
                    """
                    (\(bind: saved.id), \(bind: r.catalogueID), \(bind: r.childID), \(bind: r.team), \(bind: r.worker), \(bind: r.start),
                     \(bind: r.end), \(bind: r.daysTaken), \(bind: r.outOfTimescale ? 1 : 0), \(bind: r.status))
                    """
                }
                try await db.raw("""
                    INSERT INTO analysis_drill_down (run_id, measure, child_id, team, worker, start_date, end_date, days_taken, out_of_timescale, status)
                    VALUES \(values.joined(separator: ", "))
                    """).run()
                start += Self.drillDownBatch
            }
            try await AuditLog.record(db, organisationID: run.organisationID, entity: "analysis run", id: saved.id, change: .create,
                                      before: AnalysisRunInTrail?.none, after: Self.trail(saved, rows: drillDown.count))
            return saved
        }
    }

    public func analysisRuns(organisationID: Int64) async throws -> [AnalysisRun] {
        try await gateway.read { db in
            try await db.raw("SELECT * FROM analysis_runs WHERE organisation_id = \(bind: organisationID) ORDER BY id DESC")
                .all().map(Self.analysisRun(from:))
        }
    }

    public func analysisRun(id: Int64, organisationID: Int64) async throws -> AnalysisRun {
        try await gateway.read { db in
            guard let row = try await db.raw("""
                SELECT * FROM analysis_runs WHERE id = \(bind: id) AND organisation_id = \(bind: organisationID)
                """).first() else {
                throw StoreError.notFound(entity: "analysis run", id: String(id))
            }
            return try Self.analysisRun(from: row)
        }
    }

    public func drillDown(runID: Int64, catalogueID: String, organisationID: Int64) async throws -> [DrillDownRow] {
        try await gateway.read { db in
            try await db.raw("""
                SELECT d.* FROM analysis_drill_down d JOIN analysis_runs r ON r.id = d.run_id
                WHERE d.run_id = \(bind: runID) AND r.organisation_id = \(bind: organisationID) AND d.measure = \(bind: catalogueID)
                ORDER BY d.id
                """).all().map { row in
                DrillDownRow(catalogueID: try row.string("measure"), childID: try row.string("child_id"),
                             team: try row.optionalString("team"), worker: try row.optionalString("worker"),
                             start: try row.optionalString("start_date"), end: try row.optionalString("end_date"),
                             daysTaken: try row.optionalInt("days_taken"), outOfTimescale: try row.bool("out_of_timescale"),
                             status: try row.string("status"))
            }
        }
    }

    public func analysisRetentionDays(organisationID: Int64) async throws -> Int {
        try await gateway.read { db in
            try await db.raw("SELECT days FROM analysis_retention WHERE organisation_id = \(bind: organisationID)")
                .first()?.int("days") ?? AnalysisRetention.defaultDays
        }
    }

    public func setAnalysisRetentionDays(_ days: Int, organisationID: Int64) async throws {
        guard AnalysisRetention.allowedDays.contains(days) else {
            throw ValidationError(field: "days", message: "Keep child-level detail for \(AnalysisRetention.allowedDays.lowerBound) to \(AnalysisRetention.allowedDays.upperBound) days")
        }
        try await gateway.write { db in
            let before = try await db.raw("SELECT days FROM analysis_retention WHERE organisation_id = \(bind: organisationID)").first()?.int("days")
            try await db.raw("DELETE FROM analysis_retention WHERE organisation_id = \(bind: organisationID)").run()
            try await db.raw("INSERT INTO analysis_retention (organisation_id, days) VALUES (\(bind: organisationID), \(bind: days))").run()
            try await AuditLog.record(db, organisationID: organisationID, entity: "analysis retention", id: organisationID,
                                      change: before == nil ? .create : .update,
                                      before: before.map { ["days": $0] }, after: ["days": days])
        }
    }

    public func deleteExpiredChildLevelData(now: Date) async throws -> [AnalysisRun] {
        try await gateway.write { db in
            var retention: [Int64: Int] = [:]
            for row in try await db.raw("SELECT organisation_id, days FROM analysis_retention").all() {
                retention[try row.int64("organisation_id")] = try row.int("days")
            }
            // Only the dates of the kept runs are read every hour; a whole run (its results and
            // data-quality report) only when it is due.
            let kept = try await db.raw("SELECT id, organisation_id, ran_at FROM analysis_runs WHERE child_level_deleted_at IS NULL ORDER BY id").all()
            var expired: [AnalysisRun] = []
            for row in kept {
                let organisationID = try row.int64("organisation_id"), ranAt = try row.string("ran_at")
                guard let ranAtDate = Timestamp.date(from: ranAt) else { throw StoredValueError(column: "ran_at", value: ranAt) }
                guard AnalysisRetention.isExpired(ranAt: ranAtDate, days: retention[organisationID], now: now),
                      let stored = try await db.raw("SELECT * FROM analysis_runs WHERE id = \(bind: try row.int64("id"))").first()
                else { continue }
                var run = try Self.analysisRun(from: stored)
                let days = retention[organisationID] ?? AnalysisRetention.defaultDays
                let count = try await db.raw("SELECT COUNT(*) AS n FROM analysis_drill_down WHERE run_id = \(bind: run.id)").first()?.int("n") ?? 0
                try await db.raw("DELETE FROM analysis_drill_down WHERE run_id = \(bind: run.id)").run()
                try await db.raw("UPDATE analysis_runs SET child_level_deleted_at = \(bind: Timestamp.string(from: now)) WHERE id = \(bind: run.id)").run()
                var summary = Self.trail(run, rows: count)
                summary.deletedUnderRetention = "child-level detail older than \(days) days"
                try await AuditLog.record(db, organisationID: run.organisationID, entity: "analysis run", id: run.id, change: .delete,
                                          before: summary, after: AnalysisRunInTrail?.none)
                run.childLevelDeletedAt = now
                expired.append(run)
            }
            return expired
        }
    }

    static func trail(_ run: AnalysisRun, rows: Int) -> AnalysisRunInTrail {
        AnalysisRunInTrail(asAt: run.asAt.iso, period: run.period.label, files: run.fileNames, measures: run.results.count,
                           childLevelRows: rows)
    }

    static func analysisRun(from row: any SQLRow) throws -> AnalysisRun {
        let label = try row.string("period")
        guard let period = Period(label: label) else { throw StoredValueError(column: "period", value: label) }
        func date(_ column: String) throws -> Date? {
            guard let text = try row.optionalString(column) else { return nil }
            guard let date = Timestamp.date(from: text) else { throw StoredValueError(column: column, value: text) }
            return date
        }
        return AnalysisRun(
            id: try row.int64("id"), organisationID: try row.int64("organisation_id"), ranBy: try row.string("ran_by"),
            ranAt: try date("ran_at") ?? Date(timeIntervalSince1970: 0), asAt: try row.day("as_at"), period: period,
            convention: try row.string("convention"), fileNames: try row.json("file_names", as: [String].self),
            results: try row.json("results", as: [AnalysisResult].self),
            dataQuality: try row.json("data_quality", as: [DataQualityNote].self),
            childLevelDeletedAt: try date("child_level_deleted_at"), latestRecordedDay: try row.optionalDay("latest_recorded_day"))
    }
}
