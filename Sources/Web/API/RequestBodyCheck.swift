import Core
import Foundation

/// Checks a JSON request body against the field rules of its schema in the published OpenAPI
/// document before it is decoded, so the server refuses exactly what the document excludes and
/// names the field (`themes[0].areas[1].title`). `JSONDecoder` alone would read `"title": null`
/// as "absent" and change nothing, and refuses `1e19` for a whole number, or `1e999` anywhere,
/// without saying which field.
///
/// What is checked, for the fields the schema names (others are ignored, as the decoder ignores
/// them): no `null`; numbers within the schema's `minimum`/`maximum` (every figure is within
/// ±1e12, `MeasureFigure`'s range); whole numbers where it says `integer`; text within
/// `minLength`/`maxLength`, and not blank where it says so (`pattern` `\S`). Rules between fields
/// (one or the other, this needs that) are checked by the inputs themselves.
enum RequestBodyCheck {
    /// Deeper nesting than any request body has; refusing it keeps the recursion bounded.
    static let maximumDepth = 64

    /// The problems in `data` for the request schema called `schemaName` in the document, empty
    /// when it is fine (or is not JSON at all, which the decoder then reports as such).
    static func problems(in data: Data, schemaName: String) -> [ValidationError] {
        var parser = Parser(bytes: Array(data))
        let value: JSONValue
        do {
            value = try parser.document()
        } catch ParseFailure.tooDeep {
            return [.init(field: "body", message: "The body is nested too deeply")]
        } catch {
            return []
        }
        var problems: [ValidationError] = []
        check(value, against: RequestSchemas.shared.shape(named: schemaName), path: "", into: &problems)
        return problems
    }

    static func check(_ value: JSONValue, against shape: FieldShape, path: String, into problems: inout [ValidationError]) {
        let field = path.isEmpty ? "body" : path
        switch value {
        case .null:
            problems.append(.init(field: field, message: "\(field) must not be null: leave it out to keep what is stored"))
        case .object(let members):
            for (key, member) in members {
                guard let inner = shape.properties[key] else { continue }
                check(member, against: inner, path: path.isEmpty ? key : path + "." + key, into: &problems)
            }
        case .array(let items):
            guard let inner = shape.items else { return }
            for (index, item) in items.enumerated() {
                check(item, against: inner, path: path + "[\(index)]", into: &problems)
            }
        case .number(let number):
            guard shape.type == "number" || shape.type == "integer" else { return }
            let low = shape.minimum ?? -MeasureFigure.largestMagnitude, high = shape.maximum ?? MeasureFigure.largestMagnitude
            if !number.isFinite || number < low || number > high {
                problems.append(.init(field: field, message: "\(field) must be from \(words(low)) to \(words(high))"))
            } else if shape.exclusiveMinimum, number <= low {
                problems.append(.init(field: field, message: "\(field) must be more than \(words(low))"))
            } else if shape.type == "integer", number.rounded() != number {
                problems.append(.init(field: field, message: "\(field) must be a whole number"))
            }
        case .string(let text):
            guard shape.type == "string" else { return }
            let length = text.unicodeScalars.count
            if let minimum = shape.minLength, length < minimum {
                problems.append(.init(field: field, message: "Enter \(field)"))
            } else if shape.mustNotBeBlank, text.unicodeScalars.allSatisfy(isBlank) {
                problems.append(.init(field: field, message: "Enter \(field): it must not be only spaces"))
            } else if let maximum = shape.maxLength, length > maximum {
                problems.append(.init(field: field, message: "\(field) must be \(words(Double(maximum))) characters or fewer"))
            }
        case .bool:
            return
        }
    }

    /// What `\S` excludes, in JavaScript's and Python's regular expressions both (a client may
    /// check either way): Unicode white space, the byte order mark and the separators U+001C–U+001F.
    static func isBlank(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || scalar == "\u{FEFF}" || (0x1C...0x1F).contains(scalar.value)
    }

    /// 1000000000000 → "1,000,000,000,000".
    static func words(_ number: Double) -> String {
        guard number.rounded() == number, abs(number) <= MeasureFigure.largestMagnitude else { return "\(number)" }
        let formatter = NumberFormatter()
        formatter.numberStyle = .decimal
        formatter.locale = Locale(identifier: "en_GB")
        return formatter.string(from: NSNumber(value: number)) ?? "\(number)"
    }

    // MARK: Parsing

    /// A JSON value; objects keep their members' order.
    indirect enum JSONValue {
        case object([(String, JSONValue)]), array([JSONValue]), string(String), number(Double), bool(Bool), null
    }

    enum ParseFailure: Error { case malformed, tooDeep }

    /// A small parser of our own rather than `JSONSerialization`, which fails on `1e999` without
    /// saying where. Anything it cannot read is left for the decoder to report.
    struct Parser {
        let bytes: [UInt8]
        var position = 0

        init(bytes: [UInt8]) { self.bytes = bytes }

        var current: UInt8? { position < bytes.count ? bytes[position] : nil }

        mutating func document() throws -> JSONValue {
            let value = try self.value(depth: 0)
            skipSpace()
            guard current == nil else { throw ParseFailure.malformed }
            return value
        }

        mutating func skipSpace() {
            while let byte = current, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { position += 1 }
        }

        mutating func expect(_ byte: UInt8) throws {
            guard current == byte else { throw ParseFailure.malformed }
            position += 1
        }

        mutating func value(depth: Int) throws -> JSONValue {
            guard depth <= RequestBodyCheck.maximumDepth else { throw ParseFailure.tooDeep }
            skipSpace()
            guard let byte = current else { throw ParseFailure.malformed }
            switch byte {
            case UInt8(ascii: "{"):
                position += 1
                var members: [(String, JSONValue)] = []
                skipSpace()
                if current == UInt8(ascii: "}") { position += 1; return .object(members) }
                while true {
                    skipSpace()
                    let key = try string()
                    skipSpace()
                    try expect(UInt8(ascii: ":"))
                    members.append((key, try value(depth: depth + 1)))
                    skipSpace()
                    if current == UInt8(ascii: ",") { position += 1; continue }
                    try expect(UInt8(ascii: "}"))
                    return .object(members)
                }
            case UInt8(ascii: "["):
                position += 1
                var items: [JSONValue] = []
                skipSpace()
                if current == UInt8(ascii: "]") { position += 1; return .array(items) }
                while true {
                    items.append(try value(depth: depth + 1))
                    skipSpace()
                    if current == UInt8(ascii: ",") { position += 1; continue }
                    try expect(UInt8(ascii: "]"))
                    return .array(items)
                }
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"): try literal("true"); return .bool(true)
            case UInt8(ascii: "f"): try literal("false"); return .bool(false)
            case UInt8(ascii: "n"): try literal("null"); return .null
            default: return .number(try number())
            }
        }

        mutating func literal(_ word: String) throws {
            for byte in word.utf8 { try expect(byte) }
        }

        mutating func string() throws -> String {
            try expect(UInt8(ascii: "\""))
            let start = position
            var escaped = false
            while let byte = current {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { break }
                position += 1
            }
            guard current == UInt8(ascii: "\"") else { throw ParseFailure.malformed }
            let raw = Array(bytes[(start - 1)...position])
            position += 1
            guard raw.contains(UInt8(ascii: "\\")) else { return String(decoding: raw.dropFirst().dropLast(), as: UTF8.self) }
            // Escapes (\n, \u00e9, surrogate pairs) are rare; Foundation reads them exactly.
            guard let decoded = try? JSONDecoder().decode(String.self, from: Data(raw)) else { throw ParseFailure.malformed }
            return decoded
        }

        mutating func number() throws -> Double {
            let start = position
            while let byte = current, byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".")
                || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") || (0x30...0x39).contains(byte) {
                position += 1
            }
            // `1e999` reads as infinity, which the range check then refuses naming the field.
            guard position > start, let value = Double(String(decoding: bytes[start..<position], as: UTF8.self)) else {
                throw ParseFailure.malformed
            }
            return value
        }
    }
}

/// What the document says about one field of a request body: enough to check it.
struct FieldShape: Sendable {
    var type: String?
    var properties: [String: FieldShape] = [:]
    /// Boxed: a struct cannot hold itself directly.
    var itemsBox: [FieldShape] = []
    var items: FieldShape? { itemsBox.first }
    var minimum: Double?
    var maximum: Double?
    var exclusiveMinimum = false
    var minLength: Int?
    var maxLength: Int?
    var mustNotBeBlank = false

    static let unknown = FieldShape()
}

/// The request schemas of the served OpenAPI document, read once.
struct RequestSchemas: Sendable {
    static let shared = RequestSchemas(document: Views.resources.appendingPathComponent("openapi.json"))

    private let shapes: [String: FieldShape]

    init(document url: URL) {
        guard let data = try? Data(contentsOf: url),
              let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let schemas = (root["components"] as? [String: Any])?["schemas"] as? [String: Any] else {
            shapes = [:]
            return
        }
        var shapes: [String: FieldShape] = [:]
        for (name, schema) in schemas {
            shapes[name] = Self.shape(of: schema, schemas: schemas, depth: 0)
        }
        self.shapes = shapes
    }

    func shape(named name: String) -> FieldShape { shapes[name] ?? .unknown }

    private static func shape(of any: Any, schemas: [String: Any], depth: Int) -> FieldShape {
        guard depth < 32, var schema = any as? [String: Any] else { return .unknown }
        if let reference = schema["$ref"] as? String, let name = reference.split(separator: "/").last,
           let target = schemas[String(name)] {
            return shape(of: target, schemas: schemas, depth: depth + 1)
        }
        var shape = FieldShape()
        // allOf parts that add properties (not the `not`/`anyOf` rules between fields) merge in.
        for part in (schema["allOf"] as? [Any]) ?? [] {
            let inner = Self.shape(of: part, schemas: schemas, depth: depth + 1)
            shape.properties.merge(inner.properties) { first, _ in first }
            if shape.type == nil { shape.type = inner.type }
        }
        schema["allOf"] = nil
        shape.type = schema["type"] as? String ?? shape.type
        for (key, property) in (schema["properties"] as? [String: Any]) ?? [:] {
            shape.properties[key] = Self.shape(of: property, schemas: schemas, depth: depth + 1)
        }
        if let items = schema["items"] { shape.itemsBox = [Self.shape(of: items, schemas: schemas, depth: depth + 1)] }
        shape.minimum = (schema["minimum"] as? NSNumber)?.doubleValue
        shape.maximum = (schema["maximum"] as? NSNumber)?.doubleValue
        shape.exclusiveMinimum = (schema["exclusiveMinimum"] as? NSNumber)?.boolValue ?? (schema["exclusiveMinimum"] as? Bool) ?? false
        shape.minLength = (schema["minLength"] as? NSNumber)?.intValue
        shape.maxLength = (schema["maxLength"] as? NSNumber)?.intValue
        shape.mustNotBeBlank = (schema["pattern"] as? String) == "\\S"
        return shape
    }
}
