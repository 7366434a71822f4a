import Core
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JWTKit
import Store
import SQLKit
import Testing
@testable import Web

/// Single sign-on end to end: Oversight's `/sso/{provider}/start` → the provider's authorisation
/// form → Oversight's `/sso/callback`, which exchanges the code over HTTP and verifies the ID
/// token. `oidc-provider-mock` (a real provider) for the sign-ins it can make; a provider the
/// test controls for the tokens it will not make. Both go through the production code path.
@Suite("Single sign-on", .serialized)
struct SingleSignOnTests {
    static let mappings = [
        SSORoleMapping(group: "csc-viewers", role: .viewer),
        SSORoleMapping(group: "csc-editors", role: .editor),
        SSORoleMapping(group: "csc-managers", role: .editor),
        SSORoleMapping(group: "csc-admins", role: .administrator),
    ]

    static func provider(_ environment: AppEnvironment, issuer: String, slug: String = "northmoor", organisationID: Int64? = nil,
                         secret: String = "mock-secret", justInTime: Bool = true, required: Bool = false,
                         breakGlass: [String] = []) async throws -> SSOProvider {
        try await environment.store.addSSOProvider(SSOProvider(
            organisationID: organisationID ?? environment.organisationID, slug: slug, name: "Northmoor Council (\(slug))",
            issuer: issuer, clientID: "oversight-test", secret: .file(try secretFile(secret)), mappings: mappings,
            justInTime: justInTime, allowLocalAccounts: !required, ssoRequired: required, breakGlass: breakGlass))
    }

    static func role(of email: String, in organisationID: Int64, _ store: SQLStore) async throws -> Role? {
        guard let person = try await store.person(email: email) else { return nil }
        return try await store.memberships(personID: person.id).first { $0.organisation.id == organisationID }?.role
    }

    /// Start, the provider's form as `sub`, the callback: the callback's response.
    static func signIn(_ browser: SSOBrowser, _ mock: MockOpenIDProvider, as sub: String) async throws -> TestResponse {
        let started = try await browser.start("northmoor")
        let back = try await mock.authorise(started.location, as: sub)
        return try await browser.callback(back, stateCookie: started.state)
    }

    // MARK: With a real provider

    @Test("Groups give the mapped role; a changed group changes it; a just-in-time account is made once; no group, no role")
    func signInWithGroups() async throws {
        let mock = try await MockOpenIDProvider()
        defer { mock.stop() }
        try await Self.withRealClock { client, environment, store in
            _ = try await Self.provider(environment, issuer: mock.issuer)
            let browser = SSOBrowser(client: client)
            let email = "sam.okafor@northmoor.example"
            try await mock.setUser("sam", claims: ["email": email, "email_verified": true, "name": "Sam Okafor", "groups": ["csc-viewers", "csc-editors"]])

            let first = try await Self.signIn(browser, mock, as: "sam")
            #expect(first.status == .seeOther)
            #expect(first.headers[.location] == Path.home.href)
            let token = try #require(SSOBrowser.sessionToken(first))
            #expect(try await Self.role(of: email, in: environment.organisationID, store) == .editor)
            // The usual session: the home page opens with the cookie, as Sam.
            let home = try await client.execute(uri: Path.home.href, method: .get, headers: [.cookie: "\(SessionCookie.name)=\(token)"])
            #expect(home.status == .ok)
            #expect(home.text.contains("Sam Okafor"))

            // Moved to the viewers' group at the provider: the next sign-in has the new role.
            try await mock.setUser("sam", claims: ["email": email, "email_verified": true, "name": "Sam Okafor", "groups": ["csc-viewers"]])
            let second = try await Self.signIn(browser, mock, as: "sam")
            #expect(second.status == .seeOther)
            #expect(try await Self.role(of: email, in: environment.organisationID, store) == .viewer)

            // One account and one link, however many sign-ins.
            let counts = try await store.gateway.read { db in
                (try await db.raw("SELECT count(*) AS n FROM people WHERE email = \(bind: email)").first()?.decode(column: "n", as: Int.self),
                 try await db.raw("SELECT count(*) AS n FROM external_identities WHERE subject = 'sam'").first()?.decode(column: "n", as: Int.self))
            }
            #expect(counts.0 == 1 && counts.1 == 1)
            let trail = try await store.auditTrail(organisationID: environment.organisationID, entity: nil, entityID: nil).filter { $0.entity == "sign-in" }
            #expect(trail.count == 2)
            #expect(trail.map { AuditWords.summary($0) } == Array(repeating: "Sam Okafor signed in with Northmoor Council (northmoor)", count: 2))

            // Out of every mapped group: the role ends and the sign-in is refused.
            try await mock.setUser("sam", claims: ["email": email, "email_verified": true, "name": "Sam Okafor", "groups": ["finance"]])
            let third = try await Self.signIn(browser, mock, as: "sam")
            #expect(third.status == .badRequest)
            #expect(third.text.contains("You have no role in"))
            #expect(SSOBrowser.sessionToken(third) == nil)
            #expect(try await Self.role(of: email, in: environment.organisationID, store) == nil)
        }
    }

    @Test("A replayed callback (the same state and code again) is refused with a clear page, and stores nothing")
    func replayedCode() async throws {
        let mock = try await MockOpenIDProvider()
        defer { mock.stop() }
        try await Self.withRealClock { client, environment, store in
            _ = try await Self.provider(environment, issuer: mock.issuer)
            let browser = SSOBrowser(client: client)
            try await mock.setUser("jo", claims: ["email": "jo@northmoor.example", "email_verified": true, "groups": ["csc-admins"]])
            let started = try await browser.start("northmoor")
            let back = try await mock.authorise(started.location, as: "jo")
            let signedIn = try await browser.callback(back, stateCookie: started.state)
            #expect(signedIn.status == .seeOther)
            // Jo is an administrator now: /people shows how each person signs in and when they last did.
            let token = try #require(SSOBrowser.sessionToken(signedIn))
            let people = try await client.execute(uri: Path.people.href, method: .get, headers: [.cookie: "\(SessionCookie.name)=\(token)"])
            #expect(people.status == .ok)
            #expect(people.text.contains("<td>Northmoor Council (northmoor)</td>"), "an account made by SSO has no password")
            #expect(people.text.contains(" with Northmoor Council (northmoor)</td>"))
            let before = try await signInFootprint(store)
            let replay = try await browser.callback(back, stateCookie: started.state)
            #expect(replay.status == .badRequest)
            #expect(replay.text.contains("Error: You have not been signed in"))
            #expect(replay.text.contains("already been used"))
            #expect(!replay.text.contains("code="))
            #expect(try await signInFootprint(store) == before)
        }
    }

    @Test("Email is the key and the provider has not verified it (false, or not said): refused with a clear page, nothing stored; verified, the same person signs in")
    func unverifiedEmail() async throws {
        let mock = try await MockOpenIDProvider()
        defer { mock.stop() }
        try await Self.withRealClock { client, environment, store in
            _ = try await Self.provider(environment, issuer: mock.issuer)
            let browser = SSOBrowser(client: client)
            let email = "lee@northmoor.example"
            let before = try await signInFootprint(store)
            for claims: [String: Any] in [["email": email, "email_verified": false, "groups": ["csc-admins"]],
                                          ["email": email, "groups": ["csc-admins"]]] {
                try await mock.setUser("lee", claims: claims)
                let refused = try await Self.signIn(browser, mock, as: "lee")
                #expect(refused.status == .badRequest)
                #expect(refused.text.contains("has not verified your email address"), "\(refused.text.prefix(2_000))")
                #expect(SSOBrowser.sessionToken(refused) == nil)
                #expect(!refused.text.contains("eyJ"), "no token on the page")
                #expect(try await signInFootprint(store) == before)
            }
            try await mock.setUser("lee", claims: ["email": email, "email_verified": true, "groups": ["csc-admins"]])
            #expect(try await Self.signIn(browser, mock, as: "lee").status == .seeOther)
            #expect(try await Self.role(of: email, in: environment.organisationID, store) == .administrator)
        }
    }

    @Test("A wrong state, or the right state without the browser's cookie, is refused and stores nothing")
    func wrongState() async throws {
        let mock = try await MockOpenIDProvider()
        defer { mock.stop() }
        try await Self.withRealClock { client, environment, store in
            _ = try await Self.provider(environment, issuer: mock.issuer)
            let browser = SSOBrowser(client: client)
            try await mock.setUser("jo", claims: ["email": "jo@northmoor.example", "email_verified": true, "groups": ["csc-admins"]])
            let before = try await signInFootprint(store)
            let started = try await browser.start("northmoor")
            let back = try await mock.authorise(started.location, as: "jo")
            let tampered = back.replacingOccurrences(of: "state=" + started.state, with: "state=" + Secrets.randomToken())
            #expect(tampered != back)
            let wrong = try await browser.callback(tampered, stateCookie: started.state)
            #expect(wrong.status == .badRequest)
            #expect(wrong.text.contains("expired or has already been used"))
            // Another browser holding the link but not the cookie (login CSRF): refused too.
            let foreign = try await browser.callback(back, stateCookie: Secrets.randomToken())
            #expect(foreign.status == .badRequest)
            #expect(try await signInFootprint(store) == before)
            // The right browser can still finish: the refusals did not use its state up.
            #expect(try await browser.callback(back, stateCookie: started.state).status == .seeOther)
        }
    }

    // MARK: Tokens a real provider will not make

    static func claims(_ fake: FakeOpenIDProvider, nonce: String, sub: String = "kim", audience: String = "oversight-test",
                       issuer: String? = nil, expiresIn: Double = 300) -> [String: ClaimValue] {
        let now = Date().timeIntervalSince1970
        return ["iss": .string(issuer ?? fake.issuer), "sub": .string(sub), "aud": .string(audience), "nonce": .string(nonce),
                "iat": .number(now.rounded() - 10), "exp": .number(now.rounded() + expiresIn),
                "email": .string("\(sub)@northmoor.example"), "email_verified": .bool(true), "name": .string("Kim Test"),
                "groups": .array([.string("csc-editors")])]
    }

    /// Starts a sign-in, has the fake provider answer with `token(nonce)`, and returns the callback's response.
    static func signIn(_ browser: SSOBrowser, _ fake: FakeOpenIDProvider, slug: String = "northmoor",
                       token: (String) async throws -> String) async throws -> TestResponse {
        let started = try await browser.start(slug)
        fake.answer(with: try await token(started.nonce))
        return try await browser.callback("/sso/callback?code=fake-code&state=\(started.state)", stateCookie: started.state)
    }

    /// The providers date their tokens by the real clock, so these tests' environment keeps the
    /// real time rather than the test clock.
    static func withRealClock(_ body: @Sendable (any TestClientProtocol, AppEnvironment, SQLStore) async throws -> Void) async throws {
        let (environment, store) = try await makeTestEnvironment()
        let real = AppEnvironment(store: store, organisationID: environment.organisationID, today: environment.today, views: environment.views,
                              now: { Date() }, security: environment.security)
        let app = Application(router: buildRouter(environment: real))
        do {
            try await app.test(.router) { client in try await body(client, real, store) }
            await removeTestEnvironment(store)
        } catch {
            await removeTestEnvironment(store)
            throw error
        }
    }

    @Test("Another audience, expired, alg none, HS256, an unpublished key, another organisation's issuer: each a clear page, nothing stored")
    func refusedTokens() async throws {
        let fake = try await FakeOpenIDProvider()
        defer { fake.stop() }
        try await Self.withRealClock { client, environment, store in
            let key = TestSigningKey(kid: "k1")
            fake.publish([key])
            _ = try await Self.provider(environment, issuer: fake.issuer, secret: "fake-secret")
            // Another organisation with its own provider: its issuer is not this organisation's.
            let police = try await store.createOrganisation(Organisation(name: "Northmoor Police", kind: .partnership))
            _ = try await Self.provider(environment, issuer: "https://login.police.example", slug: "police", organisationID: police.id)
            let browser = SSOBrowser(client: client)
            let before = try await signInFootprint(store)

            let cases: [(String, (String) async throws -> String)] = [
                ("meant for another application", { try await key.sign(Self.claims(fake, nonce: $0, audience: "someone-else")) }),
                ("had expired", { try await key.sign(Self.claims(fake, nonce: $0, expiresIn: -600)) }),
                ("did not match the one Oversight started", { _ in try await key.sign(Self.claims(fake, nonce: "another")) }),
                ("not set up for this organisation", { try await key.sign(Self.claims(fake, nonce: $0, issuer: "https://login.police.example")) }),
                ("signed with ‘none’", { nonce in
                    let header = Data(#"{"alg":"none","kid":"k1"}"#.utf8).base64URL
                    let body = Data(try JSONEncoder().encode(Self.claims(fake, nonce: nonce))).base64URL
                    return header + "." + body + "."
                }),
                ("signed with ‘HS256’", { nonce in
                    let keys = JWTKeyCollection()
                    await keys.add(hmac: HMACKey(from: "a shared secret long enough for HS256 signing"), digestAlgorithm: .sha256, kid: JWKIdentifier(string: "k1"))
                    return try await keys.sign(IDTokenPayload(values: Self.claims(fake, nonce: nonce)), kid: .init(string: "k1"))
                }),
                ("not signed by your organisation", { try await TestSigningKey(kid: "unpublished").sign(Self.claims(fake, nonce: $0)) }),
                ("not signed by your organisation", { try await TestSigningKey(kid: "k1").sign(Self.claims(fake, nonce: $0)) }),
            ]
            for (message, token) in cases {
                let response = try await Self.signIn(browser, fake, token: token)
                #expect(response.status == .badRequest, "\(message)")
                #expect(response.text.contains("Error: You have not been signed in"), "\(message)")
                #expect(response.text.contains(message.replacingOccurrences(of: "'", with: "&#39;")) || response.text.contains(message), "\(message): \(response.text.prefix(3000))")
                #expect(SSOBrowser.sessionToken(response) == nil)
                #expect(!response.text.contains("eyJ"), "no token on the page")
            }
            #expect(try await signInFootprint(store) == before)
            // And the good token from the same provider signs in, so the refusals were the tokens'.
            let good = try await Self.signIn(browser, fake) { try await key.sign(Self.claims(fake, nonce: $0)) }
            #expect(good.status == .seeOther)
            #expect(try await Self.role(of: "kim@northmoor.example", in: environment.organisationID, store) == .editor)
        }
    }

    @Test("The provider rotates its signing key: the new key is fetched and sign-in still works")
    func keyRotation() async throws {
        let fake = try await FakeOpenIDProvider()
        defer { fake.stop() }
        try await Self.withRealClock { client, environment, store in
            let old = TestSigningKey(kid: "2026-11"), new = TestSigningKey(kid: "2026-12")
            fake.publish([old])
            _ = try await Self.provider(environment, issuer: fake.issuer, secret: "fake-secret")
            let browser = SSOBrowser(client: client)
            #expect(try await Self.signIn(browser, fake) { try await old.sign(Self.claims(fake, nonce: $0)) }.status == .seeOther)
            let fetches = fake.jwksFetches
            fake.publish([new])
            let rotated = try await Self.signIn(browser, fake) { try await new.sign(Self.claims(fake, nonce: $0)) }
            #expect(rotated.status == .seeOther)
            #expect(fake.jwksFetches == fetches + 1)
            // A known key is not fetched again for every sign-in.
            #expect(try await Self.signIn(browser, fake) { try await new.sign(Self.claims(fake, nonce: $0)) }.status == .seeOther)
            #expect(fake.jwksFetches == fetches + 1)
            // Unknown key ids do not make Oversight refetch more than once a minute.
            for kid in ["forged-1", "forged-2"] {
                let response = try await Self.signIn(browser, fake) { try await TestSigningKey(kid: kid).sign(Self.claims(fake, nonce: $0)) }
                #expect(response.status == .badRequest)
            }
            #expect(fake.jwksFetches == fetches + 1)
        }
    }

    /// oidc-provider-mock 0.3.4 has no way to rotate its key while it runs; a new process on
    /// the same port is the same issuer with a new key. Its ID tokens name no `kid`, so this
    /// found that a rotation went unnoticed until the verifier learnt to fetch the keys again
    /// for a token with no `kid` that the cached keys do not verify.
    @Test("The real provider's signing key changes (restarted with a new key, same issuer): Oversight fetches the new key and sign-in still works")
    func keyRotationWithMock() async throws {
        let first = try await MockOpenIDProvider()
        defer { first.stop() }
        try await Self.withRealClock { client, environment, store in
            _ = try await Self.provider(environment, issuer: first.issuer)
            let browser = SSOBrowser(client: client)
            let claims: [String: Any] = ["email": "rota@northmoor.example", "email_verified": true, "groups": ["csc-viewers"]]
            try await first.setUser("rota", claims: claims)
            #expect(try await Self.signIn(browser, first, as: "rota").status == .seeOther)
            let oldKeys = try await first.keyIDs()

            first.stop()
            let second = try await MockOpenIDProvider(port: first.port)
            defer { second.stop() }
            #expect(second.issuer == first.issuer)
            let newKeys = try await second.keyIDs()
            #expect(!newKeys.isEmpty && Set(newKeys).isDisjoint(with: oldKeys), "a new signing key: \(oldKeys) → \(newKeys)")
            try await second.setUser("rota", claims: claims)
            let rotated = try await Self.signIn(browser, second, as: "rota")
            #expect(rotated.status == .seeOther, "\(rotated.text.prefix(2000))")

            #expect(SSOBrowser.sessionToken(rotated) != nil)
        }
    }

    // MARK: PKCE

    /// The verifier kept with the pending sign-in `state` started.
    static func verifier(_ store: SQLStore, state: String) async throws -> String? {
        try await store.gateway.read { db in
            try await db.raw("SELECT code_verifier FROM sso_pending_sign_ins WHERE state_hash = \(bind: Secrets.digest(state))").first()?
                .decode(column: "code_verifier", as: String.self)
        }
    }

    @Test("The authorisation request carries PKCE S256, code_challenge = base64url(SHA-256(verifier)); the real provider takes it and the sign-in completes")
    func pkceChallengeAgainstMock() async throws {
        let mock = try await MockOpenIDProvider()
        defer { mock.stop() }
        try await Self.withRealClock { client, environment, store in
            _ = try await Self.provider(environment, issuer: mock.issuer)
            let browser = SSOBrowser(client: client)
            try await mock.setUser("pat", claims: ["email": "pat@northmoor.example", "email_verified": true, "groups": ["csc-viewers"]])
            let started = try await browser.start("northmoor")
            let query = try #require(URLComponents(string: started.location)?.queryItems)
            #expect(query.first { $0.name == "code_challenge_method" }?.value == "S256")
            let verifier = try #require(try await Self.verifier(store, state: started.state))
            #expect(verifier.count >= 43, "RFC 7636: 43 to 128 characters")
            #expect(query.first { $0.name == "code_challenge" }?.value == pkceS256(verifier))
            #expect(!started.location.contains(verifier), "the verifier itself never goes to the browser")
            let back = try await mock.authorise(started.location, as: "pat")
            #expect(try await browser.callback(back, stateCookie: started.state).status == .seeOther)
        }
    }

    /// oidc-provider-mock 0.3.4 registers no PKCE extension and keeps no code_challenge with its
    /// codes, so it accepts any verifier: the refusal is shown against the test's provider,
    /// which checks S256 as RFC 7636 says (docs/security.md).
    @Test("A token request whose code_verifier does not match the challenge is refused by the provider: a clear page, nothing stored")
    func wrongVerifierRefused() async throws {
        let fake = try await FakeOpenIDProvider()
        defer { fake.stop() }
        try await Self.withRealClock { client, environment, store in
            let key = TestSigningKey(kid: "k1")
            fake.publish([key])
            _ = try await Self.provider(environment, issuer: fake.issuer, secret: "fake-secret")
            let browser = SSOBrowser(client: client)
            let before = try await signInFootprint(store)

            let started = try await browser.start("northmoor")
            let challenge = try #require(URLComponents(string: started.location)?.queryItems?.first { $0.name == "code_challenge" }?.value)
            fake.expect(challenge: challenge)
            fake.answer(with: try await key.sign(Self.claims(fake, nonce: started.nonce)))
            // Someone who got hold of the code but not the verifier: the pending sign-in's verifier is not the one the challenge was made from.
            try await store.gateway.write { db in
                try await db.raw("UPDATE sso_pending_sign_ins SET code_verifier = \(bind: Secrets.randomToken()) WHERE state_hash = \(bind: Secrets.digest(started.state))").run()
            }
            let refused = try await browser.callback("/sso/callback?code=fake-code&state=\(started.state)", stateCookie: started.state)
            #expect(refused.status == .badRequest)
            #expect(refused.text.contains("Error: You have not been signed in"))
            #expect(refused.text.contains("did not confirm the sign-in"))
            #expect(SSOBrowser.sessionToken(refused) == nil)
            #expect(try await signInFootprint(store) == before)

            // The same provider, checking the same way, takes the right verifier: the refusal was the verifier's.
            let again = try await browser.start("northmoor")
            fake.expect(challenge: try #require(URLComponents(string: again.location)?.queryItems?.first { $0.name == "code_challenge" }?.value))
            fake.answer(with: try await key.sign(Self.claims(fake, nonce: again.nonce)))
            let good = try await browser.callback("/sso/callback?code=fake-code&state=\(again.state)", stateCookie: again.state)
            #expect(good.status == .seeOther)
        }
    }

    // MARK: Passwords, the sign-in page

    @Test("Where SSO is required a password signs in only a break-glass account; the sign-in page offers the provider first")
    func passwordsWhenRequired() async throws {
        try await withTestApp(as: nil) { client, environment, store in
            let authentication = environment.authentication
            _ = try await authentication.addPerson(email: "ordinary@northmoor.example", name: "Ordinary", password: TestPeople.password,
                                                   role: .editor, organisationID: environment.organisationID)
            _ = try await authentication.addPerson(email: "glass@northmoor.example", name: "Glass", password: TestPeople.password,
                                                   role: .administrator, organisationID: environment.organisationID)
            let page = try await client.execute(uri: Path.signIn.href, method: .get)
            #expect(!page.text.contains("Sign in with Northmoor"))
            _ = try await Self.provider(environment, issuer: "https://login.example/tenant", required: true, breakGlass: ["Glass@Northmoor.example"])

            guard case let .refused(message) = try await authentication.signIn(email: "ordinary@northmoor.example", password: TestPeople.password) else {
                Issue.record("a password opened an organisation that requires single sign-on")
                return
            }
            #expect(message == Authentication.ssoRequiredRefusal)
            guard case .signedIn = try await authentication.signIn(email: "glass@northmoor.example", password: TestPeople.password) else {
                Issue.record("the break-glass account could not sign in")
                return
            }
            let listed = try await store.lastSignIns(organisationID: environment.organisationID)
            let glass = try #require(try await store.person(email: "glass@northmoor.example"))
            #expect(listed[glass.id]?.method == "password")

            let offered = try await client.execute(uri: Path.signIn.href(queryItems: [("next", "/boards")]), method: .get)
            #expect(offered.text.contains("Sign in with Northmoor Council (northmoor)"))
            #expect(offered.text.contains(Path.ssoStart("northmoor").href(queryItems: [("next", "/boards")])))
            // Every organisation requires single sign-on: the password form is folded away for break-glass accounts.
            let organisations = try await store.organisations().count
            #expect(offered.text.contains("break-glass") == (organisations == 1))
        }
    }

    @Test("An unknown provider is a clear 404 page; signing out offers the provider's end-session address")
    func unknownProviderAndSignOut() async throws {
        let fake = try await FakeOpenIDProvider()
        defer { fake.stop() }
        try await withTestApp(as: nil) { client, environment, store in
            let unknown = try await client.execute(uri: Path.ssoStart("nobody").href, method: .get)
            #expect(unknown.status == .notFound)
            #expect(unknown.text.contains("There is no single sign-on with that name"))
            _ = try await Self.provider(environment, issuer: fake.issuer, secret: "fake-secret")
            // Only the provider the ended session came through (`via`) is offered; none after a password session.
            let signedOut = try await client.execute(uri: Path.signIn.href(queryItems: [("done", "signed-out"), ("via", "northmoor")]), method: .get)
            #expect(signedOut.text.contains("Sign out of Northmoor Council (northmoor) too"))
            let afterPassword = try await client.execute(uri: Path.signIn.href(query: "done=signed-out"), method: .get)
            #expect(!afterPassword.text.contains("Sign out of"))
            let away = try await client.execute(uri: Path.ssoSignOut("northmoor").href, method: .get)
            #expect(away.status == .seeOther)
            let location = try #require(away.headers[.location])
            #expect(location.hasPrefix(fake.issuer + "/logout?client_id=oversight-test&post_logout_redirect_uri="))
        }
    }
}

extension Data {
    var base64URL: String {
        base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}
