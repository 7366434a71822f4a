import Core
import Foundation
import Hummingbird

/// An editor's changes to an action in the browser: its details (wording, leads, dates, area,
/// measures), its milestones, a rating override with its reason and end date, and a new action
/// in an area; and, for its leads too, evidence of impact. Each change carries the version it
/// was made against, is audited, and comes back to the action page with a banner.
struct ActionEditController: PageResponder, Sendable {
    let environment: AppEnvironment
    let identity: Identity
    let csrf: String

    var store: any PlanStore { environment.store }
    var org: Int64 { identity.organisationID }
    var frame: PageFrame { PageFrame(views: environment.views, identity: identity, csrf: csrf) }

    static let routes: [Route<ActionEditController>] = [
        .page(.get, .actionEdit(.parameter), .permission(.editPlans)) { $0.editForm },
        .init(method: .post, path: .actionEdit(.parameter), access: .permission(.editPlans)) { $0.saveEdit },
        .init(method: .post, path: .actionOverride(.parameter), access: .permission(.editPlans)) { $0.setOverride },
        .init(method: .post, path: .actionOverrideRemoval(.parameter), access: .permission(.editPlans)) { $0.removeOverride },
        // Evidence is the lead's to give, as on the API (an action lead for the actions they lead).
        .init(method: .post, path: .actionEvidence(.parameter), access: .permission(.updateLedActions)) { $0.addEvidence },
        .page(.get, .actionMilestones(.parameter), .permission(.editPlans)) { $0.milestonesForm },
        .init(method: .post, path: .actionMilestones(.parameter), access: .permission(.editPlans)) { $0.saveMilestones },
        .page(.get, .areaNewAction(.parameter), .permission(.editPlans)) { $0.newActionForm },
        .init(method: .post, path: .areaNewAction(.parameter), access: .permission(.editPlans)) { $0.createAction },
    ]

    /// "This action was changed by someone else since you opened it…": the sentence above the
    /// error list when a change was made against an older version. Nothing typed is lost.
    static func staleSentence(_ action: Action) -> String {
        "This action was changed by someone else since you opened it (it is now at version \(action.version)). "
            + "Your changes have not been saved. They are shown below: check them against the action as it is now, then save again."
    }

    // MARK: Change the action

    @Sendable func editForm(_ request: Request, context: AppContext) async throws -> HTML {
        let found = try await store.action(id: try FormReading.id(in: context), organisationID: org)
        return try render(try await editPage(found))
    }

    func editPage(_ found: ActionInContext, fields: FormFields? = nil, problems: FormProblems = FormProblems(),
                  errorIntro: String? = nil) async throws -> ActionEditPage {
        let contents = try await store.planContents(id: found.plan.id, organisationID: org, fullHistory: false)
        let members = try await environment.store.members(organisationID: org)
        let measures = try await store.measures(organisationID: org)
        return ActionEditPage(found: found, contents: contents, members: members, measures: measures,
                              fields: fields, problems: problems, errorIntro: errorIntro)
    }

    @Sendable func saveEdit(_ request: Request, context: AppContext) async throws -> Response {
        let id = try FormReading.id(in: context)
        let found = try await store.action(id: id, organisationID: org)
        let fields = try await FormFields.read(request, context: context)
        let today = environment.today()
        let person = identity.name
        switch try ActionEditSubmission.read(fields, action: found.action, today: today, by: person) {
        case let .failure(list):
            return try render(try await editPage(found, fields: fields, problems: list.problems), status: .badRequest).response()
        case let .success(submission):
            do {
                _ = try await store.editAction(id: id, organisationID: org, expectedVersion: submission.version) { action in
                    try action.change(to: submission.details, reprogrammeReason: submission.reason, on: today, by: person)
                    action.measureIDs = submission.measureIDs
                }
            } catch StoreError.staleVersion {
                let current = try await store.action(id: id, organisationID: org)
                var problems = FormProblems()
                problems.add("edit-title", "Check your changes against the action as it is now, then save them again")
                return try render(try await editPage(current, fields: fields, problems: problems, errorIntro: Self.staleSentence(current.action)),
                                  status: .conflict).response()
            } catch let error as ValidationErrors {
                var problems = FormProblems()
                for problem in error.errors { problems.add(ActionEditField.id(for: problem.field), problem.message) }
                return try render(try await editPage(found, fields: fields, problems: problems), status: .badRequest).response()
            } catch let error as ValidationError {
                var problems = FormProblems()
                problems.add(ActionEditField.id(for: error.field), error.message)
                return try render(try await editPage(found, fields: fields, problems: problems), status: .badRequest).response()
            }
            return redirect(to: .action(id), query: "saved=details")
        }
    }

    // MARK: Override the rating

    var pages: PageController { PageController(environment: environment, identity: identity, csrf: csrf) }

    @Sendable func setOverride(_ request: Request, context: AppContext) async throws -> Response {
        let id = try FormReading.id(in: context)
        let found = try await store.action(id: id, organisationID: org)
        let fields = try await FormFields.read(request, context: context)
        let version = try fields.version()
        switch OverrideFormView.validated(fields, today: environment.today(), by: identity.name) {
        case let .failure(list):
            let form = OverrideFormView(action: found.action, fields: fields, problems: list.problems)
            return try await pages.renderAction(id: id, forms: .init(override: form, errors: list.problems.links), status: .badRequest)
        case let .success(override):
            do {
                _ = try await store.editAction(id: id, organisationID: org, expectedVersion: version) { $0.override = override }
            } catch StoreError.staleVersion {
                let current = try await store.action(id: id, organisationID: org)
                let form = OverrideFormView(action: current.action, fields: fields)
                return try await pages.renderAction(id: id, forms: .init(
                    override: form, errors: [ErrorLink(href: "#override-rating", message: "Check the rating as it is now, then override it again")],
                    errorIntro: Self.staleSentence(current.action)), status: .conflict)
            }
            return redirect(to: .action(id), query: "saved=override")
        }
    }

    @Sendable func removeOverride(_ request: Request, context: AppContext) async throws -> Response {
        let id = try FormReading.id(in: context)
        _ = try await store.action(id: id, organisationID: org)
        let fields = try await FormFields.read(request, context: context)
        let version = try fields.version()
        do {
            _ = try await store.editAction(id: id, organisationID: org, expectedVersion: version) { $0.override = nil }
        } catch StoreError.staleVersion {
            let current = try await store.action(id: id, organisationID: org)
            return try await pages.renderAction(id: id, forms: .init(
                override: OverrideFormView(action: current.action),
                errors: [ErrorLink(href: "#override-rating", message: "Check the rating as it is now, then remove the override again")],
                errorIntro: Self.staleSentence(current.action)), status: .conflict)
        }
        return redirect(to: .action(id), query: "saved=override-removed")
    }

    // MARK: Evidence of impact

    @Sendable func addEvidence(_ request: Request, context: AppContext) async throws -> Response {
        let id = try FormReading.id(in: context)
        let found = try await store.action(id: id, organisationID: org)
        guard identity.mayUpdate(found.action) else { throw AccessRefusal.forbidden }
        let fields = try await FormFields.read(request, context: context)
        let today = environment.today()
        switch EvidenceFormView.validated(fields, action: found.action, today: today) {
        case let .failure(list):
            let form = EvidenceFormView(action: found.action, today: today, author: Self.signature(identity), fields: fields, problems: list.problems)
            return try await pages.renderAction(id: id, forms: .init(evidence: form, errors: list.problems.links), status: .badRequest)
        case let .success(entry):
            let (name, role) = (identity.signature, identity.role.word)
            // Evidence is added to, never overwritten: no version to check, like a progress note.
            _ = try await store.editAction(id: id, organisationID: org, expectedVersion: nil) { action in
                try action.addEvidence(entry.text, date: entry.date, author: name, authorRole: role, today: today)
            }
            return redirect(to: .action(id), query: "saved=evidence")
        }
    }

    /// "Sam Okafor (Editor)": how a form says who it will record.
    /// As the author is recorded: `Identity.signature` ("Sam Patel, Head of Service"), with their role.
    static func signature(_ identity: Identity) -> String { "\(identity.signature) (\(identity.role.word))" }

    // MARK: Milestones

    @Sendable func milestonesForm(_ request: Request, context: AppContext) async throws -> HTML {
        let found = try await store.action(id: try FormReading.id(in: context), organisationID: org)
        return try render(ActionMilestonesPage(found: found))
    }

    @Sendable func saveMilestones(_ request: Request, context: AppContext) async throws -> Response {
        let id = try FormReading.id(in: context)
        let found = try await store.action(id: id, organisationID: org)
        let fields = try await FormFields.read(request, context: context)
        let version = try fields.version()
        switch ActionMilestonesPage.validated(fields, action: found.action) {
        case let .failure(list):
            return try render(ActionMilestonesPage(found: found, fields: fields, problems: list.problems), status: .badRequest).response()
        case let .success(milestones):
            do {
                _ = try await store.editAction(id: id, organisationID: org, expectedVersion: version) { try $0.replaceMilestones(milestones) }
            } catch StoreError.staleVersion {
                // The rows typed are shown again over the action as it is now: a removed milestone's row says so on saving.
                let current = try await store.action(id: id, organisationID: org)
                var problems = FormProblems()
                problems.add("milestone-0-title", "Check the milestones against the action as it is now, then save them again")
                return try render(ActionMilestonesPage(found: current, fields: fields, problems: problems, errorIntro: Self.staleSentence(current.action)),
                                  status: .conflict).response()
            }
            return redirect(to: .action(id), query: "saved=milestones", fragment: "milestones")
        }
    }

    // MARK: A new action

    func newActionPage(areaID: Int64, fields: FormFields? = nil, problems: FormProblems = FormProblems()) async throws -> ActionNewPage {
        let area = try await store.area(id: areaID, organisationID: org)
        let planID = try await planID(of: area)
        let contents = try await store.planContents(id: planID, organisationID: org, fullHistory: false)
        return ActionNewPage(area: area, contents: contents, members: try await environment.store.members(organisationID: org),
                             measures: try await store.measures(organisationID: org), fields: fields, problems: problems)
    }

    /// The plan an area belongs to (an area names its theme, a theme its plan).
    func planID(of area: Area) async throws -> Int64 {
        for plan in try await store.plans(organisationID: org) {
            let contents = try await store.planContents(id: plan.id, organisationID: org, fullHistory: false)
            if contents.areas.contains(where: { $0.id == area.id }) { return plan.id }
        }
        throw HTTPError(.notFound)
    }

    @Sendable func newActionForm(_ request: Request, context: AppContext) async throws -> HTML {
        try render(try await newActionPage(areaID: try FormReading.id(in: context)))
    }

    @Sendable func createAction(_ request: Request, context: AppContext) async throws -> Response {
        let areaID = try FormReading.id(in: context)
        let area = try await store.area(id: areaID, organisationID: org)
        let contents = try await store.planContents(id: try await planID(of: area), organisationID: org, fullHistory: false)
        let fields = try await FormFields.read(request, context: context)
        switch ActionNewPage.validated(fields, area: area, contents: contents) {
        case let .failure(list):
            return try render(try await newActionPage(areaID: areaID, fields: fields, problems: list.problems), status: .badRequest).response()
        case let .success(action):
            let created: Action
            do {
                created = try await store.createAction(action, organisationID: org)
            } catch StoreError.conflict {
                // Someone added an action with that reference since the form was read.
                var problems = FormProblems()
                problems.add("edit-ref", "Action \(action.ref) already exists in this plan: choose another reference")
                return try render(try await newActionPage(areaID: areaID, fields: fields, problems: problems), status: .conflict).response()
            } catch let error as ValidationErrors {
                var problems = FormProblems()
                for problem in error.errors { problems.add(ActionEditField.id(for: problem.field), problem.message) }
                return try render(try await newActionPage(areaID: areaID, fields: fields, problems: problems), status: .badRequest).response()
            } catch let error as ValidationError {
                var problems = FormProblems()
                problems.add(ActionEditField.id(for: error.field), error.message)
                return try render(try await newActionPage(areaID: areaID, fields: fields, problems: problems), status: .badRequest).response()
            }
            return redirect(to: .action(created.id), query: "saved=created")
        }
    }
}
