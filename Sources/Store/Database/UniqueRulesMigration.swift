import Core
import Foundation
import Logging
import SQLKit

extension Migrations {
    /// Work a migration does in Swift after its statements, in the same transaction: filling
    /// what SQL alone cannot (a rule kept in Core, JSON read as the app reads it).
    static func afterStatements(of version: Int, on db: any SQLDatabase) async throws {
        switch version {
        case 28: try await UniqueRulesMigration.run(on: db)
        default: break
        }
    }
}

/// Migration 28's fill, so its unique indexes can be built on a database that already breaks the
/// rules, without refusing to start and without losing anything:
///
/// - Actions repeating a reference in their plan (as `ActionEditRules.refKey` compares them): the
///   first stored keeps it; each later one gets the first free " (2)", " (3)", … after it, with an
///   audit entry in its history ("Reference 2.1 → 2.1 (2)") and a warning in the log. An editor
///   then gives it the reference it should have.
/// - Minute numbers repeated within a board: locked (approved) minutes are the signed record and
///   claim their numbers first. Draft minutes that repeat a number are renumbered after the
///   board's highest number, recorded in the trail as a change of their minutes. Two sets of
///   locked minutes sharing a number are left as they were signed; the earlier keeps the number
///   in the index and the log names both meetings.
///
/// It reads rows with today's row readers (`BoardRows.meeting(from:)`), which only read columns
/// migrations up to 27 made; a later migration that adds a column those readers need must keep
/// that true.
enum UniqueRulesMigration {
    static let actor = AuditActor.system(reason: "migration 28: unique action references and minute numbers")

    /// Built once the rows keep the rules. Plain unique indexes, the same on every database.
    static let indexes = [
        "CREATE UNIQUE INDEX actions_plan_ref ON actions(plan_id, ref_key)",
        "CREATE UNIQUE INDEX minute_numbers_board ON minute_numbers(board_id, number)",
        "CREATE INDEX minute_numbers_meeting ON minute_numbers(meeting_id)",
    ]

    static func run(on db: any SQLDatabase) async throws {
        let logger = Logger(label: "oversight.store")
        try await AuditActor.$current.withValue(actor) {
            try await actionRefs(db, logger: logger)
            try await minuteNumbers(db, logger: logger)
        }
        for statement in indexes {
            try await db.raw(SQLQueryString(statement)).run()
        }
    }

    /// The reference given to a repeat: the first " (n)" the plan does not have.
    static func freeRef(for ref: String, taken: Set<String>) -> String {
        let base = ref.trimmingCharacters(in: .whitespaces)
        var n = 2
        while taken.contains(ActionEditRules.refKey("\(base) (\(n))")) { n += 1 }
        return "\(base) (\(n))"
    }

    static func actionRefs(_ db: any SQLDatabase, logger: Logger) async throws {
        struct Row { var id: Int64; var organisationID: Int64; var planID: Int64; var areaID: Int64; var ref: String; var title: String; var version: Int }
        let rows = try await db.raw("SELECT id, organisation_id, plan_id, area_id, ref, title, version FROM actions ORDER BY plan_id, id").all().map {
            Row(id: try $0.int64("id"), organisationID: try $0.int64("organisation_id"), planID: try $0.int64("plan_id"),
                areaID: try $0.int64("area_id"), ref: try $0.string("ref"), title: try $0.string("title"), version: try $0.int("version"))
        }
        var taken: [Int64: Set<String>] = [:]
        var repeats: [Row] = []
        for row in rows {
            let key = ActionEditRules.refKey(row.ref)
            if taken[row.planID, default: []].insert(key).inserted {
                try await db.raw("UPDATE actions SET ref_key = \(bind: key) WHERE id = \(bind: row.id)").run()
            } else {
                repeats.append(row)
            }
        }
        for row in repeats {
            let ref = freeRef(for: row.ref, taken: taken[row.planID, default: []])
            let key = ActionEditRules.refKey(ref)
            taken[row.planID, default: []].insert(key)
            try await VersionedUpdate.run(db, """
                UPDATE actions SET ref = \(bind: ref), ref_key = \(bind: key), version = version + 1
                WHERE id = \(bind: row.id) AND version = \(bind: row.version) RETURNING version
                """, table: .actions, entity: "action", id: row.id, read: row.version)
            // Only the reference changes, so the entry holds the action's reference, title and
            // area: its history reads "Reference 2.1 → 2.1 (2)" and nothing else.
            let before = Action(id: row.id, areaID: row.areaID, ref: row.ref, title: row.title)
            var after = before
            after.ref = ref
            try await AuditLog.record(db, organisationID: row.organisationID, entity: "action", id: row.id, change: .update,
                                      before: before, after: after)
            logger.warning("Migration 28: action \(row.id) (\(row.title)) repeated reference \(row.ref) in plan \(row.planID); it is now \(ref)")
        }
    }

    static func minuteNumbers(_ db: any SQLDatabase, logger: Logger) async throws {
        for boardRow in try await db.raw("SELECT id, minute_prefix, minute_first_number FROM boards ORDER BY id").all() {
            let boardID = try boardRow.int64("id")
            let numbering = MinuteNumbering(prefix: try boardRow.string("minute_prefix"), firstNumber: try boardRow.int("minute_first_number"))
            let meetingRows = try await db.raw("SELECT * FROM meetings WHERE board_id = \(bind: boardID) ORDER BY date, id").all()
            let meetings = try meetingRows.map(BoardRows.meeting(from:))
            var claimed: [Int: Meeting] = [:]
            var toRenumber: [Meeting] = []
            // The signed record first, then drafts, each in date order.
            for meeting in meetings.filter(\.minutesStatus.isLocked) + meetings.filter({ !$0.minutesStatus.isLocked }) {
                let numbers = MinuteNumbering.numbers(of: meeting)
                let repeats = numbers.enumerated().filter { index, number in
                    claimed[number] != nil || numbers[..<index].contains(number)
                }.map(\.element)
                if repeats.isEmpty || meeting.minutesStatus.isLocked {
                    for number in numbers where claimed[number] == nil { claimed[number] = meeting }
                    for number in repeats {
                        let holder = claimed[number].map { "the meeting on \($0.date.formatted) (\($0.id))" } ?? "this meeting"
                        logger.warning("Migration 28: approved minutes of the meeting on \(meeting.date.formatted) (\(meeting.id)) repeat minute \(numbering.label(number)) of \(holder); kept as approved")
                    }
                } else {
                    toRenumber.append(meeting)
                }
            }
            let highest = meetings.flatMap(MinuteNumbering.numbers(of:)).max() ?? (numbering.firstNumber - 1)
            var next = max(highest, numbering.firstNumber - 1) + 1
            for meeting in toRenumber {
                var edited = meeting
                for index in edited.agenda.indices {
                    guard var minute = edited.agenda[index].minute, minute.number != nil else { continue }
                    minute.number = next
                    minute.label = numbering.label(next)
                    edited.agenda[index].minute = minute
                    claimed[next] = edited
                    next += 1
                }
                try await VersionedUpdate.run(db, """
                    UPDATE meetings SET agenda = \(bind: try JSONCoding.text(edited.agenda)), version = version + 1
                    WHERE id = \(bind: meeting.id) AND version = \(bind: meeting.version) RETURNING version
                    """, table: .meetings, entity: "meeting", id: meeting.id, read: meeting.version)
                let organisationID = try await db.raw("SELECT organisation_id FROM meetings WHERE id = \(bind: meeting.id)").first()?.int64("organisation_id")
                try await AuditLog.record(db, organisationID: organisationID, entity: "minutes", id: meeting.id, change: .update,
                                          before: MinutesInTrail(meeting), after: MinutesInTrail(edited))
                logger.warning("Migration 28: the draft minutes of the meeting on \(meeting.date.formatted) (\(meeting.id)) repeated another meeting's numbers; they are now \(MinutesInTrail(edited).numbers ?? "")")
            }
            for (number, meeting) in claimed.sorted(by: { $0.key < $1.key }) {
                try await db.raw("""
                    INSERT INTO minute_numbers (board_id, number, meeting_id) VALUES (\(bind: boardID), \(bind: number), \(bind: meeting.id))
                    """).run()
            }
        }
    }
}
