import Foundation

/// A person's secret calendar feed address in one organisation. Calendar apps subscribe without
/// cookies, so the address itself is the credential: only its SHA-256 is stored, like an API
/// token's, and a new link replaces the old one.
public struct CalendarFeedLink: Sendable, Codable, Hashable {
    public var personID: Int64
    public var organisationID: Int64
    /// Hex SHA-256 of the token in the feed's address.
    public var hash: String
    public var createdAt: Date

    public init(personID: Int64, organisationID: Int64, hash: String, createdAt: Date) {
        self.personID = personID
        self.organisationID = organisationID
        self.hash = hash
        self.createdAt = createdAt
    }
}

extension Identity {
    /// Whether `text` (an action point's owner, an action's lead) names this person: their name
    /// or their email address, case and surrounding spaces ignored. Owners and leads are typed as
    /// free text, so this is the same loose match `mayUpdate` uses for leads.
    public func isNamed(by text: String) -> Bool {
        let named = text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        guard !named.isEmpty else { return false }
        return named == name.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
            || named == email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }
}
