/// Everything read from one file: its tables, and for documents the paragraphs between them,
/// in reading order.
public struct Document: Sendable, Hashable {
    public var fileName: String
    public var format: DocumentFormat
    /// Paragraphs and tables in reading order. A workbook gives one table per sheet.
    public var blocks: [DocumentBlock]

    public init(fileName: String, format: DocumentFormat, blocks: [DocumentBlock]) {
        self.fileName = fileName
        self.format = format
        self.blocks = blocks
    }

    /// The tables alone, in reading order.
    public var tables: [Table] {
        blocks.compactMap { if case .table(let table) = $0 { table } else { nil } }
    }

    /// The paragraphs alone, in reading order.
    public var paragraphs: [Paragraph] {
        blocks.compactMap { if case .paragraph(let paragraph) = $0 { paragraph } else { nil } }
    }
}
