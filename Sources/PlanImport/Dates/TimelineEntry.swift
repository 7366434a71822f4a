import Foundation

/// One entry of a timeline or due cell: `Present proposal for reform to DLT: July 2023
/// (COMPLETE)` gives the title `Present proposal for reform to DLT` and the date; a bare
/// `Nov 2019` gives a date with no title; a line with no date a title with no date.
public struct TimelineEntry: Sendable, Hashable {
    public var title: String
    public var date: WrittenDate?
    /// The words as written, for messages.
    public var text: String

    public init(title: String, date: WrittenDate?, text: String) {
        self.title = title
        self.date = date
        self.text = text
    }

    public var isComplete: Bool { date?.isComplete ?? false }

    /// Reads a timeline cell: each line, and within a line each date, ends an entry (PDF
    /// extraction often runs several milestones onto one line). A line wholly in brackets is a
    /// note on the entry before it.
    public static func entries(in cell: String) -> [TimelineEntry] {
        var entries: [TimelineEntry] = []
        for rawLine in cell.split(separator: "\n") {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty else { continue }
            if line.hasPrefix("("), line.hasSuffix(")"), !entries.isEmpty, WrittenDates.parse(line) == nil {
                entries[entries.count - 1].title += " " + line
                entries[entries.count - 1].text += "\n" + line
                continue
            }
            let matches = WrittenDates.find(in: line)
            guard !matches.isEmpty else {
                entries.append(TimelineEntry(title: tidyTitle(line), date: nil, text: line))
                continue
            }
            var cursor = line.startIndex
            for match in matches {
                let before = String(line[cursor..<match.range.lowerBound])
                entries.append(TimelineEntry(title: tidyTitle(before), date: match.date,
                                             text: String(line[cursor..<match.range.upperBound]).trimmingCharacters(in: .whitespaces)))
                cursor = match.range.upperBound
            }
            let rest = line[cursor...].trimmingCharacters(in: .whitespaces.union(.punctuationCharacters))
            if !rest.isEmpty {
                // Words after the last date ("… March 2024 subject to funding") stay with it.
                entries[entries.count - 1].title = [entries[entries.count - 1].title, rest].filter { !$0.isEmpty }.joined(separator: " ")
                entries[entries.count - 1].text += " " + rest
            }
        }
        return entries
    }

    /// "Roll out of revised timescales:" → "Roll out of revised timescales"; "Audit planned
    /// for" → "Audit planned".
    static func tidyTitle(_ text: String) -> String {
        var title = text.trimmingCharacters(in: .whitespaces)
        let trailingWords: Set<String> = ["for", "by", "in", "from", "on", "due", "at", "date", "until", "before"]
        var changed = true
        while changed {
            changed = false
            while let last = title.last, last == ":" || last == "-" || last == "–" || last == "," || last == "." || last == ";" || last.isWhitespace {
                title.removeLast()
                changed = true
            }
            if let space = title.lastIndex(of: " "), trailingWords.contains(title[title.index(after: space)...].lowercased()) {
                title = String(title[..<space])
                changed = true
            }
        }
        while let first = title.first, first == "-" || first == "•" || first == ":" || first.isWhitespace { title.removeFirst() }
        return title
    }
}
