/// A spreadsheet cell address such as `C5`: column 3, row 5.
public struct CellReference: Sendable, Hashable, CustomStringConvertible {
    /// 1-based column (A = 1).
    public var column: Int
    /// 1-based row.
    public var row: Int

    public init(column: Int, row: Int) {
        self.column = column
        self.row = row
    }

    /// Parses `C5`, `$C$5` or `c5`; nil for anything else.
    public init?(_ text: String) {
        var column = 0, row = 0, sawDigit = false
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "$"): continue
            case UInt8(ascii: "A")...UInt8(ascii: "Z") where !sawDigit:
                column = column * 26 + Int(byte - UInt8(ascii: "A")) + 1
            case UInt8(ascii: "a")...UInt8(ascii: "z") where !sawDigit:
                column = column * 26 + Int(byte - UInt8(ascii: "a")) + 1
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                sawDigit = true
                row = row * 10 + Int(byte - UInt8(ascii: "0"))
            default: return nil
            }
            // Excel stops at XFD (16384) columns and 1,048,576 rows; anything beyond is not an address.
            if column > 16_384 || row > 1_048_576 { return nil }
        }
        guard column > 0, row > 0 else { return nil }
        self.column = column
        self.row = row
    }

    /// The column letters for a 1-based column: 1 → `A`, 27 → `AA`.
    public static func columnLetters(_ column: Int) -> String {
        var column = column, letters: [Character] = []
        while column > 0 {
            let remainder = (column - 1) % 26
            letters.insert(Character(Unicode.Scalar(UInt8(65 + remainder))), at: 0)
            column = (column - 1) / 26
        }
        return String(letters)
    }

    public var description: String { Self.columnLetters(column) + String(row) }
}
