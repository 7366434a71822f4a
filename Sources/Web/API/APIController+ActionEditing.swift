import Core
import Foundation
import Hummingbird

/// A dated entry of evidence of impact; the author is the token's person.
struct EvidenceInput: Codable, Sendable {
    var text: String
    /// Today when left out; never after today.
    var date: Day?
    /// Refused when sent: the author is the token's person.
    var author: String?
}

/// A rating override, with the reason the board reads and the last day it applies.
struct OverridePut: Codable, Sendable {
    var version: Int
    var rating: DeliveryRating
    var reason: String
    var until: Day
}

/// The API's side of editing an action, equal to the pages': evidence of impact (for the
/// action's leads too) and the rating override (editors). Details, dates, leads, milestones,
/// measures and the area are changed with PATCH /actions/{id}.
extension APIController {
    static let actionEditingRoutes: [Route<APIController>] = [
        Route(method: .post, api: .actionEvidence(.parameter), access: .permission(.updateLedActions), handler: { $0.addEvidence }),
        Route(method: .put, api: .actionOverride(.parameter), access: .permission(.editPlans), handler: { $0.putOverride }),
        Route(method: .delete, api: .actionOverride(.parameter), access: .permission(.editPlans), handler: { $0.deleteOverride }),
    ]

    @Sendable func addEvidence(_ request: Request, context: AppContext) async throws -> Response {
        let actionID = try id(context)
        try await requireMayUpdate(actionID: actionID)
        let input = try await decodeBody(EvidenceInput.self, request: request, context: context)
        if input.author != nil {
            throw ValidationError(field: "author", message: "Leave out author: evidence is recorded as given by the person the token belongs to")
        }
        let today = environment.today()
        let (name, role) = (identity.signature, identity.role.word)
        // Evidence is added to, never overwritten: no version to check, like a progress update.
        _ = try await store.editAction(id: actionID, organisationID: org, expectedVersion: nil) { action in
            try action.addEvidence(input.text, date: input.date ?? today, author: name, authorRole: role, today: today)
        }
        return try await actionResponse(actionID, status: .created)
    }

    @Sendable func putOverride(_ request: Request, context: AppContext) async throws -> Response {
        let actionID = try id(context)
        _ = try await store.action(id: actionID, organisationID: org)
        let input = try await decodeBody(OverridePut.self, request: request, context: context)
        let override: RatingOverride
        do {
            override = try RatingOverride(rating: input.rating, reason: input.reason, by: identity.name, on: environment.today(), until: input.until)
        } catch {
            let field = switch error.field {
            case "overrideUntil": "until"
            case "overrideRating": "rating"
            default: "reason"
            }
            throw ValidationError(field: field, message: error.message)
        }
        _ = try await store.editAction(id: actionID, organisationID: org, expectedVersion: input.version) { $0.override = override }
        return try await actionResponse(actionID)
    }

    @Sendable func deleteOverride(_ request: Request, context: AppContext) async throws -> Response {
        let actionID = try id(context)
        _ = try await store.action(id: actionID, organisationID: org)
        var version: Int?
        if let text = request.uri.queryParameters.get("version") {
            guard let number = Int(text) else {
                throw ValidationError(field: "version", message: "version must be a whole number: the version you last read")
            }
            version = number
        }
        _ = try await store.editAction(id: actionID, organisationID: org, expectedVersion: version) { $0.override = nil }
        return try await actionResponse(actionID)
    }

    func actionResponse(_ actionID: Int64, status: HTTPResponse.Status = .ok) async throws -> Response {
        let found = try await store.action(id: actionID, organisationID: org)
        return try json(ActionResource(action: found.action, asAt: environment.today(), cycle: found.plan.updateCycle, includeHistory: true),
                        status: status, location: status == .created ? .action(actionID) : nil)
    }
}
