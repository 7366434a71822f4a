/// `HTMLText.clean` for many cells in a row, read straight from the bytes of the file: the
/// tab-separated reader cleans every cell of every line, and doing it through tokens,
/// `String`s and `Character`s cost most of its time (about 1 MB/s). The result is the same
/// text `HTMLText.clean` gives — tested against it — with the same tokenizing rules as
/// `HTMLTokenizer` (comments and `<!…>`/`<?…?>` skipped, quoted attribute values, the content of
/// `<script>` and `<style>` dropped) and the same normalising as `HTMLText.normalise`.
///
/// Work stays at the level of bytes while the text is ASCII, where a byte is a `Character`.
/// Text with other characters is normalised through `HTMLText.normaliseCharacters`, because a
/// space followed by a combining mark, or a bullet carrying one, is one `Character` and is
/// treated as such there; a text token holding `&` is decoded by `HTMLEntities.decode`. Both
/// stay linear. The buffers are kept between cells, so a line costs no allocations beyond
/// the `String`s it yields.
struct HTMLCellCleaner {
    /// The text and line breaks of the current cell, before normalising.
    private var raw: [UInt8] = []
    /// The normalised text of the current cell.
    private var out: [UInt8] = []

    init() {
        raw.reserveCapacity(256)
        out.reserveCapacity(256)
    }

    /// The clean text of `bytes[range]`, which must start and end at a character boundary
    /// of valid UTF-8 (a cell between tabs, a line between line breaks).
    mutating func clean(_ bytes: [UInt8], _ range: Range<Int>) -> String {
        var hasMarkup = false
        var isASCII = true
        for index in range {
            let byte = bytes[index]
            if byte == UInt8(ascii: "<") || byte == UInt8(ascii: "&") { hasMarkup = true; break }
            if byte >= 0x80 { isASCII = false }
        }
        if !hasMarkup {
            // The common cell: plain text, normalised as it stands.
            if isASCII { return Self.normaliseASCII(bytes, range, into: &out) }
            return HTMLText.normaliseCharacters(String(decoding: bytes[range], as: UTF8.self))
        }
        raw.removeAll(keepingCapacity: true)
        tokenize(bytes, range)
        if raw.allSatisfy({ $0 < 0x80 }) { return Self.normaliseASCII(raw, raw.indices, into: &out) }
        return HTMLText.normaliseCharacters(String(decoding: raw, as: UTF8.self))
    }

    /// Walks tags and text as `HTMLTokenizer.tokenize` does, appending text (entities decoded)
    /// to `raw` and a line break for every start or end tag that `HTMLText` breaks lines at.
    private mutating func tokenize(_ bytes: [UInt8], _ range: Range<Int>) {
        let end = range.upperBound
        var index = range.lowerBound
        var textStart = index

        while index < end {
            guard bytes[index] == UInt8(ascii: "<"), index + 1 < end else {
                index += 1
                continue
            }
            let next = bytes[index + 1]
            if next == UInt8(ascii: "!") || next == UInt8(ascii: "?") {
                appendText(bytes, textStart..<index)
                let isComment = index + 3 < end && bytes[index + 2] == UInt8(ascii: "-") && bytes[index + 3] == UInt8(ascii: "-")
                let close = isComment
                    ? Self.find(Self.commentEnd, in: bytes, from: index + 4, to: end).map { $0 + 3 }
                    : Self.find(Self.tagEnd, in: bytes, from: index + 2, to: end).map { $0 + 1 }
                index = close ?? end
                textStart = index
                continue
            }
            let isEnd = next == UInt8(ascii: "/")
            let nameStart = isEnd ? index + 2 : index + 1
            guard nameStart < end, Self.isLetter(bytes[nameStart]) else {
                index += 1  // "<" not opening a tag: it stays in the text
                continue
            }
            appendText(bytes, textStart..<index)
            var position = nameStart
            while position < end, Self.isNameByte(bytes[position]) { position += 1 }
            let name = nameStart..<position
            // Attributes are stepped over exactly as the tokenizer reads them, so a `>` inside a
            // quoted value does not end the tag here either.
            while position < end, bytes[position] != UInt8(ascii: ">") {
                if Self.isSpace(bytes[position]) || bytes[position] == UInt8(ascii: "/") { position += 1; continue }
                let attributeStart = position
                while position < end, !Self.isSpace(bytes[position]), bytes[position] != UInt8(ascii: "="),
                      bytes[position] != UInt8(ascii: ">") { position += 1 }
                while position < end, Self.isSpace(bytes[position]) { position += 1 }
                if position < end, bytes[position] == UInt8(ascii: "=") {
                    position += 1
                    while position < end, Self.isSpace(bytes[position]) { position += 1 }
                    if position < end, bytes[position] == UInt8(ascii: "\"") || bytes[position] == UInt8(ascii: "'") {
                        let quote = bytes[position]
                        position += 1
                        while position < end, bytes[position] != quote { position += 1 }
                        position += 1
                    } else {
                        while position < end, !Self.isSpace(bytes[position]), bytes[position] != UInt8(ascii: ">") { position += 1 }
                    }
                }
                if position == attributeStart { position += 1 }
            }
            index = min(position + 1, end)
            textStart = index
            if HTMLText.breaksLine(tagName: bytes, name) { raw.append(UInt8(ascii: "\n")) }
            if !isEnd, let rawTextEnd = Self.rawTextEnd(named: bytes, name) {
                // Raw text: skip to the matching end tag.
                index = Self.find(rawTextEnd, in: bytes, from: index, to: end) ?? end
                textStart = index
            }
        }
        appendText(bytes, textStart..<end)
    }

    /// Appends a text token, its character references decoded.
    private mutating func appendText(_ bytes: [UInt8], _ range: Range<Int>) {
        guard !range.isEmpty else { return }
        if bytes[range].contains(UInt8(ascii: "&")) {
            raw.append(contentsOf: HTMLEntities.decode(String(decoding: bytes[range], as: UTF8.self)).utf8)
        } else {
            raw.append(contentsOf: bytes[range])
        }
    }

    /// `HTMLText.normalise` for ASCII bytes, where each byte is a `Character` (a CR LF pair is
    /// one, and ends a line either way): whitespace runs collapse to one space, lines are
    /// trimmed, empty lines dropped. ASCII holds no bullet (•), so no line is split at one.
    static func normaliseASCII(_ bytes: [UInt8], _ range: Range<Int>, into out: inout [UInt8]) -> String {
        out.removeAll(keepingCapacity: true)
        var lineIsEmpty = true
        var pendingSpace = false
        for index in range {
            let byte = bytes[index]
            if byte == 0x0A || byte == 0x0D {
                lineIsEmpty = true
                pendingSpace = false
            } else if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                pendingSpace = !lineIsEmpty
            } else {
                if lineIsEmpty {
                    if !out.isEmpty { out.append(0x0A) }  // lines are joined with line breaks
                    lineIsEmpty = false
                } else if pendingSpace {
                    out.append(0x20)
                }
                pendingSpace = false
                out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static let commentEnd = Array("-->".utf8)
    private static let tagEnd = Array(">".utf8)
    private static let scriptEnd = Array("</script".utf8)
    private static let styleEnd = Array("</style".utf8)

    /// The end tag to skip to after `<script>` or `<style>`, whose content is not text.
    private static func rawTextEnd(named bytes: [UInt8], _ name: Range<Int>) -> [UInt8]? {
        if HTMLText.tagName(bytes, name, is: scriptEnd.dropFirst(2)) { return scriptEnd }
        if HTMLText.tagName(bytes, name, is: styleEnd.dropFirst(2)) { return styleEnd }
        return nil
    }

    /// The first position from `start` where `pattern` (lower case) occurs, in any case.
    private static func find(_ pattern: [UInt8], in bytes: [UInt8], from start: Int, to end: Int) -> Int? {
        var position = start
        while position + pattern.count <= end {
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

    static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= 65 && byte <= 90 ? byte + 32 : byte
    }
    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122)
    }
    private static func isNameByte(_ byte: UInt8) -> Bool {
        isLetter(byte) || (byte >= 48 && byte <= 57) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ":")
    }
    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C
    }
}
