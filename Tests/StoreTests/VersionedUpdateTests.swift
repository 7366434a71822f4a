import Core
import Foundation
import SQLKit
@testable import Store
import Testing

/// Every versioned write names the version its writer read, so a write overtaken by another
/// changes nothing. SQLite lets one writer in at a time, so two edits cannot interleave there;
/// these tests stand in for the second writer by writing with a version read before someone
/// else's write, which is what a writer on another server would do under PostgreSQL.
@Suite("Versioned writes refuse a version that is no longer stored")
struct VersionedUpdateTests {
    @Test("a board, meeting and action point written with a version read before another write are refused; the other write stays", arguments: TestDatabase.all)
    func governance(database: TestDatabase) async throws {
        try await withStore(database) { store in
            let org = try await Fixture.organisation(store).id
            let board = try await store.createBoard(BoardFixture.board(organisationID: org))
            let renamed = try await store.editBoard(id: board.id, organisationID: org, expectedVersion: board.version) { $0.name = "Corporate Parenting Panel" }
            var lateDraft = board
            lateDraft.name = "Lost edit"
            let late = lateDraft
            await #expect(throws: StoreError.staleVersion(entity: "board", id: board.id, expected: board.version, current: renamed.version)) {
                try await store.gateway.write { db in try await BoardRows.updateBoard(db, late, read: board.version) }
            }
            #expect(try await store.board(id: board.id, organisationID: org).name == "Corporate Parenting Panel")

            let meeting = try await store.createMeeting(Meeting(boardID: board.id, date: Day(2024, 9, 10)), organisationID: org, fromTemplate: true)
            _ = try await store.editMeeting(id: meeting.id, organisationID: org, expectedVersion: meeting.version) { $0.venue = "Room 2" }
            var lateMeetingDraft = meeting
            lateMeetingDraft.venue = "Lost"
            let lateMeeting = lateMeetingDraft
            await #expect(throws: StoreError.staleVersion(entity: "meeting", id: meeting.id, expected: 1, current: 2)) {
                try await store.gateway.write { db in try await BoardRows.updateMeeting(db, lateMeeting, organisationID: org, read: meeting.version) }
            }
            #expect(try await store.meeting(id: meeting.id, organisationID: org).venue == "Room 2")

            let point = try await store.createActionPoint(
                ActionPoint(boardID: board.id, raisedAtMeetingID: meeting.id, raisedAtItem: 5, text: "Report back", owner: "DCS"),
                organisationID: org)
            _ = try await store.editActionPoint(id: point.id, organisationID: org, expectedVersion: point.version) { $0.owner = "Head of Service" }
            var latePointDraft = point
            latePointDraft.owner = "Lost"
            let latePoint = latePointDraft
            await #expect(throws: StoreError.staleVersion(entity: "action point", id: point.id, expected: 1, current: 2)) {
                try await store.gateway.write { db in try await BoardRows.updateActionPoint(db, latePoint, organisationID: org, read: point.version) }
            }
            #expect(try await store.actionPoint(id: point.id, organisationID: org).owner == "Head of Service")
        }
    }

    @Test("an action and a measure written with a version read before another write are refused; the other write stays", arguments: TestDatabase.all)
    func plansAndMeasures(database: TestDatabase) async throws {
        try await withStore(database) { store in
            let (organisation, plan) = try await Fixture.seeded(store)
            let org = organisation.id
            let contents = try await store.planContents(id: plan.id, organisationID: org, fullHistory: false)
            let action = try #require(contents.actions.first)
            let saved = try await store.editAction(id: action.id, organisationID: org, expectedVersion: action.version) { $0.title = "Kept title" }
            var lateDraft = action
            lateDraft.title = "Lost title"
            let late = lateDraft
            await #expect(throws: StoreError.staleVersion(entity: "action", id: action.id, expected: action.version, current: saved.version)) {
                try await store.gateway.write { db in try await ActionRows.update(db, late, previous: action, organisationID: org) }
            }
            #expect(try await store.planContents(id: plan.id, organisationID: org, fullHistory: false).actions.first { $0.id == action.id }?.title == "Kept title")

            let measure = try #require(try await store.measures(organisationID: org).first)
            let edited = try await store.editMeasure(id: measure.id, organisationID: org, expectedVersion: measure.version) { $0.owner = "Kept owner" }
            var lateMeasureDraft = measure
            lateMeasureDraft.owner = "Lost owner"
            let lateMeasure = lateMeasureDraft
            await #expect(throws: StoreError.staleVersion(entity: "measure", id: measure.id, expected: measure.version, current: edited.version)) {
                try await store.gateway.write { db in try await MeasureRows.update(db, lateMeasure, expectedVersion: measure.version) }
            }
            #expect(try await store.measure(id: measure.id, organisationID: org).owner == "Kept owner")
        }
    }

    @Test("the shared write answers stale with the version stored now, and not found for a row that is gone", arguments: TestDatabase.all)
    func sharedWrite(database: TestDatabase) async throws {
        try await withStore(database) { store in
            let org = try await Fixture.organisation(store).id
            let board = try await store.createBoard(BoardFixture.board(organisationID: org))
            func bump(_ read: Int) async throws {
                try await store.gateway.write { db in
                    try await VersionedUpdate.run(db, "UPDATE boards SET version = version + 1 WHERE id = \(bind: board.id) AND version = \(bind: read) RETURNING version",
                                                  table: .boards, entity: "board", id: board.id, read: read)
                }
            }
            try await bump(1)
            try await bump(2)
            await #expect(throws: StoreError.staleVersion(entity: "board", id: board.id, expected: 1, current: 3)) { try await bump(1) }
            await #expect(throws: StoreError.notFound(entity: "board", id: "999")) {
                try await store.gateway.write { db in
                    try await VersionedUpdate.run(db, "UPDATE boards SET version = version + 1 WHERE id = 999 AND version = 1 RETURNING version",
                                                  table: .boards, entity: "board", id: 999, read: 1)
                }
            }
        }
    }

    /// The written contract, checked on the source: an UPDATE that raises a version goes through
    /// `VersionedUpdate.run` with the version it read, so no write can overwrite another silently.
    /// The one exception renumbers siblings' positions after a move: it raises their versions so
    /// an edit made against the old order is refused, and changes nothing else.
    @Test("every UPDATE that raises a version in the store names the version it read and checks what it wrote")
    func contractOnSource() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/Store")
        let files = try #require(FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil))
        var unchecked: [String] = []
        var checked = 0
        for case let file as URL in files where file.pathExtension == "swift" {
            let lines = try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\n")
            for (index, line) in lines.enumerated() where line.contains("version = version + 1") {
                if line.contains("SET position = ") { continue }
                // The statement: from the line that opens it to the line that closes it.
                let start = lines[..<index].lastIndex { $0.contains("\"\"\"") } ?? index
                let end = lines[index...].firstIndex { $0.contains("\"\"\"") } ?? index
                let statement = lines[start...end].joined(separator: "\n")
                if lines[start].contains("VersionedUpdate.run(") && statement.contains("AND version = ") && statement.contains("RETURNING version") {
                    checked += 1
                } else {
                    unchecked.append("\(file.lastPathComponent):\(index + 1)")
                }
            }
        }
        #expect(unchecked.isEmpty, "versioned UPDATEs that do not check the version they read: \(unchecked)")
        #expect(checked >= 10)
    }
}
