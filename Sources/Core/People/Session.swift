import Foundation

/// A signed-in browser, stored on the server so that several app servers can share it and
/// signing out really ends it. The cookie holds a random token; only its SHA-256 is stored.
public struct Session: Sendable, Codable, Hashable {
    /// Hex SHA-256 of the cookie's token.
    public var idHash: String
    public var personID: Int64
    /// The organisation the person is acting in (one of their memberships).
    public var organisationID: Int64
    public var createdAt: Date
    public var lastSeenAt: Date
    /// Every form carries it back; a post without it is refused.
    public var csrfToken: String
    /// How the session was started: it decides which organisations it may move into and which
    /// provider's sign-out is offered when it ends.
    public var origin: SessionOrigin

    public init(idHash: String, personID: Int64, organisationID: Int64, createdAt: Date, lastSeenAt: Date, csrfToken: String,
                origin: SessionOrigin = .password) {
        self.idHash = idHash
        self.personID = personID
        self.organisationID = organisationID
        self.createdAt = createdAt
        self.lastSeenAt = lastSeenAt
        self.csrfToken = csrfToken
        self.origin = origin
    }
}

/// How a session was started: with a password, or through an organisation's OpenID provider.
public enum SessionOrigin: Sendable, Codable, Hashable {
    case password
    /// The provider's id; nil once that provider has been removed (the session keeps saying it
    /// came through single sign-on, so it is not taken for a password session).
    case singleSignOn(providerID: Int64?)
}

/// A token for scripts calling the API: shown once, stored as its SHA-256, acting with a role
/// no wider than its person's in the organisation.
public struct APIToken: Sendable, Codable, Hashable, Identifiable {
    public var id: Int64
    /// The token's first characters (`ovt_AbCd1234`), to name it when revoking; not a secret.
    public var prefix: String
    /// Hex SHA-256 of the whole token.
    public var hash: String
    public var personID: Int64
    public var organisationID: Int64
    public var role: Role
    public var createdAt: Date
    public var revokedAt: Date?

    public init(id: Int64 = 0, prefix: String, hash: String, personID: Int64, organisationID: Int64, role: Role,
                createdAt: Date, revokedAt: Date? = nil) {
        self.id = id
        self.prefix = prefix
        self.hash = hash
        self.personID = personID
        self.organisationID = organisationID
        self.role = role
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }
}

/// A one-time link an administrator starts so a person can set a new password.
public struct PasswordReset: Sendable, Codable, Hashable {
    /// Hex SHA-256 of the link's token.
    public var hash: String
    public var personID: Int64
    public var expiresAt: Date
    public var usedAt: Date?

    public init(hash: String, personID: Int64, expiresAt: Date, usedAt: Date? = nil) {
        self.hash = hash
        self.personID = personID
        self.expiresAt = expiresAt
        self.usedAt = usedAt
    }

    public func isUsable(at now: Date) -> Bool { usedAt == nil && now < expiresAt }
}
