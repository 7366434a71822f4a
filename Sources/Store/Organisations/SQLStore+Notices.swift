import Core
import Foundation
import SQLKit

/// The accessibility statement and privacy notice of `NoticeStore`: one row per organisation and kind.
extension SQLStore: NoticeStore {
    public func notice(_ kind: Notice.Kind, organisationID: Int64) async throws -> Notice? {
        try await gateway.read { db in try await Self.notice(db, kind, organisationID: organisationID) }
    }

    public func saveNotice(_ kind: Notice.Kind, text: String, organisationID: Int64, updatedBy: String, at: Date,
                           expectedVersion: Int?) async throws -> Notice {
        try await gateway.write { db in
            let stored = try await Self.notice(db, kind, organisationID: organisationID)
            if let expectedVersion, expectedVersion != (stored?.version ?? 0) {
                throw StoreError.staleVersion(entity: kind.rawValue, id: organisationID, expected: expectedVersion, current: stored?.version ?? 0)
            }
            let saved = Notice(kind: kind, organisationID: organisationID, text: text, updatedAt: at, updatedBy: updatedBy,
                               version: (stored?.version ?? 0) + 1)
            try await db.raw("DELETE FROM notices WHERE organisation_id = \(bind: organisationID) AND kind = \(bind: kind.rawValue)").run()
            try await db.raw("""
                INSERT INTO notices (organisation_id, kind, text, updated_at, updated_by, version)
                VALUES (\(bind: organisationID), \(bind: kind.rawValue), \(bind: text), \(bind: Timestamp.string(from: at)),
                        \(bind: updatedBy), \(bind: saved.version))
                """).run()
            // Recorded against the organisation, which has one notice of each kind.
            try await AuditLog.record(db, organisationID: organisationID, entity: kind.rawValue, id: organisationID,
                                      change: stored == nil ? .create : .update,
                                      before: stored.map(NoticeInTrail.init), after: NoticeInTrail(saved))
            return saved
        }
    }

    static func notice(_ db: any SQLDatabase, _ kind: Notice.Kind, organisationID: Int64) async throws -> Notice? {
        guard let row = try await db.raw("SELECT * FROM notices WHERE organisation_id = \(bind: organisationID) AND kind = \(bind: kind.rawValue)").first()
        else { return nil }
        let updated = try row.string("updated_at")
        guard let updatedAt = Timestamp.date(from: updated) else { throw StoredValueError(column: "updated_at", value: updated) }
        return Notice(kind: kind, organisationID: organisationID, text: try row.string("text"), updatedAt: updatedAt,
                      updatedBy: try row.string("updated_by"), version: try row.int("version"))
    }
}

/// A notice as the audit trail records it: the text and its version (who and when are the entry's own).
struct NoticeInTrail: Encodable {
    var text: String
    var version: Int

    init(_ notice: Notice) {
        text = notice.text
        version = notice.version
    }
}
