import Foundation

/// The plain-text list of bank holidays or closure days a council can supply to replace the
/// built-in bank holidays or to add its own closures.
///
/// One date a line, `YYYY-MM-DD`, optionally followed by a comma and a name:
/// ```
/// # Council closure days, winter 2024
/// 2024-12-27,Council closure
/// 2024-12-30,Council closure
/// 2024-12-31
/// ```
/// Blank lines and lines starting with `#` are ignored; spaces around the date and name are
/// trimmed; the name may itself hold commas. A byte order mark and Windows line endings (a
/// file saved from Excel) are accepted. A line without a name is named "Bank holiday" or
/// "Local closure" after the list's kind.
public enum NonWorkingDayList {
    /// A line that is not a date in the form `YYYY-MM-DD`: the line number (from 1) and its text,
    /// so a user can find it.
    public struct LineError: Error, Hashable, Sendable, CustomStringConvertible {
        public let line: Int
        public let text: String
        public let reason: String

        public var description: String {
            "line \(line): '\(text)' \(reason)"
        }
    }

    /// The days the text lists, in date order; throws for the first line that cannot be read.
    public static func parse(_ text: String, kind: NonWorkingDay.Kind) throws(LineError) -> [NonWorkingDay] {
        var days: [NonWorkingDay] = []
        let body = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        // "\r\n" is one Character and a newline, so Windows files count their lines right.
        for (offset, rawLine) in body.split(omittingEmptySubsequences: false, whereSeparator: { $0.isNewline }).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let pieces = line.split(separator: ",", maxSplits: 1, omittingEmptySubsequences: false)
            let dateText = pieces[0].trimmingCharacters(in: .whitespaces)
            guard let day = Day(iso: dateText) else {
                throw LineError(line: offset + 1, text: line,
                                reason: "does not start with a date in the form YYYY-MM-DD (then optionally a comma and a name)")
            }
            let name = pieces.count > 1 ? pieces[1].trimmingCharacters(in: .whitespaces) : ""
            days.append(NonWorkingDay(day: day, name: name.isEmpty ? defaultName(for: kind) : name, kind: kind))
        }
        return days.sorted()
    }

    /// The text `parse` reads back: one `YYYY-MM-DD,name` line a day.
    public static func format(_ days: [NonWorkingDay]) -> String {
        days.sorted().map { "\($0.day.iso),\($0.name)\n" }.joined()
    }

    static func defaultName(for kind: NonWorkingDay.Kind) -> String {
        switch kind {
        case .bankHoliday: "Bank holiday"
        case .localClosure: "Local closure"
        }
    }
}
