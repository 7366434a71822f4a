import Foundation

/// Reads an Excel workbook (.xlsx) sheet by sheet, streaming rows so that memory does not
/// grow with the sheet: only the shared strings and the current row are held.
///
/// Values: text (shared and inline), numbers, `TRUE`/`FALSE`, error codes, and dates, which
/// Excel stores as numbers and marks only by the cell's number format (built-in formats
/// 14–22, 45–47 and custom ones with d, m or y), in the 1900 or 1904 system as the workbook
/// says. Formulas give their last calculated value. Merged cells keep the value in the
/// top-left cell only; the ranges are in `Table.mergedRegions`.
///
/// Not `Sendable` (it holds an open archive): create one per task.
public final class XLSXReader {
    public let fileName: String
    /// Sheet names in workbook order (the order of the tabs).
    public let sheetNames: [String]
    private let archive: SafeArchive
    private let sheetPaths: [String]
    private let uses1904Dates: Bool
    private let dateStyles: [Bool]
    private var sharedStrings: [String]?

    /// Opens a workbook file. The file's name is used in messages.
    public convenience init(url: URL, limits: ReadingLimits = .standard) throws(DocumentError) {
        let fileName = url.lastPathComponent
        try DocumentReader.checkSize(of: url, fileName: fileName, limits: limits)
        try self.init(archive: DocumentReader.mapping(fileName: fileName) {
            try SafeArchive(url: url, fileName: fileName, limits: limits)
        })
    }

    /// Opens a workbook held in memory (an upload).
    public convenience init(data: Data, fileName: String, limits: ReadingLimits = .standard) throws(DocumentError) {
        try DocumentReader.checkSize(of: data, fileName: fileName, limits: limits)
        try self.init(archive: DocumentReader.mapping(fileName: fileName) {
            try SafeArchive(data: data, fileName: fileName, limits: limits)
        })
    }

    init(archive: SafeArchive) throws(DocumentError) {
        let fileName = archive.fileName
        self.archive = archive
        self.fileName = fileName
        let parts = try DocumentReader.mapping(fileName: fileName) { () throws -> (WorkbookPart, [String], [Bool]) in
            let workbookPath = try Self.workbookPath(in: archive)
            let workbook = WorkbookPart()
            try XMLPartParser.parse(archive.data(of: workbookPath), with: workbook)
            let folder = workbookPath.split(separator: "/").dropLast().joined(separator: "/")
            let relationshipsPath = (folder.isEmpty ? "" : folder + "/") + "_rels/"
                + (workbookPath.split(separator: "/").last.map(String.init) ?? "workbook.xml") + ".rels"
            let relationships = RelationshipsPart()
            if archive.contains(relationshipsPath) {
                try XMLPartParser.parse(archive.data(of: relationshipsPath), with: relationships)
            }
            let paths = workbook.sheets.enumerated().map { position, sheet in
                relationships.targets[sheet.relationshipID].map { RelationshipsPart.resolve($0, relativeTo: folder) }
                    ?? "\(folder)/worksheets/sheet\(position + 1).xml"
            }
            var dateStyles: [Bool] = []
            let stylesPath = (folder.isEmpty ? "" : folder + "/") + "styles.xml"
            if archive.contains(stylesPath) {
                let styles = StylesPart()
                try XMLPartParser.parse(archive.data(of: stylesPath), with: styles)
                dateStyles = styles.dateStyles
            }
            return (workbook, paths, dateStyles)
        }
        guard parts.0.sheets.count <= archive.limits.maximumSheetCount else {
            throw DocumentError(.tooManySheets(limit: archive.limits.maximumSheetCount), fileName: fileName)
        }
        self.sheetNames = parts.0.sheets.map(\.name)
        self.uses1904Dates = parts.0.uses1904Dates
        self.sheetPaths = parts.1
        self.dateStyles = parts.2
    }

    /// Where the workbook part is: named by the package relationships, or the usual place.
    private static func workbookPath(in archive: SafeArchive) throws -> String {
        if archive.contains("_rels/.rels") {
            let relationships = RelationshipsPart()
            try XMLPartParser.parse(archive.data(of: "_rels/.rels"), with: relationships)
            for target in relationships.targets.values where target.lowercased().hasSuffix("workbook.xml") {
                let path = RelationshipsPart.resolve(target, relativeTo: "")
                if archive.contains(path) { return path }
            }
        }
        if archive.contains("xl/workbook.xml") { return "xl/workbook.xml" }
        if archive.contains("word/document.xml") {
            throw DocumentError(.formatMismatch(named: .xlsx, actual: .docx), fileName: archive.fileName)
        }
        throw DocumentError(.missingPart("xl/workbook.xml"), fileName: archive.fileName)
    }

    /// Calls `body` with each row of a sheet that holds at least one value, in order.
    /// Returns the sheet's merged regions, which Excel writes after the rows.
    /// Errors: `DocumentError` for the file, or whatever `body` throws.
    @discardableResult
    public func forEachRow(inSheet name: String, _ body: (TableRow) throws -> Void) throws -> [CellRegion] {
        guard let index = sheetNames.firstIndex(of: name) else {
            throw DocumentError(.noSuchSheet(name), fileName: fileName)
        }
        return try forEachRow(inSheetAt: index + 1, body)
    }

    /// As `forEachRow(inSheet:_:)`, for the 1-based sheet position in workbook order.
    @discardableResult
    public func forEachRow(inSheetAt position: Int, _ body: (TableRow) throws -> Void) throws -> [CellRegion] {
        guard position >= 1, position <= sheetNames.count else {
            throw DocumentError(.noSuchSheet("number \(position)"), fileName: fileName)
        }
        let sheetName = sheetNames[position - 1]
        let path = sheetPaths[position - 1]
        let strings = try loadSharedStrings()
        return try withoutActuallyEscaping(body) { body in
            // The sheet goes from the unzip to the scanner chunk by chunk: neither the zipped
            // nor the unzipped XML is ever whole in memory, however long the sheet.
            var scanner = XMLByteScanner(SheetPart(
                sharedStrings: strings, dateStyles: dateStyles, uses1904: uses1904Dates,
                budget: archive.budget, onRow: body))
            do {
                try archive.stream(path) { chunk in try scanner.feed(chunk) }
                try scanner.finish()
                try scanner.handler.chargeMergedRegions()
            } catch let error as XMLPartError {
                let row = error.row ?? (scanner.handler.rowNumber > 0 ? scanner.handler.rowNumber : nil)
                throw DocumentError(error.reason, fileName: fileName, sheet: sheetName, row: row, column: error.column)
            } catch var error as DocumentError {
                if error.sheet == nil, error.fileName == fileName { error.sheet = sheetName }
                throw error
            }
            return scanner.handler.clippedMergedRegions
        }
    }

    /// A whole sheet as a table.
    public func table(sheet name: String) throws(DocumentError) -> Table {
        guard let index = sheetNames.firstIndex(of: name) else {
            throw DocumentError(.noSuchSheet(name), fileName: fileName)
        }
        return try table(sheetAt: index + 1)
    }

    /// A whole sheet as a table, by 1-based position.
    public func table(sheetAt position: Int) throws(DocumentError) -> Table {
        var rows: [TableRow] = []
        let regions = try DocumentReader.mapping(fileName: fileName) {
            try forEachRow(inSheetAt: position) { rows.append($0) }
        }
        let source = TableSource(fileName: fileName, format: .xlsx, sheetName: sheetNames[position - 1], index: position)
        return Table(source: source, rows: rows, mergedRegions: regions)
    }

    /// Every sheet, in workbook order, as a document of tables.
    public func document() throws(DocumentError) -> Document {
        var blocks: [DocumentBlock] = []
        for position in sheetNames.indices {
            blocks.append(.table(try table(sheetAt: position + 1)))
        }
        return Document(fileName: fileName, format: .xlsx, blocks: blocks)
    }

    private func loadSharedStrings() throws -> [String] {
        if let sharedStrings { return sharedStrings }
        var strings: [String] = []
        let folder = sheetPaths.first.map { $0.split(separator: "/").first.map(String.init) ?? "xl" } ?? "xl"
        let path = folder + "/sharedStrings.xml"
        if archive.contains(path) {
            var scanner = XMLByteScanner(SharedStringsPart(budget: archive.budget))
            do {
                try archive.stream(path, partLimit: archive.limits.maximumHeldPartSize) { chunk in try scanner.feed(chunk) }
                try scanner.finish()
            } catch let error as XMLPartError {
                throw DocumentError(error.reason, fileName: fileName)
            }
            strings = scanner.handler.strings
        }
        sharedStrings = strings
        return strings
    }
}
