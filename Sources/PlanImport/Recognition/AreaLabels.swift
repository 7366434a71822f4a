import Core
import Foundation

/// The labelled parts of an area written as prose before its table: `Improvement Lead:`,
/// `Core focus of improvement work:`, `Issues identified from ILACS:`, `Objectives:`,
/// `Why this is important:`, `What good looks like:`, `Improvement Outcomes`.
enum AreaLabel: Sendable, Hashable {
    case improvementLead, coreFocus, issues, objectives, whyItMatters, whatGoodLooksLike

    /// The label a paragraph starts with, and any text after it on the same line.
    static func read(_ text: String) -> (AreaLabel, String)? {
        let line = text.trimmingCharacters(in: .whitespaces)
        let head: Substring
        let rest: String
        if let colon = line.firstIndex(of: ":"), line.distance(from: line.startIndex, to: colon) <= 60 {
            head = line[..<colon]
            rest = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        } else if line.count <= 40 {
            head = Substring(line)
            rest = ""
        } else {
            return nil
        }
        let normal = HeaderRecognition.normalise(String(head))
        let hasColon = line.contains(":")
        switch normal {
        case "improvement lead", "improvement leads", "lead", "leads", "lead officer", "senior lead", "responsible lead":
            return (.improvementLead, rest)
        case _ where normal.hasPrefix("core focus"), "focus", "area of focus":
            return (.coreFocus, rest)
        case _ where normal.hasPrefix("issues identified") || normal.hasPrefix("key issues") || normal == "issues"
            || normal.hasPrefix("what the inspection found") || normal.hasPrefix("inspection findings"):
            return (.issues, rest)
        case "objectives", "objective", "our objectives", "aims":
            return (.objectives, rest)
        case _ where normal.hasPrefix("why this is important") || normal.hasPrefix("why this matters") || normal == "why is this important":
            return (.whyItMatters, rest)
        case _ where normal.hasPrefix("what good looks like") || normal == "improvement outcomes" || normal == "improvement outcome"
            || normal == "intended outcomes" || normal == "outcomes":
            // "Improvement Outcomes" is written without a colon.
            return hasColon || !rest.isEmpty || line.count <= 40 ? (.whatGoodLooksLike, rest) : nil
        default:
            return nil
        }
    }

    /// Adds a paragraph's text to the area under this label.
    func apply(_ text: String, to area: inout Area) {
        let value = text.trimmingCharacters(in: .whitespaces)
        guard !value.isEmpty else { return }
        switch self {
        case .improvementLead:
            area.improvementLead = area.improvementLead.isEmpty ? value : area.improvementLead + "; " + value
        case .coreFocus:
            area.coreFocus = join(area.coreFocus, value)
        case .issues:
            if let bullet = AreaLabel.bulletText(value) {
                area.issues.append(AreaLabel.issue(from: bullet))
            } else if !area.issues.isEmpty {
                let last = area.issues.count - 1
                let more = AreaLabel.issue(from: value)
                area.issues[last].quote = join(area.issues[last].quote, more.heading.isEmpty ? more.quote : value)
                area.issues[last].paragraphs += more.paragraphs
            } else {
                area.issues.append(AreaLabel.issue(from: value))
            }
        case .objectives:
            if let bullet = AreaLabel.bulletText(value) {
                area.objectives.append(bullet)
            } else if let last = area.objectives.indices.last {
                area.objectives[last] = join(area.objectives[last], value)
            } else {
                area.objectives.append(value)
            }
        case .whyItMatters:
            area.whyItMatters = area.whyItMatters.isEmpty ? value : area.whyItMatters + "\n" + value
        case .whatGoodLooksLike:
            area.whatGoodLooksLike = area.whatGoodLooksLike.isEmpty ? value : area.whatGoodLooksLike + "\n" + value
        }
    }

    /// The text of a bulleted line (`- `, `• `, `* `), or nil.
    static func bulletText(_ line: String) -> String? {
        for bullet in ["- ", "• ", "* ", "\u{2022}", "– "] where line.hasPrefix(bullet) {
            return line.dropFirst(bullet.count).trimmingCharacters(in: .whitespaces)
        }
        return nil
    }

    /// `**The pace of decision making:** *When information … is often slow. (Paragraph 1)*` →
    /// heading, quote and paragraph references. A stray page number before the heading
    /// (`79 **Leadership:**`) is dropped.
    static func issue(from text: String) -> Area.Issue {
        var body = text.trimmingCharacters(in: .whitespaces)
        if let stars = body.range(of: "**"), body[..<stars.lowerBound].allSatisfy({ $0.isNumber || $0.isWhitespace }) {
            body = String(body[stars.lowerBound...])
        }
        var heading = ""
        if body.hasPrefix("**"), let close = body.range(of: "**", range: body.index(body.startIndex, offsetBy: 2)..<body.endIndex) {
            heading = String(body[body.index(body.startIndex, offsetBy: 2)..<close.lowerBound])
            body = String(body[close.upperBound...])
        } else if let colon = body.firstIndex(of: ":"), body.distance(from: body.startIndex, to: colon) <= 60 {
            heading = String(body[..<colon])
            body = String(body[body.index(after: colon)...])
        }
        heading = heading.trimmingCharacters(in: .whitespaces.union(CharacterSet(charactersIn: ":")))
        // Emphasis marks from the extraction are not part of the words.
        body = body.replacingOccurrences(of: "**", with: "").replacingOccurrences(of: "*", with: "")
        let (quote, paragraphs) = paragraphReferences(in: body)
        return Area.Issue(heading: heading, quote: quote, paragraphs: paragraphs)
    }

    /// Takes `(Paragraph 14)`, `(Paragraphs 8, 9)`, `(Introduction)`, `(Pg 5 Para 13,14)` out of
    /// a quote: the last one (ending the quote) is removed, the others are left in the text;
    /// all are returned in order.
    static func paragraphReferences(in text: String) -> (String, [String]) {
        var references: [(String, Range<String.Index>)] = []
        var search = text.startIndex..<text.endIndex
        while let open = text.range(of: "(", range: search), let close = text.range(of: ")", range: open.upperBound..<text.endIndex) {
            let inside = text[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            let lower = inside.lowercased()
            if lower.hasPrefix("paragraph") || lower.hasPrefix("para ") || lower.hasPrefix("pg ") || lower.hasPrefix("page ")
                || lower == "introduction" || lower.hasPrefix("para.") {
                references.append((inside, open.lowerBound..<close.upperBound))
            }
            search = close.upperBound..<text.endIndex
        }
        var quote = text
        if let last = references.last,
           text[last.1.upperBound...].allSatisfy({ $0.isWhitespace || $0.isPunctuation }) {
            let tail = text[last.1.upperBound...].trimmingCharacters(in: .whitespaces)
            quote = String(text[..<last.1.lowerBound]).trimmingCharacters(in: .whitespaces)
            if tail.hasPrefix("."), !quote.hasSuffix(".") { quote += "." }
        }
        return (quote.trimmingCharacters(in: .whitespaces), references.map(\.0))
    }

    /// `Pg 3 Para 2 Pg 4 Para 8 Pg 9 para 34` → three references, one per page.
    static func inspectionReferences(_ text: String) -> [String] {
        var result: [String] = []
        for line in lines(text) {
            let tokens = line.split(separator: " ")
            var current: [Substring] = []
            for token in tokens {
                let lower = token.lowercased()
                if (lower == "pg" || lower == "page" || lower == "p." || lower == "pg.") && !current.isEmpty {
                    result.append(current.joined(separator: " "))
                    current = []
                }
                current.append(token)
            }
            if !current.isEmpty { result.append(current.joined(separator: " ")) }
        }
        return result
    }
}

extension Area {
    /// Nothing has been written under the area's heading yet: no lead, focus, issues,
    /// objectives, why or what good looks like.
    var isUndescribed: Bool {
        improvementLead.isEmpty && coreFocus.isEmpty && issues.isEmpty && objectives.isEmpty
            && whyItMatters.isEmpty && whatGoodLooksLike.isEmpty
    }
}
