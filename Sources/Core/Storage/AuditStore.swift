/// Reading the audit trail. Implemented by the Store module; the web sees only this.
public protocol AuditStore: Sendable {
    /// The organisation's trail, oldest first; for one record when `entity` and `entityID` are given.
    func auditTrail(organisationID: Int64, entity: String?, entityID: Int64?) async throws -> [AuditEntry]
    /// The organisation's newest `limit` entries, newest first, and how many it has in all.
    func latestAuditEntries(organisationID: Int64, limit: Int) async throws -> (entries: [AuditEntry], total: Int)
    /// How many of the organisation's entries match `filter`: the count paging is worked out from.
    func countAuditEntries(organisationID: Int64, matching filter: AuditFilter) async throws -> Int
    /// The entries matching `filter`, newest first, skipping `offset` and at most `limit`:
    /// one page, read without loading the rest of the trail.
    func auditEntries(organisationID: Int64, matching filter: AuditFilter, limit: Int, offset: Int) async throws -> [AuditEntry]
    /// Everyone who appears as the maker of a change in the organisation's trail, by name
    /// ("command line" and "system" included), for choosing whose changes to see.
    func auditActors(organisationID: Int64) async throws -> [String]
}
