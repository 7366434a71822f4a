import Core
import Foundation
import SQLKit

/// Reading and writing actions with their milestones, updates and measure links.
enum ActionRows {
    /// Loads the actions matching `filter` (on alias `a`), in plan order, with a handful of
    /// queries whatever their number: never one query per action.
    static func load(_ db: any SQLDatabase, filter: SQLQueryString, fullHistory: Bool) async throws -> [Action] {
        let rows = try await db.raw("SELECT a.* FROM actions a WHERE \(filter) ORDER BY a.plan_id, a.position, a.id").all()
        var actions = try rows.map(action(from:))
        guard !actions.isEmpty else { return [] }
        var index: [Int64: Int] = [:]
        for (i, action) in actions.enumerated() { index[action.id] = i }
        let ids: SQLQueryString = "SELECT a.id FROM actions a WHERE \(filter)"

        let milestones: SQLQueryString = """
            SELECT id, action_id, title, due_date, completed_on FROM milestones
            WHERE action_id IN (\(ids)) ORDER BY action_id, position, id
            """
        for row in try await db.raw(milestones).all() {
            guard let i = index[try row.int64("action_id")] else { continue }
            actions[i].milestones.append(Milestone(id: try row.int64("id"), title: try row.string("title"),
                                                   dueDate: try row.optionalDay("due_date"),
                                                   completedOn: try row.optionalDay("completed_on")))
        }

        // Without the full history, only each action's newest update: one index probe per
        // action, not one per update.
        let updates: SQLQueryString = fullHistory
            ? "SELECT \(unsafeRaw: updateColumns) FROM progress_updates p WHERE action_id IN (\(ids)) ORDER BY action_id, date DESC, id DESC"
            : """
              SELECT \(unsafeRaw: updateColumns) FROM actions a JOIN progress_updates p ON p.id = (
                  SELECT q.id FROM progress_updates q WHERE q.action_id = a.id ORDER BY q.date DESC, q.id DESC LIMIT 1)
              WHERE \(filter)
              """
        for row in try await db.raw(updates).all() {
            guard let i = index[try row.int64("action_id")] else { continue }
            actions[i].updates.append(try update(from: row))
        }

        for row in try await db.raw("SELECT action_id, measure_id FROM action_measures WHERE action_id IN (\(ids)) ORDER BY action_id, measure_id").all() {
            guard let i = index[try row.int64("action_id")] else { continue }
            actions[i].measureIDs.append(try row.int64("measure_id"))
        }
        return actions
    }

    /// What `update(from:)` reads, on alias `p`.
    static let updateColumns = "p.id, p.action_id, p.date, p.author, p.author_role, p.text, p.percent_complete, p.status, p.recorded_at"

    static func loadOne(_ db: any SQLDatabase, id: Int64, organisationID: Int64) async throws -> Action {
        let found = try await load(db, filter: "a.id = \(bind: id) AND a.organisation_id = \(bind: organisationID)", fullHistory: true)
        guard let action = found.first else { throw StoreError.notFound(entity: "action", id: String(id)) }
        return action
    }

    static func action(from row: any SQLRow) throws -> Action {
        Action(id: try row.int64("id"), areaID: try row.int64("area_id"), position: try row.int("position"),
               ref: try row.string("ref"), title: try row.string("title"), outcome: try row.string("outcome"),
               leads: try row.stringList("leads"), startDate: try row.optionalDay("start_date"),
               dueDate: try row.optionalDay("due_date"),
               reprogrammings: try row.json("reprogrammings", as: [Reprogramming].self),
               status: try row.enumeration("status", as: LifecycleStatus.self),
               percentComplete: try row.int("percent_complete"), completedOn: try row.optionalDay("completed_on"),
               evidence: try row.json("evidence", as: [EvidenceOfImpact].self),
               difference: try row.optionalJSON("difference", as: DifferenceJudgement.self),
               override: try row.optionalJSON("rating_override", as: RatingOverride.self),
               version: try row.int("version"))
    }

    static func update(from row: any SQLRow) throws -> ProgressUpdate {
        let recorded = try row.string("recorded_at")
        guard let recordedAt = Timestamp.date(from: recorded) else {
            throw StoredValueError(column: "recorded_at", value: recorded)
        }
        return ProgressUpdate(id: try row.int64("id"), actionID: try row.int64("action_id"), date: try row.day("date"),
                              author: try row.string("author"), authorRole: try row.optionalString("author_role"),
                              text: try row.string("text"),
                              percentComplete: try row.optionalInt("percent_complete"),
                              status: try row.optionalString("status").flatMap(LifecycleStatus.init(rawValue:)),
                              recordedAt: recordedAt)
    }

    /// Inserts an action with its milestones, updates and measure links; returns its id.
    static func insert(_ db: any SQLDatabase, _ action: Action, planID: Int64, organisationID: Int64) async throws -> Int64 {
        let position = action.position != 0 ? action.position
            : try await db.raw("SELECT COALESCE(MAX(position), 0) + 1 AS next FROM actions WHERE plan_id = \(bind: planID)").first()!.int("next")
        let inserted: (any SQLRow)?
        do {
            inserted = try await db.raw("""
            INSERT INTO actions (organisation_id, plan_id, area_id, position, ref, ref_key, title, outcome, leads, start_date,
                due_date, reprogrammings, status, percent_complete, completed_on, evidence, difference, rating_override, version)
            VALUES (\(bind: organisationID), \(bind: planID), \(bind: action.areaID), \(bind: position), \(bind: action.ref),
                \(bind: ActionEditRules.refKey(action.ref)), \(bind: action.title), \(bind: action.outcome), \(bind: try JSONCoding.text(action.leads)),
                \(bind: action.startDate?.iso), \(bind: action.dueDate?.iso), \(bind: try JSONCoding.text(action.reprogrammings)),
                \(bind: action.status.rawValue), \(bind: action.percentComplete), \(bind: action.completedOn?.iso),
                \(bind: try JSONCoding.text(action.evidence)), \(bind: try JSONCoding.optionalText(action.difference)),
                \(bind: try JSONCoding.optionalText(action.override)), 1)
            RETURNING id
            """).first()
        } catch let error where UniqueIndex.actionRefs.refused(error) {
            // Another writer added the reference after the store's check: the database refuses it.
            throw StoreError.conflict("The plan already has an action \(action.ref)")
        }
        guard let row = inserted else { throw StoreError.conflict("The action \(action.ref) was not stored") }
        let id = try row.int64("id")
        for (i, milestone) in action.milestones.enumerated() {
            try await insertMilestone(db, milestone, position: i, actionID: id, organisationID: organisationID)
        }
        // `updates` is newest first; stored oldest first so ids follow time (same-day updates keep their order).
        for update in action.updates.reversed() {
            try await db.raw("""
                INSERT INTO progress_updates (organisation_id, action_id, date, author, author_role, text, percent_complete, status, recorded_at)
                VALUES (\(bind: organisationID), \(bind: id), \(bind: update.date.iso), \(bind: update.author),
                        \(bind: update.authorRole), \(bind: update.text),
                        \(bind: update.percentComplete), \(bind: update.status?.rawValue), \(bind: Timestamp.string(from: update.recordedAt)))
                """).run()
        }
        try await link(db, actionID: id, measureIDs: action.measureIDs, organisationID: organisationID)
        return id
    }

    static func insertMilestone(_ db: any SQLDatabase, _ milestone: Milestone, position: Int, actionID: Int64, organisationID: Int64) async throws {
        try await db.raw("""
            INSERT INTO milestones (organisation_id, action_id, position, title, due_date, completed_on)
            VALUES (\(bind: organisationID), \(bind: actionID), \(bind: position), \(bind: milestone.title),
                    \(bind: milestone.dueDate?.iso), \(bind: milestone.completedOn?.iso))
            """).run()
    }

    static func link(_ db: any SQLDatabase, actionID: Int64, measureIDs: [Int64], organisationID: Int64) async throws {
        for measureID in Set(measureIDs).sorted() {
            guard try await db.raw("SELECT id FROM measures WHERE id = \(bind: measureID) AND organisation_id = \(bind: organisationID)").first() != nil else {
                throw ValidationError(field: "measureIDs", message: "There is no measure \(measureID) to link to")
            }
            try await db.raw("INSERT INTO action_measures (organisation_id, action_id, measure_id) VALUES (\(bind: organisationID), \(bind: actionID), \(bind: measureID))").run()
        }
    }

    /// Writes an edited action over `previous`, refusing if someone else saved it in between.
    /// A new reference must be free in the plan, and a new area must be in the same plan.
    static func update(_ db: any SQLDatabase, _ action: Action, previous: Action, organisationID: Int64) async throws {
        if action.ref != previous.ref || action.areaID != previous.areaID {
            try await checkPlace(db, action, previous: previous, organisationID: organisationID)
        }
        do {
            try await VersionedUpdate.run(db, """
            UPDATE actions SET ref = \(bind: action.ref), ref_key = \(bind: ActionEditRules.refKey(action.ref)), area_id = \(bind: action.areaID), title = \(bind: action.title), outcome = \(bind: action.outcome),
                leads = \(bind: try JSONCoding.text(action.leads)), start_date = \(bind: action.startDate?.iso),
                due_date = \(bind: action.dueDate?.iso), reprogrammings = \(bind: try JSONCoding.text(action.reprogrammings)),
                status = \(bind: action.status.rawValue), percent_complete = \(bind: action.percentComplete),
                completed_on = \(bind: action.completedOn?.iso), evidence = \(bind: try JSONCoding.text(action.evidence)),
                difference = \(bind: try JSONCoding.optionalText(action.difference)),
                rating_override = \(bind: try JSONCoding.optionalText(action.override)),
                version = version + 1
            WHERE id = \(bind: previous.id) AND organisation_id = \(bind: organisationID) AND version = \(bind: previous.version)
            RETURNING version
            """, table: .actions, entity: "action", id: previous.id, read: previous.version)
        } catch let error where UniqueIndex.actionRefs.refused(error) {
            throw ValidationErrors([ValidationError(field: "ref", message: ActionEditRules.refTakenMessage(action.ref))])
        }
        if action.milestones != previous.milestones {
            let kept = Set(action.milestones.map(\.id).filter { $0 != 0 })
            for old in previous.milestones where !kept.contains(old.id) {
                try await db.raw("DELETE FROM milestones WHERE id = \(bind: old.id)").run()
            }
            for (i, milestone) in action.milestones.enumerated() {
                if milestone.id == 0 {
                    try await insertMilestone(db, milestone, position: i, actionID: previous.id, organisationID: organisationID)
                } else {
                    try await db.raw("""
                        UPDATE milestones SET position = \(bind: i), title = \(bind: milestone.title),
                            due_date = \(bind: milestone.dueDate?.iso), completed_on = \(bind: milestone.completedOn?.iso)
                        WHERE id = \(bind: milestone.id) AND action_id = \(bind: previous.id)
                        """).run()
                }
            }
        }
        if Set(action.measureIDs) != Set(previous.measureIDs) {
            try await db.raw("DELETE FROM action_measures WHERE action_id = \(bind: previous.id)").run()
            try await link(db, actionID: previous.id, measureIDs: action.measureIDs, organisationID: organisationID)
        }
    }

    /// Refuses a reference another action of the plan has, and an area outside the action's plan.
    static func checkPlace(_ db: any SQLDatabase, _ action: Action, previous: Action, organisationID: Int64) async throws {
        guard let planRow = try await db.raw("SELECT plan_id FROM actions WHERE id = \(bind: previous.id) AND organisation_id = \(bind: organisationID)").first() else {
            throw StoreError.notFound(entity: "action", id: String(previous.id))
        }
        let planID = try planRow.int64("plan_id")
        if action.areaID != previous.areaID {
            let area = try await db.raw("""
                SELECT id FROM areas
                WHERE id = \(bind: action.areaID) AND plan_id = \(bind: planID) AND organisation_id = \(bind: organisationID)
                """).first()
            guard area != nil else {
                throw ValidationErrors([ValidationError(field: "areaID", message: "Choose an area of this action's plan")])
            }
        }
        if action.ref != previous.ref {
            let others = try await db.raw("SELECT id, ref FROM actions WHERE plan_id = \(bind: planID) AND id <> \(bind: previous.id)").all()
            let siblings = try others.map { Action(id: try $0.int64("id"), areaID: 0, ref: try $0.string("ref"), title: "") }
            if let problem = ActionEditRules.refProblem(action.ref, actionID: previous.id, among: siblings) {
                throw ValidationErrors([problem])
            }
        }
    }
}
