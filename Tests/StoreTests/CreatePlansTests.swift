import Core
import Testing
@testable import Store

/// The plans of one imported file are stored together or not at all.
@Suite("Storing several plans at once")
struct CreatePlansTests {
    func draft(_ title: String, organisationID: Int64, actionTitle: String = "Do the thing") -> PlanDraft {
        let action = Action(areaID: 0, ref: "1.1", title: actionTitle)
        let area = PlanDraft.AreaDraft(area: Area(themeID: 0, position: 1, ref: "1", title: "Assessment"), actions: [.init(action: action)])
        return PlanDraft(plan: Plan(organisationID: organisationID, title: title),
                         themes: [.init(theme: Theme(planID: 0, position: 1, ref: "", title: title), areas: [area])])
    }

    @Test("All the plans are stored in one go", arguments: TestDatabase.all)
    func storesAll(database: TestDatabase) async throws {
        try await withStore(database) { store in
            let org = try await store.createOrganisation(Organisation(name: "Anytown"))
            let plans = try await store.createPlans([draft("Tracker", organisationID: org.id), draft("Plan", organisationID: org.id)])
            #expect(plans.map(\.title) == ["Tracker", "Plan"])
            #expect(try await store.plans(organisationID: org.id).count == 2)
        }
    }

    @Test("When one plan fails the checks, none is stored, and the errors say which plan", arguments: TestDatabase.all)
    func storesNone(database: TestDatabase) async throws {
        try await withStore(database) { store in
            let org = try await store.createOrganisation(Organisation(name: "Anytown"))
            await #expect(throws: ValidationErrors.self) {
                _ = try await store.createPlans([draft("Tracker", organisationID: org.id), draft("Plan", organisationID: org.id, actionTitle: " ")])
            }
            do {
                _ = try await store.createPlans([draft("Tracker", organisationID: org.id), draft("Plan", organisationID: org.id, actionTitle: "")])
            } catch let errors as ValidationErrors {
                #expect(errors.errors.first?.field == "plans[1].themes[0].areas[0].actions[0].title")
            }
            #expect(try await store.plans(organisationID: org.id).isEmpty)
        }
    }
}
