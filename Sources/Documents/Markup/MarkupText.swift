/// Escaping for text written into XML or HTML — cell text in a workbook, labels in an SVG
/// chart, values in a page — so every writer of markup escapes the same way.
public enum MarkupText {
    /// `text` with `&`, `<`, `>`, `"` and `'` escaped, safe in element text and in quoted
    /// attribute values. Characters XML 1.0 does not allow (control characters other than tab
    /// and line breaks, U+FFFE and U+FFFF) become a space rather than a broken document.
    public static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        escape(text, into: &out)
        return out
    }

    /// Appends `text`, escaped, to `out`. Runs of plain text are copied whole: this is on the
    /// hot path of the plan overview's 300-row table.
    public static func escape(_ text: String, into out: inout String) {
        let utf8 = text.utf8
        var plainStart = utf8.startIndex
        var index = plainStart
        while index != utf8.endIndex {
            let byte = utf8[index]
            var next = utf8.index(after: index)
            let replacement: String?
            switch byte {
            case UInt8(ascii: "&"): replacement = "&amp;"
            case UInt8(ascii: "<"): replacement = "&lt;"
            case UInt8(ascii: ">"): replacement = "&gt;"
            case UInt8(ascii: "\""): replacement = "&quot;"
            case UInt8(ascii: "'"): replacement = "&#39;"
            case 0x09, 0x0A, 0x0D: replacement = nil
            case 0x00..<0x20: replacement = " "
            case 0xEF:
                // U+FFFE and U+FFFF are EF BF BE and EF BF BF in UTF-8.
                let second = next == utf8.endIndex ? nil : utf8.index(after: next)
                if let second, second != utf8.endIndex, utf8[next] == 0xBF, utf8[second] == 0xBE || utf8[second] == 0xBF {
                    replacement = " "
                    next = utf8.index(after: second)
                } else {
                    replacement = nil
                }
            default: replacement = nil
            }
            if let replacement {
                out += text[plainStart..<index]
                out += replacement
                plainStart = next
            }
            index = next
        }
        out += text[plainStart..<utf8.endIndex]
    }
}
