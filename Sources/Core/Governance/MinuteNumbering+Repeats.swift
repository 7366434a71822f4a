import Foundation

/// A board's minute numbers are never repeated: "minute 184" names one minute of the board.
extension MinuteNumbering {
    /// The minute numbers `meeting` holds; none for a cancelled meeting, which has no minutes
    /// (and whose numbers the next meeting takes, as `lastNumber(before:in:)` counts them).
    public static func numbers(of meeting: Meeting) -> [Int] {
        meeting.status == .cancelled ? [] : meeting.agenda.compactMap { $0.minute?.number }
    }

    /// Numbers `edited` takes that it did not hold as `stored` (nil for a new meeting) and that
    /// it uses twice or another meeting of the board (`meetings`) holds. Numbers it already held
    /// are not checked again, so minutes approved with a repeated number before the rule was kept
    /// in the database can still be amended.
    public static func repeatedNumbers(in edited: Meeting, stored: Meeting?, meetings: [Meeting]) -> [ValidationError] {
        let held = Set(stored.map(numbers(of:)) ?? [])
        var seen = Set<Int>()
        var errors: [ValidationError] = []
        for item in edited.agenda where edited.status != .cancelled {
            guard let minute = item.minute, let number = minute.number else { continue }
            let label = minute.label.isEmpty ? String(number) : minute.label
            if !seen.insert(number).inserted, !held.contains(number) {
                errors.append(.init(field: "agenda", message: "Minute \(label) is given to two items of this meeting: a board's minute numbers are never repeated"))
            } else if !held.contains(number),
                      let other = meetings.first(where: { $0.id != edited.id && numbers(of: $0).contains(number) }) {
                errors.append(.init(field: "agenda", message: "Minute \(label) is already a minute of the meeting on \(other.date.formatted): a board's minute numbers are never repeated"))
            }
        }
        return errors
    }
}
