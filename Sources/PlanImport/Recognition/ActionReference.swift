import Foundation

/// Action references at the start of a line: `2.1`, `2.1.0.`, `1.3.6`, and `1/2` (a PDF's
/// reading of 1.2).
public enum ActionReference {
    public struct Leading: Sendable, Hashable {
        /// The reference with dots: `2.1.0`, `1.2`.
        public var ref: String
        /// As written, when it was not written with dots (`1/2`).
        public var writtenAs: String?
        /// The line after the reference.
        public var rest: String
    }

    /// The reference a line starts with: at least two numbers joined by dots (or a slash),
    /// optionally ending with a dot, then a space or the end of the line.
    public static func leading(_ line: String) -> Leading? {
        var index = line.startIndex
        var parts: [String] = []
        var separators: [Character] = []
        while true {
            let digitsStart = index
            while index < line.endIndex, line[index].isASCII, line[index].isNumber { index = line.index(after: index) }
            let digits = line[digitsStart..<index]
            guard (1...3).contains(digits.count) else { return nil }
            parts.append(String(digits))
            guard index < line.endIndex else { break }
            let mark = line[index]
            if mark == "." || mark == "/" {
                let next = line.index(after: index)
                if next < line.endIndex, line[next].isASCII, line[next].isNumber {
                    separators.append(mark)
                    index = next
                    continue
                }
                if mark == "." { index = next }  // "2.2." — the closing dot
                break
            }
            break
        }
        guard parts.count >= 2 else { return nil }
        // A slash is only a reference in the form n/n ("1/2"), never a date (31/07/2023).
        if separators.contains("/") && (parts.count != 2 || parts.contains { $0.count > 2 }) { return nil }
        if index < line.endIndex, !line[index].isWhitespace { return nil }
        let ref = parts.joined(separator: ".")
        let written = separators.contains("/") ? String(line[line.startIndex..<index]).trimmingCharacters(in: .punctuationCharacters) : nil
        return Leading(ref: ref, writtenAs: written, rest: line[index...].trimmingCharacters(in: .whitespaces))
    }

    /// A cell that reads as a reference on its own: `1`, `1.`, `2.3`, `2.3.1.`, `7a`, `CL1`, `A4`.
    /// Used to tell a reference column whose header is empty, and a table that continues a plan
    /// from one that only looks like it (a glossary, a membership list).
    public static func looksLikeReference(_ text: String) -> Bool {
        var trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasSuffix(".") { trimmed.removeLast() }
        guard (1...8).contains(trimmed.count), trimmed.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == ".") }) else { return false }
        let letters = trimmed.prefix { $0.isLetter }
        var rest = trimmed.dropFirst(letters.count)
        guard letters.count <= 3, let first = rest.first, first.isNumber else { return false }
        // `7a`: one letter after the number splits a recommendation.
        if let last = rest.last, last.isLetter { rest = rest.dropLast() }
        let parts = rest.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count <= 4 && parts.allSatisfy { (1...3).contains($0.count) && $0.allSatisfy(\.isNumber) }
    }

    /// A reference an area is written with, alone in its cell: `2`, `2.`, `2.3`, `2.3.`.
    public static func areaReference(_ text: String) -> String? {
        var trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasSuffix(".") { trimmed.removeLast() }
        let parts = trimmed.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts.allSatisfy({ (1...3).contains($0.count) && $0.allSatisfy { $0.isASCII && $0.isNumber } }) else {
            return nil
        }
        return trimmed
    }

    /// A whole number written as an area's reference: `2`, `2.`, `12`.
    public static func areaNumber(_ text: String) -> Int? {
        var trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasSuffix(".") { trimmed.removeLast() }
        guard (1...3).contains(trimmed.count), trimmed.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(trimmed)
    }

    /// The area a reference belongs to: `2.1.3` → `2`.
    public static func areaRef(of ref: String) -> String {
        String(ref.split(separator: ".").first ?? Substring(ref))
    }

    /// A section line: `THEME 1: Leadership`, `2. PLANNING`, `1.1 Ensure that …`.
    public enum Section: Sendable, Hashable {
        case theme(ref: String, title: String)
        case area(ref: String, title: String)
    }

    public static func section(_ text: String) -> Section? {
        let line = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !line.isEmpty, !line.contains("\n") || line.split(separator: "\n").count <= 2 else { return nil }
        let firstLine = line.split(separator: "\n").first.map(String.init) ?? line
        // A date ("14 MARCH 2022", the date of a letter or a meeting) is not a numbered heading.
        if WrittenDates.parse(firstLine) != nil { return nil }
        let upper = firstLine.uppercased()
        // A numbered recommendation or priority action is an area of the plan, with its actions under it.
        for word in ["RECOMMENDATION", "PRIORITY ACTION", "AREA FOR PRIORITY ACTION", "AREA FOR IMPROVEMENT"] where upper.hasPrefix(word + " ") {
            var rest = firstLine.dropFirst(word.count).trimmingCharacters(in: .whitespaces)
            let ref = rest.prefix { $0.isLetter || $0.isNumber }
            guard !ref.isEmpty, ref.count <= 3, ref.first?.isNumber ?? false else { continue }
            rest = rest.dropFirst(ref.count).trimmingCharacters(in: .whitespaces.union(CharacterSet(charactersIn: ":.-–")))
            return .area(ref: String(ref), title: rest.isEmpty ? firstLine : titleCase(rest))
        }
        for word in ["THEME", "PRIORITY", "WORKSTREAM", "WORK STREAM"] where upper.hasPrefix(word + " ") {
            var rest = firstLine.dropFirst(word.count).trimmingCharacters(in: .whitespaces)
            let ref = rest.prefix { $0.isLetter || $0.isNumber }
            guard !ref.isEmpty, ref.count <= 3 else { continue }
            rest = rest.dropFirst(ref.count).trimmingCharacters(in: .whitespaces.union(CharacterSet(charactersIn: ":.-–")))
            return .theme(ref: String(ref), title: rest.isEmpty ? firstLine : titleCase(rest))
        }
        if let leading = ActionReference.leading(firstLine), leading.writtenAs == nil, !leading.rest.isEmpty {
            return .area(ref: leading.ref, title: leading.rest)
        }
        let digits = firstLine.prefix { $0.isASCII && $0.isNumber }
        if (1...2).contains(digits.count) {
            var rest = firstLine.dropFirst(digits.count)
            guard rest.first == "." || rest.first == ")" || rest.first == " " else { return nil }
            rest = rest.drop { $0 == "." || $0 == ")" || $0 == " " }
            guard rest.count >= 3, rest.first?.isLetter ?? false else { return nil }
            return .area(ref: String(digits), title: titleCase(String(rest)))
        }
        return nil
    }

    /// `SUPERVISION & MANAGEMENT OVERSIGHT` → `Supervision & Management Oversight`; text that
    /// is not all capitals is left as written.
    public static func titleCase(_ text: String) -> String {
        let letters = text.filter(\.isLetter)
        guard !letters.isEmpty, letters.allSatisfy(\.isUppercase) else { return text }
        let small: Set<String> = ["and", "of", "the", "for", "in", "to", "a", "an", "on", "with", "at", "by", "or"]
        return text.split(separator: " ").enumerated().map { index, word in
            let lower = word.lowercased()
            if index > 0, small.contains(lower) { return lower }
            return lower.prefix(1).uppercased() + lower.dropFirst()
        }.joined(separator: " ")
    }
}
