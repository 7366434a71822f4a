import Foundation

/// One field an audit entry changed, as text for people: nil is "not set".
public struct AuditFieldChange: Sendable, Hashable {
    /// The field's name in the stored JSON ("percentComplete").
    public var field: String
    public var before: String?
    public var after: String?

    public init(field: String, before: String?, after: String?) {
        self.field = field
        self.before = before
        self.after = after
    }

    /// "% complete", "Due date".
    public var label: String { AuditDifference.label(for: field) }
}

/// The difference between an audit entry's before and after JSON objects: which top-level fields
/// changed, with their values as text. Pure, so the history pages and their tests agree.
public enum AuditDifference {
    /// The fields whose values differ, in the order of their names. A create (no before) lists
    /// every field of the after; text that is not a JSON object counts as no fields.
    public static func changes(before: String?, after: String?, ignoring ignored: Set<String> = []) -> [AuditFieldChange] {
        let old = object(before), new = object(after)
        return Set(old.keys).union(new.keys).subtracting(ignored).sorted().compactMap { key in
            let was = old[key].flatMap { $0 == .null ? nil : $0 }
            let now = new[key].flatMap { $0 == .null ? nil : $0 }
            guard was != now else { return nil }
            return AuditFieldChange(field: key, before: was?.text, after: now?.text)
        }
    }

    /// A field's name in words: `percentComplete` → "% complete", `dueDate` → "Due date".
    public static func label(for field: String) -> String {
        if let known = knownLabels[field] { return known }
        var words: [String] = []
        var current = ""
        for character in field {
            if character.isUppercase, !current.isEmpty, !(current.last?.isUppercase ?? false) {
                words.append(current)
                current = ""
            }
            current.append(character)
        }
        if !current.isEmpty { words.append(current) }
        let sentence = words.map { $0.count > 1 && $0.allSatisfy(\.isUppercase) ? $0 : $0.lowercased() }.joined(separator: " ")
        return sentence.prefix(1).uppercased() + sentence.dropFirst()
    }

    static let knownLabels: [String: String] = [
        "percentComplete": "% complete",
        "measureIDs": "Linked measures",
        "areaID": "Area",
        "themeID": "Theme",
        "planID": "Plan",
        "actionID": "Action",
        "organisationID": "Organisation",
        "ref": "Reference",
        "override": "Rating override",
        "difference": "Making a difference",
    ]

    static func object(_ text: String?) -> [String: JSONValue] {
        guard let text, let value = try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)),
              case let .object(fields) = value else { return [:] }
        return fields
    }
}

/// A JSON value, decoded without Foundation's bridging so comparing and printing are the same everywhere.
enum JSONValue: Hashable, Decodable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    /// Text for a person: a string as itself, a whole number without ".0", lists and records as
    /// compact JSON with their keys in order.
    var text: String {
        switch self {
        case let .string(value): value
        default: json
        }
    }

    var json: String {
        switch self {
        case .null: "null"
        case let .bool(value): value ? "true" : "false"
        case let .number(value):
            value.rounded() == value && abs(value) < 1e15 ? String(Int64(value)) : String(value)
        case let .string(value): Self.quoted(value)
        case let .array(values): "[" + values.map(\.json).joined(separator: ",") + "]"
        case let .object(fields):
            "{" + fields.keys.sorted().map { "\(Self.quoted($0)):\(fields[$0]!.json)" }.joined(separator: ",") + "}"
        }
    }

    static func quoted(_ text: String) -> String {
        var result = ""
        JSONText.appendString(text, to: &result)
        return result
    }
}
