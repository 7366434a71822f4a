/// Reads one worksheet's XML as a stream of rows, driven by `XMLByteScanner`. Only the
/// current row is held; merged ranges (written after the rows) are collected for the end.
struct SheetPart: XMLScanHandler {
    private let decoding: CellDecoding
    private let limits: ReadingLimits
    private let budget: ReadingBudget
    private let onRow: (TableRow) throws -> Void

    private(set) var mergedRegions: [CellRegion] = []
    private(set) var rowCount = 0
    /// The row being read (or last read): where a damaged sheet is reported.
    private(set) var rowNumber = 0
    /// The last row number that held a value: merged regions are clipped to it.
    private var lastRowWithValues = 0

    private var inSheetData = false
    private var cells: [CellValue] = []
    private var lastColumn = 0

    // The cell being read.
    private var column = 0
    private var style = 0
    private var type = CellType.number
    private var value = ByteRun(capacity: 64)
    private var capturing = false
    private var inInlineString = false
    private var phoneticDepth = 0

    private enum CellType { case number, shared, inline, formulaText, boolean, error, isoDate }

    init(
        sharedStrings: [String], dateStyles: [Bool], uses1904: Bool, budget: ReadingBudget,
        onRow: @escaping (TableRow) throws -> Void
    ) {
        self.decoding = CellDecoding(sharedStrings: sharedStrings, dateStyles: dateStyles, uses1904: uses1904)
        self.limits = budget.limits
        self.budget = budget
        self.onRow = onRow
        cells.reserveCapacity(32)
    }

    var wantsText: Bool { capturing }

    mutating func startElement(_ name: XMLName, attributes: XMLAttributes) throws {
        if name.is("c") {
            guard inSheetData else { return }
            // A cell without `r` follows the previous one; `r="C5"` may skip columns.
            column = attributes.value(of: "r", Self.column(of:)).flatMap { $0 } ?? lastColumn + 1
            guard column <= limits.maximumColumnCount else {
                throw XMLPartError(reason: .tooManyColumns(limit: limits.maximumColumnCount), row: rowNumber)
            }
            style = attributes.integer("s") ?? 0
            type = attributes.value(of: "t", Self.cellType(_:)) ?? .number
            value.removeAll()
        } else if name.is("v") {
            if inSheetData { capturing = true }
        } else if name.is("t") {
            if inInlineString && phoneticDepth == 0 { capturing = true }
        } else if name.is("is") {
            if inSheetData { inInlineString = true }
        } else if name.is("rPh") {
            phoneticDepth += 1
        } else if name.is("row") {
            guard inSheetData else { return }
            rowNumber = attributes.integer("r") ?? rowNumber + 1
            lastColumn = 0
            cells.removeAll(keepingCapacity: true)
        } else if name.is("sheetData") {
            inSheetData = true
        } else if name.is("mergeCell") {
            if let reference = attributes.string("ref"), let region = CellRegion(excelRange: reference) {
                // Each region is held until the end of the sheet, so each costs like a cell.
                if let reason = budget.spend(cells: 1) { throw XMLPartError(reason: reason) }
                mergedRegions.append(region)
            }
        }
    }

    mutating func endElement(_ name: XMLName) throws {
        if name.is("c") {
            guard inSheetData else { return }
            // Only locals go into the closure: capturing `self` would copy the whole reader per cell.
            let decoding = self.decoding, type = self.type, style = self.style, row = rowNumber, column = self.column
            let cell = try value.withBytes { try decoding.value(of: $0, type: type, style: style, row: row, column: column) }
            lastColumn = column
            if case .empty = cell { return }
            if cells.count < column - 1 { cells.append(contentsOf: repeatElement(.empty, count: column - 1 - cells.count)) }
            if cells.count == column - 1 { cells.append(cell) } else { cells[column - 1] = cell }
        } else if name.is("v") || name.is("t") {
            capturing = false
        } else if name.is("is") {
            inInlineString = false
        } else if name.is("rPh") {
            phoneticDepth -= 1
        } else if name.is("row") {
            guard inSheetData, !cells.isEmpty else { return }
            rowCount += 1
            guard rowCount <= limits.maximumRowCount else {
                throw XMLPartError(reason: .tooManyRows(limit: limits.maximumRowCount), row: rowNumber)
            }
            // A row with one value in column XFD lays out 16,384 cells: it is charged them all.
            if let reason = budget.spend(cells: cells.count) { throw XMLPartError(reason: reason, row: rowNumber) }
            lastRowWithValues = max(lastRowWithValues, rowNumber)
            try onRow(TableRow(number: rowNumber, cells: cells))
        } else if name.is("sheetData") {
            inSheetData = false
        }
    }

    mutating func text(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        guard value.count + bytes.count <= limits.maximumCellTextLength else {
            throw XMLPartError(reason: .cellTooLong(limit: limits.maximumCellTextLength), row: rowNumber,
                               column: CellReference.columnLetters(column))
        }
        value.append(bytes)
    }

    /// The merged regions cut to the rows read: a merge over a million rows of a 40-row sheet
    /// covers 40 rows.
    var clippedMergedRegions: [CellRegion] {
        CellRegion.clipped(mergedRegions, lastRow: lastRowWithValues, lastColumn: limits.maximumColumnCount).regions
    }

    /// Charges the cells the merged regions cover (what `Table.fillingMergedCells()` would lay
    /// out), so thousands of merges over a whole sheet are refused rather than filled.
    func chargeMergedRegions() throws {
        let area = CellRegion.clipped(mergedRegions, lastRow: lastRowWithValues, lastColumn: limits.maximumColumnCount).area
        if let reason = budget.spend(cells: area) { throw XMLPartError(reason: reason) }
    }

    /// What the workbook says about every cell's value: its shared text, which styles are
    /// dates, and the date system.
    private struct CellDecoding {
        let sharedStrings: [String]
        let dateStyles: [Bool]
        let uses1904: Bool

        func value(of bytes: UnsafeBufferPointer<UInt8>, type: CellType, style: Int, row: Int, column: Int) throws -> CellValue {
            if bytes.isEmpty { return .empty }
            switch type {
            case .shared:
                guard let index = XMLAttributes.wholeNumber(bytes), index < sharedStrings.count else {
                    throw XMLPartError(
                        reason: .malformedXML("cell points at shared text \(String(decoding: bytes, as: UTF8.self)), which does not exist"),
                        row: row, column: CellReference.columnLetters(column))
                }
                let text = sharedStrings[index]
                return text.isEmpty ? .empty : .text(text)
            case .inline, .formulaText:
                return .text(OfficeText.text(bytes))
            case .boolean:
                return .boolean(bytes.elementsEqual(CollectionOfOne(UInt8(ascii: "1"))) || String(decoding: bytes, as: UTF8.self).lowercased() == "true")
            case .error:
                return .error(String(decoding: bytes, as: UTF8.self))
            case .isoDate:
                let text = String(decoding: bytes, as: UTF8.self)
                return SerialDate.date(fromISO: text).map(CellValue.date) ?? .text(text)
            case .number:
                guard let number = SheetPart.number(bytes) else { return .text(String(decoding: bytes, as: UTF8.self)) }
                if style < dateStyles.count, dateStyles[style], let date = SerialDate.date(fromSerial: number, uses1904: uses1904) {
                    return .date(date)
                }
                return .number(number)
            }
        }
    }

    private static func cellType(_ attribute: UnsafeBufferPointer<UInt8>) -> CellType {
        switch attribute.count {
        case 1:
            switch attribute[0] {
            case UInt8(ascii: "s"): return .shared
            case UInt8(ascii: "b"): return .boolean
            case UInt8(ascii: "e"): return .error
            case UInt8(ascii: "d"): return .isoDate
            default: return .number
            }
        case 3 where attribute.elementsEqual("str".utf8): return .formulaText
        case 9 where attribute.elementsEqual("inlineStr".utf8): return .inline
        default: return .number
        }
    }

    /// The column of a reference such as `AB12`, reading only its letters.
    private static func column(of reference: UnsafeBufferPointer<UInt8>) -> Int? {
        var column = 0
        for byte in reference {
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

    private static let powersOfTen: [Double] = (0...22).map { exponent in
        (0..<exponent).reduce(1.0) { product, _ in product * 10 }
    }

    /// A cell's number read from its bytes. Most cells hold a short decimal (`42`, `45138.5`,
    /// `-0.25`): its digits fit exactly in a `Double` and are scaled by an exact power of ten,
    /// which rounds once and so gives the same `Double` as the standard parser. Anything else
    /// (long digit strings, large exponents, odd forms) goes to the standard parser.
    static func number(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        let count = bytes.count
        guard count > 0 else { return nil }
        var index = 0
        let negative = bytes[0] == UInt8(ascii: "-")
        if negative { index = 1 }
        var mantissa: UInt64 = 0
        var digits = 0
        var exponent = 0
        let integerStart = index
        while index < count, bytes[index] &- 48 < 10 {
            mantissa = mantissa &* 10 &+ UInt64(bytes[index] &- 48)
            if mantissa != 0 { digits += 1 }
            index += 1
        }
        var isFast = index > integerStart
        if isFast, index < count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            let fractionStart = index
            while index < count, bytes[index] &- 48 < 10 {
                mantissa = mantissa &* 10 &+ UInt64(bytes[index] &- 48)
                if mantissa != 0 { digits += 1 }
                exponent -= 1
                index += 1
            }
            isFast = index > fractionStart
        }
        if isFast, index < count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            var exponentNegative = false
            if index < count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
                exponentNegative = bytes[index] == UInt8(ascii: "-")
                index += 1
            }
            let exponentStart = index
            var written = 0
            while index < count, bytes[index] &- 48 < 10, written < 1000 {
                written = written * 10 + Int(bytes[index] &- 48)
                index += 1
            }
            isFast = index > exponentStart
            exponent += exponentNegative ? -written : written
        }
        guard isFast, index == count, digits <= 15, (-22...22).contains(exponent) else {
            return Double(String(decoding: bytes, as: UTF8.self))
        }
        var result = Double(mantissa)
        result = exponent < 0 ? result / powersOfTen[-exponent] : result * powersOfTen[exponent]
        return negative ? -result : result
    }
}
