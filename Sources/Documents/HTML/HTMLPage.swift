/// Builds a `Document` from the tokens of an HTML page: paragraphs and headings outside
/// tables, and every table (nested ones separately, numbered in the order they start).
/// `colspan` and `rowspan` are laid out on a grid; the value sits in the top-left cell and
/// the span is reported as a merged region.
struct HTMLPage {
    private let fileName: String
    private let limits: ReadingLimits
    private let budget: ReadingBudget
    /// Tokens since the clock was last read.
    private var tokensSinceClock = 0

    private struct OpenTable {
        var index: Int
        var blockPosition: Int
        var rows: [TableRow] = []
        var regions: [CellRegion] = []
        var heading: String?
        var precedingText: String?
        var caption: HTMLText.Builder?
        var row: [CellValue]?
        var rowNumber = 0
        /// Columns still covered by a `rowspan` from above: column → rows remaining.
        var coveredColumns: [Int: Int] = [:]
        var cell: HTMLText.Builder?
        var cellColumn = 0
        var cellSpan = (columns: 1, rows: 1)
    }

    private var blocks: [DocumentBlock?] = []
    private var tables: [OpenTable] = []
    private var tableCount = 0
    private var paragraph = HTMLText.Builder()
    private var paragraphIsHeading = false
    private var paragraphCount = 0
    private var heading: String?
    private var precedingText: String?

    init(fileName: String, budget: ReadingBudget) {
        self.fileName = fileName
        self.limits = budget.limits
        self.budget = budget
    }

    mutating func take(_ token: HTMLToken) throws {
        tokensSinceClock += 1
        if tokensSinceClock >= 4096 {
            tokensSinceClock = 0
            if let reason = budget.checkTime() { throw DocumentError(reason, fileName: fileName) }
        }
        switch token {
        case .start("table", _):
            guard tables.count < limits.maximumTableNesting else {
                throw DocumentError(.nestedTooDeeply(limit: limits.maximumTableNesting), fileName: fileName)
            }
            if tables.isEmpty { flushParagraph() }
            tableCount += 1
            blocks.append(nil)  // the table's place in reading order, filled when it ends
            tables.append(OpenTable(
                index: tableCount, blockPosition: blocks.count - 1, heading: heading, precedingText: precedingText))
        case .end("table"):
            guard var table = tables.popLast() else { return }
            try endRow(&table)
            let text = table.caption?.finished()
            // A rowspan may reach past the last row; only the rows that exist can be filled.
            let regions = CellRegion.clipped(table.regions, lastRow: table.rows.last?.number ?? 0, lastColumn: limits.maximumColumnCount)
            if let reason = budget.spend(cells: regions.area) { throw DocumentError(reason, fileName: fileName) }
            let source = TableSource(fileName: fileName, format: .html, index: table.index)
            var made = Table(source: source, rows: table.rows, mergedRegions: regions.regions,
                             heading: text.flatMap { $0.isEmpty ? nil : $0 } ?? table.heading, precedingText: table.precedingText)
            // A table nested in a cell says which cell it sits in, so a reader can take it with that row.
            if let outer = tables.last, outer.cell != nil {
                made.enclosingCell = TableCellPosition(table: outer.index, row: outer.rowNumber, column: outer.cellColumn)
            }
            blocks[table.blockPosition] = .table(made)
        case .start("tr", _) where !tables.isEmpty:
            try endRow(&tables[tables.count - 1])
            try startRow()
        case .end("tr") where !tables.isEmpty:
            try endRow(&tables[tables.count - 1])
        case .start(let name, let attributes) where (name == "td" || name == "th") && !tables.isEmpty:
            try startCell(attributes)
        case .end(let name) where (name == "td" || name == "th") && !tables.isEmpty:
            try endCell(&tables[tables.count - 1])
        case .start("caption", _) where !tables.isEmpty:
            tables[tables.count - 1].caption = HTMLText.Builder()
        case .end("caption") where !tables.isEmpty:
            if let text = tables[tables.count - 1].caption?.finished(), !text.isEmpty { heading = text }
        default:
            if tables.isEmpty {
                takeOutsideTables(token)
            } else if tables[tables.count - 1].cell != nil {
                tables[tables.count - 1].cell!.take(token)
            } else if tables[tables.count - 1].caption != nil {
                tables[tables.count - 1].caption!.take(token)
            }
        }
    }

    private mutating func takeOutsideTables(_ token: HTMLToken) {
        switch token {
        case .start(let name, _) where HTMLText.lineBreakingTags.contains(name):
            flushParagraph()
            paragraphIsHeading = name.count == 2 && name.hasPrefix("h") && name != "hr"
        case .end(let name) where HTMLText.lineBreakingTags.contains(name):
            flushParagraph()
        default:
            paragraph.take(token)
        }
    }

    private mutating func flushParagraph() {
        let text = paragraph.finished()
        paragraph = HTMLText.Builder()
        defer { paragraphIsHeading = false }
        guard !text.isEmpty else { return }
        paragraphCount += 1
        blocks.append(.paragraph(Paragraph(text: text, isHeading: paragraphIsHeading, number: paragraphCount)))
        precedingText = text
        if paragraphIsHeading { heading = text }
    }

    private mutating func startRow() throws {
        let position = tables.count - 1
        tables[position].rowNumber += 1
        tables[position].row = []
        guard tables[position].rowNumber <= limits.maximumRowCount else {
            throw DocumentError(.tooManyRows(limit: limits.maximumRowCount), fileName: fileName, row: tables[position].rowNumber)
        }
    }

    private mutating func startCell(_ attributes: [String: String]) throws {
        let position = tables.count - 1
        if tables[position].row == nil { try startRow() }  // a cell outside any <tr>
        try endCell(&tables[position])
        var table = tables[position]
        // The first column not covered by a rowspan from above.
        var column = (table.row?.count ?? 0) + 1
        while table.coveredColumns[column] != nil { column += 1 }
        let columns = min(max(Int(attributes["colspan"] ?? "") ?? 1, 1), 1000)
        let rows = min(max(Int(attributes["rowspan"] ?? "") ?? 1, 1), 65_535)
        guard column + columns - 1 <= limits.maximumColumnCount else {
            throw DocumentError(.tooManyColumns(limit: limits.maximumColumnCount), fileName: fileName, row: table.rowNumber)
        }
        table.cellColumn = column
        table.cellSpan = (columns, rows)
        table.cell = HTMLText.Builder()
        tables[position] = table
    }

    private static func place(_ value: CellValue, at column: Int, in row: inout [CellValue]) {
        while row.count < column { row.append(.empty) }
        row[column - 1] = value
    }

    private func endCell(_ table: inout OpenTable) throws {
        guard let builder = table.cell else { return }
        let text = builder.finished()
        table.cell = nil
        guard text.utf8.count <= limits.maximumCellTextLength else {
            throw DocumentError(.cellTooLong(limit: limits.maximumCellTextLength), fileName: fileName, row: table.rowNumber)
        }
        var row = table.row ?? []
        Self.place(text.isEmpty ? .empty : .text(text), at: table.cellColumn, in: &row)
        let (columns, rows) = table.cellSpan
        for extra in 0..<columns {
            let column = table.cellColumn + extra
            if extra > 0 { Self.place(.empty, at: column, in: &row) }
            if rows > 1 { table.coveredColumns[column] = rows }  // counted down at the end of each row, this one included
        }
        if columns > 1 || rows > 1 {
            table.regions.append(CellRegion(
                firstRow: table.rowNumber, firstColumn: table.cellColumn,
                lastRow: table.rowNumber + rows - 1, lastColumn: table.cellColumn + columns - 1))
        }
        table.row = row
    }

    private func endRow(_ table: inout OpenTable) throws {
        try endCell(&table)
        guard var row = table.row else { return }
        table.row = nil
        // Columns covered from above get an empty cell in this row, and their count goes down.
        for (column, remaining) in table.coveredColumns {
            if row.count < column { Self.place(.empty, at: column, in: &row) }
            table.coveredColumns[column] = remaining > 1 ? remaining - 1 : nil
        }
        // Charged before the row is kept: an empty <tr> under a wide rowspan lays out every
        // column the span covers.
        if let reason = budget.spend(cells: row.count) {
            throw DocumentError(reason, fileName: fileName, row: table.rowNumber)
        }
        while let last = row.last, case .empty = last { row.removeLast() }
        if !row.isEmpty { table.rows.append(TableRow(number: table.rowNumber, cells: row)) }
    }

    mutating func finished() throws -> Document {
        while !tables.isEmpty { try take(.end(name: "table")) }
        flushParagraph()
        return Document(fileName: fileName, format: .html, blocks: blocks.compactMap { $0 })
    }
}
