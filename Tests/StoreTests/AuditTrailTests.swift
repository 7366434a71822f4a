import Core
import Foundation
import SQLKit
@testable import Store
import Testing

@Suite("Audit trail")
struct AuditTrailTests {
    static let officer = AuditActor(name: "Jo Bloggs <jo.bloggs@northshire.example>", source: "10.0.0.7")

    /// Makes one change of each kind as the officer, and returns the organisation and the ids touched.
    static func changeEverything(_ store: SQLStore) async throws -> (organisation: Organisation, plan: Plan, action: Action, measure: Measure) {
        try await AuditActor.$current.withValue(officer) {
            let (organisation, plan) = try await Fixture.seeded(store)
            let org = organisation.id
            _ = try await store.editPlan(id: plan.id, organisationID: org, expectedVersion: plan.version) { $0.title = "Improvement plan (refreshed)" }
            let contents = try await store.planContents(id: plan.id, organisationID: org, fullHistory: false)
            let area = try #require(contents.areas.first)
            _ = try await store.editArea(id: area.id, organisationID: org, expectedVersion: area.version) { $0.improvementLead = "Head of Safeguarding" }
            let created = try await store.createAction(Action(areaID: area.id, position: 0, ref: "1.1.9", title: "Audit of step-downs"), organisationID: org)
            let edited = try await store.editAction(id: created.id, organisationID: org, expectedVersion: created.version) { $0.percentComplete = 20; $0.status = .inProgress }
            _ = try await store.addProgressUpdate(ProgressUpdate(actionID: edited.id, date: Day(2023, 9, 30), author: "Jo Bloggs",
                                                                 text: "Twelve cases audited.", percentComplete: 40),
                                                  organisationID: org, expectedVersion: edited.version)
            let measure = try await store.createMeasure(Measure(organisationID: org, code: "CSC-09", title: "Re-referrals within 12 months", unit: .percentage,
                                                                polarity: .lowerIsBetter))
            _ = try await store.editMeasure(id: measure.id, organisationID: org, expectedVersion: measure.version) { $0.owner = "Head of Quality Assurance" }
            let period = Period.month(year: 2023, month: 9)
            _ = try await store.recordValue(MeasureValue(period: period, value: 21, asAt: period.end), measureID: measure.id, organisationID: org, replace: false)
            _ = try await store.recordValue(MeasureValue(period: period, value: 19, asAt: period.end), measureID: measure.id, organisationID: org, replace: true)
            let action = try await store.action(id: created.id, organisationID: org).action
            return (organisation, plan, action, try await store.measure(id: measure.id, organisationID: org))
        }
    }

    @Test("each kind of change is in the trail with who, from where, and the values before and after")
    func everyChangeIsRecorded() async throws {
        try await withStore { store in
            let (organisation, plan, action, measure) = try await Self.changeEverything(store)
            let trail = try await store.auditTrail(organisationID: organisation.id)
            #expect(trail.allSatisfy { $0.actor == Self.officer.name && $0.source == "10.0.0.7" })

            func entries(_ entity: String, _ id: Int64) -> [AuditEntry] {
                trail.filter { $0.entity == entity && $0.entityID == String(id) }
            }
            let planEntries = entries("plan", plan.id)
            #expect(planEntries.map { $0.change } == [.create, .update])
            #expect(planEntries[1].before?.contains("Children's services improvement plan 2023-25") == true)
            #expect(planEntries[1].after?.contains("Improvement plan (refreshed)") == true)

            #expect(trail.contains { $0.entity == "area" && $0.change == .update && $0.after?.contains("Head of Safeguarding") == true })

            let actionEntries = entries("action", action.id)
            #expect(actionEntries.map { $0.change } == [.create, .update, .update])
            #expect(actionEntries[1].before?.contains("\"percentComplete\":0") == true)
            #expect(actionEntries[1].after?.contains("\"percentComplete\":20") == true)
            // The progress update moved the action from 20% to 40%: both are recorded.
            #expect(actionEntries[2].after?.contains("\"percentComplete\":40") == true)
            #expect(trail.contains { $0.entity == "progress update" && $0.change == .create && $0.after?.contains("Twelve cases audited.") == true })

            #expect(entries("measure", measure.id).map { $0.change } == [.create, .update])
            #expect(entries("measure", measure.id).last?.after?.contains("Head of Quality Assurance") == true)
            let values = entries("measure value", measure.id)
            #expect(values.map { $0.change } == [.create, .update])
            #expect(values.last?.before?.contains("\"value\":21") == true)
            #expect(values.last?.after?.contains("\"value\":19") == true)

            // The history of one record, as a history view reads it.
            let history = try await store.auditTrail(organisationID: organisation.id, entity: "action", entityID: action.id)
            #expect(history.map { $0.id } == actionEntries.map { $0.id })
        }
    }

    @Test("a change that is refused leaves no entry")
    func refusedChangeLeavesNoEntry() async throws {
        try await withStore { store in
            let (organisation, plan) = try await Fixture.seeded(store)
            let before = try await store.auditTrail(organisationID: organisation.id).count
            _ = await outcome { try await store.editPlan(id: plan.id, organisationID: organisation.id, expectedVersion: plan.version + 5) { $0.title = "Stale" } }
            _ = await outcome { try await store.editPlan(id: plan.id, organisationID: organisation.id, expectedVersion: nil) { $0.title = "" } }
            #expect(try await store.auditTrail(organisationID: organisation.id).count == before)
        }
    }

    @Test("the chain verifies, and tampering with one stored entry breaks it at that entry")
    func tamperingIsFound() async throws {
        try await withStore { store in
            _ = try await Self.changeEverything(store)
            guard case .intact(let count) = try await store.verifyAuditTrail() else {
                Issue.record("a fresh trail should verify")
                return
            }
            #expect(count >= 12)

            // The database refuses edits and deletes of the trail outright…
            let refused = await outcome { try await store.gateway.write { db in try await db.raw("UPDATE audit_log SET actor = 'someone else' WHERE id = 3").run() } }
            guard case .failure = refused else {
                Issue.record("an UPDATE of the audit trail should be refused")
                return
            }
            // …so a tamperer has to drop the guards first; the chain still shows where.
            try await store.gateway.write { db in
                try await db.raw("DROP TRIGGER audit_log_no_update").run()
                try await db.raw("DROP TRIGGER audit_log_no_delete").run()
                try await db.raw("UPDATE audit_log SET actor = 'Someone Else' WHERE id = 7").run()
            }
            #expect(try await store.verifyAuditTrail() == .broken(entryID: 7, reason: "its contents do not match its hash (the entry was changed)"))
        }
    }

    @Test("removing an entry breaks the chain at the entry after it")
    func removalIsFound() async throws {
        try await withStore { store in
            _ = try await Self.changeEverything(store)
            try await store.gateway.write { db in
                try await db.raw("DROP TRIGGER audit_log_no_delete").run()
                try await db.raw("DELETE FROM audit_log WHERE id = 4").run()
            }
            #expect(try await store.verifyAuditTrail() == .broken(entryID: 5, reason: "it does not follow the entry before it (an entry was removed or changed)"))
        }
    }
}
