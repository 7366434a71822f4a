import Core
import Testing
@testable import Store

@Suite("Editing plans and areas")
struct PlanEditingTests {
    @Test("a plan's title and update cycle are edited, its version moves on, and a stale edit is refused", arguments: TestDatabase.all)
    func editPlan(database: TestDatabase) async throws {
        try await withStore(database) { store in
            let (organisation, plan) = try await Fixture.seeded(store)
            let edited = try await store.editPlan(id: plan.id, organisationID: organisation.id, expectedVersion: plan.version) { plan in
                plan.title = "Improvement plan 2023-26 (refreshed)"
                plan.updateCycle = .fortnightly
            }
            #expect(edited.title == "Improvement plan 2023-26 (refreshed)")
            #expect(edited.updateCycle == .fortnightly)
            #expect(edited.version == plan.version + 1)

            let stale = await outcome {
                try await store.editPlan(id: plan.id, organisationID: organisation.id, expectedVersion: plan.version) { $0.title = "Lost edit" }
            }
            guard case .failure(StoreError.staleVersion) = stale else {
                Issue.record("expected a stale version, got \(stale)")
                return
            }
            let contents = try await store.planContents(id: plan.id, organisationID: organisation.id, fullHistory: false)
            #expect(contents.plan.title == "Improvement plan 2023-26 (refreshed)")
        }
    }

    @Test("a plan cannot lose its title or end before it starts", arguments: TestDatabase.all)
    func invalidPlanEdit(database: TestDatabase) async throws {
        try await withStore(database) { store in
            let (organisation, plan) = try await Fixture.seeded(store)
            let result = await outcome {
                try await store.editPlan(id: plan.id, organisationID: organisation.id, expectedVersion: nil) { plan in
                    plan.title = "  "
                    plan.periodStart = Day(2024, 4, 1)
                    plan.periodEnd = Day(2024, 3, 31)
                }
            }
            guard case .failure(let error as ValidationErrors) = result else {
                Issue.record("expected validation errors, got \(result)")
                return
            }
            #expect(Set(error.errors.map { $0.field }) == ["title", "periodEnd"])
            let contents = try await store.planContents(id: plan.id, organisationID: organisation.id, fullHistory: false)
            #expect(contents.plan.version == plan.version)
        }
    }

    @Test("an area's lead and objectives are edited in place and keep their place in the plan", arguments: TestDatabase.all)
    func editArea(database: TestDatabase) async throws {
        try await withStore(database) { store in
            let (organisation, plan) = try await Fixture.seeded(store)
            let before = try await store.planContents(id: plan.id, organisationID: organisation.id, fullHistory: false)
            let area = try #require(before.areas.first)
            let edited = try await store.editArea(id: area.id, organisationID: organisation.id, expectedVersion: area.version) { area in
                area.improvementLead = "Head of Safeguarding"
                area.objectives = ["Every assessment within 45 working days", "Managers' oversight recorded"]
            }
            #expect(edited.improvementLead == "Head of Safeguarding")
            #expect(edited.version == area.version + 1)
            #expect(edited.position == area.position && edited.themeID == area.themeID)
            let after = try await store.planContents(id: plan.id, organisationID: organisation.id, fullHistory: false)
            #expect(after.areas.map { $0.id } == before.areas.map { $0.id })
            #expect(after.actions.count == before.actions.count)

            let stale = await outcome {
                try await store.editArea(id: area.id, organisationID: organisation.id, expectedVersion: area.version) { $0.title = "Lost" }
            }
            guard case .failure(StoreError.staleVersion) = stale else {
                Issue.record("expected a stale version, got \(stale)")
                return
            }
        }
    }

    @Test("another organisation's plan or area cannot be edited by id", arguments: TestDatabase.all)
    func scoped(database: TestDatabase) async throws {
        try await withStore(database) { store in
            let (_, plan) = try await Fixture.seeded(store)
            let other = try await Fixture.organisation(store, name: "Riverside Safeguarding Partnership")
            let contents = try await store.planContents(id: plan.id, organisationID: plan.organisationID, fullHistory: false)
            let area = try #require(contents.areas.first)
            let planEdit = await outcome { try await store.editPlan(id: plan.id, organisationID: other.id, expectedVersion: nil) { $0.title = "Taken" } }
            let areaEdit = await outcome { try await store.editArea(id: area.id, organisationID: other.id, expectedVersion: nil) { $0.title = "Taken" } }
            for result in [planEdit.map { _ in () }, areaEdit.map { _ in () }] {
                guard case .failure(StoreError.notFound) = result else {
                    Issue.record("expected not found, got \(result)")
                    continue
                }
            }
        }
    }
}
