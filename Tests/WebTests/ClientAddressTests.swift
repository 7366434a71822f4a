import Core
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Web

/// Behind a reverse proxy every connection comes from the proxy: `--trusted-proxy` names the
/// proxies whose `X-Forwarded-For` is believed, read from the right, so a client cannot choose
/// its own address by sending the header itself.
@Suite("The client's address behind a trusted proxy")
struct ClientAddressTests {
    static let proxies = ["10.0.0.0/8", "2001:db8:1::/48"].compactMap(AddressRange.init)

    @Test("Addresses and blocks are read as written, and anything else is refused")
    func ranges() {
        #expect(AddressRange("10.0.0.0/8")?.description == "10.0.0.0/8")
        #expect(AddressRange("10.1.2.3/8")?.description == "10.0.0.0/8")
        #expect(AddressRange("192.0.2.7")?.description == "192.0.2.7")
        #expect(AddressRange("2001:DB8:1:0::/48")?.description == "2001:db8:1::/48")
        #expect(AddressRange("::1")?.description == "::1")
        #expect(AddressRange(" 127.0.0.1 ")?.description == "127.0.0.1")
        for bad in ["", "proxy.example", "10.0.0.0/33", "::1/129", "10.0.0.0/", "10.0.0.0/+8", "10.0.0.0/ 8", "10.0.0", "10.0.0.0/8/8", "1.2.3.4.5",
                    String(repeating: "1", count: 100)] {
            #expect(AddressRange(bad) == nil, "\(bad)")
        }
        let block = AddressRange("172.16.0.0/12")
        #expect(block?.contains(IPAddress.bytes("172.31.255.255") ?? []) == true)
        #expect(block?.contains(IPAddress.bytes("172.32.0.0") ?? []) == false)
        #expect(block?.contains(IPAddress.bytes("::ffff:172.16.0.1") ?? []) == true, "an IPv4 address mapped into IPv6 is the IPv4 address")
    }

    @Test("The first address from the right not written by a trusted proxy is the client's")
    func resolve() {
        func client(_ peer: String?, _ header: [String], trusted: [AddressRange] = ClientAddressTests.proxies) -> String? {
            ClientAddress.resolve(peer: peer, forwardedFor: header, trusted: trusted)
        }
        // No trusted proxy: the header is ignored, whoever sends it.
        #expect(client("10.0.0.5", ["203.0.113.5"], trusted: []) == "10.0.0.5")
        // A peer that is not a trusted proxy: its header is its own word, ignored.
        #expect(client("198.51.100.20", ["203.0.113.5"]) == "198.51.100.20")
        // The proxy appends the address it was connected from; what the client wrote is to its left.
        #expect(client("10.0.0.5", ["198.51.100.66, 203.0.113.5"]) == "203.0.113.5")
        // Two proxies, the header given twice: read as one list.
        #expect(client("10.0.0.5", ["198.51.100.66", "203.0.113.5, 10.0.0.9"]) == "203.0.113.5")
        // Every hop trusted: the furthest one.
        #expect(client("10.0.0.5", ["10.0.0.8, 10.0.0.9"]) == "10.0.0.8")
        // No header from a trusted proxy: the proxy itself.
        #expect(client("10.0.0.5", []) == "10.0.0.5")
        // Not an address: the chain stops at the last hop that could be trusted.
        #expect(client("10.0.0.5", ["203.0.113.5, unknown"]) == "10.0.0.5")
        #expect(client("10.0.0.5", ["203.0.113.5, 10.0.0.9, <script>"]) == "10.0.0.5")
        // Ports and brackets some proxies add; IPv6 written the usual way.
        #expect(client("10.0.0.5", ["203.0.113.5:4711"]) == "203.0.113.5")
        #expect(client("2001:db8:1::7", ["[2001:DB8:FFFF:0:0:0:0:1]:443"]) == "2001:db8:ffff::1")
        #expect(client("::ffff:10.0.0.5", ["203.0.113.5"]) == "203.0.113.5")
        // A header as long as a proxy chain could make it: read once, from the right.
        let long = Array(repeating: "10.0.0.9", count: 50_000).joined(separator: ", ")
        #expect(client("10.0.0.5", ["203.0.113.5, " + long]) == "203.0.113.5")
        #expect(client("10.0.0.5", [String(repeating: "9", count: 100_000)]) == "10.0.0.5", "a huge entry is not an address")
        // No peer at all (a test channel): nothing to trust.
        #expect(client(nil, ["203.0.113.5"]) == nil)
    }

    @Test("Behind a trusted proxy the sign-in limit holds each person's own address back; without one, the header is ignored")
    func rateLimitBehindAProxy() async throws {
        let (base, store) = try await makeTestEnvironment()
        defer { Task { await removeTestEnvironment(store) } }
        let me = try await TestPeople.credentials(base, role: .viewer)
        for trusted in [true, false] {
            var environment = base
            environment.security.trustedProxies = trusted ? ["127.0.0.1", "::1"].compactMap(AddressRange.init) : []
            let app = Application(router: buildRouter(environment: environment))
            let prefix = trusted ? "203.0.113" : "198.51.100"
            try await app.test(.live) { client in
                // Wrong guesses at addresses with no account (so no account is locked), then the right password.
                func attempt(from address: String, email: String = "guess@test.example", password: String = "not the password at all") async throws -> HTTPResponse.Status {
                    var (headers, body) = SignInTests.preSessionForm([("email", email), ("password", password)])
                    headers[HTTPField.Name("X-Forwarded-For")!] = address
                    return try await client.execute(uri: "/login", method: .post, headers: headers, body: body) { $0 }.status
                }
                // Ten refusals for one person behind the proxy...
                for n in 1...10 {
                    let status = try await attempt(from: "\(prefix).5")
                    #expect(status == .badRequest, "attempt \(n)")
                }
                let again = try await attempt(from: "\(prefix).5")
                let neighbour = try await attempt(from: "\(prefix).6", email: me.person.email, password: TestPeople.password)
                if trusted {
                    // ...hold that address back, and no one else behind the same proxy.
                    #expect(again == .tooManyRequests)
                    #expect(neighbour == .seeOther)
                } else {
                    // Without a trusted proxy a client cannot dodge the limit by naming another address.
                    #expect(again == .tooManyRequests)
                    #expect(neighbour == .tooManyRequests)
                }
            }
        }
    }
}
