import Core
import Foundation
import Hummingbird
import Mustache
import Reports

/// The server-rendered pages. Handlers are thin: read the request, call the store, build a view
/// model, render. Forms post back, and a success redirects (303) to the page with a banner.
///
/// Made for each request with the signed-in identity: every store call names its organisation.
struct PageController: PageResponder, Sendable {
    let environment: AppEnvironment
    let identity: Identity
    /// The session's CSRF token, which every form carries back.
    let csrf: String

    var store: any PlanStore { environment.store }
    var org: Int64 { identity.organisationID }

    /// Every page of plans, actions and measures with the permission it needs. Changing an
    /// action also needs the person to lead it, unless they may edit plans (`requireMayUpdate`).
    static let routes: [Route<PageController>] = [
        .page(.get, .plans, .permission(.readPlans)) { $0.plans },
        .page(.get, .plan(.parameter), .permission(.readPlans)) { $0.plan },
        .page(.get, .action(.parameter), .permission(.readPlans)) { $0.action },
        .init(method: .post, path: .actionUpdates(.parameter), access: .permission(.updateLedActions)) { $0.addUpdate },
        .init(method: .post, path: .actionStatus(.parameter), access: .permission(.updateLedActions)) { $0.changeStatus },
        .init(method: .post, path: .milestoneCompletion(.parameter, milestone: .parameter), access: .permission(.updateLedActions)) { $0.completeMilestone },
        .init(method: .post, path: .actionDifference(.parameter), access: .permission(.updateLedActions)) { $0.recordDifference },
        .page(.get, .measures, .permission(.readPlans)) { $0.measures },
        .page(.get, .measure(.parameter), .permission(.readPlans)) { $0.measure },
        .page(.get, .actionHistory(.parameter), .permission(.readPlans)) { $0.actionHistory },
        .page(.get, .measureHistory(.parameter), .permission(.readPlans)) { $0.measureHistory },
        // As /meetings/{id} (BoardController): everyone who reads plans reads the boards' business.
        .page(.get, .meetingHistory(.parameter), .permission(.readPlans)) { $0.meetingHistory },
        .page(.get, .auditTrail, .permission(.readAuditTrail)) { $0.auditTrail },
        .init(method: .get, path: .auditTrailCSV, access: .permission(.readAuditTrail)) { $0.auditTrailCSV },
    ]

    /// The action, when the signed-in person may change it; otherwise 403 (404 when it is not
    /// in their organisation).
    func requireMayUpdate(actionID: Int64) async throws {
        let found = try await store.action(id: actionID, organisationID: org)
        guard identity.mayUpdate(found.action) else { throw AccessRefusal.forbidden }
    }

    // MARK: Plans

    @Sendable func plans(_ request: Request, context: AppContext) async throws -> HTML {
        let day = environment.today()
        var contents: [PlanContents] = []
        for plan in try await store.plans(organisationID: org) {
            contents.append(try await store.planContents(id: plan.id, organisationID: org, fullHistory: false))
        }
        // After an import (`ImportController.confirm`): the plans it stored, named in the banner.
        let imported = (request.uri.queryParameters.get("imported") ?? "").split(separator: ",").compactMap { Int64($0) }
        return try render(PlansPage(plans: contents, asAt: day, mayImport: identity.can(.editPlans), imported: imported))
    }

    @Sendable func plan(_ request: Request, context: AppContext) async throws -> HTML {
        let id = try FormReading.id(in: context)
        let query = try FormReading.decode(PlanQuery.self, from: request.uri.query ?? "")
        let contents = try await store.planContents(id: id, organisationID: org, fullHistory: false)
        let assessment = PlanAssessment(contents: contents, asAt: environment.today())
        var page = PlanPage(contents: contents, assessment: assessment, query: query, mayEdit: identity.can(.editPlans))
        page.runningHead = RunningHead.text(organisationName: identity.organisationName, paper: "\(contents.plan.title), as at \(page.asAt)")
        return try render(page)
    }

    // MARK: Actions

    @Sendable func action(_ request: Request, context: AppContext) async throws -> HTML {
        let id = try FormReading.id(in: context)
        let saved = request.uri.queryParameters.get("saved")
        return try render(try await actionPage(id: id, saved: saved))
    }

    @Sendable func addUpdate(_ request: Request, context: AppContext) async throws -> Response {
        let id = try FormReading.id(in: context)
        try await requireMayUpdate(actionID: id)
        let input = try await FormReading.decode(UpdateFormInput.self, from: request, context: context)
        let today = environment.today()
        let signature = ActionEditController.signature(identity)
        // Who gives the update is whoever is signed in, with their role: never typed.
        switch input.validated(actionID: id, today: today, author: identity.signature, role: identity.role.word) {
        case let .failure(list):
            let found = try await store.action(id: id, organisationID: org)
            let form = UpdateFormView(action: found.action, today: today, author: signature, input: input, problems: list.problems)
            return try await renderAction(id: id, forms: .init(update: form, errors: list.problems.links), status: .badRequest)
        case .success(var (update, version)):
            // Status and % complete settled by Core's one rule, as the API's update route does.
            let current = try await store.action(id: id, organisationID: org).action
            let settled: ProgressRules.Settled
            switch ProgressRules.settle(current, status: update.status, percentComplete: update.percentComplete, isComplete: input.isComplete) {
            case let .settled(value): settled = value
            case .askWhetherComplete:
                var problems = FormProblems()
                problems.add("update-complete", CompleteQuestion.problem)
                let form = UpdateFormView(action: current, today: today, author: signature, input: input, problems: problems, asksWhetherComplete: true)
                return try await renderAction(id: id, forms: .init(update: form, errors: problems.links), status: .badRequest)
            case let .refused(error):
                var problems = FormProblems()
                problems.add(error.field == "status" ? "update-status" : "update-percent", error.message)
                let form = UpdateFormView(action: current, today: today, author: signature, input: input, problems: problems)
                return try await renderAction(id: id, forms: .init(update: form, errors: problems.links), status: .badRequest)
            }
            update.percentComplete = settled.percentSet
            update.status = settled.statusSet
            if version == nil, settled.statusSet != nil || settled.percentSet != nil { version = current.version }
            do {
                _ = try await store.addProgressUpdate(update, organisationID: org, expectedVersion: version)
            } catch StoreError.staleVersion {
                let found = try await store.action(id: id, organisationID: org)
                let form = UpdateFormView(action: found.action, today: today, author: signature, input: input)
                return try await renderAction(id: id, forms: .init(
                    update: form, errors: [ErrorLink(href: "#add-update", message: "Check the action, then add your update again")],
                    errorIntro: Self.conflictSentence(found.action, change: "Your update has not been saved")), status: .conflict)
            }
            return redirect(to: .action(id), query: "saved=update" + CompleteQuestion.savedSuffix(settled))
        }
    }

    @Sendable func changeStatus(_ request: Request, context: AppContext) async throws -> Response {
        let id = try FormReading.id(in: context)
        try await requireMayUpdate(actionID: id)
        let input = try await FormReading.decode(StatusFormInput.self, from: request, context: context)
        let today = environment.today()
        let current = try await store.action(id: id, organisationID: org).action
        switch input.validated(current: current.status) {
        case let .failure(list):
            let form = StatusFormView(action: current, input: input, problems: list.problems)
            return try await renderAction(id: id, forms: .init(status: form, errors: list.problems.links), status: .badRequest)
        case let .success(change):
            // The radios arrive set to the status the action has: only a different one was chosen.
            // Settled by Core's one rule, as the update form and the API are.
            let chosen = change.status == current.status ? nil : change.status
            let settled: ProgressRules.Settled
            switch ProgressRules.settle(current, status: chosen, percentComplete: change.percent, isComplete: input.isComplete) {
            case let .settled(value): settled = value
            case .askWhetherComplete:
                var problems = FormProblems()
                problems.add("status-complete", CompleteQuestion.problem)
                let form = StatusFormView(action: current, input: input, problems: problems, asksWhetherComplete: true)
                return try await renderAction(id: id, forms: .init(status: form, errors: problems.links), status: .badRequest)
            case let .refused(error):
                var problems = FormProblems()
                problems.add(error.field == "status" ? "status-status" : "status-percent", error.message)
                let form = StatusFormView(action: current, input: input, problems: problems)
                return try await renderAction(id: id, forms: .init(status: form, errors: problems.links), status: .badRequest)
            }
            do {
                if let reason = change.reason {
                    // On hold or withdrawn: the reason is kept as a dated progress update by whoever
                    // is signed in, which carries the new status and % complete.
                    let word = change.status == .onHold ? "Put on hold" : "Withdrawn"
                    let update = ProgressUpdate(actionID: id, date: today, author: identity.signature, authorRole: identity.role.word,
                                                text: "\(word): \(reason)", percentComplete: settled.percentComplete, status: settled.status)
                    _ = try await store.addProgressUpdate(update, organisationID: org, expectedVersion: change.version ?? current.version)
                } else {
                    _ = try await store.editAction(id: id, organisationID: org, expectedVersion: change.version) { action in
                        action.apply(settled, on: today)
                    }
                }
            } catch StoreError.staleVersion {
                let found = try await store.action(id: id, organisationID: org)
                let form = StatusFormView(action: found.action, input: input)
                return try await renderAction(id: id, forms: .init(
                    status: form, errors: [ErrorLink(href: "#change-status", message: "Check the new status and % complete, then save your change again")],
                    errorIntro: Self.conflictSentence(found.action, change: "Your change has not been saved")), status: .conflict)
            }
            return redirect(to: .action(id), query: "saved=status" + CompleteQuestion.savedSuffix(settled))
        }
    }

    @Sendable func completeMilestone(_ request: Request, context: AppContext) async throws -> Response {
        let id = try FormReading.id(in: context)
        let milestoneID = try FormReading.id("milestone", in: context)
        try await requireMayUpdate(actionID: id)
        let today = environment.today()
        do {
            _ = try await store.editAction(id: id, organisationID: org, expectedVersion: nil) { action in
                // Completing twice keeps the first date.
                if action.milestones.first(where: { $0.id == milestoneID })?.isComplete == true { return }
                try action.completeMilestone(id: milestoneID, on: today)
            }
        } catch is ValidationError {
            throw HTTPError(.notFound, message: "That milestone is not part of this action")
        }
        return redirect(to: .action(id), query: "saved=milestone")
    }

    @Sendable func recordDifference(_ request: Request, context: AppContext) async throws -> Response {
        let id = try FormReading.id(in: context)
        try await requireMayUpdate(actionID: id)
        let input = try await FormReading.decode(DifferenceFormInput.self, from: request, context: context)
        switch input.validated(today: environment.today(), by: identity.signature) {
        case let .failure(list):
            let found = try await store.action(id: id, organisationID: org)
            let form = DifferenceFormView(action: found.action, by: ActionEditController.signature(identity), input: input, problems: list.problems)
            return try await renderAction(id: id, forms: .init(difference: form, errors: list.problems.links), status: .badRequest)
        case let .success(judgement):
            _ = try await store.editAction(id: id, organisationID: org, expectedVersion: nil) { action in
                action.difference = judgement
            }
            return redirect(to: .action(id), query: "saved=difference")
        }
    }

    /// "Someone else changed this action after you opened this page: it is now In progress, 45% complete. …"
    static func conflictSentence(_ action: Action, change: String) -> String {
        "Someone else changed this action after you opened this page: it is now \(action.status.word.lowercased()), "
            + "\(action.percentComplete)% complete. \(change). The page below shows the action as it is now."
    }

    func actionPage(id: Int64, saved: String? = nil, forms: ActionPage.Forms = .init()) async throws -> ActionPage {
        let found = try await store.action(id: id, organisationID: org)
        let ids = found.action.measureIDs
        let measures = ids.isEmpty ? [] : try await store.measures(ids: ids, organisationID: org)
        let ordered = measures.sorted { (ids.firstIndex(of: $0.id) ?? 0) < (ids.firstIndex(of: $1.id) ?? 0) }
        var page = ActionPage(found: found, measures: ordered, asAt: environment.today(), suppression: identity.suppression,
                              saved: saved, forms: forms, signature: ActionEditController.signature(identity))
        page.mayUpdate = identity.mayUpdate(found.action)
        page.mayEdit = identity.can(.editPlans)
        return page
    }

    func renderAction(id: Int64, forms: ActionPage.Forms, status: HTTPResponse.Status) async throws -> Response {
        try render(try await actionPage(id: id, forms: forms), status: status).response()
    }

    // MARK: Measures

    @Sendable func measures(_ request: Request, context: AppContext) async throws -> HTML {
        try render(MeasuresPage(measures: try await store.measures(organisationID: org), asAt: environment.today(),
                                            suppression: identity.suppression, mayAdd: identity.can(.editPlans)))
    }

    @Sendable func measure(_ request: Request, context: AppContext) async throws -> HTML {
        // Built in Pages/Measures (MeasureHistoryWords.swift), beside the measure's forms.
        try render(try await measurePage(id: try FormReading.id(in: context), request: request))
    }

    // MARK: History and the audit trail

    var auditStore: any AuditStore { environment.store }

    @Sendable func actionHistory(_ request: Request, context: AppContext) async throws -> HTML {
        let id = try FormReading.id(in: context)
        // Loading the action first: another organisation's id is "not found".
        let found = try await store.action(id: id, organisationID: org)
        var entries = try await auditStore.auditTrail(organisationID: org, entity: "action", entityID: id)
        // Progress updates are records of their own in the trail; the action's history shows them
        // with its own changes, so a lead's update is there with its words and who gave it.
        for update in found.action.updates {
            entries += try await auditStore.auditTrail(organisationID: org, entity: "progress update", entityID: update.id)
        }
        // Areas and measures are named, not numbered, in the history.
        let contents = try await store.planContents(id: found.plan.id, organisationID: org, fullHistory: false)
        var names = ActionHistoryWords.Names()
        for area in contents.areas { names.areas[area.id] = "\(area.ref) \(area.title)" }
        for measure in try await store.measures(organisationID: org) { names.measures[measure.id] = "\(measure.code) \(measure.title)" }
        return try render(HistoryPage(found: found, entries: entries, names: names))
    }

    @Sendable func measureHistory(_ request: Request, context: AppContext) async throws -> HTML {
        try render(try await measureHistoryPage(id: try FormReading.id(in: context)))
    }

    @Sendable func meetingHistory(_ request: Request, context: AppContext) async throws -> HTML {
        let id = try FormReading.id(in: context)
        let boards: any BoardStore = environment.store
        let meeting = try await boards.meeting(id: id, organisationID: org)
        let board = try await boards.board(id: meeting.boardID, organisationID: org)
        var entries = try await auditStore.auditTrail(organisationID: org, entity: "meeting", entityID: id)
            + auditStore.auditTrail(organisationID: org, entity: "minutes", entityID: id)
        for point in try await boards.actionPoints(boardID: board.id, organisationID: org) where point.raisedAtMeetingID == id {
            entries += try await auditStore.auditTrail(organisationID: org, entity: "action point", entityID: point.id)
        }
        let showsChanges = identity.can(.readExemptPapers) || !HistoryPage.hasExemptBusiness(meeting, entries: entries)
        return try render(HistoryPage(meeting: meeting, board: board, entries: entries, showsChanges: showsChanges))
    }

    @Sendable func auditTrail(_ request: Request, context: AppContext) async throws -> HTML {
        // Filtered and paged in SQL (Pages/Shared/AuditTrailPage.swift): the trail grows with every change.
        try render(try await auditTrailPage(request))
    }

    @Sendable func auditTrailCSV(_ request: Request, context: AppContext) async throws -> Response {
        let entries = try await auditStore.auditTrail(organisationID: org, entity: nil, entityID: nil)
        let name = "audit-trail-\(environment.today().iso).csv"
        return Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8",
                                               .contentDisposition: "attachment; filename=\"\(name)\""],
                        body: .init(byteBuffer: ByteBuffer(string: AuditTrailCSV.text(entries))))
    }

    var frame: PageFrame { PageFrame(views: environment.views, identity: identity, csrf: csrf) }
}
