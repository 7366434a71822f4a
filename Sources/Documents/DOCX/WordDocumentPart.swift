/// Reads `word/document.xml`: body paragraphs and every table (nested ones as tables of their
/// own, numbered in the order they start), in reading order.
///
/// In a cell, each paragraph or list item is a line. `gridSpan` puts the value in the first
/// grid column it covers; a `vMerge` continuation is an empty cell. Both are reported as
/// merged regions. Deleted revisions, field codes, text boxes and the fallback copies of
/// drawings are skipped, so no text is read twice.
final class WordDocumentPart: XMLEventHandler {
    private let fileName: String
    private let limits: ReadingLimits
    private let budget: ReadingBudget
    /// Elements since the clock was last read.
    private var elementsSinceClock = 0

    private struct OpenTable {
        var index: Int
        var blockPosition: Int
        var heading: String?
        var precedingText: String?
        var rows: [TableRow] = []
        var regions: [CellRegion] = []
        var row: [CellValue]?
        var rowNumber = 0
        var nextColumn = 1
        var cellLines: [String]?
        var cellColumn = 1
        var cellSpan = 1
        var cellMerge = VerticalMerge.none
        /// Open vertical merges: first column → index in `regions`.
        var verticalRegions: [Int: Int] = [:]
    }

    private enum VerticalMerge { case none, restart, continuation }

    private(set) var blocks: [DocumentBlock?] = []
    private var tables: [OpenTable] = []
    private var tableCount = 0
    private var paragraphCount = 0
    private var heading: String?
    private var precedingText: String?

    private var paragraphText = ""
    private var inParagraph = false
    private var paragraphIsHeading = false
    private var inText = false
    private var skippedDepth = 0

    init(fileName: String, budget: ReadingBudget) {
        self.fileName = fileName
        self.limits = budget.limits
        self.budget = budget
    }

    /// Elements whose content is not the document's reading text.
    private static let skipped: Set<Substring> = ["Fallback", "txbxContent", "delText", "instrText", "del", "rPh"]

    override func start(_ name: Substring, attributes: [String: String]) throws {
        elementsSinceClock += 1
        if elementsSinceClock >= 4096 {
            elementsSinceClock = 0
            if let reason = budget.checkTime() { throw XMLPartError(reason: reason) }
        }
        if skippedDepth > 0 || Self.skipped.contains(name) {
            skippedDepth += 1
            return
        }
        switch name {
        case "p":
            inParagraph = true
            paragraphText = ""
            paragraphIsHeading = false
        case "pStyle":
            let style = (Self.attribute("val", in: attributes) ?? "").lowercased()
            if style.hasPrefix("heading") || style == "title" || style == "subtitle" { paragraphIsHeading = true }
        case "outlineLvl":
            paragraphIsHeading = true
        case "t":
            inText = inParagraph
        case "tab" where inParagraph:
            paragraphText += "\t"
        case "br", "cr":
            // A page or column break is not a line of text.
            if inParagraph, Self.attribute("type", in: attributes).map({ $0 == "textWrapping" }) ?? true {
                paragraphText += "\n"
            }
        case "noBreakHyphen":
            paragraphText += "-"
        case "tbl":
            guard tables.count < limits.maximumTableNesting else {
                throw XMLPartError(reason: .nestedTooDeeply(limit: limits.maximumTableNesting))
            }
            tableCount += 1
            blocks.append(nil)
            tables.append(OpenTable(index: tableCount, blockPosition: blocks.count - 1, heading: heading, precedingText: precedingText))
        case "tr" where !tables.isEmpty:
            let position = tables.count - 1
            tables[position].rowNumber += 1
            tables[position].row = []
            tables[position].nextColumn = 1
            guard tables[position].rowNumber <= limits.maximumRowCount else {
                throw XMLPartError(reason: .tooManyRows(limit: limits.maximumRowCount), row: tables[position].rowNumber)
            }
        case "gridBefore" where !tables.isEmpty:
            let position = tables.count - 1
            // Clamped so that a huge count is refused as too many columns, not an overflow.
            let skipped = min(max(Int(Self.attribute("val", in: attributes) ?? "") ?? 0, 0), limits.maximumColumnCount + 1)
            tables[position].nextColumn += skipped
        case "tc" where !tables.isEmpty:
            let position = tables.count - 1
            tables[position].cellLines = []
            tables[position].cellColumn = tables[position].nextColumn
            tables[position].cellSpan = 1
            tables[position].cellMerge = .none
        case "gridSpan" where !tables.isEmpty:
            tables[tables.count - 1].cellSpan = min(max(Int(Self.attribute("val", in: attributes) ?? "") ?? 1, 1), 1000)
        case "vMerge" where !tables.isEmpty:
            let value = Self.attribute("val", in: attributes)
            tables[tables.count - 1].cellMerge = value == "restart" ? .restart : .continuation
        default: break
        }
    }

    override func end(_ name: Substring) throws {
        if skippedDepth > 0 {
            skippedDepth -= 1
            return
        }
        switch name {
        case "t": inText = false
        case "p":
            inParagraph = false
            let text = Self.tidy(paragraphText)
            if !tables.isEmpty {
                if !text.isEmpty { tables[tables.count - 1].cellLines?.append(text) }
            } else if !text.isEmpty {
                paragraphCount += 1
                blocks.append(.paragraph(Paragraph(text: text, isHeading: paragraphIsHeading, number: paragraphCount)))
                precedingText = text
                if paragraphIsHeading { heading = text }
            }
        case "tc" where !tables.isEmpty:
            try Self.endCell(&tables[tables.count - 1], limits: limits)
        case "tr" where !tables.isEmpty:
            // Charged before the row is kept: a row of spans lays out every column they cover.
            let laidOut = tables[tables.count - 1].row?.count ?? 0
            if let reason = budget.spend(cells: laidOut) {
                throw XMLPartError(reason: reason, row: tables[tables.count - 1].rowNumber)
            }
            Self.endRow(&tables[tables.count - 1])
        case "tbl":
            guard let table = tables.popLast() else { return }
            let lastRow = table.rows.last?.number ?? 0
            let regions = CellRegion.clipped(table.regions, lastRow: lastRow, lastColumn: limits.maximumColumnCount)
            if let reason = budget.spend(cells: regions.area) { throw XMLPartError(reason: reason) }
            let source = TableSource(fileName: fileName, format: .docx, index: table.index)
            var made = Table(source: source, rows: table.rows, mergedRegions: regions.regions,
                             heading: table.heading, precedingText: table.precedingText)
            // A table nested in a cell (milestones drawn as a small table in a "Timescale"
            // cell) says which cell it sits in, so a reader can take it with that row.
            if let outer = tables.indices.last, tables[outer].cellLines != nil {
                made.enclosingCell = TableCellPosition(table: tables[outer].index, row: tables[outer].rowNumber, column: tables[outer].cellColumn)
            }
            blocks[table.blockPosition] = .table(made)
        default: break
        }
    }

    override func characters(_ text: String) throws {
        guard inText && skippedDepth == 0 else { return }
        paragraphText += text
        guard paragraphText.utf8.count <= limits.maximumCellTextLength else {
            throw XMLPartError(reason: .cellTooLong(limit: limits.maximumCellTextLength), row: tables.last?.rowNumber)
        }
    }

    private static func endCell(_ table: inout OpenTable, limits: ReadingLimits) throws {
        guard let lines = table.cellLines else { return }
        table.cellLines = nil
        let column = table.cellColumn, span = table.cellSpan
        table.nextColumn = column + span
        guard table.nextColumn - 1 <= limits.maximumColumnCount else {
            throw XMLPartError(reason: .tooManyColumns(limit: limits.maximumColumnCount), row: table.rowNumber)
        }
        var row = table.row ?? []
        while row.count < column + span - 1 { row.append(.empty) }
        switch table.cellMerge {
        case .continuation:
            // The value stays in the first cell of the merge; this one is left empty.
            if let regionIndex = table.verticalRegions[column] {
                table.regions[regionIndex].lastRow = table.rowNumber
            }
        case .restart, .none:
            let text = lines.joined(separator: "\n")
            guard text.utf8.count <= limits.maximumCellTextLength else {
                throw XMLPartError(reason: .cellTooLong(limit: limits.maximumCellTextLength), row: table.rowNumber)
            }
            row[column - 1] = text.isEmpty ? .empty : .text(text)
            if table.cellMerge == .restart {
                table.regions.append(CellRegion(
                    firstRow: table.rowNumber, firstColumn: column, lastRow: table.rowNumber, lastColumn: column + span - 1))
                table.verticalRegions[column] = table.regions.count - 1
            } else {
                table.verticalRegions[column] = nil
                if span > 1 {
                    table.regions.append(CellRegion(
                        firstRow: table.rowNumber, firstColumn: column, lastRow: table.rowNumber, lastColumn: column + span - 1))
                }
            }
        }
        table.row = row
    }

    private static func endRow(_ table: inout OpenTable) {
        guard var row = table.row else { return }
        table.row = nil
        while let last = row.last, case .empty = last { row.removeLast() }
        if !row.isEmpty { table.rows.append(TableRow(number: table.rowNumber, cells: row)) }
    }

    /// Trims each line of a paragraph and collapses runs of spaces that Word keeps for layout.
    private static func tidy(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { line in line.split(whereSeparator: { $0 == " " || $0 == "\u{00A0}" }).joined(separator: " ") }
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
            .joined(separator: "\n")
    }
}
