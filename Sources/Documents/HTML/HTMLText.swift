/// Turns HTML into the text a person reads: paragraphs, list items, headings, table rows
/// and `<br>` on their own lines; tags removed; entities decoded; runs of spaces collapsed;
/// empty lines dropped. A bullet character (•) in the middle of a line starts a new line,
/// because text extracted from PDFs runs bulleted items together.
public enum HTMLText {
    /// The clean text of an HTML fragment such as `<p>1.1 Do <i>this</i></p> <p>1.2 …</p>`.
    public static func clean(_ html: String) -> String {
        // Fast path: most cells of a plain table hold no markup at all.
        let utf8 = html.utf8
        if !utf8.contains(UInt8(ascii: "<")) && !utf8.contains(UInt8(ascii: "&")) {
            return normalise(html)
        }
        var builder = Builder()
        HTMLTokenizer.tokenize(html) { token in builder.take(token) }
        return builder.finished()
    }

    /// Tags that end a line of text.
    static let lineBreakingTags: Set<String> = [
        "p", "div", "br", "li", "ul", "ol", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table",
        "blockquote", "section", "article", "header", "footer", "dt", "dd", "hr", "pre", "caption",
    ]

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
    /// empty lines.
    static func normalise(_ text: String) -> String {
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
