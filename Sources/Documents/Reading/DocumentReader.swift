import Foundation

/// Reads any supported file into a `Document`, choosing the reader from the file's content
/// (zip signature and the parts inside; HTML markup; otherwise text), not from its name.
/// A name that contradicts the content (a `.docx` that is really a workbook) is an error,
/// because the person has probably picked the wrong file.
public enum DocumentReader {
    /// Reads a file from disk.
    public static func read(url: URL, limits: ReadingLimits = .standard) throws(DocumentError) -> Document {
        let fileName = url.lastPathComponent
        try checkSize(of: url, fileName: fileName, limits: limits)
        let head = try mapping(fileName: fileName) { () throws -> Data in
            let handle = try FileHandle(forReadingFrom: url)
            defer { try? handle.close() }
            return try handle.read(upToCount: 8) ?? Data()
        }
        if head.starts(with: zipSignature) {
            // Zipped formats are read straight from disk, so a large workbook is never all in memory.
            let archive = try mapping(fileName: fileName) { try SafeArchive(url: url, fileName: fileName, limits: limits) }
            return try readArchive(archive, fileName: fileName)
        }
        let data = try mapping(fileName: fileName) { try Data(contentsOf: url) }
        return try read(data: data, fileName: fileName, limits: limits)
    }

    /// Reads a file held in memory (an upload); `fileName` is used in messages and to check
    /// that the name does not contradict the content.
    public static func read(data: Data, fileName: String, limits: ReadingLimits = .standard) throws(DocumentError) -> Document {
        try DocumentReader.checkSize(of: data, fileName: fileName, limits: limits)
        if data.starts(with: zipSignature) {
            let archive = try mapping(fileName: fileName) { try SafeArchive(data: data, fileName: fileName, limits: limits) }
            return try readArchive(archive, fileName: fileName)
        }
        try refuseKnownBinaryFormats(data, fileName: fileName)
        let claimed = DocumentFormat.claimed(byFileName: fileName)
        if claimed == .xlsx || claimed == .docx {
            // A name ending .xlsx or .docx on something that is not a zip: damaged or mislabelled.
            throw DocumentError(.damagedArchive, fileName: fileName, message:
                "The file is named as \(claimed!.displayName) but its content is not one: it is damaged, cut short, or another kind of file renamed. Save it again from the program that made it.")
        }
        let text = TextDecoding.decode(data)
        if HTMLTableReader.looksLikeHTMLPage(text) {
            return try HTMLTableReader.readPage(text, fileName: fileName, limits: limits)
        }
        if claimed == .csv || !HTMLTableReader.looksLikeTabSeparatedHTML(text) && CSVReader.looksLikeCSV(text) {
            return try CSVReader.read(text: text, fileName: fileName, limits: limits)
        }
        return try HTMLTableReader.readTabSeparated(text, fileName: fileName, limits: limits)
    }

    /// The format of some content, as the dispatcher would decide it.
    public static func format(of data: Data, fileName: String) throws(DocumentError) -> DocumentFormat {
        if data.starts(with: zipSignature) {
            let archive = try mapping(fileName: fileName) {
                try SafeArchive(data: data, fileName: fileName, limits: .standard)
            }
            return try officeFormat(of: archive, fileName: fileName)
        }
        try refuseKnownBinaryFormats(data, fileName: fileName)
        let text = TextDecoding.decode(data)
        if HTMLTableReader.looksLikeHTMLPage(text) { return .html }
        if DocumentFormat.claimed(byFileName: fileName) == .csv
            || !HTMLTableReader.looksLikeTabSeparatedHTML(text) && CSVReader.looksLikeCSV(text) { return .csv }
        return .tabSeparatedHTML
    }

    static let zipSignature = Data([0x50, 0x4B, 0x03, 0x04])

    private static func readArchive(_ archive: SafeArchive, fileName: String) throws(DocumentError) -> Document {
        let actual = try officeFormat(of: archive, fileName: fileName)
        if let claimed = DocumentFormat.claimed(byFileName: fileName), claimed != actual {
            throw DocumentError(.formatMismatch(named: claimed, actual: actual), fileName: fileName)
        }
        switch actual {
        case .xlsx: return try XLSXReader(archive: archive).document()
        default: return try DOCXReader.read(archive: archive)
        }
    }

    /// Which Office format a zip holds, from its parts.
    static func officeFormat(of archive: SafeArchive, fileName: String) throws(DocumentError) -> DocumentFormat {
        if archive.contains("xl/workbook.xml") { return .xlsx }
        if archive.contains("word/document.xml") { return .docx }
        if archive.contains("ppt/presentation.xml") {
            throw DocumentError(.unsupportedFormat("a PowerPoint presentation"), fileName: fileName)
        }
        if archive.contains("content.xml") {
            throw DocumentError(.unsupportedFormat("an OpenDocument file (LibreOffice)"), fileName: fileName)
        }
        if archive.contains("[Content_Types].xml") {
            throw DocumentError(.missingPart("xl/workbook.xml or word/document.xml"), fileName: fileName)
        }
        throw DocumentError(.unsupportedFormat("a zip archive of other files"), fileName: fileName)
    }

    /// Recognises binary formats people often pick by mistake, to name them in the message.
    private static func refuseKnownBinaryFormats(_ data: Data, fileName: String) throws(DocumentError) {
        if data.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            throw DocumentError(.unsupportedFormat("an older Excel or Word file (.xls or .doc, 97–2003)"), fileName: fileName, message:
                "This is an older Excel or Word file (.xls or .doc, 97–2003), which Oversight cannot read. Open it and use Save As to save it as .xlsx or .docx, then try again.")
        }
        if data.starts(with: Array("%PDF".utf8)) {
            throw DocumentError(.unsupportedFormat("a PDF"), fileName: fileName)
        }
        if data.starts(with: [0x50, 0x4B, 0x05, 0x06]) || data.starts(with: [0x50, 0x4B]) {
            throw DocumentError(.damagedArchive, fileName: fileName)
        }
    }

    /// Refuses bytes (an upload) over the file size limit.
    static func checkSize(of data: Data, fileName: String, limits: ReadingLimits) throws(DocumentError) {
        guard data.count <= limits.maximumFileSize else {
            throw DocumentError(.fileTooLarge(limit: limits.maximumFileSize), fileName: fileName)
        }
    }

    /// A text file's bytes, its size checked before it is read.
    static func contents(of url: URL, fileName: String, limits: ReadingLimits) throws(DocumentError) -> Data {
        try checkSize(of: url, fileName: fileName, limits: limits)
        return try mapping(fileName: fileName) { try Data(contentsOf: url) }
    }

    static func checkSize(of url: URL, fileName: String, limits: ReadingLimits) throws(DocumentError) {
        let attributes: [FileAttributeKey: Any]
        do {
            attributes = try FileManager.default.attributesOfItem(atPath: url.path)
        } catch {
            throw DocumentError(.unreadable("it does not exist or cannot be opened"), fileName: fileName)
        }
        if let size = attributes[.size] as? NSNumber, size.intValue > limits.maximumFileSize {
            throw DocumentError(.fileTooLarge(limit: limits.maximumFileSize), fileName: fileName)
        }
    }

    /// Runs `body`, turning any error into a `DocumentError` naming the file.
    static func mapping<Result>(fileName: String, _ body: () throws -> Result) throws(DocumentError) -> Result {
        do {
            return try body()
        } catch let error as DocumentError {
            throw error
        } catch let error as XMLPartError {
            throw DocumentError(error.reason, fileName: fileName, row: error.row, column: error.column)
        } catch {
            throw DocumentError(.unreadable(String(describing: error)), fileName: fileName)
        }
    }
}
