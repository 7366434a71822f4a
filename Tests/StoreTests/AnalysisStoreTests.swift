import Core
import Foundation
@testable import Store
import Testing

/// Analysis runs: stored with their drill-down, read within their organisation only, and the
/// retention rule that deletes the child-level rows on each organisation's day.
@Suite("Analysis runs")
struct AnalysisStoreTests {
    static let start = Date(timeIntervalSince1970: 1_711_843_200) // 31 Mar 2024 00:00 UTC
    static let day: TimeInterval = 86_400

    static func run(_ organisationID: Int64, ranAt: Date = start) -> AnalysisRun {
        AnalysisRun(organisationID: organisationID, ranBy: "Ana Lyst <ana@council.example>", ranAt: ranAt, asAt: Day(2024, 3, 31),
                    period: .quarter(containing: Day(2024, 3, 31)), convention: "statutory", fileNames: ["annex-a.xlsx", "contacts.csv"],
                    results: [AnalysisResult(catalogueID: "ASM-45WD", title: "Assessments completed within 45 working days", unit: "%",
                                             polarity: .higherIsBetter, numerator: 2, denominator: 3, value: 66.7, counted: 3,
                                             excluded: 1, outOfTimescale: 1, missingInput: nil)],
                    dataQuality: [DataQualityNote(sheet: "List_4", row: 9, column: "Continuous Assessment Start Date",
                                                  reason: "'31/02/2024' is not a date", rowDropped: false)])
    }

    /// Enough rows to take several INSERT batches.
    static let rows: [DrillDownRow] = (1...450).map { n in
        DrillDownRow(catalogueID: n % 2 == 0 ? "ASM-45WD" : "REF-NFA", childID: "CHILD-\(n)", team: n % 3 == 0 ? nil : "North",
                     worker: "Worker \(n % 5)", start: "2024-01-0\(n % 9 + 1)", end: n % 4 == 0 ? nil : "2024-03-2\(n % 9)",
                     daysTaken: n % 7 == 0 ? nil : n % 60, outOfTimescale: n % 3 == 0, status: n % 3 == 0 ? "late" : "in timescale")
    }

    @Test("A run is stored with its results, data-quality report and drill-down, and read back only in its organisation", arguments: TestDatabase.all)
    func roundTrip(database: TestDatabase) async throws {
        try await withStore(database) { store in
            let ours = try await store.createOrganisation(Organisation(name: "Northshire"))
            let theirs = try await store.createOrganisation(Organisation(name: "Southshire"))
            let saved = try await store.createAnalysisRun(Self.run(ours.id), drillDown: Self.rows)
            let read = try await store.analysisRun(id: saved.id, organisationID: ours.id)
            #expect(read == saved)
            #expect(read.childLevelDeletedAt == nil)
            let drill = try await store.drillDown(runID: saved.id, catalogueID: "ASM-45WD", organisationID: ours.id)
            #expect(drill == Self.rows.filter { $0.catalogueID == "ASM-45WD" }, "every field, in the order counted")
            await #expect(throws: StoreError.self) { try await store.analysisRun(id: saved.id, organisationID: theirs.id) }
            #expect(try await store.drillDown(runID: saved.id, catalogueID: "ASM-45WD", organisationID: theirs.id).isEmpty)
            #expect(try await store.analysisRuns(organisationID: theirs.id).isEmpty)
            let second = try await store.createAnalysisRun(Self.run(ours.id), drillDown: [])
            #expect(try await store.analysisRuns(organisationID: ours.id).map(\.id) == [second.id, saved.id], "newest first")

            let trail = try await store.auditTrail(organisationID: ours.id, entity: "analysis run", entityID: saved.id)
            #expect(trail.map(\.change) == [.create])
            #expect(trail.first?.after?.contains("\"childLevelRows\":450") == true)
            #expect(trail.first?.after?.contains("CHILD-") == false, "counts only, never a child id")
        }
    }

    @Test("Each organisation's retention days decide when its runs lose their drill-down; the figures stay; each deletion is audited once", arguments: TestDatabase.all)
    func retention(database: TestDatabase) async throws {
        try await withStore(database) { store in
            let short = try await store.createOrganisation(Organisation(name: "Shortshire"))
            let usual = try await store.createOrganisation(Organisation(name: "Usualshire"))
            #expect(try await store.analysisRetentionDays(organisationID: usual.id) == 30)
            try await store.setAnalysisRetentionDays(7, organisationID: short.id)
            #expect(try await store.analysisRetentionDays(organisationID: short.id) == 7)
            let a = try await store.createAnalysisRun(Self.run(short.id), drillDown: Self.rows)
            let b = try await store.createAnalysisRun(Self.run(usual.id), drillDown: Self.rows)

            #expect(try await store.deleteExpiredChildLevelData(now: Self.start + 7 * Self.day - 1).isEmpty)
            let week = Self.start + 7 * Self.day
            #expect(try await store.deleteExpiredChildLevelData(now: week).map(\.id) == [a.id])
            #expect(try await store.deleteExpiredChildLevelData(now: week + Self.day).isEmpty, "nothing twice")
            #expect(try await store.drillDown(runID: a.id, catalogueID: "ASM-45WD", organisationID: short.id).isEmpty)
            #expect(try await store.drillDown(runID: b.id, catalogueID: "ASM-45WD", organisationID: usual.id).count == 225)
            let expired = try await store.analysisRun(id: a.id, organisationID: short.id)
            #expect(expired.childLevelDeletedAt == week)
            #expect(expired.results == Self.run(short.id).results, "the figures are kept")

            #expect(try await store.deleteExpiredChildLevelData(now: Self.start + 30 * Self.day).map(\.id) == [b.id])
            let trail = try await store.auditTrail(organisationID: short.id, entity: "analysis run", entityID: a.id)
            #expect(trail.map(\.change) == [.create, .delete])
            #expect(trail.last?.before?.contains("\"childLevelRows\":450") == true)
            #expect(trail.last?.before?.contains("older than 7 days") == true)
            #expect(try await store.verifyAuditTrail() == .intact(entries: try await store.count("audit_log")))
        }
    }

    @Test("Retention is 1 to 365 days; a change is audited", arguments: TestDatabase.all)
    func retentionSetting(database: TestDatabase) async throws {
        try await withStore(database) { store in
            let org = try await store.createOrganisation(Organisation(name: "Northshire"))
            await #expect(throws: ValidationError.self) { try await store.setAnalysisRetentionDays(0, organisationID: org.id) }
            await #expect(throws: ValidationError.self) { try await store.setAnalysisRetentionDays(366, organisationID: org.id) }
            try await store.setAnalysisRetentionDays(14, organisationID: org.id)
            try await store.setAnalysisRetentionDays(60, organisationID: org.id)
            let trail = try await store.auditTrail(organisationID: org.id, entity: "analysis retention", entityID: org.id)
            #expect(trail.map(\.change) == [.create, .update])
            #expect(trail.last?.before == "{\"days\":14}")
            #expect(trail.last?.after == "{\"days\":60}")
        }
    }
}
