import Core
import Foundation
import SQLKit

/// Themes, areas, the plan's details and its inspection, changed after the plan is stored. Each
/// change is one transaction with its audit entry, which records the record in words
/// (`PlanInTrail`) so the history reads "Title: Assessment → Assessment and planning".
extension SQLStore: PlanEditingStore {
    // MARK: Themes

    public func theme(id: Int64, organisationID: Int64) async throws -> Theme {
        try await gateway.read { db in try await Self.loadTheme(db, id: id, organisationID: organisationID) }
    }

    static func loadTheme(_ db: any SQLDatabase, id: Int64, organisationID: Int64) async throws -> Theme {
        guard let row = try await db.raw("SELECT * FROM themes WHERE id = \(bind: id) AND organisation_id = \(bind: organisationID)").first() else {
            throw StoreError.notFound(entity: "theme", id: String(id))
        }
        return try theme(from: row)
    }

    static func themes(_ db: any SQLDatabase, planID: Int64) async throws -> [Theme] {
        try await db.raw("SELECT * FROM themes WHERE plan_id = \(bind: planID) ORDER BY position, id").all().map(theme(from:))
    }

    public func createTheme(_ theme: Theme, organisationID: Int64) async throws -> Theme {
        try await gateway.write { db in
            let plan = try await Self.loadPlan(db, id: theme.planID, organisationID: organisationID)
            let others = try await Self.themes(db, planID: plan.id)
            var fresh = theme
            fresh.id = 0
            fresh.ref = fresh.ref.trimmingCharacters(in: .whitespacesAndNewlines)
            fresh.title = fresh.title.trimmingCharacters(in: .whitespacesAndNewlines)
            let errors = PlanStructure.errors(in: fresh, among: others)
            guard errors.isEmpty else { throw ValidationErrors(errors) }
            let position = (others.map(\.position).max() ?? -1) + 1
            guard let row = try await db.raw("""
                INSERT INTO themes (organisation_id, plan_id, position, ref, title, version)
                VALUES (\(bind: organisationID), \(bind: plan.id), \(bind: position), \(bind: fresh.ref), \(bind: fresh.title), 1)
                RETURNING id
                """).first() else { throw StoreError.conflict("The theme could not be added") }
            let saved = try await Self.loadTheme(db, id: try row.int64("id"), organisationID: organisationID)
            try await AuditLog.record(db, organisationID: organisationID, entity: "theme", id: saved.id, change: .create,
                                      before: nil as [String: String]?, after: PlanInTrail.theme(saved, among: others + [saved]))
            return saved
        }
    }

    public func editTheme(id: Int64, organisationID: Int64, expectedVersion: Int?,
                          _ edit: @Sendable (inout Theme) throws -> Void) async throws -> Theme {
        try await gateway.write { db in
            let stored = try await Self.loadTheme(db, id: id, organisationID: organisationID)
            let siblings = try await Self.themes(db, planID: stored.planID)
            let edited = try OptimisticEdit.apply(
                to: stored, entity: "theme", id: id, storedVersion: stored.version, expectedVersion: expectedVersion,
                { theme in
                    try edit(&theme)
                    theme.ref = theme.ref.trimmingCharacters(in: .whitespacesAndNewlines)
                    theme.title = theme.title.trimmingCharacters(in: .whitespacesAndNewlines)
                },
                keeping: { edited, stored in
                    edited.id = stored.id
                    edited.planID = stored.planID
                    edited.position = stored.position
                    edited.version = stored.version
                },
                validate: { PlanStructure.errors(in: $0, among: siblings) })
            try await VersionedUpdate.run(db, """
                UPDATE themes SET ref = \(bind: edited.ref), title = \(bind: edited.title), version = version + 1
                WHERE id = \(bind: id) AND organisation_id = \(bind: organisationID) AND version = \(bind: stored.version)
                RETURNING version
                """, table: .themes, entity: "theme", id: id, read: stored.version)
            let saved = try await Self.loadTheme(db, id: id, organisationID: organisationID)
            try await AuditLog.record(db, organisationID: organisationID, entity: "theme", id: id, change: .update,
                                      before: PlanInTrail.theme(stored, among: siblings), after: PlanInTrail.theme(saved, among: siblings))
            return saved
        }
    }

    public func moveTheme(id: Int64, _ direction: MoveDirection, organisationID: Int64, expectedVersion: Int?) async throws -> Theme {
        try await gateway.write { db in
            let stored = try await Self.loadTheme(db, id: id, organisationID: organisationID)
            try OptimisticEdit.refuseStale(entity: "theme", id: id, storedVersion: stored.version, expectedVersion: expectedVersion)
            let siblings = try await Self.themes(db, planID: stored.planID)
            guard let order = PlanStructure.moving(id, direction, in: siblings.map(\.id)) else {
                throw ValidationErrors([.init(field: "direction", message:
                    "Theme \(stored.ref) \(stored.title) is already \(direction == .up ? "first" : "last") in the plan, so it cannot move \(direction.word)")])
            }
            let moved = try await Self.renumber(db, table: "themes", siblings.map { ($0.id, $0.position) }, into: order)
            let after = try await Self.themes(db, planID: stored.planID)
            for themeID in moved {
                guard let before = siblings.first(where: { $0.id == themeID }), let now = after.first(where: { $0.id == themeID }) else { continue }
                try await AuditLog.record(db, organisationID: organisationID, entity: "theme", id: themeID, change: .update,
                                          before: PlanInTrail.theme(before, among: siblings), after: PlanInTrail.theme(now, among: after))
            }
            return try await Self.loadTheme(db, id: id, organisationID: organisationID)
        }
    }

    public func removeTheme(id: Int64, organisationID: Int64, expectedVersion: Int?) async throws {
        try await gateway.write { db in
            let stored = try await Self.loadTheme(db, id: id, organisationID: organisationID)
            try OptimisticEdit.refuseStale(entity: "theme", id: id, storedVersion: stored.version, expectedVersion: expectedVersion)
            let siblings = try await Self.themes(db, planID: stored.planID)
            let areas = try await db.raw("SELECT COUNT(*) AS n FROM areas WHERE theme_id = \(bind: id)").first()?.int("n") ?? 0
            let actions = try await db.raw("""
                SELECT COUNT(*) AS n FROM actions a JOIN areas ar ON ar.id = a.area_id WHERE ar.theme_id = \(bind: id)
                """).first()?.int("n") ?? 0
            if let refusal = PlanStructure.themeRemovalRefusal(stored, areaCount: areas, actionCount: actions) {
                throw ValidationErrors([refusal])
            }
            try await db.raw("DELETE FROM themes WHERE id = \(bind: id) AND organisation_id = \(bind: organisationID)").run()
            try await AuditLog.record(db, organisationID: organisationID, entity: "theme", id: id, change: .delete,
                                      before: PlanInTrail.theme(stored, among: siblings), after: nil as [String: String]?)
        }
    }

    // MARK: Areas

    /// The plan an area belongs to and every area of that plan, in plan order.
    static func areasOfPlan(_ db: any SQLDatabase, holding areaID: Int64? = nil, planID: Int64? = nil) async throws -> (planID: Int64, areas: [Area]) {
        var plan = planID
        if let areaID, plan == nil {
            plan = try await db.raw("SELECT plan_id FROM areas WHERE id = \(bind: areaID)").first()?.int64("plan_id")
        }
        guard let plan else { throw StoreError.notFound(entity: "area", id: areaID.map { String($0) } ?? "") }
        let areas = try await db.raw("""
            SELECT ar.* FROM areas ar JOIN themes t ON t.id = ar.theme_id
            WHERE ar.plan_id = \(bind: plan) ORDER BY t.position, t.id, ar.position, ar.id
            """).all().map(area(from:))
        return (plan, areas)
    }

    public func createArea(_ area: Area, organisationID: Int64) async throws -> Area {
        try await gateway.write { db in
            let theme = try await Self.loadTheme(db, id: area.themeID, organisationID: organisationID)
            let (planID, others) = try await Self.areasOfPlan(db, planID: theme.planID)
            var fresh = Self.tidied(area)
            fresh.id = 0
            let errors = PlanStructure.errors(in: fresh, among: others)
            guard errors.isEmpty else { throw ValidationErrors(errors) }
            let position = (others.filter { $0.themeID == theme.id }.map(\.position).max() ?? -1) + 1
            guard let row = try await db.raw("""
                INSERT INTO areas (organisation_id, plan_id, theme_id, position, ref, title, recommendation_number,
                    improvement_lead, core_focus, issues, objectives, why_it_matters, what_good_looks_like, version)
                VALUES (\(bind: organisationID), \(bind: planID), \(bind: theme.id), \(bind: position), \(bind: fresh.ref),
                    \(bind: fresh.title), \(bind: fresh.recommendationNumber), \(bind: fresh.improvementLead),
                    \(bind: fresh.coreFocus), \(bind: try JSONCoding.text(fresh.issues)),
                    \(bind: try JSONCoding.text(fresh.objectives)), \(bind: fresh.whyItMatters),
                    \(bind: fresh.whatGoodLooksLike), 1)
                RETURNING id
                """).first() else { throw StoreError.conflict("The area could not be added") }
            let saved = try await Self.loadArea(db, id: try row.int64("id"), organisationID: organisationID)
            let siblings = others.filter { $0.themeID == theme.id } + [saved]
            try await AuditLog.record(db, organisationID: organisationID, entity: "area", id: saved.id, change: .create,
                                      before: nil as [String: String]?,
                                      after: PlanInTrail.area(saved, planID: planID, theme: theme, among: siblings))
            return saved
        }
    }

    public func updateArea(id: Int64, organisationID: Int64, expectedVersion: Int?,
                           _ edit: @Sendable (inout Area) throws -> Void) async throws -> Area {
        try await gateway.write { db in
            let stored = try await Self.loadArea(db, id: id, organisationID: organisationID)
            let theme = try await Self.loadTheme(db, id: stored.themeID, organisationID: organisationID)
            let (planID, others) = try await Self.areasOfPlan(db, holding: id)
            let edited = try OptimisticEdit.apply(
                to: stored, entity: "area", id: id, storedVersion: stored.version, expectedVersion: expectedVersion,
                { area in
                    try edit(&area)
                    area = Self.tidied(area)
                },
                keeping: { edited, stored in
                    edited.id = stored.id
                    edited.themeID = stored.themeID
                    edited.position = stored.position
                    edited.version = stored.version
                },
                validate: { PlanStructure.errors(in: $0, among: others) })
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
            let siblings = others.filter { $0.themeID == theme.id }
            try await AuditLog.record(db, organisationID: organisationID, entity: "area", id: id, change: .update,
                                      before: PlanInTrail.area(stored, planID: planID, theme: theme, among: siblings),
                                      after: PlanInTrail.area(saved, planID: planID, theme: theme, among: siblings))
            return saved
        }
    }

    public func moveArea(id: Int64, _ direction: MoveDirection, organisationID: Int64, expectedVersion: Int?) async throws -> Area {
        try await gateway.write { db in
            let stored = try await Self.loadArea(db, id: id, organisationID: organisationID)
            try OptimisticEdit.refuseStale(entity: "area", id: id, storedVersion: stored.version, expectedVersion: expectedVersion)
            let theme = try await Self.loadTheme(db, id: stored.themeID, organisationID: organisationID)
            let (planID, areas) = try await Self.areasOfPlan(db, holding: id)
            let siblings = areas.filter { $0.themeID == theme.id }
            guard let order = PlanStructure.moving(id, direction, in: siblings.map(\.id)) else {
                throw ValidationErrors([.init(field: "direction", message:
                    "Area \(stored.ref) \(stored.title) is already \(direction == .up ? "first" : "last") in theme \(theme.ref) \(theme.title), so it cannot move \(direction.word)")])
            }
            let moved = try await Self.renumber(db, table: "areas", siblings.map { ($0.id, $0.position) }, into: order)
            let after = try await Self.areasOfPlan(db, planID: planID).areas.filter { $0.themeID == theme.id }
            for areaID in moved {
                guard let before = siblings.first(where: { $0.id == areaID }), let now = after.first(where: { $0.id == areaID }) else { continue }
                try await AuditLog.record(db, organisationID: organisationID, entity: "area", id: areaID, change: .update,
                                          before: PlanInTrail.area(before, planID: planID, theme: theme, among: siblings),
                                          after: PlanInTrail.area(now, planID: planID, theme: theme, among: after))
            }
            return try await Self.loadArea(db, id: id, organisationID: organisationID)
        }
    }

    public func removeArea(id: Int64, organisationID: Int64, expectedVersion: Int?) async throws {
        try await gateway.write { db in
            let stored = try await Self.loadArea(db, id: id, organisationID: organisationID)
            try OptimisticEdit.refuseStale(entity: "area", id: id, storedVersion: stored.version, expectedVersion: expectedVersion)
            let theme = try await Self.loadTheme(db, id: stored.themeID, organisationID: organisationID)
            let (planID, areas) = try await Self.areasOfPlan(db, holding: id)
            let actions = try await db.raw("SELECT COUNT(*) AS n FROM actions WHERE area_id = \(bind: id)").first()?.int("n") ?? 0
            if let refusal = PlanStructure.areaRemovalRefusal(stored, actionCount: actions) {
                throw ValidationErrors([refusal])
            }
            try await db.raw("DELETE FROM areas WHERE id = \(bind: id) AND organisation_id = \(bind: organisationID)").run()
            try await AuditLog.record(db, organisationID: organisationID, entity: "area", id: id, change: .delete,
                                      before: PlanInTrail.area(stored, planID: planID, theme: theme, among: areas.filter { $0.themeID == theme.id }),
                                      after: nil as [String: String]?)
        }
    }

    public func actionCounts(planID: Int64, organisationID: Int64) async throws -> [Int64: Int] {
        try await gateway.read { db in
            var counts: [Int64: Int] = [:]
            for row in try await db.raw("""
                SELECT area_id, COUNT(*) AS n FROM actions WHERE plan_id = \(bind: planID) AND organisation_id = \(bind: organisationID)
                GROUP BY area_id
                """).all() {
                counts[try row.int64("area_id")] = try row.int("n")
            }
            return counts
        }
    }

    /// Gives the listed rows (id, position) the positions 0, 1, 2… in `order`, raising the
    /// version of each one whose position changes; returns those ids.
    static func renumber(_ db: any SQLDatabase, table: String, _ rows: [(id: Int64, position: Int)], into order: [Int64]) async throws -> [Int64] {
        var changed: [Int64] = []
        for (position, id) in order.enumerated() where rows.first(where: { $0.id == id })?.position != position {
            if table == "themes" {
                try await db.raw("UPDATE themes SET position = \(bind: position), version = version + 1 WHERE id = \(bind: id)").run()
            } else {
                try await db.raw("UPDATE areas SET position = \(bind: position), version = version + 1 WHERE id = \(bind: id)").run()
            }
            changed.append(id)
        }
        return changed
    }

    /// Text fields without the spaces a form leaves around them, and issues and objectives
    /// without empty entries.
    static func tidied(_ area: Area) -> Area {
        var area = area
        func trim(_ text: String) -> String { text.trimmingCharacters(in: .whitespacesAndNewlines) }
        area.ref = trim(area.ref)
        area.title = trim(area.title)
        area.improvementLead = trim(area.improvementLead)
        area.coreFocus = trim(area.coreFocus)
        area.whyItMatters = trim(area.whyItMatters)
        area.whatGoodLooksLike = trim(area.whatGoodLooksLike)
        area.objectives = area.objectives.map(trim).filter { !$0.isEmpty }
        area.issues = area.issues.map { Area.Issue(heading: trim($0.heading), quote: trim($0.quote), paragraphs: $0.paragraphs.map(trim).filter { !$0.isEmpty }) }
            .filter { !$0.heading.isEmpty || !$0.quote.isEmpty || !$0.paragraphs.isEmpty }
        return area
    }

    // MARK: The plan's details and inspection

    public func editPlanDetails(id: Int64, organisationID: Int64, expectedVersion: Int?,
                                _ edit: @Sendable (inout Plan, inout Inspection?) throws -> Void) async throws -> PlanContents {
        try await gateway.write { db in
            let stored = try await Self.loadPlan(db, id: id, organisationID: organisationID)
            try OptimisticEdit.refuseStale(entity: "plan", id: id, storedVersion: stored.version, expectedVersion: expectedVersion)
            let storedInspection = try await stored.inspectionID.asyncMap { try await Self.loadInspection(db, id: $0, organisationID: organisationID) }
            var plan = stored
            var inspection = storedInspection
            try edit(&plan, &inspection)
            // Identity, owner and which inspection record it is are not the caller's to change.
            plan.id = stored.id
            plan.organisationID = stored.organisationID
            plan.inspectionID = stored.inspectionID
            plan.version = stored.version
            plan.title = plan.title.trimmingCharacters(in: .whitespacesAndNewlines)
            if var edited = inspection {
                edited.id = storedInspection?.id ?? 0
                edited.organisationID = organisationID
                inspection = edited
            } else {
                // An inspection is corrected, never taken away from the plan it produced.
                inspection = storedInspection
            }
            var errors = PlanValidation.errors(in: plan)
            if plan.title.count > PlanStructure.longestTitle {
                errors.append(.init(field: "title", message: "The plan's title must be \(PlanStructure.longestTitle) characters or fewer"))
            }
            if let inspection { errors += Inspection.errors(in: inspection) }
            guard errors.isEmpty else { throw ValidationErrors(errors) }

            var inspectionID = stored.inspectionID
            if let inspection {
                if let existing = storedInspection {
                    try await db.raw("""
                        UPDATE inspections SET kind = \(bind: inspection.kind.rawValue), start_date = \(bind: inspection.startDate.iso),
                            published_date = \(bind: inspection.publishedDate?.iso),
                            judgements = \(bind: try JSONCoding.text(inspection.judgements)),
                            recommendations = \(bind: try JSONCoding.text(inspection.recommendationsInOrder))
                        WHERE id = \(bind: existing.id) AND organisation_id = \(bind: organisationID)
                        """).run()
                } else {
                    var ordered = inspection
                    ordered.recommendations = inspection.recommendationsInOrder
                    inspectionID = try await Self.insertInspection(db, ordered, organisationID: organisationID)
                }
            }
            try await VersionedUpdate.run(db, """
                UPDATE plans SET title = \(bind: plan.title), kind = \(bind: plan.kind.rawValue),
                    period_start = \(bind: plan.periodStart?.iso), period_end = \(bind: plan.periodEnd?.iso),
                    update_cycle = \(bind: plan.updateCycle.rawValue), inspection_id = \(bind: inspectionID), version = version + 1
                WHERE id = \(bind: id) AND organisation_id = \(bind: organisationID) AND version = \(bind: stored.version)
                RETURNING version
                """, table: .plans, entity: "plan", id: id, read: stored.version)
            let saved = try await Self.loadPlan(db, id: id, organisationID: organisationID)
            let savedInspection = try await saved.inspectionID.asyncMap { try await Self.loadInspection(db, id: $0, organisationID: organisationID) }
            try await AuditLog.record(db, organisationID: organisationID, entity: "plan", id: id, change: .update,
                                      before: PlanInTrail.plan(stored, inspection: storedInspection),
                                      after: PlanInTrail.plan(saved, inspection: savedInspection))
            let themes = try await Self.themes(db, planID: id)
            let areas = try await Self.areasOfPlan(db, planID: id).areas
            let actions = try await ActionRows.load(db, filter: "a.plan_id = \(bind: id)", fullHistory: false)
            return PlanContents(plan: saved, inspection: savedInspection, themes: themes, areas: areas, actions: actions)
        }
    }
}

/// Themes, areas and plans as the audit trail records them: each field under its name in words
/// ("Improvement lead", "Recommendation 3") with its value as a person reads it, so a history
/// row says "Published: 10 Mar 2026 → 12 Mar 2026" rather than showing stored JSON. `planID`
/// lets a plan's history find the entries of its themes and areas, removed ones too.
enum PlanInTrail {
    static func theme(_ theme: Theme, among siblings: [Theme]) -> [String: String] {
        var fields = ["planID": String(theme.planID), "Reference": theme.ref, "Title": theme.title]
        let ordered = siblings.sorted { ($0.position, $0.id) < ($1.position, $1.id) }
        if let index = ordered.firstIndex(where: { $0.id == theme.id }) {
            fields["Place in the plan"] = PlanStructure.placeText(index, of: ordered.count)
        }
        return fields
    }

    static func area(_ area: Area, planID: Int64, theme: Theme, among siblings: [Area]) -> [String: String] {
        var fields = ["planID": String(planID), "Theme": "\(theme.ref) \(theme.title)".trimmingCharacters(in: .whitespaces),
                      "Reference": area.ref, "Title": area.title]
        let ordered = siblings.sorted { ($0.position, $0.id) < ($1.position, $1.id) }
        if let index = ordered.firstIndex(where: { $0.id == area.id }) {
            fields["Place in the theme"] = PlanStructure.placeText(index, of: ordered.count)
        }
        if let number = area.recommendationNumber { fields["Recommendation"] = String(number) }
        let texts = [("Improvement lead", area.improvementLead), ("Core focus", area.coreFocus),
                     ("Why this is important", area.whyItMatters), ("What good looks like", area.whatGoodLooksLike)]
        for (name, text) in texts where !text.isEmpty { fields[name] = text }
        for (index, objective) in area.objectives.enumerated() { fields["Objective \(index + 1)"] = objective }
        for (index, issue) in area.issues.enumerated() { fields["Issue \(index + 1)"] = issueText(issue) }
        return fields
    }

    /// "Assessment: “Plans are not specific” (paragraphs 14; 15)".
    static func issueText(_ issue: Area.Issue) -> String {
        var text = issue.heading.isEmpty ? "" : issue.heading + ": "
        text += "“\(issue.quote)”"
        if !issue.paragraphs.isEmpty { text += " (paragraphs \(issue.paragraphs.joined(separator: "; ")))" }
        return text
    }

    static func plan(_ plan: Plan, inspection: Inspection?) -> [String: String] {
        var fields = ["planID": String(plan.id), "Title": plan.title, "Kind": plan.kind.rawValue,
                      "Progress updates expected every": plan.updateCycle.word]
        if let start = plan.periodStart { fields["Period starts"] = start.formatted }
        if let end = plan.periodEnd { fields["Period ends"] = end.formatted }
        guard let inspection else { return fields }
        fields["Inspection"] = inspection.kind.rawValue
        fields["Inspection started"] = inspection.startDate.formatted
        if let published = inspection.publishedDate { fields["Report published"] = published.formatted }
        for judgement in inspection.judgements { fields["Judgement: \(judgement.area.lowercased())"] = judgement.grade.rawValue }
        for recommendation in inspection.recommendations {
            var text = recommendation.text
            if !recommendation.paragraphs.isEmpty { text += " (paragraphs \(recommendation.paragraphs.joined(separator: "; ")))" }
            fields["Recommendation \(recommendation.number)"] = text
        }
        return fields
    }
}
