import Core
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Web

/// At most 10 refused sign-ins per client address in 5 minutes, whatever the emails tried.
@Suite("Sign-in rate limit per address")
struct SignInRateLimitTests {
    static func attempt(_ client: any TestClientProtocol, email: String, password: String) async throws -> TestResponse {
        let (headers, body) = SignInTests.preSessionForm([("email", email), ("password", password)])
        return try await client.execute(uri: "/login", method: .post, headers: headers, body: body) { $0 }
    }

    @Test("The 11th attempt from one address is refused with 429 and Retry-After, even with new emails and the right password")
    func eleventhAttempt() async throws {
        let clock = TestClock()
        try await withTestApp(as: nil, clock: clock) { client, env, _ in
            let me = try await TestPeople.credentials(env, role: .viewer)
            for attempt in 1...10 {
                let response = try await Self.attempt(client, email: "guess-\(attempt)@test.example", password: "not the password at all")
                #expect(response.status == .badRequest, "attempt \(attempt)")
            }
            clock.advance(by: 60)
            let response = try await Self.attempt(client, email: me.person.email, password: TestPeople.password)
            #expect(response.status == .tooManyRequests)
            #expect(response.headers[.retryAfter] == "240")
            #expect(response.text.contains("There have been too many failed attempts to sign in from your network. Wait 4 minutes, then try again."))
            #expect(SignInTests.sessionCookie(response) == nil)
            // The accounts tried are not locked by it: once the window passes, the right password works.
            clock.advance(by: 4 * 60)
            #expect(try await Self.attempt(client, email: me.person.email, password: TestPeople.password).status == .seeOther)
        }
    }

    @Test("Another address still gets through while one is held back")
    func otherAddress() async throws {
        try await withTestApp(as: nil) { client, env, _ in
            let me = try await TestPeople.credentials(env, role: .viewer)
            for _ in 1...10 { try await env.signInRateLimit.recordRefusal(address: "203.0.113.9", at: env.now()) }
            #expect(try await env.signInRateLimit.wait(address: "203.0.113.9", at: env.now()) != nil)
            // The test client's requests come from another address (none, over the test channel).
            #expect(try await Self.attempt(client, email: me.person.email, password: TestPeople.password).status == .seeOther)
        }
    }

    @Test("A successful sign-in does not count towards the limit")
    func successesDoNotCount() async throws {
        try await withTestApp(as: nil) { client, env, _ in
            let me = try await TestPeople.credentials(env, role: .viewer)
            for _ in 1...12 {
                #expect(try await Self.attempt(client, email: me.person.email, password: TestPeople.password).status == .seeOther)
            }
        }
    }
}
