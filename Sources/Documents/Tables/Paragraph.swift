/// A paragraph of text outside any table, kept so that tables can be titled from the
/// heading nearest before them and prose can be shown or skipped with a note.
public struct Paragraph: Sendable, Hashable {
    public var text: String
    /// True for a Word heading or title style, an HTML `<h1>`–`<h6>`, or in plain text a short
    /// line written in capitals ("2. PLANNING").
    public var isHeading: Bool
    /// 1-based line (text formats) or paragraph position (Word, HTML) in the file.
    public var number: Int

    public init(text: String, isHeading: Bool, number: Int) {
        self.text = text
        self.isHeading = isHeading
        self.number = number
    }
}
