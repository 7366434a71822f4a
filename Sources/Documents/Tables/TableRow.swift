/// One row of a table, with the row number it had in its file so that a later message can
/// say "row 14" and the person can find it.
public struct TableRow: Sendable, Hashable {
    /// 1-based: the spreadsheet row number, the line where a CSV record starts, the line of a
    /// tab-separated text row, or the row's position within a Word or HTML table.
    public var number: Int
    /// Cells from the first column on; `cells[0]` is column 1 (A). Columns the file skipped
    /// are `.empty`, so a cell's index is always its column minus one.
    public var cells: [CellValue]

    public init(number: Int, cells: [CellValue]) {
        self.number = number
        self.cells = cells
    }

    /// The cell in a 1-based column, or `.empty` past the end of the row.
    public subscript(column column: Int) -> CellValue {
        column >= 1 && column <= cells.count ? cells[column - 1] : .empty
    }

    /// Each cell as text, in column order.
    public var texts: [String] { cells.map { $0.text } }

    /// True when no cell holds anything a person would see.
    public var isBlank: Bool { cells.allSatisfy { $0.isBlank } }
}
