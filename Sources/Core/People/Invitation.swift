import Foundation

/// An administrator's invitation for an email address to join their organisation with a role.
///
/// Adding someone on `/people` always makes one, whether or not the email already has an
/// account somewhere, so the administrator learns nothing about other organisations' people.
/// Someone who already has an account accepts it on their account page; someone new sets a
/// password with its link. Only the link's SHA-256 is stored.
public struct Invitation: Sendable, Hashable, Identifiable {
    public var id: Int64
    public var organisationID: Int64
    /// Filled in when read back, for the pages.
    public var organisationName: String
    /// Stored in lower case, like a person's.
    public var email: String
    /// The name the administrator gave, used for an account made from the invitation.
    public var name: String
    public var role: Role
    public var hash: String
    public var createdAt: Date
    public var expiresAt: Date
    public var acceptedAt: Date?

    public init(id: Int64 = 0, organisationID: Int64, organisationName: String = "", email: String, name: String, role: Role,
                hash: String, createdAt: Date, expiresAt: Date, acceptedAt: Date? = nil) {
        self.id = id
        self.organisationID = organisationID
        self.organisationName = organisationName
        self.email = Person.normalisedEmail(email)
        self.name = name
        self.role = role
        self.hash = hash
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.acceptedAt = acceptedAt
    }

    /// Not yet accepted and not expired.
    public func isOpen(at now: Date) -> Bool {
        acceptedAt == nil && now < expiresAt
    }
}
