import Foundation

/// A sign-in started at `/sso/{slug}/start` and waiting for the provider's answer. Kept in the
/// database, so the callback may reach any of several servers; used at most once.
public struct PendingSSOSignIn: Sendable, Hashable {
    /// Hex SHA-256 of the `state` sent to the provider.
    public var stateHash: String
    public var providerID: Int64
    public var nonce: String
    /// The PKCE `code_verifier` whose S256 challenge went with the request.
    public var codeVerifier: String
    /// Where to land afterwards (checked as `SignInController.safeNext` checks it).
    public var next: String?
    public var createdAt: Date
    public var expiresAt: Date

    public init(stateHash: String, providerID: Int64, nonce: String, codeVerifier: String, next: String?, createdAt: Date, expiresAt: Date) {
        self.stateHash = stateHash
        self.providerID = providerID
        self.nonce = nonce
        self.codeVerifier = codeVerifier
        self.next = next
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}

/// A person's account at a provider: issuer + subject, in one organisation.
public struct ExternalIdentity: Sendable, Hashable {
    public var issuer: String
    public var subject: String
    public var organisationID: Int64
    public var personID: Int64
    public var lastSignInAt: Date?

    public init(issuer: String, subject: String, organisationID: Int64, personID: Int64, lastSignInAt: Date? = nil) {
        self.issuer = issuer
        self.subject = subject
        self.organisationID = organisationID
        self.personID = personID
        self.lastSignInAt = lastSignInAt
    }
}

/// Where single sign-on is kept: the providers, people's external identities, and pending sign-ins.
public protocol SingleSignOnStore: Sendable {
    /// Adds a provider, audited; `StoreError.conflict` when the slug is taken or the organisation has one.
    func addSSOProvider(_ provider: SSOProvider) async throws -> SSOProvider
    func ssoProviders() async throws -> [SSOProvider]
    func ssoProvider(slug: String) async throws -> SSOProvider?
    func ssoProvider(organisationID: Int64) async throws -> SSOProvider?
    /// Removes the provider and the external identities linked through it, audited.
    func removeSSOProvider(slug: String) async throws
    /// Creates or replaces each organisation's provider, all in one transaction (one bad entry
    /// stores none): an organisation with none gets it, the one it has under the same slug is
    /// replaced (audited with what changed; an unchanged one is left alone). `StoreError.conflict`
    /// when the organisation has a provider under another slug or another organisation has the
    /// slug; `StoreError.notFound` for an organisation that does not exist.
    func saveSSOProviders(_ providers: [SSOProvider]) async throws -> [SSOSaveOutcome]

    func createPendingSSOSignIn(_ pending: PendingSSOSignIn) async throws
    /// Marks the pending sign-in used and returns it, in one statement: a second use of the same
    /// state, or one after it expired, gets nil.
    func consumePendingSSOSignIn(stateHash: String, at now: Date) async throws -> PendingSSOSignIn?

    /// The person linked to the provider's subject in the organisation.
    func externalIdentity(issuer: String, subject: String, organisationID: Int64) async throws -> ExternalIdentity?

    /// Applies a verified sign-in in one transaction: creates the account when `plan` says so,
    /// links the external identity, sets or removes the role (audited as role changes), and
    /// records and audits the sign-in. Returns the person.
    func applySSOSignIn(provider: SSOProvider, claims: SSOClaims, personID: Int64?, email: String, name: String,
                        plan: SSOSignInPlan, at now: Date) async throws -> Person

    /// Records a password sign-in, for `/people`.
    func recordPasswordSignIn(personID: Int64, at now: Date) async throws
    /// How each member of the organisation last signed in, by person id.
    func lastSignIns(organisationID: Int64) async throws -> [Int64: SignInRecord]
}

/// What saving a provider did.
public enum SSOSaveOutcome: Sendable, Hashable {
    case created(SSOProvider)
    case replaced(SSOProvider)
    case unchanged(SSOProvider)

    public var provider: SSOProvider {
        switch self {
        case let .created(provider), let .replaced(provider), let .unchanged(provider): provider
        }
    }
}
