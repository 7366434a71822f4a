import Foundation

/// Someone who signs in. Belongs to organisations through memberships, each with a role.
public struct Person: Sendable, Codable, Hashable, Identifiable {
    public var id: Int64
    /// Stored in lower case: `Sam.Okafor@Example.org` and `sam.okafor@example.org` are one person.
    public var email: String
    /// As shown in the header, and as matched against an action's leads.
    public var name: String
    /// A bcrypt hash (`$2b$…`); never the password.
    public var passwordHash: String
    public var isDisabled: Bool
    /// Failed sign-ins since the last success, for the lockout.
    public var failedAttempts: Int
    /// While in the future, sign-in is refused whatever the password.
    public var lockedUntil: Date?
    public var createdAt: Date
    /// Shown beside their name where they are recorded as having said something; nil for none.
    public var jobTitle: String?

    public init(id: Int64 = 0, email: String, name: String, passwordHash: String, isDisabled: Bool = false,
                failedAttempts: Int = 0, lockedUntil: Date? = nil, createdAt: Date = Date(), jobTitle: String? = nil) {
        self.id = id
        self.email = Person.normalisedEmail(email)
        self.name = name
        self.passwordHash = passwordHash
        self.isDisabled = isDisabled
        self.failedAttempts = failedAttempts
        self.lockedUntil = lockedUntil
        self.createdAt = createdAt
        self.jobTitle = jobTitle
    }

    /// An email address as stored and looked up: trimmed and in lower case.
    public static func normalisedEmail(_ email: String) -> String {
        email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    /// True for something that looks like an email address (one @, a dot after it, no spaces).
    public static func isPlausibleEmail(_ email: String) -> Bool {
        let parts = normalisedEmail(email).split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix(".") else { return false }
        return !email.contains(where: \.isWhitespace) && email.count <= 254
    }
}

/// A person's role in one organisation.
public struct Membership: Sendable, Codable, Hashable {
    public var personID: Int64
    public var organisationID: Int64
    public var role: Role

    public init(personID: Int64, organisationID: Int64, role: Role) {
        self.personID = personID
        self.organisationID = organisationID
        self.role = role
    }
}

/// One of a person's organisations with their role there.
public struct OrganisationRole: Sendable, Codable, Hashable {
    public var organisation: Organisation
    public var role: Role

    public init(organisation: Organisation, role: Role) {
        self.organisation = organisation
        self.role = role
    }
}

/// A person as an organisation sees them: with their role there.
public struct Member: Sendable, Codable, Hashable {
    public var person: Person
    public var role: Role

    public init(person: Person, role: Role) {
        self.person = person
        self.role = role
    }
}

/// Who is making a request: a person acting in one organisation with one role (for an API
/// token, the token's role, which may be narrower than the person's).
public struct Identity: Sendable, Hashable {
    public var personID: Int64
    public var name: String
    public var email: String
    public var organisationID: Int64
    public var organisationName: String
    public var role: Role
    /// From the person's profile, for `signature`.
    public var jobTitle: String?

    public init(personID: Int64, name: String, email: String, organisationID: Int64, organisationName: String, role: Role,
                jobTitle: String? = nil) {
        self.jobTitle = jobTitle
        self.personID = personID
        self.name = name
        self.email = email
        self.organisationID = organisationID
        self.organisationName = organisationName
        self.role = role
    }

    public func can(_ permission: Permission) -> Bool { role.can(permission) }

    /// The small-number rule the identity's outputs follow; nil for those who see every figure.
    public var suppression: SmallNumbers? { can(.seeSmallNumbers) ? nil : .standard }

    /// May this identity change `action`: an editor any action, an action lead the ones they
    /// lead — those whose leads name them (case and surrounding spaces ignored). Plans often
    /// name job titles as leads; an action lead's account then carries that title as its name.
    public func mayUpdate(_ action: Action) -> Bool {
        if can(.editPlans) { return true }
        guard can(.updateLedActions) else { return false }
        let me = name.trimmingCharacters(in: .whitespaces).lowercased()
        return !me.isEmpty && action.leads.contains { $0.trimmingCharacters(in: .whitespaces).lowercased() == me }
    }
}
