import Foundation

/// An organisation's OpenID Connect provider (Microsoft Entra ID, Okta, Keycloak…): how its
/// people sign in to Oversight with their own council or agency account.
public struct SSOProvider: Sendable, Codable, Hashable, Identifiable {
    public var id: Int64
    public var organisationID: Int64
    /// In the sign-in addresses, `/sso/{slug}/start`: lower-case letters, digits and hyphens.
    public var slug: String
    /// Shown on the button: "Sign in with <name>".
    public var name: String
    /// The issuer URL exactly as the provider's discovery document and ID tokens give it.
    public var issuer: String
    public var clientID: String
    /// Where the client secret is read at the moment it is needed; the secret itself is never stored.
    public var secret: SSOSecretSource
    public var scopes: [String]
    /// The claim that names the person.
    public var keyClaim: SSOKeyClaim
    /// The claim holding the person's groups or app roles (`groups`, `roles`).
    public var groupClaim: String
    /// Groups (or app roles) and the Oversight role each gives. Empty: roles are managed on
    /// `/people` and the provider only proves who the person is.
    public var mappings: [SSORoleMapping]
    /// Create an account on a person's first sign-in when none exists.
    public var justInTime: Bool
    /// Show the password form on the sign-in page for this organisation's people.
    public var allowLocalAccounts: Bool
    /// Everyone signs in through the provider except the break-glass accounts.
    public var ssoRequired: Bool
    /// Emails (lower case) of the accounts that may still sign in with a password when SSO is
    /// required: for when the provider itself is down.
    public var breakGlass: [String]
    public var createdAt: Date

    public init(id: Int64 = 0, organisationID: Int64, slug: String, name: String, issuer: String, clientID: String,
                secret: SSOSecretSource, scopes: [String] = ["openid", "email", "profile"], keyClaim: SSOKeyClaim = .email,
                groupClaim: String = "groups", mappings: [SSORoleMapping] = [], justInTime: Bool = false,
                allowLocalAccounts: Bool = true, ssoRequired: Bool = false, breakGlass: [String] = [], createdAt: Date = Date()) {
        self.id = id
        self.organisationID = organisationID
        self.slug = slug
        self.name = name
        self.issuer = issuer
        self.clientID = clientID
        self.secret = secret
        self.scopes = scopes
        self.keyClaim = keyClaim
        self.groupClaim = groupClaim
        self.mappings = mappings
        self.justInTime = justInTime
        self.allowLocalAccounts = allowLocalAccounts
        self.ssoRequired = ssoRequired
        self.breakGlass = breakGlass.map(Person.normalisedEmail)
        self.createdAt = createdAt
    }

    /// True when the provider decides roles (a mapping is configured).
    public var rolesFromProvider: Bool { !mappings.isEmpty }
}

/// Where a client secret lives: a file only the service account can read, or an environment
/// variable. Written `file:/run/secrets/entra` or `env:OVERSIGHT_ENTRA_SECRET`.
public enum SSOSecretSource: Sendable, Codable, Hashable, CustomStringConvertible {
    case file(String)
    case environment(String)

    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("file:"), trimmed.count > 5 { self = .file(String(trimmed.dropFirst(5))) }
        else if trimmed.hasPrefix("env:"), trimmed.count > 4 {
            let name = String(trimmed.dropFirst(4))
            guard name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else { return nil }
            self = .environment(name)
        } else { return nil }
    }

    public var description: String {
        switch self {
        case let .file(path): "file:" + path
        case let .environment(name): "env:" + name
        }
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let source = SSOSecretSource(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "Not file:… or env:…"))
        }
        self = source
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// The claim that keys a person to their Oversight account.
public enum SSOKeyClaim: String, Sendable, Codable, CaseIterable, Hashable {
    case email
    case preferredUsername = "preferred_username"
    /// Entra ID's object id: stable for the life of the account, whatever its name or email.
    case oid
    case sub
}

/// One group or app role of the provider and the Oversight role it gives.
public struct SSORoleMapping: Sendable, Codable, Hashable {
    public var group: String
    public var role: Role

    public init(group: String, role: Role) {
        self.group = group
        self.role = role
    }

    /// `Oversight-Admins=administrator`.
    public init?(_ text: String) {
        guard let equals = text.lastIndex(of: "=") else { return nil }
        let group = text[..<equals].trimmingCharacters(in: .whitespaces)
        guard !group.isEmpty, let role = Role(rawValue: text[text.index(after: equals)...].trimmingCharacters(in: .whitespaces)) else { return nil }
        self.init(group: group, role: role)
    }
}

/// The claims of a verified ID token that sign-in reads. Every value is as the provider sent it.
public struct SSOClaims: Sendable, Hashable {
    public var issuer: String
    public var subject: String
    public var audience: [String]
    public var expiresAt: Date?
    public var issuedAt: Date?
    public var nonce: String?
    public var email: String?
    public var emailVerified: Bool?
    public var preferredUsername: String?
    public var oid: String?
    public var name: String?
    public var groups: [String]

    public init(issuer: String, subject: String, audience: [String], expiresAt: Date?, issuedAt: Date?, nonce: String?,
                email: String? = nil, emailVerified: Bool? = nil, preferredUsername: String? = nil, oid: String? = nil,
                name: String? = nil, groups: [String] = []) {
        self.issuer = issuer
        self.subject = subject
        self.audience = audience
        self.expiresAt = expiresAt
        self.issuedAt = issuedAt
        self.nonce = nonce
        self.email = email
        self.emailVerified = emailVerified
        self.preferredUsername = preferredUsername
        self.oid = oid
        self.name = name
        self.groups = groups
    }
}

/// Why a single sign-on was refused: each says what happened in words a person can act on, and
/// none repeats a token.
public enum SSORefusal: Error, Sendable, Hashable {
    case unknownProvider
    case stateNotRecognised
    case providerError(String)
    case tokenExchangeFailed
    case signatureNotVerified
    case algorithmNotAllowed(String)
    case wrongIssuer
    case wrongAudience
    case expired
    case issuedInFuture
    case nonceMismatch
    case missingKeyClaim(SSOKeyClaim)
    case emailNotVerified
    case noAccount
    case noRole(organisation: String)
    case accountDisabled
    case providerUnavailable

    /// The message of the refusal page.
    public var message: String {
        switch self {
        case .unknownProvider: "There is no single sign-on with that name. Go back to the sign-in page and choose your organisation's."
        case .stateNotRecognised: "This sign-in link has expired or has already been used. Go back to the sign-in page and sign in again."
        case let .providerError(code): "Your organisation's sign-in service did not sign you in (it answered ‘\(code)’). Try again, or ask your IT service desk."
        case .tokenExchangeFailed: "Your organisation's sign-in service did not confirm the sign-in. Try again, or ask your IT service desk."
        case .signatureNotVerified: "The sign-in could not be verified: it was not signed by your organisation's sign-in service."
        case let .algorithmNotAllowed(alg): "The sign-in could not be verified: it was signed with ‘\(alg)’, which Oversight does not accept."
        case .wrongIssuer: "The sign-in came from a sign-in service not set up for this organisation."
        case .wrongAudience: "The sign-in was meant for another application, not Oversight."
        case .expired: "The sign-in had expired before it reached Oversight. Sign in again."
        case .issuedInFuture: "The sign-in is dated in the future. Check the clocks of Oversight's server and the sign-in service."
        case .nonceMismatch: "The sign-in did not match the one Oversight started. Go back to the sign-in page and sign in again."
        case let .missingKeyClaim(claim): "Your organisation's sign-in service did not say who you are (no ‘\(claim.rawValue)’). Ask your IT service desk."
        case .emailNotVerified: "Your organisation's sign-in service has not verified your email address, so Oversight cannot use it to find your account."
        case .noAccount: "You do not have an Oversight account yet. Ask an administrator of your organisation to invite you."
        case let .noRole(organisation): "You have no role in \(organisation). Ask an administrator of your organisation to give you one."
        case .accountDisabled: "Your Oversight account is disabled. Ask an administrator of your organisation."
        case .providerUnavailable: "Your organisation's sign-in service could not be reached. Try again in a few minutes."
        }
    }

    /// A short code for the log line: no names, no tokens.
    public var code: String {
        switch self {
        case .unknownProvider: "unknown-provider"
        case .stateNotRecognised: "state-not-recognised"
        case .providerError: "provider-error"
        case .tokenExchangeFailed: "token-exchange-failed"
        case .signatureNotVerified: "signature-not-verified"
        case .algorithmNotAllowed: "algorithm-not-allowed"
        case .wrongIssuer: "wrong-issuer"
        case .wrongAudience: "wrong-audience"
        case .expired: "expired"
        case .issuedInFuture: "issued-in-future"
        case .nonceMismatch: "nonce-mismatch"
        case .missingKeyClaim: "missing-key-claim"
        case .emailNotVerified: "email-not-verified"
        case .noAccount: "no-account"
        case .noRole: "no-role"
        case .accountDisabled: "account-disabled"
        case .providerUnavailable: "provider-unavailable"
        }
    }
}

/// What a verified sign-in does to the person's account.
public struct SSOSignInPlan: Sendable, Hashable {
    /// Make the account now (just in time).
    public var createAccount: Bool
    /// The role to hold in the provider's organisation afterwards; nil leaves it as it is.
    public var setRole: Role?
    /// The provider no longer gives any mapped group: the role in its organisation ends.
    public var removeRole: Bool
    /// Whether the person ends up with a role there (and so a session may start).
    public var signsIn: Bool

    public init(createAccount: Bool, setRole: Role?, removeRole: Bool, signsIn: Bool) {
        self.createAccount = createAccount
        self.setRole = setRole
        self.removeRole = removeRole
        self.signsIn = signsIn
    }
}

/// The rules of single sign-on, pure: they are applied by the web layer over the store.
public enum SSORules {
    /// Seconds of clock difference tolerated on `exp` and `iat`.
    public static let leeway: TimeInterval = 60
    /// How long a started sign-in (state, nonce, PKCE verifier) waits for the provider's answer.
    public static let pendingLifetime: TimeInterval = 10 * 60
    /// Signature algorithms accepted for ID tokens: asymmetric only. `none` and HS* (a shared
    /// secret the client also holds, so anyone with it could forge a token) are refused.
    public static let allowedAlgorithms: Set<String> = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"]

    /// Each role's rank for "highest wins": the role matrix's order, administrator first.
    static func rank(_ role: Role) -> Int { Role.allCases.firstIndex(of: role) ?? Role.allCases.count }

    /// The role the groups give: of every mapping whose group the person is in, the highest.
    /// Group names are matched exactly (Entra ID sends object ids; others send names).
    public static func mappedRole(groups: [String], mappings: [SSORoleMapping]) -> Role? {
        let held = Set(groups)
        return mappings.filter { held.contains($0.group) }.map(\.role).min { rank($0) < rank($1) }
    }

    /// The checks on a token whose signature has been verified: issuer, audience, expiry, issue
    /// time and nonce. Nil when it passes.
    public static func problem(with claims: SSOClaims, issuer: String, clientID: String, nonce: String, now: Date) -> SSORefusal? {
        if claims.issuer != issuer { return .wrongIssuer }
        if !claims.audience.contains(clientID) { return .wrongAudience }
        guard let expiresAt = claims.expiresAt, now.timeIntervalSince(expiresAt) < leeway else { return .expired }
        guard let issuedAt = claims.issuedAt else { return .expired }
        if issuedAt.timeIntervalSince(now) > leeway { return .issuedInFuture }
        guard let sent = claims.nonce, sent == nonce else { return .nonceMismatch }
        return nil
    }

    /// The value that finds the person's account. An email is only trusted when the provider
    /// says it verified it: otherwise anyone able to set their own email at the provider could
    /// take over the account that has it.
    public static func key(_ claims: SSOClaims, claim: SSOKeyClaim) -> Result<String, SSORefusal> {
        func present(_ value: String?) -> String? {
            guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
            return value
        }
        switch claim {
        case .email:
            guard let email = present(claims.email) else { return .failure(.missingKeyClaim(.email)) }
            guard claims.emailVerified == true else { return .failure(.emailNotVerified) }
            return .success(Person.normalisedEmail(email))
        case .preferredUsername:
            return present(claims.preferredUsername).map { .success($0.lowercased()) } ?? .failure(.missingKeyClaim(.preferredUsername))
        case .oid:
            return present(claims.oid).map { .success($0) } ?? .failure(.missingKeyClaim(.oid))
        case .sub:
            return present(claims.subject).map { .success($0) } ?? .failure(.missingKeyClaim(.sub))
        }
    }

    /// What the sign-in does: `hasAccount` whether the key found an account, `currentRole` the
    /// person's role in the provider's organisation now. Roles from the provider are applied
    /// again on every sign-in, so someone taken out of a group loses the role at once.
    public static func plan(provider: SSOProvider, hasAccount: Bool, currentRole: Role?, groups: [String]) -> Result<SSOSignInPlan, SSORefusal> {
        if !hasAccount && !provider.justInTime { return .failure(.noAccount) }
        if provider.rolesFromProvider {
            let mapped = mappedRole(groups: groups, mappings: provider.mappings)
            return .success(SSOSignInPlan(createAccount: !hasAccount, setRole: mapped == currentRole ? nil : mapped,
                                          removeRole: mapped == nil && currentRole != nil, signsIn: mapped != nil))
        }
        return .success(SSOSignInPlan(createAccount: !hasAccount, setRole: nil, removeRole: false, signsIn: currentRole != nil))
    }

    /// Whether the person may sign in with a password in an organisation: always where it has no
    /// provider; where it has one, when it allows local accounts and does not require SSO, or
    /// when the person is one of its break-glass accounts.
    public static func mayUsePassword(email: String, provider: SSOProvider?) -> Bool {
        guard let provider else { return true }
        if provider.breakGlass.contains(Person.normalisedEmail(email)) { return true }
        return provider.allowLocalAccounts && !provider.ssoRequired
    }

    /// A slug as `/sso/{slug}/start` uses it: 1–40 lower-case letters, digits and hyphens.
    public static func isValidSlug(_ slug: String) -> Bool {
        !slug.isEmpty && slug.count <= 40 && slug.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }
    }
}

/// How a person last signed in, for `/people`.
public struct SignInRecord: Sendable, Codable, Hashable {
    public var at: Date
    /// "password", or the provider's name.
    public var method: String

    public init(at: Date, method: String) {
        self.at = at
        self.method = method
    }
}
