/// Why a file could not be read, with where (file, sheet, row, column) when known and a
/// sentence a council officer can act on (`message`).
public struct DocumentError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, for code that needs to tell cases apart.
    public enum Reason: Sendable, Hashable {
        /// The file is larger than `ReadingLimits.maximumFileSize`.
        case fileTooLarge(limit: Int)
        /// Unzipped, the file would exceed `ReadingLimits.maximumUncompressedSize`.
        case uncompressedTooLarge(limit: Int)
        /// One part, unzipped, would exceed `ReadingLimits.maximumPartSize` or `maximumHeldPartSize`.
        case partTooLarge(part: String, limit: Int)
        /// The workbook lists more sheets than `ReadingLimits.maximumSheetCount`.
        case tooManySheets(limit: Int)
        /// The file lays out more cells than `ReadingLimits.maximumCellCount`.
        case tooManyCells(limit: Int)
        /// One cell or line holds more text than `ReadingLimits.maximumCellTextLength`.
        case cellTooLong(limit: Int)
        /// Tables are nested deeper than `ReadingLimits.maximumTableNesting`.
        case nestedTooDeeply(limit: Int)
        /// Reading took longer than `ReadingLimits.timeLimit`.
        case tookTooLong(limit: Duration)
        /// The archive holds more entries than `ReadingLimits.maximumEntryCount`.
        case tooManyEntries(limit: Int)
        /// A sheet or table has more rows or columns than the limits allow.
        case tooManyRows(limit: Int)
        case tooManyColumns(limit: Int)
        /// The content is not a format we read (an old .xls, a PDF, an image…).
        case unsupportedFormat(String)
        /// The name claims one format and the content is another (a .docx that is an .xlsx).
        case formatMismatch(named: DocumentFormat, actual: DocumentFormat)
        /// The zip archive is damaged or cut short.
        case damagedArchive
        /// A part the format requires is missing (e.g. `xl/workbook.xml`).
        case missingPart(String)
        /// The XML declares a DTD, which we refuse (entity expansion attacks).
        case documentTypeDeclaration
        /// The XML is not well formed.
        case malformedXML(String)
        /// A quoted CSV field is never closed.
        case unclosedQuote
        /// A requested sheet does not exist.
        case noSuchSheet(String)
        /// The file could not be opened or read.
        case unreadable(String)
    }

    public var reason: Reason
    public var fileName: String
    public var sheet: String?
    /// 1-based row (or line for text formats).
    public var row: Int?
    /// Column as a person names it: letters for a spreadsheet, a number otherwise.
    public var column: String?
    /// A sentence saying what is wrong and what to do, without jargon.
    public var message: String

    public init(
        _ reason: Reason, fileName: String, sheet: String? = nil, row: Int? = nil, column: String? = nil,
        message: String? = nil
    ) {
        self.reason = reason
        self.fileName = fileName
        self.sheet = sheet
        self.row = row
        self.column = column
        self.message = message ?? Self.sentence(for: reason, fileName: fileName)
    }

    /// "plan.xlsx, sheet 'Actions', row 12: <message>".
    public var description: String {
        var place = [fileName]
        if let sheet { place.append("sheet '\(sheet)'") }
        if let row { place.append("row \(row)") }
        if let column { place.append("column \(column)") }
        return place.joined(separator: ", ") + ": " + message
    }

    static func sentence(for reason: Reason, fileName: String) -> String {
        switch reason {
        case .fileTooLarge(let limit):
            return "The file is larger than \(megabytes(limit)), the most Oversight will read. Split it or remove pictures and unused sheets."
        case .uncompressedTooLarge(let limit):
            return "The file unpacks to more than \(megabytes(limit)), far more than a plan or tracker needs; it may be damaged or deliberately oversized, so it was not read."
        case .partTooLarge(let part, let limit):
            return "Its part \(part) unpacks to more than \(megabytes(limit)), the most Oversight will read from one part of an uploaded file; it may be damaged or deliberately oversized, so it was not read."
        case .tooManySheets(let limit):
            return "The workbook has more than \(limit) sheets, the most Oversight will read. Copy the sheets you need into a new workbook and upload that."
        case .tooManyCells(let limit):
            return "The file lays out more than \(grouped(limit)) cells (counting empty and merged cells before the last value in each row), the most Oversight will read from one file. Delete unused rows and columns, or split the file."
        case .cellTooLong(let limit):
            return "A cell holds more than \(megabytes(limit)) of text, the most Oversight will read from one cell."
        case .nestedTooDeeply(let limit):
            return "Tables are nested more than \(limit) deep, the most Oversight will read."
        case .tookTooLong(let limit):
            return "Reading the file took longer than \(limit.components.seconds) seconds, the most Oversight spends on one file; it is too large or too complicated to read here. Split it, or remove sheets and columns you do not need."
        case .tooManyEntries(let limit):
            return "The file holds more than \(limit) internal parts, far more than a plan or tracker needs; it may be damaged or deliberately malformed, so it was not read."
        case .tooManyRows(let limit):
            return "The table has more than \(limit) rows, the most Oversight will read from one table."
        case .tooManyColumns(let limit):
            return "A row has more than \(limit) columns, the most Oversight will read."
        case .unsupportedFormat(let what):
            return "This is \(what), which Oversight cannot read. Save it as .xlsx, .docx, .csv or .html and try again."
        case .formatMismatch(let named, let actual):
            return "The file is named as \(named.displayName) but is really \(actual.displayName). Rename it with the right extension, or save it again from the program that made it."
        case .damagedArchive:
            return "The file is damaged or incomplete (it may have been cut short while copying or downloading). Save or download it again."
        case .missingPart(let part):
            return "The file is missing a part every such file has (\(part)); it is damaged or was not made by Excel or Word. Save it again from the program that made it."
        case .documentTypeDeclaration:
            return "The file contains a document type declaration (DTD), which Office files never need and which can be used to attack a server, so it was not read."
        case .malformedXML(let detail):
            return "The file is damaged: part of it is not valid XML (\(detail)). Save it again from the program that made it."
        case .unclosedQuote:
            return "A quoted value starts here but its closing quote mark is missing, so the rest of the file would be read as one cell. Check the quote marks in this row."
        case .noSuchSheet(let name):
            return "The workbook has no sheet called '\(name)'."
        case .unreadable(let detail):
            return "The file could not be read (\(detail))."
        }
    }

    private static func grouped(_ number: Int) -> String {
        let digits = Array(String(number))
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return result
    }

    private static func megabytes(_ bytes: Int) -> String {
        bytes >= 1024 * 1024 ? "\(bytes / (1024 * 1024)) MB" : "\(bytes) bytes"
    }
}
