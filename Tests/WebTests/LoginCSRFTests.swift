import Core
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Web

/// Another site must not be able to sign a visitor's browser in (to the attacker's account) or
/// post a reset or invitation form: the browser's `Origin` and `Sec-Fetch-Site`, and the
/// pre-session token of the page that showed the form, are checked first.
@Suite("Login CSRF")
struct LoginCSRFTests {
    static func post(_ client: any TestClientProtocol, _ uri: String, fields: [(String, String)], extra: HTTPFields = [:],
                     token: String? = SignInTests.formToken) async throws -> TestResponse {
        var (headers, body) = SignInTests.preSessionForm(fields, token: token)
        for field in extra { headers[field.name] = field.value }
        return try await client.execute(uri: uri, method: .post, headers: headers, body: body) { $0 }
    }

    static let foreign: [HTTPFields] = [
        [.origin: "https://evil.example"],
        [.origin: "null"],
        [.origin: "http://127.0.0.1:8080.evil.example"],
        [.origin: "http://localhost.evil.example"],
        [HTTPField.Name("Sec-Fetch-Site")!: "cross-site"],
        [HTTPField.Name("Sec-Fetch-Site")!: "same-site"],
        // A right Origin does not excuse a cross-site fetch.
        [.origin: "http://127.0.0.1:8080", HTTPField.Name("Sec-Fetch-Site")!: "cross-site"],
    ]

    @Test("A sign-in sent from another site is refused with 403, even with the right password", arguments: foreign)
    func foreignSignIn(headers: HTTPFields) async throws {
        try await withTestApp(as: nil) { client, env, _ in
            let me = try await TestPeople.credentials(env, role: .viewer)
            let response = try await Self.post(client, "/login", fields: [("email", me.person.email), ("password", TestPeople.password)], extra: headers)
            #expect(response.status == .forbidden)
            #expect(response.text.contains("This form was sent from another website"))
            #expect(SignInTests.sessionCookie(response) == nil)
        }
    }

    @Test("A reset or invitation form sent from another site is refused with 403 and changes nothing", arguments: foreign)
    func foreignReset(headers: HTTPFields) async throws {
        try await withTestApp(as: nil) { client, env, store in
            let me = try await TestPeople.credentials(env, role: .viewer)
            let (token, _) = try await env.authentication.startPasswordReset(email: me.person.email)
            let fields = [("password", "marmalade orbit pencil"), ("confirm", "marmalade orbit pencil")]
            #expect(try await Self.post(client, "/reset/\(token)", fields: fields, extra: headers).status == .forbidden)
            #expect(try await store.person(id: me.person.id)?.passwordHash == me.person.passwordHash)
            let (invitation, _) = try await env.authentication.invite(email: "newcomer@test.example", name: "New Comer", role: .viewer,
                                                                       organisationID: env.organisationID)
            #expect(try await Self.post(client, "/invitations/\(invitation)", fields: fields, extra: headers).status == .forbidden)
            #expect(try await store.person(email: "newcomer@test.example") == nil)
        }
    }

    @Test("The browser's own origin — the site's address or the Host it asked for — is accepted")
    func ownOrigin() async throws {
        try await withTestApp(as: nil) { client, env, _ in
            let me = try await TestPeople.credentials(env, role: .viewer)
            let fields = [("email", me.person.email), ("password", TestPeople.password)]
            let site = HTTPField.Name("Sec-Fetch-Site")!
            for headers: HTTPFields in [[.origin: env.security.siteAddress, site: "same-origin"],
                                        // The router's test requests ask for Host `localhost`.
                                        [.origin: "http://localhost"],
                                        [site: "none"], [:]] {
                let response = try await Self.post(client, "/login", fields: fields, extra: headers)
                #expect(response.status == .seeOther, "\(headers)")
                #expect(SignInTests.sessionCookie(response) != nil)
            }
        }
    }

    @Test("A sign-in without the sign-in page's token, or with another one, is refused without checking the password")
    func preSessionToken() async throws {
        try await withTestApp(as: nil) { client, env, store in
            let me = try await TestPeople.credentials(env, role: .viewer)
            let fields = [("email", me.person.email), ("password", TestPeople.password)]
            // No cookie and no field.
            let bare = try await Self.post(client, "/login", fields: fields, token: nil)
            #expect(bare.status == .badRequest)
            #expect(bare.text.contains("The sign-in form has expired. Sign in again."))
            #expect(SignInTests.sessionCookie(bare) == nil)
            // A field that is not the cookie's value.
            var (headers, body) = SignInTests.preSessionForm(fields)
            headers[.cookie] = "\(PreSessionForm.cookieName)=\(String(repeating: "x", count: 43))"
            let mismatched = try await client.execute(uri: "/login", method: .post, headers: headers, body: body) { $0 }
            #expect(mismatched.status == .badRequest)
            #expect(SignInTests.sessionCookie(mismatched) == nil)
            // Neither counted as a failed password.
            #expect(try await store.person(id: me.person.id)?.failedAttempts == 0)
        }
    }

    @Test("The sign-in page sets the pre-session cookie and puts its value in the form; posting them back signs in")
    func pageCarriesToken() async throws {
        try await withTestApp(as: nil) { client, env, _ in
            let me = try await TestPeople.credentials(env, role: .viewer)
            let (token, html) = try await client.execute(uri: "/login", method: .get) { response in
                let cookie = response.headers[values: .setCookie].first { $0.hasPrefix("\(PreSessionForm.cookieName)=") } ?? ""
                #expect(cookie.contains("HttpOnly"))
                #expect(cookie.contains("SameSite=Strict"))
                return (String(cookie.dropFirst(PreSessionForm.cookieName.count + 1).prefix { $0 != ";" }), response.text)
            }
            #expect(token.count == 43)
            #expect(html.contains("name=\"csrf\" value=\"\(token)\""))
            let response = try await Self.post(client, "/login", fields: [("email", me.person.email), ("password", TestPeople.password)], token: token)
            #expect(response.status == .seeOther)
        }
    }

    @Test("A reset form without its pre-session token sets no password")
    func resetNeedsToken() async throws {
        try await withTestApp(as: nil) { client, env, store in
            let me = try await TestPeople.credentials(env, role: .viewer)
            let (token, _) = try await env.authentication.startPasswordReset(email: me.person.email)
            let response = try await Self.post(client, "/reset/\(token)", fields: [("password", "marmalade orbit pencil"), ("confirm", "marmalade orbit pencil")],
                                               token: nil)
            #expect(response.status == .badRequest)
            #expect(response.text.contains("The form has expired"))
            #expect(try await store.person(id: me.person.id)?.passwordHash == me.person.passwordHash)
        }
    }
}
