/// Reading the audit trail. Implemented by the Store module; the web sees only this.
public protocol AuditStore: Sendable {
    /// The organisation's trail, oldest first; for one record when `entity` and `entityID` are given.
    func auditTrail(organisationID: Int64, entity: String?, entityID: Int64?) async throws -> [AuditEntry]
    /// The organisation's newest `limit` entries, newest first, and how many it has in all.
    func latestAuditEntries(organisationID: Int64, limit: Int) async throws -> (entries: [AuditEntry], total: Int)
}
