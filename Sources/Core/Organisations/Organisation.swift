/// A council or a partnership: every record belongs to exactly one.
public struct Organisation: Sendable, Codable, Hashable, Identifiable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case council, partnership
    }

    public var id: Int64
    public var name: String
    public var kind: Kind

    public init(id: Int64 = 0, name: String, kind: Kind = .council) {
        self.id = id
        self.name = name
        self.kind = kind
    }
}
