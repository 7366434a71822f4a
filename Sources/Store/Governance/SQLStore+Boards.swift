import Core
import Foundation
import SQLKit

/// Core's `BoardStore` over SQL: boards, meetings, action points and work programmes.
extension SQLStore: BoardStore {
    // MARK: Boards

    public func boards(organisationID: Int64) async throws -> [Board] {
        try await gateway.read { db in
            try await db.raw("SELECT * FROM boards WHERE organisation_id = \(bind: organisationID) ORDER BY name, id").all().map(BoardRows.board(from:))
        }
    }

    public func board(id: Int64, organisationID: Int64) async throws -> Board {
        try await gateway.read { db in try await BoardRows.loadBoard(db, id: id, organisationID: organisationID) }
    }

    public func createBoard(_ board: Board) async throws -> Board {
        var fresh = board.numberingNewMembers()
        fresh.version = 1
        let errors = GovernanceValidation.errors(in: fresh)
        guard errors.isEmpty else { throw ValidationErrors(errors) }
        return try await gateway.write { [fresh] db in
            guard try await db.raw("SELECT id FROM organisations WHERE id = \(bind: fresh.organisationID)").first() != nil else {
                throw StoreError.notFound(entity: "organisation", id: String(fresh.organisationID))
            }
            let id = try await BoardRows.insertBoard(db, fresh)
            let saved = try await BoardRows.loadBoard(db, id: id, organisationID: fresh.organisationID)
            try await AuditLog.record(db, organisationID: saved.organisationID, entity: "board", id: id, change: .create, before: nil as Board?, after: saved)
            return saved
        }
    }

    public func editBoard(id: Int64, organisationID: Int64, expectedVersion: Int?,
                          _ edit: @Sendable (inout Board) throws -> Void) async throws -> Board {
        try await gateway.write { db in
            let stored = try await BoardRows.loadBoard(db, id: id, organisationID: organisationID)
            let edited = try OptimisticEdit.apply(
                to: stored, entity: "board", id: id, storedVersion: stored.version, expectedVersion: expectedVersion, edit,
                keeping: { edited, stored in
                    // Identity and owner are not the caller's to change.
                    edited.id = stored.id
                    edited.organisationID = stored.organisationID
                    edited = edited.numberingNewMembers()
                },
                validate: { GovernanceValidation.errors(in: $0) })
            try await BoardRows.updateBoard(db, edited, read: stored.version)
            let saved = try await BoardRows.loadBoard(db, id: id, organisationID: organisationID)
            try await AuditLog.record(db, organisationID: organisationID, entity: "board", id: id, change: .update, before: stored, after: saved)
            return saved
        }
    }

    public func removeBoardMember(id memberID: Int64, boardID: Int64, organisationID: Int64, expectedVersion: Int?) async throws -> Board {
        try await gateway.write { db in
            let stored = try await BoardRows.loadBoard(db, id: boardID, organisationID: organisationID)
            try OptimisticEdit.refuseStale(entity: "board", id: boardID, storedVersion: stored.version, expectedVersion: expectedVersion)
            let meetings = try await BoardRows.loadMeetings(db, boardID: boardID, organisationID: organisationID)
            var edited = stored
            try edited.removeMember(id: memberID, meetings: meetings)
            try await BoardRows.updateBoard(db, edited, read: stored.version)
            let saved = try await BoardRows.loadBoard(db, id: boardID, organisationID: organisationID)
            try await AuditLog.record(db, organisationID: organisationID, entity: "board", id: boardID, change: .update, before: stored, after: saved)
            return saved
        }
    }

    // MARK: Meetings

    public func meetings(boardID: Int64, organisationID: Int64) async throws -> [Meeting] {
        try await gateway.read { db in
            _ = try await BoardRows.loadBoard(db, id: boardID, organisationID: organisationID)
            return try await BoardRows.loadMeetings(db, boardID: boardID, organisationID: organisationID)
        }
    }

    public func meeting(id: Int64, organisationID: Int64) async throws -> Meeting {
        try await gateway.read { db in try await BoardRows.loadMeeting(db, id: id, organisationID: organisationID) }
    }

    public func createMeeting(_ meeting: Meeting, organisationID: Int64, fromTemplate: Bool) async throws -> Meeting {
        try await gateway.write { db in
            let board = try await BoardRows.loadBoard(db, id: meeting.boardID, organisationID: organisationID)
            var fresh = meeting
            fresh.id = 0
            fresh.version = 1
            fresh.minutesAmendments = []
            if fromTemplate && fresh.agenda.isEmpty {
                let meetings = try await BoardRows.loadMeetings(db, boardID: board.id, organisationID: organisationID)
                let programme = try await BoardRows.loadWorkProgramme(db, boardID: board.id, organisationID: organisationID)
                fresh.agenda = MeetingTemplate.agenda(for: fresh, board: board, meetings: meetings, workProgramme: programme)
            }
            var errors = GovernanceValidation.errors(in: fresh, board: board)
            if !MinuteNumbering.numbers(of: fresh).isEmpty {
                let meetings = try await BoardRows.loadMeetings(db, boardID: board.id, organisationID: organisationID)
                errors += MinuteNumbering.repeatedNumbers(in: fresh, stored: nil, meetings: meetings)
            }
            guard errors.isEmpty else { throw ValidationErrors(errors) }
            let id = try await BoardRows.insertMeeting(db, fresh, organisationID: organisationID)
            let saved = try await BoardRows.loadMeeting(db, id: id, organisationID: organisationID)
            try await MinuteNumberRows.claim(db, saved, stored: nil)
            try await AuditLog.record(db, organisationID: organisationID, entity: "meeting", id: id, change: .create, before: nil as Meeting?, after: saved)
            return saved
        }
    }

    public func editMeeting(id: Int64, organisationID: Int64, expectedVersion: Int?,
                            _ edit: @Sendable (inout Meeting) throws -> Void) async throws -> Meeting {
        try await gateway.write { db in
            let stored = try await BoardRows.loadMeeting(db, id: id, organisationID: organisationID)
            // Validated against its board and the minutes' lock in `saveMeeting`.
            let edited = try OptimisticEdit.apply(
                to: stored, entity: "meeting", id: id, storedVersion: stored.version, expectedVersion: expectedVersion, edit,
                keeping: { edited, stored in
                    edited.id = stored.id
                    edited.boardID = stored.boardID
                },
                validate: { _ in [] })
            try await Self.saveMeeting(db, edited, stored: stored, organisationID: organisationID)
            let saved = try await BoardRows.loadMeeting(db, id: id, organisationID: organisationID)
            // Cancelling is an edit of the status, so it is recorded here too.
            try await AuditLog.record(db, organisationID: organisationID, entity: "meeting", id: id, change: .update, before: stored, after: saved)
            return saved
        }
    }

    /// Validates an edited meeting against its board and the minutes' lock, then stores it.
    static func saveMeeting(_ db: any SQLDatabase, _ edited: Meeting, stored: Meeting, organisationID: Int64) async throws {
        let board = try await BoardRows.loadBoard(db, id: stored.boardID, organisationID: organisationID)
        var errors = GovernanceValidation.errors(in: edited, board: board) + MinutesLifecycle.errors(changing: stored, to: edited)
        // Only numbers the meeting did not hold before are checked, so the board's meetings are read only then.
        if !Set(MinuteNumbering.numbers(of: edited)).isSubset(of: MinuteNumbering.numbers(of: stored)) {
            let meetings = try await BoardRows.loadMeetings(db, boardID: stored.boardID, organisationID: organisationID)
            errors += MinuteNumbering.repeatedNumbers(in: edited, stored: stored, meetings: meetings)
        }
        guard errors.isEmpty else { throw ValidationErrors(errors) }
        if case let .approved(_, atMeetingID) = edited.minutesStatus, edited.minutesStatus != stored.minutesStatus {
            try await BoardRows.requireMeeting(db, id: atMeetingID, boardID: stored.boardID, organisationID: organisationID, field: "minutesStatus")
        }
        try await BoardRows.updateMeeting(db, edited, organisationID: organisationID, read: stored.version)
        try await MinuteNumberRows.claim(db, edited, stored: stored)
    }

    public func numberMinutes(meetingID: Int64, organisationID: Int64, expectedVersion: Int?) async throws -> Meeting {
        try await gateway.write { db in
            let stored = try await BoardRows.loadMeeting(db, id: meetingID, organisationID: organisationID)
            try OptimisticEdit.refuseStale(entity: "meeting", id: meetingID, storedVersion: stored.version, expectedVersion: expectedVersion)
            guard stored.status == .held else {
                throw ValidationError(field: "status", message: "Mark the meeting as held before numbering its minutes")
            }
            guard !stored.minutesStatus.isLocked else {
                throw ValidationError(field: "minutesStatus", message: "The minutes are \(stored.minutesStatus.inSentence); their numbers cannot change")
            }
            let board = try await BoardRows.loadBoard(db, id: stored.boardID, organisationID: organisationID)
            let meetings = try await BoardRows.loadMeetings(db, boardID: stored.boardID, organisationID: organisationID)
            var edited = stored
            let last = MinuteNumbering.lastNumber(before: stored, in: meetings)
            edited.agenda = board.minuteNumbering.numbered(stored.agenda, after: last)
            try await Self.saveMeeting(db, edited, stored: stored, organisationID: organisationID)
            let saved = try await BoardRows.loadMeeting(db, id: meetingID, organisationID: organisationID)
            try await Self.recordMinutesChange(db, from: stored, to: saved, organisationID: organisationID)
            return saved
        }
    }

    public func approveMinutes(meetingID: Int64, atMeetingID: Int64, organisationID: Int64,
                               expectedVersion: Int?) async throws -> (approved: Meeting, at: Meeting) {
        try await gateway.write { db in
            let storedPrevious = try await BoardRows.loadMeeting(db, id: meetingID, organisationID: organisationID)
            try OptimisticEdit.refuseStale(entity: "meeting", id: meetingID, storedVersion: storedPrevious.version, expectedVersion: expectedVersion)
            let storedAt = try await BoardRows.loadMeeting(db, id: atMeetingID, organisationID: organisationID)
            var previous = storedPrevious
            var at = storedAt
            try MinutesLifecycle.approve(minutesOf: &previous, at: &at)
            try await Self.saveMeeting(db, previous, stored: storedPrevious, organisationID: organisationID)
            try await Self.saveMeeting(db, at, stored: storedAt, organisationID: organisationID)
            let approved = try await BoardRows.loadMeeting(db, id: meetingID, organisationID: organisationID)
            let approvedAt = try await BoardRows.loadMeeting(db, id: atMeetingID, organisationID: organisationID)
            // Both sets of minutes change: the approved ones' status, and the resolution minuted where they were approved.
            try await Self.recordMinutesChange(db, from: storedPrevious, to: approved, organisationID: organisationID)
            try await Self.recordMinutesChange(db, from: storedAt, to: approvedAt, organisationID: organisationID)
            return (approved, approvedAt)
        }
    }

    /// Records a meeting's minutes before and after, rather than the whole meeting, so the trail
    /// shows the numbers, status and wording that changed and not the agenda around them.
    static func recordMinutesChange(_ db: any SQLDatabase, from stored: Meeting, to saved: Meeting, organisationID: Int64) async throws {
        try await AuditLog.record(db, organisationID: organisationID, entity: "minutes", id: saved.id, change: .update,
                                  before: MinutesInTrail(stored), after: MinutesInTrail(saved))
    }

    // MARK: Action points

    public func actionPoints(boardID: Int64, organisationID: Int64) async throws -> [ActionPoint] {
        try await gateway.read { db in
            _ = try await BoardRows.loadBoard(db, id: boardID, organisationID: organisationID)
            return try await BoardRows.loadActionPoints(db, boardID: boardID, organisationID: organisationID)
        }
    }

    public func actionPoint(id: Int64, organisationID: Int64) async throws -> ActionPoint {
        try await gateway.read { db in try await BoardRows.loadActionPoint(db, id: id, organisationID: organisationID) }
    }

    public func createActionPoint(_ actionPoint: ActionPoint, organisationID: Int64) async throws -> ActionPoint {
        let errors = GovernanceValidation.errors(in: actionPoint)
        guard errors.isEmpty else { throw ValidationErrors(errors) }
        return try await gateway.write { db in
            _ = try await BoardRows.loadBoard(db, id: actionPoint.boardID, organisationID: organisationID)
            try await Self.checkReferences(db, actionPoint, organisationID: organisationID)
            var fresh = actionPoint
            fresh.version = 1
            let id = try await BoardRows.insertActionPoint(db, fresh, organisationID: organisationID)
            let saved = try await BoardRows.loadActionPoint(db, id: id, organisationID: organisationID)
            try await AuditLog.record(db, organisationID: organisationID, entity: "action point", id: id, change: .create,
                                      before: nil as ActionPoint?, after: saved)
            return saved
        }
    }

    /// The meetings and plan action an action point names must be its board's and its organisation's.
    static func checkReferences(_ db: any SQLDatabase, _ point: ActionPoint, organisationID: Int64) async throws {
        try await BoardRows.requireMeeting(db, id: point.raisedAtMeetingID, boardID: point.boardID,
                                           organisationID: organisationID, field: "raisedAtMeetingID")
        if case let .meeting(id) = point.due {
            try await BoardRows.requireMeeting(db, id: id, boardID: point.boardID, organisationID: organisationID, field: "due")
        }
        try await BoardRows.requirePlanAction(db, id: point.planActionID, organisationID: organisationID)
    }

    public func addActionPointUpdate(_ update: ActionPoint.Update, actionPointID: Int64, organisationID: Int64,
                                     expectedVersion: Int?) async throws -> ActionPoint {
        let errors = GovernanceValidation.errors(in: update)
        guard errors.isEmpty else { throw ValidationErrors(errors) }
        return try await editActionPoint(id: actionPointID, organisationID: organisationID, expectedVersion: expectedVersion) { point in
            ActionLog.apply(update, to: &point)
        }
    }

    public func editActionPoint(id: Int64, organisationID: Int64, expectedVersion: Int?,
                                _ edit: @Sendable (inout ActionPoint) throws -> Void) async throws -> ActionPoint {
        try await gateway.write { db in
            let stored = try await BoardRows.loadActionPoint(db, id: id, organisationID: organisationID)
            let edited = try OptimisticEdit.apply(
                to: stored, entity: "action point", id: id, storedVersion: stored.version, expectedVersion: expectedVersion, edit,
                keeping: { edited, stored in
                    edited.id = stored.id
                    edited.boardID = stored.boardID
                    edited.raisedAtMeetingID = stored.raisedAtMeetingID
                },
                validate: { edited in
                    var errors = GovernanceValidation.errors(in: edited)
                    if edited.updates.count < stored.updates.count || Array(edited.updates.prefix(stored.updates.count)) != stored.updates {
                        errors.append(.init(field: "updates", message: "Earlier updates are kept as they were written; add a new update instead"))
                    }
                    return errors
                })
            try await Self.checkReferences(db, edited, organisationID: organisationID)
            try await BoardRows.updateActionPoint(db, edited, organisationID: organisationID, read: stored.version)
            let saved = try await BoardRows.loadActionPoint(db, id: id, organisationID: organisationID)
            // Progress updates arrive here too (`addActionPointUpdate`), as a change to the point's updates.
            try await AuditLog.record(db, organisationID: organisationID, entity: "action point", id: id, change: .update, before: stored, after: saved)
            return saved
        }
    }

    public func actionPointReview(meetingID: Int64, organisationID: Int64) async throws -> [ActionLog.Entry] {
        try await gateway.read { db in
            let meeting = try await BoardRows.loadMeeting(db, id: meetingID, organisationID: organisationID)
            let meetings = try await BoardRows.loadMeetings(db, boardID: meeting.boardID, organisationID: organisationID)
            let points = try await BoardRows.loadActionPoints(db, boardID: meeting.boardID, organisationID: organisationID)
            return ActionLog.review(at: meeting, actionPoints: points, meetings: meetings)
        }
    }

    // MARK: Work programme

    public func workProgramme(boardID: Int64, organisationID: Int64) async throws -> WorkProgramme {
        try await gateway.read { db in
            _ = try await BoardRows.loadBoard(db, id: boardID, organisationID: organisationID)
            return try await BoardRows.loadWorkProgramme(db, boardID: boardID, organisationID: organisationID)
        }
    }

    public func createWorkProgrammeItem(_ item: WorkProgrammeItem, organisationID: Int64) async throws -> WorkProgrammeItem {
        let errors = GovernanceValidation.errors(in: item)
        guard errors.isEmpty else { throw ValidationErrors(errors) }
        return try await gateway.write { db in
            _ = try await BoardRows.loadBoard(db, id: item.boardID, organisationID: organisationID)
            if case let .meeting(id) = item.placement {
                try await BoardRows.requireMeeting(db, id: id, boardID: item.boardID, organisationID: organisationID, field: "placement")
            }
            return try await BoardRows.insertWorkProgrammeItem(db, item, boardID: item.boardID, organisationID: organisationID)
        }
    }

    public func editWorkProgrammeItem(id: Int64, organisationID: Int64, expectedVersion: Int?,
                                      _ edit: @Sendable (inout WorkProgrammeItem) throws -> Void) async throws -> WorkProgrammeItem {
        try await gateway.write { db in
            let stored = try await BoardRows.loadWorkProgrammeItem(db, id: id, organisationID: organisationID)
            let edited = try OptimisticEdit.apply(
                to: stored, entity: "work programme item", id: id, storedVersion: stored.version, expectedVersion: expectedVersion, edit,
                keeping: { edited, stored in
                    edited.id = stored.id
                    edited.boardID = stored.boardID
                },
                validate: { GovernanceValidation.errors(in: $0) })
            if case let .meeting(meetingID) = edited.placement {
                try await BoardRows.requireMeeting(db, id: meetingID, boardID: stored.boardID, organisationID: organisationID, field: "placement")
            }
            try await VersionedUpdate.run(db, """
                UPDATE work_programme_items SET title = \(bind: edited.title), presenter = \(bind: edited.presenter),
                    purpose = \(bind: edited.purpose.rawValue), placement = \(bind: try JSONCoding.text(edited.placement)),
                    papers = \(bind: try JSONCoding.text(edited.papers)), notes = \(bind: edited.notes), version = version + 1
                WHERE id = \(bind: id) AND organisation_id = \(bind: organisationID) AND version = \(bind: stored.version)
                RETURNING version
                """, table: .workProgrammeItems, entity: "work programme item", id: id, read: stored.version)
            let saved = try await BoardRows.loadWorkProgrammeItem(db, id: id, organisationID: organisationID)
            try await AuditLog.record(db, organisationID: organisationID, entity: "work programme item", id: id, change: .update,
                                      before: stored, after: saved)
            return saved
        }
    }

    public func deleteWorkProgrammeItem(id: Int64, organisationID: Int64, expectedVersion: Int?) async throws {
        try await gateway.write { db in
            let stored = try await BoardRows.loadWorkProgrammeItem(db, id: id, organisationID: organisationID)
            try OptimisticEdit.refuseStale(entity: "work programme item", id: id, storedVersion: stored.version, expectedVersion: expectedVersion)
            try await db.raw("DELETE FROM work_programme_items WHERE id = \(bind: id) AND organisation_id = \(bind: organisationID)").run()
            try await AuditLog.record(db, organisationID: organisationID, entity: "work programme item", id: id, change: .delete,
                                      before: stored, after: nil as WorkProgrammeItem?)
        }
    }
}
