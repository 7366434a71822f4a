/// Where a table came from, so that messages can point a person at it.
public struct TableSource: Sendable, Hashable {
    /// The file's name as the person gave it (not a full path).
    public var fileName: String
    public var format: DocumentFormat
    /// The worksheet name, for spreadsheets.
    public var sheetName: String?
    /// 1-based: the sheet's position in the workbook, or the table's position in the document
    /// (nested Word and HTML tables are numbered in the order they start).
    public var index: Int

    public init(fileName: String, format: DocumentFormat, sheetName: String? = nil, index: Int) {
        self.fileName = fileName
        self.format = format
        self.sheetName = sheetName
        self.index = index
    }

    /// How a column is named to a person: letters in a spreadsheet (`C`), numbers elsewhere.
    public func columnName(_ column: Int) -> String {
        format == .xlsx ? CellReference.columnLetters(column) : String(column)
    }

    /// "plan.xlsx, sheet 'Actions', cell C14" or "plan.docx, table 2, row 5, column 3".
    public func describe(row: Int? = nil, column: Int? = nil) -> String {
        var parts = [fileName]
        if let sheetName { parts.append("sheet '\(sheetName)'") } else { parts.append("table \(index)") }
        if format == .xlsx, let row, let column {
            parts.append("cell \(CellReference.columnLetters(column))\(row)")
        } else {
            if let row { parts.append(format == .csv || format == .tabSeparatedHTML ? "line \(row)" : "row \(row)") }
            if let column { parts.append("column \(columnName(column))") }
        }
        return parts.joined(separator: ", ")
    }
}
