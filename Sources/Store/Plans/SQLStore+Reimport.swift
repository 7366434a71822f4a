import Core
import Foundation
import SQLKit

/// A plan file imported again into the plans it came from (`PlanReimportStore`): new progress,
/// status, % complete and dates on the actions it shares with a stored plan, its new actions
/// (with new areas and themes as needed), and nothing deleted. Each record changed gets its own
/// audit entry, as an edit on its page would, so an action's history shows the import's changes
/// by the importing person; one `import` entry says which file did what.
extension SQLStore: PlanReimportStore {
    /// Takes the held upload off the list and returns its file name; not found when it is not
    /// this person's, has expired, or was confirmed already. Deleting first makes a second
    /// confirmation (a double click, another tab) find nothing, rather than apply the file twice.
    static func claimUpload(_ db: any SQLDatabase, id: String, organisationID: Int64, personID: Int64, now: Date) async throws -> String {
        guard let upload = try await db.raw("""
            DELETE FROM import_uploads
            WHERE id = \(bind: id) AND organisation_id = \(bind: organisationID) AND person_id = \(bind: personID)
                AND created_at >= \(bind: Self.oldestHeld(now))
            RETURNING id, file_name
            """).first() else {
            throw StoreError.notFound(entity: "import upload", id: id)
        }
        return try upload.string("file_name")
    }

    public func importFile(creating drafts: [PlanDraft], updating updates: [PlanReimport], fromUpload id: String,
                           organisationID: Int64, by importer: Importer, today: Day, now: Date) async throws -> ImportOutcome {
        try Self.validate(drafts)
        return try await gateway.write { db in
            let fileName = try await Self.claimUpload(db, id: id, organisationID: organisationID, personID: importer.personID, now: now)
            return try await Self.importFile(db, creating: drafts, updating: updates, fileName: fileName,
                                             organisationID: organisationID, by: importer, today: today)
        }
    }

    public func importFile(creating drafts: [PlanDraft], updating updates: [PlanReimport], fileName: String,
                           organisationID: Int64, by importer: Importer, today: Day) async throws -> ImportOutcome {
        try Self.validate(drafts)
        return try await gateway.write { db in
            try await Self.importFile(db, creating: drafts, updating: updates, fileName: fileName,
                                      organisationID: organisationID, by: importer, today: today)
        }
    }

    static func importFile(_ db: any SQLDatabase, creating drafts: [PlanDraft], updating updates: [PlanReimport], fileName: String,
                           organisationID: Int64, by importer: Importer, today: Day) async throws -> ImportOutcome {
        let created = try await insertPlans(db, drafts)
        var updated: [PlanReimport] = []
        for update in updates {
            updated.append(try await apply(db, update, organisationID: organisationID, by: importer, today: today))
        }
        let trail = ImportInTrail(file: fileName, drafts: drafts, plans: created, updates: updated)
        try await AuditLog.record(db, organisationID: organisationID, entity: "import",
                                  id: created.first?.id ?? updated.first?.planID ?? 0,
                                  change: updated.isEmpty ? .create : .update, before: nil as ImportInTrail?, after: trail)
        return ImportOutcome(created: created, updated: updated)
    }

    /// Applies one plan's update inside the caller's transaction; returns it as applied.
    static func apply(_ db: any SQLDatabase, _ update: PlanReimport, organisationID: Int64, by importer: Importer,
                      today: Day) async throws -> PlanReimport {
        let plan = try await loadPlan(db, id: update.planID, organisationID: organisationID)
        var errors: [ValidationError] = []
        for addition in update.additions {
            errors += PlanValidation.errors(in: addition.action).map {
                ValidationError(field: "actions[\(addition.action.ref)].\($0.field)", message: "Action \(addition.action.ref): \($0.message)")
            }
        }
        for area in update.newAreas {
            errors += PlanValidation.errors(in: area.area).map {
                ValidationError(field: "areas[\(area.area.ref)].\($0.field)", message: "Area \(area.area.ref): \($0.message)")
            }
        }
        guard errors.isEmpty else { throw ValidationErrors(errors) }

        // The actions it changes.
        for change in update.changes {
            let stored = try await ActionRows.loadOne(db, id: change.actionID, organisationID: organisationID)
            guard try await db.raw("SELECT id FROM actions WHERE id = \(bind: stored.id) AND plan_id = \(bind: plan.id)").first() != nil else {
                throw StoreError.notFound(entity: "action", id: String(stored.id))
            }
            try OptimisticEdit.refuseStale(entity: "action", id: stored.id, storedVersion: stored.version, expectedVersion: change.expectedVersion)
            var edited = stored
            let filed = PlanReimport.apply(change, to: &edited, fileName: update.fileName, on: today, by: importer.name, role: importer.role)
            if let filed {
                let row = try await db.raw("""
                    INSERT INTO progress_updates (organisation_id, action_id, date, author, author_role, text, percent_complete, status, recorded_at)
                    VALUES (\(bind: organisationID), \(bind: stored.id), \(bind: filed.date.iso), \(bind: filed.author),
                            \(bind: filed.authorRole), \(bind: filed.text), \(bind: filed.percentComplete), \(bind: filed.status?.rawValue),
                            \(bind: Timestamp.string(from: filed.recordedAt)))
                    RETURNING id
                    """).first()
                var saved = filed
                saved.id = try row?.int64("id") ?? 0
                try await AuditLog.record(db, organisationID: organisationID, entity: "progress update", id: saved.id, change: .create,
                                          before: nil as ProgressUpdate?, after: saved)
            }
            try await ActionRows.update(db, edited, previous: stored, organisationID: organisationID)
            var before = stored, after = try await ActionRows.loadOne(db, id: stored.id, organisationID: organisationID)
            before.updates = []
            after.updates = []
            try await AuditLog.record(db, organisationID: organisationID, entity: "action", id: stored.id, change: .update, before: before, after: after)
        }

        // New themes, then new areas, then new actions, each at the end of its list.
        var themeIDs: [Int64] = []
        for theme in update.newThemes {
            let others = try await themes(db, planID: plan.id)
            let position = (others.map(\.position).max() ?? -1) + 1
            guard let row = try await db.raw("""
                INSERT INTO themes (organisation_id, plan_id, position, ref, title, version)
                VALUES (\(bind: organisationID), \(bind: plan.id), \(bind: position), \(bind: theme.ref), \(bind: theme.title), 1)
                RETURNING id
                """).first() else { throw StoreError.conflict("Theme \(theme.ref) \(theme.title) could not be added") }
            let saved = try await loadTheme(db, id: try row.int64("id"), organisationID: organisationID)
            themeIDs.append(saved.id)
            try await AuditLog.record(db, organisationID: organisationID, entity: "theme", id: saved.id, change: .create,
                                      before: nil as [String: String]?, after: PlanInTrail.theme(saved, among: others + [saved]))
        }
        var areaIDs: [Int64] = []
        for newArea in update.newAreas {
            let themeID: Int64
            switch newArea.theme {
            case let .stored(id): themeID = id
            case let .new(index):
                guard themeIDs.indices.contains(index) else { throw StoreError.conflict("Area \(newArea.area.ref) names a theme that is not in the import") }
                themeID = themeIDs[index]
            }
            let theme = try await loadTheme(db, id: themeID, organisationID: organisationID)
            guard theme.planID == plan.id else { throw StoreError.notFound(entity: "theme", id: String(themeID)) }
            let others = try await areasOfPlan(db, planID: plan.id).areas
            let area = tidied(newArea.area)
            let position = (others.filter { $0.themeID == theme.id }.map(\.position).max() ?? -1) + 1
            guard let row = try await db.raw("""
                INSERT INTO areas (organisation_id, plan_id, theme_id, position, ref, title, recommendation_number,
                    improvement_lead, core_focus, issues, objectives, why_it_matters, what_good_looks_like, version)
                VALUES (\(bind: organisationID), \(bind: plan.id), \(bind: theme.id), \(bind: position), \(bind: area.ref),
                    \(bind: area.title), \(bind: area.recommendationNumber), \(bind: area.improvementLead),
                    \(bind: area.coreFocus), \(bind: try JSONCoding.text(area.issues)),
                    \(bind: try JSONCoding.text(area.objectives)), \(bind: area.whyItMatters),
                    \(bind: area.whatGoodLooksLike), 1)
                RETURNING id
                """).first() else { throw StoreError.conflict("Area \(area.ref) \(area.title) could not be added") }
            let saved = try await loadArea(db, id: try row.int64("id"), organisationID: organisationID)
            areaIDs.append(saved.id)
            let siblings = others.filter { $0.themeID == theme.id } + [saved]
            try await AuditLog.record(db, organisationID: organisationID, entity: "area", id: saved.id, change: .create,
                                      before: nil as [String: String]?, after: PlanInTrail.area(saved, planID: plan.id, theme: theme, among: siblings))
        }
        var measureIDs: [String: Int64] = [:]
        for row in try await db.raw("SELECT id, code FROM measures WHERE organisation_id = \(bind: organisationID)").all() {
            measureIDs[try row.string("code")] = try row.int64("id")
        }
        for addition in update.additions {
            var action = addition.action
            switch addition.area {
            case let .stored(id):
                guard try await db.raw("SELECT id FROM areas WHERE id = \(bind: id) AND plan_id = \(bind: plan.id)").first() != nil else {
                    throw StoreError.notFound(entity: "area", id: String(id))
                }
                action.areaID = id
            case let .new(index):
                guard areaIDs.indices.contains(index) else { throw StoreError.conflict("Action \(action.ref) names an area that is not in the import") }
                action.areaID = areaIDs[index]
            }
            if try await db.raw("SELECT id FROM actions WHERE plan_id = \(bind: plan.id) AND ref_key = \(bind: ActionEditRules.refKey(action.ref))").first() != nil {
                throw StoreError.conflict("The plan already has an action \(action.ref)")
            }
            action.position = 0
            // Codes of measures the organisation has are linked; others are named in the preview.
            action.measureIDs = addition.measureCodes.compactMap { measureIDs[$0] }
            let id = try await ActionRows.insert(db, action, planID: plan.id, organisationID: organisationID)
            let saved = try await ActionRows.loadOne(db, id: id, organisationID: organisationID)
            try await AuditLog.record(db, organisationID: organisationID, entity: "action", id: id, change: .create, before: nil as Action?, after: saved)
        }
        return update
    }
}

extension ImportInTrail {
    init(file: String, drafts: [PlanDraft], plans: [Plan], updates: [PlanReimport]) {
        self.init(file: file, drafts: drafts, plans: plans)
        self.updated = updates.map { update in
            UpdatedPlan(id: update.planID, title: update.planTitle,
                        changed: update.changes.map { "\($0.ref): " + $0.sentences.joined(separator: "; ") },
                        added: update.additions.map { "\($0.action.ref) \($0.action.title) (\($0.areaText))" },
                        notInTheFile: update.missing.map { "\($0.ref) \($0.title)" },
                        unchanged: update.unchanged)
        }
    }
}
