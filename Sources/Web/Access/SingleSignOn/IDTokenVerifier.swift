import Core
import Foundation
import JWTKit

/// Checks an ID token: its algorithm, its signature against the provider's published keys (by
/// jwt-kit), then issuer, audience, expiry, issue time and nonce (by `SSORules`). The callback
/// and the tests both come through here.
struct IDTokenVerifier: Sendable {
    var client: OpenIDClient
    var now: @Sendable () -> Date

    func verify(_ token: String, provider: SSOProvider, configuration: OpenIDConfiguration, nonce: String) async throws(SSORefusal) -> SSOClaims {
        let header = try Self.header(of: token)
        let alg = header.alg ?? "none"
        guard SSORules.allowedAlgorithms.contains(alg) else {
            throw .algorithmNotAllowed(String(alg.prefix(20).filter { $0.isLetter || $0.isNumber }))
        }
        guard let keys = try await client.keys(for: configuration, kid: header.kid) else { throw .signatureNotVerified }
        var payload: IDTokenPayload
        do {
            payload = try await keys.verify(token, as: IDTokenPayload.self)
        } catch {
            // A token with no `kid` (oidc-provider-mock's, and some providers' with one key)
            // cannot say the provider has rotated: try the provider's keys fetched again, under
            // the same once-a-minute limit as an unknown `kid`.
            guard header.kid == nil, let fresh = try await client.refetchedKeys(for: configuration),
                  let verified = try? await fresh.verify(token, as: IDTokenPayload.self) else { throw .signatureNotVerified }
            payload = verified
        }
        let claims = payload.claims(groupClaim: provider.groupClaim)
        if let problem = SSORules.problem(with: claims, issuer: provider.issuer, clientID: provider.clientID, nonce: nonce, now: now()) {
            throw problem
        }
        return claims
    }

    struct Header: Decodable {
        var alg: String?
        var kid: String?
    }

    /// The token's header, read before any key is chosen: it names the algorithm and key.
    static func header(of token: String) throws(SSORefusal) -> Header {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let data = base64URLDecoded(String(parts[0])),
              let header = try? JSONDecoder().decode(Header.self, from: data) else { throw .signatureNotVerified }
        return header
    }

    static func base64URLDecoded(_ text: String) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        return Data(base64Encoded: base64)
    }
}

/// Any JSON value of a claim.
enum ClaimValue: Codable, Sendable, Hashable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case array([ClaimValue])
    case object([String: ClaimValue])
    case null

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([ClaimValue].self) { self = .array(value) }
        else { self = .object(try container.decode([String: ClaimValue].self)) }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case let .string(value): try container.encode(value)
        case let .number(value): try container.encode(value)
        case let .bool(value): try container.encode(value)
        case let .array(value): try container.encode(value)
        case let .object(value): try container.encode(value)
        case .null: try container.encodeNil()
        }
    }

    var string: String? { if case let .string(value) = self { value } else { nil } }

    /// A list of strings, or one string as a list of one.
    var strings: [String] {
        switch self {
        case let .string(value): [value]
        case let .array(values): values.compactMap(\.string)
        default: []
        }
    }

    var date: Date? { if case let .number(value) = self, value.isFinite { Date(timeIntervalSince1970: value) } else { nil } }

    /// Entra ID and others send `true`; some send `"true"`.
    var bool: Bool? {
        switch self {
        case let .bool(value): value
        case let .string(value): value == "true" ? true : (value == "false" ? false : nil)
        default: nil
        }
    }
}

/// An ID token's payload, every claim kept: the group claim's name is configured per provider.
struct IDTokenPayload: JWTPayload {
    var values: [String: ClaimValue]

    init(values: [String: ClaimValue]) { self.values = values }

    init(from decoder: any Decoder) throws {
        values = try decoder.singleValueContainer().decode([String: ClaimValue].self)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(values)
    }

    /// The checks of the claims are `SSORules.problem`'s, made after the signature is verified.
    func verify(using algorithm: some JWTAlgorithm) async throws {}

    func claims(groupClaim: String) -> SSOClaims {
        SSOClaims(issuer: values["iss"]?.string ?? "", subject: values["sub"]?.string ?? "", audience: values["aud"]?.strings ?? [],
                  expiresAt: values["exp"]?.date, issuedAt: values["iat"]?.date, nonce: values["nonce"]?.string,
                  email: values["email"]?.string, emailVerified: values["email_verified"]?.bool,
                  preferredUsername: values["preferred_username"]?.string, oid: values["oid"]?.string,
                  name: values["name"]?.string, groups: values[groupClaim]?.strings ?? [])
    }
}
