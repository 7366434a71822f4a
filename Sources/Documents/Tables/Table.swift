/// A table read from a file: rows of cells, where it came from, and the text that stood
/// before it. Knows nothing of plans; the plan recogniser reads meaning into it.
public struct Table: Sendable, Hashable {
    public var source: TableSource
    /// Rows in file order. Rows with no cells at all (an Excel row the file skips, a blank
    /// line) are left out; `TableRow.number` keeps each row's place in the file.
    public var rows: [TableRow]
    /// Merged regions. Their value is in the top-left cell only (see `CellRegion`).
    public var mergedRegions: [CellRegion]
    /// The nearest heading before the table (a Word heading style, an HTML `<h1>`–`<h6>` or
    /// `<caption>`, or a short capitalised line in text), if there is one.
    public var heading: String?
    /// The nearest non-empty paragraph before the table, whatever its style: often a caption
    /// or a bold line that serves as a heading.
    public var precedingText: String?
    /// For a table nested in a cell of another (Word), the cell it sits in: its text belongs
    /// with that row (the outer cell keeps only its own paragraphs).
    public var enclosingCell: TableCellPosition?

    public init(
        source: TableSource, rows: [TableRow], mergedRegions: [CellRegion] = [],
        heading: String? = nil, precedingText: String? = nil
    ) {
        self.source = source
        self.rows = rows
        self.mergedRegions = mergedRegions
        self.heading = heading
        self.precedingText = precedingText
    }

    /// The widest row's cell count.
    public var columnCount: Int { rows.reduce(0) { max($0, $1.cells.count) } }

    /// The text of the cell at a 1-based row position in `rows` (not the file row number)
    /// and 1-based column.
    public func text(row index: Int, column: Int) -> String {
        index >= 1 && index <= rows.count ? rows[index - 1][column: column].text : ""
    }

    /// The table with every merged region's value copied into all its cells: the form to use
    /// when each row must stand alone (a lead named once for three merged rows).
    public func fillingMergedCells() -> Table {
        guard !mergedRegions.isEmpty else { return self }
        var filled = self
        var positionOfRow: [Int: Int] = [:]
        for (position, row) in rows.enumerated() { positionOfRow[row.number] = position }
        for region in mergedRegions {
            guard let top = positionOfRow[region.firstRow] else { continue }
            let value = rows[top][column: region.firstColumn]
            guard region.firstRow <= region.lastRow, region.firstColumn >= 1, region.firstColumn <= region.lastColumn else { continue }
            // Walk whichever is shorter, the region's rows or the table's: a region may claim a
            // million rows of a table that has forty.
            let positions: [Int] = region.lastRow - region.firstRow < rows.count
                ? (region.firstRow...region.lastRow).compactMap { positionOfRow[$0] }
                : rows.indices.filter { rows[$0].number >= region.firstRow && rows[$0].number <= region.lastRow }
            for position in positions {
                for column in region.firstColumn...region.lastColumn {
                    while filled.rows[position].cells.count < column { filled.rows[position].cells.append(.empty) }
                    filled.rows[position].cells[column - 1] = value
                }
            }
        }
        return filled
    }
}

/// Where a cell is: a table's index (`TableSource.index`), the row's number (`TableRow.number`)
/// and the 1-based column.
public struct TableCellPosition: Sendable, Hashable {
    public var table: Int
    public var row: Int
    public var column: Int

    public init(table: Int, row: Int, column: Int) {
        self.table = table
        self.row = row
        self.column = column
    }
}
