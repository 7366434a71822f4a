import Core
import Foundation
import Hummingbird

/// The editor's pages for changing a plan after it is stored: its themes and areas (add, change,
/// move, remove), its details, its inspection and recommendations, and its history. Handlers are
/// thin: read the form, call the store (Core's rules decide), render or redirect.
///
/// Every change names the version its page showed; if someone changed the record since, nothing
/// is saved and the form comes back (409) with what was typed and a sentence saying so.
struct PlanEditController: PageResponder, Sendable {
    let environment: AppEnvironment
    let identity: Identity
    let csrf: String

    var store: any PlanStore & PlanEditingStore & AuditStore { environment.store }
    var org: Int64 { identity.organisationID }
    var frame: PageFrame { PageFrame(views: environment.views, identity: identity, csrf: csrf) }

    /// Readers see a plan's history; only editors and administrators reach its forms.
    static let routes: [Route<PlanEditController>] = [
        .page(.get, .planHistory(.parameter), .permission(.readPlans)) { $0.history },
        .page(.get, .planStructure(.parameter), .permission(.editPlans)) { $0.structure },
        .page(.get, .planThemes(.parameter), .permission(.editPlans)) { $0.newThemeForm },
        .init(method: .post, path: .planThemes(.parameter), access: .permission(.editPlans)) { $0.addTheme },
        .page(.get, .theme(.parameter), .permission(.editPlans)) { $0.themeForm },
        .init(method: .post, path: .theme(.parameter), access: .permission(.editPlans)) { $0.saveTheme },
        .init(method: .post, path: .themeMove(.parameter), access: .permission(.editPlans)) { $0.moveTheme },
        .page(.get, .themeRemoval(.parameter), .permission(.editPlans)) { $0.themeRemovalForm },
        .init(method: .post, path: .themeRemoval(.parameter), access: .permission(.editPlans)) { $0.removeTheme },
        .page(.get, .themeAreas(.parameter), .permission(.editPlans)) { $0.newAreaForm },
        .init(method: .post, path: .themeAreas(.parameter), access: .permission(.editPlans)) { $0.addArea },
        .page(.get, .area(.parameter), .permission(.editPlans)) { $0.areaForm },
        .init(method: .post, path: .area(.parameter), access: .permission(.editPlans)) { $0.saveArea },
        .init(method: .post, path: .areaMove(.parameter), access: .permission(.editPlans)) { $0.moveArea },
        .page(.get, .areaRemoval(.parameter), .permission(.editPlans)) { $0.areaRemovalForm },
        .init(method: .post, path: .areaRemoval(.parameter), access: .permission(.editPlans)) { $0.removeArea },
        .page(.get, .planDetails(.parameter), .permission(.editPlans)) { $0.detailsForm },
        .init(method: .post, path: .planDetails(.parameter), access: .permission(.editPlans)) { $0.saveDetails },
        .page(.get, .planInspection(.parameter), .permission(.editPlans)) { $0.inspectionForm },
        .init(method: .post, path: .planInspection(.parameter), access: .permission(.editPlans)) { $0.saveInspection },
        .page(.get, .planRecommendations(.parameter), .permission(.editPlans)) { $0.recommendationForm },
        .init(method: .post, path: .planRecommendations(.parameter), access: .permission(.editPlans)) { $0.saveRecommendation },
        .page(.get, .planRecommendationRemoval(.parameter), .permission(.editPlans)) { $0.recommendationRemovalForm },
        .init(method: .post, path: .planRecommendationRemoval(.parameter), access: .permission(.editPlans)) { $0.removeRecommendation },
    ]

    /// How a save ended: saved, someone else's change came first, or Core refused it.
    enum Saving {
        case saved
        case stale
        case refused([ValidationError])
    }

    func saving(_ save: () async throws -> Void) async throws -> Saving {
        do {
            try await save()
            return .saved
        } catch StoreError.staleVersion {
            return .stale
        } catch let error as ValidationErrors {
            return .refused(error.errors)
        } catch let error as ValidationError {
            return .refused([error])
        }
    }

    func plan(_ id: Int64) async throws -> Plan {
        guard let plan = try await store.plans(organisationID: org).first(where: { $0.id == id }) else {
            throw StoreError.notFound(entity: "plan", id: String(id))
        }
        return plan
    }

    // MARK: Themes and areas

    @Sendable func structure(_ request: Request, context: AppContext) async throws -> HTML {
        let id = try FormReading.id(in: context)
        return try await renderStructure(planID: id, saved: request.uri.queryParameters.get("saved")).html
    }

    func renderStructure(planID: Int64, saved: String? = nil, outcome: FormOutcome = FormOutcome(),
                         status: HTTPResponse.Status = .ok) async throws -> (html: HTML, response: Response) {
        let contents = try await store.planContents(id: planID, organisationID: org, fullHistory: false)
        let counts = try await store.actionCounts(planID: planID, organisationID: org)
        let html = try render(PlanStructurePage(contents: contents, actionCounts: counts, csrf: csrf, saved: saved, outcome: outcome), status: status)
        return (html, html.response())
    }

    // MARK: A theme

    @Sendable func newThemeForm(_ request: Request, context: AppContext) async throws -> HTML {
        let plan = try await plan(try FormReading.id(in: context))
        let count = try await store.planContents(id: plan.id, organisationID: org, fullHistory: false).themes.count
        return try render(ThemeEditPage(plan: plan, theme: Theme(planID: plan.id, position: count, ref: String(count + 1), title: "")))
    }

    @Sendable func addTheme(_ request: Request, context: AppContext) async throws -> Response {
        let plan = try await plan(try FormReading.id(in: context))
        let fields = try await FormFields.read(request, context: context)
        let theme = Theme(planID: plan.id, position: 0, ref: fields["ref"] ?? "", title: fields["title"] ?? "")
        var created: Theme?
        switch try await saving({ created = try await store.createTheme(theme, organisationID: org) }) {
        case .saved:
            return redirect(to: .planStructure(plan.id), query: "saved=theme-added", fragment: created.map { "theme-\($0.id)" })
        case .stale:
            return try render(ThemeEditPage(plan: plan, theme: theme, fields: fields), status: .conflict).response()
        case let .refused(errors):
            return try render(ThemeEditPage(plan: plan, theme: theme, fields: fields, outcome: .refused(errors, id: ThemeField.id)),
                              status: .badRequest).response()
        }
    }

    @Sendable func themeForm(_ request: Request, context: AppContext) async throws -> HTML {
        let theme = try await store.theme(id: try FormReading.id(in: context), organisationID: org)
        return try render(ThemeEditPage(plan: try await plan(theme.planID), theme: theme))
    }

    @Sendable func saveTheme(_ request: Request, context: AppContext) async throws -> Response {
        let id = try FormReading.id(in: context)
        let stored = try await store.theme(id: id, organisationID: org)
        let plan = try await plan(stored.planID)
        let fields = try await FormFields.read(request, context: context)
        let version = try fields.version()
        let ref = fields["ref"] ?? "", title = fields["title"] ?? ""
        switch try await saving({
            _ = try await store.editTheme(id: id, organisationID: org, expectedVersion: version) { theme in
                theme.ref = ref
                theme.title = title
            }
        }) {
        case .saved:
            return redirect(to: .planStructure(plan.id), query: "saved=theme-saved", fragment: "theme-\(id)")
        case .stale:
            let now = try await store.theme(id: id, organisationID: org)
            var outcome = FormOutcome()
            outcome.errorIntro = "Someone else changed this theme after you opened this page: it is now \(now.ref) \(now.title). "
                + "Your change has not been saved; it is in the form below. Check it, then save again."
            outcome.problems.add("theme-title", "Check the theme's title, then save again")
            return try render(ThemeEditPage(plan: plan, theme: now, fields: fields, outcome: outcome), status: .conflict).response()
        case let .refused(errors):
            return try render(ThemeEditPage(plan: plan, theme: stored, fields: fields, outcome: .refused(errors, id: ThemeField.id)),
                              status: .badRequest).response()
        }
    }

    @Sendable func moveTheme(_ request: Request, context: AppContext) async throws -> Response {
        let id = try FormReading.id(in: context)
        let stored = try await store.theme(id: id, organisationID: org)
        let fields = try await FormFields.read(request, context: context)
        let version = try fields.version()
        let direction = try Self.direction(fields)
        switch try await saving({ _ = try await store.moveTheme(id: id, direction, organisationID: org, expectedVersion: version) }) {
        case .saved:
            return redirect(to: .planStructure(stored.planID), query: "saved=theme-moved", fragment: "theme-\(id)")
        case .stale:
            var outcome = FormOutcome()
            outcome.errorIntro = "Someone else changed theme \(stored.ref) \(stored.title) after you opened this page, so it has not been moved. The list below shows the plan as it is now."
            outcome.problems.add("theme-\(id)", "Check where theme \(stored.ref) is now, then move it again")
            return try await renderStructure(planID: stored.planID, outcome: outcome, status: .conflict).response
        case let .refused(errors):
            return try await renderStructure(planID: stored.planID, outcome: .refused(errors) { _ in "theme-\(id)" }, status: .badRequest).response
        }
    }

    @Sendable func themeRemovalForm(_ request: Request, context: AppContext) async throws -> HTML {
        let theme = try await store.theme(id: try FormReading.id(in: context), organisationID: org)
        return try render(try await themeRemovalPage(theme))
    }

    func themeRemovalPage(_ theme: Theme, outcome: FormOutcome = FormOutcome()) async throws -> PlanRemovalPage {
        let contents = try await store.planContents(id: theme.planID, organisationID: org, fullHistory: false)
        let areas = contents.areas(in: theme)
        let actions = areas.reduce(0) { $0 + contents.actions(in: $1).count }
        let refusal = PlanStructure.themeRemovalRefusal(theme, areaCount: areas.count, actionCount: actions)
        let name = "theme \(theme.ref) \(theme.title)"
        return PlanRemovalPage(plan: contents.plan, what: "the theme", heading: "Remove \(name)?", postTo: .themeRemoval(theme.id),
                               version: theme.version, refusal: refusal, outcome: outcome)
    }

    @Sendable func removeTheme(_ request: Request, context: AppContext) async throws -> Response {
        let id = try FormReading.id(in: context)
        let stored = try await store.theme(id: id, organisationID: org)
        let version = try await FormFields.read(request, context: context).version()
        switch try await saving({ try await store.removeTheme(id: id, organisationID: org, expectedVersion: version) }) {
        case .saved:
            return redirect(to: .planStructure(stored.planID), query: "saved=theme-removed")
        case .stale:
            var outcome = FormOutcome()
            outcome.errorIntro = "Someone else changed this theme after you opened the page, so it has not been removed. Check it below, then remove it again if you still mean to."
            return try render(try await themeRemovalPage(try await store.theme(id: id, organisationID: org), outcome: outcome), status: .conflict).response()
        case .refused:
            // The page says why (it holds areas), as the store did.
            return try render(try await themeRemovalPage(stored), status: .badRequest).response()
        }
    }

    // MARK: An area

    @Sendable func newAreaForm(_ request: Request, context: AppContext) async throws -> HTML {
        let theme = try await store.theme(id: try FormReading.id(in: context), organisationID: org)
        let contents = try await store.planContents(id: theme.planID, organisationID: org, fullHistory: false)
        let count = contents.areas(in: theme).count
        let ref = theme.ref.isEmpty ? "" : "\(theme.ref).\(count + 1)"
        return try render(AreaEditPage(plan: contents.plan, theme: theme, area: Area(themeID: theme.id, position: count, ref: ref, title: "")))
    }

    @Sendable func addArea(_ request: Request, context: AppContext) async throws -> Response {
        let theme = try await store.theme(id: try FormReading.id(in: context), organisationID: org)
        let plan = try await plan(theme.planID)
        let fields = try await FormFields.read(request, context: context)
        let blank = Area(themeID: theme.id, position: 0, ref: "", title: "")
        switch AreaField.read(fields, into: blank) {
        case let .failure(list):
            return try render(AreaEditPage(plan: plan, theme: theme, area: blank, fields: fields, outcome: FormOutcome(problems: list.problems)),
                              status: .badRequest).response()
        case let .success(area):
            var created: Area?
            switch try await saving({ created = try await store.createArea(area, organisationID: org) }) {
            case .saved, .stale:
                return redirect(to: .planStructure(plan.id), query: "saved=area-added", fragment: created.map { "area-\($0.id)" })
            case let .refused(errors):
                return try render(AreaEditPage(plan: plan, theme: theme, area: blank, fields: fields, outcome: .refused(errors, id: AreaField.id)),
                                  status: .badRequest).response()
            }
        }
    }

    @Sendable func areaForm(_ request: Request, context: AppContext) async throws -> HTML {
        let area = try await store.area(id: try FormReading.id(in: context), organisationID: org)
        let theme = try await store.theme(id: area.themeID, organisationID: org)
        return try render(AreaEditPage(plan: try await plan(theme.planID), theme: theme, area: area))
    }

    @Sendable func saveArea(_ request: Request, context: AppContext) async throws -> Response {
        let id = try FormReading.id(in: context)
        let stored = try await store.area(id: id, organisationID: org)
        let theme = try await store.theme(id: stored.themeID, organisationID: org)
        let plan = try await plan(theme.planID)
        let fields = try await FormFields.read(request, context: context)
        let version = try fields.version()
        switch AreaField.read(fields, into: stored) {
        case let .failure(list):
            return try render(AreaEditPage(plan: plan, theme: theme, area: stored, fields: fields, outcome: FormOutcome(problems: list.problems)),
                              status: .badRequest).response()
        case let .success(edited):
            switch try await saving({
                _ = try await store.updateArea(id: id, organisationID: org, expectedVersion: version) { area in
                    area.ref = edited.ref
                    area.title = edited.title
                    area.recommendationNumber = edited.recommendationNumber
                    area.improvementLead = edited.improvementLead
                    area.coreFocus = edited.coreFocus
                    area.issues = edited.issues
                    area.objectives = edited.objectives
                    area.whyItMatters = edited.whyItMatters
                    area.whatGoodLooksLike = edited.whatGoodLooksLike
                }
            }) {
            case .saved:
                return redirect(to: .planStructure(plan.id), query: "saved=area-saved", fragment: "area-\(id)")
            case .stale:
                // What they typed stays in the form, now against the version stored: saving again
                // is a decision made knowing what the other person changed.
                let now = try await store.area(id: id, organisationID: org)
                var outcome = FormOutcome()
                let lead = FormReading.trimmed(now.improvementLead).map { ", improvement lead \($0)" } ?? ""
                outcome.errorIntro = "Someone else changed this area after you opened this page: it is now \(now.ref) \(now.title)\(lead). "
                    + "Your changes have not been saved; they are in the form below. Check them, then save again."
                outcome.problems.add("area-title", "Check your changes against the area as it is now, then save again")
                return try render(AreaEditPage(plan: plan, theme: theme, area: now, fields: fields, outcome: outcome), status: .conflict).response()
            case let .refused(errors):
                return try render(AreaEditPage(plan: plan, theme: theme, area: stored, fields: fields, outcome: .refused(errors, id: AreaField.id)),
                                  status: .badRequest).response()
            }
        }
    }

    @Sendable func moveArea(_ request: Request, context: AppContext) async throws -> Response {
        let id = try FormReading.id(in: context)
        let stored = try await store.area(id: id, organisationID: org)
        let theme = try await store.theme(id: stored.themeID, organisationID: org)
        let fields = try await FormFields.read(request, context: context)
        let version = try fields.version()
        let direction = try Self.direction(fields)
        switch try await saving({ _ = try await store.moveArea(id: id, direction, organisationID: org, expectedVersion: version) }) {
        case .saved:
            return redirect(to: .planStructure(theme.planID), query: "saved=area-moved", fragment: "area-\(id)")
        case .stale:
            var outcome = FormOutcome()
            outcome.errorIntro = "Someone else changed area \(stored.ref) \(stored.title) after you opened this page, so it has not been moved. The list below shows the plan as it is now."
            outcome.problems.add("area-\(id)", "Check where area \(stored.ref) is now, then move it again")
            return try await renderStructure(planID: theme.planID, outcome: outcome, status: .conflict).response
        case let .refused(errors):
            return try await renderStructure(planID: theme.planID, outcome: .refused(errors) { _ in "area-\(id)" }, status: .badRequest).response
        }
    }

    @Sendable func areaRemovalForm(_ request: Request, context: AppContext) async throws -> HTML {
        let area = try await store.area(id: try FormReading.id(in: context), organisationID: org)
        return try render(try await areaRemovalPage(area))
    }

    func areaRemovalPage(_ area: Area, outcome: FormOutcome = FormOutcome()) async throws -> PlanRemovalPage {
        let theme = try await store.theme(id: area.themeID, organisationID: org)
        let contents = try await store.planContents(id: theme.planID, organisationID: org, fullHistory: false)
        let refusal = PlanStructure.areaRemovalRefusal(area, actionCount: contents.actions(in: area).count)
        return PlanRemovalPage(plan: contents.plan, what: "the area", heading: "Remove area \(area.ref) \(area.title)?",
                               postTo: .areaRemoval(area.id), version: area.version, refusal: refusal, outcome: outcome)
    }

    @Sendable func removeArea(_ request: Request, context: AppContext) async throws -> Response {
        let id = try FormReading.id(in: context)
        let stored = try await store.area(id: id, organisationID: org)
        let theme = try await store.theme(id: stored.themeID, organisationID: org)
        let version = try await FormFields.read(request, context: context).version()
        switch try await saving({ try await store.removeArea(id: id, organisationID: org, expectedVersion: version) }) {
        case .saved:
            return redirect(to: .planStructure(theme.planID), query: "saved=area-removed", fragment: "theme-\(theme.id)")
        case .stale:
            var outcome = FormOutcome()
            outcome.errorIntro = "Someone else changed this area after you opened the page, so it has not been removed. Check it below, then remove it again if you still mean to."
            return try render(try await areaRemovalPage(try await store.area(id: id, organisationID: org), outcome: outcome), status: .conflict).response()
        case .refused:
            return try render(try await areaRemovalPage(stored), status: .badRequest).response()
        }
    }

    /// The `direction` field of a move button: up or down; anything else is a form we did not send.
    static func direction(_ fields: FormFields) throws -> MoveDirection {
        guard let text = fields.trimmed("direction"), let direction = MoveDirection(rawValue: text) else {
            throw HTTPError(.badRequest, message: "The form could not be read. Go back, reload the page and try again.")
        }
        return direction
    }
}
