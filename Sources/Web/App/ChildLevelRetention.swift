import Core
import Foundation
import Logging

/// Applies each organisation's retention rule to the child-level analysis detail: at server
/// start and then every hour, so detail is gone within an hour of its day. The store audits
/// each deletion; the log says only how many runs were expired, never whose data.
public struct ChildLevelRetention: Sendable {
    public var store: any AnalysisStore
    public var now: @Sendable () -> Date
    public var interval: Duration

    public init(store: any AnalysisStore, now: @escaping @Sendable () -> Date = { Date() }, interval: Duration = .seconds(3600)) {
        self.store = store
        self.now = now
        self.interval = interval
    }

    /// Deletes what is due now; returns the runs expired.
    @discardableResult
    public func apply() async throws -> [AnalysisRun] {
        // The server's own doing, whoever started the server.
        try await AuditActor.$current.withValue(AuditActor.system(reason: "retention rule")) {
            try await store.deleteExpiredChildLevelData(now: now())
        }
    }

}
