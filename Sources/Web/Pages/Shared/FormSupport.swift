import Core
import Foundation
import Hummingbird

/// An error in the error summary at the top of a page, linking to the field it is about.
struct ErrorLink: Sendable, Equatable {
    /// `#update-text`.
    var href: String
    var message: String
}

/// A link in the breadcrumbs above a page's heading.
struct Crumb: Sendable {
    var href: String
    var label: String
}

/// An option of a select, or a radio or checkbox.
struct Choice: Sendable {
    var value: String
    var label: String
    var selected: Bool
    /// The input's id (radios and checkboxes); the first one is what the error summary links to.
    var id: String = ""
    var hint: String? = nil
}

/// Reading forms and query strings the way a browser sends them (`+` for spaces).
enum FormReading {
    /// Decodes an `application/x-www-form-urlencoded` body into `T` (fields as optional strings,
    /// so a page can show back exactly what was typed).
    static func decode<T: Decodable>(_ type: T.Type, from request: Request, context: AppContext) async throws -> T {
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        return try decode(type, from: String(buffer: buffer))
    }

    static func decode<T: Decodable>(_ type: T.Type, from encoded: String) throws -> T {
        do {
            return try URLEncodedFormDecoder().decode(type, from: encoded)
        } catch {
            throw HTTPError(.badRequest, message: "The form could not be read. Go back, reload the page and try again.")
        }
    }

    /// A path parameter that must be a positive whole number; anything else is "not found".
    static func id(_ name: String = "id", in context: AppContext) throws -> Int64 {
        guard let text = context.parameters.get(name), let id = Int64(text), id > 0 else {
            throw HTTPError(.notFound)
        }
        return id
    }

    /// `value` with everything but unreserved characters percent-encoded, for a query string.
    static func encode(_ value: String) -> String {
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(127)))
        allowed.insert(charactersIn: "-._~")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    /// `a=1&b=two%20words` from pairs, leaving out empty values.
    static func query(_ pairs: [(String, String)]) -> String {
        pairs.filter { !$0.1.isEmpty }.map { "\(encode($0.0))=\(encode($0.1))" }.joined(separator: "&")
    }

    /// Text with surrounding white space removed; nil where nothing is left.
    static func trimmed(_ text: String?) -> String? {
        guard let text else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }

    /// Splits text into paragraphs at blank lines (and single line breaks), for `<p>` elements.
    static func paragraphs(_ text: String) -> [String] {
        text.components(separatedBy: .newlines)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }
}

/// A whole number from 0 to 100 typed into a "% complete" field.
enum PercentField {
    enum Outcome: Equatable {
        case empty
        case value(Int)
        case invalid(String)
    }

    static func read(_ text: String?) -> Outcome {
        guard var text = FormReading.trimmed(text) else { return .empty }
        if text.hasSuffix("%") { text = String(text.dropLast()).trimmingCharacters(in: .whitespaces) }
        guard let number = Int(text) else {
            return .invalid("% complete must be a whole number, like 40")
        }
        guard (0...100).contains(number) else {
            return .invalid("% complete must be a whole number from 0 to 100")
        }
        return .value(number)
    }
}

/// A date typed as day, month and year (the GOV.UK date input).
struct DateField: Sendable {
    var day: String
    var month: String
    var year: String

    /// Which of the three inputs are wrong, to mark them in red.
    struct Problem: Sendable, Equatable {
        var message: String
        var day: Bool
        var month: Bool
        var year: Bool
        /// The input the error summary links to: the first one in error.
        var firstPart: String { day ? "day" : (month ? "month" : "year") }
    }

    init(day: String?, month: String?, year: String?) {
        self.day = day ?? ""
        self.month = month ?? ""
        self.year = year ?? ""
    }

    init(_ value: Day) {
        day = String(value.day)
        month = String(value.month)
        year = String(value.year)
    }

    /// The day typed, or what is wrong with it. `name` is how the messages name the date
    /// ("Date of the update"); a date after `latest` is refused.
    func read(name: String, latest: Day?) -> Result<Day, ProblemError> {
        let d = day.trimmingCharacters(in: .whitespaces)
        let m = month.trimmingCharacters(in: .whitespaces)
        let y = year.trimmingCharacters(in: .whitespaces)
        if d.isEmpty && m.isEmpty && y.isEmpty {
            return .failure(.init(Problem(message: "Enter the \(name.lowercased())", day: true, month: true, year: true)))
        }
        let missing = [("a day", d.isEmpty), ("a month", m.isEmpty), ("a year", y.isEmpty)].filter(\.1).map(\.0)
        if !missing.isEmpty {
            let list = missing.count == 2 ? "\(missing[0]) and \(missing[1])" : missing[0]
            return .failure(.init(Problem(message: "\(name) must include \(list)", day: d.isEmpty, month: m.isEmpty, year: y.isEmpty)))
        }
        guard let dn = Int(d), let mn = Int(m), let yn = Int(y) else {
            return .failure(.init(Problem(message: "\(name) must be a real date", day: Int(d) == nil, month: Int(m) == nil, year: Int(y) == nil)))
        }
        guard y.count == 4 else {
            return .failure(.init(Problem(message: "Year must include 4 numbers", day: false, month: false, year: true)))
        }
        guard let value = Day(year: yn, month: mn, day: dn) else {
            let badMonth = !(1...12).contains(mn)
            return .failure(.init(Problem(message: "\(name) must be a real date", day: !badMonth, month: badMonth, year: false)))
        }
        if let latest, value > latest {
            return .failure(.init(Problem(message: "\(name) must be today or in the past", day: true, month: true, year: true)))
        }
        return .success(value)
    }

    struct ProblemError: Error {
        var problem: Problem
        init(_ problem: Problem) { self.problem = problem }
    }
}
