import Core
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Web

/// A burst of sign-ins sent at once must meet the same limits as the same attempts sent one by
/// one: each is admitted (or not) before its password is checked, and the lockout counts every
/// failure.
@Suite("Sign-in under parallel requests")
struct ParallelSignInTests {
    /// Sends `count` sign-ins at once through the router; returns their statuses.
    static func burst(_ client: any TestClientProtocol, count: Int, email: String, password: String) async throws -> [HTTPResponse.Status] {
        try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
            for _ in 0..<count {
                group.addTask {
                    let (headers, body) = SignInTests.preSessionForm([("email", email), ("password", password)])
                    return try await client.execute(uri: "/login", method: .post, headers: headers, body: body) { $0.status }
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
    }

    @Test("100 wrong passwords at once: at most 10 reach bcrypt, the rest get 429, and the account is locked before the right password works")
    func hundredAtOnce() async throws {
        let clock = TestClock()
        try await withTestApp(as: nil, clock: clock) { client, env, store in
            let me = try await TestPeople.credentials(env, role: .editor)
            let checks = PasswordHasher.CheckCount()
            let statuses = try await PasswordHasher.$checks.withValue(checks) {
                try await Self.burst(client, count: 100, email: me.person.email, password: "not the password at all")
            }
            let checked = await checks.count
            #expect(checked <= 10, "\(checked) passwords reached bcrypt")
            #expect(checked >= 1)
            #expect(statuses.filter { $0 == .tooManyRequests }.count >= 90)
            #expect(statuses.allSatisfy { $0 == .tooManyRequests || $0 == .badRequest })
            // Every failure was counted: the account is locked, and stays so after the address may try again.
            let person = try #require(try await store.person(id: me.person.id))
            #expect(person.lockedUntil != nil)
            clock.advance(by: 5 * 60)
            let (afterWindow, _, cookie) = try await SignInTests.signIn(client, email: me.person.email, password: TestPeople.password)
            #expect(afterWindow == .badRequest)
            #expect(cookie == nil)
            clock.advance(by: 10 * 60)
            #expect(try await SignInTests.signIn(client, email: me.person.email, password: TestPeople.password).0 == .seeOther)
        }
    }

    @Test("Five wrong passwords sent at once are each counted: the account is locked and the right one is refused")
    func everyFailureCounted() async throws {
        let clock = TestClock()
        try await withTestApp(as: nil, clock: clock) { client, env, store in
            let me = try await TestPeople.credentials(env, role: .editor)
            // Read-then-write counting saw 0 in each of the five and stored 1.
            _ = try await Self.burst(client, count: 5, email: me.person.email, password: "not the password at all")
            #expect(try await store.person(id: me.person.id)?.lockedUntil != nil)
            let (status, _, cookie) = try await SignInTests.signIn(client, email: me.person.email, password: TestPeople.password)
            #expect(status == .badRequest)
            #expect(cookie == nil)
        }
    }

    @Test("No more attempts on one account are checked at once than it takes to lock it")
    func perAccountCap() async throws {
        // Over a database, as the server keeps the address window.
        try await withTestApp(as: nil) { _, _, store in
            let limit = SignInRateLimit(rules: SignInRules(), attempts: store)
            let now = Date(timeIntervalSince1970: 1_795_000_000)
            var tickets: [SignInRateLimit.Ticket] = []
            // From different addresses, so only the account's cap applies.
            for index in 1...5 {
                guard case let .admitted(ticket) = try await limit.admit(address: "198.51.100.\(index)", account: "sam@example.org", at: now) else {
                    Issue.record("attempt \(index) was not admitted")
                    return
                }
                tickets.append(ticket)
            }
            #expect(try await limit.admit(address: "198.51.100.6", account: "sam@example.org", at: now) == .refused)
            #expect(try await limit.admit(address: "198.51.100.7", account: "someone.else@example.org", at: now) != .refused)
            // One finishes: another may be checked.
            await limit.finish(tickets[0], succeeded: false)
            if case .admitted = try await limit.admit(address: "198.51.100.8", account: "sam@example.org", at: now) {} else {
                Issue.record("an attempt was not admitted after one finished")
            }
        }
    }

    @Test("An address's attempts in flight count against its limit; a success gives its place back")
    func inFlightCounts() async throws {
        // Over a database, as the server keeps the address window.
        try await withTestApp(as: nil) { _, _, store in
            let limit = SignInRateLimit(rules: SignInRules(), attempts: store)
            let now = Date(timeIntervalSince1970: 1_795_000_000)
            var tickets: [SignInRateLimit.Ticket] = []
            for index in 1...10 {
                guard case let .admitted(ticket) = try await limit.admit(address: "203.0.113.9", account: "person\(index)@example.org", at: now) else {
                    Issue.record("attempt \(index) was not admitted")
                    return
                }
                tickets.append(ticket)
            }
            #expect(try await limit.admit(address: "203.0.113.9", account: "person11@example.org", at: now) == .wait(300))
            await limit.finish(tickets[3], succeeded: true)
            if case .admitted = try await limit.admit(address: "203.0.113.9", account: "person12@example.org", at: now) {} else {
                Issue.record("a success did not give its place back")
            }
        }
    }
}
