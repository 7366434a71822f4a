/// Turns HTML into the text a person reads: paragraphs, list items, headings, table rows
/// and `<br>` on their own lines; tags removed; entities decoded; runs of spaces collapsed;
/// empty lines dropped. A bullet character (•) in the middle of a line starts a new line,
/// because text extracted from PDFs runs bulleted items together.
public enum HTMLText {
    /// The clean text of an HTML fragment such as `<p>1.1 Do <i>this</i></p> <p>1.2 …</p>`.
    public static func clean(_ html: String) -> String {
        var cleaner = HTMLCellCleaner()
        let bytes = Array(html.utf8)
        return cleaner.clean(bytes, bytes.indices)
    }

    /// The clean text as the token path gives it: `HTMLTokenizer`, `Builder`, `normalise`.
    /// `HTMLCellCleaner` reads bytes instead and must give the same; the tests hold it to this.
    static func cleanThroughTokens(_ html: String) -> String {
        var builder = Builder()
        HTMLTokenizer.tokenize(html) { token in builder.take(token) }
        return builder.finished()
    }

    /// Tags that end a line of text.
    static let lineBreakingTags: Set<String> = [
        "p", "div", "br", "li", "ul", "ol", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table",
        "blockquote", "section", "article", "header", "footer", "dt", "dd", "hr", "pre", "caption",
    ]

    /// The line-breaking tags as bytes, for readers that never make a `String` of a tag name.
    private static let lineBreakingTagBytes: [[UInt8]] = lineBreakingTags.map { Array($0.utf8) }
    private static let longestLineBreakingTag = lineBreakingTagBytes.map(\.count).max() ?? 0

    /// Whether the tag named by `bytes[name]` (in any case) ends a line of text.
    static func breaksLine(tagName bytes: [UInt8], _ name: Range<Int>) -> Bool {
        guard name.count <= longestLineBreakingTag else { return false }
        return lineBreakingTagBytes.contains { tagName(bytes, name, is: $0) }
    }

    /// Whether `bytes[name]`, in any case, is `lowercaseName`.
    static func tagName<Name: Collection<UInt8>>(_ bytes: [UInt8], _ name: Range<Int>, is lowercaseName: Name) -> Bool {
        guard name.count == lowercaseName.count else { return false }
        return zip(bytes[name], lowercaseName).allSatisfy { HTMLCellCleaner.lowercased($0) == $1 }
    }

    /// Collects text and line breaks from tokens.
    struct Builder {
        private var raw = ""

        mutating func take(_ token: HTMLToken) {
            switch token {
            case .text(let text): raw += text
            case .start(let name, _), .end(let name):
                if HTMLText.lineBreakingTags.contains(name) { lineBreak() }
            }
        }

        mutating func append(_ text: String) { raw += text }
        mutating func lineBreak() { raw += "\n" }
        var isEmpty: Bool { raw.isEmpty }
        func finished() -> String { HTMLText.normalise(raw) }
    }

    /// Collapses whitespace within lines, trims them, splits at mid-line bullets and drops
    /// empty lines. ASCII text is done on bytes (a byte is a `Character` there), the rest
    /// `Character` by `Character`.
    static func normalise(_ text: String) -> String {
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else { return normaliseCharacters(text) }
        var out: [UInt8] = []
        let bytes = Array(text.utf8)
        return HTMLCellCleaner.normaliseASCII(bytes, bytes.indices, into: &out)
    }

    /// `normalise`, `Character` by `Character`: a space followed by a combining mark is one
    /// `Character`, a space, and goes with it.
    static func normaliseCharacters(_ text: String) -> String {
        var lines: [String] = []
        var line = ""
        var pendingSpace = false
        func endLine() {
            if !line.isEmpty { lines.append(line) }
            line = ""
            pendingSpace = false
        }
        for character in text {
            if character == "\n" || character == "\r\n" || character == "\r" || character == "\u{2028}" {
                endLine()
            } else if character.isWhitespace {
                pendingSpace = !line.isEmpty
            } else {
                if character == "\u{2022}" && !line.isEmpty { endLine() }
                if pendingSpace { line.append(" ") }
                pendingSpace = false
                line.append(character)
            }
        }
        endLine()
        return lines.joined(separator: "\n")
    }
}
