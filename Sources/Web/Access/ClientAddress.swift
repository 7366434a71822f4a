import Foundation
import HTTPTypes
import Hummingbird
#if canImport(Glibc)
import Glibc
#endif

/// An IP address or a block of them (`10.0.0.0/8`, `192.0.2.7`, `fd00::/8`, `::1`): the reverse
/// proxies and load balancers whose word on the client's address is taken (`serve --trusted-proxy`).
public struct AddressRange: Sendable, Hashable, CustomStringConvertible {
    let network: [UInt8]
    let prefix: Int
    public let description: String

    /// Nil for text that is not an address or an address with a prefix length its family allows.
    public init?(_ text: String) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "/", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let bytes = IPAddress.bytes(String(parts[0])) else { return nil }
        let bits = bytes.count * 8
        var prefix = bits
        if parts.count == 2 {
            // Digits only: "+8" or " 8" is not a prefix length.
            guard !parts[1].isEmpty, parts[1].count <= 3, parts[1].allSatisfy(\.isASCII), parts[1].allSatisfy(\.isNumber),
                  let length = Int(parts[1]), length <= bits else { return nil }
            prefix = length
        }
        network = IPAddress.masked(bytes, prefix: prefix)
        self.prefix = prefix
        description = (IPAddress.text(network) ?? String(parts[0])) + (prefix == bits ? "" : "/" + String(prefix))
    }

    func contains(_ address: [UInt8]) -> Bool {
        address.count == network.count && IPAddress.masked(address, prefix: prefix) == network
    }
}

/// Who is asking, when Oversight stands behind a reverse proxy. The socket's peer is then the
/// proxy, and every person would share one address — one sign-in rate limit for the whole
/// council, and the proxy's address in the audit trail. A proxy the operator trusts appends the
/// address it was connected from to `X-Forwarded-For`; anything to the left of that was written
/// by the client and may be forged. So the header is read from the right, only while the hop that
/// wrote it is trusted, and the first address not trusted is the client's.
public enum ClientAddress {
    static let forwardedFor = HTTPField.Name("X-Forwarded-For")

    /// The client's address: `peer` itself unless `peer` is a trusted proxy.
    public static func resolve(peer: String?, forwardedFor: [String], trusted: [AddressRange]) -> String? {
        guard let peer, !trusted.isEmpty, let peerBytes = IPAddress.bytes(peer), isTrusted(peerBytes, trusted) else { return peer }
        var client = IPAddress.text(peerBytes) ?? peer
        let hops = forwardedFor.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
        for hop in hops.reversed() {
            // Not an address (a proxy that writes "unknown", or a forged header's noise): the last
            // trusted hop is as far as the chain can be followed.
            guard let bytes = IPAddress.bytes(IPAddress.withoutPort(hop)) else { return client }
            client = IPAddress.text(bytes) ?? client
            if !isTrusted(bytes, trusted) { return client }
        }
        return client
    }

    static func isTrusted(_ address: [UInt8], _ trusted: [AddressRange]) -> Bool {
        trusted.contains { $0.contains(address) }
    }
}

/// IPv4 and IPv6 addresses as bytes, through the C library's own parser and printer.
enum IPAddress {
    /// 4 bytes for IPv4 (an IPv4 address mapped into IPv6, `::ffff:10.0.0.1`, included), 16 for IPv6.
    static func bytes(_ text: String) -> [UInt8]? {
        guard !text.isEmpty, text.count <= 64 else { return nil }
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            return withUnsafeBytes(of: &v4) { Array($0) }
        }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, text, &v6) == 1 else { return nil }
        let bytes = withUnsafeBytes(of: &v6) { Array($0) }
        if bytes.prefix(10).allSatisfy({ $0 == 0 }) && bytes[10] == 0xff && bytes[11] == 0xff { return Array(bytes.suffix(4)) }
        return bytes
    }

    /// The usual way of writing the address (lower-case, `::` for the longest run of zeros).
    static func text(_ bytes: [UInt8]) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        let written: UnsafePointer<CChar>? = bytes.withUnsafeBufferPointer { source in
            guard let base = source.baseAddress else { return nil }
            return inet_ntop(bytes.count == 4 ? AF_INET : AF_INET6, base, &buffer, socklen_t(buffer.count))
        }
        guard written != nil else { return nil }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func masked(_ bytes: [UInt8], prefix: Int) -> [UInt8] {
        bytes.enumerated().map { index, byte in
            let bits = max(0, min(8, prefix - index * 8))
            return bits == 8 ? byte : byte & ~(UInt8(0xff) >> bits)
        }
    }

    /// `203.0.113.5:4711` → `203.0.113.5`; `[2001:db8::1]:443` → `2001:db8::1`. Some proxies add the port.
    static func withoutPort(_ hop: String) -> String {
        if hop.hasPrefix("["), let close = hop.firstIndex(of: "]") {
            return String(hop[hop.index(after: hop.startIndex)..<close])
        }
        let colons = hop.filter { $0 == ":" }.count
        if colons == 1, let colon = hop.firstIndex(of: ":") { return String(hop[..<colon]) }
        return hop
    }
}

/// Puts the client's address, as a trusted proxy forwards it, on the request's context before
/// anyone is signed in, rate limited or audited.
struct ClientAddressMiddleware: RouterMiddleware {
    let trusted: [AddressRange]

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) async throws -> Response) async throws -> Response {
        var context = context
        let forwarded = ClientAddress.forwardedFor.map { request.headers[values: $0] } ?? []
        context.remoteAddress = ClientAddress.resolve(peer: context.remoteAddress, forwardedFor: forwarded, trusted: trusted)
        return try await next(request, context)
    }
}
