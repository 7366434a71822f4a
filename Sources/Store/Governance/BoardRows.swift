import Core
import Foundation
import SQLKit

/// Reading and writing boards, meetings, action points and work programme items. Nested lists
/// (members, agenda, attendance, updates) are JSON columns: they are small and always read whole.
enum BoardRows {
    // MARK: Boards

    static func board(from row: any SQLRow) throws -> Board {
        Board(id: try row.int64("id"), organisationID: try row.int64("organisation_id"), name: try row.string("name"),
              kind: try row.enumeration("kind", as: Board.Kind.self),
              chairID: try row.optionalInt64("chair_member_id"), viceChairID: try row.optionalInt64("vice_chair_member_id"),
              members: try row.json("members", as: [BoardMember].self),
              termsOfReference: try row.string("terms_of_reference"),
              meetingFrequency: try row.enumeration("meeting_frequency", as: Board.Frequency.self),
              minuteNumbering: MinuteNumbering(prefix: try row.string("minute_prefix"),
                                               firstNumber: try row.int("minute_first_number")),
              version: try row.int("version"))
    }

    static func loadBoard(_ db: any SQLDatabase, id: Int64, organisationID: Int64) async throws -> Board {
        guard let row = try await db.raw("SELECT * FROM boards WHERE id = \(bind: id) AND organisation_id = \(bind: organisationID)").first() else {
            throw StoreError.notFound(entity: "board", id: String(id))
        }
        return try board(from: row)
    }

    static func insertBoard(_ db: any SQLDatabase, _ board: Board) async throws -> Int64 {
        let row = try await db.raw("""
            INSERT INTO boards (organisation_id, name, kind, chair_member_id, vice_chair_member_id, members,
                terms_of_reference, meeting_frequency, minute_prefix, minute_first_number, version)
            VALUES (\(bind: board.organisationID), \(bind: board.name), \(bind: board.kind.rawValue), \(bind: board.chairID),
                \(bind: board.viceChairID), \(bind: try JSONCoding.text(board.members)), \(bind: board.termsOfReference),
                \(bind: board.meetingFrequency.rawValue), \(bind: board.minuteNumbering.prefix),
                \(bind: board.minuteNumbering.firstNumber), 1)
            RETURNING id
            """).first()!
        return try row.int64("id")
    }

    /// Writes `board` over the stored row, if its version is still `read`.
    static func updateBoard(_ db: any SQLDatabase, _ board: Board, read: Int) async throws {
        try await VersionedUpdate.run(db, """
            UPDATE boards SET name = \(bind: board.name), kind = \(bind: board.kind.rawValue),
                chair_member_id = \(bind: board.chairID), vice_chair_member_id = \(bind: board.viceChairID),
                members = \(bind: try JSONCoding.text(board.members)), terms_of_reference = \(bind: board.termsOfReference),
                meeting_frequency = \(bind: board.meetingFrequency.rawValue), minute_prefix = \(bind: board.minuteNumbering.prefix),
                minute_first_number = \(bind: board.minuteNumbering.firstNumber), version = version + 1
            WHERE id = \(bind: board.id) AND organisation_id = \(bind: board.organisationID) AND version = \(bind: read)
            RETURNING version
            """, table: .boards, entity: "board", id: board.id, read: read)
    }

    // MARK: Meetings

    static func meeting(from row: any SQLRow) throws -> Meeting {
        let timeText = try row.optionalString("time")
        let time = try timeText.map { text in
            guard let time = MeetingTime(text) else { throw StoredValueError(column: "time", value: text) }
            return time
        }
        return Meeting(id: try row.int64("id"), boardID: try row.int64("board_id"), date: try row.day("date"), time: time,
                       venue: try row.string("venue"), status: try row.enumeration("status", as: Meeting.Status.self),
                       agenda: try row.json("agenda", as: [AgendaItem].self),
                       attendance: try row.json("attendance", as: Attendance.self),
                       minutesStatus: try row.json("minutes_status", as: MinutesStatus.self),
                       minutesAmendments: try row.json("minutes_amendments", as: [MinutesAmendment].self),
                       cancellation: try row.optionalJSON("cancellation", as: MeetingCancellation.self),
                       version: try row.int("version"))
    }

    static func loadMeeting(_ db: any SQLDatabase, id: Int64, organisationID: Int64) async throws -> Meeting {
        guard let row = try await db.raw("SELECT * FROM meetings WHERE id = \(bind: id) AND organisation_id = \(bind: organisationID)").first() else {
            throw StoreError.notFound(entity: "meeting", id: String(id))
        }
        return try meeting(from: row)
    }

    static func loadMeetings(_ db: any SQLDatabase, boardID: Int64, organisationID: Int64) async throws -> [Meeting] {
        try await db.raw("""
            SELECT * FROM meetings WHERE board_id = \(bind: boardID) AND organisation_id = \(bind: organisationID)
            ORDER BY date, id
            """).all().map(meeting(from:))
    }

    static func insertMeeting(_ db: any SQLDatabase, _ meeting: Meeting, organisationID: Int64) async throws -> Int64 {
        let row = try await db.raw("""
            INSERT INTO meetings (organisation_id, board_id, date, time, venue, status, agenda, attendance,
                minutes_status, minutes_amendments, cancellation, version)
            VALUES (\(bind: organisationID), \(bind: meeting.boardID), \(bind: meeting.date.iso), \(bind: meeting.time?.text),
                \(bind: meeting.venue), \(bind: meeting.status.rawValue), \(bind: try JSONCoding.text(meeting.agenda)),
                \(bind: try JSONCoding.text(meeting.attendance)), \(bind: try JSONCoding.text(meeting.minutesStatus)),
                \(bind: try JSONCoding.text(meeting.minutesAmendments)), \(bind: try JSONCoding.optionalText(meeting.cancellation)), 1)
            RETURNING id
            """).first()!
        return try row.int64("id")
    }

    /// Writes `meeting` over the stored row, if its version is still `read`.
    static func updateMeeting(_ db: any SQLDatabase, _ meeting: Meeting, organisationID: Int64, read: Int) async throws {
        try await VersionedUpdate.run(db, """
            UPDATE meetings SET date = \(bind: meeting.date.iso), time = \(bind: meeting.time?.text),
                venue = \(bind: meeting.venue), status = \(bind: meeting.status.rawValue),
                agenda = \(bind: try JSONCoding.text(meeting.agenda)), attendance = \(bind: try JSONCoding.text(meeting.attendance)),
                minutes_status = \(bind: try JSONCoding.text(meeting.minutesStatus)),
                minutes_amendments = \(bind: try JSONCoding.text(meeting.minutesAmendments)),
                cancellation = \(bind: try JSONCoding.optionalText(meeting.cancellation)), version = version + 1
            WHERE id = \(bind: meeting.id) AND organisation_id = \(bind: organisationID) AND version = \(bind: read)
            RETURNING version
            """, table: .meetings, entity: "meeting", id: meeting.id, read: read)
    }

    // MARK: Action points

    static func actionPoint(from row: any SQLRow) throws -> ActionPoint {
        let due: ActionPoint.Due?
        if let meetingID = try row.optionalInt64("due_meeting_id") {
            due = .meeting(id: meetingID)
        } else if let day = try row.optionalDay("due_date") {
            due = .date(day)
        } else {
            due = nil
        }
        return ActionPoint(id: try row.int64("id"), boardID: try row.int64("board_id"),
                           raisedAtMeetingID: try row.int64("raised_at_meeting_id"), raisedAtItem: try row.int("raised_at_item"),
                           text: try row.string("text"), owner: try row.string("owner"), due: due,
                           status: try row.enumeration("status", as: ActionPoint.Status.self),
                           updates: try row.json("updates", as: [ActionPoint.Update].self),
                           planActionID: try row.optionalInt64("plan_action_id"), version: try row.int("version"))
    }

    static func loadActionPoint(_ db: any SQLDatabase, id: Int64, organisationID: Int64) async throws -> ActionPoint {
        guard let row = try await db.raw("SELECT * FROM action_points WHERE id = \(bind: id) AND organisation_id = \(bind: organisationID)").first() else {
            throw StoreError.notFound(entity: "action point", id: String(id))
        }
        return try actionPoint(from: row)
    }

    static func loadActionPoints(_ db: any SQLDatabase, boardID: Int64, organisationID: Int64) async throws -> [ActionPoint] {
        try await db.raw("""
            SELECT * FROM action_points WHERE board_id = \(bind: boardID) AND organisation_id = \(bind: organisationID) ORDER BY id
            """).all().map(actionPoint(from:))
    }

    private static func dueColumns(_ due: ActionPoint.Due?) -> (date: String?, meetingID: Int64?) {
        switch due {
        case let .date(day): (day.iso, nil)
        case let .meeting(id): (nil, id)
        case nil: (nil, nil)
        }
    }

    static func insertActionPoint(_ db: any SQLDatabase, _ point: ActionPoint, organisationID: Int64) async throws -> Int64 {
        let due = dueColumns(point.due)
        let row = try await db.raw("""
            INSERT INTO action_points (organisation_id, board_id, raised_at_meeting_id, raised_at_item, text, owner,
                due_date, due_meeting_id, status, updates, plan_action_id, version)
            VALUES (\(bind: organisationID), \(bind: point.boardID), \(bind: point.raisedAtMeetingID), \(bind: point.raisedAtItem),
                \(bind: point.text), \(bind: point.owner), \(bind: due.date), \(bind: due.meetingID), \(bind: point.status.rawValue),
                \(bind: try JSONCoding.text(point.updates)), \(bind: point.planActionID), 1)
            RETURNING id
            """).first()!
        return try row.int64("id")
    }

    /// Writes `point` over the stored row, if its version is still `read`.
    static func updateActionPoint(_ db: any SQLDatabase, _ point: ActionPoint, organisationID: Int64, read: Int) async throws {
        let due = dueColumns(point.due)
        try await VersionedUpdate.run(db, """
            UPDATE action_points SET raised_at_item = \(bind: point.raisedAtItem), text = \(bind: point.text),
                owner = \(bind: point.owner), due_date = \(bind: due.date), due_meeting_id = \(bind: due.meetingID),
                status = \(bind: point.status.rawValue), updates = \(bind: try JSONCoding.text(point.updates)),
                plan_action_id = \(bind: point.planActionID), version = version + 1
            WHERE id = \(bind: point.id) AND organisation_id = \(bind: organisationID) AND version = \(bind: read)
            RETURNING version
            """, table: .actionPoints, entity: "action point", id: point.id, read: read)
    }

    // MARK: Work programme

    /// Adds `item` to `boardID`'s work programme with its audit entry, and returns it as stored:
    /// the one insert behind adding an item on the board's page and importing a work programme.
    static func insertWorkProgrammeItem(_ db: any SQLDatabase, _ item: WorkProgrammeItem, boardID: Int64,
                                        organisationID: Int64) async throws -> WorkProgrammeItem {
        guard let row = try await db.raw("""
            INSERT INTO work_programme_items (organisation_id, board_id, title, presenter, purpose, placement, papers, notes, version)
            VALUES (\(bind: organisationID), \(bind: boardID), \(bind: item.title), \(bind: item.presenter),
                \(bind: item.purpose.rawValue), \(bind: try JSONCoding.text(item.placement)),
                \(bind: try JSONCoding.text(item.papers)), \(bind: item.notes), 1)
            RETURNING id
            """).first() else { throw StoreError.conflict("The work programme item “\(item.title)” could not be added") }
        let saved = try await loadWorkProgrammeItem(db, id: try row.int64("id"), organisationID: organisationID)
        try await AuditLog.record(db, organisationID: organisationID, entity: "work programme item", id: saved.id, change: .create,
                                  before: nil as WorkProgrammeItem?, after: saved)
        return saved
    }

    static func workProgrammeItem(from row: any SQLRow) throws -> WorkProgrammeItem {
        WorkProgrammeItem(id: try row.int64("id"), boardID: try row.int64("board_id"), title: try row.string("title"),
                          presenter: try row.string("presenter"),
                          purpose: try row.enumeration("purpose", as: AgendaItem.Purpose.self),
                          placement: try row.json("placement", as: WorkProgrammeItem.Placement.self),
                          papers: try row.json("papers", as: [AgendaItem.Paper].self), notes: try row.string("notes"),
                          version: try row.int("version"))
    }

    static func loadWorkProgrammeItem(_ db: any SQLDatabase, id: Int64, organisationID: Int64) async throws -> WorkProgrammeItem {
        guard let row = try await db.raw("SELECT * FROM work_programme_items WHERE id = \(bind: id) AND organisation_id = \(bind: organisationID)").first() else {
            throw StoreError.notFound(entity: "work programme item", id: String(id))
        }
        return try workProgrammeItem(from: row)
    }

    static func loadWorkProgramme(_ db: any SQLDatabase, boardID: Int64, organisationID: Int64) async throws -> WorkProgramme {
        let items = try await db.raw("""
            SELECT * FROM work_programme_items WHERE board_id = \(bind: boardID) AND organisation_id = \(bind: organisationID) ORDER BY id
            """).all().map(workProgrammeItem(from:))
        return WorkProgramme(boardID: boardID, items: items)
    }

    // MARK: Checks

    /// Refuses a meeting id that is not a meeting of the board (in the organisation).
    static func requireMeeting(_ db: any SQLDatabase, id: Int64, boardID: Int64, organisationID: Int64, field: String) async throws {
        guard try await db.raw("SELECT id FROM meetings WHERE id = \(bind: id) AND board_id = \(bind: boardID) AND organisation_id = \(bind: organisationID)").first() != nil else {
            throw ValidationError(field: field, message: "Choose a meeting of this board")
        }
    }

    /// Refuses a link to a plan action that is not the organisation's.
    static func requirePlanAction(_ db: any SQLDatabase, id: Int64?, organisationID: Int64) async throws {
        guard let id else { return }
        guard try await db.raw("SELECT id FROM actions WHERE id = \(bind: id) AND organisation_id = \(bind: organisationID)").first() != nil else {
            throw ValidationError(field: "planActionID", message: "There is no plan action \(id) to link to")
        }
    }
}
