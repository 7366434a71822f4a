import Core
import Foundation
@testable import Store
import Testing

@Suite("Actions: edits are versioned and persisted")
struct ActionEditingTests {
    @Test("editAction bumps the version and persists status, leads, milestones and measure links", arguments: TestDatabase.all)
    func editPersists(database: TestDatabase) async throws {
        try await withStore(database) { store in
            let (organisation, plan) = try await Fixture.seeded(store)
            let before = try await store.action(ref: "1.1.1", planID: plan.id, organisationID: organisation.id)
            let measures = try await store.measures(organisationID: organisation.id)
            let csc02 = try #require(measures.first { $0.code == "CSC-02" }).id
            #expect(before.version == 1)
            #expect(before.milestones.map(\.title) == ["Framework drafted", "Staff trained", "Audit of new assessments"])

            let trained = before.milestones[1].id
            let audit = before.milestones[2].id
            let edited = try await store.editAction(id: before.id, organisationID: organisation.id, expectedVersion: 1) { action in
                action.title = "Introduce and embed a single assessment framework"
                action.leads = ["Head of Service, Assessment"]
                action.setStatus(.onHold, on: Day(2023, 10, 1))
                action.percentComplete = 55
                try action.completeMilestone(id: trained, on: Day(2023, 9, 29))
                action.milestones.removeAll { $0.id == audit }
                action.milestones.insert(Milestone(title: "Practice week", dueDate: Day(2023, 11, 6)), at: 1)
                action.milestones.append(Milestone(title: "Re-audit", dueDate: Day(2024, 3, 1)))
                action.measureIDs = [csc02]
                try action.reprogramme(to: Day(2024, 2, 29), reason: "Training took longer", on: Day(2023, 10, 1), by: "Jo Bloggs")
                action.difference = DifferenceJudgement(value: .makingADifference, date: Day(2023, 10, 1), by: "Jo Bloggs",
                                                        note: "Audit grades up again")
                action.evidence.append(EvidenceOfImpact(date: Day(2023, 9, 30), text: "Children's views in 90% of assessments",
                                                        author: "QA"))
                action.override = try RatingOverride(rating: .green, reason: "Pause agreed", by: "Chair", on: Day(2023, 10, 2))
            }

            #expect(edited.version == 2)
            #expect(edited.id == before.id)
            #expect(edited.areaID == before.areaID)
            #expect(edited.title == "Introduce and embed a single assessment framework")
            #expect(edited.leads == ["Head of Service, Assessment"])
            #expect(edited.status == .onHold)
            #expect(edited.percentComplete == 55)
            #expect(edited.dueDate == Day(2024, 2, 29))
            #expect(edited.originalDueDate == Day(2023, 12, 31))
            #expect(edited.reprogrammings.count == 1)
            #expect(edited.measureIDs == [csc02])
            #expect(edited.milestones.map(\.title) == ["Framework drafted", "Practice week", "Staff trained", "Re-audit"])
            #expect(edited.milestones[2].id == trained)
            #expect(edited.milestones[2].completedOn == Day(2023, 9, 29))
            #expect(edited.milestones[0].completedOn == Day(2023, 5, 20))
            #expect(edited.milestones.allSatisfy { $0.id > 0 })
            #expect(!edited.milestones.contains { $0.id == audit })
            #expect(edited.updates == before.updates)
            #expect(edited.override?.rating == .green)
            #expect(edited.difference?.value == .makingADifference)
            #expect(edited.evidence.count == 2)

            // What was returned is what is stored, and other actions are untouched.
            #expect(try await store.action(id: before.id, organisationID: organisation.id).action == edited)
            #expect(try await store.count("milestones", organisationID: organisation.id) == 7 - 1 + 2)
            let linked = try await store.actionsLinked(toMeasure: csc02, organisationID: organisation.id)
            #expect(linked.map(\.ref) == ["1.1.1", "1.2.1", "2.1.1"])
            let a121 = try await store.action(ref: "1.2.1", planID: plan.id, organisationID: organisation.id)
            #expect(a121.version == 1)
            #expect(a121.milestones.map(\.title) == ["Agency social workers appointed", "Permanent recruitment campaign"])

            // A second edit with the new version; no version at all is also accepted.
            let third = try await store.editAction(id: before.id, organisationID: organisation.id, expectedVersion: 2) {
                $0.milestones.reverse()
                $0.measureIDs = []
            }
            #expect(third.version == 3)
            #expect(third.milestones.map(\.title) == ["Re-audit", "Staff trained", "Practice week", "Framework drafted"])
            #expect(third.measureIDs == [])
            let fourth = try await store.editAction(id: before.id, organisationID: organisation.id, expectedVersion: nil) {
                $0.outcome = "Better plans"
            }
            #expect(fourth.version == 4)
            #expect(try await store.action(id: before.id, organisationID: organisation.id).action == fourth)
        }
    }

    @Test("An edit cannot rewrite history or change its id, and moves the action only within its plan", arguments: TestDatabase.all)
    func editKeepsHistory(database: TestDatabase) async throws {
        try await withStore(database) { store in
            let (organisation, plan) = try await Fixture.seeded(store)
            let before = try await store.action(ref: "1.1.1", planID: plan.id, organisationID: organisation.id)
            let edited = try await store.editAction(id: before.id, organisationID: organisation.id, expectedVersion: 1) {
                $0.updates = []
                $0.id = 9999
                $0.title = "Renamed"
            }
            #expect(edited.id == before.id)
            #expect(edited.areaID == before.areaID)
            #expect(edited.updates == before.updates)
            #expect(edited.title == "Renamed")

            await #expect(throws: ValidationErrors([ValidationError(field: "areaID", message: "Choose an area of this action's plan")])) {
                try await store.editAction(id: before.id, organisationID: organisation.id, expectedVersion: nil) { $0.areaID = 9999 }
            }
            let contents = try await store.planContents(id: plan.id, organisationID: organisation.id, fullHistory: false)
            let otherArea = try #require(contents.areas.first { $0.id != before.areaID })
            let moved = try await store.editAction(id: before.id, organisationID: organisation.id, expectedVersion: nil) { $0.areaID = otherArea.id }
            #expect(moved.areaID == otherArea.id)
            #expect(moved.version == edited.version + 1)
        }
    }

    @Test("An invalid edit, or an edit that throws, is refused and changes nothing", arguments: TestDatabase.all)
    func invalidEdit(database: TestDatabase) async throws {
        try await withStore(database) { store in
            let (organisation, plan) = try await Fixture.seeded(store)
            let before = try await store.action(ref: "1.1.1", planID: plan.id, organisationID: organisation.id)

            await #expect {
                try await store.editAction(id: before.id, organisationID: organisation.id, expectedVersion: 1) {
                    $0.title = "  "
                    $0.percentComplete = 120
                    $0.milestones = []
                }
            } throws: { error in
                Set((error as? ValidationErrors)?.errors.map(\.field) ?? []) == ["title", "percentComplete"]
            }

            struct Refused: Error {}
            await #expect(throws: Refused.self) {
                try await store.editAction(id: before.id, organisationID: organisation.id, expectedVersion: 1) {
                    $0.milestones = []
                    throw Refused()
                }
            }

            let csc99: Int64 = 99_999
            await #expect(throws: ValidationError.self) {
                try await store.editAction(id: before.id, organisationID: organisation.id, expectedVersion: 1) {
                    $0.title = "Linked to nothing"
                    $0.measureIDs = [csc99]
                }
            }
            #expect(try await store.action(id: before.id, organisationID: organisation.id).action == before)

            await #expect(throws: StoreError.notFound(entity: "action", id: "424242")) {
                try await store.editAction(id: 424_242, organisationID: organisation.id, expectedVersion: nil) { $0.title = "x" }
            }
        }
    }

    @Test("Two edits both naming version 1: the second is refused and the first's change is kept", arguments: TestDatabase.all)
    func staleEditRefused(database: TestDatabase) async throws {
        try await withStore(database) { store in
            let (organisation, plan) = try await Fixture.seeded(store)
            let action = try await store.action(ref: "1.2.1", planID: plan.id, organisationID: organisation.id)

            let first = try await store.editAction(id: action.id, organisationID: organisation.id, expectedVersion: 1) {
                $0.percentComplete = 50
            }
            #expect(first.version == 2)
            await #expect(throws: StoreError.staleVersion(entity: "action", id: action.id, expected: 1, current: 2)) {
                try await store.editAction(id: action.id, organisationID: organisation.id, expectedVersion: 1) {
                    $0.percentComplete = 5
                    $0.title = "Overwritten"
                }
            }
            let stored = try await store.action(id: action.id, organisationID: organisation.id).action
            #expect(stored == first)
            #expect(stored.percentComplete == 50)
            #expect(stored.title == action.title)
            #expect(stored.version == 2)
        }
    }

    @Test("Two concurrent edits naming the same version: exactly one succeeds", arguments: TestDatabase.all, 0..<5)
    func concurrentEdits(database: TestDatabase, round: Int) async throws {
        try await withStore(database) { store in
            let (organisation, plan) = try await Fixture.seeded(store)
            let action = try await store.action(ref: "1.1.1", planID: plan.id, organisationID: organisation.id)
            let org = organisation.id
            let id = action.id
            let milestone = action.milestones[1].id

            async let a = outcome {
                try await store.editAction(id: id, organisationID: org, expectedVersion: 1) {
                    $0.title = "Edited by A"
                    $0.percentComplete = 60
                    $0.milestones.append(Milestone(title: "Added by A"))
                }
            }
            async let b = outcome {
                try await store.editAction(id: id, organisationID: org, expectedVersion: 1) {
                    $0.title = "Edited by B"
                    $0.percentComplete = 70
                    try $0.completeMilestone(id: milestone, on: Day(2023, 9, 1))
                }
            }
            let results = await [a, b]
            let successes = results.compactMap { try? $0.get() }
            let failures = results.compactMap { result -> (any Error)? in
                if case let .failure(error) = result { return error }
                return nil
            }
            try #require(successes.count == 1, "round \(round)")
            try #require(failures.count == 1)
            #expect(failures[0] as? StoreError == .staleVersion(entity: "action", id: id, expected: 1, current: 2))

            let winner = successes[0]
            #expect(winner.version == 2)
            let stored = try await store.action(id: id, organisationID: org).action
            #expect(stored == winner)
            if winner.title == "Edited by A" {
                #expect(stored.percentComplete == 60)
                #expect(stored.milestones.map(\.title).last == "Added by A")
                #expect(stored.milestones[1].completedOn == nil)
            } else {
                #expect(stored.title == "Edited by B")
                #expect(stored.percentComplete == 70)
                #expect(stored.milestones.count == 3)
                #expect(stored.milestones[1].completedOn == Day(2023, 9, 1))
            }
        }
    }
}

@Suite("Actions: progress updates are appended, never overwritten")
struct ProgressUpdateTests {
    @Test("A progress update is appended to the history and applies its % complete and status", arguments: TestDatabase.all)
    func appendsAndApplies(database: TestDatabase) async throws {
        try await withStore(database) { store in
            let (organisation, plan) = try await Fixture.seeded(store)
            let before = try await store.action(ref: "1.1.1", planID: plan.id, organisationID: organisation.id)
            let recorded = Fixture.instant(1_000.25)

            let (saved, action) = try await store.addProgressUpdate(
                ProgressUpdate(actionID: before.id, date: Day(2023, 9, 30), author: "Jo Bloggs",
                               text: "All staff trained; audit booked.", percentComplete: 70, status: .inProgress,
                               recordedAt: recorded),
                organisationID: organisation.id, expectedVersion: 1)

            #expect(saved.id > 0)
            #expect(!before.updates.contains { $0.id == saved.id })
            #expect(saved.actionID == before.id)
            #expect(action.version == 2)
            #expect(action.percentComplete == 70)
            #expect(action.status == .inProgress)
            #expect(action.completedOn == nil)
            #expect(action.updates.count == 3)
            #expect(action.updates.first == saved)
            #expect(Array(action.updates.dropFirst()) == before.updates)
            #expect(action.latestUpdate == saved)
            #expect(saved.recordedAt == recorded)

            // Everything else about the action is as it was.
            var unchanged = action
            unchanged.updates = before.updates
            unchanged.percentComplete = before.percentComplete
            unchanged.version = before.version
            #expect(unchanged == before)
            #expect(try await store.action(id: before.id, organisationID: organisation.id).action == action)

            // An update with text only changes nothing but the history.
            let (_, second) = try await store.addProgressUpdate(
                ProgressUpdate(actionID: before.id, date: Day(2023, 10, 31), author: "Jo Bloggs", text: "No change this month."),
                organisationID: organisation.id, expectedVersion: nil)
            #expect(second.updates.count == 4)
            #expect(second.percentComplete == 70)
            #expect(second.status == .inProgress)
            #expect(second.version == 3)
            #expect(try await store.count("progress_updates", organisationID: organisation.id) == 4 + 2)
        }
    }

    @Test("An update marking the action complete records the completion day and 100%", arguments: TestDatabase.all)
    func completes(database: TestDatabase) async throws {
        try await withStore(database) { store in
            let (organisation, plan) = try await Fixture.seeded(store)
            let before = try await store.action(ref: "1.2.1", planID: plan.id, organisationID: organisation.id)
            let (_, action) = try await store.addProgressUpdate(
                ProgressUpdate(actionID: before.id, date: Day(2024, 2, 15), author: "Head of Service",
                               text: "Caseloads now average 17.", percentComplete: 90, status: .complete),
                organisationID: organisation.id, expectedVersion: before.version)
            #expect(action.status == .complete)
            #expect(action.completedOn == Day(2024, 2, 15))
            #expect(action.percentComplete == 100)
            #expect(try await store.action(id: before.id, organisationID: organisation.id).action == action)

            // Reopening clears the completion day.
            let (_, reopened) = try await store.addProgressUpdate(
                ProgressUpdate(actionID: before.id, date: Day(2024, 3, 1), author: "Head of Service",
                               text: "Reopened: caseloads rising again.", percentComplete: 80, status: .inProgress),
                organisationID: organisation.id, expectedVersion: action.version)
            #expect(reopened.status == .inProgress)
            #expect(reopened.completedOn == nil)
            #expect(reopened.percentComplete == 80)
            #expect(reopened.updates.map(\.text).prefix(2) == ["Reopened: caseloads rising again.", "Caseloads now average 17."])
        }
    }

    @Test("An invalid update is refused and nothing is stored", arguments: TestDatabase.all, [
        ("", "Jo Bloggs", Optional<Int>.none, "text"),
        ("   \n", "Jo Bloggs", nil, "text"),
        ("Progress", " ", nil, "author"),
        ("Progress", "Jo Bloggs", 101, "percentComplete"),
        ("Progress", "Jo Bloggs", -1, "percentComplete"),
    ])
    func invalidUpdate(database: TestDatabase, update: (text: String, author: String, percent: Int?, field: String)) async throws {
        let (text, author, percent, field) = update
        try await withStore(database) { store in
            let (organisation, plan) = try await Fixture.seeded(store)
            let before = try await store.action(ref: "1.1.1", planID: plan.id, organisationID: organisation.id)
            await #expect {
                try await store.addProgressUpdate(
                    ProgressUpdate(actionID: before.id, date: Day(2023, 9, 30), author: author, text: text,
                                   percentComplete: percent, status: .complete),
                    organisationID: organisation.id, expectedVersion: nil)
            } throws: { error in
                (error as? ValidationErrors)?.errors.map(\.field) == [field]
            }
            #expect(try await store.action(id: before.id, organisationID: organisation.id).action == before)
            #expect(try await store.count("progress_updates") == 4)
        }
    }

    @Test("An update naming an old version is refused and nothing is stored", arguments: TestDatabase.all)
    func staleUpdate(database: TestDatabase) async throws {
        try await withStore(database) { store in
            let (organisation, plan) = try await Fixture.seeded(store)
            let before = try await store.action(ref: "1.1.1", planID: plan.id, organisationID: organisation.id)
            let edited = try await store.editAction(id: before.id, organisationID: organisation.id, expectedVersion: 1) {
                $0.percentComplete = 45
            }
            await #expect(throws: StoreError.staleVersion(entity: "action", id: before.id, expected: 1, current: 2)) {
                try await store.addProgressUpdate(
                    ProgressUpdate(actionID: before.id, date: Day(2023, 9, 30), author: "Jo Bloggs", text: "Stale",
                                   percentComplete: 10),
                    organisationID: organisation.id, expectedVersion: 1)
            }
            #expect(try await store.action(id: before.id, organisationID: organisation.id).action == edited)
            #expect(try await store.count("progress_updates") == 4)
        }
    }
}
