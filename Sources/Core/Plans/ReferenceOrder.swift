import Foundation

/// Orders action references the way people read them: 1.2 before 1.10, 2 before 10, 2.1 before 2.1.1.
public enum ReferenceOrder {
    /// True when `a` comes before `b`.
    public static func precedes(_ a: String, _ b: String) -> Bool {
        compare(a, b) == .orderedAscending
    }

    public static func compare(_ a: String, _ b: String) -> ComparisonResult {
        Key(a).compare(Key(b))
    }

    /// Items in reference order, each reference read once rather than at every comparison.
    public static func sorted<Item>(_ items: [Item], by reference: (Item) -> String) -> [Item] {
        items.map { (Key(reference($0)), $0) }.sorted { $0.0.compare($1.0) == .orderedAscending }.map(\.1)
    }

    /// A reference read into its parts, for sorting many: build it once per item.
    public struct Key: Sendable {
        let reference: String
        let chunks: [Chunk]

        public init(_ reference: String) {
            self.reference = reference
            chunks = ReferenceOrder.chunks(reference)
        }

        public func compare(_ other: Key) -> ComparisonResult {
            for (x, y) in zip(chunks, other.chunks) {
                switch (x, y) {
                case let (.number(p), .number(q)):
                    if p != q { return p < q ? .orderedAscending : .orderedDescending }
                case let (.text(p), .text(q)):
                    let order = p.compare(q, options: [.caseInsensitive])
                    if order != .orderedSame { return order }
                case (.number, .text):
                    return .orderedAscending
                case (.text, .number):
                    return .orderedDescending
                }
            }
            if chunks.count != other.chunks.count { return chunks.count < other.chunks.count ? .orderedAscending : .orderedDescending }
            return reference < other.reference ? .orderedAscending : (reference == other.reference ? .orderedSame : .orderedDescending)
        }
    }

    enum Chunk: Equatable, Sendable {
        case number(Int)
        case text(String)
    }

    /// Runs of digits as numbers, runs of letters as text; dots, spaces and dashes only separate.
    static func chunks(_ ref: String) -> [Chunk] {
        var result: [Chunk] = []
        var digits = ""
        var letters = ""
        func flush() {
            if !digits.isEmpty { result.append(.number(Int(digits.prefix(18)) ?? Int.max)); digits = "" }
            if !letters.isEmpty { result.append(.text(letters)); letters = "" }
        }
        for character in ref {
            if character.isASCII && character.isNumber {
                if !letters.isEmpty { flush() }
                digits.append(character)
            } else if character.isLetter {
                if !digits.isEmpty { flush() }
                letters.append(character)
            } else {
                flush()
            }
        }
        flush()
        return result
    }
}
