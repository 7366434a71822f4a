import Foundation

/// A person's job title ("Head of Service, Safeguarding"): optional, and shown beside their name
/// wherever they are recorded as the one who said something, so readers know in what capacity.
public enum JobTitle {
    public static let maximumLength = 120

    /// The title as stored: trimmed, blank meaning none; longer than `maximumLength` is refused.
    public static func validated(_ text: String?) -> Result<String?, ValidationError> {
        let trimmed = (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return .success(nil) }
        guard trimmed.count <= maximumLength else {
            return .failure(ValidationError(field: "jobTitle", message: "Job title must be \(maximumLength) characters or fewer"))
        }
        return .success(trimmed)
    }

    /// "Sam Patel, Head of Service", or just "Sam Patel" for someone without a title: how the
    /// author of an update, evidence, a judgement or minutes is recorded and shown.
    public static func signature(name: String, jobTitle: String?) -> String {
        guard let title = jobTitle?.trimmingCharacters(in: .whitespacesAndNewlines), !title.isEmpty else { return name }
        return "\(name), \(title)"
    }
}

extension Person {
    public var signature: String { JobTitle.signature(name: name, jobTitle: jobTitle) }
}

extension Identity {
    public var signature: String { JobTitle.signature(name: name, jobTitle: jobTitle) }
}
