import Foundation

/// Analysis runs (`/analysis`) and their child-level drill-down, which only analysts see and
/// which the retention rule deletes after the organisation's number of days.
public protocol AnalysisStore: Sendable {
    /// Stores the run and its drill-down rows in one transaction (audited as "analysis run",
    /// with counts only), returning the run with its id.
    func createAnalysisRun(_ run: AnalysisRun, drillDown: [DrillDownRow]) async throws -> AnalysisRun
    /// The organisation's runs, newest first.
    func analysisRuns(organisationID: Int64) async throws -> [AnalysisRun]
    func analysisRun(id: Int64, organisationID: Int64) async throws -> AnalysisRun
    /// One measure's drill-down rows of a run, in the order they were counted.
    func drillDown(runID: Int64, catalogueID: String, organisationID: Int64) async throws -> [DrillDownRow]

    /// Days the child-level detail of a run is kept (30 unless set).
    func analysisRetentionDays(organisationID: Int64) async throws -> Int
    /// Sets it (audited as "analysis retention").
    func setAnalysisRetentionDays(_ days: Int, organisationID: Int64) async throws
    /// Deletes the drill-down of every run, in every organisation, older than its organisation's
    /// retention days at `now`, keeping the aggregate results; each deletion is audited. Returns
    /// the runs it expired.
    func deleteExpiredChildLevelData(now: Date) async throws -> [AnalysisRun]
}

/// How long child-level analysis detail is kept when an organisation has not said.
public enum AnalysisRetention {
    public static let defaultDays = 30
    /// A year at most: the detail is for chasing this month's cases, not an archive.
    public static let allowedDays = 1...365

    /// Whether a run's child-level detail is past keeping at `now`: `days` whole days after it
    /// ran (the organisation's setting, or the default).
    public static func isExpired(ranAt: Date, days: Int?, now: Date) -> Bool {
        ranAt.addingTimeInterval(TimeInterval(days ?? defaultDays) * 86_400) <= now
    }
}
