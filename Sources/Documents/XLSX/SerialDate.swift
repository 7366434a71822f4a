/// Excel's dates: a day count ("serial") from an epoch, recognised as a date only by the
/// cell's number format.
enum SerialDate {
    /// Built-in format ids that show dates or times: 14–22 and 45–47 everywhere, and the
    /// East Asian date formats 27–36 and 50–58.
    static func isBuiltInDateFormat(_ id: Int) -> Bool {
        (14...22).contains(id) || (45...47).contains(id) || (27...36).contains(id) || (50...58).contains(id)
    }

    /// Whether a custom format code shows a date or time: it has d, m, y, h or s outside
    /// quoted text, escaped characters and `[...]` sections (colours, locales).
    static func isDateFormat(_ code: String) -> Bool {
        // Only the first section (positive numbers) decides; "General" is never a date.
        var inQuote = false, inBracket = false, escaped = false
        for character in code {
            if escaped { escaped = false; continue }
            if inQuote { if character == "\"" { inQuote = false }; continue }
            if inBracket { if character == "]" { inBracket = false }; continue }
            switch character {
            case "\"": inQuote = true
            case "[": inBracket = true
            case "\\", "_", "*": escaped = true  // "_x" pads and "*x" repeats the next character
            case ";": return false
            case "d", "D", "m", "M", "y", "Y", "h", "H", "s", "S":
                return true
            case "e", "E":
                // "e" is a year code in some locales but also scientific notation ("0.00E+00").
                continue
            default: continue
            }
        }
        return false
    }

    /// The date for a serial. The 1900 system repeats Lotus 1-2-3's mistake of a
    /// 29 February 1900, serial 60: serials before it are one day off the plain count,
    /// and 60 itself is read as 28 February 1900 (the day does not exist). The 1904 system
    /// counts from 1 January 1904 with no such quirk.
    static func date(fromSerial serial: Double, uses1904: Bool) -> CellDate? {
        guard serial.isFinite, serial >= 0, serial < 2_958_466 else { return nil }  // 9999-12-31
        var wholeDays = Int(serial.rounded(.down))
        // Round the time to the second: stored times are binary fractions of a day.
        var seconds = Int(((serial - Double(wholeDays)) * 86_400).rounded())
        if seconds >= 86_400 { wholeDays += 1; seconds -= 86_400 }
        // Day numbers from 1970-01-01 of each system's day 0.
        let daysSince1970: Int
        if uses1904 {
            daysSince1970 = wholeDays - 24_107  // 1904-01-01
        } else if wholeDays >= 61 {
            daysSince1970 = wholeDays - 25_569  // 1899-12-30 + serial
        } else if wholeDays == 60 {
            daysSince1970 = 59 - 25_568
        } else {
            daysSince1970 = wholeDays - 25_568  // 1899-12-31 + serial
        }
        return CellDate.fromDaysSince1970(daysSince1970, secondsIntoDay: seconds)
    }

    /// Parses the ISO 8601 text of a `t="d"` cell: `2023-07-31` or `2023-07-31T14:30:00`.
    static func date(fromISO text: String) -> CellDate? {
        let bytes = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[range] {
                guard (48...57).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return nil }
        var seconds = 0
        if bytes.count >= 16, let hour = number(11..<13), let minute = number(14..<16) {
            seconds = hour * 3600 + minute * 60 + (number(17..<19) ?? 0)
        }
        return CellDate(year: year, month: month, day: day, secondsIntoDay: seconds)
    }
}
