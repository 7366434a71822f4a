import Core
import Foundation

/// A date as people write it in a plan — `April 2023 (COMPLETE)`, `Nov 2019 & ongoing`,
/// `Q3 23-24`, `31.07.23`, `Began September 2016` — and the day it stands for.
///
/// A date written to the month (`Nov 2019`) stands for the **last day** of that month, and a
/// quarter for the last day of the quarter: "due November 2019" is met by anything done in
/// November. Quarters are financial (Q1 = April–June), as councils report them.
public struct WrittenDate: Sendable, Hashable, CustomStringConvertible {
    public enum Precision: String, Sendable, Hashable {
        case day, month, quarter
    }

    /// The words as written, with any `(COMPLETE)` or `& ongoing` that went with them.
    public var text: String
    /// The day the date stands for: the day itself, or the last day of its month or quarter.
    public var day: Day
    /// The first day, for a range (`September - November 2023`) or a start (`Began
    /// September 2016`: then `start` and `day` are both that month's days).
    public var start: Day?
    public var precision: Precision
    /// Marked done where it was written: `(COMPLETE)`, `(Completed)`, `- complete`.
    public var isComplete: Bool
    /// `& ongoing`, `onwards`: the work carries on after the date.
    public var isOngoing: Bool
    /// `Began …`, `Started …`, `From …`: the date is when the work started, not when it is due.
    public var isStart: Bool

    public init(text: String, day: Day, start: Day? = nil, precision: Precision,
                isComplete: Bool = false, isOngoing: Bool = false, isStart: Bool = false) {
        self.text = text
        self.day = day
        self.start = start
        self.precision = precision
        self.isComplete = isComplete
        self.isOngoing = isOngoing
        self.isStart = isStart
    }

    public var description: String {
        var words = day.iso
        if isStart { words = "from " + (start ?? day).iso }
        if isOngoing { words += " and ongoing" }
        if isComplete { words += " (complete)" }
        return words
    }
}

/// Finds and reads dates in text. Pure; every rule is tested in `WrittenDateTests`.
public enum WrittenDates {
    /// A date found inside a longer text, with where it sits.
    public struct Match: Sendable, Hashable {
        public var date: WrittenDate
        /// The date's words with their modifiers, within the searched string.
        public var range: Range<String.Index>
    }

    /// Reads text that is a date and nothing else (besides `(COMPLETE)`, `& ongoing`,
    /// `Began`, `End of`, and trailing punctuation); nil when anything else is there.
    public static func parse(_ text: String) -> WrittenDate? {
        let matches = find(in: text)
        guard matches.count == 1, let match = matches.first else { return nil }
        let rest = text[text.startIndex..<match.range.lowerBound] + text[match.range.upperBound...]
        guard rest.allSatisfy({ $0.isWhitespace || $0.isPunctuation }) else { return nil }
        return match.date
    }

    /// Every date in the text, in order.
    public static func find(in text: String) -> [Match] {
        let tokens = Token.split(text)
        var matches: [Match] = []
        var index = 0
        while index < tokens.count {
            if let (date, end) = read(tokens, from: index, in: text) {
                var (first, last) = (index, end)
                var written = date
                // Words before: "Began September 2016", "End of March 2024", "by 31/07/2023".
                if first >= 1, tokens[first - 1].isWord {
                    let word = tokens[first - 1].lower
                    if ["began", "begun", "started", "start", "from", "commenced", "commencing", "starting"].contains(word) {
                        written.isStart = true
                        written.start = startDay(of: written)
                        first -= 1
                    }
                }
                if first >= 2, tokens[first - 1].lower == "of", tokens[first - 2].lower == "end" {
                    first -= 2
                }
                // Words after: "(COMPLETE)", "- complete", "& ongoing", "onwards".
                last = readModifiers(tokens, after: last, into: &written)
                let range = tokens[first].range.lowerBound..<tokens[last].range.upperBound
                written.text = String(text[range])
                matches.append(Match(date: written, range: range))
                index = last + 1
            } else {
                index += 1
            }
        }
        return matches
    }

    /// The first day the date covers: the range start, or the first of its month or quarter.
    static func startDay(of date: WrittenDate) -> Day {
        if let start = date.start { return start }
        switch date.precision {
        case .day: return date.day
        case .month: return date.day.firstOfMonth
        case .quarter: return date.day.firstOfMonth.adding(months: -2)
        }
    }

    // MARK: Month names

    static let months: [String: Int] = {
        var names: [String: Int] = [:]
        for (index, name) in Day.monthNames.enumerated() {
            names[name.lowercased()] = index + 1
            names[String(name.lowercased().prefix(3))] = index + 1
        }
        names["sept"] = 9
        return names
    }()

    static func month(_ token: Token) -> Int? {
        token.isWord ? months[token.lower] : nil
    }

    // MARK: Patterns

    /// Tries each pattern at `index`; returns the date and the index of its last token.
    private static func read(_ tokens: [Token], from index: Int, in text: String) -> (WrittenDate, Int)? {
        let token = tokens[index]
        func at(_ offset: Int) -> Token? { index + offset < tokens.count ? tokens[index + offset] : nil }

        // 31/07/2023, 31.07.23, 31-07-2023 (day first, as in England).
        if let day = token.number, token.digits <= 2,
           let separator = at(1), ["/", ".", "-"].contains(separator.text), !separator.spaceBefore,
           let monthToken = at(2), let month = monthToken.number, monthToken.digits <= 2, !monthToken.spaceBefore,
           let separator2 = at(3), separator2.text == separator.text, !separator2.spaceBefore,
           let yearToken = at(4), let year = yearToken.number, yearToken.digits == 2 || yearToken.digits == 4, !yearToken.spaceBefore,
           !(at(5).map { !$0.spaceBefore && $0.isNumber } ?? false),
           let value = Day(year: yearToken.digits == 2 ? 2000 + year : year, month: month, day: day) {
            return (WrittenDate(text: "", day: value, precision: .day), index + 4)
        }
        // 2023-07-31
        if token.digits == 4, let year = token.number,
           at(1)?.text == "-", let m = at(2)?.number, at(3)?.text == "-", let d = at(4)?.number,
           at(2)?.digits == 2, at(4)?.digits == 2, let value = Day(year: year, month: m, day: d) {
            return (WrittenDate(text: "", day: value, precision: .day), index + 4)
        }
        // 21st August 2023, 2 October 2023, 29th of August 2023.
        if let day = token.number, token.digits <= 2 {
            var next = 1
            if let suffix = at(next), ["st", "nd", "rd", "th"].contains(suffix.lower), !suffix.spaceBefore { next += 1 }
            if at(next)?.lower == "of" { next += 1 }
            if let monthToken = at(next), let month = month(monthToken) {
                var yearIndex = next + 1
                if at(yearIndex)?.text == "," || at(yearIndex)?.text == "." { yearIndex += 1 }
                if let yearToken = at(yearIndex), yearToken.digits == 4, let year = yearToken.number,
                   let value = Day(year: year, month: month, day: day) {
                    return (WrittenDate(text: "", day: value, precision: .day), index + yearIndex)
                }
            }
        }
        // Q3 23-24, Q3 2023-24, Q1 2023/24, Quarter 3 2023-24 (financial quarters).
        if let quarter = quarterNumber(tokens, at: index) {
            let yearAt = index + quarter.length
            if yearAt + 2 < tokens.count, let first = tokens[yearAt].number, ["-", "/"].contains(tokens[yearAt + 1].text),
               let second = tokens[yearAt + 2].number, tokens[yearAt + 2].digits == 2 || tokens[yearAt + 2].digits == 4 {
                let startYear = tokens[yearAt].digits == 2 ? 2000 + first : first
                let endYear = tokens[yearAt + 2].digits == 2 ? (startYear / 100) * 100 + second : second
                if endYear == startYear + 1, (1...4).contains(quarter.number) {
                    let period = Period.quarter(startYear: startYear, quarter: quarter.number)
                    return (WrittenDate(text: "", day: period.end, start: nil, precision: .quarter), yearAt + 2)
                }
            }
        }
        // A financial year written as the plan's timescale: "2024/25", "2024-25", "2024/2025" runs
        // April to March, so it is due by 31 March of its second year.
        if let first = token.number, token.digits == 4, (1990...2100).contains(first),
           let separator = at(1), separator.text == "/" || separator.text == "-", !separator.spaceBefore,
           let second = at(2), !second.spaceBefore, let secondYear = second.number,
           (second.digits == 2 && secondYear == (first + 1) % 100) || (second.digits == 4 && secondYear == first + 1),
           !(at(3).map { ["/", "-", "."].contains($0.text) && !$0.spaceBefore } ?? false) {
            return (WrittenDate(text: "", day: Day(first + 1, 3, 31), start: Day(first, 4, 1), precision: .month), index + 2)
        }
        // Months: "Nov 2019", "March2017", "Sept. 2019", "Mar '20", "Nov-19", "Sept 24", "September - November 2023".
        if let firstMonth = month(token) {
            var next = 1
            if at(next)?.text == ".", at(next)?.spaceBefore == false { next += 1 }
            // A range of months sharing one year.
            if let dash = at(next), ["-", "–", "—", "to", "/"].contains(dash.lower),
               let secondMonthToken = at(next + 1), let secondMonth = month(secondMonthToken),
               let yearToken = at(next + 2), yearToken.digits == 4, let year = yearToken.number {
                let end = Day(year, secondMonth, 1).lastOfMonth
                let startYear = firstMonth > secondMonth ? year - 1 : year
                return (WrittenDate(text: "", day: end, start: Day(startYear, firstMonth, 1), precision: .month), index + next + 2)
            }
            if at(next)?.text == "," { next += 1 }
            if let yearToken = at(next), yearToken.digits == 4, let year = yearToken.number, (1900...2999).contains(year) {
                return (WrittenDate(text: "", day: Day(year, firstMonth, 1).lastOfMonth, precision: .month), index + next)
            }
            // '20 or -19: a two-digit year written straight after the month.
            if let mark = at(next), mark.text == "'" || mark.text == "’" || (mark.text == "-" && !mark.spaceBefore),
               let yearToken = at(next + 1), yearToken.digits == 2, !yearToken.spaceBefore, let year = yearToken.number,
               !(at(next + 2).map { ($0.text == "-" || $0.text == "/") && !$0.spaceBefore } ?? false) {
                return (WrittenDate(text: "", day: Day(2000 + year, firstMonth, 1).lastOfMonth, precision: .month), index + next + 1)
            }
            // "Sept 24", "Dec 23": plans write a month and a two-digit year (a day comes before
            // its month in England: "24 September"). Not "March 24, 2024", nor "June 30/31".
            if next == 1, let yearToken = at(1), yearToken.spaceBefore, yearToken.digits == 2, let year = yearToken.number,
               (15...40).contains(year), !(at(2).map { !$0.spaceBefore && ($0.isNumber || ["/", "-", ".", ",", ":"].contains($0.text)) } ?? false),
               !(at(2)?.text == "," && at(3)?.digits == 4) {
                return (WrittenDate(text: "", day: Day(2000 + year, firstMonth, 1).lastOfMonth, precision: .month), index + 1)
            }
        }
        return nil
    }

    private static func quarterNumber(_ tokens: [Token], at index: Int) -> (number: Int, length: Int)? {
        let token = tokens[index]
        if token.lower == "q", index + 1 < tokens.count, !tokens[index + 1].spaceBefore,
           let number = tokens[index + 1].number, tokens[index + 1].digits == 1 {
            return (number, 2)
        }
        if token.lower == "quarter", index + 1 < tokens.count, let number = tokens[index + 1].number, tokens[index + 1].digits == 1 {
            var length = 2
            if index + 2 < tokens.count, tokens[index + 2].lower == "of" { length += 1 }
            return (number, length)
        }
        return nil
    }

    /// Reads `(COMPLETE)`, `- complete`, `& ongoing`, `and ongoing`, `onwards` after a date.
    private static func readModifiers(_ tokens: [Token], after last: Int, into date: inout WrittenDate) -> Int {
        var last = last
        var changed = true
        while changed {
            changed = false
            var index = last + 1
            if index < tokens.count, tokens[index].text == "." { index += 1 }  // "April 2023. (COMPLETE)"
            guard index < tokens.count else { break }
            let completeWords: Set<String> = ["complete", "completed", "done", "achieved"]
            if tokens[index].text == "(", index + 2 < tokens.count, completeWords.contains(tokens[index + 1].lower),
               tokens[index + 2].text == ")" {
                date.isComplete = true
                last = index + 2
                changed = true
            } else if ["-", "–"].contains(tokens[index].text), index + 1 < tokens.count, completeWords.contains(tokens[index + 1].lower) {
                date.isComplete = true
                last = index + 1
                changed = true
            } else if ["&", "and", "+"].contains(tokens[index].lower), index + 1 < tokens.count, tokens[index + 1].lower == "ongoing" {
                date.isOngoing = true
                last = index + 1
                changed = true
            } else if ["onwards", "ongoing"].contains(tokens[index].lower) {
                date.isOngoing = true
                last = index
                changed = true
            }
        }
        return last
    }
}

/// A word, a run of digits or one punctuation mark, with where it is in the text.
struct Token {
    var text: Substring
    var range: Range<String.Index>
    var spaceBefore: Bool

    var lower: String { text.lowercased() }
    var isWord: Bool { text.first?.isLetter ?? false }
    var isNumber: Bool { text.first?.isASCII == true && text.first?.isNumber == true }
    var number: Int? { isNumber && text.count <= 4 ? Int(text) : nil }
    var digits: Int { isNumber ? text.count : 0 }

    static func split(_ text: String) -> [Token] {
        var tokens: [Token] = []
        var index = text.startIndex
        var spaceBefore = true
        while index < text.endIndex {
            let character = text[index]
            if character.isWhitespace {
                spaceBefore = true
                index = text.index(after: index)
                continue
            }
            var end = text.index(after: index)
            if character.isLetter {
                while end < text.endIndex, text[end].isLetter { end = text.index(after: end) }
            } else if character.isASCII, character.isNumber {
                while end < text.endIndex, text[end].isASCII, text[end].isNumber { end = text.index(after: end) }
            }
            tokens.append(Token(text: text[index..<end], range: index..<end, spaceBefore: spaceBefore))
            spaceBefore = false
            index = end
        }
        return tokens
    }
}
