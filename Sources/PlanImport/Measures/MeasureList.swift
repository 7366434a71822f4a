import Core
import Foundation

/// A KPI as written in a plan's success-measure column, before it is placed in a plan.
public struct WrittenMeasure: Sendable, Hashable {
    public var number: Int
    public var title: String
    /// Text that is neither the title nor a target (sub-items, "Evidence including: …", "Target: TBC").
    public var definition: String
    public var unit: Measure.Unit
    public var polarity: Measure.Polarity
    public var targets: [WrittenTarget]

    public init(number: Int, title: String, definition: String = "", unit: Measure.Unit = .percentage,
                polarity: Measure.Polarity = .higherIsBetter, targets: [WrittenTarget] = []) {
        self.number = number
        self.title = title
        self.definition = definition
        self.unit = unit
        self.polarity = polarity
        self.targets = targets
    }
}

/// `Interim target by Oct 2019: 70%` — a value, whether it is interim, and the date if written.
public struct WrittenTarget: Sendable, Hashable {
    public var value: Double
    public var dueBy: WrittenDate?
    public var isInterim: Bool
    /// `51% to 30%`: the starting value, when one is written.
    public var from: Double?
    public var text: String

    public init(value: Double, dueBy: WrittenDate?, isInterim: Bool, from: Double? = nil, text: String) {
        self.value = value
        self.dueBy = dueBy
        self.isInterim = isInterim
        self.from = from
        self.text = text
    }
}

/// Reads numbered KPI lists: `42. % of open cases with an up to date supervision recorded
/// within 6 weeks Interim target by Oct 2019: 70% Target by Mar 2020: 95%`.
public enum MeasureList {
    /// A cell split into the text before its first numbered item and the numbered items.
    public struct Split: Sendable, Hashable {
        public var leading: String
        public var items: [(number: Int, text: String)]

        public static func == (a: Split, b: Split) -> Bool {
            a.leading == b.leading && a.items.map(\.number) == b.items.map(\.number) && a.items.map(\.text) == b.items.map(\.text)
        }
        public func hash(into hasher: inout Hasher) { hasher.combine(leading); hasher.combine(items.map(\.number)) }
    }

    /// Splits a cell into numbered items. An item starts at a line beginning `12.` or `12)`;
    /// inside a line only at the next number in sequence (`… Target: 80% 71. Evidence …`), so
    /// `within 72 hrs.` or `by 2020.` never split. `previous` is the last number already read
    /// (items run on across rows and tables).
    public static func split(_ cell: String, after previous: Int?) -> Split {
        var leading: [String] = []
        var items: [(number: Int, text: String)] = []
        var last = previous
        for rawLine in cell.split(separator: "\n") {
            var line = rawLine.trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty else { continue }
            if let (number, rest) = leadingNumber(line), last.map({ number > $0 }) ?? true {
                items.append((number, ""))
                last = number
                line = rest
            }
            // Further items in sequence inside the line.
            while let current = last, let range = line.range(of: " \(current + 1). ") ?? line.range(of: " \(current + 1)) ") {
                append(String(line[..<range.lowerBound]), to: &items, leading: &leading)
                items.append((current + 1, ""))
                last = current + 1
                line = String(line[range.upperBound...])
            }
            append(line, to: &items, leading: &leading)
        }
        return Split(leading: leading.joined(separator: "\n"), items: items)
    }

    private static func append(_ text: String, to items: inout [(number: Int, text: String)], leading: inout [String]) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return }
        if items.isEmpty {
            leading.append(trimmed)
        } else {
            items[items.count - 1].text += (items[items.count - 1].text.isEmpty ? "" : "\n") + trimmed
        }
    }

    /// `12. text` or `12) text` → (12, "text").
    static func leadingNumber(_ line: String) -> (Int, String)? {
        let digits = line.prefix { $0.isASCII && $0.isNumber }
        guard (1...3).contains(digits.count), let number = Int(digits) else { return nil }
        let after = line[digits.endIndex...]
        guard let mark = after.first, mark == "." || mark == ")" else { return nil }
        let rest = after.dropFirst()
        // "2.1 …" is an action reference, not item 2.
        guard rest.first?.isWhitespace ?? false else { return nil }
        return (number, rest.trimmingCharacters(in: .whitespaces))
    }

    /// Reads one numbered item: its title, targets and the rest as its definition.
    public static func measure(number: Int, text: String) -> WrittenMeasure {
        var titleParts: [String] = [], definition: [String] = [], targets: [WrittenTarget] = []
        for (index, rawLine) in text.split(separator: "\n").enumerated() {
            let line = String(rawLine)
            // Lettered sub-items ("a) % of stat visits … Target: 95%") describe the item; their
            // targets are theirs, not the item's.
            if isLetteredItem(line) {
                definition.append(line)
                continue
            }
            let (found, rest) = readTargets(in: line)
            targets += found
            let remaining = rest.trimmingCharacters(in: .whitespaces)
            if index == 0 || (titleParts.isEmpty && definition.isEmpty && !remaining.isEmpty && targets.isEmpty) {
                titleParts.append(remaining)
            } else if !remaining.isEmpty {
                definition.append(remaining)
            }
        }
        var title = titleParts.joined(separator: " ").trimmingCharacters(in: .whitespaces)
        while let last = title.last, last == ":" || last == "," || last == ";" || last == "." && !title.hasSuffix("etc.") { title.removeLast() }
        let all = text.lowercased()
        let unit: Measure.Unit = all.contains("%") || all.contains("percentage") || all.contains("percent") ? .percentage : .count
        return WrittenMeasure(number: number, title: title.trimmingCharacters(in: .whitespaces),
                              definition: definition.joined(separator: "\n"), unit: unit,
                              polarity: polarity(title: title, targets: targets), targets: targets)
    }

    /// Lower is better when the title says so ("Lower number of …", "Reduction of …",
    /// "Reduce …", "fewer", "less than") or an interim target is above the final one;
    /// otherwise higher is better.
    static func polarity(title: String, targets: [WrittenTarget]) -> Measure.Polarity {
        let words = HeaderRecognition.normalise(title)
        let lowerWords = ["lower", "reduction", "reduce", "reduced", "reducing", "decrease", "fewer", "less than", "minimise"]
        if lowerWords.contains(where: { " \(words) ".contains(" \($0) ") }) { return .lowerIsBetter }
        if let final = targets.last(where: { !$0.isInterim }), let interim = targets.first(where: { $0.isInterim }),
           interim.value > final.value {
            return .lowerIsBetter
        }
        if let target = targets.first, let from = target.from, from > target.value { return .lowerIsBetter }
        return .higherIsBetter
    }

    static func isLetteredItem(_ line: String) -> Bool {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard let first = trimmed.first, first.isLetter, first.isLowercase else { return false }
        let second = trimmed.dropFirst().first
        return second == ")" || (second == "." && trimmed.dropFirst(2).first == " ")
    }

    /// Finds `Target: 95%`, `Target 70% by Jan 2020`, `Interim target by Oct 2019: 70%`,
    /// `Interim target: 51% to 30 % by Dec 2019` in a line; returns them and the line without them.
    static func readTargets(in line: String) -> ([WrittenTarget], String) {
        var targets: [WrittenTarget] = []
        var rest = ""
        var cursor = line.startIndex
        var searchFrom = line.startIndex
        while let found = line.range(of: "target", options: .caseInsensitive, range: searchFrom..<line.endIndex) {
            // A whole word only ("targeted support" is not a target).
            let wordEnds = found.upperBound == line.endIndex || !line[found.upperBound].isLetter
            let wordStarts = found.lowerBound == line.startIndex || !line[line.index(before: found.lowerBound)].isLetter
            searchFrom = found.upperBound
            guard wordEnds, wordStarts else { continue }
            var start = found.lowerBound
            var isInterim = false
            let before = line[cursor..<found.lowerBound]
            if let interim = before.range(of: "interim ", options: [.caseInsensitive, .backwards]),
               before[interim.upperBound...].allSatisfy(\.isWhitespace) {
                isInterim = true
                start = interim.lowerBound
            }
            guard let (target, end) = readTarget(line, after: found.upperBound, interim: isInterim, start: start) else { continue }
            rest += line[cursor..<start]
            targets.append(target)
            cursor = end
            searchFrom = end
        }
        rest += line[cursor...]
        return (targets, rest.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " "))
    }

    private static func readTarget(_ line: String, after index: String.Index, interim: Bool, start: String.Index)
        -> (WrittenTarget, String.Index)? {
        var position = index
        var due: WrittenDate?
        func skipSpaces() { while position < line.endIndex, line[position].isWhitespace { position = line.index(after: position) } }
        func readDate() -> Bool {
            skipSpaces()
            let remainder = line[position...]
            guard remainder.lowercased().hasPrefix("by ") else { return false }
            let afterBy = line.index(position, offsetBy: 3)
            let text = String(line[afterBy...])
            guard let match = WrittenDates.find(in: text).first,
                  text[text.startIndex..<match.range.lowerBound].allSatisfy({ $0.isWhitespace || $0 == ":" }) else { return false }
            due = match.date
            position = line.index(afterBy, offsetBy: text.distance(from: text.startIndex, to: match.range.upperBound))
            return true
        }
        func readNumber() -> Double? {
            skipSpaces()
            var end = position
            while end < line.endIndex, line[end].isASCII, line[end].isNumber || line[end] == "." { end = line.index(after: end) }
            var digits = String(line[position..<end])
            while digits.hasSuffix(".") { digits.removeLast(); end = line.index(before: end) }
            guard let value = Double(digits) else { return nil }
            position = end
            skipSpaces()
            if position < line.endIndex, line[position] == "%" { position = line.index(after: position) }
            return value
        }
        _ = readDate()
        skipSpaces()
        while position < line.endIndex, [":", "-", "=", "–"].contains(line[position]) { position = line.index(after: position) }
        guard var value = readNumber() else { return nil }
        var from: Double?
        let save = position
        skipSpaces()
        if line[position...].lowercased().hasPrefix("to ") {
            position = line.index(position, offsetBy: 3)
            if let second = readNumber() {
                from = value
                value = second
            } else {
                position = save
            }
        }
        if due == nil { _ = readDate() }
        let text = String(line[start..<position]).trimmingCharacters(in: .whitespaces)
        // A full stop ending the target ("Target: 95% by March 2020.") goes with it.
        if position < line.endIndex, line[position] == "." { position = line.index(after: position) }
        return (WrittenTarget(value: value, dueBy: due, isInterim: interim, from: from, text: text), position)
    }
}
