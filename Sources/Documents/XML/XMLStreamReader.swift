import Foundation

/// What a reader of a large plain XML file (a statutory return such as the CIN census)
/// implements: element starts with the line they are on, and element ends with the text the
/// element held when it holds no elements of its own (a leaf), "" otherwise.
public protocol XMLStreamHandler {
    mutating func startElement(_ name: String, line: Int) throws
    mutating func endElement(_ name: String, text: String, line: Int) throws
}

/// Streams a plain XML file through `XMLByteScanner` — the same checked scanner the workbook
/// sheets use, so a return of tens of MB is read in chunks, never held as a tree — with the
/// limits a hostile file needs: no DTD (so no entity expansion or external entities), a
/// maximum size, nesting depth, element count, text length and time.
///
/// Lines are counted from the line breaks between elements and inside text; a line break
/// inside a tag or a comment is not counted, which real returns never have.
public enum XMLStreamReader {
    /// Deepest nesting accepted: the CIN census is 7 deep; anything near this is built to hurt.
    public static let maximumDepth = 64

    /// Reads XML held in memory.
    public static func read<Handler: XMLStreamHandler>(data: Data, fileName: String, limits: ReadingLimits, into handler: inout Handler) throws {
        guard data.count <= limits.maximumFileSize else { throw DocumentError(.fileTooLarge(limit: limits.maximumFileSize), fileName: fileName) }
        var stream = try Stream(handler: handler, fileName: fileName, limits: limits)
        let chunk = 1 << 20
        var offset = 0
        repeat {
            let end = min(data.count, offset + chunk)
            try stream.feed(data[data.startIndex + offset ..< data.startIndex + end])
            offset = end
        } while offset < data.count
        try stream.finish()
        handler = stream.scanner.handler.handler
    }

    /// Reads a file from disk a megabyte at a time.
    public static func read<Handler: XMLStreamHandler>(url: URL, limits: ReadingLimits, into handler: inout Handler) throws {
        let fileName = url.lastPathComponent
        let file: FileHandle
        do { file = try FileHandle(forReadingFrom: url) } catch {
            throw DocumentError(.unreadable(error.localizedDescription), fileName: fileName)
        }
        defer { try? file.close() }
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
        guard size <= limits.maximumFileSize else { throw DocumentError(.fileTooLarge(limit: limits.maximumFileSize), fileName: fileName) }
        var stream = try Stream(handler: handler, fileName: fileName, limits: limits)
        var total = 0
        while true {
            let chunk: Data?
            do { chunk = try file.read(upToCount: 1 << 20) } catch {
                throw DocumentError(.unreadable(error.localizedDescription), fileName: fileName)
            }
            guard let chunk, !chunk.isEmpty else { break }
            total += chunk.count
            guard total <= limits.maximumFileSize else { throw DocumentError(.fileTooLarge(limit: limits.maximumFileSize), fileName: fileName) }
            try stream.feed(chunk)
        }
        try stream.finish()
        handler = stream.scanner.handler.handler
    }

    /// The prolog check, the scanner, and errors turned into `DocumentError`s naming the file and line.
    struct Stream<Handler: XMLStreamHandler> {
        var check = DocumentTypeCheck()
        var scanner: XMLByteScanner<Adapter<Handler>>
        let fileName: String
        var sawAnyBytes = false

        init(handler: Handler, fileName: String, limits: ReadingLimits) throws {
            self.fileName = fileName
            scanner = XMLByteScanner(Adapter(handler: handler, limits: limits))
        }

        mutating func feed(_ bytes: Data) throws {
            if !bytes.isEmpty { sawAnyBytes = true }
            do {
                try check.inspect(bytes)
                scanner.handler.countPrologLines(bytes)
                try scanner.feed(bytes)
            } catch let error as XMLPartError {
                throw converted(error)
            } catch let error as StreamLimit {
                throw DocumentError(error.reason, fileName: fileName, row: scanner.handler.line, message: error.message)
            }
        }

        mutating func finish() throws {
            check.finish()
            do {
                guard sawAnyBytes else { throw XMLPartError(reason: .malformedXML("the file is empty")) }
                try scanner.finish()
            } catch let error as XMLPartError {
                throw converted(error)
            }
        }

        private func converted(_ error: XMLPartError) -> DocumentError {
            let message: String?
            switch error.reason {
            case .documentTypeDeclaration:
                message = "The file contains a document type declaration (DTD), which a statutory return never needs and which can be used to attack a server, so it was not read."
            case .malformedXML(let detail):
                message = "The file is not valid XML (\(detail)). Export it again from the case management system."
            default: message = nil
            }
            return DocumentError(error.reason, fileName: fileName, row: scanner.handler.line, message: message)
        }
    }

    struct StreamLimit: Error {
        var reason: DocumentError.Reason
        var message: String
    }

    /// Turns the scanner's byte-level events into names, lines and leaf text, and keeps the counts.
    struct Adapter<Wrapped: XMLStreamHandler>: XMLScanHandler {
        var handler: Wrapped
        let limits: ReadingLimits
        let deadline: ContinuousClock.Instant?
        var line = 1
        var depth = 0
        var elements = 0
        var text: [UInt8] = []
        /// Whether no element has started since the innermost open one did: its text is wanted.
        var isLeaf = false
        var prologDone = false
        var afterLessThan = false

        init(handler: Wrapped, limits: ReadingLimits) {
            self.handler = handler
            self.limits = limits
            deadline = limits.timeLimit.map { ContinuousClock.now.advanced(by: $0) }
            text.reserveCapacity(256)
        }

        var wantsText: Bool { true }

        /// Line breaks before the root element are not text the scanner passes on: counted here,
        /// up to the first `<` that starts neither `<?` nor `<!` (the root element's tag).
        mutating func countPrologLines(_ bytes: Data) {
            guard !prologDone else { return }
            for byte in bytes {
                if afterLessThan, byte != UInt8(ascii: "?"), byte != UInt8(ascii: "!") { prologDone = true; return }
                afterLessThan = byte == UInt8(ascii: "<")
                if byte == 0x0A { line += 1 }
            }
        }

        mutating func startElement(_ name: XMLName, attributes: XMLAttributes) throws {
            prologDone = true
            depth += 1
            elements += 1
            guard depth <= XMLStreamReader.maximumDepth else {
                throw StreamLimit(reason: .nestedTooDeeply(limit: XMLStreamReader.maximumDepth),
                                  message: "Elements are nested more than \(XMLStreamReader.maximumDepth) deep, far deeper than any return, so the file was not read.")
            }
            guard elements <= limits.maximumCellCount else {
                throw StreamLimit(reason: .tooManyCells(limit: limits.maximumCellCount),
                                  message: "The file holds more than \(limits.maximumCellCount) elements, the most Oversight will read from one file.")
            }
            if elements & 0x3FFF == 0, let deadline, ContinuousClock.now > deadline, let limit = limits.timeLimit {
                throw StreamLimit(reason: .tookTooLong(limit: limit),
                                  message: "Reading the file took longer than \(limit.components.seconds) seconds, the most Oversight spends on one file.")
            }
            text.removeAll(keepingCapacity: true)
            isLeaf = true
            try handler.startElement(String(decoding: name.bytes, as: UTF8.self), line: line)
        }

        mutating func endElement(_ name: XMLName) throws {
            depth -= 1
            let value = isLeaf && !text.isEmpty ? String(decoding: text, as: UTF8.self) : ""
            isLeaf = false
            text.removeAll(keepingCapacity: true)
            try handler.endElement(String(decoding: name.bytes, as: UTF8.self), text: value, line: line)
        }

        mutating func text(_ bytes: UnsafeBufferPointer<UInt8>) throws {
            for byte in bytes where byte == 0x0A { line += 1 }
            guard isLeaf else { return }
            guard text.count + bytes.count <= limits.maximumCellTextLength else {
                throw StreamLimit(reason: .cellTooLong(limit: limits.maximumCellTextLength),
                                  message: "An element holds more than \(limits.maximumCellTextLength) bytes of text, the most Oversight will read from one value.")
            }
            text.append(contentsOf: bytes)
        }
    }
}
