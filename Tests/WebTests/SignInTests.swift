import Core
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Store
import Testing
@testable import Web

/// Signing in and out, sessions, lockout, CSRF, tokens and resets, through the router.
@Suite("Sign-in, sessions and tokens")
struct SignInTests {
    /// The `oversight_session` value a response sets, if any.
    static func sessionCookie(_ response: TestResponse) -> String? {
        for field in response.headers[values: .setCookie] where field.hasPrefix("\(SessionCookie.name)=") {
            return String(field.dropFirst(SessionCookie.name.count + 1).prefix { $0 != ";" })
        }
        return nil
    }

    static func cookieHeader(_ token: String) -> HTTPFields {
        [.cookie: "\(SessionCookie.name)=\(token)"]
    }

    static func form(_ fields: [(String, String)], cookie: String? = nil) -> (HTTPFields, ByteBuffer) {
        var headers = formHeaders
        if let cookie { headers[.cookie] = "\(SessionCookie.name)=\(cookie)" }
        return (headers, formEncoded(fields))
    }

    /// A pre-session token as the sign-in page would set it: 43 base64url characters.
    static let formToken = String(repeating: "Ab3-_", count: 9).prefix(43).description

    /// A form posted before there is a session (sign in, reset, invitation), as a browser that
    /// opened the page sends it: the `oversight_form` cookie and the same value in `csrf`.
    static func preSessionForm(_ fields: [(String, String)], cookie: String? = nil,
                               token: String? = formToken) -> (HTTPFields, ByteBuffer) {
        var headers = formHeaders
        var cookies: [String] = []
        if let cookie { cookies.append("\(SessionCookie.name)=\(cookie)") }
        if let token { cookies.append("\(PreSessionForm.cookieName)=\(token)") }
        if !cookies.isEmpty { headers[.cookie] = cookies.joined(separator: "; ") }
        return (headers, formEncoded(fields + (token.map { [("csrf", $0)] } ?? [])))
    }

    /// Signs in through the form; returns the status, the location and the new session cookie.
    static func signIn(_ client: any TestClientProtocol, email: String, password: String, next: String = "",
                       cookie: String? = nil) async throws -> (HTTPResponse.Status, String?, String?) {
        let (headers, body) = preSessionForm([("email", email), ("password", password), ("next", next)], cookie: cookie)
        return try await client.execute(uri: "/login", method: .post, headers: headers, body: body) { response in
            (response.status, response.headers[.location], sessionCookie(response))
        }
    }

    /// Whether a page request with this session token is let in (200) or sent to sign in.
    static func isSignedIn(_ client: any TestClientProtocol, _ token: String) async throws -> Bool {
        try await client.execute(uri: "/measures", method: .get, headers: cookieHeader(token)) { response in
            response.status == .ok
        }
    }

    @Test("Signing in with the right password sets a secure session cookie and goes to the page asked for")
    func signInSucceeds() async throws {
        try await withTestApp(as: nil) { client, env, _ in
            let me = try await TestPeople.credentials(env, role: .viewer, name: "Vic Viewer")
            let (headers, body) = Self.preSessionForm([("email", me.person.email.uppercased()), ("password", TestPeople.password), ("next", "/measures")])
            let token = try await client.execute(uri: "/login", method: .post, headers: headers, body: body) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/measures")
                let cookie = response.headers[values: .setCookie].first { $0.hasPrefix("oversight_session=") } ?? ""
                #expect(cookie.contains("HttpOnly"))
                #expect(cookie.contains("SameSite=Lax"))
                #expect(cookie.contains("Path=/"))
                #expect(!cookie.contains("Secure"), "Secure only when --secure-cookies")
                return Self.sessionCookie(response)
            }
            let session = try #require(token)
            try await client.execute(uri: "/measures", method: .get, headers: Self.cookieHeader(session)) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("Vic Viewer"))
                #expect(response.text.contains("action=\"/logout\""))
                #expect(response.headers[.cacheControl] == "no-store")
            }
            // Only the token's hash is stored.
            #expect(try await env.store.session(idHash: session) == nil)
            #expect(try await env.store.session(idHash: Secrets.digest(session)) != nil)
        }
    }

    @Test("A wrong password and an unknown email get the same message and no session")
    func signInFails() async throws {
        try await withTestApp(as: nil) { client, env, _ in
            let me = try await TestPeople.credentials(env, role: .viewer)
            for (email, password) in [(me.person.email, "not the password at all"), ("nobody@test.example", TestPeople.password)] {
                let (headers, body) = Self.preSessionForm([("email", email), ("password", password)])
                try await client.execute(uri: "/login", method: .post, headers: headers, body: body) { response in
                    #expect(response.status == .badRequest)
                    #expect(response.text.contains("There is a problem"))
                    #expect(response.text.contains("Enter a correct email address and password"))
                    #expect(Self.sessionCookie(response) == nil)
                }
            }
            let (headers, body) = Self.preSessionForm([("email", ""), ("password", "")])
            try await client.execute(uri: "/login", method: .post, headers: headers, body: body) { response in
                #expect(response.text.contains("<a href=\"#email\">Enter your email address</a>"))
                #expect(response.text.contains("<a href=\"#password\">Enter your password</a>"))
            }
        }
    }

    @Test("Five failures in a row lock the account for 15 minutes, even with the right password")
    func lockout() async throws {
        let clock = TestClock()
        try await withTestApp(as: nil, clock: clock) { client, env, _ in
            let me = try await TestPeople.credentials(env, role: .editor)
            for _ in 1...5 {
                let (status, _, _) = try await Self.signIn(client, email: me.person.email, password: "wrong password number")
                #expect(status == .badRequest)
            }
            let (locked, _, lockedCookie) = try await Self.signIn(client, email: me.person.email, password: TestPeople.password)
            #expect(locked == .badRequest)
            #expect(lockedCookie == nil)
            clock.advance(by: 14 * 60)
            #expect(try await Self.signIn(client, email: me.person.email, password: TestPeople.password).0 == .badRequest)
            clock.advance(by: 2 * 60)
            let (status, _, cookie) = try await Self.signIn(client, email: me.person.email, password: TestPeople.password)
            #expect(status == .seeOther)
            #expect(cookie != nil)
            #expect(try await env.store.person(id: me.person.id)?.failedAttempts == 0)
        }
    }

    @Test("Signing in gives a new session id; the one the browser had before no longer works")
    func sessionFixation() async throws {
        try await withTestApp(as: nil) { client, env, _ in
            let me = try await TestPeople.credentials(env, role: .viewer)
            let before = me.sessionToken
            #expect(try await Self.isSignedIn(client, before))
            let (status, _, after) = try await Self.signIn(client, email: me.person.email, password: TestPeople.password, cookie: before)
            #expect(status == .seeOther)
            let new = try #require(after)
            #expect(new != before)
            #expect(try await Self.isSignedIn(client, new))
            #expect(try await !Self.isSignedIn(client, before))
            // A made-up id is no session either, and the stale cookie is cleared.
            try await client.execute(uri: "/", method: .get, headers: Self.cookieHeader("made-up")) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/login")
                #expect(response.headers[values: .setCookie].contains { $0.hasPrefix("oversight_session=;") || $0.contains("Max-Age=0") })
            }
        }
    }

    @Test("A session ends after 30 idle minutes, and after 12 hours however busy")
    func timeouts() async throws {
        let clock = TestClock()
        try await withTestApp(as: nil, clock: clock) { client, env, _ in
            let idle = try await TestPeople.credentials(env, role: .viewer)
            clock.advance(by: 29 * 60)
            #expect(try await Self.isSignedIn(client, idle.sessionToken))
            clock.advance(by: 29 * 60)
            #expect(try await Self.isSignedIn(client, idle.sessionToken), "each visit restarts the idle time")
            clock.advance(by: 31 * 60)
            #expect(try await !Self.isSignedIn(client, idle.sessionToken))

            let busy = try await TestPeople.newSession(env, idle)
            for _ in 0..<(11 * 3 + 2) {
                clock.advance(by: 20 * 60)
                #expect(try await Self.isSignedIn(client, busy.sessionToken))
            }
            clock.advance(by: 20 * 60)
            #expect(try await !Self.isSignedIn(client, busy.sessionToken), "12 hours after signing in")
            // A stale session sends the browser to sign in, back to where it was.
            try await client.execute(uri: "/measures?x=1", method: .get, headers: Self.cookieHeader(busy.sessionToken)) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/login?next=%2Fmeasures%3Fx%3D1")
            }
        }
    }

    @Test("Signing out ends this session; signing out everywhere ends every session of the person")
    func signOut() async throws {
        try await withTestApp(as: nil) { client, env, _ in
            let first = try await TestPeople.credentials(env, role: .editor)
            let second = try await TestPeople.newSession(env, first)
            let (headers, body) = Self.form([("csrf", first.csrf)], cookie: first.sessionToken)
            try await client.execute(uri: "/logout", method: .post, headers: headers, body: body) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/login?done=signed-out")
                #expect(response.headers[values: .setCookie].contains { $0.contains("Max-Age=0") })
            }
            #expect(try await !Self.isSignedIn(client, first.sessionToken))
            #expect(try await Self.isSignedIn(client, second.sessionToken))

            let third = try await TestPeople.newSession(env, first)
            let (h2, b2) = Self.form([("csrf", third.csrf)], cookie: third.sessionToken)
            try await client.execute(uri: "/account/sign-out-everywhere", method: .post, headers: h2, body: b2) { response in
                #expect(response.status == .seeOther)
            }
            #expect(try await !Self.isSignedIn(client, second.sessionToken))
            #expect(try await !Self.isSignedIn(client, third.sessionToken))
        }
    }

    @Test("A form without the session's CSRF token is refused and changes nothing")
    func csrfRefused() async throws {
        try await withTestApp(as: nil) { client, env, store in
            let me = try await TestPeople.credentials(env, role: .editor)
            let action = try #require(try await Page.demoPlan(env, store).actions.first { $0.status == .inProgress })
            for csrf in [nil, "wrong", String(me.csrf.dropLast()) + "x"] {
                var fields = [("status", "complete"), ("percent", "100")]
                if let csrf { fields.append(("csrf", csrf)) }
                let (headers, body) = Self.form(fields, cookie: me.sessionToken)
                try await client.execute(uri: "/actions/\(action.id)/status", method: .post, headers: headers, body: body) { response in
                    #expect(response.status == .forbidden)
                    #expect(response.text.contains("The form has expired"))
                    #expect(response.text.contains("go back"))
                }
            }
            #expect(try await store.action(id: action.id, organisationID: env.organisationID).action.status == .inProgress)
            // Every form on the action page carries the token.
            try await client.execute(uri: "/actions/\(action.id)", method: .get, headers: Self.cookieHeader(me.sessionToken)) { response in
                let forms = Page.matches(of: "<form method=\"post\"", in: response.text).count
                let tokens = Page.matches(of: "name=\"csrf\" value=\"\(me.csrf)\"", in: response.text).count
                #expect(forms > 0)
                #expect(forms == tokens)
            }
        }
    }

    @Test("Only paths on this site are followed after signing in; anything a browser could read as another site falls back to the home page",
          arguments: [
              "https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:alert(1)",
              // Raw: a tab, a space, a newline, another control character, a backslash, two slashes.
              "/\t/evil.example", "/ /evil.example", "/\n/evil.example", "/\u{0B}/evil.example", "/\u{7F}/evil.example",
              "/\\/evil.example", "//evil.example", "\t//evil.example", "/plans\u{200B}",
              // Percent-encoded: the same, as `/%09/evil.example` arrives.
              "/%09/evil.example", "/%20/evil.example", "/%0A/evil.example", "/%0d/evil.example", "/%00/evil.example",
              "/%5C/evil.example", "/%5c%5cevil.example", "/%2F/evil.example", "/%2f%2fevil.example", "/%E2%80%8B/evil.example",
              "%2F%2Fevil.example", "/%zz", "/login?next=/people",
          ])
    func nextIsRefused(next: String) async throws {
        #expect(SignInController.safeNext(next) == nil, "\(next)")
        try await withTestApp(as: nil) { client, env, _ in
            let me = try await TestPeople.credentials(env, role: .viewer)
            let (status, location, _) = try await Self.signIn(client, email: me.person.email, password: TestPeople.password, next: next)
            #expect(status == .seeOther)
            #expect(location == Path.home.href, "\(next)")
        }
    }

    @Test("A path on this site, with its query, is followed after signing in; the sign-in page carries it")
    func nextIsFollowed() async throws {
        try await withTestApp(as: nil) { client, env, _ in
            let me = try await TestPeople.credentials(env, role: .viewer)
            for next in ["/measures", "/plans/1?rag=red&q=a%20b", "/actions/3#updates"] {
                let (status, location, _) = try await Self.signIn(client, email: me.person.email, password: TestPeople.password, next: next)
                #expect(status == .seeOther)
                #expect(location == next)
            }
            // The page keeps a good `next` in its form and drops a bad one, raw or percent-encoded.
            try await client.execute(uri: "/login?next=%2Fmeasures", method: .get) { response in
                #expect(response.text.contains("name=\"next\" value=\"/measures\""))
            }
            for query in ["%2F%09%2Fevil.example", "%2F%2509%2Fevil.example", "%2F%5C%2Fevil.example", "%2F%2Fevil.example"] {
                try await client.execute(uri: "/login?next=\(query)", method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(!response.text.contains("name=\"next\""), "\(query)")
                }
            }
        }
    }

    @Test("The API answers 401 without a valid token, 403 beyond the token's role, and a revoked token stops working")
    func tokens() async throws {
        try await withTestApp(as: nil) { client, env, store in
            let planID = try #require(try await store.plans(organisationID: env.organisationID).first).id
            let viewer = try await TestPeople.credentials(env, role: .viewer)
            let bearer: (String) -> HTTPFields = { [.authorization: "Bearer \($0)", .contentType: "application/json"] }
            for headers: HTTPFields in [[:], bearer("ovt_not-a-real-token"), [.authorization: "Basic abc"]] {
                try await client.execute(uri: "/api/v1/plans", method: .get, headers: headers) { response throws in
                    #expect(response.status == .unauthorized)
                    #expect(response.headers[.wwwAuthenticate] == "Bearer")
                    let json = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
                    #expect(json["error"] as? String == "unauthorised")
                    #expect((json["detail"] as? String)?.isEmpty == false)
                }
            }
            try await client.execute(uri: "/api/v1/plans/\(planID)", method: .get, headers: bearer(viewer.apiToken)) { response in
                #expect(response.status == .ok)
            }
            let patch = ByteBuffer(string: #"{"version": 1, "title": "Renamed by a viewer"}"#)
            try await client.execute(uri: "/api/v1/plans/\(planID)", method: .patch, headers: bearer(viewer.apiToken), body: patch) { response throws in
                #expect(response.status == .forbidden)
                let json = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
                #expect(json["error"] as? String == "forbidden")
            }
            // A session cookie does not open the API: it takes tokens only.
            try await client.execute(uri: "/api/v1/plans", method: .get, headers: Self.cookieHeader(viewer.sessionToken)) { response in
                #expect(response.status == .unauthorized)
            }
            _ = try await store.revokeToken(reference: String(viewer.apiToken.prefix(12)), at: Date())
            try await client.execute(uri: "/api/v1/plans", method: .get, headers: bearer(viewer.apiToken)) { response in
                #expect(response.status == .unauthorized)
            }
        }
    }

    @Test("A token's role may not exceed its person's, and only the token's hash is stored")
    func tokenScope() async throws {
        let (env, store) = try await makeTestEnvironment()
        defer { Task { await removeTestEnvironment(store) } }
        let viewer = try await TestPeople.credentials(env, role: .viewer)
        await #expect(throws: Core.ValidationError.self) {
            _ = try await env.authentication.createToken(email: viewer.person.email, organisationID: env.organisationID, role: .editor)
        }
        let editor = try await TestPeople.credentials(env, role: .editor)
        let (token, stored) = try await env.authentication.createToken(email: editor.person.email, organisationID: env.organisationID, role: .viewer)
        #expect(stored.hash == Secrets.digest(token))
        #expect(try await store.tokens().allSatisfy { $0.hash != token })
        #expect(try await env.authentication.identity(bearer: token)?.role == .viewer)
    }

    @Test("An action lead may update the actions they lead and no others")
    func actionLead() async throws {
        try await withTestApp(as: nil) { client, env, store in
            let contents = try await Page.demoPlan(env, store)
            let lead = "Principal Social Worker"
            let mine = try #require(contents.actions.first { $0.leads.contains(lead) })
            let other = try #require(contents.actions.first { !$0.leads.contains(lead) })
            let me = try await TestPeople.credentials(env, role: .actionLead, name: lead)
            let fields = [("author", lead), ("day", "23"), ("month", "11"), ("year", "2026"), ("text", "Progress"), ("csrf", me.csrf)]
            let (headers, body) = Self.form(fields, cookie: me.sessionToken)
            try await client.execute(uri: "/actions/\(mine.id)/updates", method: .post, headers: headers, body: body) { response in
                #expect(response.status == .seeOther)
            }
            try await client.execute(uri: "/actions/\(other.id)/updates", method: .post, headers: headers, body: body) { response in
                #expect(response.status == .forbidden)
            }
            // The forms show only where they can be used.
            try await client.execute(uri: "/actions/\(other.id)", method: .get, headers: Self.cookieHeader(me.sessionToken)) { response in
                #expect(response.status == .ok)
                #expect(!response.text.contains("id=\"add-update\""))
            }
            try await client.execute(uri: "/actions/\(mine.id)", method: .get, headers: Self.cookieHeader(me.sessionToken)) { response in
                #expect(response.text.contains("id=\"add-update\""))
            }
        }
    }

    @Test("A reset link sets a new password once, signs the person out everywhere and lifts a lockout")
    func passwordReset() async throws {
        try await withTestApp(as: nil) { client, env, _ in
            let me = try await TestPeople.credentials(env, role: .editor, name: "Reset Person")
            let (token, _) = try await env.authentication.startPasswordReset(email: me.person.email)
            try await client.execute(uri: "/reset/\(token)", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("Set a new password"))
            }
            let weak = Self.preSessionForm([("password", "password1234"), ("confirm", "password1234")])
            try await client.execute(uri: "/reset/\(token)", method: .post, headers: weak.0, body: weak.1) { response in
                #expect(response.status == .badRequest)
                #expect(response.text.contains("too common"))
            }
            let good = Self.preSessionForm([("password", "marmalade orbit pencil"), ("confirm", "marmalade orbit pencil")])
            try await client.execute(uri: "/reset/\(token)", method: .post, headers: good.0, body: good.1) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/login?done=password")
            }
            #expect(try await !Self.isSignedIn(client, me.sessionToken))
            #expect(try await Self.signIn(client, email: me.person.email, password: "marmalade orbit pencil").0 == .seeOther)
            try await client.execute(uri: "/reset/\(token)", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.text.contains("expired or has already been used"))
            }
        }
    }

    @Test("Administrators invite people (who get a link to join) and remove them from the organisation; others may not")
    func people() async throws {
        try await withTestApp(as: .administrator) { client, env, store in
            try await client.execute(uri: "/people", method: .post, headers: formHeaders,
                                     body: formEncoded([("name", "New Person"), ("email", "New.Person@Test.example"), ("role", "viewer")])) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("/invitations/"))
                #expect(response.text.contains("new.person@test.example has been invited to join as viewer"))
                #expect(response.text.contains("Invited (until"))
            }
            let colleague = try await TestPeople.credentials(env, role: .editor, name: "Ed Colleague")
            try await client.execute(uri: "/people/\(colleague.person.id)/disable", method: .post, headers: formHeaders, body: formEncoded([])) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/people?saved=removed")
            }
            #expect(try await store.members(organisationID: env.organisationID).contains { $0.person.id == colleague.person.id } == false)
            #expect(try await !Self.isSignedIn(client, colleague.sessionToken))
            // The account itself is not disabled: that is the operator's, on the command line.
            #expect(try await store.person(id: colleague.person.id)?.isDisabled == false)
        }
        try await withTestApp(as: .editor) { client, _, _ in
            try await client.execute(uri: "/people", method: .get) { response in
                #expect(response.status == .forbidden)
                #expect(response.text.contains("You do not have permission"))
            }
        }
    }

    @Test("A disabled account cannot sign in, and its sessions and tokens stop working")
    func disabled() async throws {
        try await withTestApp(as: nil) { client, env, store in
            let me = try await TestPeople.credentials(env, role: .editor)
            try await store.setDisabled(personID: me.person.id, true, at: Date())
            #expect(try await Self.signIn(client, email: me.person.email, password: TestPeople.password).0 == .badRequest)
            #expect(try await !Self.isSignedIn(client, me.sessionToken))
            #expect(try await env.authentication.identity(bearer: me.apiToken) == nil)
        }
    }
}

@Suite("Password rules")
struct PasswordRulesTests {
    let rules = PasswordRules.common

    @Test("Short, common and personal passwords are refused; a long phrase passes", arguments: [
        ("short", "at least 12"),
        ("password1234", "too common"),
        ("Qwertyuiop12", "too common"),
        ("aaaaaaaaaaaaaaaa", "too common"),
        ("sam.okafor-is-great", "name or email"),
        ("okafor sam extra long", nil as String?),
    ] as [(String, String?)])
    func rule(password: String, problem: String?) {
        let found = rules.problem(with: password, email: "sam.okafor@example.org", name: "Sam Okafor")
        if let problem {
            #expect(found?.contains(problem) == true, "\(password): \(found ?? "accepted")")
        } else {
            #expect(found == nil, "\(password): \(found ?? "")")
        }
    }

    @Test("The deny list ships with the app and has hundreds of entries")
    func denyList() {
        #expect(rules.denied.count > 300)
        #expect(rules.denied.contains("password1234"))
    }

    @Test("No composition rules: a long lower-case phrase is fine")
    func noComposition() {
        #expect(rules.problem(with: "correct purple teapot", email: "a@b.example", name: "A B") == nil)
    }
}
