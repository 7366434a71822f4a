import Core
import Foundation
import Hummingbird

/// The JSON API under /api/v1. Every route is listed in `routes`, which the OpenAPI test compares
/// with the published document, so the document cannot drift from what the server does.
///
/// Made for each request with the identity of its bearer token: every store call names the
/// token's organisation, and every route says what permission it needs.
struct APIController: Sendable {
    let environment: AppEnvironment
    let identity: Identity

    typealias Handler = Route<APIController>.Handler

    static let routes: [Route<APIController>] = [
        Route(method: .get, api: .openAPI, access: .signedIn, handler: { $0.openAPI }),
        Route(method: .get, api: .plans, access: .permission(.readPlans), handler: { $0.listPlans }),
        Route(method: .post, api: .plans, access: .permission(.editPlans), handler: { $0.createPlan }),
        Route(method: .get, api: .plan(.parameter), access: .permission(.readPlans), handler: { $0.getPlan }),
        Route(method: .patch, api: .plan(.parameter), access: .permission(.editPlans), handler: { $0.patchPlan }),
        Route(method: .get, api: .planAreas(.parameter), access: .permission(.readPlans), handler: { $0.listAreas }),
        Route(method: .get, api: .planActions(.parameter), access: .permission(.readPlans), handler: { $0.listActions }),
        Route(method: .get, api: .area(.parameter), access: .permission(.readPlans), handler: { $0.getArea }),
        Route(method: .patch, api: .area(.parameter), access: .permission(.editPlans), handler: { $0.patchArea }),
        Route(method: .post, api: .areaActions(.parameter), access: .permission(.editPlans), handler: { $0.createAction }),
        Route(method: .get, api: .action(.parameter), access: .permission(.readPlans), handler: { $0.getAction }),
        // An action lead may change the actions they lead; an editor any action.
        Route(method: .patch, api: .action(.parameter), access: .permission(.updateLedActions), handler: { $0.patchAction }),
        Route(method: .get, api: .actionUpdates(.parameter), access: .permission(.readPlans), handler: { $0.listUpdates }),
        Route(method: .post, api: .actionUpdates(.parameter), access: .permission(.updateLedActions), handler: { $0.addUpdate }),
        Route(method: .get, api: .measures, access: .permission(.readPlans), handler: { $0.listMeasures }),
        Route(method: .post, api: .measures, access: .permission(.editPlans), handler: { $0.createMeasure }),
        Route(method: .get, api: .measure(.parameter), access: .permission(.readPlans), handler: { $0.getMeasure }),
        Route(method: .patch, api: .measure(.parameter), access: .permission(.editPlans), handler: { $0.patchMeasure }),
        Route(method: .get, api: .measureValues(.parameter), access: .permission(.readPlans), handler: { $0.listValues }),
        Route(method: .post, api: .measureValues(.parameter), access: .permission(.editPlans), handler: { $0.addValue }),
        // Boards: members read; clerks (manage boards) raise and update action points.
        Route(method: .get, api: .boards, access: .permission(.readPlans), handler: { $0.listBoards }),
        Route(method: .get, api: .board(.parameter), access: .permission(.readPlans), handler: { $0.getBoard }),
        Route(method: .get, api: .boardMeetings(.parameter), access: .permission(.readPlans), handler: { $0.listMeetings }),
        Route(method: .get, api: .boardActionPoints(.parameter), access: .permission(.readPlans), handler: { $0.listActionPoints }),
        Route(method: .get, api: .meeting(.parameter), access: .permission(.readPlans), handler: { $0.getMeeting }),
        Route(method: .post, api: .meetingActionPoints(.parameter), access: .permission(.manageBoards), handler: { $0.createActionPoint }),
        Route(method: .get, api: .meetingPack(.parameter), access: .permission(.readPlans), handler: { $0.getPack }),
        Route(method: .patch, api: .actionPoint(.parameter), access: .permission(.manageBoards), handler: { $0.patchActionPoint }),
        // What needs the token's person: the home page's worklist.
        Route(method: .get, api: .home, access: .permission(.readPlans), handler: { $0.getHome }),
        Route(method: .post, api: .meetingAttendance(.parameter), access: .permission(.manageBoards), handler: { $0.recordAttendance }),
        Route(method: .post, api: .meetingCancellation(.parameter), access: .permission(.manageBoards), handler: { $0.cancelMeeting }),
        Route(method: .post, api: .meetingReinstatement(.parameter), access: .permission(.manageBoards), handler: { $0.reinstateMeeting }),
        Route(method: .post, api: .minutesApproval(.parameter), access: .permission(.manageBoards), handler: { $0.approveMinutes }),
        // Analysis runs: aggregates only, and still for analysts only.
        Route(method: .get, api: .analysisRuns, access: .permission(.readChildLevelData), handler: { $0.listAnalysisRuns }),
        Route(method: .get, api: .analysisRun(.parameter), access: .permission(.readChildLevelData), handler: { $0.getAnalysisRun }),
        // As /audit: reading the trail is the administrators' (APIController+Audit).
        Route(method: .get, api: .auditTrail, access: .permission(.readAuditTrail), handler: { $0.listAuditEntries }),
    ] + ([actionEditingRoutes, planEditingRoutes, measureEditingRoutes, singleSignOnRoutes] as [[Route<APIController>]]).flatMap { $0 }

    static func addRoutes(to group: RouterGroup<AppContext>, environment: AppEnvironment) {
        group.add(routes, api: true) { context in APIController(environment: environment, identity: try context.requireIdentity()) }
        // Anything else under /api/v1 is a JSON 404, not the HTML one.
        group.on("**", method: .get) { _, _ -> Response in throw HTTPError(.notFound) }
    }

    /// Refuses (403) a change to an action the identity may not update; 404 outside its organisation.
    func requireMayUpdate(actionID: Int64) async throws {
        let found = try await store.action(id: actionID, organisationID: org)
        guard identity.mayUpdate(found.action) else { throw AccessRefusal.forbidden }
    }

    /// Decodes a JSON body ourselves rather than with `request.decode`, which turns decoding
    /// errors into bare 400s and loses the field path the error body names.
    func decodeBody<Input: Decodable>(_ type: Input.Type, request: Request, context: AppContext) async throws -> Input {
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        let data = Data(buffer.readableBytesView)
        // The input types are named as their schemas in the document (`PlanInput`, `ActionPatch`).
        let problems = RequestBodyCheck.problems(in: data, schemaName: String(describing: Input.self))
        if !problems.isEmpty { throw ValidationErrors(problems) }
        return try JSONDecoder().decode(type, from: data)
    }

    var store: any PlanStore { environment.store }
    var org: Int64 { identity.organisationID }

    // MARK: Plans

    @Sendable func openAPI(_ request: Request, context: AppContext) async throws -> Response {
        let data = try Data(contentsOf: Views.resources.appendingPathComponent("openapi.json"))
        return json(bytes: data)
    }

    @Sendable func listPlans(_ request: Request, context: AppContext) async throws -> Response {
        let plans = try await store.plans(organisationID: org).map {
            PlanSummary(id: $0.id, title: $0.title, kind: $0.kind, updateCycle: $0.updateCycle, periodStart: $0.periodStart,
                        periodEnd: $0.periodEnd, version: $0.version,
                        links: ["self": Path.api(.plan($0.id)).href, "actions": Path.api(.planActions($0.id)).href, "page": Path.plan($0.id).href])
        }
        return try json(["plans": plans])
    }

    @Sendable func createPlan(_ request: Request, context: AppContext) async throws -> Response {
        let input = try await decodeBody(PlanInput.self, request: request, context: context)
        let plan = try await store.createPlan(try input.draft(organisationID: org))
        let contents = try await store.planContents(id: plan.id, organisationID: org, fullHistory: false)
        return try json(PlanResource(contents: contents, assessment: PlanAssessment(contents: contents, asAt: environment.today())),
                        status: .created, location: .plan(plan.id))
    }

    @Sendable func getPlan(_ request: Request, context: AppContext) async throws -> Response {
        let contents = try await store.planContents(id: try id(context), organisationID: org, fullHistory: false)
        return try json(PlanResource(contents: contents, assessment: PlanAssessment(contents: contents, asAt: asAt(request))))
    }

    @Sendable func patchPlan(_ request: Request, context: AppContext) async throws -> Response {
        let patch = try await decodeBody(PlanPatch.self, request: request, context: context)
        let planID = try id(context)
        // As the plan's details page: the same rules, and a history that reads in words.
        let contents = try await planEditing.editPlanDetails(id: planID, organisationID: org, expectedVersion: patch.version) { plan, _ in
            patch.apply(to: &plan)
        }
        return try json(PlanResource(contents: contents, assessment: PlanAssessment(contents: contents, asAt: environment.today())))
    }

    @Sendable func listAreas(_ request: Request, context: AppContext) async throws -> Response {
        let contents = try await store.planContents(id: try id(context), organisationID: org, fullHistory: false)
        return try json(["areas": contents.areas])
    }

    @Sendable func listActions(_ request: Request, context: AppContext) async throws -> Response {
        let contents = try await store.planContents(id: try id(context), organisationID: org, fullHistory: false)
        let day = try asAt(request)
        let actions = contents.actions.map { ActionResource(action: $0, asAt: day, cycle: contents.plan.updateCycle, includeHistory: false) }
        return json(bytes: ActionList(planID: contents.plan.id, asAt: day, actions: actions).jsonBytes)
    }

    @Sendable func getArea(_ request: Request, context: AppContext) async throws -> Response {
        try json(try await store.area(id: try id(context), organisationID: org))
    }

    @Sendable func patchArea(_ request: Request, context: AppContext) async throws -> Response {
        let patch = try await decodeBody(AreaPatch.self, request: request, context: context)
        return try json(try await planEditing.updateArea(id: try id(context), organisationID: org, expectedVersion: patch.version) { patch.apply(to: &$0) })
    }

    // MARK: Actions

    @Sendable func createAction(_ request: Request, context: AppContext) async throws -> Response {
        let areaID = try id(context)
        // Another organisation's area is not found, whatever the body.
        _ = try await store.area(id: areaID, organisationID: org)
        let input = try await decodeBody(ActionInput.self, request: request, context: context)
        let action = try await store.createAction(try input.settledAction(areaID: areaID), organisationID: org)
        let found = try await store.action(id: action.id, organisationID: org)
        return try json(ActionResource(action: found.action, asAt: environment.today(), cycle: found.plan.updateCycle, includeHistory: true),
                        status: .created, location: .action(action.id))
    }

    @Sendable func getAction(_ request: Request, context: AppContext) async throws -> Response {
        let found = try await store.action(id: try id(context), organisationID: org)
        return try json(ActionResource(action: found.action, asAt: try asAt(request), cycle: found.plan.updateCycle, includeHistory: true))
    }

    @Sendable func patchAction(_ request: Request, context: AppContext) async throws -> Response {
        let day = environment.today()
        let actionID = try id(context)
        try await requireMayUpdate(actionID: actionID)
        let patch = try await decodeBody(ActionPatch.self, request: request, context: context)
        try patch.check(editor: identity.can(.editPlans))
        let (person, role) = (identity.signature, identity.role.word)
        _ = try await store.editAction(id: actionID, organisationID: org, expectedVersion: patch.version) { action in
            try patch.apply(to: &action, on: day, by: person, role: role)
        }
        let found = try await store.action(id: actionID, organisationID: org)
        return try json(ActionResource(action: found.action, asAt: day, cycle: found.plan.updateCycle, includeHistory: true))
    }

    @Sendable func listUpdates(_ request: Request, context: AppContext) async throws -> Response {
        let found = try await store.action(id: try id(context), organisationID: org)
        return try json(["updates": found.action.updates])
    }

    @Sendable func addUpdate(_ request: Request, context: AppContext) async throws -> Response {
        try await requireMayUpdate(actionID: try id(context))
        let input = try await decodeBody(UpdateInput.self, request: request, context: context)
        let today = environment.today()
        if let problem = ValidationError.afterToday(input.date, today: today, field: "date", what: "The update's date") { throw problem }
        if input.author != nil {
            throw ValidationError(field: "author", message: "Leave out author: an update is recorded as written by the person the token belongs to")
        }
        // Status and % complete settled by Core's one rule, as the page's update form does; the
        // API cannot ask whether 100% means complete, so it refuses 100% without a status.
        let current = try await store.action(id: try id(context), organisationID: org).action
        let settled: ProgressRules.Settled
        switch ProgressRules.settle(current, status: input.status, percentComplete: input.percentComplete) {
        case let .settled(value): settled = value
        case .askWhetherComplete: throw ProgressRules.statusNeededWithFullPercent
        case let .refused(error): throw error
        }
        let update = ProgressUpdate(actionID: try id(context), date: input.date ?? today, author: identity.signature,
                                    authorRole: identity.role.word, text: input.text,
                                    percentComplete: settled.percentSet, status: settled.statusSet)
        let (saved, _) = try await store.addProgressUpdate(update, organisationID: org, expectedVersion: input.version)
        return try json(saved, status: .created, location: .actionUpdates(saved.actionID))
    }

    // MARK: Measures

    @Sendable func listMeasures(_ request: Request, context: AppContext) async throws -> Response {
        let suppression = identity.suppression
        return try json(["measures": try await store.measures(organisationID: org).map { MeasureResource(measure: $0, suppression: suppression) }])
    }

    @Sendable func createMeasure(_ request: Request, context: AppContext) async throws -> Response {
        let input = try await decodeBody(MeasureInput.self, request: request, context: context)
        let measure = try await store.createMeasure(try input.measure(organisationID: org))
        return try json(MeasureResource(measure: measure, suppression: identity.suppression), status: .created,
                        location: .measure(measure.id))
    }

    @Sendable func getMeasure(_ request: Request, context: AppContext) async throws -> Response {
        try json(MeasureResource(measure: try await store.measure(id: try id(context), organisationID: org), suppression: identity.suppression))
    }

    @Sendable func patchMeasure(_ request: Request, context: AppContext) async throws -> Response {
        let patch = try await decodeBody(MeasurePatch.self, request: request, context: context)
        let measure = try await store.editMeasure(id: try id(context), organisationID: org, expectedVersion: patch.version) { measure in
            try patch.apply(to: &measure)
        }
        return try json(MeasureResource(measure: measure, suppression: identity.suppression))
    }

    @Sendable func listValues(_ request: Request, context: AppContext) async throws -> Response {
        let measure = try await store.measure(id: try id(context), organisationID: org)
        let values = measure.valuesInOrder.map { ValueResource(value: $0, of: measure, suppression: identity.suppression) }
        return try json(["values": values])
    }

    @Sendable func addValue(_ request: Request, context: AppContext) async throws -> Response {
        let input = try await decodeBody(ValueInput.self, request: request, context: context)
        let measureID = try id(context)
        let measure = try await store.measure(id: measureID, organisationID: org)
        let value = try input.measureValue(unit: measure.unit, today: environment.today())
        try await requireWithinPlanPeriod(value, measureID: measureID)
        let saved = try await store.recordValue(value, measureID: measureID, organisationID: org, replace: input.replace ?? false)
        let updated = try await store.measure(id: measureID, organisationID: org)
        return try json(ValueResource(value: saved, of: updated, suppression: identity.suppression),
                        status: .created, location: .measureValues(measureID))
    }

    // MARK: Helpers

    func id(_ context: AppContext) throws -> Int64 {
        guard let text = context.parameters.get("id"), let id = Int64(text), id > 0 else {
            throw HTTPError(.notFound)
        }
        return id
    }

    /// `?asAt=2024-03-31` rates as at another day; the default is today.
    func asAt(_ request: Request) throws -> Day {
        guard let text = request.uri.queryParameters.get("asAt") else { return environment.today() }
        guard let day = Day(iso: text) else {
            throw ValidationError(field: "asAt", message: "asAt must be a date in the form YYYY-MM-DD")
        }
        return day
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        // JSON has no infinity: a figure stored before the range rule (MeasureFigure) reads as the
        // pages read it, rather than failing the whole response.
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: MeasureFigure.unusableText, negativeInfinity: MeasureFigure.unusableText, nan: MeasureFigure.unusableText)
        return encoder
    }()

    func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok, location: APIPath? = nil) throws -> Response {
        json(bytes: try Self.encoder.encode(value), status: status, location: location)
    }

    func json<Bytes: Sequence<UInt8>>(bytes: Bytes, status: HTTPResponse.Status = .ok, location: APIPath? = nil) -> Response {
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        if let location { headers[.location] = Path.api(location).href }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
