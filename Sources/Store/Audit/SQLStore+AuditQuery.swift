import Core
import Foundation
import SQLKit

/// The audit page's reading of the trail: filtered, counted and paged in SQL, so a page costs the
/// same whether the trail holds a hundred entries or a million.
extension SQLStore {
    /// The organisation's entries (`inOrganisation`) narrowed by the filter. Times are compared
    /// as stored text: every entry's `at` is UTC ISO 8601 to the millisecond, which sorts as time.
    static func matching(_ filter: AuditFilter, organisationID: Int64) -> SQLQueryString {
        var condition: SQLQueryString = "\(inOrganisation(organisationID))"
        if let actor = filter.actor { condition = "\(condition) AND actor = \(bind: actor)" }
        if let entity = filter.entity { condition = "\(condition) AND entity = \(bind: entity)" }
        if let earliest = filter.earliestTimestamp { condition = "\(condition) AND at >= \(bind: earliest)" }
        if let end = filter.endTimestamp { condition = "\(condition) AND at < \(bind: end)" }
        return condition
    }

    public func countAuditEntries(organisationID: Int64, matching filter: AuditFilter) async throws -> Int {
        try await gateway.read { db in
            try await db.raw("SELECT COUNT(*) AS n FROM audit_log WHERE \(Self.matching(filter, organisationID: organisationID))")
                .first()?.int("n") ?? 0
        }
    }

    public func auditEntries(organisationID: Int64, matching filter: AuditFilter, limit: Int, offset: Int) async throws -> [AuditEntry] {
        try await gateway.read { db in
            try await db.raw("""
                SELECT * FROM audit_log WHERE \(Self.matching(filter, organisationID: organisationID))
                ORDER BY id DESC LIMIT \(bind: max(0, limit)) OFFSET \(bind: max(0, offset))
                """).all().map(AuditLog.entry(from:))
        }
    }

    public func auditActors(organisationID: Int64) async throws -> [String] {
        try await gateway.read { db in
            try await db.raw("SELECT DISTINCT actor FROM audit_log WHERE \(Self.inOrganisation(organisationID)) ORDER BY actor")
                .all().map { try $0.string("actor") }
        }
    }
}
