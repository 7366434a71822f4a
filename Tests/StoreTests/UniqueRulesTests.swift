import Core
import Foundation
import SQLKit
@testable import Store
import Testing

/// An action's reference is unique in its plan and a minute number in its board, held by unique
/// indexes (migration 28) as well as by the store's checks, so two servers writing at once
/// cannot break them; and a database that already breaks them still starts, losing nothing.
@Suite("Unique action references and minute numbers in the database")
struct UniqueRulesTests {
    static func indexes(_ store: SQLStore) async throws -> Set<String> {
        try await store.gateway.read { db in
            let query: SQLQueryString = db.dialect.name == "postgresql"
                ? "SELECT indexname AS name FROM pg_indexes WHERE schemaname = current_schema()"
                : "SELECT name FROM sqlite_master WHERE type = 'index'"
            return Set(try await db.raw(query).all().map { try $0.string("name") })
        }
    }

    static func heldMeeting(boardID: Int64, date: Day, items: Int = 2) -> Meeting {
        Meeting(boardID: boardID, date: date, status: .held,
                agenda: (1...items).map { AgendaItem(number: $0, title: "Item \($0)") })
    }

    @Test("The unique indexes exist on a new database", arguments: TestDatabase.all)
    func indexesExist(database: TestDatabase) async throws {
        try await withStore(database) { store in
            let names = try await Self.indexes(store)
            #expect(names.isSuperset(of: ["actions_plan_ref", "minute_numbers_board"]))
            #expect(try await store.migrationRows().map(\.version).contains(28))
        }
    }

    @Test("A reference the plan has, in any case or spacing, is refused through the store with the usual words", arguments: TestDatabase.all)
    func duplicateThroughStore(database: TestDatabase) async throws {
        try await withStore(database) { store in
            let (organisation, plan) = try await Fixture.seeded(store)
            let existing = try await store.action(ref: "1.1.1", planID: plan.id, organisationID: organisation.id)
            for ref in ["1.1.1", " 1.1.1 "] {
                await #expect(throws: StoreError.conflict("The plan already has an action \(ref)")) {
                    _ = try await store.createAction(Action(areaID: existing.areaID, ref: ref, title: "Again"), organisationID: organisation.id)
                }
            }
            let other = try await store.action(ref: "1.1.2", planID: plan.id, organisationID: organisation.id)
            await #expect(throws: ValidationErrors([ValidationError(field: "ref", message: "Action 1.1.1 already exists in this plan: choose another reference")])) {
                _ = try await store.editAction(id: other.id, organisationID: organisation.id, expectedVersion: nil) { $0.ref = "1.1.1 " }
            }
            // Another plan may use the same reference.
            let second = try await store.createPlan(try Fixture.draft(organisationID: organisation.id, title: "Second plan"))
            #expect(try await store.action(ref: "1.1.1", planID: second.id, organisationID: organisation.id).title == existing.title)
        }
    }

    @Test("Inserts that raced past the store's check are refused by the database: one wins across two servers", arguments: TestDatabase.all)
    func racingInserts(database: TestDatabase) async throws {
        try await withDatabaseFile(database) { file in
            let serverA = try await file.open()
            let serverB = try await file.open()
            let (organisation, plan) = try await Fixture.seeded(serverA)
            let area = try await serverA.action(ref: "1.1.1", planID: plan.id, organisationID: organisation.id).areaID
            // Each task writes as the store does once its check has passed on what it read before
            // the others wrote: straight to ActionRows.insert.
            let results = await withTaskGroup(of: Result<Int64, any Error>.self) { group in
                for i in 0..<50 {
                    let store = i.isMultiple(of: 2) ? serverA : serverB
                    group.addTask {
                        await outcome {
                            try await store.gateway.write { db in
                                try await ActionRows.insert(db, Action(areaID: area, ref: i < 25 ? "9.9" : " 9.9", title: "Raced \(i)"),
                                                            planID: plan.id, organisationID: organisation.id)
                            }
                        }
                    }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            #expect(results.filter { if case .success = $0 { true } else { false } }.count == 1)
            for case let .failure(error) in results {
                #expect([StoreError.conflict("The plan already has an action 9.9"), StoreError.conflict("The plan already has an action  9.9")]
                    .contains(error as? StoreError))
            }
            // A raw INSERT with no store around it is refused by the index itself.
            await #expect(throws: (any Error).self) {
                try await serverB.gateway.write { db in
                    try await db.raw("""
                        INSERT INTO actions (organisation_id, plan_id, area_id, position, ref, ref_key, title, outcome, leads,
                            reprogrammings, status, percent_complete, evidence)
                        VALUES (\(bind: organisation.id), \(bind: plan.id), \(bind: area), 99, '1.1.1', '1.1.1', 'Raw', '', '[]', '[]', 'notStarted', 0, '[]')
                        """).run()
                }
            }
            let contents = try await serverB.planContents(id: plan.id, organisationID: organisation.id, fullHistory: false)
            #expect(contents.actions.filter { ActionEditRules.refKey($0.ref) == "9.9" }.count == 1)
            try await serverA.close()
            try await serverB.close()
        }
    }

    @Test("Minute numbers never repeat in a board under 200 concurrent numberings on two servers", arguments: TestDatabase.all)
    func concurrentMinuteNumbers(database: TestDatabase) async throws {
        try await withDatabaseFile(database) { file in
            let serverA = try await file.open()
            let serverB = try await file.open()
            let organisation = try await Fixture.organisation(serverA)
            let board = try await serverA.createBoard(BoardFixture.board(organisationID: organisation.id))
            var meetings: [Meeting] = []
            for i in 0..<200 {
                meetings.append(try await serverA.createMeeting(
                    Self.heldMeeting(boardID: board.id, date: Day(2024, 1, 1).adding(days: i)), organisationID: organisation.id, fromTemplate: false))
            }
            // In an order that is not the meetings' own: a meeting numbered before an earlier one
            // takes the numbers the earlier would continue with, which the earlier is then refused.
            let order = meetings.map(\.id).shuffled()
            let results = await withTaskGroup(of: Result<Meeting, any Error>.self) { group in
                for (i, id) in order.enumerated() {
                    let store = i.isMultiple(of: 2) ? serverA : serverB
                    group.addTask { await outcome { try await store.numberMinutes(meetingID: id, organisationID: organisation.id, expectedVersion: nil) } }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            let numbered = results.compactMap { try? $0.get() }
            #expect(!numbered.isEmpty)
            for case let .failure(error) in results {
                let messages = (error as? ValidationErrors)?.errors.map(\.message) ?? ["\(error)"]
                #expect(messages.allSatisfy { $0.contains("a board's minute numbers are never repeated") }, "\(messages)")
            }
            let stored = try await serverB.meetings(boardID: board.id, organisationID: organisation.id)
            let numbers = stored.flatMap(MinuteNumbering.numbers(of:))
            #expect(numbers.count == numbered.count * 2)
            #expect(Set(numbers).count == numbers.count)
            #expect(try await serverB.count("minute_numbers") == numbers.count)
            try await serverA.close()
            try await serverB.close()
        }
    }

    @Test("A number another meeting holds is refused on edit, by Core's check and by the index behind it", arguments: TestDatabase.all)
    func minuteNumberOnEdit(database: TestDatabase) async throws {
        try await withStore(database) { store in
            let organisation = try await Fixture.organisation(store)
            let board = try await store.createBoard(BoardFixture.board(organisationID: organisation.id))
            let january = try await store.createMeeting(Self.heldMeeting(boardID: board.id, date: Day(2024, 1, 10)), organisationID: organisation.id, fromTemplate: false)
            let february = try await store.createMeeting(Self.heldMeeting(boardID: board.id, date: Day(2024, 2, 10)), organisationID: organisation.id, fromTemplate: false)
            #expect(try await store.numberMinutes(meetingID: january.id, organisationID: organisation.id, expectedVersion: nil).lastMinuteNumber == 180)
            #expect(try await store.numberMinutes(meetingID: february.id, organisationID: organisation.id, expectedVersion: nil).lastMinuteNumber == 182)
            await #expect(throws: ValidationErrors([ValidationError(field: "agenda", message: "Minute 181 is already a minute of the meeting on \(Day(2024, 2, 10).formatted): a board's minute numbers are never repeated")])) {
                _ = try await store.editMeeting(id: january.id, organisationID: organisation.id, expectedVersion: nil) {
                    $0.agenda.append(AgendaItem(number: 3, title: "Late item", minute: .init(number: 181, label: "181")))
                }
            }
            // Past Core's check (as a second server that read before the other wrote), the index refuses it.
            await #expect(throws: ValidationErrors([ValidationError(field: "agenda", message: "Minute 181 is already a minute of another meeting of this board: a board's minute numbers are never repeated")])) {
                try await store.gateway.write { db in
                    var edited = january
                    edited.agenda.append(AgendaItem(number: 3, title: "Late item", minute: .init(number: 181, label: "181")))
                    try await MinuteNumberRows.claim(db, edited, stored: try await BoardRows.loadMeeting(db, id: january.id, organisationID: organisation.id))
                }
            }
            // Cancelling a meeting frees its numbers, as the numbering rule has always counted them.
            _ = try await store.editMeeting(id: february.id, organisationID: organisation.id, expectedVersion: nil) {
                $0.status = .cancelled
            }
            #expect(try await store.count("minute_numbers") == 2)
        }
    }

    /// Takes a database back to migration 27 (its unique indexes and ref_key gone), so rows that
    /// break the rules can be written as an older Oversight could have.
    static func backToMigration27(_ store: SQLStore) async throws {
        try await store.gateway.write { db in
            for statement in ["DROP INDEX actions_plan_ref", "DROP INDEX minute_numbers_board", "DROP INDEX minute_numbers_meeting",
                              "DROP TABLE minute_numbers", "ALTER TABLE actions DROP COLUMN ref_key",
                              "DELETE FROM schema_migrations WHERE version = 28"] {
                try await db.raw(SQLQueryString(statement)).run()
            }
        }
    }

    @Test("A database already holding repeats starts: references get a suffix, draft minutes new numbers, all in the trail", arguments: TestDatabase.all)
    func migrationResolvesDuplicates(database: TestDatabase) async throws {
        try await withDatabaseFile(database) { file in
            let store = try await file.open()
            let (organisation, plan) = try await Fixture.seeded(store)
            let org = organisation.id
            let board = try await store.createBoard(BoardFixture.board(organisationID: org))
            var numbered: [Meeting] = []
            for month in 1...4 {
                let meeting = try await store.createMeeting(Self.heldMeeting(boardID: board.id, date: Day(2024, month, 10)), organisationID: org, fromTemplate: false)
                numbered.append(try await store.numberMinutes(meetingID: meeting.id, organisationID: org, expectedVersion: nil))
            }
            let meetings = numbered
            let repeated = try await store.action(ref: "1.1.2", planID: plan.id, organisationID: org)
            let alsoRepeated = try await store.action(ref: "2.1.2", planID: plan.id, organisationID: org)
            try await Self.backToMigration27(store)
            // What an older Oversight allowed: two actions named 1.1.1 (one with a capital and a
            // space), draft minutes of March repeating January's, and April's approved minutes
            // repeating February's (both approved).
            try await store.gateway.write { db in
                try await db.raw("UPDATE actions SET ref = '1.1.1' WHERE id = \(bind: repeated.id)").run()
                try await db.raw("UPDATE actions SET ref = ' 1.1.1' WHERE id = \(bind: alsoRepeated.id)").run()
                for (copy, from) in [(2, 0), (3, 1)] {
                    try await db.raw("UPDATE meetings SET agenda = \(bind: try JSONCoding.text(meetings[from].agenda)) WHERE id = \(bind: meetings[copy].id)").run()
                }
                for index in [1, 3] {
                    try await db.raw("""
                        UPDATE meetings SET minutes_status = \(bind: try JSONCoding.text(MinutesStatus.approved(on: Day(2024, 12, 1), atMeetingID: meetings[0].id)))
                        WHERE id = \(bind: meetings[index].id)
                        """).run()
                }
            }
            try await store.close()

            let reopened = try await file.open()
            #expect(try await Self.indexes(reopened).isSuperset(of: ["actions_plan_ref", "minute_numbers_board"]))
            let refs = try await reopened.planContents(id: plan.id, organisationID: org, fullHistory: false).actions.map(\.ref)
            #expect(refs.filter { $0.hasPrefix("1.1.1") }.sorted() == ["1.1.1", "1.1.1 (2)", "1.1.1 (3)"])
            #expect(try await reopened.action(id: repeated.id, organisationID: org).action.ref == "1.1.1 (2)")
            #expect(try await reopened.action(id: alsoRepeated.id, organisationID: org).action.ref == "1.1.1 (3)")
            let entry = try #require(try await reopened.auditTrail(organisationID: org, entity: "action", entityID: repeated.id).last)
            #expect(entry.actor == "system" && entry.source == UniqueRulesMigration.actor.source)
            let before = try JSONDecoder().decode(Action.self, from: Data(try #require(entry.before).utf8))
            let after = try JSONDecoder().decode(Action.self, from: Data(try #require(entry.after).utf8))
            #expect(before.ref == "1.1.1" && after.ref == "1.1.1 (2)" && after.title == repeated.title)

            let stored = try await reopened.meetings(boardID: board.id, organisationID: org)
            // January and February keep their numbers; March's draft minutes follow the highest, 182.
            #expect(stored.map { $0.agenda.compactMap { $0.minute?.number } } == [[179, 180], [181, 182], [183, 184], [181, 182]])
            #expect(stored[2].agenda.compactMap { $0.minute?.label } == ["183", "184"])
            let minutesEntry = try #require(try await reopened.auditTrail(organisationID: org, entity: "minutes", entityID: meetings[2].id).last)
            #expect(minutesEntry.source == UniqueRulesMigration.actor.source)
            #expect(minutesEntry.before?.contains("179, 180") == true && minutesEntry.after?.contains("183, 184") == true)
            // April's approved minutes are the signed record: kept, February holding the numbers in the index.
            let held = try await reopened.gateway.read { db in
                try await db.raw("SELECT number, meeting_id FROM minute_numbers ORDER BY number").all().map { (try $0.int("number"), try $0.int64("meeting_id")) }
            }
            #expect(held.map(\.0) == [179, 180, 181, 182, 183, 184])
            #expect(held.filter { $0.0 == 181 }.map(\.1) == [meetings[1].id])
            #expect(try await reopened.verifyAuditTrail() == .intact(entries: try await reopened.count("audit_log")))
            // April's minutes can still be amended: the numbers they already had are not checked again.
            _ = try await reopened.editMeeting(id: meetings[3].id, organisationID: org, expectedVersion: nil) { $0.venue = "County Hall" }
            try await reopened.close()
        }
    }
}
