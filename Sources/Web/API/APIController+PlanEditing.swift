import Core
import Foundation
import Hummingbird

/// The API's side of changing a plan's shape: themes and areas (add, change, move, remove) and
/// the inspection (details, judgements, recommendations), the same edits the pages make, under
/// the same rules and audit. Every change carries the version it was made against.
extension APIController {
    static let planEditingRoutes: [Route<APIController>] = [
        Route(method: .post, api: .planAreas(.parameter), access: .permission(.editPlans), handler: { $0.createArea }),
        Route(method: .delete, api: .area(.parameter), access: .permission(.editPlans), handler: { $0.deleteArea }),
        Route(method: .post, api: .areaMove(.parameter), access: .permission(.editPlans), handler: { $0.moveArea }),
        Route(method: .post, api: .planThemes(.parameter), access: .permission(.editPlans), handler: { $0.createTheme }),
        Route(method: .get, api: .theme(.parameter), access: .permission(.readPlans), handler: { $0.getTheme }),
        Route(method: .patch, api: .theme(.parameter), access: .permission(.editPlans), handler: { $0.patchTheme }),
        Route(method: .delete, api: .theme(.parameter), access: .permission(.editPlans), handler: { $0.deleteTheme }),
        Route(method: .post, api: .themeMove(.parameter), access: .permission(.editPlans), handler: { $0.moveTheme }),
        Route(method: .get, api: .planInspection(.parameter), access: .permission(.readPlans), handler: { $0.getInspection }),
        Route(method: .patch, api: .planInspection(.parameter), access: .permission(.editPlans), handler: { $0.patchInspection }),
    ]

    var planEditing: any PlanEditingStore { environment.store }

    /// `?version=3` on a DELETE, which has no body to carry it.
    func versionQuery(_ request: Request) throws -> Int {
        guard let text = request.uri.queryParameters.get("version"), let version = Int(text) else {
            throw ValidationError(field: "version", message: "Send the version you last read, as ?version=3")
        }
        return version
    }

    /// A removal Core refuses (it holds areas or actions) is a conflict with what is stored, not bad input.
    func removing(_ remove: () async throws -> Void) async throws {
        do {
            try await remove()
        } catch let error as ValidationErrors {
            throw StoreError.conflict(error.errors.map(\.message).joined(separator: " "))
        }
    }

    // MARK: Areas

    @Sendable func createArea(_ request: Request, context: AppContext) async throws -> Response {
        let planID = try id(context)
        // Another organisation's plan is not found, whatever the body.
        _ = try await store.planContents(id: planID, organisationID: org, fullHistory: false)
        let input = try await decodeBody(NewAreaInput.self, request: request, context: context)
        // The address (the plan) was found; a theme named in the body that does not exist is a
        // mistake in the body, answered like one that belongs to another plan — not a 404, which
        // would say the plan itself is missing.
        let theme: Theme
        do {
            theme = try await planEditing.theme(id: input.themeID, organisationID: org)
        } catch StoreError.notFound {
            throw ValidationError(field: "themeID", message: "Theme \(input.themeID) is not part of plan \(planID)")
        }
        guard theme.planID == planID else {
            throw ValidationError(field: "themeID", message: "Theme \(input.themeID) is not part of plan \(planID)")
        }
        let area = try await planEditing.createArea(input.area, organisationID: org)
        return try json(area, status: .created, location: .area(area.id))
    }

    @Sendable func moveArea(_ request: Request, context: AppContext) async throws -> Response {
        let areaID = try id(context)
        _ = try await store.area(id: areaID, organisationID: org)
        let input = try await decodeBody(MoveInput.self, request: request, context: context)
        return try json(try await planEditing.moveArea(id: areaID, input.direction, organisationID: org, expectedVersion: input.version))
    }

    @Sendable func deleteArea(_ request: Request, context: AppContext) async throws -> Response {
        let areaID = try id(context)
        _ = try await store.area(id: areaID, organisationID: org)
        let version = try versionQuery(request)
        try await removing { try await planEditing.removeArea(id: areaID, organisationID: org, expectedVersion: version) }
        return Response(status: .noContent)
    }

    // MARK: Themes

    @Sendable func createTheme(_ request: Request, context: AppContext) async throws -> Response {
        let planID = try id(context)
        _ = try await store.planContents(id: planID, organisationID: org, fullHistory: false)
        let input = try await decodeBody(NewThemeInput.self, request: request, context: context)
        let theme = try await planEditing.createTheme(Theme(planID: planID, position: 0, ref: input.ref ?? "", title: input.title),
                                                      organisationID: org)
        return try json(theme, status: .created, location: .theme(theme.id))
    }

    @Sendable func getTheme(_ request: Request, context: AppContext) async throws -> Response {
        try json(try await planEditing.theme(id: try id(context), organisationID: org))
    }

    @Sendable func patchTheme(_ request: Request, context: AppContext) async throws -> Response {
        let themeID = try id(context)
        _ = try await planEditing.theme(id: themeID, organisationID: org)
        let patch = try await decodeBody(ThemePatch.self, request: request, context: context)
        return try json(try await planEditing.editTheme(id: themeID, organisationID: org, expectedVersion: patch.version) { theme in
            if let ref = patch.ref { theme.ref = ref }
            if let title = patch.title { theme.title = title }
        })
    }

    @Sendable func moveTheme(_ request: Request, context: AppContext) async throws -> Response {
        let themeID = try id(context)
        _ = try await planEditing.theme(id: themeID, organisationID: org)
        let input = try await decodeBody(MoveInput.self, request: request, context: context)
        return try json(try await planEditing.moveTheme(id: themeID, input.direction, organisationID: org, expectedVersion: input.version))
    }

    @Sendable func deleteTheme(_ request: Request, context: AppContext) async throws -> Response {
        let themeID = try id(context)
        _ = try await planEditing.theme(id: themeID, organisationID: org)
        let version = try versionQuery(request)
        try await removing { try await planEditing.removeTheme(id: themeID, organisationID: org, expectedVersion: version) }
        return Response(status: .noContent)
    }

    // MARK: The inspection

    @Sendable func getInspection(_ request: Request, context: AppContext) async throws -> Response {
        let contents = try await store.planContents(id: try id(context), organisationID: org, fullHistory: false)
        guard let inspection = contents.inspection else {
            throw StoreError.notFound(entity: "inspection of plan", id: String(contents.plan.id))
        }
        return try json(InspectionResource(plan: contents.plan, inspection: inspection))
    }

    @Sendable func patchInspection(_ request: Request, context: AppContext) async throws -> Response {
        let planID = try id(context)
        _ = try await store.planContents(id: planID, organisationID: org, fullHistory: false)
        let patch = try await decodeBody(InspectionPatch.self, request: request, context: context)
        let org = self.org
        let contents = try await planEditing.editPlanDetails(id: planID, organisationID: org, expectedVersion: patch.version) { _, inspection in
            try patch.apply(to: &inspection, organisationID: org)
        }
        guard let inspection = contents.inspection else {
            throw StoreError.notFound(entity: "inspection of plan", id: String(planID))
        }
        return try json(InspectionResource(plan: contents.plan, inspection: inspection))
    }
}

/// `POST /plans/{id}/areas`: a new area at the end of a theme of the plan.
struct NewAreaInput: Codable, Sendable {
    var themeID: Int64
    var ref: String
    var title: String
    var recommendationNumber: Int?
    var improvementLead: String?
    var coreFocus: String?
    var issues: [Area.Issue]?
    var objectives: [String]?
    var whyItMatters: String?
    var whatGoodLooksLike: String?

    var area: Area {
        Area(themeID: themeID, position: 0, ref: ref, title: title, recommendationNumber: recommendationNumber,
             improvementLead: improvementLead ?? "", coreFocus: coreFocus ?? "", issues: issues ?? [], objectives: objectives ?? [],
             whyItMatters: whyItMatters ?? "", whatGoodLooksLike: whatGoodLooksLike ?? "")
    }
}

/// `POST /themes/{id}/move`, `POST /areas/{id}/move`.
struct MoveInput: Codable, Sendable {
    var version: Int
    var direction: MoveDirection
}

/// `POST /plans/{id}/themes`.
struct NewThemeInput: Codable, Sendable {
    var ref: String?
    var title: String
}

/// `PATCH /themes/{id}`.
struct ThemePatch: Codable, Sendable {
    var version: Int
    var ref: String?
    var title: String?
}

/// `PATCH /plans/{id}/inspection`: fields left out keep what is stored; `judgements` and
/// `recommendations` replace the whole list when sent. The version is the plan's.
struct InspectionPatch: Codable, Sendable {
    var version: Int
    var kind: Inspection.Kind?
    var startDate: Day?
    var publishedDate: Day?
    var clearPublishedDate: Bool?
    var judgements: [Inspection.Judgement]?
    var recommendations: [Inspection.Recommendation]?

    func apply(to inspection: inout Inspection?, organisationID: Int64) throws {
        var edited: Inspection
        if let existing = inspection {
            edited = existing
        } else {
            // A plan without an inspection gets one: what it was and when it started are needed.
            guard let kind, let startDate else {
                throw ValidationError(field: kind == nil ? "kind" : "startDate",
                                      message: "This plan has no inspection yet: send kind and startDate to add one")
            }
            edited = Inspection(organisationID: organisationID, kind: kind, startDate: startDate)
        }
        if let kind { edited.kind = kind }
        if let startDate { edited.startDate = startDate }
        if clearPublishedDate == true {
            if publishedDate != nil {
                throw ValidationError(field: "clearPublishedDate", message: "Send publishedDate or clearPublishedDate, not both")
            }
            edited.publishedDate = nil
        }
        if let publishedDate { edited.publishedDate = publishedDate }
        if let judgements { edited.judgements = judgements }
        if let recommendations {
            edited.recommendations = recommendations.map {
                Inspection.Recommendation(number: $0.number, text: $0.text.trimmingCharacters(in: .whitespacesAndNewlines),
                                          paragraphs: $0.paragraphs.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
            }
        }
        inspection = edited
    }
}

/// `GET /plans/{id}/inspection`: the inspection with the plan's version, which its edits carry.
struct InspectionResource: Encodable {
    var planID: Int64
    var planVersion: Int
    var inspection: Inspection

    init(plan: Plan, inspection: Inspection) {
        planID = plan.id
        planVersion = plan.version
        self.inspection = inspection
    }
}
