import Core

/// Loads the demo council into a store once: a second load finds it and adds nothing.
public enum DemoLoading {
    public struct Outcome: Sendable {
        public var organisation: Organisation
        public var addedPlan: Plan?
    }

    public static func load(into store: any PlanStore, asAt today: Day) async throws -> Outcome {
        if let existing = try await store.organisation(named: DemoCouncil.organisationName) {
            if try await !store.plans(organisationID: existing.id).isEmpty {
                return Outcome(organisation: existing, addedPlan: nil)
            }
            let plan = try await store.createPlan(DemoCouncil.plan(organisationID: existing.id, asAt: today))
            return Outcome(organisation: existing, addedPlan: plan)
        }
        let organisation = try await store.createOrganisation(DemoCouncil.organisation())
        let plan = try await store.createPlan(DemoCouncil.plan(organisationID: organisation.id, asAt: today))
        return Outcome(organisation: organisation, addedPlan: plan)
    }
}
