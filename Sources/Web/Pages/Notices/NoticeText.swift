/// A notice's plain text as blocks for its template: headings ("## ", "### "), paragraphs
/// (separated by blank lines) and lists (lines starting "- "). The template escapes every
/// piece, so nothing an administrator types becomes markup; `https://` addresses become links.
struct NoticeBlock: Sendable, Equatable {
    /// Text, or a link when `href` is set.
    struct Piece: Sendable, Equatable {
        var text: String
        var href: String?
    }

    struct Item: Sendable, Equatable {
        var pieces: [Piece]
    }

    var isHeading = false
    var isSubheading = false
    var isParagraph = false
    var isList = false
    var pieces: [Piece] = []
    var items: [Item] = []

    static func blocks(of text: String) -> [NoticeBlock] {
        var blocks: [NoticeBlock] = []
        var paragraph: [String] = []
        var items: [Item] = []
        func endParagraph() {
            if !paragraph.isEmpty { blocks.append(NoticeBlock(isParagraph: true, pieces: pieces(paragraph.joined(separator: " ")))) }
            paragraph = []
        }
        func endList() {
            if !items.isEmpty { blocks.append(NoticeBlock(isList: true, items: items)) }
            items = []
        }
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false)
        for raw in lines {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty {
                endParagraph()
                endList()
            } else if line.hasPrefix("### ") || line.hasPrefix("## ") {
                endParagraph()
                endList()
                let sub = line.hasPrefix("### ")
                let words = line.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces)
                blocks.append(NoticeBlock(isHeading: !sub, isSubheading: sub, pieces: [Piece(text: words)]))
            } else if line.hasPrefix("- ") {
                endParagraph()
                items.append(Item(pieces: pieces(String(line.dropFirst(2)).trimmingCharacters(in: .whitespaces))))
            } else if !items.isEmpty {
                // A line under a list item without "- " continues that item.
                items[items.count - 1].pieces += [Piece(text: " ")] + pieces(line)
            } else {
                paragraph.append(line)
            }
        }
        endParagraph()
        endList()
        return blocks
    }

    /// The words of a line with each web address as a link. Only https addresses are linked:
    /// never `javascript:` or `data:`, whatever is typed.
    static func pieces(_ line: String) -> [Piece] {
        var pieces: [Piece] = []
        var text = ""
        for word in line.split(separator: " ", omittingEmptySubsequences: false) {
            let trailing = word.reversed().prefix { ".,;:)".contains($0) }.count
            let address = word.dropLast(trailing)
            if address.hasPrefix("https://"), address.count > "https://".count, !address.contains("\"") {
                pieces.append(Piece(text: text))
                pieces.append(Piece(text: String(address), href: String(address)))
                text = String(word.suffix(trailing)) + " "
            } else {
                text += word + " "
            }
        }
        pieces.append(Piece(text: String(text.dropLast())))
        return pieces.filter { !$0.text.isEmpty }
    }
}
