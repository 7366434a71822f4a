import Core
import Foundation
@testable import Store
import Testing

@Suite("Plans: a whole plan goes in and comes back out unchanged")
struct PlanRoundTripTests {
    @Test("createPlan then planContents returns every field of the draft", arguments: TestDatabase.all)
    func roundTrip(database: TestDatabase) async throws {
        try await withStore(database) { store in
            let organisation = try await Fixture.organisation(store)
            let draft = try Fixture.draft(organisationID: organisation.id)
            let plan = try await store.createPlan(draft)

            #expect(plan.id > 0)
            #expect(plan.version == 1)
            let inspectionID = try #require(plan.inspectionID)

            let contents = try await store.planContents(id: plan.id, organisationID: organisation.id, fullHistory: true)
            var expectedPlan = draft.plan
            expectedPlan.id = plan.id
            expectedPlan.inspectionID = inspectionID
            #expect(contents.plan == expectedPlan)
            #expect(contents.plan == plan)

            var expectedInspection = try #require(draft.inspection)
            expectedInspection.id = inspectionID
            expectedInspection.organisationID = organisation.id
            #expect(contents.inspection == expectedInspection)
            #expect(try await store.inspection(id: inspectionID, organisationID: organisation.id) == expectedInspection)

            let measures = try await store.measures(organisationID: organisation.id)
            #expect(measures.map(\.code) == Fixture.measureCodes)
            let idByCode = Dictionary(uniqueKeysWithValues: measures.map { ($0.code, $0.id) })

            try #require(contents.themes.count == draft.themes.count)
            var position = 0
            for (t, themeDraft) in draft.themes.enumerated() {
                let theme = contents.themes[t]
                var expectedTheme = themeDraft.theme
                expectedTheme.id = theme.id
                expectedTheme.planID = plan.id
                expectedTheme.position = t
                #expect(theme == expectedTheme)

                let areas = contents.areas(in: theme)
                try #require(areas.count == themeDraft.areas.count)
                for (a, areaDraft) in themeDraft.areas.enumerated() {
                    let area = areas[a]
                    var expectedArea = areaDraft.area
                    expectedArea.id = area.id
                    expectedArea.themeID = theme.id
                    expectedArea.position = a
                    #expect(area == expectedArea)

                    let actions = contents.actions(in: area)
                    try #require(actions.count == areaDraft.actions.count)
                    for (i, actionDraft) in areaDraft.actions.enumerated() {
                        position += 1
                        let action = actions[i]
                        var expected = actionDraft.action
                        expected.id = action.id
                        expected.areaID = area.id
                        expected.position = position
                        expected.version = 1
                        expected.measureIDs = actionDraft.measureCodes.map { idByCode[$0]! }.sorted()
                        // Ids are the store's to give; everything else must be what the draft said, in order.
                        try #require(action.milestones.count == expected.milestones.count)
                        for m in expected.milestones.indices { expected.milestones[m].id = action.milestones[m].id }
                        try #require(action.updates.count == expected.updates.count)
                        for u in expected.updates.indices {
                            expected.updates[u].id = action.updates[u].id
                            expected.updates[u].actionID = action.id
                        }
                        #expect(action == expected, "action \(actionDraft.action.ref)")
                        #expect(action.milestones.allSatisfy { $0.id > 0 })
                        #expect(Set(action.milestones.map(\.id)).count == action.milestones.count)
                        #expect(action.updates.allSatisfy { $0.id > 0 })
                    }
                }
            }
            #expect(position == 5)
        }
    }

    @Test("Themes, areas and actions come back in plan order", arguments: TestDatabase.all)
    func planOrder(database: TestDatabase) async throws {
        try await withStore(database) { store in
            let (organisation, plan) = try await Fixture.seeded(store)
            let contents = try await store.planContents(id: plan.id, organisationID: organisation.id, fullHistory: false)
            #expect(contents.themes.map(\.ref) == ["1", "2"])
            #expect(contents.areas.map(\.ref) == ["1.1", "1.2", "2.1"])
            #expect(contents.actions.map(\.ref) == ["1.1.1", "1.1.2", "1.2.1", "2.1.1", "2.1.2"])
            #expect(contents.actions.map(\.position) == [1, 2, 3, 4, 5])
        }
    }

    @Test("Draft positions do not scramble the plan order", arguments: TestDatabase.all)
    func draftPositionsIgnored(database: TestDatabase) async throws {
        try await withStore(database) { store in
            let organisation = try await Fixture.organisation(store)
            var draft = try Fixture.draft(organisationID: organisation.id)
            // Positions as an importer might give them: numbered within each area.
            for t in draft.themes.indices {
                for a in draft.themes[t].areas.indices {
                    for i in draft.themes[t].areas[a].actions.indices {
                        draft.themes[t].areas[a].actions[i].action.position = i
                    }
                }
            }
            let plan = try await store.createPlan(draft)
            let contents = try await store.planContents(id: plan.id, organisationID: organisation.id, fullHistory: false)
            #expect(contents.actions.map(\.ref) == ["1.1.1", "1.1.2", "1.2.1", "2.1.1", "2.1.2"])
        }
    }

    @Test("Full history returns every update newest first; otherwise only the latest per action", arguments: TestDatabase.all)
    func history(database: TestDatabase) async throws {
        try await withStore(database) { store in
            let (organisation, plan) = try await Fixture.seeded(store)
            let full = try await store.planContents(id: plan.id, organisationID: organisation.id, fullHistory: true)
            let brief = try await store.planContents(id: plan.id, organisationID: organisation.id, fullHistory: false)

            let a111 = try #require(full.actions.first { $0.ref == "1.1.1" })
            #expect(a111.updates.map(\.date) == [Day(2023, 8, 31), Day(2023, 6, 30)])
            #expect(a111.updates.map(\.text) == ["Training under way: 60% of staff trained.", "Framework signed off by the DCS."])

            for action in full.actions {
                let short = try #require(brief.actions.first { $0.id == action.id })
                #expect(short.updates == (action.latestUpdate.map { [$0] } ?? []), "action \(action.ref)")
                #expect(short.updates.first == action.updates.first)
                // Apart from the history, the two readings agree.
                var trimmed = action
                trimmed.updates = short.updates
                #expect(short == trimmed)
            }
            #expect(brief.actions.first { $0.ref == "2.1.2" }?.updates == [])

            // A later update, and a backdated one: the latest is the newest by date.
            let id = a111.id
            _ = try await store.addProgressUpdate(ProgressUpdate(actionID: id, date: Day(2023, 9, 30), author: "Jo Bloggs",
                                                                 text: "All staff trained."),
                                                  organisationID: organisation.id, expectedVersion: nil)
            _ = try await store.addProgressUpdate(ProgressUpdate(actionID: id, date: Day(2023, 7, 31), author: "Jo Bloggs",
                                                                 text: "Late note for July."),
                                                  organisationID: organisation.id, expectedVersion: nil)
            let again = try await store.planContents(id: plan.id, organisationID: organisation.id, fullHistory: false)
            #expect(again.actions.first { $0.id == id }?.updates.map(\.text) == ["All staff trained."])
            let history = try await store.action(id: id, organisationID: organisation.id).action.updates
            #expect(history.map(\.date) == [Day(2023, 9, 30), Day(2023, 8, 31), Day(2023, 7, 31), Day(2023, 6, 30)])
        }
    }

    @Test("Updates given on the same day keep the draft's newest-first order", arguments: TestDatabase.all)
    func sameDayUpdatesInDraft(database: TestDatabase) async throws {
        try await withStore(database) { store in
            let organisation = try await Fixture.organisation(store)
            var draft = try Fixture.draft(organisationID: organisation.id)
            let day = Day(2023, 10, 31)
            draft.themes[1].areas[0].actions[1].action.updates = [
                ProgressUpdate(actionID: 0, date: day, author: "Lead", text: "Second note of the day", recordedAt: Fixture.instant(20)),
                ProgressUpdate(actionID: 0, date: day, author: "Lead", text: "First note of the day", recordedAt: Fixture.instant(10)),
            ]
            let plan = try await store.createPlan(draft)
            let full = try await store.planContents(id: plan.id, organisationID: organisation.id, fullHistory: true)
            let brief = try await store.planContents(id: plan.id, organisationID: organisation.id, fullHistory: false)
            #expect(full.actions.first { $0.ref == "2.1.2" }?.updates.map(\.text) == ["Second note of the day", "First note of the day"])
            #expect(full.actions.first { $0.ref == "2.1.2" }?.latestUpdate?.text == "Second note of the day")
            #expect(brief.actions.first { $0.ref == "2.1.2" }?.updates.map(\.text) == ["Second note of the day"])
        }
    }

    @Test("action(id:) returns the action with its area, theme and plan", arguments: TestDatabase.all)
    func actionInContext(database: TestDatabase) async throws {
        try await withStore(database) { store in
            let (organisation, plan) = try await Fixture.seeded(store)
            let contents = try await store.planContents(id: plan.id, organisationID: organisation.id, fullHistory: true)
            for action in contents.actions {
                let found = try await store.action(id: action.id, organisationID: organisation.id)
                let area = try #require(contents.areas.first { $0.id == action.areaID })
                let theme = try #require(contents.themes.first { $0.id == area.themeID })
                #expect(found.action == action)
                #expect(found.area == area)
                #expect(found.theme == theme)
                #expect(found.plan == plan)
            }
            let a211 = try #require(contents.actions.first { $0.ref == "2.1.1" })
            let context = try await store.action(id: a211.id, organisationID: organisation.id)
            #expect(context.area.ref == "2.1")
            #expect(context.theme.title == "Leadership and management")
        }
    }

    @Test("A second plan and a second organisation keep their own records", arguments: TestDatabase.all)
    func plansListed(database: TestDatabase) async throws {
        try await withStore(database) { store in
            let (organisation, first) = try await Fixture.seeded(store)
            let second = try await store.createPlan(PlanDraft(
                plan: Plan(organisationID: organisation.id, title: "Scrutiny review tracker", kind: .recommendationTracker,
                           updateCycle: .quarterly),
                themes: [.init(theme: Theme(planID: 0, position: 0, ref: "R", title: "Recommendations"), areas: [
                    .init(area: Area(themeID: 0, position: 0, ref: "R1", title: "Recommendation 1"), actions: [
                        // Links to a measure stored by the first plan, by its code.
                        .init(action: Action(areaID: 0, ref: "R1.1", title: "Respond to the committee"), measureCodes: ["CSC-01"]),
                    ]),
                ])]))
            #expect(try await store.plans(organisationID: organisation.id) == [first, second])
            #expect(second.inspectionID == nil)
            let contents = try await store.planContents(id: second.id, organisationID: organisation.id, fullHistory: true)
            #expect(contents.inspection == nil)
            #expect(contents.plan.kind == .recommendationTracker)
            #expect(contents.plan.updateCycle == .quarterly)
            #expect(contents.actions.map(\.position) == [1])
            let measure = try #require(try await store.measures(organisationID: organisation.id).first { $0.code == "CSC-01" })
            #expect(contents.actions.first?.measureIDs == [measure.id])

            let other = try await store.createOrganisation(Organisation(name: "Riverside Safeguarding Partnership", kind: .partnership))
            #expect(other.kind == .partnership)
            #expect(try await store.plans(organisationID: other.id) == [])
            #expect(try await store.organisations().map(\.name) == ["Northshire County Council", "Riverside Safeguarding Partnership"])
            #expect(try await store.organisation(named: "Riverside Safeguarding Partnership") == other)
            #expect(try await store.organisation(named: "Nowhere") == nil)
            await #expect(throws: StoreError.self) {
                try await store.createOrganisation(Organisation(name: "Northshire County Council"))
            }
        }
    }

    @Test("A measure code already stored for the organisation is linked, not duplicated", arguments: TestDatabase.all)
    func existingMeasureLinked(database: TestDatabase) async throws {
        try await withStore(database) { store in
            let organisation = try await Fixture.organisation(store)
            let existing = try await store.createMeasure(Measure(organisationID: organisation.id, code: "CSC-01",
                                                                 title: "Re-referrals (stored earlier)"))
            let plan = try await store.createPlan(try Fixture.draft(organisationID: organisation.id))
            let measures = try await store.measures(organisationID: organisation.id)
            #expect(measures.map(\.code) == ["CSC-01", "CSC-02"])
            #expect(measures.first?.id == existing.id)
            #expect(measures.first?.title == "Re-referrals (stored earlier)")
            let a111 = try await store.action(ref: "1.1.1", planID: plan.id, organisationID: organisation.id)
            #expect(a111.measureIDs == [existing.id])
        }
    }
}

@Suite("Plans: createPlan is all or nothing")
struct CreatePlanAtomicityTests {
    static let tables = ["inspections", "plans", "themes", "areas", "actions", "milestones", "progress_updates",
                         "measures", "measure_values", "action_measures"]

    func expectNothingStored(_ store: SQLStore, organisationID: Int64) async throws {
        #expect(try await store.plans(organisationID: organisationID) == [])
        #expect(try await store.measures(organisationID: organisationID) == [])
        for table in Self.tables {
            #expect(try await store.count(table) == 0, "\(table) should be empty")
        }
    }

    @Test("An action linking an unknown measure code stores nothing, not even the draft's measures", arguments: TestDatabase.all)
    func unknownMeasureCode(database: TestDatabase) async throws {
        try await withStore(database) { store in
            let organisation = try await Fixture.organisation(store)
            var draft = try Fixture.draft(organisationID: organisation.id)
            // The last action, so themes, areas, earlier actions and the measures were written before the failure.
            draft.themes[1].areas[0].actions[1].measureCodes = ["CSC-99"]
            await #expect {
                try await store.createPlan(draft)
            } throws: { error in
                let message = (error as? ValidationError)?.message ?? (error as? ValidationErrors)?.description ?? ""
                return message.contains("CSC-99")
            }
            try await expectNothingStored(store, organisationID: organisation.id)

            // The store still works afterwards.
            draft.themes[1].areas[0].actions[1].measureCodes = ["CSC-02"]
            let plan = try await store.createPlan(draft)
            #expect(try await store.plans(organisationID: organisation.id).map(\.id) == [plan.id])
        }
    }

    @Test("A duplicate action reference is refused and stores nothing", arguments: TestDatabase.all)
    func duplicateActionRef(database: TestDatabase) async throws {
        try await withStore(database) { store in
            let organisation = try await Fixture.organisation(store)
            var draft = try Fixture.draft(organisationID: organisation.id)
            draft.themes[1].areas[0].actions[1].action.ref = "1.1.1"
            await #expect {
                try await store.createPlan(draft)
            } throws: { error in
                (error as? ValidationErrors)?.errors.contains { $0.field == "themes[1].areas[0].actions[1].ref" } == true
            }
            try await expectNothingStored(store, organisationID: organisation.id)
        }
    }

    @Test("A plan for an organisation that does not exist stores nothing", arguments: TestDatabase.all)
    func unknownOrganisation(database: TestDatabase) async throws {
        try await withStore(database) { store in
            let draft = try Fixture.draft(organisationID: 4242)
            await #expect(throws: StoreError.notFound(entity: "organisation", id: "4242")) {
                try await store.createPlan(draft)
            }
            try await expectNothingStored(store, organisationID: 4242)
        }
    }

    @Test("An invalid action in the draft (complete with no completion date) stores nothing", arguments: TestDatabase.all)
    func invalidAction(database: TestDatabase) async throws {
        try await withStore(database) { store in
            let organisation = try await Fixture.organisation(store)
            var draft = try Fixture.draft(organisationID: organisation.id)
            draft.themes[0].areas[1].actions[0].action.status = .complete
            await #expect(throws: ValidationErrors.self) {
                try await store.createPlan(draft)
            }
            try await expectNothingStored(store, organisationID: organisation.id)
        }
    }
}
