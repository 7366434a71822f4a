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
