/// A rectangle of merged cells (Excel merge, Word `gridSpan`/`vMerge`, HTML `colspan`/
/// `rowspan`). The value sits in the top-left cell only; the other cells of the region are
/// `.empty` in the rows as read. `Table.fillingMergedCells()` copies the value across.
public struct CellRegion: Sendable, Hashable {
    /// 1-based row numbers as in `TableRow.number`.
    public var firstRow: Int
    public var lastRow: Int
    /// 1-based columns.
    public var firstColumn: Int
    public var lastColumn: Int

    public init(firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int) {
        self.firstRow = firstRow
        self.firstColumn = firstColumn
        self.lastRow = lastRow
        self.lastColumn = lastColumn
    }

    /// Parses an Excel range such as `B2:D4` (or a single cell `B2`).
    init?(excelRange: String) {
        let parts = excelRange.split(separator: ":")
        guard let first = parts.first.flatMap({ CellReference(String($0)) }) else { return nil }
        let last = parts.count > 1 ? CellReference(String(parts[1])) : first
        guard let last else { return nil }
        self.init(firstRow: first.row, firstColumn: first.column, lastRow: last.row, lastColumn: last.column)
    }

    /// Regions cut to a table's last row and column, dropping those wholly outside, with the
    /// number of cells the kept ones cover (overlaps counted twice, as filling them would).
    static func clipped(_ regions: [CellRegion], lastRow: Int, lastColumn: Int) -> (regions: [CellRegion], area: Int) {
        var kept: [CellRegion] = []
        var area = 0
        for var region in regions {
            guard region.firstRow <= region.lastRow, region.firstColumn <= region.lastColumn,
                  region.firstRow >= 1, region.firstColumn >= 1,
                  region.firstRow <= lastRow, region.firstColumn <= lastColumn else { continue }
            region.lastRow = min(region.lastRow, lastRow)
            region.lastColumn = min(region.lastColumn, lastColumn)
            let (cells, overflowed) = (region.lastRow - region.firstRow + 1)
                .multipliedReportingOverflow(by: region.lastColumn - region.firstColumn + 1)
            let (sum, sumOverflowed) = area.addingReportingOverflow(cells)
            area = overflowed || sumOverflowed ? Int.max : sum
            kept.append(region)
        }
        return (kept, area)
    }

    public func contains(row: Int, column: Int) -> Bool {
        (firstRow...lastRow).contains(row) && (firstColumn...lastColumn).contains(column)
    }
}
