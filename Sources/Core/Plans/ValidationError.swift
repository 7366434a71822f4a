/// Input a user must correct: names the field and says what to do, in GOV.UK error message style.
public struct ValidationError: Error, Sendable, Hashable, CustomStringConvertible {
    public var field: String
    public var message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { "\(field): \(message)" }
}

/// Several validation errors at once, so a form can show them all in its error summary.
public struct ValidationErrors: Error, Sendable, Hashable, CustomStringConvertible {
    public var errors: [ValidationError]
    public init(_ errors: [ValidationError]) { self.errors = errors }
    public var description: String { errors.map(\.description).joined(separator: "; ") }
}

extension ValidationError {
    /// What has happened (a progress update, an action point update, evidence, a value's as-at
    /// date) cannot be dated after today: one rule for the API and the forms' Core checks.
    /// `what` names the date in the message: "The update's date".
    public static func afterToday(_ day: Day?, today: Day, field: String, what: String) -> ValidationError? {
        guard let day, day > today else { return nil }
        return ValidationError(field: field, message: "\(what) must be today or in the past")
    }
}
