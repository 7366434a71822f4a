import Foundation

/// Writes RFC 4180 CSV that Excel opens correctly and safely.
///
/// - Fields holding a comma, a double quote or a line break are quoted, with quotes doubled.
/// - Records end with CRLF; line breaks inside a field are written as LF, so CRLF only ever
///   ends a record.
/// - The text starts with a UTF-8 byte order mark, without which Excel reads UTF-8 as
///   Windows-1252 and turns "—" and "é" into mojibake.
/// - A field starting with `=`, `+`, `-`, `@` or a tab gets a leading
///   apostrophe, so a spreadsheet shows it as text rather than running it as a formula
///   (CSV formula injection: progress updates are typed by many people).
public struct CSVDocument: Sendable {
    static let byteOrderMark = "\u{FEFF}"
    static let recordEnd = "\r\n"

    public var rows: [[String]] = []

    public init(rows: [[String]] = []) {
        self.rows = rows
    }

    public mutating func append(_ row: [String]) { rows.append(row) }

    public var text: String {
        CSVDocument.byteOrderMark + rows.map { row in
            row.map(CSVDocument.field).joined(separator: ",") + CSVDocument.recordEnd
        }.joined()
    }

    /// One field: guarded against formula injection, then quoted where RFC 4180 needs it.
    static func field(_ raw: String) -> String {
        var value = raw.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        if let first = value.unicodeScalars.first, ["=", "+", "-", "@", "\t"].contains(first) {
            value = "'" + value
        }
        let needsQuotes = value.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\n" }
        guard needsQuotes else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
