import Core
import Foundation
import SQLKit

/// Column readers that turn stored text back into domain values, naming the column on failure.
extension SQLRow {
    func int64(_ column: String) throws -> Int64 { try decode(column: column, as: Int64.self) }
    func int(_ column: String) throws -> Int { try decode(column: column, as: Int.self) }
    // Optionals are read as "is it NULL?" then the plain type: SQLiteKit converts plain types
    // directly but sends `T?` through a generic Decoder, which dominated loading a plan.
    func optionalInt(_ column: String) throws -> Int? { try decodeNil(column: column) ? nil : int(column) }
    func optionalInt64(_ column: String) throws -> Int64? { try decodeNil(column: column) ? nil : int64(column) }
    func string(_ column: String) throws -> String { try decode(column: column, as: String.self) }
    func optionalString(_ column: String) throws -> String? { try decodeNil(column: column) ? nil : string(column) }
    func double(_ column: String) throws -> Double { try decode(column: column, as: Double.self) }
    func optionalDouble(_ column: String) throws -> Double? { try decodeNil(column: column) ? nil : double(column) }
    func bool(_ column: String) throws -> Bool { try int(column) != 0 }

    func day(_ column: String) throws -> Day {
        let text = try string(column)
        guard let day = Day(iso: text) else { throw StoredValueError(column: column, value: text) }
        return day
    }

    func optionalDay(_ column: String) throws -> Day? {
        guard let text = try optionalString(column) else { return nil }
        guard let day = Day(iso: text) else { throw StoredValueError(column: column, value: text) }
        return day
    }

    func enumeration<E: RawRepresentable>(_ column: String, as: E.Type) throws -> E where E.RawValue == String {
        let text = try string(column)
        guard let value = E(rawValue: text) else { throw StoredValueError(column: column, value: text) }
        return value
    }

    func json<T: Decodable>(_ column: String, as type: T.Type) throws -> T {
        let text = try string(column)
        // Most list columns (reprogrammings, evidence) are empty; skip the JSON decoder for them.
        if text == "[]", let empty = (T.self as? any EmptyStoredList.Type)?.init() as? T {
            return empty
        }
        do {
            return try JSONCoding.decoder.decode(T.self, from: Data(text.utf8))
        } catch {
            throw StoredValueError(column: column, value: String(text.prefix(80)))
        }
    }

    /// A stored JSON list of strings (an action's leads, an area's objectives). Read by hand:
    /// nearly every action has leads, and `JSONDecoder` for them was a tenth of loading a plan.
    func stringList(_ column: String) throws -> [String] {
        let text = try string(column)
        if let list = StoredStringList.parse(text) { return list }
        return try json(column, as: [String].self)
    }

    func optionalJSON<T: Decodable>(_ column: String, as type: T.Type) throws -> T? {
        guard let text = try optionalString(column) else { return nil }
        do {
            return try JSONCoding.decoder.decode(T.self, from: Data(text.utf8))
        } catch {
            throw StoredValueError(column: column, value: String(text.prefix(80)))
        }
    }
}

/// A stored value that no longer reads as its type: a damaged or hand-edited database.
struct StoredValueError: Error, CustomStringConvertible {
    var column: String
    var value: String
    var description: String { "The database holds '\(value)' in column \(column), which cannot be read" }
}

enum JSONCoding {
    static let decoder = JSONDecoder()
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    static func text<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func optionalText<T: Encodable>(_ value: T?) throws -> String? {
        guard let value else { return nil }
        return try text(value)
    }
}

/// A stored JSON list that can be made empty without decoding `[]`.
protocol EmptyStoredList { init() }
extension Array: EmptyStoredList {}

/// Parses `["a","b"]` as the store writes it. Returns nil for anything else, so the caller can
/// fall back to `JSONDecoder` and its error.
enum StoredStringList {
    static func parse(_ text: String) -> [String]? {
        var text = text
        return text.withUTF8 { bytes -> [String]? in
            var i = 0
            func skipSpace() {
                while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
            }
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "[") else { return nil }
            i += 1
            skipSpace()
            var list: [String] = []
            if i < bytes.count, bytes[i] == UInt8(ascii: "]") {
                i += 1
                skipSpace()
                return i == bytes.count ? list : nil
            }
            while true {
                guard i < bytes.count, bytes[i] == UInt8(ascii: "\""), let (item, end) = string(bytes, from: i + 1) else { return nil }
                list.append(item)
                i = end
                skipSpace()
                guard i < bytes.count else { return nil }
                if bytes[i] == UInt8(ascii: "]") {
                    i += 1
                    skipSpace()
                    return i == bytes.count ? list : nil
                }
                guard bytes[i] == UInt8(ascii: ",") else { return nil }
                i += 1
                skipSpace()
            }
        }
    }

    /// The string whose body starts at `start`, and the index after its closing quote.
    /// Escapes other than the simple ones (`\u`) are left to the fallback.
    private static func string(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (String, Int)? {
        var i = start
        var unescaped: [UInt8]?
        var runStart = start
        while i < bytes.count {
            let byte = bytes[i]
            if byte == UInt8(ascii: "\"") {
                let tail = UnsafeBufferPointer(rebasing: bytes[runStart..<i])
                guard var collected = unescaped else { return (String(decoding: tail, as: UTF8.self), i + 1) }
                collected.append(contentsOf: tail)
                return (String(decoding: collected, as: UTF8.self), i + 1)
            }
            if byte < 0x20 { return nil }
            if byte == UInt8(ascii: "\\") {
                guard i + 1 < bytes.count else { return nil }
                let replacement: UInt8
                switch bytes[i + 1] {
                case UInt8(ascii: "\""): replacement = UInt8(ascii: "\"")
                case UInt8(ascii: "\\"): replacement = UInt8(ascii: "\\")
                case UInt8(ascii: "/"): replacement = UInt8(ascii: "/")
                case UInt8(ascii: "n"): replacement = 0x0A
                case UInt8(ascii: "r"): replacement = 0x0D
                case UInt8(ascii: "t"): replacement = 0x09
                case UInt8(ascii: "b"): replacement = 0x08
                case UInt8(ascii: "f"): replacement = 0x0C
                default: return nil
                }
                var collected = unescaped ?? []
                collected.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<i]))
                collected.append(replacement)
                unescaped = collected
                i += 2
                runStart = i
                continue
            }
            i += 1
        }
        return nil
    }
}
