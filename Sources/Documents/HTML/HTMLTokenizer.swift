/// Splits HTML into tags and text without building a tree, tolerating the broken markup of
/// text extracted from PDFs and of hand-edited pages: an unmatched `<` is text, comments,
/// `<!…>` and `<?…?>` are skipped, and the content of `<script>` and `<style>` is dropped.
enum HTMLTokenizer {
    static func tokenize(_ html: String, _ body: (HTMLToken) throws -> Void) rethrows {
        let bytes = Array(html.utf8)
        let count = bytes.count
        var index = 0
        var textStart = 0

        func flushText(upTo end: Int) throws {
            if end > textStart {
                try body(.text(HTMLEntities.decode(String(decoding: bytes[textStart..<end], as: UTF8.self))))
            }
        }
        func find(_ needle: String, from start: Int) -> Int? {
            let pattern = Array(needle.utf8)
            var position = start
            while position + pattern.count <= count {
                var matched = true
                for offset in pattern.indices where lowercased(bytes[position + offset]) != pattern[offset] {
                    matched = false
                    break
                }
                if matched { return position }
                position += 1
            }
            return nil
        }

        while index < count {
            guard bytes[index] == UInt8(ascii: "<"), index + 1 < count else {
                index += 1
                continue
            }
            let next = bytes[index + 1]
            if next == UInt8(ascii: "!") || next == UInt8(ascii: "?") {
                try flushText(upTo: index)
                let isComment = index + 3 < count && bytes[index + 2] == UInt8(ascii: "-") && bytes[index + 3] == UInt8(ascii: "-")
                let close = isComment ? find("-->", from: index + 4).map { $0 + 3 } : find(">", from: index + 2).map { $0 + 1 }
                index = close ?? count
                textStart = index
                continue
            }
            let isEnd = next == UInt8(ascii: "/")
            let nameStart = isEnd ? index + 2 : index + 1
            guard nameStart < count, isLetter(bytes[nameStart]) else {
                index += 1  // "<" not opening a tag: it stays in the text
                continue
            }
            try flushText(upTo: index)
            var position = nameStart
            while position < count, isNameByte(bytes[position]) { position += 1 }
            let name = String(decoding: bytes[nameStart..<position].map(lowercased), as: UTF8.self)
            var attributes: [String: String] = [:]
            // Attributes: name, name=value, name="value", name='value'.
            while position < count, bytes[position] != UInt8(ascii: ">") {
                if isSpace(bytes[position]) || bytes[position] == UInt8(ascii: "/") { position += 1; continue }
                let attributeStart = position
                while position < count, !isSpace(bytes[position]), bytes[position] != UInt8(ascii: "="),
                      bytes[position] != UInt8(ascii: ">") { position += 1 }
                let attributeName = String(decoding: bytes[attributeStart..<position].map(lowercased), as: UTF8.self)
                while position < count, isSpace(bytes[position]) { position += 1 }
                var value = ""
                if position < count, bytes[position] == UInt8(ascii: "=") {
                    position += 1
                    while position < count, isSpace(bytes[position]) { position += 1 }
                    if position < count, bytes[position] == UInt8(ascii: "\"") || bytes[position] == UInt8(ascii: "'") {
                        let quote = bytes[position]
                        let valueStart = position + 1
                        position = valueStart
                        while position < count, bytes[position] != quote { position += 1 }
                        value = String(decoding: bytes[valueStart..<min(position, count)], as: UTF8.self)
                        position += 1
                    } else {
                        let valueStart = position
                        while position < count, !isSpace(bytes[position]), bytes[position] != UInt8(ascii: ">") { position += 1 }
                        value = String(decoding: bytes[valueStart..<position], as: UTF8.self)
                    }
                }
                if !attributeName.isEmpty { attributes[attributeName] = HTMLEntities.decode(value) }
                if position == attributeStart { position += 1 }
            }
            index = min(position + 1, count)
            textStart = index
            if isEnd {
                try body(.end(name: name))
            } else {
                try body(.start(name: name, attributes: attributes))
                if name == "script" || name == "style" {
                    // Raw text: skip to the matching end tag.
                    index = find("</\(name)", from: index) ?? count
                    textStart = index
                }
            }
        }
        try flushText(upTo: count)
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        (65...90).contains(byte) ? byte + 32 : byte
    }
    private static func isLetter(_ byte: UInt8) -> Bool {
        (65...90).contains(byte) || (97...122).contains(byte)
    }
    private static func isNameByte(_ byte: UInt8) -> Bool {
        isLetter(byte) || (48...57).contains(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ":")
    }
    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C
    }
}
