import Core
import Foundation
import SQLKit

/// Plan files held between an import's preview and its confirmation (`ImportUploadStore`).
/// They are not in the audit trail: the plans they become are.
extension SQLStore: ImportUploadStore {
    public func saveImportUpload(_ upload: ImportUpload, now: Date) async throws -> ImportUpload {
        try await gateway.write { db in
            try await db.raw("DELETE FROM import_uploads WHERE created_at < \(bind: Self.oldestHeld(now))").run()
            var saved = upload
            saved.id = Self.newUploadID()
            // The id is the primary key: in the (2^-128) event of a repeat the insert fails
            // rather than another person's form reaching this file.
            try await db.raw("""
                INSERT INTO import_uploads (id, organisation_id, person_id, file_name, bytes, column_mapping, created_at)
                VALUES (\(bind: saved.id), \(bind: upload.organisationID), \(bind: upload.personID), \(bind: upload.fileName), \(bind: upload.bytes),
                        \(bind: String(decoding: upload.columnMapping, as: UTF8.self)), \(bind: Timestamp.string(from: upload.createdAt)))
                """).run()
            return saved
        }
    }

    public func importUpload(id: String, organisationID: Int64, personID: Int64, now: Date) async throws -> ImportUpload {
        try await gateway.read { db in
            guard let row = try await db.raw("""
                SELECT * FROM import_uploads
                WHERE id = \(bind: id) AND organisation_id = \(bind: organisationID) AND person_id = \(bind: personID)
                    AND created_at >= \(bind: Self.oldestHeld(now))
                """).first() else {
                throw StoreError.notFound(entity: "import upload", id: id)
            }
            let created = try row.string("created_at")
            guard let createdAt = Timestamp.date(from: created) else { throw StoredValueError(column: "created_at", value: created) }
            return ImportUpload(id: id, organisationID: organisationID, personID: personID, fileName: try row.string("file_name"),
                                bytes: try row.decode(column: "bytes", as: Data.self),
                                columnMapping: Data(try row.string("column_mapping").utf8), createdAt: createdAt)
        }
    }

    public func setImportUploadMapping(id: String, organisationID: Int64, personID: Int64, now: Date, columnMapping: Data) async throws {
        try await gateway.write { db in
            guard try await db.raw("""
                UPDATE import_uploads SET column_mapping = \(bind: String(decoding: columnMapping, as: UTF8.self))
                WHERE id = \(bind: id) AND organisation_id = \(bind: organisationID) AND person_id = \(bind: personID)
                    AND created_at >= \(bind: Self.oldestHeld(now))
                RETURNING id
                """).first() != nil else {
                throw StoreError.notFound(entity: "import upload", id: id)
            }
        }
    }

    public func importPlans(_ drafts: [PlanDraft], fromUpload id: String, organisationID: Int64, personID: Int64,
                            now: Date) async throws -> [Plan] {
        try Self.validate(drafts)
        return try await gateway.write { db in
            // Deleting first makes a second confirmation (a double click, another tab) find
            // nothing, rather than store the plans twice.
            guard let upload = try await db.raw("""
                DELETE FROM import_uploads
                WHERE id = \(bind: id) AND organisation_id = \(bind: organisationID) AND person_id = \(bind: personID)
                    AND created_at >= \(bind: Self.oldestHeld(now))
                RETURNING id, file_name
                """).first() else {
                throw StoreError.notFound(entity: "import upload", id: id)
            }
            let plans = try await Self.insertPlans(db, drafts)
            // Each plan's own entry says what was created; this one says where it came from.
            // The upload's id is a secret-like token gone with the upload: the entry takes the
            // first plan's id, and the plans' own entries follow.
            try await AuditLog.record(db, organisationID: organisationID, entity: "import", id: plans.first?.id ?? 0, change: .create,
                                      before: nil as ImportInTrail?,
                                      after: ImportInTrail(file: try upload.string("file_name"), drafts: drafts, plans: plans))
            return plans
        }
    }

    /// 128 random bits as 32 hexadecimal digits, from the system's secure generator.
    static func newUploadID() -> String {
        var generator = SystemRandomNumberGenerator()
        return [generator.next() as UInt64, generator.next() as UInt64]
            .map { String($0, radix: 16).leftPadded(to: 16) }.joined()
    }

    static func oldestHeld(_ now: Date) -> String {
        Timestamp.string(from: now.addingTimeInterval(-ImportUpload.lifetime))
    }
}

/// An import as the audit trail records it: the file, and the plans it became.
struct ImportInTrail: Encodable {
    struct StoredPlan: Encodable {
        var id: Int64
        var title: String
        var areas: Int
        var actions: Int
        var measures: Int
    }
    /// A stored plan the file updated (`PlanReimport`), its changes in words.
    struct UpdatedPlan: Encodable {
        var id: Int64
        var title: String
        var changed: [String]
        var added: [String]
        var notInTheFile: [String]
        var unchanged: Int
    }
    var file: String
    var plans: [StoredPlan]
    /// Absent for a file that only created plans.
    var updated: [UpdatedPlan]?

    init(file: String, drafts: [PlanDraft], plans: [Plan]) {
        self.file = file
        self.plans = zip(drafts, plans).map { draft, plan in
            StoredPlan(id: plan.id, title: plan.title, areas: draft.themes.reduce(0) { $0 + $1.areas.count },
                       actions: draft.themes.reduce(0) { $0 + $1.areas.reduce(0) { $0 + $1.actions.count } },
                       measures: draft.measures.count)
        }
    }
}


private extension String {
    func leftPadded(to length: Int) -> String {
        count >= length ? self : String(repeating: "0", count: length - count) + self
    }
}
