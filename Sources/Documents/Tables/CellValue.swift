import Foundation

/// What one cell of a table holds, as the file stored it.
///
/// Text formats (CSV, HTML, Word) only ever give `.text` or `.empty`; spreadsheets also give
/// numbers, true/false, dates and error codes such as `#N/A`.
public enum CellValue: Sendable, Hashable {
    case empty
    case text(String)
    case number(Double)
    case boolean(Bool)
    case date(CellDate)
    /// A spreadsheet error value such as `#N/A` or `#DIV/0!`, kept as written.
    case error(String)

    /// The cell as a person would read it: numbers without a trailing `.0`, dates as
    /// `yyyy-mm-dd` (with the time when it is not midnight), booleans as `TRUE`/`FALSE`.
    public var text: String {
        switch self {
        case .empty: return ""
        case .text(let string): return string
        case .number(let number): return CellValue.format(number)
        case .boolean(let value): return value ? "TRUE" : "FALSE"
        case .date(let date): return date.description
        case .error(let code): return code
        }
    }

    /// True when the cell holds nothing a person would see (no value, or only spaces).
    public var isBlank: Bool {
        switch self {
        case .empty: return true
        case .text(let string):
            // Most cells start with a visible ASCII character: answer without Unicode lookups.
            if let first = string.utf8.first, first > 0x20, first < 0x80 { return false }
            return string.allSatisfy { $0.isWhitespace }
        default: return false
        }
    }

    static func format(_ number: Double) -> String {
        // Whole numbers are common (counts, references) and read badly as "12.0".
        if number.rounded() == number, abs(number) < 1e15 {
            return String(Int64(number))
        }
        return String(number)
    }
}
