import Foundation

/// A page the council publishes to everyone who uses the service, in its own words: the
/// accessibility statement (Public Sector Bodies Accessibility Regulations 2018) and the privacy
/// notice (UK GDPR articles 13 and 14). Each organisation keeps one of each.
public struct Notice: Sendable, Codable, Hashable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case accessibilityStatement = "accessibility statement"
        case privacyNotice = "privacy notice"

        /// "Accessibility statement".
        public var word: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
    }

    public var kind: Kind
    public var organisationID: Int64
    /// Plain text: paragraphs separated by blank lines, list items on lines starting "- ",
    /// headings on lines starting "## ".
    public var text: String
    public var updatedAt: Date
    /// The name of the person who saved it.
    public var updatedBy: String
    public var version: Int

    public init(kind: Kind, organisationID: Int64, text: String, updatedAt: Date, updatedBy: String, version: Int = 1) {
        self.kind = kind
        self.organisationID = organisationID
        self.text = text
        self.updatedAt = updatedAt
        self.updatedBy = updatedBy
        self.version = version
    }

    /// The longest text kept: a statement is a few pages, not a book.
    public static let maximumLength = 50_000
}
