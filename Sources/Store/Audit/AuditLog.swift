import Core
import Crypto
import Foundation
import SQLKit

/// Appends to and reads the audit trail. `record` is called inside the write transaction of the
/// change it describes, so a change and its entry are stored together or not at all.
enum AuditLog {
    /// Appends one entry, chained to the last one. The actor is `AuditActor.current`.
    static func record<Value: Encodable>(_ db: any SQLDatabase, organisationID: Int64?, entity: String, id: Int64,
                                         change: AuditEntry.Change, before: Value?, after: Value?) async throws {
        let actor = AuditActor.current
        let previous = try await db.raw("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1").first()
        var entry = AuditEntry(
            at: Timestamp.now(), organisationID: organisationID, actor: actor.name, source: actor.source,
            entity: entity, entityID: String(id), change: change,
            before: try JSONCoding.optionalText(before), after: try JSONCoding.optionalText(after),
            previousHash: try previous?.string("hash") ?? "")
        entry.hash = hash(of: entry)
        try await db.raw("""
            INSERT INTO audit_log (at, organisation_id, actor, source, entity, entity_id, change, before, after, previous_hash, hash)
            VALUES (\(bind: entry.at), \(bind: entry.organisationID), \(bind: entry.actor), \(bind: entry.source),
                    \(bind: entry.entity), \(bind: entry.entityID), \(bind: entry.change.rawValue), \(bind: entry.before),
                    \(bind: entry.after), \(bind: entry.previousHash), \(bind: entry.hash))
            """).run()
    }

    static func hash(of entry: AuditEntry) -> String {
        SHA256.hash(data: Data(entry.chainedText.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    static func entry(from row: any SQLRow) throws -> AuditEntry {
        let changeText = try row.string("change")
        guard let change = AuditEntry.Change(rawValue: changeText) else {
            throw StoredValueError(column: "change", value: changeText)
        }
        return AuditEntry(id: try row.int64("id"), at: try row.string("at"), organisationID: try row.optionalInt64("organisation_id"),
                          actor: try row.string("actor"), source: try row.optionalString("source"),
                          entity: try row.string("entity"), entityID: try row.string("entity_id"), change: change,
                          before: try row.optionalString("before"), after: try row.optionalString("after"),
                          previousHash: try row.string("previous_hash"), hash: try row.string("hash"))
    }
}

extension SQLStore: AuditStore {
    /// The organisation's entries, and those about the accounts of its members (created,
    /// disabled, password changed, locked), which belong to no one organisation.
    static func inOrganisation(_ organisationID: Int64) -> SQLQueryString {
        """
        (organisation_id = \(bind: organisationID) OR (organisation_id IS NULL AND entity = 'person' AND entity_id IN
            (SELECT CAST(person_id AS TEXT) FROM memberships WHERE organisation_id = \(bind: organisationID))))
        """
    }

    /// The organisation's trail, oldest first; for one record when `entity` and `entityID` are given.
    public func auditTrail(organisationID: Int64, entity: String? = nil, entityID: Int64? = nil) async throws -> [AuditEntry] {
        try await gateway.read { db in
            let rows: [any SQLRow]
            if let entity, let entityID {
                rows = try await db.raw("""
                    SELECT * FROM audit_log WHERE \(Self.inOrganisation(organisationID)) AND entity = \(bind: entity)
                    AND entity_id = \(bind: String(entityID)) ORDER BY id
                    """).all()
            } else {
                rows = try await db.raw("SELECT * FROM audit_log WHERE \(Self.inOrganisation(organisationID)) ORDER BY id").all()
            }
            return try rows.map(AuditLog.entry(from:))
        }
    }

    public func latestAuditEntries(organisationID: Int64, limit: Int) async throws -> (entries: [AuditEntry], total: Int) {
        try await gateway.read { db in
            let total = try await db.raw("SELECT COUNT(*) AS n FROM audit_log WHERE \(Self.inOrganisation(organisationID))")
                .first()?.int("n") ?? 0
            let rows = try await db.raw("""
                SELECT * FROM audit_log WHERE \(Self.inOrganisation(organisationID)) ORDER BY id DESC LIMIT \(bind: limit)
                """).all()
            return (try rows.map(AuditLog.entry(from:)), total)
        }
    }

    /// Walks the whole chain from the first entry and reports the first entry whose link to the
    /// one before, or whose own hash, does not match what is stored.
    public func verifyAuditTrail() async throws -> AuditVerification {
        try await gateway.read { db in
            var previousHash = ""
            var count = 0
            for row in try await db.raw("SELECT * FROM audit_log ORDER BY id").all() {
                let entry = try AuditLog.entry(from: row)
                if entry.previousHash != previousHash {
                    return .broken(entryID: entry.id, reason: "it does not follow the entry before it (an entry was removed or changed)")
                }
                if AuditLog.hash(of: entry) != entry.hash {
                    return .broken(entryID: entry.id, reason: "its contents do not match its hash (the entry was changed)")
                }
                previousHash = entry.hash
                count += 1
            }
            return .intact(entries: count)
        }
    }
}
