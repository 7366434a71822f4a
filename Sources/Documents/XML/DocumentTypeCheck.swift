/// Refuses XML that declares a DTD. Office parts never carry one, and a DTD is how the
/// "billion laughs" entity expansion and external entity (XXE) attacks get in, so the check
/// runs on the raw bytes before any parser sees them.
struct DocumentTypeCheck {
    /// Prolog bytes kept while undecided; a prolog longer than this is itself suspicious.
    private static let maximumPrologLength = 64 * 1024
    private var pending: [UInt8] = []
    private(set) var isSettled = false

    /// Feeds the next bytes of the part. Throws when the prolog holds `<!DOCTYPE`.
    mutating func inspect<Bytes: Collection<UInt8>>(_ bytes: Bytes) throws(XMLPartError) {
        guard !isSettled else { return }
        pending.append(contentsOf: bytes.prefix(Self.maximumPrologLength - pending.count + 1))
        switch Self.scanProlog(pending) {
        case .documentType: throw XMLPartError(reason: .documentTypeDeclaration)
        case .rootElement: isSettled = true; pending = []
        case .undecided:
            if pending.count > Self.maximumPrologLength { throw XMLPartError(reason: .documentTypeDeclaration) }
        }
    }

    /// Call at the end of the part: an undecided prolog means an empty or prolog-only part.
    mutating func finish() { isSettled = true; pending = [] }

    private enum Verdict { case documentType, rootElement, undecided }

    /// Walks the prolog: whitespace, a byte order mark, `<?…?>` declarations and `<!--…-->`
    /// comments may come before the root element; `<!DOCTYPE` (any case) may not.
    private static func scanProlog(_ bytes: [UInt8]) -> Verdict {
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0xEF || byte == 0xBB || byte == 0xBF {
                index += 1
                continue
            }
            guard byte == UInt8(ascii: "<") else { return .rootElement }  // not XML; the parser will say so
            guard index + 1 < count else { return .undecided }
            let next = bytes[index + 1]
            if next == UInt8(ascii: "?") {
                guard let end = find([UInt8(ascii: "?"), UInt8(ascii: ">")], in: bytes, from: index + 2) else { return .undecided }
                index = end + 2
            } else if next == UInt8(ascii: "!") {
                guard index + 3 < count else { return .undecided }
                if bytes[index + 2] == UInt8(ascii: "-") && bytes[index + 3] == UInt8(ascii: "-") {
                    guard let end = find(Array("-->".utf8), in: bytes, from: index + 4) else { return .undecided }
                    index = end + 3
                } else {
                    // "<!DOCTYPE", "<!ENTITY" or anything else declarative: refuse.
                    return .documentType
                }
            } else {
                return .rootElement
            }
        }
        return .undecided
    }

    private static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard start <= bytes.count - needle.count else { return nil }
        var index = start
        while index <= bytes.count - needle.count {
            if bytes[index] == needle[0] && Array(bytes[index..<index + needle.count]) == needle { return index }
            index += 1
        }
        return nil
    }
}
