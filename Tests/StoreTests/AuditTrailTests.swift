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

    /// Makes one change of each kind to a board and its business: board created and edited, work
    /// programme item created, moved and deleted, three meetings (held, held, cancelled), July's
    /// minutes numbered and approved at September, an action point raised, updated and edited.
    static func changeBoards(_ store: SQLStore, organisationID org: Int64) async throws
        -> (board: Board, july: Meeting, september: Meeting, point: ActionPoint, item: WorkProgrammeItem) {
        let created = try await store.createBoard(BoardFixture.board(organisationID: org))
        let board = try await store.editBoard(id: created.id, organisationID: org, expectedVersion: created.version) {
            $0.termsOfReference = "To hold the council to account as corporate parent."
        }
        let item = try await store.createWorkProgrammeItem(
            WorkProgrammeItem(boardID: board.id, title: "IRO annual report", presenter: "IRO Service Manager", purpose: .noting,
                              placement: .standing(.annually(month: 11))), organisationID: org)
        let moved = try await store.editWorkProgrammeItem(id: item.id, organisationID: org, expectedVersion: item.version) {
            $0.placement = .standing(.annually(month: 9))
        }
        var meetings: [Meeting] = []
        for date in [Day(2024, 7, 9), Day(2024, 9, 10), Day(2024, 11, 12)] {
            meetings.append(try await store.createMeeting(Meeting(boardID: board.id, date: date, venue: "Council Chamber, County Hall"),
                                                          organisationID: org, fromTemplate: true))
        }
        let held = try await store.editMeeting(id: meetings[0].id, organisationID: org, expectedVersion: meetings[0].version) {
            $0.status = .held
            $0.attendance = Attendance(present: Array(1...11))
        }
        let numbered = try await store.numberMinutes(meetingID: held.id, organisationID: org, expectedVersion: held.version)
        _ = try await store.editMeeting(id: meetings[1].id, organisationID: org, expectedVersion: nil) { $0.status = .held }
        _ = try await store.approveMinutes(meetingID: numbered.id, atMeetingID: meetings[1].id, organisationID: org,
                                           expectedVersion: numbered.version)
        _ = try await store.editMeeting(id: meetings[2].id, organisationID: org, expectedVersion: meetings[2].version) { $0.status = .cancelled }
        let point = try await store.createActionPoint(
            ActionPoint(boardID: board.id, raisedAtMeetingID: held.id, raisedAtItem: 5, text: "Circulate PEP completion figures by school",
                        owner: "Virtual School headteacher", due: .date(Day(2024, 8, 31))), organisationID: org)
        let updated = try await store.addActionPointUpdate(.init(date: Day(2024, 8, 20), author: "Virtual School headteacher",
                                                                 text: "Figures circulated to members", status: .done),
                                                           actionPointID: point.id, organisationID: org, expectedVersion: point.version)
        _ = try await store.editActionPoint(id: point.id, organisationID: org, expectedVersion: updated.version) { $0.owner = "Head of Virtual School" }
        try await store.deleteWorkProgrammeItem(id: moved.id, organisationID: org, expectedVersion: moved.version)
        return (board, meetings[0], meetings[1], point, moved)
    }

    /// Makes one change of each kind to people: Sam's account created, given a role and then
    /// another, a new password, a token created and revoked, a lockout, a reset started and
    /// completed, and the account disabled.
    static func changePeople(_ store: SQLStore, organisationID org: Int64) async throws -> (person: Person, token: APIToken) {
        let sam = try await store.createPerson(Person(email: "Sam.Okafor@northshire.example", name: "Sam Okafor",
                                                      passwordHash: "$2b$12$initialhashinitialhashinitialhash"))
        try await store.setMembership(Membership(personID: sam.id, organisationID: org, role: .editor))
        // Adding Sam again with the same role changes nothing.
        try await store.setMembership(Membership(personID: sam.id, organisationID: org, role: .editor))
        try await store.setMembership(Membership(personID: sam.id, organisationID: org, role: .viewer))
        try await store.setPassword(personID: sam.id, passwordHash: "$2b$12$secondhashsecondhashsecondhash")
        let token = try await store.createToken(APIToken(prefix: "ovt_AbCd1234", hash: "tokenhash", personID: sam.id,
                                                         organisationID: org, role: .viewer, createdAt: Fixture.instant(0)))
        _ = try await store.revokeToken(reference: "ovt_AbCd1234", at: Fixture.instant(60))
        try await store.recordSignInAttempt(personID: sam.id, failedAttempts: 4, lockedUntil: nil)
        try await store.recordSignInAttempt(personID: sam.id, failedAttempts: 0, lockedUntil: Fixture.instant(900))
        try await store.createPasswordReset(PasswordReset(hash: "resethash", personID: sam.id, expiresAt: Fixture.instant(86_400)))
        try await store.completePasswordReset(hash: "resethash", passwordHash: "$2b$12$thirdhashthirdhashthirdhash", at: Fixture.instant(1_000))
        try await store.setDisabled(personID: sam.id, true, at: Fixture.instant(2_000))
        return (sam, token)
    }

    @Test("Acceptance: one change of every kind is in the organisation's trail, with its before and after", arguments: TestDatabase.all)
    func oneChangeOfEveryKind(database: TestDatabase) async throws {
        try await withStore(database) { store in
            let (organisation, _, _, _) = try await Self.changeEverything(store)
            try await AuditActor.$current.withValue(Self.officer) {
                _ = try await Self.changeBoards(store, organisationID: organisation.id)
                _ = try await Self.changePeople(store, organisationID: organisation.id)
            }
            let trail = try await store.auditTrail(organisationID: organisation.id)
            #expect(Set(trail.map { $0.entity }) == ["plan", "area", "action", "progress update", "measure", "measure value", "board", "meeting",
                                                     "minutes", "action point", "work programme item", "person", "role", "API token"])
            for entry in trail {
                switch entry.change {
                case .create: #expect(entry.before == nil && entry.after != nil, "\(entry.entity) \(entry.entityID)")
                case .update: #expect(entry.before != nil && entry.after != nil && entry.before != entry.after, "\(entry.entity) \(entry.entityID)")
                case .delete: #expect(entry.before != nil && entry.after == nil, "\(entry.entity) \(entry.entityID)")
                }
            }
            #expect(trail.allSatisfy { $0.actor == Self.officer.name && $0.source == "10.0.0.7" })
            #expect(try await store.verifyAuditTrail() == .intact(entries: trail.count))
        }
    }

    @Test("each kind of change is in the trail with who, from where, and the values before and after", arguments: TestDatabase.all)
    func everyChangeIsRecorded(database: TestDatabase) async throws {
        try await withStore(database) { store in
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

    @Test("a change that is refused leaves no entry", arguments: TestDatabase.all)
    func refusedChangeLeavesNoEntry(database: TestDatabase) async throws {
        try await withStore(database) { store in
            let (organisation, plan) = try await Fixture.seeded(store)
            let org = organisation.id
            let board = try await store.createBoard(BoardFixture.board(organisationID: org))
            let meeting = try await store.createMeeting(Meeting(boardID: board.id, date: Day(2024, 7, 9), venue: "County Hall"),
                                                        organisationID: org, fromTemplate: true)
            let before = try await store.auditTrail(organisationID: org).count
            _ = await outcome { try await store.editPlan(id: plan.id, organisationID: org, expectedVersion: plan.version + 5) { $0.title = "Stale" } }
            _ = await outcome { try await store.editPlan(id: plan.id, organisationID: org, expectedVersion: nil) { $0.title = "" } }
            _ = await outcome { try await store.editBoard(id: board.id, organisationID: org, expectedVersion: board.version + 1) { $0.name = "Stale" } }
            _ = await outcome { try await store.editMeeting(id: meeting.id, organisationID: org, expectedVersion: meeting.version + 1) { $0.status = .cancelled } }
            // Not held yet, so there are no minutes to number.
            _ = await outcome { try await store.numberMinutes(meetingID: meeting.id, organisationID: org, expectedVersion: nil) }
            #expect(try await store.auditTrail(organisationID: org).count == before)
        }
    }

    @Test("each change to a board, its meetings, minutes, action points and work programme is in the trail with before and after", arguments: TestDatabase.all)
    func boardChangesAreRecorded(database: TestDatabase) async throws {
        try await withStore(database) { store in
            let org = try await Fixture.organisation(store).id
            let (board, july, september, point, item) = try await AuditActor.$current.withValue(Self.officer) {
                try await Self.changeBoards(store, organisationID: org)
            }
            let trail = try await store.auditTrail(organisationID: org)
            #expect(trail.allSatisfy { $0.actor == Self.officer.name && $0.source == "10.0.0.7" })
            func entries(_ entity: String, _ id: Int64) -> [AuditEntry] {
                trail.filter { $0.entity == entity && $0.entityID == String(id) }
            }

            let boardEntries = entries("board", board.id)
            #expect(boardEntries.map { $0.change } == [.create, .update])
            #expect(boardEntries.last?.before?.contains("act as good corporate parents") == true)
            #expect(boardEntries.last?.after?.contains("To hold the council to account as corporate parent.") == true)

            // July: created, held; September: created, held; November: created, cancelled.
            #expect(entries("meeting", july.id).map { $0.change } == [.create, .update])
            #expect(entries("meeting", july.id).last?.before?.contains("\"status\":\"scheduled\"") == true)
            #expect(entries("meeting", july.id).last?.after?.contains("\"status\":\"held\"") == true)
            let cancelled = trail.last { $0.entity == "meeting" && $0.after?.contains("\"status\":\"cancelled\"") == true }
            #expect(cancelled?.before?.contains("\"status\":\"scheduled\"") == true)
            #expect(cancelled?.entityID != String(july.id) && cancelled?.entityID != String(september.id))

            // July's minutes numbered from 179, then approved at September, where the approval is minuted.
            let julyMinutes = entries("minutes", july.id)
            #expect(julyMinutes.map { $0.change } == [.update, .update])
            #expect(julyMinutes.first?.before?.contains("\"numbers\"") == false)
            #expect(julyMinutes.first?.after?.contains("\"numbers\":\"179, 180, 181") == true)
            #expect(julyMinutes.last?.before?.contains("\"status\":\"Draft\"") == true)
            #expect(julyMinutes.last?.after?.contains("\"status\":\"Approved on 10 September 2024\"") == true)
            let septemberMinutes = entries("minutes", september.id)
            #expect(septemberMinutes.count == 1)
            #expect(septemberMinutes.first?.before?.contains("be approved as a correct record") == false)
            #expect(septemberMinutes.first?.after?.contains("that the minutes of the meeting held on 9 July 2024 be approved as a correct record") == true)

            // Raised, updated as done, then given a new owner.
            let pointEntries = entries("action point", point.id)
            #expect(pointEntries.map { $0.change } == [.create, .update, .update])
            #expect(pointEntries[1].before?.contains("Figures circulated to members") == false)
            #expect(pointEntries[1].after?.contains("Figures circulated to members") == true)
            #expect(pointEntries[2].before?.contains("\"owner\":\"Virtual School headteacher\"") == true)
            #expect(pointEntries[2].after?.contains("\"owner\":\"Head of Virtual School\"") == true)

            // Planned for November, moved to September, then taken off the programme.
            let itemEntries = entries("work programme item", item.id)
            #expect(itemEntries.map { $0.change } == [.create, .update, .delete])
            #expect(itemEntries[1].before?.contains("\"month\":11") == true)
            #expect(itemEntries[1].after?.contains("\"month\":9") == true)
            #expect(itemEntries[1].after == itemEntries[2].before)
            #expect(itemEntries[2].before?.contains("IRO annual report") == true)
            #expect(itemEntries[2].after == nil)
        }
    }

    @Test("accounts, roles, passwords, resets, lockouts and API tokens are in the trail where the organisation's administrator looks", arguments: TestDatabase.all)
    func peopleChangesAreRecorded(database: TestDatabase) async throws {
        try await withStore(database) { store in
            let org = try await Fixture.organisation(store).id
            let elsewhere = try await Fixture.organisation(store, name: "Southshire County Council").id
            let (sam, token) = try await AuditActor.$current.withValue(Self.officer) {
                try await Self.changePeople(store, organisationID: org)
            }
            let trail = try await store.auditTrail(organisationID: org)
            #expect(trail.allSatisfy { $0.actor == Self.officer.name })

            let roles = trail.filter { $0.entity == "role" && $0.entityID == String(sam.id) }
            #expect(roles.map { $0.change } == [.create, .update])
            #expect(roles.first?.after == #"{"person":"Sam Okafor <sam.okafor@northshire.example>","role":"Editor"}"#)
            #expect(roles.last?.before?.contains("\"role\":\"Editor\"") == true)
            #expect(roles.last?.after?.contains("\"role\":\"Viewer\"") == true)

            let tokens = trail.filter { $0.entity == "API token" && $0.entityID == String(token.id) }
            #expect(tokens.map { $0.change } == [.create, .update])
            #expect(tokens.first?.after == #"{"person":"Sam Okafor <sam.okafor@northshire.example>","reference":"ovt_AbCd1234","role":"Viewer"}"#)
            #expect(tokens.last?.before?.contains("revokedAt") == false)
            #expect(tokens.last?.after?.contains("\"revokedAt\":\"2023-09-29T15:07:40.000Z\"") == true)

            // The account's own changes belong to no one organisation, and show in each of the person's.
            let account = trail.filter { $0.entity == "person" && $0.entityID == String(sam.id) }
            #expect(account.allSatisfy { $0.organisationID == nil })
            #expect(account.map { $0.after ?? "" } == [
                #"{"disabled":false,"email":"sam.okafor@northshire.example","name":"Sam Okafor","password":"set"}"#,
                #"{"password":"changed"}"#,
                #"{"lockedUntil":"2023-09-29T15:21:40.000Z"}"#,
                #"{"passwordReset":"started","resetLinkExpiresAt":"2023-09-30T15:06:40.000Z"}"#,
                #"{"password":"changed","passwordReset":"completed"}"#,
                #"{"disabled":true}"#,
            ])
            #expect(account.map { $0.before } == [
                nil, #"{"password":"set"}"#, "{}", "{}",
                #"{"lockedUntil":"2023-09-29T15:21:40.000Z","password":"set","passwordReset":"started"}"#, #"{"disabled":false}"#,
            ])
            #expect(try await store.auditTrail(organisationID: org, entity: "person", entityID: sam.id).count == account.count)
            #expect(try await store.latestAuditEntries(organisationID: org, limit: 100).total == trail.count)

            // Another council sees none of it.
            #expect(try await store.auditTrail(organisationID: elsewhere).isEmpty)
        }
    }

    @Test("no password hash, token, token hash or reset link reaches the trail", arguments: TestDatabase.all)
    func noSecretsInTheTrail(database: TestDatabase) async throws {
        let secrets = ["$2b$12$firsthashfirsthashfirsthashfirsthash", "$2b$12$secondhashsecondhashsecondhashsecond",
                       "$2b$12$resethashresethashresethashresethash", "ovt_Zx81QvLm2Ws9Rt4Kp7Yb3Hn6Jd0Fc5", "9d1e4c0b7a2f6e3d8c5b4a1f0e9d8c7b",
                       "reset-link-Ab9Cd8Ef7Gh6Ij5Kl4", "4f7a2c9e1b8d6035af2e7c4b9d1e8f06"]
        let (firstHash, secondHash, resetHash, token, tokenHash, resetLink, resetLinkHash) =
            (secrets[0], secrets[1], secrets[2], secrets[3], secrets[4], secrets[5], secrets[6])
        try await withStore(database) { store in
            let org = try await Fixture.organisation(store).id
            try await AuditActor.$current.withValue(Self.officer) {
                let sam = try await store.createPerson(Person(email: "sam@northshire.example", name: "Sam Okafor", passwordHash: firstHash))
                try await store.setMembership(Membership(personID: sam.id, organisationID: org, role: .editor))
                try await store.setPassword(personID: sam.id, passwordHash: secondHash)
                let stored = try await store.createToken(APIToken(prefix: String(token.prefix(12)), hash: tokenHash, personID: sam.id,
                                                                  organisationID: org, role: .editor, createdAt: Fixture.instant(0)))
                _ = try await store.revokeToken(reference: String(stored.id), at: Fixture.instant(10))
                // The store is given only the link's hash; the link itself stays with whoever received it.
                #expect(resetLinkHash != resetLink)
                try await store.createPasswordReset(PasswordReset(hash: resetLinkHash, personID: sam.id, expiresAt: Fixture.instant(86_400)))
                try await store.completePasswordReset(hash: resetLinkHash, passwordHash: resetHash, at: Fixture.instant(20))
            }
            let everything = try await store.gateway.read { db in
                try await db.raw("SELECT * FROM audit_log ORDER BY id").all().map(AuditLog.entry(from:))
            }
            #expect(everything.count == 7)
            for entry in everything {
                let values = (entry.before ?? "") + (entry.after ?? "")
                for secret in secrets {
                    #expect(!values.contains(secret), "entry \(entry.id) (\(entry.entity), \(entry.change)) holds a secret")
                }
            }
        }
    }

    /// What a tamperer with the database's owner account does first. PostgreSQL's triggers belong to a table.
    static func dropTrigger(_ name: String, _ db: any SQLDatabase) async throws {
        let statement = db.dialect.name == "postgresql" ? "DROP TRIGGER \(name) ON audit_log" : "DROP TRIGGER \(name)"
        try await db.raw(SQLQueryString(statement)).run()
    }

    @Test("the chain verifies, and tampering with one stored entry breaks it at that entry", arguments: TestDatabase.all)
    func tamperingIsFound(database: TestDatabase) async throws {
        try await withStore(database) { store in
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
            if database == .postgres {
                let emptied = await outcome { try await store.gateway.write { db in try await db.raw("TRUNCATE audit_log").run() } }
                guard case .failure = emptied else {
                    Issue.record("a TRUNCATE of the audit trail should be refused")
                    return
                }
            }
            // …so a tamperer has to drop the guards first; the chain still shows where.
            try await store.gateway.write { db in
                try await Self.dropTrigger("audit_log_no_update", db)
                try await Self.dropTrigger("audit_log_no_delete", db)
                try await db.raw("UPDATE audit_log SET actor = 'Someone Else' WHERE id = 7").run()
            }
            #expect(try await store.verifyAuditTrail() == .broken(entryID: 7, reason: "its contents do not match its hash (the entry was changed)"))
        }
    }

    @Test("removing an entry breaks the chain at the entry after it", arguments: TestDatabase.all)
    func removalIsFound(database: TestDatabase) async throws {
        try await withStore(database) { store in
            _ = try await Self.changeEverything(store)
            try await store.gateway.write { db in
                try await Self.dropTrigger("audit_log_no_delete", db)
                try await db.raw("DELETE FROM audit_log WHERE id = 4").run()
            }
            #expect(try await store.verifyAuditTrail() == .broken(entryID: 5, reason: "it does not follow the entry before it (an entry was removed or changed)"))
        }
    }
}
