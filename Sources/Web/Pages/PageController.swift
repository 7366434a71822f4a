import Core
import Foundation
import Hummingbird
import Mustache
import Reports

/// The server-rendered pages. Handlers are thin: read the request, call the store, build a view
/// model, render. Forms post back, and a success redirects (303) to the page with a banner.
///
/// Made for each request with the signed-in identity: every store call names its organisation.
struct PageController: Sendable {
    let environment: AppEnvironment
    let identity: Identity
    /// The session's CSRF token, which every form carries back.
    let csrf: String

    var store: any PlanStore { environment.store }
    var org: Int64 { identity.organisationID }

    /// Every page of plans, actions and measures with the permission it needs. Changing an
    /// action also needs the person to lead it, unless they may edit plans (`requireMayUpdate`).
    static let routes: [Route<PageController>] = [
        .page(.get, "/", .permission(.readPlans)) { $0.plans },
        .page(.get, "/plans/{id}", .permission(.readPlans)) { $0.plan },
        .page(.get, "/actions/{id}", .permission(.readPlans)) { $0.action },
        .init(method: .post, path: "/actions/{id}/updates", access: .permission(.updateLedActions)) { $0.addUpdate },
        .init(method: .post, path: "/actions/{id}/status", access: .permission(.updateLedActions)) { $0.changeStatus },
        .init(method: .post, path: "/actions/{id}/milestones/{milestone}/complete", access: .permission(.updateLedActions)) { $0.completeMilestone },
        .init(method: .post, path: "/actions/{id}/difference", access: .permission(.updateLedActions)) { $0.recordDifference },
        .page(.get, "/measures", .permission(.readPlans)) { $0.measures },
        .page(.get, "/measures/{id}", .permission(.readPlans)) { $0.measure },
        .page(.get, "/actions/{id}/history", .permission(.readPlans)) { $0.actionHistory },
        .page(.get, "/measures/{id}/history", .permission(.readPlans)) { $0.measureHistory },
        // As /meetings/{id} (BoardController): everyone who reads plans reads the boards' business.
        .page(.get, "/meetings/{id}/history", .permission(.readPlans)) { $0.meetingHistory },
        .page(.get, "/audit", .permission(.readAuditTrail)) { $0.auditTrail },
        .init(method: .get, path: "/audit.csv", access: .permission(.readAuditTrail)) { $0.auditTrailCSV },
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
        return try render("plans", PlansPage(plans: contents, asAt: day, mayImport: identity.can(.editPlans), imported: imported))
    }

    @Sendable func plan(_ request: Request, context: AppContext) async throws -> HTML {
        let id = try FormReading.id(in: context)
        let query = try FormReading.decode(PlanQuery.self, from: request.uri.query ?? "")
        let contents = try await store.planContents(id: id, organisationID: org, fullHistory: false)
        let assessment = PlanAssessment(contents: contents, asAt: environment.today())
        return try render("plan", PlanPage(contents: contents, assessment: assessment, query: query))
    }

    // MARK: Actions

    @Sendable func action(_ request: Request, context: AppContext) async throws -> HTML {
        let id = try FormReading.id(in: context)
        let saved = request.uri.queryParameters.get("saved")
        return try render("action", try await actionPage(id: id, saved: saved))
    }

    @Sendable func addUpdate(_ request: Request, context: AppContext) async throws -> Response {
        let id = try FormReading.id(in: context)
        try await requireMayUpdate(actionID: id)
        let input = try await FormReading.decode(UpdateFormInput.self, from: request, context: context)
        let today = environment.today()
        switch input.validated(actionID: id, today: today) {
        case let .failure(list):
            let found = try await store.action(id: id, organisationID: org)
            let form = UpdateFormView(action: found.action, today: today, input: input, problems: list.problems)
            return try await renderAction(id: id, forms: .init(update: form, errors: list.problems.links), status: .badRequest)
        case let .success((update, version)):
            do {
                _ = try await store.addProgressUpdate(update, organisationID: org, expectedVersion: version)
            } catch StoreError.staleVersion {
                let found = try await store.action(id: id, organisationID: org)
                let form = UpdateFormView(action: found.action, today: today, input: input)
                return try await renderAction(id: id, forms: .init(
                    update: form, errors: [ErrorLink(href: "#add-update", message: "Check the action, then add your update again")],
                    errorIntro: Self.conflictSentence(found.action, change: "Your update has not been saved")), status: .conflict)
            }
            return redirect(to: "/actions/\(id)?saved=update")
        }
    }

    @Sendable func changeStatus(_ request: Request, context: AppContext) async throws -> Response {
        let id = try FormReading.id(in: context)
        try await requireMayUpdate(actionID: id)
        let input = try await FormReading.decode(StatusFormInput.self, from: request, context: context)
        let today = environment.today()
        switch input.validated() {
        case let .failure(list):
            let found = try await store.action(id: id, organisationID: org)
            let form = StatusFormView(action: found.action, input: input, problems: list.problems)
            return try await renderAction(id: id, forms: .init(status: form, errors: list.problems.links), status: .badRequest)
        case let .success(change):
            do {
                _ = try await store.editAction(id: id, organisationID: org, expectedVersion: change.version) { action in
                    action.percentComplete = change.percent
                    action.setStatus(change.status, on: today)
                }
            } catch StoreError.staleVersion {
                let found = try await store.action(id: id, organisationID: org)
                let form = StatusFormView(action: found.action, input: input)
                return try await renderAction(id: id, forms: .init(
                    status: form, errors: [ErrorLink(href: "#change-status", message: "Check the new status and % complete, then save your change again")],
                    errorIntro: Self.conflictSentence(found.action, change: "Your change has not been saved")), status: .conflict)
            }
            return redirect(to: "/actions/\(id)?saved=status")
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
        return redirect(to: "/actions/\(id)?saved=milestone")
    }

    @Sendable func recordDifference(_ request: Request, context: AppContext) async throws -> Response {
        let id = try FormReading.id(in: context)
        try await requireMayUpdate(actionID: id)
        let input = try await FormReading.decode(DifferenceFormInput.self, from: request, context: context)
        switch input.validated(today: environment.today()) {
        case let .failure(list):
            let found = try await store.action(id: id, organisationID: org)
            let form = DifferenceFormView(action: found.action, input: input, problems: list.problems)
            return try await renderAction(id: id, forms: .init(difference: form, errors: list.problems.links), status: .badRequest)
        case let .success(judgement):
            _ = try await store.editAction(id: id, organisationID: org, expectedVersion: nil) { action in
                action.difference = judgement
            }
            return redirect(to: "/actions/\(id)?saved=difference")
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
                              saved: saved, forms: forms)
        page.mayUpdate = identity.mayUpdate(found.action)
        return page
    }

    func renderAction(id: Int64, forms: ActionPage.Forms, status: HTTPResponse.Status) async throws -> Response {
        try render("action", try await actionPage(id: id, forms: forms), status: status).response()
    }

    // MARK: Measures

    @Sendable func measures(_ request: Request, context: AppContext) async throws -> HTML {
        try render("measures", MeasuresPage(measures: try await store.measures(organisationID: org), asAt: environment.today(),
                                            suppression: identity.suppression))
    }

    @Sendable func measure(_ request: Request, context: AppContext) async throws -> HTML {
        let id = try FormReading.id(in: context)
        let measure = try await store.measure(id: id, organisationID: org)
        let actions = try await store.actionsLinked(toMeasure: id, organisationID: org)
        return try render("measure", MeasurePage(measure: measure, linkedActions: actions, asAt: environment.today(),
                                                 suppression: identity.suppression))
    }

    // MARK: History and the audit trail

    var auditStore: any AuditStore { environment.store }

    @Sendable func actionHistory(_ request: Request, context: AppContext) async throws -> HTML {
        let id = try FormReading.id(in: context)
        // Loading the action first: another organisation's id is "not found".
        let found = try await store.action(id: id, organisationID: org)
        let entries = try await auditStore.auditTrail(organisationID: org, entity: "action", entityID: id)
        return try render("history", HistoryPage(found: found, entries: entries))
    }

    @Sendable func measureHistory(_ request: Request, context: AppContext) async throws -> HTML {
        let id = try FormReading.id(in: context)
        let measure = try await store.measure(id: id, organisationID: org)
        let entries = try await auditStore.auditTrail(organisationID: org, entity: "measure", entityID: id)
            + auditStore.auditTrail(organisationID: org, entity: "measure value", entityID: id)
        return try render("history", HistoryPage(measure: measure, entries: entries, suppression: identity.suppression))
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
        return try render("history", HistoryPage(meeting: meeting, board: board, entries: entries, showsChanges: showsChanges))
    }

    @Sendable func auditTrail(_ request: Request, context: AppContext) async throws -> HTML {
        // Only the newest page-full is read: the trail grows with every change.
        let (latest, total) = try await auditStore.latestAuditEntries(organisationID: org, limit: AuditTrailPage.shown)
        return try render("audit", AuditTrailPage(latest: latest, total: total))
    }

    @Sendable func auditTrailCSV(_ request: Request, context: AppContext) async throws -> Response {
        let entries = try await auditStore.auditTrail(organisationID: org, entity: nil, entityID: nil)
        let name = "audit-trail-\(environment.today().iso).csv"
        return Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8",
                                               .contentDisposition: "attachment; filename=\"\(name)\""],
                        body: .init(byteBuffer: ByteBuffer(string: AuditTrailCSV.text(entries))))
    }

    // MARK: Rendering

    func render(_ template: String, _ model: Any, status: HTTPResponse.Status = .ok) throws -> HTML {
        try PageFrame.render(template, model, views: environment.views, identity: identity, csrf: csrf, status: status)
    }

    /// 303 See Other: after a successful post, the browser fetches the page with GET.
    func redirect(to location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }
}

struct MissingTemplate: Error { var name: String }

/// Renders pages inside the layout: adds who is signed in (for the header) and the CSRF token
/// (for every form) to the page's own values.
enum PageFrame {
    static func render(_ template: String, _ model: Any, views: MustacheLibrary, identity: Identity?, csrf: String?,
                       status: HTTPResponse.Status = .ok) throws -> HTML {
        var frame: [String: Any] = [:]
        if let identity {
            frame["signedIn"] = ["signedInName": identity.name, "signedInOrganisation": identity.organisationName,
                                 "mayManagePeople": identity.can(.managePeople),
                                 "mayReadAuditTrail": identity.can(.readAuditTrail),
                                 "mayAnalyse": identity.can(.readChildLevelData)] as [String: Any]
        }
        if let csrf, !csrf.isEmpty { frame["csrf"] = csrf }
        let values = FramedValues(frame: frame, page: TemplateValues.flatten(model) ?? model)
        guard let html = views.render(values, withTemplate: template) else { throw MissingTemplate(name: template) }
        return HTML(html: html, status: status)
    }
}

/// The layout's values (who is signed in, the CSRF token) over the page's own, whatever form
/// `TemplateValues` gives the page in.
final class FramedValues: MustacheParent {
    let frame: [String: Any]
    let page: Any

    init(frame: [String: Any], page: Any) {
        self.frame = frame
        self.page = page
    }

    func child(named name: String) -> Any? {
        if let value = frame[name] { return value }
        return (page as? MustacheParent)?.child(named: name)
    }
}

extension Route {
    /// A route whose handler answers with a page.
    static func page(_ method: HTTPRequest.Method, _ path: String, _ access: Access,
                     _ handler: @escaping @Sendable (Controller) -> @Sendable (Request, AppContext) async throws -> HTML) -> Route {
        Route(method: method, path: path, access: access) { controller in
            let respond = handler(controller)
            return { request, context in try await respond(request, context).response() }
        }
    }
}

/// An HTML page as a response.
struct HTML: ResponseGenerator {
    let html: String
    var status: HTTPResponse.Status = .ok

    func response(from request: Request, context: some RequestContext) throws -> Response {
        response()
    }

    func response() -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}
