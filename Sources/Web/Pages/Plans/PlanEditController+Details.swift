import Core
import Foundation
import Hummingbird

/// The plan's own details, its inspection and recommendations, and its history. Every change is
/// made against the plan's version: the inspection belongs to the plan.
extension PlanEditController {
    func contents(_ id: Int64) async throws -> PlanContents {
        try await store.planContents(id: id, organisationID: org, fullHistory: false)
    }

    static func staleIntro(_ plan: Plan, what: String) -> String {
        "Someone else changed this plan after you opened this page. \(what) has not been saved; it is in the form below. "
            + "Check it against the plan as it is now, then save again."
    }

    // MARK: History

    @Sendable func history(_ request: Request, context: AppContext) async throws -> HTML {
        let plan = try await plan(try FormReading.id(in: context))
        let entries = try await store.auditTrail(organisationID: org, entity: nil, entityID: nil)
            .filter { PlanHistory.belongs($0, toPlan: plan.id) }
        let found = try await contents(plan.id)
        var names = AuditNames()
        names.plans[plan.id] = plan.title
        for theme in found.themes { names.themes[theme.id] = "\(theme.ref) \(theme.title)" }
        for area in found.areas { names.areas[area.id] = "\(area.ref) \(area.title)" }
        return try render(HistoryPage(plan: plan, entries: entries, names: names))
    }

    // MARK: Details

    @Sendable func detailsForm(_ request: Request, context: AppContext) async throws -> HTML {
        try render(PlanDetailsEditPage(plan: try await plan(try FormReading.id(in: context))))
    }

    @Sendable func saveDetails(_ request: Request, context: AppContext) async throws -> Response {
        let stored = try await plan(try FormReading.id(in: context))
        let fields = try await FormFields.read(request, context: context)
        let version = try fields.version()
        switch PlanDetailsEditPage.validated(fields) {
        case let .failure(list):
            return try render(PlanDetailsEditPage(plan: stored, fields: fields, outcome: FormOutcome(problems: list.problems)), status: .badRequest).response()
        case let .success(input):
            switch try await saving({
                _ = try await store.editPlanDetails(id: stored.id, organisationID: org, expectedVersion: version) { plan, _ in
                    plan.title = input.title
                    plan.periodStart = input.start
                    plan.periodEnd = input.end
                    plan.updateCycle = input.cycle
                }
            }) {
            case .saved:
                return redirect(to: .plan(stored.id), query: "saved=details")
            case .stale:
                let now = try await plan(stored.id)
                var outcome = FormOutcome(errorIntro: Self.staleIntro(now, what: "Your change"))
                outcome.problems.add("plan-title", "Check your changes against the plan as it is now (titled \(now.title)), then save again")
                return try render(PlanDetailsEditPage(plan: now, fields: fields, outcome: outcome), status: .conflict).response()
            case let .refused(errors):
                return try render(PlanDetailsEditPage(plan: stored, fields: fields, outcome: .refused(errors, id: PlanDetailsEditPage.id)),
                                  status: .badRequest).response()
            }
        }
    }

    // MARK: Inspection

    @Sendable func inspectionForm(_ request: Request, context: AppContext) async throws -> HTML {
        let found = try await contents(try FormReading.id(in: context))
        return try render(PlanInspectionEditPage(plan: found.plan, inspection: found.inspection, saved: request.uri.queryParameters.get("saved")))
    }

    @Sendable func saveInspection(_ request: Request, context: AppContext) async throws -> Response {
        let found = try await contents(try FormReading.id(in: context))
        let fields = try await FormFields.read(request, context: context)
        let version = try fields.version()
        switch PlanInspectionEditPage.validated(fields) {
        case let .failure(list):
            return try render(PlanInspectionEditPage(plan: found.plan, inspection: found.inspection, fields: fields,
                                                     outcome: FormOutcome(problems: list.problems)), status: .badRequest).response()
        case let .success(input):
            let org = self.org
            switch try await saving({
                _ = try await store.editPlanDetails(id: found.plan.id, organisationID: org, expectedVersion: version) { _, inspection in
                    var edited = inspection ?? Inspection(organisationID: org, kind: input.kind, startDate: input.start)
                    edited.kind = input.kind
                    edited.startDate = input.start
                    edited.publishedDate = input.published
                    edited.judgements = input.judgements
                    inspection = edited
                }
            }) {
            case .saved:
                return redirect(to: .planInspection(found.plan.id), query: "saved=inspection")
            case .stale:
                let now = try await contents(found.plan.id)
                var outcome = FormOutcome(errorIntro: Self.staleIntro(now.plan, what: "Your change to the inspection"))
                outcome.problems.add("inspection-kind", "Check your changes against the inspection as it is now, then save again")
                return try render(PlanInspectionEditPage(plan: now.plan, inspection: now.inspection, fields: fields, outcome: outcome),
                                  status: .conflict).response()
            case let .refused(errors):
                return try render(PlanInspectionEditPage(plan: found.plan, inspection: found.inspection, fields: fields,
                                                         outcome: .refused(errors, id: PlanInspectionEditPage.id)), status: .badRequest).response()
            }
        }
    }

    // MARK: Recommendations

    /// The plan's inspection; recommendations are added once the inspection's details are.
    func requireInspection(_ found: PlanContents) throws -> Inspection {
        guard let inspection = found.inspection else {
            throw HTTPError(.notFound, message: "This plan has no inspection yet: add the inspection's details first.")
        }
        return inspection
    }

    @Sendable func recommendationForm(_ request: Request, context: AppContext) async throws -> HTML {
        let found = try await contents(try FormReading.id(in: context))
        let inspection = try requireInspection(found)
        var recommendation: Inspection.Recommendation?
        if let text = request.uri.queryParameters.get("number") {
            guard let number = Int(text), let existing = inspection.recommendations.first(where: { $0.number == number }) else {
                throw HTTPError(.notFound, message: "The inspection has no recommendation \(text).")
            }
            recommendation = existing
        }
        return try render(RecommendationEditPage(plan: found.plan, inspection: inspection, recommendation: recommendation))
    }

    @Sendable func saveRecommendation(_ request: Request, context: AppContext) async throws -> Response {
        let found = try await contents(try FormReading.id(in: context))
        let inspection = try requireInspection(found)
        let fields = try await FormFields.read(request, context: context)
        let version = try fields.version()
        let existing = fields.trimmed("original").flatMap { Int($0) }.flatMap { number in inspection.recommendations.first { $0.number == number } }
        switch RecommendationEditPage.validated(fields) {
        case let .failure(list):
            return try render(RecommendationEditPage(plan: found.plan, inspection: inspection, recommendation: existing, fields: fields,
                                                     outcome: FormOutcome(problems: list.problems)), status: .badRequest).response()
        case let .success(input):
            switch try await saving({
                _ = try await store.editPlanDetails(id: found.plan.id, organisationID: org, expectedVersion: version) { _, inspection in
                    guard var edited = inspection else { return }
                    let number = input.number ?? input.original ?? edited.nextRecommendationNumber
                    let recommendation = Inspection.Recommendation(number: number, text: input.text, paragraphs: input.paragraphs)
                    if let original = input.original {
                        guard let index = edited.recommendations.firstIndex(where: { $0.number == original }) else {
                            throw ValidationError(field: "recommendations[0].text",
                                                  message: "Recommendation \(original) is no longer in the inspection: someone else removed it. Add it again if it is still needed.")
                        }
                        edited.recommendations[index] = recommendation
                    } else {
                        edited.recommendations.append(recommendation)
                    }
                    inspection = edited
                }
            }) {
            case .saved:
                return redirect(to: .planInspection(found.plan.id), query: input.original == nil ? "saved=recommendation-added" : "saved=recommendation-saved",
                                fragment: "recommendations")
            case .stale:
                let now = try await contents(found.plan.id)
                var outcome = FormOutcome(errorIntro: Self.staleIntro(now.plan, what: "Your recommendation"))
                outcome.problems.add("recommendation-text", "Check the recommendation against the inspection as it is now, then save again")
                return try render(RecommendationEditPage(plan: now.plan, inspection: try requireInspection(now), recommendation: existing, fields: fields,
                                                         outcome: outcome), status: .conflict).response()
            case let .refused(errors):
                return try render(RecommendationEditPage(plan: found.plan, inspection: inspection, recommendation: existing, fields: fields,
                                                         outcome: .refused(errors, id: RecommendationEditPage.id)), status: .badRequest).response()
            }
        }
    }

    @Sendable func recommendationRemovalForm(_ request: Request, context: AppContext) async throws -> HTML {
        let found = try await contents(try FormReading.id(in: context))
        let inspection = try requireInspection(found)
        let text = request.uri.queryParameters.get("number") ?? ""
        guard let number = Int(text), inspection.recommendations.contains(where: { $0.number == number }) else {
            throw HTTPError(.notFound, message: "The inspection has no recommendation \(text).")
        }
        return try render(recommendationRemovalPage(found.plan, number: number))
    }

    func recommendationRemovalPage(_ plan: Plan, number: Int, outcome: FormOutcome = FormOutcome()) -> PlanRemovalPage {
        PlanRemovalPage(plan: plan, what: "the recommendation", heading: "Remove recommendation \(number)?",
                        postTo: .planRecommendationRemoval(plan.id), version: plan.version, refusal: nil,
                        item: ("number", String(number)), back: .planInspection(plan.id), outcome: outcome)
    }

    @Sendable func removeRecommendation(_ request: Request, context: AppContext) async throws -> Response {
        let found = try await contents(try FormReading.id(in: context))
        let inspection = try requireInspection(found)
        let fields = try await FormFields.read(request, context: context)
        let version = try fields.version()
        guard let number = fields.trimmed("number").flatMap({ Int($0) }), inspection.recommendations.contains(where: { $0.number == number }) else {
            throw HTTPError(.notFound, message: "The inspection has no such recommendation.")
        }
        switch try await saving({
            _ = try await store.editPlanDetails(id: found.plan.id, organisationID: org, expectedVersion: version) { _, inspection in
                inspection?.recommendations.removeAll { $0.number == number }
            }
        }) {
        case .saved:
            return redirect(to: .planInspection(found.plan.id), query: "saved=recommendation-removed", fragment: "recommendations")
        case .stale:
            let now = try await contents(found.plan.id)
            return try render(recommendationRemovalPage(now.plan, number: number, outcome: FormOutcome(
                errorIntro: "Someone else changed this plan after you opened the page, so the recommendation has not been removed. Check it, then remove it again if you still mean to.")),
                status: .conflict).response()
        case let .refused(errors):
            return try render(recommendationRemovalPage(found.plan, number: number, outcome: .refused(errors) { _ in "remove" }), status: .badRequest).response()
        }
    }
}
