import Core
import Foundation
import Store
import Testing
@testable import Web

/// The rate limit per address is in the database: two servers on one database hold an address
/// to one limit, and attempts sent to both at once see each other.
@Suite("Sign-in rate limit across two servers on one database")
struct SignInRateLimitAcrossServersTests {
    @Test("100 attempts from one address spread over two servers at once: 10 are admitted, 90 wait")
    func sharedWindow() async throws {
        let path = try await WebTestDatabase.newDatabase()
        let storeA = try await SQLStore.open(path)
        let storeB = try await SQLStore.open(path)
        let serverA = SignInRateLimit(rules: SignInRules(), attempts: storeA)
        let serverB = SignInRateLimit(rules: SignInRules(), attempts: storeB)
        let now = Date(timeIntervalSince1970: 1_795_000_000)
        let admissions = await withTaskGroup(of: SignInRateLimit.Admission?.self) { group in
            for index in 0..<100 {
                let server = index.isMultiple(of: 2) ? serverA : serverB
                group.addTask { try? await server.admit(address: "203.0.113.9", account: "person\(index)@example.org", at: now) }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(admissions.filter { if case .admitted = $0 { true } else { false } }.count == 10)
        #expect(admissions.filter { $0 == .wait(300) }.count == 90)
        // Either server now holds the address back; another address still gets through.
        #expect(try await serverA.wait(address: "203.0.113.9", at: now.addingTimeInterval(60)) == 240)
        #expect(try await serverB.wait(address: "203.0.113.9", at: now.addingTimeInterval(60)) == 240)
        if case .admitted = try await serverB.admit(address: "198.51.100.1", account: "sam@example.org", at: now) {} else {
            Issue.record("another address was held back")
        }
        // Once the window has passed, the address may try again (on either server).
        if case .admitted = try await serverA.admit(address: "203.0.113.9", account: "sam@example.org", at: now.addingTimeInterval(301)) {} else {
            Issue.record("the address was still held back after its window")
        }
        try await storeA.close()
        try await storeB.close()
        await WebTestDatabase.removeDatabase(path)
    }
}
