/// A part of a document in reading order: a paragraph or a table.
public enum DocumentBlock: Sendable, Hashable {
    case paragraph(Paragraph)
    case table(Table)
}
