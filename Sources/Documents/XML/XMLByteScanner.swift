import Foundation

/// Reads an XML part from bytes that arrive in chunks of any size, straight from the unzip,
/// and drives a handler with element starts, ends and the text it asks for. Built for the
/// large parts of a workbook (sheets, shared strings), where `XMLParser`'s per-element
/// strings and attribute dictionaries were most of the time: names and attributes are
/// looked at in place, and text nobody wants is skipped undecoded.
///
/// It checks what a damaged or hostile part would get wrong: tags closed in the wrong order
/// or never, a part cut short, malformed tags and attributes, unknown entities. It refuses
/// any `<!DOCTYPE` or other declaration, so entities can never be defined. Only what is left
/// of an unfinished tag is carried between chunks, so memory does not grow with the part.
struct XMLByteScanner<Handler: XMLScanHandler> {
    var handler: Handler
    /// The start of a tag (or a character reference) cut by the end of the last chunk.
    private var pending: [UInt8] = []
    /// Qualified names of the open elements, end to end, and where each starts.
    private var openNames = ByteRun(capacity: 256)
    private var openNameStarts: [Int] = []
    private var sawRoot = false

    /// A tag, comment or processing instruction longer than this is refused: real ones are
    /// a few hundred bytes, and holding an endless one would let a file exhaust memory.
    static var maximumMarkupLength: Int { 1 << 20 }

    init(_ handler: Handler) {
        self.handler = handler
        pending.reserveCapacity(64 * 1024)
        openNameStarts.reserveCapacity(16)
    }

    mutating func feed(_ chunk: Data) throws {
        try chunk.withUnsafeBytes { try feed($0) }
    }

    mutating func feed(_ chunk: UnsafeRawBufferPointer) throws {
        pending.append(contentsOf: chunk)
        try scanPending(atEnd: false)
        guard pending.count <= Self.maximumMarkupLength else {
            throw Self.malformed("a tag or comment longer than \(Self.maximumMarkupLength / 1024 / 1024) MB")
        }
    }

    /// Call after the last chunk: a part cut short ends inside a tag or an open element.
    mutating func finish() throws {
        try scanPending(atEnd: true)
        guard pending.isEmpty else { throw Self.malformed("the part ends in the middle of a tag") }
        if let start = openNameStarts.last {
            throw Self.malformed("the part ends before <\(openNames.text(from: start))> is closed")
        }
        guard sawRoot else { throw Self.malformed("the part holds no elements") }
    }

    private mutating func scanPending(atEnd: Bool) throws {
        var buffer: [UInt8] = []
        swap(&buffer, &pending)
        let consumed = try buffer.withUnsafeBufferPointer { try scan($0, atEnd: atEnd) }
        buffer.removeSubrange(0..<consumed)
        swap(&buffer, &pending)
    }

    /// Scans as far as the bytes allow and returns how many were used; the rest is an
    /// unfinished tag or reference that the next chunk completes.
    private mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>, atEnd: Bool) throws -> Int {
        let count = bytes.count
        var spans = AttributeSpans()
        defer { spans.deallocate() }
        var index = 0
        while index < count {
            if bytes[index] != XMLBytes.Byte.lessThan {
                let end = XMLBytes.find(XMLBytes.Byte.lessThan, in: bytes, from: index, to: count) ?? count
                if !openNameStarts.isEmpty, handler.wantsText {
                    let stop = try deliverText(bytes, from: index, to: end, isWhole: end < count || atEnd)
                    if stop < end { return stop }
                }
                index = end
                continue
            }
            guard index + 1 < count else { return index }
            switch bytes[index + 1] {
            case XMLBytes.Byte.slash:
                guard let close = XMLBytes.find(XMLBytes.Byte.greaterThan, in: bytes, from: index + 2, to: count) else { return index }
                try endTag(UnsafeBufferPointer(rebasing: bytes[(index + 2)..<close]))
                index = close + 1
            case XMLBytes.Byte.question:
                guard let close = XMLBytes.find(XMLBytes.processingInstructionEnd, in: bytes, from: index + 2) else { return index }
                index = close + 2
            case XMLBytes.Byte.exclamation:
                guard let end = try specialMarkup(bytes, at: index) else { return index }
                index = end
            default:
                guard let end = try startTag(bytes, at: index, spans: &spans) else { return index }
                index = end
            }
        }
        return count
    }

    /// Passes text to the handler with references decoded. Returns where it stopped: `end`,
    /// or the `&` of a reference the chunk cuts off (only when the text may continue).
    private mutating func deliverText(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, isWhole: Bool) throws -> Int {
        var index = start
        while index < end {
            guard let ampersand = XMLBytes.find(XMLBytes.Byte.ampersand, in: bytes, from: index, to: end) else {
                try handler.text(UnsafeBufferPointer(rebasing: bytes[index..<end]))
                return end
            }
            if ampersand > index { try handler.text(UnsafeBufferPointer(rebasing: bytes[index..<ampersand])) }
            let limit = min(end, ampersand + XMLEntities.maximumBodyLength + 2)
            guard let semicolon = XMLBytes.find(XMLBytes.Byte.semicolon, in: bytes, from: ampersand + 1, to: limit) else {
                if !isWhole && limit == end { return ampersand }
                throw Self.malformed("an & that does not start a character reference such as &amp;")
            }
            let body = UnsafeBufferPointer(rebasing: bytes[(ampersand + 1)..<semicolon])
            guard let scalar = XMLEntities.character(named: body) else {
                throw Self.malformed("the unknown entity &\(String(decoding: body, as: UTF8.self));")
            }
            var encoded: (UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0)
            var length = 0
            withUnsafeMutableBytes(of: &encoded) { storage in
                UTF8.encode(scalar) { unit in
                    storage[length] = unit
                    length += 1
                }
            }
            try withUnsafeBytes(of: &encoded) { storage in
                try handler.text(UnsafeBufferPointer(rebasing: storage.bindMemory(to: UInt8.self)[0..<length]))
            }
            index = semicolon + 1
        }
        return end
    }

    /// `<!--…-->`, `<![CDATA[…]]>`, or a declaration, which is refused. Returns the index
    /// after it, or nil when the chunk ends first.
    private mutating func specialMarkup(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) throws -> Int? {
        switch XMLBytes.prefixMatch(XMLBytes.commentStart, in: bytes, at: start) {
        case .matches:
            guard let close = XMLBytes.find(XMLBytes.commentEnd, in: bytes, from: start + 4) else { return nil }
            return close + 3
        case .needsMore: return nil
        case .differs: break
        }
        switch XMLBytes.prefixMatch(XMLBytes.characterDataStart, in: bytes, at: start) {
        case .matches:
            let contentStart = start + XMLBytes.characterDataStart.count
            guard let close = XMLBytes.find(XMLBytes.characterDataEnd, in: bytes, from: contentStart) else { return nil }
            if !openNameStarts.isEmpty, handler.wantsText {
                try handler.text(UnsafeBufferPointer(rebasing: bytes[contentStart..<close]))
            }
            return close + 3
        case .needsMore: return nil
        case .differs:
            // <!DOCTYPE, <!ENTITY and the like: how entity expansion and external entity attacks get in.
            throw XMLPartError(reason: .documentTypeDeclaration)
        }
    }

    /// Reads a start tag and its attributes, checking their form, and tells the handler.
    /// Returns the index after the tag, or nil when the chunk ends first.
    private mutating func startTag(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int, spans: inout AttributeSpans) throws -> Int? {
        let count = bytes.count
        var index = start + 1
        let nameStart = index
        while index < count, XMLBytes.Byte.isNameByte(bytes[index]) { index += 1 }
        guard index < count else { return nil }
        guard index > nameStart else { throw Self.malformed("a < that does not start a tag") }
        let nameEnd = index
        spans.count = 0
        var isEmptyElement = false
        while true {
            let spaceStart = index
            while index < count, XMLBytes.Byte.isSpace(bytes[index]) { index += 1 }
            guard index < count else { return nil }
            let byte = bytes[index]
            if byte == XMLBytes.Byte.greaterThan { index += 1; break }
            if byte == XMLBytes.Byte.slash {
                guard index + 1 < count else { return nil }
                guard bytes[index + 1] == XMLBytes.Byte.greaterThan else { throw Self.malformedTag(bytes, nameStart, nameEnd) }
                isEmptyElement = true
                index += 2
                break
            }
            guard index > spaceStart else { throw Self.malformedTag(bytes, nameStart, nameEnd) }
            let attributeStart = index
            while index < count, XMLBytes.Byte.isNameByte(bytes[index]) { index += 1 }
            guard index < count else { return nil }
            guard index > attributeStart else { throw Self.malformedTag(bytes, nameStart, nameEnd) }
            let attributeEnd = index
            while index < count, XMLBytes.Byte.isSpace(bytes[index]) { index += 1 }
            guard index < count else { return nil }
            guard bytes[index] == XMLBytes.Byte.equals else { throw Self.malformedTag(bytes, nameStart, nameEnd) }
            index += 1
            while index < count, XMLBytes.Byte.isSpace(bytes[index]) { index += 1 }
            guard index < count else { return nil }
            let quote = bytes[index]
            guard quote == XMLBytes.Byte.doubleQuote || quote == XMLBytes.Byte.singleQuote else { throw Self.malformedTag(bytes, nameStart, nameEnd) }
            let valueStart = index + 1
            index = valueStart
            // Values are short: a plain loop beats a library search, and checks for `<` on the way.
            while index < count, bytes[index] != quote {
                guard bytes[index] != XMLBytes.Byte.lessThan else { throw Self.malformedTag(bytes, nameStart, nameEnd) }
                index += 1
            }
            guard index < count else { return nil }
            spans.append(attributeStart - start, attributeEnd - start, valueStart - start, index - start)
            index += 1
        }
        guard !(sawRoot && openNameStarts.isEmpty) else {
            throw Self.malformed("more elements after the end of the part")
        }
        sawRoot = true
        let name = XMLName(bytes: XMLBytes.localName(UnsafeBufferPointer(rebasing: bytes[nameStart..<nameEnd])))
        let tag = UnsafeBufferPointer(rebasing: bytes[start..<index])
        try handler.startElement(name, attributes: XMLAttributes(tag: tag, spans: spans.buffer))
        if isEmptyElement {
            try handler.endElement(name)
        } else {
            openNameStarts.append(openNames.count)
            openNames.append(UnsafeBufferPointer(rebasing: bytes[nameStart..<nameEnd]))
        }
        return index
    }

    /// Checks that an end tag closes the innermost open element, and tells the handler.
    private mutating func endTag(_ body: UnsafeBufferPointer<UInt8>) throws {
        var length = body.count
        while length > 0, XMLBytes.Byte.isSpace(body[length - 1]) { length -= 1 }
        let name = UnsafeBufferPointer(rebasing: body[0..<length])
        guard let start = openNameStarts.last else {
            throw Self.malformed("</\(String(decoding: name, as: UTF8.self))> closes an element that was never opened")
        }
        let matches = openNames.count - start == length && openNames.withBytes { open in
            (0..<length).allSatisfy { open[start + $0] == name[$0] }
        }
        guard matches else {
            throw Self.malformed("</\(String(decoding: name, as: UTF8.self))> where </\(openNames.text(from: start))> was expected")
        }
        openNames.truncate(to: start)
        openNameStarts.removeLast()
        try handler.endElement(XMLName(bytes: XMLBytes.localName(name)))
    }

    private static func malformed(_ detail: String) -> XMLPartError {
        XMLPartError(reason: .malformedXML(detail))
    }

    private static func malformedTag(_ bytes: UnsafeBufferPointer<UInt8>, _ nameStart: Int, _ nameEnd: Int) -> XMLPartError {
        malformed("the <\(String(decoding: UnsafeBufferPointer(rebasing: bytes[nameStart..<nameEnd]), as: UTF8.self))> tag is not written correctly")
    }
}

/// The byte-level searches and tests the scanner is made of.
private enum XMLBytes {
    enum Byte {
        static let lessThan = UInt8(ascii: "<"), greaterThan = UInt8(ascii: ">"), slash = UInt8(ascii: "/")
        static let question = UInt8(ascii: "?"), exclamation = UInt8(ascii: "!"), ampersand = UInt8(ascii: "&")
        static let semicolon = UInt8(ascii: ";"), equals = UInt8(ascii: "="), colon = UInt8(ascii: ":")
        static let doubleQuote = UInt8(ascii: "\""), singleQuote = UInt8(ascii: "'")

        static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D }

        /// Letters, digits, `_ - . :` and any byte of a non-ASCII character. Tested with two
        /// bit masks, one bit per ASCII byte, because it runs for every byte of every tag.
        static func isNameByte(_ byte: UInt8) -> Bool {
            // Bits 45 "-", 46 ".", 48–57 digits, 58 ":"; then 65–90, 95 "_", 97–122 less 64.
            let low: UInt64 = 0x07FF_6000_0000_0000, high: UInt64 = 0x07FF_FFFE_87FF_FFFE
            if byte >= 128 { return true }
            return (byte < 64 ? low &>> UInt64(byte) : high &>> UInt64(byte &- 64)) & 1 == 1
        }
    }

    static let processingInstructionEnd = Array("?>".utf8)
    static let commentStart = Array("<!--".utf8), commentEnd = Array("-->".utf8)
    static let characterDataStart = Array("<![CDATA[".utf8), characterDataEnd = Array("]]>".utf8)

    /// The local part of a qualified name: `c` for `x:c`.
    static func localName(_ name: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        guard let colon = name.lastIndex(of: XMLBytes.Byte.colon) else { return name }
        return UnsafeBufferPointer(rebasing: name[(colon + 1)...])
    }

    static func find(_ byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int? {
        // Most searches end within a few bytes (`</c>`, `42<`), where a call to memchr costs
        // more than it saves; long text goes to memchr.
        var index = start
        let nearEnd = min(end, start + 32)
        while index < nearEnd {
            if bytes[index] == byte { return index }
            index += 1
        }
        guard index < end, let base = bytes.baseAddress,
              let found = memchr(base + index, Int32(byte), end - index) else { return nil }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    static func find(_ needle: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var index = start
        while let candidate = find(needle[0], in: bytes, from: index, to: bytes.count) {
            guard candidate + needle.count <= bytes.count else { return nil }
            if needle.indices.allSatisfy({ bytes[candidate + $0] == needle[$0] }) { return candidate }
            index = candidate + 1
        }
        return nil
    }

    enum PrefixMatch { case matches, needsMore, differs }

    static func prefixMatch(_ prefix: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> PrefixMatch {
        for offset in prefix.indices {
            guard start + offset < bytes.count else { return .needsMore }
            if bytes[start + offset] != prefix[offset] { return .differs }
        }
        return .matches
    }
}

/// Where each attribute of the tag being read lies: (name start, name end, value start, value
/// end) per attribute, in memory kept for the whole chunk rather than asked for at each tag.
private struct AttributeSpans {
    private var storage = UnsafeMutablePointer<Int>.allocate(capacity: 64)
    private var capacity = 64
    var count = 0

    var buffer: UnsafeBufferPointer<Int> { UnsafeBufferPointer(start: storage, count: count) }

    mutating func append(_ nameStart: Int, _ nameEnd: Int, _ valueStart: Int, _ valueEnd: Int) {
        if count + 4 > capacity {
            let larger = UnsafeMutablePointer<Int>.allocate(capacity: capacity * 2)
            larger.update(from: storage, count: count)
            storage.deallocate()
            storage = larger
            capacity *= 2
        }
        storage[count] = nameStart
        storage[count + 1] = nameEnd
        storage[count + 2] = valueStart
        storage[count + 3] = valueEnd
        count += 4
    }

    func deallocate() { storage.deallocate() }
}
