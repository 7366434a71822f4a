import Foundation

/// Orders action references the way people read them: 1.2 before 1.10, 2 before 10, 2.1 before 2.1.1.
public enum ReferenceOrder {
    /// True when `a` comes before `b`.
    public static func precedes(_ a: String, _ b: String) -> Bool {
        compare(a, b) == .orderedAscending
    }

    public static func compare(_ a: String, _ b: String) -> ComparisonResult {
        let left = chunks(a)
        let right = chunks(b)
        for (x, y) in zip(left, right) {
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
        if left.count != right.count { return left.count < right.count ? .orderedAscending : .orderedDescending }
        return a < b ? .orderedAscending : (a == b ? .orderedSame : .orderedDescending)
    }

    enum Chunk: Equatable {
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
