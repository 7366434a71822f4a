import Core
import Foundation
@testable import Store
import Testing

@Suite("Organisations: another organisation's records are not found, whatever the id")
struct OrganisationScopingTests {
    @Test("Reading a plan, action, inspection or measure with another organisation's id throws notFound", arguments: TestDatabase.all)
    func readsScoped(database: TestDatabase) async throws {
        try await withStore(database) { store in
            let (organisation, plan) = try await Fixture.seeded(store)
            let other = try await Fixture.organisation(store, name: "Southshire Council")
            let contents = try await store.planContents(id: plan.id, organisationID: organisation.id, fullHistory: true)
            let action = try #require(contents.actions.first)
            let measure = try #require(try await store.measures(organisationID: organisation.id).first)
            let inspectionID = try #require(plan.inspectionID)

            await #expect(throws: StoreError.notFound(entity: "plan", id: String(plan.id))) {
                try await store.planContents(id: plan.id, organisationID: other.id, fullHistory: true)
            }
            await #expect(throws: StoreError.notFound(entity: "action", id: String(action.id))) {
                try await store.action(id: action.id, organisationID: other.id)
            }
            await #expect(throws: StoreError.notFound(entity: "measure", id: String(measure.id))) {
                try await store.measure(id: measure.id, organisationID: other.id)
            }
            await #expect(throws: StoreError.notFound(entity: "inspection", id: String(inspectionID))) {
                try await store.inspection(id: inspectionID, organisationID: other.id)
            }
            #expect(try await store.plans(organisationID: other.id) == [])
            #expect(try await store.measures(organisationID: other.id) == [])
            #expect(try await store.measures(ids: [measure.id], organisationID: other.id) == [])
            #expect(try await store.measures(ids: [measure.id], organisationID: organisation.id).map(\.id) == [measure.id])
            #expect(try await store.actionsLinked(toMeasure: measure.id, organisationID: other.id) == [])

            // Ids that exist nowhere are not found either.
            await #expect(throws: StoreError.notFound(entity: "plan", id: "987654")) {
                try await store.planContents(id: 987_654, organisationID: organisation.id, fullHistory: false)
            }
        }
    }

    @Test("Writing to another organisation's action or measure throws notFound and changes nothing", arguments: TestDatabase.all)
    func writesScoped(database: TestDatabase) async throws {
        try await withStore(database) { store in
            let (organisation, plan) = try await Fixture.seeded(store)
            let other = try await Fixture.organisation(store, name: "Southshire Council")
            let action = try await store.action(ref: "1.1.1", planID: plan.id, organisationID: organisation.id)
            let measure = try #require(try await store.measures(organisationID: organisation.id).first)

            await #expect(throws: StoreError.notFound(entity: "action", id: String(action.id))) {
                try await store.editAction(id: action.id, organisationID: other.id, expectedVersion: nil) { $0.title = "Taken over" }
            }
            await #expect(throws: StoreError.notFound(entity: "action", id: String(action.id))) {
                try await store.addProgressUpdate(ProgressUpdate(actionID: action.id, date: Day(2023, 9, 1), author: "Intruder",
                                                                 text: "Not mine", status: .withdrawn),
                                                  organisationID: other.id, expectedVersion: nil)
            }
            await #expect(throws: StoreError.notFound(entity: "measure", id: String(measure.id))) {
                try await store.editMeasure(id: measure.id, organisationID: other.id, expectedVersion: nil) { $0.title = "Taken over" }
            }
            await #expect(throws: StoreError.notFound(entity: "measure", id: String(measure.id))) {
                try await store.recordValue(MeasureValue(period: .month(year: 2023, month: 9), value: 1, asAt: Day(2023, 10, 1)),
                                            measureID: measure.id, organisationID: other.id, replace: true)
            }
            #expect(try await store.action(id: action.id, organisationID: organisation.id).action == action)
            #expect(try await store.measure(id: measure.id, organisationID: organisation.id) == measure)
        }
    }

    @Test("An action cannot be linked to another organisation's measure", arguments: TestDatabase.all)
    func crossOrganisationLinks(database: TestDatabase) async throws {
        try await withStore(database) { store in
            let (organisation, plan) = try await Fixture.seeded(store)
            let other = try await Fixture.organisation(store, name: "Southshire Council")
            let foreign = try await store.createMeasure(Measure(organisationID: other.id, code: "SS-1", title: "Southshire's measure"))
            let action = try await store.action(ref: "2.1.2", planID: plan.id, organisationID: organisation.id)

            await #expect(throws: ValidationError.self) {
                try await store.editAction(id: action.id, organisationID: organisation.id, expectedVersion: nil) {
                    $0.measureIDs = [foreign.id]
                }
            }
            #expect(try await store.action(id: action.id, organisationID: organisation.id).action == action)
            #expect(try await store.actionsLinked(toMeasure: foreign.id, organisationID: other.id) == [])

            // A draft naming a code only another organisation has is refused too.
            var draft = try Fixture.draft(organisationID: organisation.id, title: "Second plan")
            draft.measures = []
            draft.themes[0].areas[0].actions[0].measureCodes = ["SS-1"]
            await #expect(throws: ValidationError.self) {
                try await store.createPlan(draft)
            }
            #expect(try await store.plans(organisationID: organisation.id) == [plan])
        }
    }

    @Test("The same measure code may be used by two organisations", arguments: TestDatabase.all)
    func codesPerOrganisation(database: TestDatabase) async throws {
        try await withStore(database) { store in
            let (organisation, _) = try await Fixture.seeded(store)
            let other = try await Fixture.organisation(store, name: "Southshire Council")
            let plan = try await store.createPlan(try Fixture.draft(organisationID: other.id))
            let mine = try await store.measures(organisationID: organisation.id)
            let theirs = try await store.measures(organisationID: other.id)
            #expect(mine.map(\.code) == theirs.map(\.code))
            #expect(Set(mine.map(\.id)).isDisjoint(with: theirs.map(\.id)))
            let a111 = try await store.action(ref: "1.1.1", planID: plan.id, organisationID: other.id)
            #expect(a111.measureIDs == [theirs[0].id])
        }
    }
}
