/// How a board numbers its minutes. Numbers run on from one meeting to the next, never
/// restarting at 1 for each meeting: a running number (179, 180, …) or a prefix with a running
/// number ("CYP SC-13", "CYP SC-14").
public struct MinuteNumbering: Sendable, Codable, Hashable {
    /// Put before the number, "CYP SC-"; empty for a plain running number.
    public var prefix: String
    /// The number of the board's first minute in Oversight (carry on from the paper records:
    /// a board whose last minute on paper was 178 starts at 179).
    public var firstNumber: Int

    public init(prefix: String = "", firstNumber: Int = 1) {
        self.prefix = prefix
        self.firstNumber = firstNumber
    }

    /// A running number, 179, 180, …
    public static func running(from firstNumber: Int = 1) -> MinuteNumbering {
        MinuteNumbering(prefix: "", firstNumber: firstNumber)
    }

    /// A prefix with a running number, "CYP SC-13", "CYP SC-14", …
    public static func prefixed(_ prefix: String, from firstNumber: Int = 1) -> MinuteNumbering {
        MinuteNumbering(prefix: prefix, firstNumber: firstNumber)
    }

    /// How a minute number reads: "179" or "CYP SC-13".
    public func label(_ number: Int) -> String { prefix + String(number) }

    /// An example a clerk recognises, "179, 180, 181" or "CYP SC-13, CYP SC-14, CYP SC-15".
    public var example: String {
        (0..<3).map { label(firstNumber + $0) }.joined(separator: ", ")
    }

    /// The last minute number used at the board's meetings before `meeting` (by date; cancelled
    /// meetings have no minutes), or nil when none has been numbered yet.
    public static func lastNumber(before meeting: Meeting, in meetings: [Meeting]) -> Int? {
        meetings
            .filter { $0.id != meeting.id && $0.status != .cancelled && ($0.date, $0.id) < (meeting.date, meeting.id) }
            .flatMap { $0.agenda.compactMap { $0.minute?.number } }
            .max()
    }

    /// Numbers every item of the meeting's agenda in order, continuing from `previousLast` (the
    /// last number of the previous meeting; the board's first number when nil). An item without
    /// a minute gets an empty one, so the numbers have no gaps; narrative and resolutions are kept.
    public func numbered(_ agenda: [AgendaItem], after previousLast: Int?) -> [AgendaItem] {
        var next = previousLast.map { $0 + 1 } ?? firstNumber
        return agenda.map { item in
            var numbered = item
            var minute = item.minute ?? AgendaItem.Minute()
            minute.number = next
            minute.label = label(next)
            numbered.minute = minute
            next += 1
            return numbered
        }
    }
}
