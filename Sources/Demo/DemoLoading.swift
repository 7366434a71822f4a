import Core

/// Loads the demo council into a store once: a second load finds it and adds nothing. The plan
/// and the boards are each added only where the organisation has none yet, so a database loaded
/// before the demo had boards gets them without a second plan.
public enum DemoLoading {
    public struct Outcome: Sendable {
        public var organisation: Organisation
        public var addedPlan: Plan?
        /// The demo boards added by this load (none when the organisation already had boards).
        public var addedBoards: [Board] = []
    }

    public static func load(into store: any PlanStore & BoardStore, asAt today: Day) async throws -> Outcome {
        let organisation: Organisation
        if let existing = try await store.organisation(named: DemoCouncil.organisationName) {
            organisation = existing
        } else {
            organisation = try await store.createOrganisation(DemoCouncil.organisation())
        }
        var addedPlan: Plan?
        let plans = try await store.plans(organisationID: organisation.id)
        if plans.isEmpty {
            addedPlan = try await store.createPlan(DemoCouncil.plan(organisationID: organisation.id, asAt: today))
        }
        var addedBoards: [Board] = []
        if try await store.boards(organisationID: organisation.id).isEmpty {
            let planID = addedPlan?.id ?? plans.first?.id
            addedBoards = try await DemoBoards.load(into: store, organisationID: organisation.id, planID: planID, asAt: today)
        }
        return Outcome(organisation: organisation, addedPlan: addedPlan, addedBoards: addedBoards)
    }
}
