import Core
import SQLKit

/// The `minute_numbers` table: one row per minute number a board has used, unique per board
/// (migration 28). Minutes themselves live in the meeting's agenda; this table is what
/// lets the database refuse a number twice, which a JSON column cannot.
enum MinuteNumberRows {
    /// Brings the rows for `meeting` in line with its agenda after it is written: numbers it no
    /// longer holds are released, new ones claimed. Numbers held before and kept are left alone.
    static func claim(_ db: any SQLDatabase, _ meeting: Meeting, stored: Meeting?) async throws {
        let before = Set(stored.map(MinuteNumbering.numbers(of:)) ?? [])
        let after = Set(MinuteNumbering.numbers(of: meeting))
        for number in before.subtracting(after).sorted() {
            try await db.raw("DELETE FROM minute_numbers WHERE meeting_id = \(bind: meeting.id) AND number = \(bind: number)").run()
        }
        for number in after.subtracting(before).sorted() {
            do {
                try await db.raw("""
                    INSERT INTO minute_numbers (board_id, number, meeting_id)
                    VALUES (\(bind: meeting.boardID), \(bind: number), \(bind: meeting.id))
                    """).run()
            } catch let error where UniqueIndex.minuteNumbers.refused(error) {
                let label = meeting.agenda.compactMap(\.minute).first(where: { $0.number == number })?.label ?? String(number)
                throw ValidationErrors([ValidationError(
                    field: "agenda", message: "Minute \(label.isEmpty ? String(number) : label) is already a minute of another meeting of this board: a board's minute numbers are never repeated")])
            }
        }
    }
}
