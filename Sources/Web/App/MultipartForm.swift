import Foundation
import Hummingbird

/// A `multipart/form-data` body (RFC 7578) as a browser posts a form with file inputs: the
/// fields and files in order. Parsed from the collected body, within limits, so a hostile or
/// broken body is refused with a sentence rather than read without end.
struct MultipartForm: Sendable {
    struct Part: Sendable {
        /// The form field's name.
        var name: String
        /// The file's name as the browser sent it (without any folder); nil for a plain field.
        var fileName: String?
        var contentType: String?
        var data: Data

        var text: String { String(decoding: data, as: UTF8.self) }
    }

    struct Limits: Sendable {
        /// A workbook, a handful of local-event CSVs and the form's fields.
        var parts = 32
        /// The headers of one part (a browser sends two short lines).
        var headerBytes = 8 * 1024
    }

    /// Why a body could not be read; every case is the sender's fault (400).
    enum Problem: Error, Equatable, CustomStringConvertible {
        case notMultipart
        case noBoundary
        case malformed(String)
        case tooManyParts(Int)
        case headersTooLarge(Int)

        var description: String {
            switch self {
            case .notMultipart: "The form was not sent as multipart/form-data."
            case .noBoundary: "The form's Content-Type names no boundary."
            case .malformed(let why): "The form could not be read: \(why)."
            case .tooManyParts(let limit): "The form has more than \(limit) fields and files."
            case .headersTooLarge(let limit): "A field's headers are longer than \(limit) bytes."
            }
        }
    }

    var parts: [Part]

    /// The first plain field called `name`.
    func field(_ name: String) -> String? { parts.first { $0.name == name && $0.fileName == nil }?.text }

    /// The files chosen in the input called `name`; an input left empty sends a part with an
    /// empty file name, which is not a file.
    func files(_ name: String) -> [Part] { parts.filter { $0.name == name && !($0.fileName ?? "").isEmpty } }

    static func isMultipart(contentType: String?) -> Bool {
        contentType?.lowercased().trimmingCharacters(in: .whitespaces).hasPrefix("multipart/form-data") == true
    }

    /// The boundary parameter of a `multipart/form-data` Content-Type, quoted or not.
    static func boundary(in contentType: String?) throws(Problem) -> String {
        guard let contentType, isMultipart(contentType: contentType) else { throw .notMultipart }
        for parameter in HeaderParameters.parse(contentType).parameters where parameter.name == "boundary" {
            // RFC 2046: 1 to 70 characters.
            guard (1...70).contains(parameter.value.utf8.count) else { throw .noBoundary }
            return parameter.value
        }
        throw .noBoundary
    }

    init(parts: [Part]) { self.parts = parts }

    init(body: Data, contentType: String?, limits: Limits = Limits()) throws(Problem) {
        let boundary = try Self.boundary(in: contentType)
        let bytes = [UInt8](body)
        let delimiter = Array("--\(boundary)".utf8)
        // The first delimiter may follow a preamble; every later one follows a line break.
        guard let first = Self.firstDelimiter(delimiter, in: bytes) else { throw .malformed("it has no part boundary") }
        var position = first + delimiter.count
        var parts: [Part] = []
        let nextDelimiter = Array("\r\n--\(boundary)".utf8)
        while true {
            if Self.has(Array("--".utf8), at: position, in: bytes) { break } // the closing delimiter
            position = Self.skipPadding(bytes, from: position)
            guard position < bytes.count else { throw .malformed("it ends without its closing boundary (the upload may have been cut short)") }
            guard Self.has(Self.crlf, at: position, in: bytes) else { throw .malformed("a boundary is not followed by a line break") }
            position += 2
            guard parts.count < limits.parts else { throw .tooManyParts(limits.parts) }
            let headerEnd: Int
            if Self.has(Self.crlf, at: position, in: bytes) {
                headerEnd = position - 2 // a part without headers
            } else {
                let searchEnd = min(bytes.count, position + limits.headerBytes + 4)
                guard let found = Self.find(Array("\r\n\r\n".utf8), in: bytes, from: position, to: searchEnd) else {
                    if searchEnd < bytes.count { throw .headersTooLarge(limits.headerBytes) }
                    throw .malformed("a part's headers are cut short")
                }
                headerEnd = found
            }
            let headers = headerEnd > position ? String(decoding: bytes[position..<headerEnd], as: UTF8.self) : ""
            let contentStart = headerEnd + 4
            guard let contentEnd = Self.findDelimiter(nextDelimiter, in: bytes, from: contentStart) else {
                throw .malformed("the last part has no closing boundary (the upload may have been cut short)")
            }
            parts.append(try Self.part(headers: headers, data: Data(bytes[contentStart..<contentEnd])))
            position = contentEnd + nextDelimiter.count
        }
        self.parts = parts
    }

    private static let crlf = Array("\r\n".utf8)

    private static func part(headers: String, data: Data) throws(Problem) -> Part {
        var disposition: HeaderParameters?
        var contentType: String?
        for line in headers.components(separatedBy: "\r\n") where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else { throw .malformed("a part has a header line without a colon") }
            let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            switch name {
            case "content-disposition": disposition = HeaderParameters.parse(value)
            case "content-type": contentType = value
            default: break
            }
        }
        guard let disposition, disposition.value.lowercased() == "form-data",
              let name = disposition.parameters.first(where: { $0.name == "name" })?.value else {
            throw .malformed("a part is not a named form-data field")
        }
        // RFC 7578 4.2: filename* (RFC 5987, percent-encoded UTF-8) wins over filename.
        let extended = disposition.parameters.first { $0.name == "filename*" }.flatMap { HeaderParameters.extendedValue($0.value) }
        let plain = disposition.parameters.first { $0.name == "filename" }?.value
        return Part(name: name, fileName: (extended ?? plain).map(Self.withoutFolder), contentType: contentType, data: data)
    }

    /// Some browsers send the whole path ("C:\Users\jo\annex-a.xlsx"); only the name is the file's.
    static func withoutFolder(_ name: String) -> String {
        String(name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last ?? "")
    }

    static func firstDelimiter(_ delimiter: [UInt8], in bytes: [UInt8]) -> Int? {
        if has(delimiter, at: 0, in: bytes) { return 0 }
        return find(crlf + delimiter, in: bytes, from: 0, to: bytes.count).map { $0 + 2 }
    }

    /// The next `CRLF--boundary` that really is a delimiter: followed by `--`, or by optional
    /// spaces and a line break. The same characters followed by anything else are content.
    static func findDelimiter(_ delimiter: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        var from = start
        while let found = find(delimiter, in: bytes, from: from, to: bytes.count) {
            let after = found + delimiter.count
            if has(Array("--".utf8), at: after, in: bytes) || has(crlf, at: skipPadding(bytes, from: after), in: bytes)
                || after == bytes.count {
                return found
            }
            from = found + 1
        }
        return nil
    }

    static func skipPadding(_ bytes: [UInt8], from start: Int) -> Int {
        var index = start
        while index < bytes.count, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") { index += 1 }
        return index
    }

    static func has(_ needle: [UInt8], at index: Int, in bytes: [UInt8]) -> Bool {
        guard index >= 0, index + needle.count <= bytes.count else { return false }
        for offset in needle.indices where bytes[index + offset] != needle[offset] { return false }
        return true
    }

    /// The first index at or after `start` where `needle` begins and ends before `end`.
    static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int, to end: Int) -> Int? {
        guard let head = needle.first, end - start >= needle.count else { return nil }
        return bytes.withUnsafeBufferPointer { buffer -> Int? in
            var index = start
            let last = end - needle.count
            while index <= last {
                if buffer[index] == head {
                    var offset = 1
                    while offset < needle.count, buffer[index + offset] == needle[offset] { offset += 1 }
                    if offset == needle.count { return index }
                }
                index += 1
            }
            return nil
        }
    }
}

/// A header value with `; name=value` parameters (Content-Type, Content-Disposition); quoted
/// values may hold semicolons and backslash escapes.
struct HeaderParameters: Sendable, Equatable {
    struct Parameter: Sendable, Equatable {
        /// Lower case.
        var name: String
        var value: String
    }

    var value: String
    var parameters: [Parameter]

    static func parse(_ header: String) -> HeaderParameters {
        var characters = Substring(header)
        func skipSpace() { characters = characters.drop { $0 == " " || $0 == "\t" } }
        let value = characters.prefix { $0 != ";" }
        characters = characters.dropFirst(value.count)
        var parameters: [Parameter] = []
        while characters.first == ";" {
            characters = characters.dropFirst()
            skipSpace()
            let name = characters.prefix { $0 != "=" && $0 != ";" }
            characters = characters.dropFirst(name.count)
            guard characters.first == "=" else { continue }
            characters = characters.dropFirst()
            skipSpace()
            var text = ""
            if characters.first == "\"" {
                characters = characters.dropFirst()
                while let character = characters.first, character != "\"" {
                    characters = characters.dropFirst()
                    if character == "\\", let escaped = characters.first {
                        text.append(escaped)
                        characters = characters.dropFirst()
                    } else {
                        text.append(character)
                    }
                }
                characters = characters.dropFirst()
                characters = characters.drop { $0 != ";" }
            } else {
                let raw = characters.prefix { $0 != ";" }
                characters = characters.dropFirst(raw.count)
                text = raw.trimmingCharacters(in: .whitespaces)
            }
            parameters.append(Parameter(name: name.trimmingCharacters(in: .whitespaces).lowercased(), value: text))
        }
        return HeaderParameters(value: value.trimmingCharacters(in: .whitespaces), parameters: parameters)
    }

    /// An RFC 5987 value, `UTF-8'en'%E2%80%A6.xlsx`; nil when it is not one we can read.
    static func extendedValue(_ text: String) -> String? {
        let pieces = text.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
        guard pieces.count == 3, pieces[0].lowercased() == "utf-8" else { return nil }
        return String(pieces[2]).removingPercentEncoding
    }
}

extension MultipartForm {
    /// The form in a collected request body; a body that is not a readable form is a 400.
    static func read(_ body: ByteBuffer, contentType: String?) throws -> MultipartForm {
        do {
            return try MultipartForm(body: Data(body.readableBytesView), contentType: contentType)
        } catch {
            throw HTTPError(.badRequest, message: error.description)
        }
    }
}
