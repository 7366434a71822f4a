/// Reads one worksheet's XML as a stream of rows. Only the current row is held; merged
/// ranges (written after the rows) are collected for the end.
final class SheetPart: XMLEventHandler {
    private let sharedStrings: [String]
    private let dateStyles: [Bool]
    private let uses1904: Bool
    private let limits: ReadingLimits
    private let onRow: (TableRow) throws -> Void

    private(set) var mergedRegions: [CellRegion] = []
    private(set) var rowCount = 0

    private var inSheetData = false
    private var rowNumber = 0
    private var cells: [CellValue] = []
    private var lastColumn = 0

    // The cell being read.
    private var column = 0
    private var style = 0
    private var type = CellType.number
    private var value = ""
    private var capturing = false
    private var inInlineString = false
    private var phoneticDepth = 0

    private enum CellType { case number, shared, inline, formulaText, boolean, error, isoDate }

    init(
        sharedStrings: [String], dateStyles: [Bool], uses1904: Bool, limits: ReadingLimits,
        onRow: @escaping (TableRow) throws -> Void
    ) {
        self.sharedStrings = sharedStrings
        self.dateStyles = dateStyles
        self.uses1904 = uses1904
        self.limits = limits
        self.onRow = onRow
        cells.reserveCapacity(32)
        value.reserveCapacity(64)
    }

    override func start(_ name: Substring, attributes: [String: String]) throws {
        switch name {
        case "c" where inSheetData:
            // A cell without `r` follows the previous one; `r="C5"` may skip columns.
            if let reference = attributes["r"], let parsed = Self.column(of: reference) {
                column = parsed
            } else {
                column = lastColumn + 1
            }
            guard column <= limits.maximumColumnCount else {
                throw XMLPartError(reason: .tooManyColumns(limit: limits.maximumColumnCount), row: rowNumber)
            }
            style = attributes["s"].flatMap { Int($0) } ?? 0
            type = Self.cellType(attributes["t"])
            value.removeAll(keepingCapacity: true)
        case "v" where inSheetData:
            capturing = true
        case "is" where inSheetData:
            inInlineString = true
        case "rPh":
            phoneticDepth += 1
        case "t" where inInlineString && phoneticDepth == 0:
            capturing = true
        case "row" where inSheetData:
            rowNumber = attributes["r"].flatMap { Int($0) } ?? rowNumber + 1
            lastColumn = 0
            cells.removeAll(keepingCapacity: true)
        case "sheetData":
            inSheetData = true
        case "mergeCell":
            if let reference = attributes["ref"], let region = CellRegion(excelRange: reference) {
                mergedRegions.append(region)
            }
        default: break
        }
    }

    override func end(_ name: Substring) throws {
        switch name {
        case "v", "t": capturing = false
        case "is": inInlineString = false
        case "rPh": phoneticDepth -= 1
        case "c" where inSheetData:
            let cell = try decodedValue()
            lastColumn = column
            if case .empty = cell { return }
            if cells.count < column - 1 { cells.append(contentsOf: repeatElement(.empty, count: column - 1 - cells.count)) }
            if cells.count == column - 1 { cells.append(cell) } else { cells[column - 1] = cell }
        case "row" where inSheetData:
            guard !cells.isEmpty else { return }
            rowCount += 1
            guard rowCount <= limits.maximumRowCount else {
                throw XMLPartError(reason: .tooManyRows(limit: limits.maximumRowCount), row: rowNumber)
            }
            try onRow(TableRow(number: rowNumber, cells: cells))
        case "sheetData":
            inSheetData = false
        default: break
        }
    }

    override func characters(_ text: String) throws {
        if capturing { value += text }
    }

    private func decodedValue() throws -> CellValue {
        if value.isEmpty { return .empty }
        switch type {
        case .shared:
            guard let index = Int(value), index >= 0, index < sharedStrings.count else {
                throw XMLPartError(
                    reason: .malformedXML("cell points at shared text \(value), which does not exist"),
                    row: rowNumber, column: CellReference.columnLetters(column))
            }
            let text = sharedStrings[index]
            return text.isEmpty ? .empty : .text(text)
        case .inline, .formulaText:
            return .text(OfficeText.unescape(value))
        case .boolean:
            return .boolean(value == "1" || value.lowercased() == "true")
        case .error:
            return .error(value)
        case .isoDate:
            return SerialDate.date(fromISO: value).map(CellValue.date) ?? .text(value)
        case .number:
            guard let number = Double(value) else { return .text(value) }
            if style < dateStyles.count, dateStyles[style], let date = SerialDate.date(fromSerial: number, uses1904: uses1904) {
                return .date(date)
            }
            return .number(number)
        }
    }

    private static func cellType(_ attribute: String?) -> CellType {
        switch attribute {
        case nil, "n": return .number
        case "s": return .shared
        case "inlineStr": return .inline
        case "str": return .formulaText
        case "b": return .boolean
        case "e": return .error
        case "d": return .isoDate
        default: return .number
        }
    }

    /// The column of a reference such as `AB12`, reading only its letters.
    private static func column(of reference: String) -> Int? {
        var column = 0
        for byte in reference.utf8 {
            switch byte {
            case 65...90, 97...122:
                // Past Excel's last column the value is rejected by the caller; stop growing.
                if column > 1_000_000 { return column }
                column = column * 26 + Int(byte & 0xDF) - 64
            case 36: continue  // "$"
            default: return column > 0 ? column : nil
            }
        }
        return column > 0 ? column : nil
    }
}
