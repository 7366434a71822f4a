import Core
import Foundation
import SQLKit

/// Core's `PlanStore` over SQL: the same statements serve SQLite and PostgreSQL.
public struct SQLStore: PlanStore {
    public let gateway: any SQLGateway

    public init(gateway: any SQLGateway) {
        self.gateway = gateway
    }

    /// Opens the embedded SQLite database at `path`, creating and migrating it as needed.
    public static func sqlite(path: String) async throws -> SQLStore {
        SQLStore(gateway: try await SQLiteGateway.open(path: path))
    }

    /// Opens the database `database` names: a `postgres://user@host:port/database` address, or
    /// the path of an SQLite file (created if missing). Either is migrated as needed.
    public static func open(_ database: String) async throws -> SQLStore {
        if PostgresLocation.isAddress(database) {
            return SQLStore(gateway: try await PostgresGateway.open(url: database))
        }
        return try await sqlite(path: database)
    }

    /// `database` as it may be shown in messages and logs: an address without its password.
    public static func displayName(of database: String) -> String {
        guard PostgresLocation.isAddress(database) else { return database }
        return (try? PostgresLocation(url: database).description) ?? "a PostgreSQL database"
    }

    public func close() async throws {
        try await gateway.close()
    }

    // MARK: Organisations

    public func organisations() async throws -> [Organisation] {
        try await gateway.read { db in
            try await db.raw("SELECT id, name, kind FROM organisations ORDER BY name").all().map(Self.organisation(from:))
        }
    }

    public func organisation(named name: String) async throws -> Organisation? {
        try await gateway.read { db in
            try await db.raw("SELECT id, name, kind FROM organisations WHERE name = \(bind: name)").first().map(Self.organisation(from:))
        }
    }

    public func createOrganisation(_ organisation: Organisation) async throws -> Organisation {
        try await gateway.write { db in
            if try await db.raw("SELECT id FROM organisations WHERE name = \(bind: organisation.name)").first() != nil {
                throw StoreError.conflict("An organisation called '\(organisation.name)' already exists")
            }
            let row = try await db.raw("INSERT INTO organisations (name, kind) VALUES (\(bind: organisation.name), \(bind: organisation.kind.rawValue)) RETURNING id").first()!
            var created = organisation
            created.id = try row.int64("id")
            return created
        }
    }

    static func organisation(from row: any SQLRow) throws -> Organisation {
        Organisation(id: try row.int64("id"), name: try row.string("name"), kind: try row.enumeration("kind", as: Organisation.Kind.self))
    }

    // MARK: Inspections

    public func inspection(id: Int64, organisationID: Int64) async throws -> Inspection {
        try await gateway.read { db in try await Self.loadInspection(db, id: id, organisationID: organisationID) }
    }

    static func loadInspection(_ db: any SQLDatabase, id: Int64, organisationID: Int64) async throws -> Inspection {
        guard let row = try await db.raw("SELECT * FROM inspections WHERE id = \(bind: id) AND organisation_id = \(bind: organisationID)").first() else {
            throw StoreError.notFound(entity: "inspection", id: String(id))
        }
        return Inspection(
            id: try row.int64("id"), organisationID: try row.int64("organisation_id"),
            kind: try row.enumeration("kind", as: Inspection.Kind.self), startDate: try row.day("start_date"),
            publishedDate: try row.optionalDay("published_date"),
            judgements: try row.json("judgements", as: [Inspection.Judgement].self),
            recommendations: try row.json("recommendations", as: [Inspection.Recommendation].self))
    }

    static func insertInspection(_ db: any SQLDatabase, _ inspection: Inspection, organisationID: Int64) async throws -> Int64 {
        let row = try await db.raw("""
            INSERT INTO inspections (organisation_id, kind, start_date, published_date, judgements, recommendations)
            VALUES (\(bind: organisationID), \(bind: inspection.kind.rawValue), \(bind: inspection.startDate.iso),
                    \(bind: inspection.publishedDate?.iso), \(bind: try JSONCoding.text(inspection.judgements)),
                    \(bind: try JSONCoding.text(inspection.recommendations)))
            RETURNING id
            """).first()!
        return try row.int64("id")
    }

    // MARK: Plans

    public func plans(organisationID: Int64) async throws -> [Plan] {
        try await gateway.read { db in
            try await db.raw("SELECT * FROM plans WHERE organisation_id = \(bind: organisationID) ORDER BY id").all().map(Self.plan(from:))
        }
    }

    static func plan(from row: any SQLRow) throws -> Plan {
        Plan(id: try row.int64("id"), organisationID: try row.int64("organisation_id"), title: try row.string("title"),
             kind: try row.enumeration("kind", as: Plan.Kind.self), inspectionID: try row.optionalInt64("inspection_id"),
             periodStart: try row.optionalDay("period_start"), periodEnd: try row.optionalDay("period_end"),
             updateCycle: try row.enumeration("update_cycle", as: UpdateCycle.self), version: try row.int("version"))
    }

    static func loadPlan(_ db: any SQLDatabase, id: Int64, organisationID: Int64) async throws -> Plan {
        guard let row = try await db.raw("SELECT * FROM plans WHERE id = \(bind: id) AND organisation_id = \(bind: organisationID)").first() else {
            throw StoreError.notFound(entity: "plan", id: String(id))
        }
        return try plan(from: row)
    }

    public func planContents(id: Int64, organisationID: Int64, fullHistory: Bool) async throws -> PlanContents {
        try await gateway.read { db in
            let plan = try await Self.loadPlan(db, id: id, organisationID: organisationID)
            let inspection = try await plan.inspectionID.asyncMap { try await Self.loadInspection(db, id: $0, organisationID: organisationID) }
            let themes = try await db.raw("SELECT * FROM themes WHERE plan_id = \(bind: id) ORDER BY position, id").all().map(Self.theme(from:))
            // In plan order: by theme, then by area within the theme.
            let areas = try await db.raw("""
                SELECT ar.* FROM areas ar JOIN themes t ON t.id = ar.theme_id
                WHERE ar.plan_id = \(bind: id) ORDER BY t.position, t.id, ar.position, ar.id
                """).all().map(Self.area(from:))
            let actions = try await ActionRows.load(db, filter: "a.plan_id = \(bind: id)", fullHistory: fullHistory)
            return PlanContents(plan: plan, inspection: inspection, themes: themes, areas: areas, actions: actions)
        }
    }

    static func theme(from row: any SQLRow) throws -> Theme {
        Theme(id: try row.int64("id"), planID: try row.int64("plan_id"), position: try row.int("position"),
              ref: try row.string("ref"), title: try row.string("title"), version: try row.int("version"))
    }

    static func area(from row: any SQLRow) throws -> Area {
        Area(id: try row.int64("id"), themeID: try row.int64("theme_id"), position: try row.int("position"),
             ref: try row.string("ref"), title: try row.string("title"),
             recommendationNumber: try row.optionalInt("recommendation_number"),
             improvementLead: try row.string("improvement_lead"), coreFocus: try row.string("core_focus"),
             issues: try row.json("issues", as: [Area.Issue].self), objectives: try row.stringList("objectives"),
             whyItMatters: try row.string("why_it_matters"), whatGoodLooksLike: try row.string("what_good_looks_like"),
             version: try row.int("version"))
    }

    public func createPlan(_ draft: PlanDraft) async throws -> Plan {
        let errors = PlanValidation.errors(in: draft)
        guard errors.isEmpty else { throw ValidationErrors(errors) }
        return try await gateway.write { db in try await Self.insertPlan(db, draft) }
    }

    public func createPlans(_ drafts: [PlanDraft]) async throws -> [Plan] {
        try Self.validate(drafts)
        return try await gateway.write { db in try await Self.insertPlans(db, drafts) }
    }

    /// Every plan's errors, fields prefixed `plans[i].` when there are several.
    static func validate(_ drafts: [PlanDraft]) throws {
        let errors = drafts.enumerated().flatMap { index, draft in
            PlanValidation.errors(in: draft).map { error in
                drafts.count == 1 ? error : ValidationError(field: "plans[\(index)].\(error.field)", message: error.message)
            }
        }
        guard errors.isEmpty else { throw ValidationErrors(errors) }
    }

    /// Inserts validated plans inside the caller's transaction.
    static func insertPlans(_ db: any SQLDatabase, _ drafts: [PlanDraft]) async throws -> [Plan] {
        var plans: [Plan] = []
        for draft in drafts { plans.append(try await insertPlan(db, draft)) }
        return plans
    }

    /// Inserts a validated plan inside the caller's transaction.
    static func insertPlan(_ db: any SQLDatabase, _ draft: PlanDraft) async throws -> Plan {
        let org = draft.plan.organisationID
        guard try await db.raw("SELECT id FROM organisations WHERE id = \(bind: org)").first() != nil else {
            throw StoreError.notFound(entity: "organisation", id: String(org))
        }
        var plan = draft.plan
        if let inspection = draft.inspection {
            plan.inspectionID = try await Self.insertInspection(db, inspection, organisationID: org)
        }
        plan.version = 1
        let planRow = try await db.raw("""
            INSERT INTO plans (organisation_id, title, kind, inspection_id, period_start, period_end, update_cycle, version)
            VALUES (\(bind: org), \(bind: plan.title), \(bind: plan.kind.rawValue), \(bind: plan.inspectionID),
                    \(bind: plan.periodStart?.iso), \(bind: plan.periodEnd?.iso), \(bind: plan.updateCycle.rawValue), 1)
            RETURNING id
            """).first()!
        plan.id = try planRow.int64("id")

        var measureIDs: [String: Int64] = [:]
        for row in try await db.raw("SELECT id, code FROM measures WHERE organisation_id = \(bind: org)").all() {
            measureIDs[try row.string("code")] = try row.int64("id")
        }
        for measure in draft.measures where measureIDs[measure.code] == nil {
            var m = measure
            m.organisationID = org
            let saved = try await MeasureRows.insert(db, m)
            try await AuditLog.record(db, organisationID: org, entity: "measure", id: saved.id, change: .create, before: nil as Measure?, after: saved)
            measureIDs[measure.code] = saved.id
        }

        // Actions are numbered through the plan in draft order, whatever positions the draft carries.
        var actionPosition = 0
        for (themeIndex, themeDraft) in draft.themes.enumerated() {
            let theme = themeDraft.theme
            let themeRow = try await db.raw("""
                INSERT INTO themes (organisation_id, plan_id, position, ref, title)
                VALUES (\(bind: org), \(bind: plan.id), \(bind: themeIndex), \(bind: theme.ref), \(bind: theme.title))
                RETURNING id
                """).first()!
            let themeID = try themeRow.int64("id")
            for (areaIndex, areaDraft) in themeDraft.areas.enumerated() {
                let area = areaDraft.area
                let areaRow = try await db.raw("""
                    INSERT INTO areas (organisation_id, plan_id, theme_id, position, ref, title, recommendation_number,
                        improvement_lead, core_focus, issues, objectives, why_it_matters, what_good_looks_like)
                    VALUES (\(bind: org), \(bind: plan.id), \(bind: themeID), \(bind: areaIndex), \(bind: area.ref),
                        \(bind: area.title), \(bind: area.recommendationNumber), \(bind: area.improvementLead),
                        \(bind: area.coreFocus), \(bind: try JSONCoding.text(area.issues)),
                        \(bind: try JSONCoding.text(area.objectives)), \(bind: area.whyItMatters),
                        \(bind: area.whatGoodLooksLike))
                    RETURNING id
                    """).first()!
                let areaID = try areaRow.int64("id")
                for actionDraft in areaDraft.actions {
                    var action = actionDraft.action
                    action.areaID = areaID
                    actionPosition += 1
                    action.position = actionPosition
                    action.measureIDs = try actionDraft.measureCodes.map { code in
                        guard let id = measureIDs[code] else {
                            throw ValidationError(field: "measureCodes", message: "Action \(action.ref) links to measure \(code), which is not in the plan or the organisation's measures")
                        }
                        return id
                    }
                    _ = try await ActionRows.insert(db, action, planID: plan.id, organisationID: org)
                }
            }
        }
        try await AuditLog.record(db, organisationID: org, entity: "plan", id: plan.id, change: .create,
                                  before: nil as Plan?, after: plan)
        return plan
    }

    public func area(id: Int64, organisationID: Int64) async throws -> Area {
        try await gateway.read { db in try await Self.loadArea(db, id: id, organisationID: organisationID) }
    }

    static func loadArea(_ db: any SQLDatabase, id: Int64, organisationID: Int64) async throws -> Area {
        guard let row = try await db.raw("SELECT * FROM areas WHERE id = \(bind: id) AND organisation_id = \(bind: organisationID)").first() else {
            throw StoreError.notFound(entity: "area", id: String(id))
        }
        return try area(from: row)
    }

    public func editPlan(id: Int64, organisationID: Int64, expectedVersion: Int?,
                         _ edit: @Sendable (inout Plan) throws -> Void) async throws -> Plan {
        try await gateway.write { db in
            let stored = try await Self.loadPlan(db, id: id, organisationID: organisationID)
            let edited = try OptimisticEdit.apply(to: stored, entity: "plan", id: id, storedVersion: stored.version,
                                                  expectedVersion: expectedVersion, edit,
                                                  validate: { PlanValidation.errors(in: $0) })
            // Identity, owner and source inspection are not the caller's to change.
            try await VersionedUpdate.run(db, """
                UPDATE plans SET title = \(bind: edited.title), kind = \(bind: edited.kind.rawValue),
                    period_start = \(bind: edited.periodStart?.iso), period_end = \(bind: edited.periodEnd?.iso),
                    update_cycle = \(bind: edited.updateCycle.rawValue), version = version + 1
                WHERE id = \(bind: id) AND organisation_id = \(bind: organisationID) AND version = \(bind: stored.version)
                RETURNING version
                """, table: .plans, entity: "plan", id: id, read: stored.version)
            let saved = try await Self.loadPlan(db, id: id, organisationID: organisationID)
            try await AuditLog.record(db, organisationID: organisationID, entity: "plan", id: id, change: .update, before: stored, after: saved)
            return saved
        }
    }

    public func editArea(id: Int64, organisationID: Int64, expectedVersion: Int?,
                         _ edit: @Sendable (inout Area) throws -> Void) async throws -> Area {
        try await gateway.write { db in
            let stored = try await Self.loadArea(db, id: id, organisationID: organisationID)
            let edited = try OptimisticEdit.apply(to: stored, entity: "area", id: id, storedVersion: stored.version,
                                                  expectedVersion: expectedVersion, edit,
                                                  validate: { PlanValidation.errors(in: $0) })
            try await VersionedUpdate.run(db, """
                UPDATE areas SET ref = \(bind: edited.ref), title = \(bind: edited.title),
                    recommendation_number = \(bind: edited.recommendationNumber),
                    improvement_lead = \(bind: edited.improvementLead), core_focus = \(bind: edited.coreFocus),
                    issues = \(bind: try JSONCoding.text(edited.issues)), objectives = \(bind: try JSONCoding.text(edited.objectives)),
                    why_it_matters = \(bind: edited.whyItMatters), what_good_looks_like = \(bind: edited.whatGoodLooksLike),
                    version = version + 1
                WHERE id = \(bind: id) AND organisation_id = \(bind: organisationID) AND version = \(bind: stored.version)
                RETURNING version
                """, table: .areas, entity: "area", id: id, read: stored.version)
            let saved = try await Self.loadArea(db, id: id, organisationID: organisationID)
            try await AuditLog.record(db, organisationID: organisationID, entity: "area", id: id, change: .update, before: stored, after: saved)
            return saved
        }
    }

    // MARK: Actions

    public func createAction(_ action: Action, organisationID: Int64) async throws -> Action {
        let errors = PlanValidation.errors(in: action)
        guard errors.isEmpty else { throw ValidationErrors(errors) }
        return try await gateway.write { db in
            guard let areaRow = try await db.raw("SELECT plan_id FROM areas WHERE id = \(bind: action.areaID) AND organisation_id = \(bind: organisationID)").first() else {
                throw StoreError.notFound(entity: "area", id: String(action.areaID))
            }
            let planID = try areaRow.int64("plan_id")
            if try await db.raw("SELECT id FROM actions WHERE plan_id = \(bind: planID) AND ref_key = \(bind: ActionEditRules.refKey(action.ref))").first() != nil {
                throw StoreError.conflict("The plan already has an action \(action.ref)")
            }
            var fresh = action
            fresh.position = 0
            let id = try await ActionRows.insert(db, fresh, planID: planID, organisationID: organisationID)
            let saved = try await ActionRows.loadOne(db, id: id, organisationID: organisationID)
            try await AuditLog.record(db, organisationID: organisationID, entity: "action", id: id, change: .create, before: nil as Action?, after: saved)
            return saved
        }
    }

    public func action(id: Int64, organisationID: Int64) async throws -> ActionInContext {
        try await gateway.read { db in try await Self.loadActionInContext(db, id: id, organisationID: organisationID) }
    }

    static func loadActionInContext(_ db: any SQLDatabase, id: Int64, organisationID: Int64) async throws -> ActionInContext {
        let action = try await ActionRows.loadOne(db, id: id, organisationID: organisationID)
        guard let areaRow = try await db.raw("SELECT * FROM areas WHERE id = \(bind: action.areaID)").first() else {
            throw StoreError.notFound(entity: "area", id: String(action.areaID))
        }
        let area = try area(from: areaRow)
        guard let themeRow = try await db.raw("SELECT * FROM themes WHERE id = \(bind: area.themeID)").first() else {
            throw StoreError.notFound(entity: "theme", id: String(area.themeID))
        }
        let theme = try theme(from: themeRow)
        let plan = try await loadPlan(db, id: theme.planID, organisationID: organisationID)
        return ActionInContext(action: action, area: area, theme: theme, plan: plan)
    }

    public func editAction(id: Int64, organisationID: Int64, expectedVersion: Int?,
                           _ edit: @Sendable (inout Action) throws -> Void) async throws -> Action {
        try await gateway.write { db in
            let stored = try await ActionRows.loadOne(db, id: id, organisationID: organisationID)
            let edited = try OptimisticEdit.apply(
                to: stored, entity: "action", id: id, storedVersion: stored.version, expectedVersion: expectedVersion, edit,
                keeping: { edited, stored in
                    // The area may change (a move within the plan, which ActionRows.update checks).
                    edited.id = stored.id
                    edited.updates = stored.updates
                },
                validate: { PlanValidation.errors(in: $0) })
            try await ActionRows.update(db, edited, previous: stored, organisationID: organisationID)
            let saved = try await ActionRows.loadOne(db, id: id, organisationID: organisationID)
            try await AuditLog.record(db, organisationID: organisationID, entity: "action", id: id, change: .update, before: stored, after: saved)
            return saved
        }
    }

    public func addProgressUpdate(_ update: ProgressUpdate, organisationID: Int64, expectedVersion: Int?) async throws -> (ProgressUpdate, Action) {
        let errors = PlanValidation.errors(in: update)
        guard errors.isEmpty else { throw ValidationErrors(errors) }
        return try await gateway.write { db in
            let stored = try await ActionRows.loadOne(db, id: update.actionID, organisationID: organisationID)
            try OptimisticEdit.refuseStale(entity: "action", id: stored.id, storedVersion: stored.version, expectedVersion: expectedVersion)
            let row = try await db.raw("""
                INSERT INTO progress_updates (organisation_id, action_id, date, author, author_role, text, percent_complete, status, recorded_at)
                VALUES (\(bind: organisationID), \(bind: stored.id), \(bind: update.date.iso), \(bind: update.author),
                        \(bind: update.authorRole), \(bind: update.text), \(bind: update.percentComplete), \(bind: update.status?.rawValue),
                        \(bind: Timestamp.string(from: update.recordedAt)))
                RETURNING id
                """).first()!
            var saved = update
            saved.id = try row.int64("id")
            var edited = stored
            edited.apply(saved)
            try await ActionRows.update(db, edited, previous: stored, organisationID: organisationID)
            try await AuditLog.record(db, organisationID: organisationID, entity: "progress update", id: saved.id, change: .create,
                                      before: nil as ProgressUpdate?, after: saved)
            let action = try await ActionRows.loadOne(db, id: stored.id, organisationID: organisationID)
            if action.status != stored.status || action.percentComplete != stored.percentComplete {
                // The update moved the action on: that is a change to the action too.
                var before = stored, after = action
                before.updates = []
                after.updates = []
                try await AuditLog.record(db, organisationID: organisationID, entity: "action", id: stored.id, change: .update, before: before, after: after)
            }
            return (saved, action)
        }
    }

    public func actionsLinked(toMeasure measureID: Int64, organisationID: Int64) async throws -> [Action] {
        try await gateway.read { db in
            try await ActionRows.load(db, filter: "a.organisation_id = \(bind: organisationID) AND a.id IN (SELECT action_id FROM action_measures WHERE measure_id = \(bind: measureID))", fullHistory: false)
        }
    }

    // MARK: Measures

    public func measures(organisationID: Int64) async throws -> [Measure] {
        try await gateway.read { db in
            try await MeasureRows.load(db, filter: "m.organisation_id = \(bind: organisationID)")
        }
    }

    public func measures(ids: [Int64], organisationID: Int64) async throws -> [Measure] {
        guard !ids.isEmpty else { return [] }
        return try await gateway.read { db in
            try await MeasureRows.load(db, filter: "m.organisation_id = \(bind: organisationID) AND m.id IN (\(binds: ids))")
        }
    }

    public func measure(id: Int64, organisationID: Int64) async throws -> Measure {
        try await gateway.read { db in try await MeasureRows.loadOne(db, id: id, organisationID: organisationID) }
    }

    public func createMeasure(_ measure: Measure) async throws -> Measure {
        let errors = PlanValidation.errors(in: measure) + MeasureEditing.errors(in: measure)
        guard errors.isEmpty else { throw ValidationErrors(errors) }
        return try await gateway.write { db in
            if try await db.raw("SELECT id FROM measures WHERE organisation_id = \(bind: measure.organisationID) AND code = \(bind: measure.code)").first() != nil {
                throw StoreError.conflict("A measure with code '\(measure.code)' already exists")
            }
            let saved = try await MeasureRows.insert(db, measure)
            try await AuditLog.record(db, organisationID: saved.organisationID, entity: "measure", id: saved.id, change: .create,
                                      before: nil as Measure?, after: saved)
            return saved
        }
    }

    public func editMeasure(id: Int64, organisationID: Int64, expectedVersion: Int?,
                            _ edit: @Sendable (inout Measure) throws -> Void) async throws -> Measure {
        try await gateway.write { db in
            let stored = try await MeasureRows.loadOne(db, id: id, organisationID: organisationID)
            let edited = try OptimisticEdit.apply(
                to: stored, entity: "measure", id: id, storedVersion: stored.version, expectedVersion: expectedVersion, edit,
                keeping: { edited, stored in
                    edited.id = stored.id
                    edited.organisationID = stored.organisationID
                    edited.values = stored.values
                },
                validate: { PlanValidation.errors(in: $0) + MeasureEditing.errors(in: $0) })
            if edited.code != stored.code,
               try await db.raw("SELECT id FROM measures WHERE organisation_id = \(bind: organisationID) AND code = \(bind: edited.code) AND id <> \(bind: id)").first() != nil {
                throw StoreError.conflict("A measure with code '\(edited.code)' already exists")
            }
            try await MeasureRows.update(db, edited, expectedVersion: stored.version)
            let saved = try await MeasureRows.loadOne(db, id: id, organisationID: organisationID)
            // The definition and targets; values have their own entries.
            var before = stored, after = saved
            before.values = []
            after.values = []
            try await AuditLog.record(db, organisationID: organisationID, entity: "measure", id: id, change: .update, before: before, after: after)
            return saved
        }
    }

    public func recordValue(_ value: MeasureValue, measureID: Int64, organisationID: Int64, replace: Bool) async throws -> MeasureValue {
        try await gateway.write { db in
            let measure = try await MeasureRows.loadOne(db, id: measureID, organisationID: organisationID)
            let errors = PlanValidation.errors(in: value, unit: measure.unit)
            guard errors.isEmpty else { throw ValidationErrors(errors) }
            let existing = measure.value(for: value.period)
            if let existing {
                guard replace else {
                    throw StoreError.conflict("\(measure.code) already has a value for \(value.period.label) (\(measure.format(existing.value))). Send replace: true to replace it.")
                }
                try await db.raw("DELETE FROM measure_values WHERE id = \(bind: existing.id)").run()
            }
            let saved = try await MeasureRows.insertValue(db, value, measureID: measureID, organisationID: organisationID)
            // Recorded against the measure, so its history shows every value and every replacement.
            try await AuditLog.record(db, organisationID: organisationID, entity: "measure value", id: measureID,
                                      change: existing == nil ? .create : .update, before: existing, after: saved)
            return saved
        }
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
