/// What a part reader implements to be driven by `XMLByteScanner`: element starts and ends
/// with local names (`c` for `x:c`), and text with entities already decoded. The buffers
/// passed in are valid only during the call.
protocol XMLScanHandler {
    /// Whether text is wanted at this point. Text nobody wants (the XML between cells, the
    /// formulas) is skipped without being decoded, which is most of a sheet's bytes.
    var wantsText: Bool { get }
    mutating func startElement(_ name: XMLName, attributes: XMLAttributes) throws
    mutating func endElement(_ name: XMLName) throws
    /// A piece of text; one text node may arrive in several pieces.
    mutating func text(_ bytes: UnsafeBufferPointer<UInt8>) throws
}

/// An element's local name, as bytes borrowed from the scanner's buffer.
struct XMLName {
    let bytes: UnsafeBufferPointer<UInt8>

    func `is`(_ name: StaticString) -> Bool {
        guard bytes.count == name.utf8CodeUnitCount else { return false }
        let expected = name.utf8Start
        for index in 0..<bytes.count where bytes[index] != expected[index] { return false }
        return true
    }
}

/// The attributes of one start tag, found and checked by the scanner, looked up by name.
/// Names are matched as written: in Office parts the attributes we read are unprefixed.
struct XMLAttributes {
    /// The tag's bytes; `spans` holds (name start, name end, value start, value end) for each
    /// attribute, as offsets into them.
    let tag: UnsafeBufferPointer<UInt8>
    let spans: UnsafeBufferPointer<Int>

    /// Calls `body` with an attribute's value (entities decoded), or returns nil when absent.
    func value<Result>(of name: StaticString, _ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result? {
        let expected = name.utf8Start
        let length = name.utf8CodeUnitCount
        var index = 0
        while index + 3 < spans.count {
            let nameStart = spans[index], nameEnd = spans[index + 1]
            if nameEnd - nameStart == length, (0..<length).allSatisfy({ tag[nameStart + $0] == expected[$0] }) {
                let value = UnsafeBufferPointer(rebasing: tag[spans[index + 2]..<spans[index + 3]])
                guard value.contains(UInt8(ascii: "&")) else { return try body(value) }
                let decoded = XMLEntities.decoding(value)
                return try decoded.withUnsafeBufferPointer(body)
            }
            index += 4
        }
        return nil
    }

    /// An attribute's value as a string.
    func string(_ name: StaticString) -> String? {
        value(of: name) { String(decoding: $0, as: UTF8.self) }
    }

    /// An attribute's value as a non-negative whole number; nil when absent or not one.
    func integer(_ name: StaticString) -> Int? {
        value(of: name) { XMLAttributes.wholeNumber($0) } ?? nil
    }

    /// Decimal digits as a non-negative whole number; nil when empty, not all digits, or too long.
    static func wholeNumber(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !bytes.isEmpty, bytes.count <= 18 else { return nil }
        var number = 0
        for byte in bytes {
            guard byte >= 48, byte <= 57 else { return nil }
            number = number * 10 + Int(byte - 48)
        }
        return number
    }
}
