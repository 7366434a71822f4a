import Core
import Crypto
import Foundation

/// Signing in through an organisation's OpenID provider: the authorisation code flow with PKCE.
/// `start` sends the browser to the provider; `complete` takes its answer, checks it, applies
/// `SSORules` to the account and starts the usual session.
struct SingleSignOn: Sendable {
    var store: any SingleSignOnStore & PeopleStore
    var client: OpenIDClient
    var authentication: Authentication
    /// The address the provider sends the browser back to is built from it, never from the request.
    var siteAddress: String
    var now: @Sendable () -> Date

    var redirectURI: String { siteAddress + Path.ssoCallback.href }
    var verifier: IDTokenVerifier { IDTokenVerifier(client: client, now: now) }

    struct Started: Sendable {
        /// The provider's authorisation address with the request.
        var location: String
        /// Also set in the browser's cookie, so only the browser that started can finish.
        var state: String
    }

    /// Stores the pending sign-in and builds the provider's authorisation address.
    func start(slug: String, next: String?) async throws -> Started {
        guard let provider = try await store.ssoProvider(slug: slug) else { throw SSORefusal.unknownProvider }
        let configuration = try await client.configuration(for: provider)
        let state = Secrets.randomToken(), nonce = Secrets.randomToken(), codeVerifier = Secrets.randomToken()
        let at = now()
        try await store.createPendingSSOSignIn(PendingSSOSignIn(stateHash: Secrets.digest(state), providerID: provider.id, nonce: nonce,
                                                                codeVerifier: codeVerifier, next: next, createdAt: at,
                                                                expiresAt: at.addingTimeInterval(SSORules.pendingLifetime)))
        let query = [
            ("response_type", "code"), ("client_id", provider.clientID), ("redirect_uri", redirectURI),
            ("scope", provider.scopes.joined(separator: " ")), ("state", state), ("nonce", nonce),
            ("code_challenge", Self.challenge(for: codeVerifier)), ("code_challenge_method", "S256"),
        ].map { OpenIDClient.formEncode($0.0) + "=" + OpenIDClient.formEncode($0.1) }.joined(separator: "&")
        let endpoint = configuration.authorizationEndpoint
        return Started(location: endpoint + (endpoint.contains("?") ? "&" : "?") + query, state: state)
    }

    /// PKCE S256: base64url of the SHA-256 of the verifier.
    static func challenge(for verifier: String) -> String {
        Data(SHA256.hash(data: Data(verifier.utf8))).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    struct Completed: Sendable {
        var started: Authentication.StartedSession
        var next: String?
        var provider: SSOProvider
    }

    /// The provider's answer: `state` as it came back and as this browser's cookie holds it,
    /// then the code (or the provider's error). Throws `SSORefusal` for every refusal.
    func complete(state: String?, browserState: String?, code: String?, error: String?) async throws -> Completed {
        guard let state, let browserState, Secrets.constantTimeEqual(state, browserState),
              let pending = try await store.consumePendingSSOSignIn(stateHash: Secrets.digest(state), at: now()) else {
            throw SSORefusal.stateNotRecognised
        }
        if let error {
            throw SSORefusal.providerError(String(error.prefix(40).filter { $0.isASCII && ($0.isLetter || $0 == "_") }))
        }
        guard let code, !code.isEmpty,
              let provider = try await store.ssoProviders().first(where: { $0.id == pending.providerID }) else {
            throw SSORefusal.stateNotRecognised
        }
        let configuration = try await client.configuration(for: provider)
        guard let secret = Self.secret(provider.secret) else { throw SSORefusal.tokenExchangeFailed }
        let idToken = try await client.exchange(code: code, verifier: pending.codeVerifier, redirectURI: redirectURI,
                                                provider: provider, secret: secret, configuration: configuration)
        let claims = try await verifier.verify(idToken, provider: provider, configuration: configuration, nonce: pending.nonce)
        let started = try await signIn(claims, provider: provider)
        return Completed(started: started, next: pending.next, provider: provider)
    }

    /// Applies a verified token's claims to the account and starts the session.
    func signIn(_ claims: SSOClaims, provider: SSOProvider) async throws -> Authentication.StartedSession {
        let key = try SSORules.key(claims, claim: provider.keyClaim).get()
        var person: Person?
        if let linked = try await store.externalIdentity(issuer: claims.issuer, subject: claims.subject, organisationID: provider.organisationID) {
            person = try await store.person(id: linked.personID)
        } else if provider.keyClaim == .email || provider.keyClaim == .preferredUsername, Person.isPlausibleEmail(key) {
            person = try await store.person(email: key)
        }
        if person?.isDisabled == true { throw SSORefusal.accountDisabled }
        var currentRole: Role?
        if let person {
            currentRole = try await store.memberships(personID: person.id).first { $0.organisation.id == provider.organisationID }?.role
        }
        let plan = try SSORules.plan(provider: provider, hasAccount: person != nil, currentRole: currentRole, groups: claims.groups).get()
        guard let email = person?.email ?? Self.accountEmail(key: key, claims: claims) else { throw SSORefusal.missingKeyClaim(.email) }
        let name = claims.name.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : String($0.prefix(200)) } ?? email
        let stored: Person
        do {
            stored = try await store.applySSOSignIn(provider: provider, claims: claims, personID: person?.id, email: email, name: name,
                                                    plan: plan, at: now())
        } catch StoreError.conflict {
            // An account has that email but is not linked, and the key is not the email: it is
            // not taken over on an unverified match.
            throw SSORefusal.noAccount
        }
        guard plan.signsIn, let membership = try await store.memberships(personID: stored.id)
            .first(where: { $0.organisation.id == provider.organisationID }) else {
            throw SSORefusal.noRole(organisation: provider.name)
        }
        return try await authentication.startSession(for: stored, in: membership, origin: .singleSignOn(providerID: provider.id))
    }

    /// The email a just-in-time account is made with: the key when it is one, else a verified
    /// email claim, else a `preferred_username` shaped like an email (Entra ID's UPN).
    static func accountEmail(key: String, claims: SSOClaims) -> String? {
        if Person.isPlausibleEmail(key) { return Person.normalisedEmail(key) }
        if let email = claims.email, claims.emailVerified == true, Person.isPlausibleEmail(email) { return Person.normalisedEmail(email) }
        if let username = claims.preferredUsername, Person.isPlausibleEmail(username) { return Person.normalisedEmail(username) }
        return nil
    }

    /// The client secret, read where the provider's configuration says, at the moment of use.
    static func secret(_ source: SSOSecretSource) -> String? {
        let value: String? = switch source {
        case let .file(path): try? String(contentsOfFile: path, encoding: .utf8)
        case let .environment(name): ProcessInfo.processInfo.environment[name]
        }
        guard let trimmed = value?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty else { return nil }
        return trimmed
    }

    /// The provider's end-session address, returning to Oversight's sign-in page; nil when it has none.
    func endSessionAddress(slug: String) async throws -> String? {
        guard let provider = try await store.ssoProvider(slug: slug),
              let endpoint = try? await client.configuration(for: provider).endSessionEndpoint else { return nil }
        let query = [("client_id", provider.clientID), ("post_logout_redirect_uri", siteAddress + Path.signIn.href(query: "done=signed-out"))]
            .map { OpenIDClient.formEncode($0.0) + "=" + OpenIDClient.formEncode($0.1) }.joined(separator: "&")
        return endpoint + (endpoint.contains("?") ? "&" : "?") + query
    }
}
