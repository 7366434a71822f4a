import Foundation

/// Reads a Word document (.docx): every table in `word/document.xml`, nested tables as
/// tables of their own, and the paragraphs between them so that a table can be titled from
/// the heading before it. See `WordDocumentPart` for how merged cells and lists are read.
public enum DOCXReader {
    /// Reads a .docx file from disk.
    public static func read(url: URL, limits: ReadingLimits = .standard) throws(DocumentError) -> Document {
        let fileName = url.lastPathComponent
        try DocumentReader.checkSize(of: url, fileName: fileName, limits: limits)
        let archive = try DocumentReader.mapping(fileName: fileName) { try SafeArchive(url: url, fileName: fileName, limits: limits) }
        return try read(archive: archive)
    }

    /// Reads a .docx held in memory.
    public static func read(data: Data, fileName: String, limits: ReadingLimits = .standard) throws(DocumentError) -> Document {
        try DocumentReader.checkSize(of: data, fileName: fileName, limits: limits)
        guard data.starts(with: DocumentReader.zipSignature) else {
            throw DocumentError(.damagedArchive, fileName: fileName)
        }
        let archive = try DocumentReader.mapping(fileName: fileName) { try SafeArchive(data: data, fileName: fileName, limits: limits) }
        return try read(archive: archive)
    }

    static func read(archive: SafeArchive) throws(DocumentError) -> Document {
        let fileName = archive.fileName
        guard archive.contains("word/document.xml") else {
            if archive.contains("xl/workbook.xml") {
                throw DocumentError(.formatMismatch(named: .docx, actual: .xlsx), fileName: fileName)
            }
            throw DocumentError(.missingPart("word/document.xml"), fileName: fileName)
        }
        let part = WordDocumentPart(fileName: fileName, budget: archive.budget)
        try DocumentReader.mapping(fileName: fileName) {
            try XMLPartParser.parse(archive.data(of: "word/document.xml"), with: part)
        }
        return Document(fileName: fileName, format: .docx, blocks: part.blocks.compactMap { $0 })
    }
}
