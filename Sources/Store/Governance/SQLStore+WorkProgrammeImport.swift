import Core
import Foundation
import SQLKit

/// A file's work programme imported into a board (`WorkProgrammeImportStore`), in the same
/// transaction as the file's plans: the items are placed and compared with the board's work
/// programme as it is stored inside the transaction, so two confirmations cannot both add them.
extension SQLStore: WorkProgrammeImportStore {
    public func importFile(creating drafts: [PlanDraft], updating updates: [PlanReimport], workProgramme: WorkProgrammeImportRequest?,
                           fromUpload id: String, organisationID: Int64, by importer: Importer, today: Day,
                           now: Date) async throws -> FileImportOutcome {
        try Self.validate(drafts)
        return try await gateway.write { db in
            let fileName = try await Self.claimUpload(db, id: id, organisationID: organisationID, personID: importer.personID, now: now)
            return try await Self.importFile(db, creating: drafts, updating: updates, workProgramme: workProgramme,
                                             fileName: fileName, organisationID: organisationID,
                                             by: importer, today: today)
        }
    }

    public func importFile(creating drafts: [PlanDraft], updating updates: [PlanReimport], workProgramme: WorkProgrammeImportRequest?,
                           fileName: String, organisationID: Int64, by importer: Importer, today: Day) async throws -> FileImportOutcome {
        try Self.validate(drafts)
        return try await gateway.write { db in
            try await Self.importFile(db, creating: drafts, updating: updates, workProgramme: workProgramme, fileName: fileName,
                                      organisationID: organisationID, by: importer, today: today)
        }
    }

    static func importFile(_ db: any SQLDatabase, creating drafts: [PlanDraft], updating updates: [PlanReimport],
                           workProgramme: WorkProgrammeImportRequest?, fileName: String, organisationID: Int64, by importer: Importer,
                           today: Day) async throws -> FileImportOutcome {
        guard !drafts.isEmpty || !updates.isEmpty || workProgramme != nil else {
            throw ValidationError(field: "file", message: "\(fileName) holds no plan and no work programme to import")
        }
        let plans = drafts.isEmpty && updates.isEmpty
            ? ImportOutcome(created: [], updated: [])
            : try await importFile(db, creating: drafts, updating: updates, fileName: fileName, organisationID: organisationID,
                                   by: importer, today: today)
        guard let workProgramme else { return FileImportOutcome(plans: plans, workProgramme: nil) }
        return FileImportOutcome(plans: plans, workProgramme: try await importWorkProgramme(db, workProgramme, fileName: fileName,
                                                                                            organisationID: organisationID))
    }

    /// Adds the request's items to the board's work programme inside the caller's transaction.
    static func importWorkProgramme(_ db: any SQLDatabase, _ request: WorkProgrammeImportRequest, fileName: String,
                                    organisationID: Int64) async throws -> WorkProgrammeImportOutcome {
        guard !request.entries.isEmpty else {
            throw ValidationError(field: "board", message: "The work programme in \(fileName) has no items to import")
        }
        let board = try await BoardRows.loadBoard(db, id: request.boardID, organisationID: organisationID)
        let meetings = try await BoardRows.loadMeetings(db, boardID: board.id, organisationID: organisationID)
        let existing = try await BoardRows.loadWorkProgramme(db, boardID: board.id, organisationID: organisationID).items
        let plan = WorkProgrammeImport.plan(request.entries, boardID: board.id, existing: existing, meetings: meetings)
        var errors = plan.unplaceable.map { entry in
            ValidationError(field: "board", message: "\(board.name) has no meeting in \(entry.when.text) for “\(entry.title)”: "
                            + "add that meeting to the board's calendar, or write the meeting's day in the file")
        }
        for item in plan.adding {
            errors += GovernanceValidation.errors(in: item).map {
                ValidationError(field: "items.\($0.field)", message: "“\(item.title)”: \($0.message)")
            }
        }
        guard errors.isEmpty else { throw ValidationErrors(errors) }
        var added: [WorkProgrammeItem] = []
        for item in plan.adding {
            added.append(try await BoardRows.insertWorkProgrammeItem(db, item, boardID: board.id, organisationID: organisationID))
        }
        let trail = WorkProgrammeImportInTrail(
            summary: WorkProgrammeImport.sentence(added: added.count, skipped: plan.skipped.count, fileName: fileName),
            file: fileName, board: board.name, boardID: board.id, added: added.map(\.title), skipped: plan.skipped.map(\.title))
        try await AuditLog.record(db, organisationID: organisationID, entity: "import", id: board.id, change: .create,
                                  before: nil as WorkProgrammeImportInTrail?, after: trail)
        return WorkProgrammeImportOutcome(board: board, added: added, skipped: plan.skipped.count)
    }
}

/// The `import` audit entry of a work programme import, in words first.
struct WorkProgrammeImportInTrail: Encodable {
    /// "Imported 7 work programme items from wp.docx".
    var summary: String
    var file: String
    var board: String
    var boardID: Int64
    var added: [String]
    var skipped: [String]
}
